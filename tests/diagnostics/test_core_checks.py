"""The technician's headless checks that need no device: the ATR read, the upload error reduced to its
kind, the sync status of a real store, the redacted log export and the coarse camera preview."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta

import cv2
import numpy as np
import pytest

from drivers.camera.qr_reader import decode_qr
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.face import qr_image
from kiosk.diagnostics.camera_test import coarse_preview, qr_test
from kiosk.diagnostics.readers import NO, UNKNOWN, YES, atr_facts
from kiosk.diagnostics.sync_status import error_class, sync_status
from kiosk.logs import MASK, Redactor, export_logs
from kiosk.store import open_store
from kiosk.text import fold
from sync.client import AuditRefused
from tests.sync.factories import Clock, submitted

NAME, ID_NUMBER = "Nguyễn Thị Hồng Nhung", "001190012345"  # the factories' citizen


def _atr_with_historical(historical: bytes) -> bytes:
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for byte in body:
        tck ^= byte
    return b"\x3B" + body + bytes([tck])


def test_the_virtual_card_atr_is_a_contactless_card_offering_t0_and_t1_that_does_not_state_extended_length():
    facts = atr_facts(VirtualCard.atr)
    assert facts.contactless and facts.protocols == ("T=0", "T=1")
    assert facts.extended_length == UNKNOWN


@pytest.mark.parametrize("third_byte, expected", [(0x40, YES), (0x00, NO), (0xC0, YES)])
def test_extended_length_is_read_from_the_card_capabilities_in_the_historical_bytes(third_byte, expected):
    historical = bytes([0x80, 0x31, 0xB0, 0x73, 0x00, 0x00, third_byte])
    assert atr_facts(_atr_with_historical(historical)).extended_length == expected


def test_a_truncated_or_foreign_atr_says_nothing_rather_than_guess():
    assert atr_facts(_atr_with_historical(bytes([0x80, 0x73, 0x00]))).extended_length == UNKNOWN
    assert atr_facts(_atr_with_historical(b"JCOP31V232")).extended_length == UNKNOWN
    assert atr_facts(b"\x3B").protocols == ()


@pytest.mark.parametrize("stored, kind", [
    ("interrupted", "interrupted"),
    ("the province did not answer in time", "timeout"),
    ("the connection failed (Connection refused)", "connection"),
    ("the TLS handshake failed: the server is not the configured province", "tls"),
    ("creating the upload of a.pdf: 503 Service Unavailable", "server_error"),
    ("creating the dossier: 429 slow down", "rate_limited"),
    ("the pre-check answered 200, not 204: something else is in the way", "not_the_province"),
    (f"creating the dossier: 422 citizen {NAME} has an open dossier", "refused"),
    (f"something new about {NAME}", "other"),
    (str(AuditRefused("audit_rewound", 12, 3)), "audit_refused"),
    ("stored data fails its integrity check", "damaged"),  # what the relay stores with its DAMAGED
    (None, None),
])
def test_a_stored_upload_error_leaves_as_its_kind_only(stored, kind):
    assert error_class(stored) == kind


def test_sync_status_counts_the_queue_and_gives_the_last_error_as_a_kind(tmp_path):
    clock = Clock()
    with open_store(tmp_path / "store", tmp_path / "keys", "station-1") as store:
        first = submitted(store, clock)
        submitted(store, clock)
        store.begin_upload(first.id, now=clock())
        store.upload_failed(first.id, f"creating the dossier: 503 busy with {NAME} {ID_NUMBER}", now=clock())
        status = sync_status(store, now=clock.now + timedelta(minutes=10))
    assert status.queue == 2 and status.states["queued"] == 2
    assert status.bytes_pending == 2 * (20_000 + 5_000)
    assert 600 <= status.oldest_waiting_seconds <= 610
    assert status.last_error_class == "server_error" and status.last_error_status == 503
    shown = repr(status)
    assert NAME not in shown and ID_NUMBER not in shown


def test_the_log_export_is_one_zip_of_every_log_redacted_again_with_its_manifest(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "kiosk.log").write_text(f"read card of {NAME}\nok\n", encoding="utf-8")
    (logs / "kiosk.log.1").write_text(f"id {ID_NUMBER} and {fold(NAME).upper()}\n", encoding="utf-8")
    (logs / "notes.txt").write_text("not a log\n")
    redact = Redactor()
    redact.add([NAME])
    archive = export_logs(logs, tmp_path / "export", {"station_id": "station-1", "doctor": []}, redact)
    assert archive == tmp_path / "export.zip"
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == ["logs/kiosk.log", "logs/kiosk.log.1", "manifest.json"]
        texts = {name: opened.read(name).decode("utf-8") for name in opened.namelist()}
    assert texts["logs/kiosk.log"] == f"read card of {MASK}\nok\n"
    assert texts["logs/kiosk.log.1"] == f"id {MASK} and {MASK}\n"
    assert json.loads(texts["manifest.json"])["files"] == ["logs/kiosk.log", "logs/kiosk.log.1"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".logs-")] == []


def test_the_coarse_preview_shows_the_frame_but_no_code_can_be_read_from_it():
    code = np.asarray(qr_image(f"{ID_NUMBER}||{NAME}|01011990|Nữ|Hà Nội|01012021||").convert("RGB"))
    frame = np.full((480, 640, 3), 200, np.uint8)
    small = cv2.resize(code, (300, 300), interpolation=cv2.INTER_AREA)
    frame[90:390, 170:470] = small[:, :, ::-1]
    assert decode_qr(frame)  # the frame itself holds a readable code
    preview = coarse_preview(frame)
    assert preview.shape == (240, 320, 3)
    assert decode_qr(preview[:, :, ::-1]) == []
    assert decode_qr(cv2.resize(preview, (1280, 960), interpolation=cv2.INTER_CUBIC)) == []
    found = qr_test(frame)
    assert found.codes == 1 and found.characters == (len(decode_qr(frame)[0]),)
    assert NAME not in repr(found) and ID_NUMBER not in repr(found)

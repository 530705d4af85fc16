"""The intake workflow on the simulated station: the virtual card behind real pcscd, libsane's test
scanner, a real encrypted store and the reference provincial server. From the card's QR code to the
official dossier code, in process and through `kiosk intake run`; and every way an intake ends leaves
nothing of the citizen behind."""

from __future__ import annotations

import gc
import json
import logging
import os
import sqlite3
import subprocess
import sys

import numpy as np
import pytest

from drivers.card.trust import TrustStore
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.face import card_face
from drivers.card.virtual.profile import load_profile
from drivers.scanner.options import Source
from drivers.scanner.pipeline import PagePipeline
from drivers.scanner.worker import ScannerWorker
from kiosk.catalogs import load_procedures, load_units
from kiosk.config import load_config
from kiosk.domain import DOSSIER_CODE, Document, WalletItem
from kiosk.intake import (BatchRequest, CardNotGenuine, ConsentText, EndReason, Intake, IntakeError,
                          IntakeSetup, keys_from_qr)
from drivers.signing.pades import B_LT
from drivers.signing.verify import verify_pdf
from kiosk.logs import redactor
from kiosk.signing import StationSigner, signature_trust
from kiosk.store import open_store
from sync.client import HttpProvincialClient
from sync.relay import Relay
from tests.card.card_helpers import PROFILES
from tests.conftest import signing_settings, write_config
from tests.helpers.cards import READER, InsertedCard
from sync.reference_pki import make_signing_pki
from tests.sync.factories import pdf, unsigned_pdf

pytestmark = pytest.mark.station

PROFILE = load_profile(next(p for p in PROFILES if p.stem == "married-with-old-id"))
BIRTH = "1.001193"  # Đăng ký khai sinh: the form (1), the birth certificate (2), an authorisation (3, optional)
CERTIFICATE = "Giấy chứng sinh hoặc giấy tờ thay giấy chứng sinh"
CENTRE = "06970"  # Xã Ba Chẽ, Quảng Ninh


@pytest.fixture
def station_env(station, station_config, tmp_path):
    """A store of its own that delivers to the session's reference server."""
    file = write_config(tmp_path, endpoint=station_config.endpoint, ca_bundle=str(station_config.ca_bundle),
                        client_certificate=str(station_config.client_certificate),
                        client_key=str(station_config.client_key), key_dir=str(tmp_path / "keys"),
                        station_id=station_config.station_id, center_unit=CENTRE,
                        trust_store=str(station_config.simulation_dir / "trust"),
                        **signing_settings(station_config))
    return file, load_config(file, env={})


@pytest.fixture
def store(station_env):
    _, config = station_env
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        yield store


@pytest.fixture
def devices(station_config):
    with ScannerWorker(station_config.simulation_dir / "sane") as worker, PagePipeline() as pipeline:
        yield worker, pipeline


def make_intake(store, station_config, devices=(None, None), events=None, signer=None):
    worker, pipeline = devices
    setup = IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit=CENTRE,
                        received_by=station_config.station_id, consent=ConsentText.load(),
                        trust=TrustStore.load(station_config.simulation_dir / "trust"), reader=READER,
                        card_wait=2, scanner=worker, pipeline=pipeline, signer=signer)
    return Intake(setup, (events if events is not None else []).append)


def card(station_config, **faults) -> VirtualCard:
    return VirtualCard.from_profile(PROFILE, station_config.simulation_dir / "card-keys", **faults)


def qr_keys():
    return keys_from_qr(np.asarray(card_face(PROFILE)))


def keep_in_wallet(store, station_config) -> WalletItem:
    """What an earlier visit left: the birth certificate in the citizen's e-wallet on this station, signed
    under the stand's signing CA (the reference server refuses a PDF whose signature does not verify)."""
    signing = make_signing_pki(station_config.simulation_dir / "pki")
    item = WalletItem(PROFILE.id_number, CERTIFICATE, Document.from_pdf(pdf(6_000, signing), 1))
    store.save_wallet_item(item)
    return item


def deliver(store, config, dossier_id: str, seconds: float = 60) -> tuple[str, list[dict]]:
    """Runs the relay until the province gives the dossier's code; returns it with the citizen's e-wallet
    items as the province lists them back."""
    client = HttpProvincialClient(config.endpoint, config.ca_bundle, config.client_certificate, config.client_key)
    try:
        with Relay(store, client) as relay:
            code = relay.wait_for_code(dossier_id, seconds, poll=0.2)
        if code:
            return code, client.wallet_items(PROFILE.id_number)
    finally:
        client.close()
    raise AssertionError("the province gave no code")


def signatures_at_the_province(station_config, dossier_id: str) -> tuple[list[str], dict[str, str | None]]:
    """The files the dossier declared to the reference server, and its verdict on the signature of each
    upload, from the server's own database."""
    database = station_config.simulation_dir / "province" / "province.db"
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        (metadata,) = db.execute("SELECT metadata FROM dossiers WHERE id=?", (dossier_id,)).fetchone()
        verdicts = dict(db.execute("SELECT name, signature FROM uploads WHERE dossier=?", (dossier_id,)).fetchall())
    finally:
        db.close()
    return [entry["name"] for entry in json.loads(metadata)["files"]], verdicts


def test_from_the_cards_qr_code_to_the_official_code(station_env, store, station_config, devices):
    _, config = station_env
    item = keep_in_wallet(store, station_config)
    events = []
    signer = StationSigner(config)  # the stand's SoftHSM2 token, as StationServices opens it
    intake = make_intake(store, station_config, devices, events, signer)
    with InsertedCard(card(station_config)):
        citizen = intake.read_card(qr_keys()).result(60)
    assert citizen.full_name == PROFILE.full_name and citizen.id_number == PROFILE.id_number
    assert intake.verification["genuine"] and intake.verification["opened_with"] == "CAN (QR code)"
    assert intake.portrait and intake.portrait[:2] == b"\xff\xd8"
    intake.record_presence("officer", "passed")
    suggestion = intake.choose_procedure(BIRTH)
    assert suggestion.code is None  # a fictitious address: the officer picks the unit
    intake.confirm_unit(CENTRE)
    outcome = intake.scan(1, BatchRequest(source=Source.ADF, dpi=200, pages=2)).result(180)
    assert len(outcome.pages) == 2 and [s.how for s in intake.slots][:1] == ["scanned"]
    intake.reuse_wallet_item(CERTIFICATE, item.id)
    intake.accept_consent("vi")
    receipt = intake.submit().result(60)
    intake.end(EndReason.FINISHED)

    assert (receipt.procedure_code, receipt.receiving_unit, receipt.competent_unit) == (BIRTH, CENTRE, CENTRE)
    assert receipt.expected_result is not None  # the same day for a birth registration, a working day
    stored = store.load(receipt.local_reference)
    assert stored.state.value == "queued" and stored.citizen.consent.language == "vi"
    assert [p.method for p in stored.citizen.presence] == ["officer"]
    assert stored.citizen.verification["passive_auth"].value == "passed"
    scanned, reused, optional = stored.components
    assert scanned.document.page_count == 2 and reused.wallet_item_id == item.id and not optional.provided
    # the new scan is in the citizen's e-wallet too, for the next visit
    assert {i.title for i in store.wallet_items(PROFILE.id_number)} == {CERTIFICATE, scanned.name}
    # the new copy is signed with the centre's token, timestamped by the province's TSA, with the CRL (B-LT)
    signed = [e.data for e in events if e.code == "document.signed"]
    assert signed == [{"level": B_LT, "warnings": 0}]
    (signature,) = verify_pdf(store.read_document(scanned.document.id), signature_trust(config)).signatures
    assert signature.ok and signature.level == B_LT and signature.timestamp_ok
    code, at_province = deliver(store, config, receipt.local_reference)
    signer.close()
    assert DOSSIER_CODE.fullmatch(code)
    # every PDF the dossier declared arrived signed and verified there (the reused e-wallet copy is named by
    # its component, not sent again)
    declared, verdicts = signatures_at_the_province(station_config, receipt.local_reference)
    assert declared == [f"{scanned.document.id}.pdf"] and verdicts == {name: "verified" for name in declared}
    new_scan = next(i for i in store.wallet_items(PROFILE.id_number) if i.title == scanned.name)
    assert [(i["id"], i["dossier_code"]) for i in at_province if i["id"] == new_scan.id] == [(new_scan.id, code)]
    codes = [e.code for e in events]
    assert codes[:2] == ["card.reading", "card.genuine"] and codes[-2:] == ["submit.done", "ended"]


def test_the_stations_token_signs_with_the_provinces_timestamp_and_crl(station_env):
    _, config = station_env
    signer = StationSigner(config)
    try:
        signed = signer.sign(unsigned_pdf(2_000), "hồ sơ thử", "officer-7")
    finally:
        signer.close()
    assert (signed.level, signed.warnings) == (B_LT, [])
    assert verify_pdf(signed.data, signature_trust(config)).ok


def test_the_command_line_runs_the_same_intake(station_env, station_config, tmp_path):
    file, config = station_env
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        keep_in_wallet(store, station_config)
    face = tmp_path / "card.png"
    card_face(PROFILE).save(face)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_CONFIG=str(file), SANE_CONFIG_DIR=str(station_config.simulation_dir / "sane"))
    with InsertedCard(card(station_config)):
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", "intake", "run", "--procedure", BIRTH, "--qr", str(face), "--present",
             "--unit", CENTRE, "--scan", "1=adf:2", "--dpi", "200", "--wallet-reuse", "2", "--consent",
             "--wait-code", "60", "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    receipt = json.loads(done.stdout)
    assert DOSSIER_CODE.fullmatch(receipt["official_code"])
    assert [c["how"] for c in receipt["components"]] == ["scanned", "e-wallet", "not provided"]
    assert PROFILE.id_number not in done.stderr and PROFILE.full_name not in done.stderr


def test_a_card_not_proven_genuine_stops_the_intake(station_env, store, station_config):
    events = []
    intake = make_intake(store, station_config, events=events)
    with InsertedCard(card(station_config, cloned=True)):
        with pytest.raises(CardNotGenuine, match="not a copy"):
            intake.read_card(qr_keys()).result(60)
    assert intake.ended is EndReason.NOT_GENUINE and intake.citizen is None
    assert [e.code for e in events][-2:] == ["card.not_genuine", "ended"]


def _reachable(root, limit: int = 300_000):
    """Every object reachable from `root` (modules, classes and functions are not followed)."""
    seen, todo = set(), [root]
    skip = (type(sys), type, type(len), type(lambda: 0))
    while todo and len(seen) < limit:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        yield obj
        todo.extend(gc.get_referents(obj))


def assert_nothing_of_the_citizen(intake, portrait: bytes, log_text: str) -> None:
    secrets = (PROFILE.full_name, PROFILE.id_number)
    for obj in _reachable(intake):
        if isinstance(obj, str):
            if any(s in obj for s in secrets):
                holders = [type(r).__name__ + ":" + repr(r)[:200] for r in gc.get_referrers(obj)][:5]
                raise AssertionError(f"the intake still holds the citizen's name or ID: {holders}")
        elif isinstance(obj, (bytes, bytearray, memoryview)):
            data = bytes(obj)
            assert portrait[:64] not in data and PROFILE.id_number.encode() not in data
    assert not any(s in log_text for s in secrets)
    assert redactor(PROFILE.full_name) == PROFILE.full_name  # unregistered with the intake's end


@pytest.mark.parametrize("how", ["finished", "cancelled", "card_removed", "idle_timeout"])
def test_every_way_out_leaves_nothing_of_the_citizen(how, station_env, store, station_config, devices, caplog,
                                                     tmp_path):
    caplog.set_level(logging.DEBUG)
    before = set(os.listdir("/tmp"))
    intake = make_intake(store, station_config, devices)
    with InsertedCard(card(station_config)):
        intake.read_card(qr_keys()).result(60)
    portrait = intake.portrait
    assert redactor(PROFILE.full_name) != PROFILE.full_name  # registered while the intake lasts
    intake.record_presence("officer", "passed")
    intake.choose_procedure(BIRTH)
    intake.confirm_unit(CENTRE)
    intake.scan(1, BatchRequest(source=Source.FLATBED, dpi=200, area_mm=(60.0, 40.0))).result(120)
    intake.scan(2, BatchRequest(source=Source.FLATBED, dpi=200, area_mm=(60.0, 40.0))).result(120)
    if how == "finished":
        for number, page_id in intake.unconfirmed():  # a small corner of the test picture looks blank
            intake.confirm_page(number, page_id)
        intake.accept_consent("en")
        intake.submit().result(60)
    intake.end(how)
    assert intake.ended.value == how and intake.citizen is None and intake.slots == []
    assert_nothing_of_the_citizen(intake, portrait, caplog.text)
    audit = [row["action"] for row in store.audit_log()]
    assert audit[-1] == f"intake_{how}"
    for name in set(os.listdir("/tmp")) - before:  # nothing the intake wrote to a temporary file
        path = os.path.join("/tmp", name)
        if os.path.isfile(path):
            with open(path, "rb") as file:
                data = file.read()
            assert PROFILE.id_number.encode() not in data and PROFILE.full_name.encode() not in data


def test_pages_are_retaken_and_moved_through_the_intake(station_env, store, station_config, devices):
    intake = make_intake(store, station_config, devices)
    intake.choose_procedure(BIRTH)
    small = BatchRequest(source=Source.FLATBED, dpi=200, area_mm=(60.0, 40.0))
    for _ in range(2):
        intake.scan(1, small).result(120)
    first, second = intake.slot(1).pages.pages
    retaken = intake.retake_page(1, first.id, small).result(120)
    assert [p.id for p in intake.slot(1).pages.pages] == [retaken.id, second.id]
    intake.move_page(second.id, 1, CERTIFICATE)
    assert [len(intake.slot(n).pages) for n in (1, 2)] == [1, 1]
    assert [s.how for s in intake.slots] == ["scanned", "scanned", "not provided"]
    intake.end(EndReason.CANCELLED)


def test_a_blank_page_is_kept_only_once_the_person_confirms_it(station_env, store, station_config, devices):
    intake = make_intake(store, station_config, devices)
    with InsertedCard(card(station_config)):
        intake.read_card(qr_keys()).result(60)
    intake.record_presence("officer", "passed")
    intake.choose_procedure(BIRTH)
    intake.confirm_unit(CENTRE)
    for line, picture in ((1, "Solid white"), (2, "Color pattern")):  # the picture stays set on the device
        intake.scan(line, BatchRequest(dpi=200, pages=1, options_before_page={1: {"test-picture": picture}})
                    ).result(120)
    (blank,) = intake.slot(1).pages.pages
    assert blank.blank and intake.unconfirmed() == [(1, blank.id)]
    intake.accept_consent("vi")
    with pytest.raises(IntakeError) as refused:
        intake.submit().result(60)
    assert refused.value.code == "page.unconfirmed" and intake.dossier is None
    intake.confirm_page(1, blank.id)
    assert intake.unconfirmed() == []
    receipt = intake.submit().result(60)
    assert store.load(receipt.local_reference).components[0].document.page_count == 1
    intake.end(EndReason.FINISHED)

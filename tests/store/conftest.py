"""Helpers for the store tests: citizens, PDFs with recognisable bytes, dossiers, open stores."""

from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest

from kiosk.domain import Check, CitizenSnapshot, Component, Document, Dossier
from kiosk.store import FileKeyStore, Store

NAME = "Nguyễn Thị Hồng Nhung"
ID_NUMBER = "001190012345"
PATTERN = b"\xde\xad\xbe\xefPAGE-BYTES-0123456789\xca\xfe"
T0 = datetime(2025, 7, 1, 8, 0, tzinfo=timezone.utc)


def make_pdf(pages: int = 2, pattern: bytes = PATTERN, filler: int = 2000) -> bytes:
    body = b"".join(b"%d 0 obj stream\n" % i + pattern * 4 + os.urandom(filler) + b"\nendstream\n"
                    for i in range(pages))
    return b"%PDF-1.4\n" + body + b"%%EOF\n"


def make_document(pages: int = 2, pattern: bytes = PATTERN) -> Document:
    return Document.from_pdf(make_pdf(pages, pattern), pages, [b"THUMB" + pattern + bytes([i]) for i in range(pages)])


def make_citizen(name: str = NAME, id_number: str = ID_NUMBER) -> CitizenSnapshot:
    return CitizenSnapshot(
        id_number=id_number, full_name=name, birth_date="12/03/1990", sex="Nữ",
        address="Thôn Đồng Tâm, Xã Ba Chẽ, Tỉnh Quảng Ninh", home_town="Ba Chẽ, Quảng Ninh",
        verification={"passive_auth": Check.PASSED, "chip_auth": Check.PASSED, "face": Check.PASSED},
    )


def make_dossier(citizen: CitizenSnapshot | None = None, documents: int = 2, pages: int = 2,
                 now: datetime = T0, pattern: bytes = PATTERN) -> Dossier:
    dossier = Dossier(procedure_code="1.001193", receiving_unit="06970", competent_unit="06970",
                      citizen=citizen or make_citizen(), received_by="officer-7", created_at=now)
    for i in range(documents):
        dossier.set_component(Component(name=f"Giấy tờ số {i + 1}", required=True,
                                        document=make_document(pages, pattern)), now)
    dossier.set_component(Component(name="Giấy tờ tùy chọn", required=False), now)
    return dossier


@pytest.fixture
def keydir(tmp_path):
    return tmp_path / "config"


@pytest.fixture
def datadir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def store(datadir, keydir):
    s = Store(datadir, FileKeyStore(keydir), station_id="SIM-01")
    yield s
    s.close()

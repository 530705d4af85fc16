"""Dossiers with real PDFs-to-be for the sync tests, stored in a real store."""

from __future__ import annotations

import hashlib
import os
import uuid
from datetime import datetime, timedelta, timezone

from kiosk.domain import CitizenSnapshot, Component, Document, Dossier, WalletItem
from sync.protocol import AuditChain


class Clock:
    def __init__(self, start: datetime | None = None) -> None:
        # An hour ago: dossiers submitted "now" by real-clock code are due at once
        self.now = start or datetime.now(timezone.utc) - timedelta(hours=1)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Chain:
    """A station's audit log for tests that call the client without a store: a row more at each `next()`."""

    def __init__(self) -> None:
        self.id = uuid.uuid4().hex
        self.hashes: list[str] = []

    def hash_at(self, seq: int) -> str | None:
        return self.hashes[seq - 1] if 0 < seq <= len(self.hashes) else None

    def next(self) -> AuditChain:
        self.hashes.append(hashlib.sha256(f"{self.id}/{len(self.hashes)}".encode()).hexdigest())
        return AuditChain(self.id, (len(self.hashes), self.hashes[-1]), None, self.hash_at)


def pdf(size: int) -> bytes:
    return (b"%PDF-1.4\n" + os.urandom(size))[:size]


def submitted(store, clock: Clock, sizes=(20_000, 5_000), unit: str = "06970", wallet=()) -> Dossier:
    """A dossier submitted with e-wallet items: `wallet` lists, per item, None for one made from the
    first component's PDF, or the size of a PDF of its own."""
    dossier = Dossier(procedure_code="1.001193", receiving_unit=unit, competent_unit=unit,
                      citizen=CitizenSnapshot(id_number="001190012345", full_name="Nguyễn Thị Hồng Nhung"),
                      received_by="officer-7", created_at=clock())
    for number, size in enumerate(sizes, start=1):
        dossier.set_component(Component(name=f"Giấy tờ {number}", document=Document.from_pdf(pdf(size), 1)), clock())
    dossier.mark_ready(clock())
    items = [WalletItem(owner_id_number=dossier.citizen.id_number, title=f"Kết quả {number}",
                        document=dossier.documents[0] if size is None else Document.from_pdf(pdf(size), 1),
                        created_at=clock() + timedelta(microseconds=number), source_dossier_id=dossier.id)
             for number, size in enumerate(wallet)]
    store.submit(dossier, now=clock(), wallet_items=items)
    clock.advance(1)
    return dossier

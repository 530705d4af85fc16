"""The citizen's e-wallet items kept on the station: each a titled document, sealed under its own
key, found again by the keyed hash of its owner's ID number. Items never change.

An item made from a dossier (`source_dossier_id`) is written with it (`Store.submit(...,
wallet_items=...)`, one transaction) and sent to the province with it by the relay, which records
here when the province has it (`wallet_item_sent`) or why it refused it (`wallet_item_refused`).
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any, Iterable

from kiosk.domain import Document, DomainError, Dossier, WalletItem, utcnow
from kiosk.text import nfc

from .audit import Auditing
from .errors import NotFound, StoreError, TamperedData
from .opening import parse_ts, ts
from .queries import Queries
from .rowmacs import columns

# An item whose document is one of its dossier's own (same document id) gets its own copy, sealed
# under the item's key, with an id derived from both: a document row belongs to one owner.
_COPY = uuid.UUID("6f1d3c52-8a0e-4b7e-9d55-2f4c1e9b7a10")


def copy_document_id(item_id: str, document_id: str) -> str:
    return str(uuid.uuid5(_COPY, f"{item_id}/{document_id}"))


class Wallet(Queries, Auditing):
    def save_wallet_item(self, item: WalletItem, actor: str | None = None, now: datetime | None = None) -> None:
        if self.conn.execute("SELECT 1 FROM wallet_items WHERE id = ?", (item.id,)).fetchone():
            raise StoreError(f"e-wallet item {item.id} is already stored (items do not change)")
        prepared = self._prepare_wallet_item(item)
        try:
            with self._tx() as conn:
                self._insert_wallet_item(conn, item, prepared)
                self._audit(conn, "wallet_save", item.source_dossier_id, now or utcnow(), actor)
        except BaseException:
            self.blobs.shred(prepared["document"]["file"])
            raise

    # --- written with a dossier (see writing.py) -------------------------------------------

    def _new_wallet_items(self, dossier: Dossier, items: Iterable[WalletItem]) -> list[WalletItem]:
        """The items `submit` must write: each checked against its dossier; one already stored
        from this same dossier with the same document is skipped (a dossier submitted again)."""
        items = list(items)
        seen: set[str] = set()
        new = []
        for item in items:
            if not isinstance(item, WalletItem):
                raise DomainError("wallet_items must be WalletItem objects")
            if item.source_dossier_id != dossier.id:
                raise DomainError(f"e-wallet item {item.id} does not come from dossier {dossier.id}")
            if item.id in seen:
                raise DomainError(f"e-wallet item {item.id} is given twice")
            seen.add(item.id)
            row = self.conn.execute("SELECT source_dossier_id, wrapped_key FROM wallet_items WHERE id = ?",
                                    (item.id,)).fetchone()
            if row is None:
                new.append(item)
                continue
            stored = self._stored_wallet_document(item.id, row[1])
            if row[0] != dossier.id or stored.sha256 != item.document.sha256:
                raise StoreError(f"e-wallet item {item.id} is already stored (items do not change)")
        return new

    def _prepare_wallet_item(self, item: WalletItem, dossier: Dossier | None = None) -> dict[str, Any]:
        """Seal the item and write its document's encrypted file (fsynced), before the transaction."""
        document = item.document
        if ((dossier is not None and document.id in {d.id for d in dossier.documents})
                or self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document.id,)).fetchone()):
            document = replace(document, id=copy_document_id(item.id, document.id))
        if document.content is None:
            document = replace(document, content=self._content_for(item.document, dossier))
        key = self._keys.new_data_key()
        return {"key": key, "wrapped": self._keys.wrap_data_key(key, item.id),
                "document": self._encrypt_document(document, item.id, key)}

    def _content_for(self, document: Document, dossier: Dossier | None) -> bytes:
        """The PDF of an item given without its content: its dossier's copy, in memory or stored."""
        if dossier is not None:
            for own in dossier.documents:
                if own.id == document.id and own.content is not None:
                    return own.content
            row = self.conn.execute("SELECT 1 FROM documents WHERE id = ? AND dossier_id = ?",
                                    (document.id, dossier.id)).fetchone()
            if row:
                return self.read_document(document.id)
        raise DomainError(f"document {document.id} is new but was given without its content")

    def _insert_wallet_item(self, conn: sqlite3.Connection, item: WalletItem, prepared: dict[str, Any]) -> None:
        key = prepared["key"]
        conn.execute(
            "INSERT INTO wallet_items (id, owner_digest, created_at, source_dossier_id, wrapped_key, title, owner) "
            "VALUES (?,?,?,?,?,?,?)",
            (item.id, self._keys.search_hash("id", item.owner_id_number), ts(item.created_at),
             item.source_dossier_id, prepared["wrapped"],
             self._seal_text(key, "wallet_items", item.id, "title", item.title),
             self._seal_text(key, "wallet_items", item.id, "owner", item.owner_id_number)))
        self._seal_row(conn, "wallet_items", item.id)
        self._insert_document(conn, "wallet_item_id", item.id, prepared["document"])

    # --- reading ---------------------------------------------------------------------------

    _ITEM = f"SELECT {columns('wallet_items')} FROM wallet_items"

    def wallet_items(self, id_number: str, with_content: bool = False) -> list[WalletItem]:
        """The citizen's e-wallet items kept on this station, oldest first."""
        digest = self._keys.search_hash("id", nfc(id_number))
        rows = self.conn.execute(self._ITEM + " WHERE owner_digest = ? ORDER BY created_at, id", (digest,)).fetchall()
        return [self._wallet_item(row, nfc(id_number), with_content) for row in rows]

    def wallet_items_of(self, dossier_id: str, with_content: bool = False,
                        unsent_only: bool = False) -> list[WalletItem]:
        """The e-wallet items made from one dossier, in the order they go to the province (creation
        time, then id). `unsent_only`: those the province has neither received nor refused yet.
        `with_content`: each document with its PDF (for the upload)."""
        rows = self.conn.execute(self._ITEM + " WHERE source_dossier_id = ? ORDER BY created_at, id",
                                 (dossier_id,)).fetchall()
        if unsent_only:  # a row left out is checked first: an item marked sent by SQL is not skipped silently
            # (the rows kept are checked by _wallet_item; 7:9 is province_received_at, province_refusal)
            rows = [row for row in rows if row[7:9] == (None, None) or not self._check_row("wallet_items", row)]
        return [self._wallet_item(row, None, with_content) for row in rows]

    def _dossier_owner(self, dossier_id: str | None) -> str | None:
        if dossier_id is None:
            return None
        try:
            return self._citizen_summary(dossier_id)["id_number"]  # type: ignore[index]
        except (NotFound, TypeError):
            return None

    def _wallet_item(self, row: tuple, owner: str | None, with_content: bool) -> WalletItem:
        item_id, digest, created, source, wrapped, title, sealed_owner, _, _ = self._check_row("wallet_items", row)
        key = self._data_key(item_id, wrapped)
        if sealed_owner is not None:
            owner = self._open_text(key, "wallet_items", item_id, "owner", sealed_owner)
        else:  # stored before the owner was sealed with the item: its dossier's citizen, if the hash agrees
            owner = owner or self._dossier_owner(source)
        if owner is None or digest != self._keys.search_hash("id", owner):
            raise StoreError(f"e-wallet item {item_id}: its owner cannot be established")
        return WalletItem(owner_id_number=owner, title=self._open_text(key, "wallet_items", item_id, "title", title),
                          document=self._document_from_row(self._item_document(item_id), item_id, key, with_content),
                          created_at=parse_ts(created), source_dossier_id=source, id=item_id)

    def _stored_wallet_document(self, item_id: str, wrapped: bytes) -> Document:
        key = self._data_key(item_id, wrapped)
        return self._document_from_row(self._item_document(item_id), item_id, key, False)

    def _item_document(self, item_id: str) -> tuple:
        """The item's one document row, checked (`DOCUMENT_COLUMNS` order)."""
        rows = self._documents_of("wallet_item_id", item_id)
        if len(rows) != 1:
            raise TamperedData(f"e-wallet item {item_id}: its document")
        return rows[0]

    # --- the province's answer -------------------------------------------------------------

    def wallet_item_sent(self, item_id: str, now: datetime | None = None, actor: str | None = None) -> None:
        """The province holds the item (its metadata and its document): it is not sent again."""
        now = now or utcnow()
        with self._tx() as conn:
            source = self._wallet_source(conn, item_id)
            changed = conn.execute("UPDATE wallet_items SET province_received_at = ? "
                                   "WHERE id = ? AND province_received_at IS NULL", (ts(now), item_id)).rowcount
            if changed:
                self._seal_row(conn, "wallet_items", item_id)
                self._audit(conn, "wallet_sent", source, now, actor)

    def wallet_item_refused(self, item_id: str, reason: str, now: datetime | None = None,
                            actor: str | None = None) -> None:
        """The province refused the item for good (a conflict, invalid data): it is not sent again."""
        now = now or utcnow()
        with self._tx() as conn:
            source = self._wallet_source(conn, item_id)
            wrapped = conn.execute("SELECT wrapped_key FROM wallet_items WHERE id = ?", (item_id,)).fetchone()[0]
            sealed = self._seal_text(self._data_key(item_id, wrapped), "wallet_items", item_id, "province_refusal",
                                     nfc(reason) or "no reason given")
            conn.execute("UPDATE wallet_items SET province_refusal = ? WHERE id = ?", (sealed, item_id))
            self._seal_row(conn, "wallet_items", item_id)
            self._audit(conn, "wallet_refused", source, now, actor)

    def wallet_item_status(self, item_id: str) -> dict[str, Any]:
        """{"received_at": when the province confirmed it (or None), "refusal": its reason (or None)}."""
        row = self.conn.execute("SELECT province_received_at, province_refusal, wrapped_key FROM wallet_items "
                                "WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NotFound(f"no e-wallet item {item_id} in this store")
        refusal = (self._open_text(self._data_key(item_id, row[2]), "wallet_items", item_id, "province_refusal", row[1])
                   if row[1] is not None else None)
        return {"received_at": parse_ts(row[0]) if row[0] else None, "refusal": refusal}

    def _wallet_source(self, conn: sqlite3.Connection, item_id: str) -> str | None:
        """The item's dossier, once its row is checked (it is about to be updated)."""
        row = self._verified_row(conn, "wallet_items", item_id)
        if row is None:
            raise NotFound(f"no e-wallet item {item_id} in this store")
        return row["source_dossier_id"]

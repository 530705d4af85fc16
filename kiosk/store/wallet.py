"""The citizen's e-wallet draft items kept on the station: each a titled document, sealed under
its own key, found again by the keyed hash of its owner's ID number. Items never change."""

from __future__ import annotations

from datetime import datetime

from kiosk.domain import WalletItem, utcnow
from kiosk.text import nfc

from .audit import Auditing
from .errors import StoreError
from .opening import parse_ts, ts
from .sealing import DOCUMENT_COLUMNS, Sealing


class Wallet(Sealing, Auditing):
    def save_wallet_item(self, item: WalletItem, actor: str | None = None, now: datetime | None = None) -> None:
        if self.conn.execute("SELECT 1 FROM wallet_items WHERE id = ?", (item.id,)).fetchone():
            raise StoreError(f"e-wallet item {item.id} is already stored (items do not change)")
        key = self._keys.new_data_key()
        wrapped = self._keys.wrap_data_key(key, item.id)
        doc_row = self._encrypt_document(item.document, item.id, key)
        try:
            with self._tx() as conn:
                conn.execute(
                    "INSERT INTO wallet_items (id, owner_digest, created_at, source_dossier_id, wrapped_key, title) "
                    "VALUES (?,?,?,?,?,?)",
                    (item.id, self._keys.search_hash("id", item.owner_id_number), ts(item.created_at),
                     item.source_dossier_id, wrapped, self._seal_text(key, "wallet_items", item.id, "title", item.title)))
                self._insert_document(conn, "wallet_item_id", item.id, doc_row)
                self._audit(conn, "wallet_save", item.source_dossier_id, now or utcnow(), actor)
        except BaseException:
            self.blobs.shred(doc_row["file"])
            raise

    def wallet_items(self, id_number: str, with_content: bool = False) -> list[WalletItem]:
        """The citizen's e-wallet draft items kept on this station, oldest first."""
        digest = self._keys.search_hash("id", nfc(id_number))
        items = []
        for item_id, created, source, wrapped, title in self.conn.execute(
            "SELECT id, created_at, source_dossier_id, wrapped_key, title FROM wallet_items "
            "WHERE owner_digest = ? ORDER BY created_at", (digest,)).fetchall():
            key = self._data_key(item_id, wrapped)
            doc_row = self.conn.execute(
                f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE wallet_item_id = ?",
                (item_id,)).fetchone()
            items.append(WalletItem(
                owner_id_number=nfc(id_number), title=self._open_text(key, "wallet_items", item_id, "title", title),
                document=self._document_from_row(doc_row, item_id, key, with_content),
                created_at=parse_ts(created), source_dossier_id=source, id=item_id))
        return items

"""Integrity: what `kiosk store check` reports. SQLite's own checks, every key and sealed field,
every document's file, and the audit chain.

Ratings have no keys, sealed fields or files: SQLite's integrity_check covers them, CHECK constraints
included (a score outside 1-5, reasons that are not a JSON list, reasons above 3). Reason codes unknown
to this program are not problems: a code is never removed, and a newer program may have added one."""

from __future__ import annotations

from .audit import Auditing
from .errors import StoreError, TamperedData
from .sealing import DOCUMENT_COLUMNS, Sealing


class Integrity(Sealing, Auditing):
    def check(self, verify_files: bool = True) -> list[str]:
        """Problems found (empty list: the store is sound). Checks SQLite's own integrity, foreign
        keys, that every wrapped key and sealed field opens, that every file is present, matches its
        name (SHA-256 of the ciphertext), decrypts and matches the document's hash; and the audit
        chain. Messages hold ids only, no personal data. Unreferenced files are not problems
        (a crash between writing a file and committing leaves them): see `orphan_files()`."""
        problems: list[str] = []
        for (result,) in self.conn.execute("PRAGMA integrity_check"):
            if result != "ok":
                problems.append(f"database: {result}")
        for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"database: a row of {table} ({rowid}) points to a missing {parent}")
        keys: dict[str, bytes] = {}
        for owner, wrapped, table, field, sealed in [
            *self.conn.execute("SELECT id, wrapped_key, 'dossiers', 'citizen', citizen FROM dossiers"),
            *self.conn.execute("SELECT id, wrapped_key, 'wallet_items', 'title', title FROM wallet_items"),
        ]:
            try:
                keys[owner] = self._data_key(owner, wrapped)
                self._open_text(keys[owner], table, owner, field, sealed)
            except TamperedData as error:
                problems.append(str(error))
        for dossier_id, sealed in self.conn.execute(
                "SELECT id, rejection_reason FROM dossiers WHERE rejection_reason IS NOT NULL"):
            if dossier_id in keys:
                try:
                    self._open_text(keys[dossier_id], "dossiers", dossier_id, "rejection_reason", sealed)
                except TamperedData as error:
                    problems.append(str(error))
        for item_id, field, sealed in [
            *self.conn.execute("SELECT id, 'owner', owner FROM wallet_items WHERE owner IS NOT NULL"),
            *self.conn.execute("SELECT id, 'province_refusal', province_refusal FROM wallet_items "
                               "WHERE province_refusal IS NOT NULL"),
        ]:
            if item_id in keys:
                try:
                    self._open_text(keys[item_id], "wallet_items", item_id, field, sealed)
                except TamperedData as error:
                    problems.append(str(error))
        for comp_id, dossier_id, sealed in self.conn.execute(
                "SELECT id, dossier_id, wallet_item_id FROM components WHERE wallet_item_id IS NOT NULL"):
            if dossier_id in keys:
                try:
                    self._open_text(keys[dossier_id], "components", f"{dossier_id}/{comp_id}", "wallet_item_id", sealed)
                except TamperedData as error:
                    problems.append(str(error))
        for row in self.conn.execute(
                f"SELECT {DOCUMENT_COLUMNS}, coalesce(dossier_id, wallet_item_id) FROM documents"):
            owner = row[6]
            if owner not in keys:
                continue  # already reported: its key does not open
            if not self.blobs.exists(row[1]):
                problems.append(f"document {row[0]}: its file {row[1]} is missing")
                continue
            try:
                self._document_from_row(row[:6], owner, keys[owner], with_content=verify_files)
            except StoreError as error:
                problems.append(str(error))
        problems += self.row_problems()  # every row's MAC, each dossier's map, queued without outbox
        problems += [str(p) for p in self.verify_audit()]
        return problems

"""Row MACs: every fact the store keeps in clear is authenticated by the station key.

Sealed fields (crypto.py) cannot be read or moved, but clear columns could be edited by anyone who can
write the database: a component's `document_id` swapped with another's, a queued dossier's `state` set
to `accepted` (never uploaded, later purged), a disabled account enabled again. So each row of the
tables in `ROW_COLUMNS` carries `mac` = HMAC-SHA256 (16 bytes), under a key derived from the station
key, of its table and every column listed, its id first. The columns are encoded by SQLite itself, in
one call (`json_array`: typed, unambiguous, and 2.5 times cheaper than `quote()` of each), so that
checking a row costs one HMAC in Python; a BLOB column enters as hex, and a sealed column (`SEALED`) by
its last 16 bytes, its AES-GCM tag, which already authenticates the rest of it under its data key
(measured: tests/bench/store.py). A BLOB written by SQL into a text column makes the encoding fail:
reading that one row raises TamperedData (`_verified_row`), but a list that meets it fails as a whole
(sqlite3.OperationalError). Each dossier also carries `map_mac`, a MAC
over the MACs of its components (in order) and of its documents: a component or document deleted,
added, or put back from an older copy no longer matches; and `map_mac` is a column of the dossier's
own MAC.

Writes: every INSERT or UPDATE of these tables is followed, in the same transaction, by `_seal_row`
(or `_seal_dossier` for a dossier and its parts), which reads the row back and writes its MAC; an
update of a row first checks it (`_verified_row`), so that a write never re-MACs someone else's edit.

Reads: `_check_row` on every row a load, a sign-in, the relay or the counter uses; a mismatch raises
`TamperedData` naming the table and the row's id only. `row_problems` lists every mismatch for
`check()`.

`RowMacs.enabled` turns the computing and the checking off; tests/bench/store.py alone does that, to
measure their cost.

Rows stored before schema version 7 get their MACs once, at the first opening at version 7
(`authenticate_rows`), which leaves a sealed marker in `meta`. Re-MACing is what an attacker would
want (tamper, then have the store bless the rows), so it is refused when the marker is missing but the
store shows it had one: its key check was made by a program with row MACs (a store created at version
7 or later), or its audit log records the first authentication. What remains: a store first made
before version 7 whose database is rolled back to before its first opening at 7 (the audit log cut
back to then, and the marker, the MAC columns and user_version removed) is authenticated again as it
stands; the anchored audit head (issue 16, item 3) is what shows such a cut. Likewise a whole row put
back from an older copy of the same database, with its own old MAC, matches (a dossier's parts only
together with the dossier's row); the audit log says what happened to a dossier since.
"""

from __future__ import annotations

import hmac
import logging
import sqlite3
from typing import ClassVar, Sequence

from kiosk.domain import utcnow

from .crypto import KEY_CHECK_WITH_ROW_MACS, Keys, aad, open_sealed, seal
from .errors import TamperedData

log = logging.getLogger(__name__)

# The columns each table's MAC covers, the row's id first. A column added by a later migration must be
# appended here (and existing rows re-MACed by that migration's program), or it stays unauthenticated.
ROW_COLUMNS: dict[str, tuple[str, ...]] = {
    "dossiers": ("id", "procedure_code", "receiving_unit", "competent_unit", "received_by", "station_id",
                 "state", "official_code", "created_at", "updated_at", "wrapped_key", "citizen",
                 "rejection_reason", "first_contact_at", "queue_ticket", "province_state", "sync_conflict",
                 "province_checked_at", "map_mac"),
    "components": ("id", "dossier_id", "position", "name", "required", "document_id", "wallet_item_id",
                   "shown_in_original"),
    "documents": ("id", "dossier_id", "wallet_item_id", "file", "size", "page_count", "sha256", "thumbnails"),
    "outbox": ("dossier_id", "created_at", "attempts", "next_attempt_at", "state", "last_error"),
    "wallet_items": ("id", "owner_digest", "created_at", "source_dossier_id", "wrapped_key", "title", "owner",
                     "province_received_at", "province_refusal"),
    "officers": ("login", "display_name", "role", "password_hash", "disabled", "failed_attempts", "locked_until",
                 "created_at", "password_changed_at"),
}
ROW_MACS_SINCE = 7  # the schema version that added the MAC columns
# Columns sealed with AES-GCM (crypto.py): in the MAC by their tag alone; and the other BLOB columns.
SEALED = {"dossiers": {"wrapped_key", "citizen", "rejection_reason"}, "components": {"wallet_item_id"},
          "documents": {"sha256", "thumbnails"}, "outbox": {"last_error"},
          "wallet_items": {"wrapped_key", "title", "owner", "province_refusal"}}
BLOBS = {"dossiers": {"map_mac"}, "wallet_items": {"owner_digest"}}
MAP = "dossier_map"  # the "table" name in a dossier's map MAC
MARKER = "rows_authenticated"  # meta key, and the audit action of the first authentication
_WHAT = {"dossiers": "dossier", "components": "component", "documents": "document", "outbox": "outbox entry of",
         "wallet_items": "e-wallet item", "officers": "account"}


def key_column(table: str) -> str:
    return ROW_COLUMNS[table][0]


def encoding(table: str, prefix: str = "") -> str:
    """SQL for the bytes a row's MAC is made over (`prefix`: a table alias with its dot)."""
    sealed, blobs = SEALED.get(table, set()), BLOBS.get(table, set())

    def value(column: str) -> str:  # hex() of NULL is '', as of an empty BLOB: NULL kept apart
        name = prefix + column
        if column in sealed:
            return f"iif({name} IS NULL, NULL, hex(substr({name}, -16)))"
        return f"iif({name} IS NULL, NULL, hex({name}))" if column in blobs else name

    return f"CAST(json_array({', '.join(value(column) for column in ROW_COLUMNS[table])}) AS BLOB)"


def mac_columns(table: str, prefix: str = "") -> str:
    """The two values that check a row: its encoding and its stored MAC, for a SELECT."""
    return f"{encoding(table, prefix)}, {prefix}mac"


def columns(table: str, prefix: str = "") -> str:
    """The table's columns, then its encoding and its MAC (`_check_row` takes such a row)."""
    return ", ".join(prefix + column for column in ROW_COLUMNS[table]) + ", " + mac_columns(table, prefix)


def tampered(table: str, row_id: object) -> TamperedData:
    """The error for a row that fails its MAC: names its table and id only."""
    return TamperedData(f"{_WHAT[table]} {row_id}: its stored row")


def _map_mac(keys: Keys, conn: sqlite3.Connection, dossier_id: str) -> bytes:
    """Over the dossier's id, its components' ids and MACs in order, its documents' ids and MACs."""
    parts = [dossier_id]
    parts += [r[0] for r in conn.execute("SELECT 'c' || quote(id) || quote(mac) FROM components WHERE dossier_id = ? "
                                         "ORDER BY position, id", (dossier_id,))]
    parts += [r[0] for r in conn.execute("SELECT 'd' || quote(id) || quote(mac) FROM documents WHERE dossier_id = ? "
                                         "ORDER BY id", (dossier_id,))]
    return keys.row_mac(MAP, ",".join(parts).encode())


def _seal_all(conn: sqlite3.Connection, keys: Keys, table: str, where: str = "", params: tuple = ()) -> None:
    key = key_column(table)
    rows = conn.execute(f"SELECT {key}, {encoding(table)} FROM {table} {where}", params).fetchall()
    conn.executemany(f"UPDATE {table} SET mac = ? WHERE {key} = ?",
                     [(keys.row_mac(table, encoded), row_id) for row_id, encoded in rows])


def _seal_dossier(conn: sqlite3.Connection, keys: Keys, dossier_id: str) -> None:
    conn.execute("UPDATE dossiers SET map_mac = ? WHERE id = ?", (_map_mac(keys, conn, dossier_id), dossier_id))
    _seal_all(conn, keys, "dossiers", "WHERE id = ?", (dossier_id,))


def authenticate_rows(conn: sqlite3.Connection, keys: Keys, key_check_text: bytes | None) -> None:
    """At every opening, in the caller's write transaction, after the key check: the marker that the
    rows are authenticated is checked; missing, it is made, after MACing every row stored before
    (refused when the store shows it was authenticated before: see the module's docstring).
    `key_check_text`: the opened key check, None for a store created now."""
    found = conn.execute("SELECT value FROM meta WHERE key = ?", (MARKER,)).fetchone()
    if found is not None:
        try:
            open_sealed(keys.rows, found[0], aad("meta", MARKER, "value"), "the store's row authentication marker")
        except TamperedData:
            raise TamperedData("the store's row authentication marker") from None
        return
    if key_check_text is not None:  # an existing store
        if key_check_text == KEY_CHECK_WITH_ROW_MACS or conn.execute(
                "SELECT 1 FROM audit WHERE action = ? LIMIT 1", (MARKER,)).fetchone():
            raise TamperedData("the store's row authentication marker (it was removed)")
        for table in ROW_COLUMNS:
            if table != "dossiers":
                _seal_all(conn, keys, table)
        for (dossier_id,) in conn.execute("SELECT id FROM dossiers").fetchall():
            _seal_dossier(conn, keys, dossier_id)
        from . import audit, opening  # here: both build on opening.py, which calls this function

        audit.append(conn, keys.audit, opening.ts(utcnow()), "station", MARKER, None)
        log.info("rows stored before schema version 7 authenticated")
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                 (MARKER, seal(keys.rows, b"rows authenticated", aad("meta", MARKER, "value"))))


class RowMacs:
    """The store's side (a part of `Opening`): seal after each write, check on each read."""

    enabled: ClassVar[bool] = True  # off only in tests/bench/store.py, to measure the cost
    conn: sqlite3.Connection
    _keys: Keys
    _row_macs_on: bool = True  # False for a store kept at a version before ROW_MACS_SINCE (tests)

    @property
    def _macs(self) -> bool:
        return self.enabled and self._row_macs_on

    # --- writing ---------------------------------------------------------------------------

    def _seal_row(self, conn: sqlite3.Connection, table: str, row_id: object) -> None:
        """Recompute one row's MAC from what is stored now (call after its INSERT or UPDATE, in the
        same transaction)."""
        if self._macs:
            _seal_all(conn, self._keys, table, f"WHERE {key_column(table)} = ?", (row_id,))

    def _seal_dossier(self, conn: sqlite3.Connection, dossier_id: str, components: bool = False) -> None:
        """The dossier's map MAC and row MAC; with `components`, its components' MACs first (documents
        never change: each is sealed as it is inserted)."""
        if not self._macs:
            return
        if components:
            _seal_all(conn, self._keys, "components", "WHERE dossier_id = ?", (dossier_id,))
        _seal_dossier(conn, self._keys, dossier_id)

    # --- reading ---------------------------------------------------------------------------

    def _check_row(self, table: str, row: Sequence) -> tuple:
        """The row's values (selected with `columns(table)`: its encoding and MAC last) without those two,
        if the MAC matches; otherwise TamperedData."""
        if self._macs:
            self._check_mac(table, row[0], row[-2], row[-1])
        return tuple(row[:-2])

    def _check_mac(self, table: str, row_id: object, encoded: bytes, mac: bytes | None) -> None:
        if mac is None or not hmac.compare_digest(bytes(mac), self._keys.row_mac(table, encoded)):
            raise tampered(table, row_id)

    def _verified_row(self, conn: sqlite3.Connection, table: str, row_id: object) -> dict | None:
        """The stored row as {column: value} once its MAC is checked, or None when there is no such row."""
        if not self._row_macs_on:  # a store kept at an older version (tests): no MAC columns to read
            cursor = conn.execute(f"SELECT * FROM {table} WHERE {key_column(table)} = ?", (row_id,))
            found = cursor.fetchone()
            return None if found is None else dict(zip([c[0] for c in cursor.description], found))
        try:
            row = conn.execute(f"SELECT {columns(table)} FROM {table} WHERE {key_column(table)} = ?",
                               (row_id,)).fetchone()
        except sqlite3.OperationalError as error:
            if "JSON cannot hold BLOB" in str(error):  # a BLOB put into a text column
                raise tampered(table, row_id) from None
            raise
        if row is None:
            return None
        return dict(zip(ROW_COLUMNS[table], self._check_row(table, row)))

    def _check_map(self, conn: sqlite3.Connection, dossier_id: str, map_mac: bytes | None) -> None:
        """The dossier's components and documents are those its map MAC was made over."""
        if self._macs and (map_mac is None or
                             not hmac.compare_digest(bytes(map_mac), _map_mac(self._keys, conn, dossier_id))):
            raise TamperedData(f"dossier {dossier_id}: its components and documents")

    def _verified_dossier(self, conn: sqlite3.Connection, dossier_id: str) -> dict | None:
        """The dossier's row, its map, and every row of its components and documents, checked."""
        row = self._verified_row(conn, "dossiers", dossier_id)
        if row is None or not self._row_macs_on:
            return row
        self._check_map(conn, dossier_id, row["map_mac"])
        for table in ("components", "documents"):
            for part in conn.execute(f"SELECT {columns(table)} FROM {table} WHERE dossier_id = ?", (dossier_id,)):
                self._check_row(table, part)
        return row

    def row_problems(self) -> list[str]:
        """Every row that fails its MAC, every dossier whose map fails, every queued dossier with no
        outbox entry waiting (ids only)."""
        problems: list[str] = []
        if not self._macs:
            return problems
        for table in ROW_COLUMNS:
            key = key_column(table)
            try:
                rows = self.conn.execute(f"SELECT {key}, {mac_columns(table)} FROM {table}").fetchall()
            except sqlite3.OperationalError:  # a BLOB put into a text column: found row by row
                for (row_id,) in self.conn.execute(f"SELECT {key} FROM {table}").fetchall():
                    try:
                        self._verified_row(self.conn, table, row_id)
                    except TamperedData as error:
                        problems.append(str(error))
                continue
            for row in rows:
                try:
                    self._check_row(table, row)
                except TamperedData as error:
                    problems.append(str(error))
        for dossier_id, map_mac in self.conn.execute("SELECT id, map_mac FROM dossiers"):
            try:
                self._check_map(self.conn, dossier_id, map_mac)
            except TamperedData as error:
                problems.append(str(error))
        problems += [f"dossier {dossier_id}: it is {state} but has no outbox entry waiting to upload it"
                     for dossier_id, state in self.conn.execute(
                         "SELECT d.id, d.state FROM dossiers d LEFT JOIN outbox o ON o.dossier_id = d.id "
                         "WHERE d.state IN ('queued', 'uploading') AND (o.state IS NULL OR o.state = 'done')")]
        return problems


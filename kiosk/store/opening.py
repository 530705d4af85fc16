"""Opening the store: the SQLite connection, its pragmas, the migrations, the station key's check,
transactions, and the stored form of timestamps.

Why synchronous=FULL with WAL: NORMAL is durable against a crash of the program, but a power cut
may roll back the last transactions committed before it. A submitted dossier has a receipt in the
citizen's hand, so its commit must survive a power cut. Measured here (tests/bench/store.py), NORMAL
submitted only 1.05-1.4x as many dossiers per second as FULL (FULL: 170-280/s; the fsyncs of the
document files cost as much as the WAL's), far more than a station produces: FULL it is. NORMAL
stays selectable (`synchronous="NORMAL"`) for bulk tools.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Self

import sqlite_utils

from kiosk.domain import DomainError
from kiosk.domain.models import RECEIVER
from kiosk.text import nfc

from kiosk.private_files import create_private_file, narrow_if_present, private_folder

from .crypto import Keys
from .errors import SchemaTooNew, StoreError, WrongStationKey
from .files import BlobStore
from .keystores import KeyStore
from .migrations import MIGRATIONS, Migration, schema_version
from .rowmacs import ROW_MACS_SINCE, RowMacs, authenticate_rows
from .upgrading import migrate_safely

DB_NAME = "store.sqlite3"
FILES_DIR = "files"
SYNCHRONOUS = ("FULL", "NORMAL")
UTC = timezone.utc


def ts(moment: datetime) -> str:
    """Stored form of a timestamp: UTC, microseconds, sorts as text."""
    if moment.tzinfo is None:
        raise DomainError("timestamps must carry a time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_ts(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


class Opening(RowMacs):
    """The open store every other part builds on: `conn`, `db`, `blobs`, the keys, transactions, and
    the rows' MACs (rowmacs.py)."""

    def __init__(
        self,
        data_dir: Path | str,
        keys: KeyStore,
        station_id: str = "station",
        *,
        synchronous: str = "FULL",
        migrations: list[Migration] = MIGRATIONS,
    ):
        self.data_dir = Path(data_dir)
        self.station_id = nfc(station_id)
        if not RECEIVER.fullmatch(self.station_id):
            raise DomainError("the station id must be letters, digits, '.', '_', '@' or '-'")
        if synchronous.upper() not in SYNCHRONOUS:
            raise ValueError(f"synchronous must be one of {SYNCHRONOUS}")
        private_folder(self.data_dir)
        self.path = self.data_dir / DB_NAME
        # made 0600 before SQLite opens it: SQLite gives its -wal and -shm files the database's mode
        create_private_file(self.path)
        for companion in ("-wal", "-shm"):  # left open to others by a version before this rule
            narrow_if_present(self.data_dir / (DB_NAME + companion))
        self._keys = Keys(keys.station_key())
        self._lock = threading.RLock()
        self.conn = self._connect(synchronous.upper(), migrations)
        self.db = sqlite_utils.Database(self.conn)
        self.blobs = BlobStore(self.data_dir / FILES_DIR)
        self.blobs.remove_stale_temporaries()

    def _connect(self, synchronous: str, migrations: list[Migration]) -> sqlite3.Connection:
        where = str(self.path)
        # one store may serve a front end's thread and the intake's worker: transactions take the
        # store's lock, and SQLite itself serialises the connection's calls
        conn = sqlite3.connect(where, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            try:
                found = schema_version(conn)
            except sqlite3.DatabaseError as error:
                raise StoreError(f"{where} is not a readable store ({error})") from None
            latest = migrations[-1].version if migrations else 0
            if found > latest:
                raise SchemaTooNew(where, found, latest)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")  # deleted rows are overwritten in the file
            migrate_safely(conn, self.path, migrations)
            conn.execute("BEGIN IMMEDIATE")
            try:
                # a store kept at an older version (tests of migrations) is written as its own program did
                self._row_macs_on = schema_version(conn) >= ROW_MACS_SINCE
                row = conn.execute("SELECT value FROM meta WHERE key = 'key_check'").fetchone()
                if row is None:
                    conn.execute("INSERT INTO meta (key, value) VALUES ('key_check', ?)",
                                 (self._keys.key_check_value(row_macs=self._row_macs_on),))
                    text = None
                elif (text := self._keys.key_check_text(row[0])) is None:
                    raise WrongStationKey(where)
                if self._row_macs_on:
                    authenticate_rows(conn, self._keys, text)
                conn.execute("COMMIT")
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    def _actor(self, actor: str | None) -> str:
        return nfc(actor) if actor else self.station_id

"""Versioned schema: an ordered list of migrations, applied at open, each in its own transaction.

The version is SQLite's `PRAGMA user_version`. To change the schema, append a `Migration` with the
next number; never edit one that has shipped. A store whose version is newer than the last
migration here is refused (`SchemaTooNew`) and left untouched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable, Sequence

from .errors import SchemaTooNew


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: Sequence[str] = ()
    # For changes SQL alone cannot express (re-encrypting, moving files): runs after `statements`,
    # inside the same transaction.
    run: Callable[[sqlite3.Connection], None] | None = None


V1 = [
    # Small values the store needs: key check, audit head.
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)""",
    # One row per dossier. Personal data only sealed (citizen, rejection_reason); the data key is
    # wrapped by the station key.
    """CREATE TABLE dossiers (
        id TEXT PRIMARY KEY,
        procedure_code TEXT NOT NULL,
        receiving_unit TEXT NOT NULL,
        competent_unit TEXT NOT NULL,
        received_by TEXT NOT NULL,
        station_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft','ready','queued','uploading','accepted','rejected')),
        official_code TEXT UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        wrapped_key BLOB NOT NULL,
        citizen BLOB NOT NULL,
        rejection_reason BLOB
    )""",
    "CREATE INDEX dossiers_state ON dossiers (state, updated_at)",
    "CREATE INDEX dossiers_station_created ON dossiers (station_id, created_at)",
    "CREATE INDEX dossiers_created ON dossiers (created_at)",
    # E-wallet draft items kept on the station for the citizen.
    """CREATE TABLE wallet_items (
        id TEXT PRIMARY KEY,
        owner_digest BLOB NOT NULL,
        created_at TEXT NOT NULL,
        source_dossier_id TEXT,
        wrapped_key BLOB NOT NULL,
        title BLOB NOT NULL
    )""",
    "CREATE INDEX wallet_items_owner ON wallet_items (owner_digest)",
    # A PDF, owned by a dossier or by an e-wallet item. `file` = SHA-256 of the ciphertext file.
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        dossier_id TEXT REFERENCES dossiers (id) ON DELETE CASCADE,
        wallet_item_id TEXT REFERENCES wallet_items (id) ON DELETE CASCADE,
        file TEXT NOT NULL,
        size INTEGER NOT NULL,
        page_count INTEGER NOT NULL,
        sha256 BLOB NOT NULL,
        thumbnails BLOB NOT NULL,
        CHECK ((dossier_id IS NULL) != (wallet_item_id IS NULL))
    )""",
    "CREATE INDEX documents_dossier ON documents (dossier_id)",
    "CREATE INDEX documents_wallet_item ON documents (wallet_item_id)",
    """CREATE TABLE components (
        id TEXT PRIMARY KEY,
        dossier_id TEXT NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        required INTEGER NOT NULL,
        document_id TEXT REFERENCES documents (id),
        wallet_item_id BLOB
    )""",
    "CREATE INDEX components_dossier ON components (dossier_id, position)",
    # Keyed hashes of normalised ID number, folded full name and folded words of the name.
    """CREATE TABLE search (
        kind TEXT NOT NULL,
        digest BLOB NOT NULL,
        dossier_id TEXT NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
        PRIMARY KEY (kind, digest, dossier_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX search_dossier ON search (dossier_id)",
    # What the relay must upload. Written in the same transaction as the dossier.
    """CREATE TABLE outbox (
        dossier_id TEXT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending','sending','done')),
        last_error TEXT
    )""",
    "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
    # Append-only, hash-chained. No personal data: who (actor id), what, which dossier, when.
    """CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        dossier_id TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    "CREATE INDEX audit_dossier ON audit (dossier_id)",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]

V2 = [
    # When the province confirmed it holds the item (sent with its source dossier), or its refusal
    # (sealed under the item's key: a server's reason is not trusted to be free of personal data).
    "ALTER TABLE wallet_items ADD COLUMN province_received_at TEXT",
    "ALTER TABLE wallet_items ADD COLUMN province_refusal BLOB",
    # The owner's ID number, sealed: an item is sent to the province with it. Items stored before
    # have only the keyed hash; their owner is their dossier's citizen when the hash matches.
    "ALTER TABLE wallet_items ADD COLUMN owner BLOB",
    "CREATE INDEX wallet_items_source ON wallet_items (source_dossier_id, created_at)",
]

V3 = [
    # A component the citizen showed in original at the counter: provided, with nothing kept.
    "ALTER TABLE components ADD COLUMN shown_in_original INTEGER NOT NULL DEFAULT 0",
]

V4 = [
    # The citizen's satisfaction rating of a visit (kiosk/domain/rating.py, kiosk/store/ratings.py). No
    # personal data and no way back to its dossier: no dossier id, no citizen, no time finer than the
    # day (in Vietnam), and a random id in a table WITHOUT ROWID, so that neither the ids nor the order
    # of the rows tell which rating followed which dossier.
    """CREATE TABLE ratings (
        id TEXT PRIMARY KEY,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        station_id TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('kiosk','counter')),
        procedure_code TEXT,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        CHECK (score <= 3 OR reasons = '[]')
    ) WITHOUT ROWID""",
    "CREATE INDEX ratings_day ON ratings (day, channel)",
]

V5 = [
    # The station's local accounts: officers at the counter, technicians in diagnostics. The password is
    # kept only as an Argon2id hash (its encoded form: parameters, salt and hash); repeated failures lock
    # the account until `locked_until`.
    """CREATE TABLE officers (
        login TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer','technician')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        password_changed_at TEXT NOT NULL
    )""",
    # The wait (from first contact to the receipt) and the queue ticket it started with; no personal data.
    "ALTER TABLE dossiers ADD COLUMN first_contact_at TEXT",
    "ALTER TABLE dossiers ADD COLUMN queue_ticket TEXT",
    # What the province says of an accepted dossier (sync.protocol.PROVINCE_STATES), polled by the relay,
    # and whether the province refused it as a conflict (the reason itself stays sealed).
    "ALTER TABLE dossiers ADD COLUMN province_state TEXT",
    "ALTER TABLE dossiers ADD COLUMN sync_conflict INTEGER NOT NULL DEFAULT 0",
]

V6 = [
    # When the relay last asked the province about an accepted dossier: it asks the least recently
    # asked first (kiosk/store/outbox.py `province_polls_due`), so no dossier is forgotten.
    "ALTER TABLE dossiers ADD COLUMN province_checked_at TEXT",
    "CREATE INDEX dossiers_province_poll ON dossiers (state, province_checked_at)",
    # The counter's list (kiosk/store/counter.py), measured with 100,000 dossiers (tests/bench/counter.py):
    # pages walk the dates with ties broken by id, and a search's matches are put in date order without
    # reading their rows.
    "CREATE INDEX dossiers_created_id ON dossiers (created_at, id)",
    "CREATE INDEX dossiers_id_created ON dossiers (id, created_at)",
]

V7 = [
    # A keyed MAC over each row's columns (kiosk/store/rowmacs.py), and over each dossier's map from
    # components to documents. Rows stored before get theirs when the store is first opened at version 7
    # (rowmacs.authenticate_rows: it needs the station key, which migrations do not have).
    "ALTER TABLE dossiers ADD COLUMN mac BLOB",
    "ALTER TABLE dossiers ADD COLUMN map_mac BLOB",
    "ALTER TABLE components ADD COLUMN mac BLOB",
    "ALTER TABLE documents ADD COLUMN mac BLOB",
    "ALTER TABLE outbox ADD COLUMN mac BLOB",
    "ALTER TABLE wallet_items ADD COLUMN mac BLOB",
    "ALTER TABLE officers ADD COLUMN mac BLOB",
]

MIGRATIONS: list[Migration] = [
    Migration(1, "dossiers, components, documents, e-wallet items, search, outbox, audit", V1),
    Migration(2, "e-wallet items: when the province received them, or why it refused", V2),
    Migration(3, "components shown in original", V3),
    Migration(4, "the citizens' satisfaction ratings, without personal data", V4),
    Migration(5, "officers' accounts; the wait, the province's state and conflicts of a dossier", V5),
    Migration(6, "when the province was last asked about an accepted dossier; the counter's indexes", V6),
    Migration(7, "a keyed MAC over every row's columns and over each dossier's components", V7),
]

LATEST = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, where: str, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the store to the latest version; return the version found before. `conn` must be in
    autocommit mode (isolation_level None)."""
    latest = migrations[-1].version if migrations else 0
    found = schema_version(conn)
    if found > latest:
        raise SchemaTooNew(where, found, latest)
    for migration in migrations:
        if migration.version <= found:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)  # another process may have migrated meanwhile
            if current > latest:
                raise SchemaTooNew(where, current, latest)
            if current < migration.version:
                if current != migration.version - 1:
                    raise RuntimeError(f"migration {migration.version} needs version {migration.version - 1}")
                for statement in migration.statements:
                    conn.execute(statement)
                if migration.run:
                    migration.run(conn)
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return found

import sqlite3

import pytest

from kiosk.store import LATEST, MIGRATIONS, MemoryKeyStore, Migration, SchemaTooNew, Store, StoreError


def test_fresh_store_is_at_latest_version_with_wal_and_foreign_keys(datadir):
    with Store(datadir, MemoryKeyStore(), "SIM-01") as store:
        assert store.schema_version == LATEST == len(MIGRATIONS)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert {"dossiers", "components", "documents", "outbox", "audit", "search", "meta"} <= set(store.db.table_names())


def test_migrations_are_numbered_in_order():
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


@pytest.mark.parametrize("start", range(0, LATEST))
def test_migrates_from_every_earlier_version(datadir, start):
    key = MemoryKeyStore()
    if start:
        Store(datadir, key, "SIM-01", migrations=MIGRATIONS[:start]).close()
    with Store(datadir, key, "SIM-01") as store:
        assert store.schema_version == LATEST


def test_a_later_migration_is_applied_at_open(datadir):
    key = MemoryKeyStore()
    Store(datadir, key, "SIM-01").close()
    extra = Migration(LATEST + 1, "test column", ["ALTER TABLE dossiers ADD COLUMN note TEXT"])
    with Store(datadir, key, "SIM-01", migrations=[*MIGRATIONS, extra]) as store:
        assert store.schema_version == LATEST + 1
        assert "note" in store.db["dossiers"].columns_dict


def test_a_newer_store_is_refused_and_untouched(datadir):
    key = MemoryKeyStore()
    Store(datadir, key, "SIM-01").close()
    conn = sqlite3.connect(datadir / "store.sqlite3")
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.commit()
    conn.close()
    before = (datadir / "store.sqlite3").read_bytes()
    with pytest.raises(SchemaTooNew, match=f"schema version {LATEST + 1}.*update the program"):
        Store(datadir, key, "SIM-01")
    assert (datadir / "store.sqlite3").read_bytes() == before


def test_a_file_that_is_not_a_store(datadir):
    datadir.mkdir()
    (datadir / "store.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a readable store"):
        Store(datadir, MemoryKeyStore(), "SIM-01")

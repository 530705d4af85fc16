"""An upgrade of the store's schema never leaves it half-way: a failed migration puts back the store the
previous version wrote, which that version opens again; an interrupted upgrade resumes from its copy."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.store import MIGRATIONS, CopyFailed, FileKeyStore, Migration, SchemaTooNew, Store, UpgradeFailed
from kiosk.store import upgrading

from .conftest import ID_NUMBER, NAME, T0, make_dossier

OLD = MIGRATIONS[:5]  # the store as a version of the application from before migrations 6 and 7 wrote it
LATEST = MIGRATIONS[-1].version


def failing(version: int) -> Migration:
    def run(conn):
        raise sqlite3.OperationalError("no such column: imaginary")

    return Migration(version, "a migration that fails", ["ALTER TABLE dossiers ADD COLUMN note TEXT"], run=run)


def old_store(datadir: Path, keydir: Path):
    dossier = make_dossier()
    with Store(datadir, FileKeyStore(keydir), "SIM-01", migrations=OLD) as store:
        store.submit(dossier, now=T0)
    return dossier


def contents(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [*conn.iterdump(), f"user_version={conn.execute('PRAGMA user_version').fetchone()[0]}"]
    finally:
        conn.close()


def assert_the_previous_version_opens(datadir: Path, keydir: Path, dossier) -> None:
    """Opened as the version that knew migrations 1-5 opens it (this program reads rows only with their
    MACs of version 7, so the rows are looked at as that version's tables), then upgraded for real."""
    with Store(datadir, FileKeyStore(keydir), "SIM-01", migrations=OLD) as previous:
        assert previous.schema_version == 5
        assert [row["id"] for row in previous.db["dossiers"].rows] == [dossier.id]
        assert previous.db["outbox"].count == 1 and previous.db["documents"].count == 2
    with Store(datadir, FileKeyStore(keydir), "SIM-01") as upgraded:
        assert upgraded.load(dossier.id).citizen.full_name == NAME
        assert upgraded.check() == []


def leftovers(datadir: Path) -> list[str]:
    return sorted(p.name for p in datadir.iterdir() if upgrading.COPY_SUFFIX in p.name)


def test_a_failed_migration_puts_back_the_store_the_previous_version_opens(datadir, keydir):
    dossier = old_store(datadir, keydir)
    before = contents(datadir / "store.sqlite3")
    with pytest.raises(UpgradeFailed) as failure:  # 6 and 7 commit, 8 fails
        Store(datadir, FileKeyStore(keydir), "SIM-01", migrations=[*MIGRATIONS, failing(LATEST + 1)])
    message = str(failure.value)
    assert f"from schema version 5 to {LATEST + 1}" in message and "put back as it was, at version 5" in message
    assert NAME not in message and ID_NUMBER not in message
    assert contents(datadir / "store.sqlite3") == before
    assert leftovers(datadir) == []
    assert_the_previous_version_opens(datadir, keydir, dossier)


def test_a_successful_upgrade_keeps_every_row_and_leaves_no_copy(datadir, keydir):
    dossier = old_store(datadir, keydir)
    with Store(datadir, FileKeyStore(keydir), "SIM-01") as store:
        assert store.schema_version == LATEST
        assert store.load(dossier.id).citizen.id_number == ID_NUMBER
        assert store.check() == []
        assert store.verify_audit() == []
    assert leftovers(datadir) == []


INTERRUPTED = """
import os, sys
from pathlib import Path
from kiosk.store import MIGRATIONS, FileKeyStore, Migration, Store

def power_cut(conn):
    os._exit(9)

Store(Path(sys.argv[1]), FileKeyStore(Path(sys.argv[2])), "SIM-01",
      migrations=[*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "cut", run=power_cut)])
"""


def interrupted_upgrade(datadir: Path, keydir: Path) -> None:
    """Migrations 6 and 7 committed, then the power went during migration 8."""
    done = subprocess.run([sys.executable, "-c", INTERRUPTED, str(datadir), str(keydir)],
                          cwd=Path(__file__).resolve().parents[2], capture_output=True, timeout=120)
    assert done.returncode == 9, done.stderr.decode()[-2000:]


def test_an_interrupted_upgrade_fails_back_to_the_version_before_it(datadir, keydir):
    dossier = old_store(datadir, keydir)
    before = contents(datadir / "store.sqlite3")
    interrupted_upgrade(datadir, keydir)
    assert contents(datadir / "store.sqlite3")[-1] == f"user_version={LATEST}"
    assert leftovers(datadir) == ["store.sqlite3.before-upgrade-v5"]
    with pytest.raises(SchemaTooNew):  # the previous version cannot open it half-way
        Store(datadir, FileKeyStore(keydir), "SIM-01", migrations=OLD)
    with pytest.raises(UpgradeFailed, match="at version 5"):  # the next attempt fails too: back to 5, not 7
        Store(datadir, FileKeyStore(keydir), "SIM-01", migrations=[*MIGRATIONS, failing(LATEST + 1)])
    assert contents(datadir / "store.sqlite3") == before
    assert_the_previous_version_opens(datadir, keydir, dossier)


def test_an_upgrade_interrupted_after_its_last_migration_is_complete_at_next_start(datadir, keydir):
    dossier = old_store(datadir, keydir)
    interrupted_upgrade(datadir, keydir)
    with Store(datadir, FileKeyStore(keydir), "SIM-01") as store:  # this version's last migration is 7: done
        assert store.load(dossier.id).id == dossier.id
    assert leftovers(datadir) == []


def test_no_copy_no_upgrade(datadir, keydir, monkeypatch):
    old_store(datadir, keydir)
    before = contents(datadir / "store.sqlite3")
    monkeypatch.setattr(upgrading, "_readable", lambda copy: False)  # the copy does not read back (disk full)
    with pytest.raises(CopyFailed, match="was not touched; free space"):
        Store(datadir, FileKeyStore(keydir), "SIM-01")
    assert contents(datadir / "store.sqlite3") == before
    assert leftovers(datadir) == []

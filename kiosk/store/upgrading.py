"""Upgrading a store's schema without risking it: a copy before the first migration, put back when one fails.

Each migration commits on its own, so a failure half-way (or a power cut) would leave a store at a
version between the old program's and the new one's: the new program cannot finish it and the old one
refuses it as too new. A copy of the store as the old program left it (SQLite's backup API, so the WAL's
pages are in it) is taken before the first migration and put back if any migration fails; the store then
is exactly what the old program wrote, and the previous version of the application opens it again.

The copy is removed once every migration is in: it holds dossiers that retention will purge later. A copy
left by an interrupted upgrade (power cut during a migration) is kept and used as the restore point of
the next attempt, since it is the version the old program can still open.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from kiosk.private_files import create_private_file

from .errors import SchemaTooNew, StoreError
from .migrations import Migration, migrate, schema_version

log = logging.getLogger(__name__)

COPY_SUFFIX = ".before-upgrade-v"  # + the version the copy is at


class UpgradeFailed(StoreError):
    """A migration failed and the store was put back as it was before the upgrade."""

    def __init__(self, where: str, found: int, target: int, cause: str, restored: bool, copy: Path):
        self.found, self.target, self.restored = found, target, restored
        if restored:
            outcome = (f"it was put back as it was, at version {found}: the previous version of the application "
                       "opens it; report this to the support with the log")
        else:
            outcome = (f"putting it back failed too: the copy made before the upgrade is {copy}; stop the station "
                       "and restore that file over the store before starting any version")
        super().__init__(f"the store at {where} could not be upgraded from schema version {found} to {target} "
                         f"({cause}); {outcome}")


class CopyFailed(StoreError):
    def __init__(self, where: str, cause: str):
        super().__init__(f"the store at {where} needs an upgrade, but no copy of it could be made first ({cause}): "
                         "it was not touched; free space on the data folder's disk and start again")


def migrate_safely(conn: sqlite3.Connection, path: Path, migrations: Sequence[Migration]) -> int:
    """`migrate`, with the store copied first and put back when a migration fails. Returns the version found."""
    latest = migrations[-1].version if migrations else 0
    found = schema_version(conn)
    if found == 0 or found > latest:  # a new store has nothing to lose; a newer one is refused untouched
        return migrate(conn, str(path), migrations)
    if found == latest and not _copies(path):
        return found
    with _upgrading(path):
        found = schema_version(conn)  # another process may have upgraded it meanwhile
        if found >= latest:
            if found == latest:  # an upgrade interrupted after its last migration: it is complete
                for copy in _copies(path):
                    _remove(copy)
            return migrate(conn, str(path), migrations)
        copy = _restore_point(conn, path, found)
        try:
            migrate(conn, str(path), migrations)
        except SchemaTooNew:
            raise
        except Exception as error:
            cause = f"{error.__class__.__name__} in a migration"
            log.error("store upgrade from version %d to %d failed (%s): putting the copy back", found, latest, cause)
            restored = _put_back(conn, copy)
            raise UpgradeFailed(str(path), _version_of(copy), latest, cause, restored, copy) from None
        _remove(copy)
        log.info("store upgraded from schema version %d to %d", found, latest)
    return found


@contextmanager
def _upgrading(path: Path) -> Iterator[None]:
    """One process upgrades at a time (the window and the relay service may start together)."""
    lock = Path(f"{path}.upgrade-lock")
    create_private_file(lock)
    with open(lock, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + COPY_SUFFIX + "*"), key=_version_of)


def _version_of(copy: Path) -> int:
    try:
        return int(copy.name.rsplit(COPY_SUFFIX, 1)[1])
    except (IndexError, ValueError):
        return -1


def _restore_point(conn: sqlite3.Connection, path: Path, found: int) -> Path:
    """The copy of an interrupted upgrade if one is left (it is at the old program's version), else a new
    copy of the store as it is now: written beside, checked, then renamed into place."""
    for copy in _copies(path):
        if 0 < _version_of(copy) <= found and _readable(copy):
            log.info("store upgrade resumes: the copy at version %d from an interrupted upgrade is kept",
                     _version_of(copy))
            return copy
    copy = Path(f"{path}{COPY_SUFFIX}{found}")
    partial = Path(f"{copy}.partial")
    try:
        partial.unlink(missing_ok=True)
        create_private_file(partial)
        target = sqlite3.connect(partial)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # a copy in one file, no -wal beside it
        finally:
            target.close()
        if not _readable(partial):
            raise OSError("the copy does not read back")
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, copy)
        _sync_folder(path.parent)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise CopyFailed(str(path), error.__class__.__name__) from None
    return copy


def _readable(copy: Path) -> bool:
    try:
        check = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            return check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            check.close()
    except sqlite3.Error:
        return False


def _put_back(conn: sqlite3.Connection, copy: Path) -> bool:
    """The store's pages replaced by the copy's, through SQLite (so the WAL stays consistent)."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            source.backup(conn)
        finally:
            source.close()
        if schema_version(conn) != _version_of(copy):
            return False
    except sqlite3.Error:
        log.exception("putting the store's copy back failed")
        return False
    _remove(copy)
    return True


def _remove(copy: Path) -> None:
    for name in (copy, Path(f"{copy}-journal")):
        name.unlink(missing_ok=True)
    _sync_folder(copy.parent)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

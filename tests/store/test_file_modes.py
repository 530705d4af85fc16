"""Files holding a citizen's data are the station user's alone: 0600 files in 0700 folders, from their
creation, under the usual umask 022 (a chmod after the write would leave them readable for a moment)."""

import logging
import os
import stat
from pathlib import Path

import pytest

from kiosk.cli.dossier import export_dossier
from kiosk.logs import export_logs, setup_logging
from kiosk.store import FileKeyStore, Store

from .conftest import T0, make_dossier


@pytest.fixture
def usual_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _assert_private(root: Path) -> list[Path]:
    """Every folder under `root` (itself included) 0700, every file 0600; returns the files."""
    files = []
    assert _mode(root) == 0o700, root
    for folder, folders, names in os.walk(root):
        for name in folders:
            assert _mode(Path(folder) / name) == 0o700, Path(folder) / name
        for name in names:
            path = Path(folder) / name
            assert _mode(path) == 0o600, f"{path}: {oct(_mode(path))}"
            files.append(path)
    return files


def test_the_store_after_a_submit_holds_only_private_files(tmp_path, usual_umask):
    data = tmp_path / "data" / "store"
    store = Store(data, FileKeyStore(tmp_path / "config"), station_id="SIM-01")
    other = Store(data, FileKeyStore(tmp_path / "config"), station_id="SIM-01")  # a second connection: -shm
    try:
        dossier = make_dossier()
        store.submit(dossier, now=T0)
        assert other.load(dossier.id).id == dossier.id
        files = {path.name for path in _assert_private(data)}
    finally:
        other.close()
        store.close()
    assert {"store.sqlite3", "store.sqlite3-wal", "store.sqlite3-shm"} <= files
    assert len(files) >= 3 + len(dossier.documents)  # and each document's encrypted file


def test_an_older_stores_open_files_are_narrowed_when_it_is_opened(tmp_path, usual_umask):
    data = tmp_path / "store"
    Store(data, FileKeyStore(tmp_path / "config"), station_id="SIM-01").close()
    data.chmod(0o755)
    (data / "store.sqlite3").chmod(0o644)
    (data / "files").chmod(0o755)
    store = Store(data, FileKeyStore(tmp_path / "config"), station_id="SIM-01")
    try:
        store.submit(make_dossier(), now=T0)
        _assert_private(data)
    finally:
        store.close()


def test_the_log_and_its_rotations_are_private(tmp_path, usual_umask):
    logs = tmp_path / "logs"
    path = setup_logging(logs, max_bytes=2_000, backups=3)
    log = logging.getLogger("kiosk.test.modes")
    try:
        for number in range(100):
            log.warning("line %d of a log that rotates", number)
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
            root.removeHandler(handler)
            handler.close()
    names = {p.name for p in _assert_private(logs)}
    assert {path.name, "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"} <= names


def test_exports_are_private(tmp_path, usual_umask):
    store = Store(tmp_path / "store", FileKeyStore(tmp_path / "config"), station_id="SIM-01")
    try:
        dossier = make_dossier()
        store.submit(dossier, now=T0)
        exported = export_dossier(store, dossier.id, tmp_path / "export")
    finally:
        store.close()
    assert len(_assert_private(exported)) == len(dossier.documents) + 1  # the PDFs and the manifest
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "kiosk.log").write_text("a line\n", encoding="utf-8")
    archive = export_logs(logs, tmp_path / "logs-export.zip", {"station": "SIM-01"})
    assert _mode(archive) == 0o600

"""`kiosk dossier|store|audit|sync` on a real store, delivering to the stand's reference server."""

import json
import sqlite3
import subprocess
import sys

import pytest

from kiosk.config import load_config
from kiosk.store import open_store
from tests.conftest import write_config
from sync.reference_pki import make_signing_pki
from tests.sync.factories import Clock, submitted

pytestmark = pytest.mark.station


@pytest.fixture
def station_env(station, station_config, tmp_path):
    """A configuration of its own (store, keys) that reaches the session's reference server."""
    file = write_config(tmp_path, endpoint=station_config.endpoint, ca_bundle=str(station_config.ca_bundle),
                        client_certificate=str(station_config.client_certificate),
                        client_key=str(station_config.client_key), key_dir=str(tmp_path / "keys"),
                        station_id=station_config.station_id)
    return {"KIOSK_CONFIG": str(file), "PATH": "/usr/bin:/bin"}, load_config(file, env={})


def kiosk(env, *args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env, capture_output=True, text=True, timeout=120)


def test_dossiers_are_listed_shown_exported_checked_and_delivered(station_env, station_config, tmp_path):
    env, config = station_env
    clock = Clock()
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        # signed under the stand's signing CA: the reference server refuses a PDF whose signature fails
        signing = make_signing_pki(station_config.simulation_dir / "pki")
        first, second = submitted(store, clock, signing=signing), submitted(store, clock, signing=signing)

    listed = kiosk(env, "dossier", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert {r["id"] for r in rows} == {first.id, second.id} and {r["state"] for r in rows} == {"queued"}
    assert "Nguyễn" not in listed.stdout and "001190012345" not in listed.stdout  # listing holds no personal data

    shown = kiosk(env, "dossier", "show", first.id)
    assert shown.returncode == 0 and "Nguyễn Thị Hồng Nhung" in shown.stdout
    exported = kiosk(env, "dossier", "export", first.id, "--to", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    pdfs = sorted((tmp_path / "out" / first.id).glob("*.pdf"))
    assert {p.read_bytes() for p in pdfs} == {c.document.content for c in first.components}

    status = json.loads(kiosk(env, "sync", "status", "--json").stdout)
    assert status["queue"] == 2 and status["bytes_pending"] == 2 * 25_000 and status["last_success"] is None

    test = kiosk(env, "sync", "test")
    assert test.returncode == 0 and test.stdout.startswith("ok: https://127.0.0.1:"), test.stdout + test.stderr
    run = kiosk(env, "sync", "run", "--once")
    assert run.returncode == 0, run.stderr
    assert f"{first.id} accepted" in run.stdout and f"{second.id} accepted" in run.stdout
    status = json.loads(kiosk(env, "sync", "status", "--json").stdout)
    assert status["queue"] == 0 and status["last_success"] is not None
    accepted = json.loads(kiosk(env, "dossier", "list", "--state", "accepted", "--json").stdout)
    assert len(accepted) == 2 and all(r["official_code"] for r in accepted)

    assert kiosk(env, "store", "check").stdout.strip() == "store ok"
    verified = kiosk(env, "audit", "verify")
    assert verified.returncode == 0 and verified.stdout.strip() == "audit log intact"


def test_an_edited_audit_row_is_reported(station_env):
    env, config = station_env
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        submitted(store, Clock())
    db = sqlite3.connect(config.store_dir / "store.sqlite3")
    db.execute("DROP TRIGGER IF EXISTS audit_no_update")
    db.execute("UPDATE audit SET actor = 'someone-else' WHERE seq = 1")
    db.commit()
    db.close()
    verified = kiosk(env, "audit", "verify")
    assert verified.returncode == 4 and "audit row 1" in verified.stdout


def test_sync_test_names_what_is_wrong(station_env, tmp_path):
    env, _ = station_env
    (tmp_path / "elsewhere").mkdir()
    bad = write_config(tmp_path / "elsewhere", endpoint="https://127.0.0.1:9", key_dir=str(tmp_path / "k"))
    failed = kiosk({**env, "KIOSK_CONFIG": str(bad)}, "sync", "test")
    assert failed.returncode == 3 and "ca_bundle: missing" in failed.stderr

"""The simulated stand publishes its catalogs and test CSCA as signed content; a station on it picks up a
procedure the province adds within one relay cycle (`kiosk sync run --once`, a child process)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from kiosk.config import load_config
from kiosk.content import active_content, content_status
from tests.conftest import write_config
from tests.sync.test_signed_content import NEW_CODE, add_procedure

pytestmark = pytest.mark.station


def relay_cycle(config):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["KIOSK_CONFIG"] = str(config.source)
    return subprocess.run([sys.executable, "-m", "kiosk", "sync", "run", "--once"], env=env, capture_output=True,
                          text=True, timeout=120)


def test_a_station_on_the_stand_picks_up_a_new_procedure_within_one_relay_cycle(station, station_config, tmp_path):
    # a station of its own (its own data folder) on the stand's province, installed with the stand's root
    config = load_config(write_config(
        tmp_path, station_id=station_config.station_id, endpoint=station_config.endpoint,
        ca_bundle=str(station_config.ca_bundle), client_certificate=str(station_config.client_certificate),
        client_key=str(station_config.client_key), content_root=str(station_config.content_root)), env={})
    first = relay_cycle(config)
    assert first.returncode == 0, first.stderr
    version = content_status(config)["version"]
    assert version is not None and f"content version {version}" in first.stdout
    assert NEW_CODE not in active_content(config).procedures().procedures
    assert active_content(config).trust_store.is_relative_to(config.data_dir / "content" / "versions")

    source = tmp_path / "province-source"
    shutil.copytree(station.content_source, source)
    add_procedure(source)
    try:
        assert station.publish_content(source).version == version + 1
        cycle = relay_cycle(config)
        assert cycle.returncode == 0, cycle.stderr
        assert f"content version {version + 1}" in cycle.stdout, cycle.stdout
        assert NEW_CODE in active_content(config).procedures().procedures
        status = json.loads(subprocess.run(
            [sys.executable, "-m", "kiosk", "--config", str(config.source), "content", "status", "--json"],
            capture_output=True, text=True, timeout=60).stdout)
        assert status["version"] == version + 1 and status["error_kind"] is None
    finally:
        station.publish_content()  # the stand's own content again, for the tests that follow

"""The simulated station through the real services: pcscd with vpcd, libsane's test backend."""

import json
import os
import subprocess
import sys

import pytest
from smartcard.System import readers

from kiosk.errors import EXIT_CHECKS_FAILED, EXIT_STATION, StationError
from kiosk.stand import Stand
from tests.helpers.cards import READER, InsertedCard

pytestmark = pytest.mark.station


def kiosk(*args, env, timeout=90):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_stand_up_and_doctor_report_ok(station, kiosk_env):
    up = kiosk("stand", "up", env=kiosk_env)
    assert up.returncode == 0, up.stdout + up.stderr
    assert [line.split()[:2] for line in up.stdout.splitlines()] == [
        ["pcscd", "up"], ["sane", "up"], ["camera", "up"], ["province", "up"]]
    doctor = kiosk("doctor", "--json", "--simulated", env=kiosk_env)
    assert doctor.returncode == 0, doctor.stderr
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["pcsc-service"]["result"] == "ok"
    assert checks["pcsc-readers"]["result"] == "ok" and "Virtual PCD 00 00" in checks["pcsc-readers"]["detail"]
    assert checks["sane-devices"]["result"] == "ok" and "test:0" in checks["sane-devices"]["detail"]
    assert checks["cameras"]["result"] == "ok"
    assert checks["provincial-endpoint"]["result"] == "ok"  # the stand's reference server
    assert checks["trust-store"]["result"] == "ok" and checks["trust-store"]["detail"].startswith("1 CSCA certificates")


def test_a_card_on_the_virtual_reader_is_seen_with_its_atr(station):
    with InsertedCard() as card:
        reader = next(r for r in readers() if str(r) == READER)
        connection = reader.createConnection()
        connection.connect()
        data, sw1, sw2 = connection.transmit([0x00, 0xB0, 0x00, 0x00, 0x03, 0x01, 0x02, 0x03])
        atr = bytes(connection.getATR())
        connection.disconnect()
        assert (bytes(data), sw1, sw2) == (b"\x01\x02\x03", 0x90, 0x00)
        assert atr == card.atr


def test_stand_down_leaves_no_process_of_ours(station_config, tmp_path):
    from kiosk.config import load_config
    from tests.conftest import write_config

    # A second stand finds the session's pcscd running, uses it, and must not stop it.
    other = Stand(load_config(write_config(tmp_path, endpoint="https://127.0.0.1:38444"), env={}, simulated=True))
    other.up()
    assert other.pcscd.pid() is None
    assert {p.name: p.up for p in other.status()}["province"]
    other.down()
    parts = {p.name: p.up for p in other.status()}
    assert parts["pcscd"] and not parts["province"]
    # The session's own stand started pcscd (on a clean machine): down stops it, then up again.
    if station_config.simulation_dir.joinpath("pcscd.pid").exists():
        stand = Stand(station_config)
        pid = stand.pcscd.pid()
        stand.down()
        assert not os.path.exists(f"/proc/{pid}") or "Z" in open(f"/proc/{pid}/stat").read().split(")")[1][:3]
        parts = {p.name: p.up for p in stand.status()}
        assert not parts["pcscd"] and not parts["province"]
        stand.up()


def test_missing_pcscd_is_named(kiosk_env, tmp_path):
    env = {**kiosk_env, "KIOSK_PCSCD": "/nonexistent/pcscd", "PCSCLITE_CSOCK_NAME": str(tmp_path / "no.comm")}
    up = kiosk("stand", "up", env=env)
    assert up.returncode == EXIT_STATION
    assert up.stderr.strip() == "kiosk: pcscd not found at /nonexistent/pcscd (named by KIOSK_PCSCD)"
    doctor = kiosk("doctor", "--simulated", env=env)
    assert doctor.returncode == EXIT_CHECKS_FAILED
    assert "failed   pcsc-service" in doctor.stdout and "fix: start it" in doctor.stdout


def test_missing_sane_backend_is_named(station, station_config):
    stand = Stand(station_config)
    try:
        with pytest.raises(StationError, match="libsane's test backend did not load"):
            stand.up(sane_backend="nosuchbackend")
    finally:
        stand.up()


def test_doctor_without_configuration_checks_the_simulated_station(station, station_config, kiosk_env, tmp_path):
    env = {k: v for k, v in kiosk_env.items() if k != "KIOSK_CONFIG"}
    env.update(XDG_CONFIG_HOME=str(tmp_path), KIOSK_DATA_DIR=str(station_config.data_dir),
               KIOSK_STATION_ID=station_config.station_id)
    doctor = kiosk("doctor", "--json", env=env)
    assert doctor.returncode == 0, doctor.stderr
    assert doctor.stderr.strip() == "kiosk: no configuration file: checking the simulated station"
    checks = {c["name"]: c["result"] for c in json.loads(doctor.stdout)["checks"]}
    assert checks["pcsc-readers"] == checks["sane-devices"] == "ok"

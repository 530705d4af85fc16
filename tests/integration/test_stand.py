"""The simulated station through the real services: pcscd with vpcd, libsane's test backend."""

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from smartcard.System import readers

from kiosk.errors import EXIT_CHECKS_FAILED, EXIT_STATION, StationError
from kiosk.simulated_station import Record, Stand
from tests.helpers.cards import READER, InsertedCard, wait_for_atr

pytestmark = pytest.mark.station


def kiosk(*args, env, timeout=90):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_stand_up_and_doctor_report_ok(station, kiosk_env):
    up = kiosk("stand", "up", env=kiosk_env)
    assert up.returncode == 0, up.stdout + up.stderr
    assert [line.split()[:2] for line in up.stdout.splitlines()] == [
        ["pcscd", "up"], ["sane", "up"], ["camera", "up"], ["signing", "up"], ["province", "up"]]
    doctor = kiosk("doctor", "--json", "--simulated", env=kiosk_env)
    assert doctor.returncode == 0, doctor.stderr
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["pcsc-service"]["result"] == "ok"
    assert checks["pcsc-readers"]["result"] == "ok" and "Virtual PCD 00 00" in checks["pcsc-readers"]["detail"]
    assert checks["sane-devices"]["result"] == "ok" and "test:0" in checks["sane-devices"]["detail"]
    assert checks["cameras"]["result"] == "ok"
    assert checks["provincial-endpoint"]["result"] == "ok"  # the stand's reference server
    assert checks["trust-store"]["result"] == "ok" and checks["trust-store"]["detail"].startswith("1 CSCA certificates")
    assert checks["signing-token"]["result"] == "ok"
    assert re.search(r"token '\S+ signing' \(libsofthsm2\.so\): .*, certificate valid 72\d more days",
                     checks["signing-token"]["detail"])
    assert checks["signature-trust"]["result"] == "ok" and checks["signature-trust"]["detail"].startswith("1 CA certificates")


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


def test_stand_down_leaves_no_process_of_ours(station, station_config, tmp_path):
    from kiosk.config import load_config
    from tests.conftest import write_config

    # A second stand finds the session's pcscd running (its run still going), uses it, and must not stop it.
    port = free_port()
    other = Stand(load_config(write_config(tmp_path, endpoint=f"https://127.0.0.1:{port}"), env={}, simulated=True),
                  owner=os.getpid())
    other.up()
    assert not other._owns(other.pcscd.record()) and other.notes == []
    assert {p.name: p.up for p in other.status()}["province"]
    other.down()
    parts = {p.name: p.up for p in other.status()}
    assert parts["pcscd"] and not parts["province"]
    # The session's own stand started pcscd (on a clean machine): down stops it, then up again.
    stand = Stand(station_config, owner=os.getpid())
    record = stand.pcscd.record()
    if stand._owns(record):
        stand.down()
        assert not _runs(record.pid)
        parts = {p.name: p.up for p in stand.status()}
        assert not parts["pcscd"] and not parts["province"]
        stand.up()


def test_a_stand_after_a_crashed_run_adopts_its_pcscd_and_ends_its_server(station, station_config, tmp_path):
    """What a run killed mid-way leaves (its keeper gone) is taken over by the next stand, one line each."""
    from kiosk.config import load_config
    from tests.conftest import write_config

    gone = subprocess.Popen(["true"])
    gone.wait()  # the crashed run: its process no longer exists
    port = free_port()
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = Stand(load_config(write_config(tmp_path / "first", endpoint=f"https://127.0.0.1:{port}"), env={},
                              simulated=True), owner=gone.pid)
    first.up()
    server = first.province.record()
    pcscd = first.pcscd.record()  # None when the machine's own pcscd serves the readers
    if pcscd:  # the crashed run kept pcscd too: lend it the session's for the length of this test
        first.pcscd.write(Record(pcscd.pid, str(first.root), gone.pid))
    try:
        second = Stand(load_config(write_config(tmp_path / "second", endpoint=f"https://127.0.0.1:{port}"), env={},
                                   simulated=True), owner=os.getpid())
        second.up()
        assert second.notes == [f"adopted the pcscd left by an earlier run (pid {pcscd.pid})"] * bool(pcscd) + [
            f"ended the reference server left by an earlier run (pid {server.pid})"]
        assert not _runs(server.pid)
        assert all(p.up for p in second.status())
        assert second._owns(second.province.record())
        second.province.stop()
    finally:
        if pcscd:
            first.pcscd.write(pcscd)  # back to the session's stand


def test_a_port_taken_by_another_program_is_named(station, station_config, tmp_path):
    from kiosk.config import load_config
    from tests.conftest import write_config

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        stand = Stand(load_config(write_config(tmp_path, endpoint=f"https://127.0.0.1:{port}"), env={},
                                  simulated=True), owner=os.getpid())
        with pytest.raises(StationError, match=f"port {port} on 127.0.0.1 is in use by a program this stand did "
                                               "not start"):
            stand.up()


def test_a_card_program_left_by_an_earlier_run_is_ended(station, station_config, kiosk_env):
    # a card program whose parent was killed: the shell is gone, the card still holds the reader
    shell = subprocess.Popen(["sh", "-c", f"{sys.executable} -m kiosk card simulate --profile married-with-old-id "
                                          "& echo $!; wait"], env=kiosk_env, stdout=subprocess.PIPE, text=True)
    card_pid = int(shell.stdout.readline())
    wait_for_atr(READER, present=True)
    shell.kill()
    shell.wait()
    shell.stdout.close()
    stand = Stand(station_config, owner=os.getpid())
    stand.up()
    assert stand.notes == [f"ended a card program left by an earlier run (pid {card_pid})"]
    wait_for_atr(READER, present=False)
    assert not _runs(card_pid)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _runs(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


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

"""The window under a service manager: READY=1 once it shows, WATCHDOG=1 from the GUI thread's event
loop, none while that loop is blocked or the process hangs, STOPPING=1 at quit.

No service manager can run here (systemd is not PID 1, `systemd-run --user` has no user manager), so
systemd's side is played by the test: a notify socket it binds, and, for the restart, the test doing
what Restart=always does when the pings stop (kill, start again)."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

import ui.app
from kiosk import service_manager
from kiosk.config import load_config
from tests.conftest import ROOT, write_config
from tests.helpers.notify import FakeNotifySocket, watchdog_env
from ui.service_heartbeat import ServiceHeartbeat

PING_EVERY = 0.5  # seconds: WatchdogSec=1s, pinged at half of it


@pytest.fixture
def manager(tmp_path):
    with FakeNotifySocket(tmp_path) as fake:
        yield fake


def _wait_in_loop(qtbot, manager, field):
    """Messages up to the first holding `field`, read while the event loop runs (the sender is this
    process's GUI thread: blocking on the socket would stop it)."""
    seen = []

    def arrived():
        seen.extend(manager.drain())
        return any(field in message for message in seen)

    qtbot.waitUntil(arrived, timeout=20_000)
    return seen


def _station_config(tmp_path, **values):
    """A configuration whose `kiosk start` asks nothing on a terminal (the signing PIN from a file)."""
    pin = tmp_path / "pin"
    pin.write_text("1234\n")
    pin.chmod(0o600)
    return write_config(tmp_path, key_dir=str(tmp_path / "keys"), signing_pin="file", signing_pin_file=str(pin),
                        **values)


def test_ready_after_the_window_shows_then_pings_from_the_gui_thread(qtbot, manager, monkeypatch):
    senders = []
    real_notify = service_manager.notify

    def recording(*fields, env=None):
        senders.append((fields, threading.current_thread() is threading.main_thread()))
        return real_notify(*fields, env=env)

    monkeypatch.setattr(service_manager, "notify", recording)
    window = QWidget()
    qtbot.addWidget(window)
    heartbeat = ServiceHeartbeat(env={**manager.env, **watchdog_env(2 * PING_EVERY)})
    assert heartbeat.interval == 2 * PING_EVERY
    window.show()
    heartbeat.start(window, "diagnostics window open")
    assert manager.drain() == []  # nothing before the event loop turned with the window shown
    assert _wait_in_loop(qtbot, manager, "WATCHDOG=1")[:2] == [["READY=1", "STATUS=diagnostics window open"],
                                                               ["WATCHDOG=1"]]
    qtbot.waitUntil(lambda: sum(fields == ("WATCHDOG=1",) for fields, _ in senders) >= 3, timeout=10_000)
    assert all(on_gui_thread for _, on_gui_thread in senders)
    heartbeat.stop()
    assert manager.drain()[-1] == ["STOPPING=1"]


def test_a_blocked_event_loop_sends_no_ping_and_pings_again_once_free(qtbot, manager):
    window = QWidget()
    qtbot.addWidget(window)
    heartbeat = ServiceHeartbeat(env={**manager.env, **watchdog_env(2 * PING_EVERY)})
    window.show()
    heartbeat.start(window, "kiosk window open")
    assert _wait_in_loop(qtbot, manager, "READY=1")
    during_hang = []

    def hang():  # a blocking call on the GUI thread by mistake: three watchdog intervals long
        manager.drain()
        time.sleep(6 * PING_EVERY)
        during_hang.append(manager.drain())  # read before the loop can turn again

    QTimer.singleShot(0, hang)
    qtbot.waitUntil(lambda: bool(during_hang), timeout=10_000)
    assert during_hang == [[]]  # systemd would have killed the process by now
    assert _wait_in_loop(qtbot, manager, "WATCHDOG=1")
    heartbeat.stop()


def test_no_watchdog_no_timer(qtbot, manager):
    window = QWidget()
    qtbot.addWidget(window)
    heartbeat = ServiceHeartbeat(env=manager.env)  # a unit without WatchdogSec
    assert heartbeat.interval is None
    window.show()
    heartbeat.start(window, "counter window open")
    qtbot.waitUntil(lambda: manager.drain() != [], timeout=10_000)
    assert not heartbeat._timer.isActive()
    heartbeat.stop()


@pytest.mark.parametrize("relay_in_window", [True, False])
def test_relay_in_window_decides_whether_the_window_delivers(tmp_path, relay_in_window):
    for name in ("ca.pem", "station.pem", "station.key"):  # never read: the store holds nothing to send
        (tmp_path / name).write_text("-----BEGIN CERTIFICATE-----\n")
    config = load_config(_station_config(
        tmp_path, relay_in_window=str(relay_in_window).lower(), endpoint="https://127.0.0.1:9",
        ca_bundle=str(tmp_path / "ca.pem"), client_certificate=str(tmp_path / "station.pem"),
        client_key=str(tmp_path / "station.key")), env={})
    relay = ui.app._start_relay(config)
    try:
        assert (relay is not None) == relay_in_window
    finally:
        if relay is not None:
            relay.stop()


def _start(config_file, manager, seconds):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update({**manager.env, **watchdog_env(seconds)}, KIOSK_CONFIG=str(config_file), QT_QPA_PLATFORM="offscreen")
    env.pop("WATCHDOG_PID", None)
    return subprocess.Popen([sys.executable, "-m", "kiosk", "start", "--mode", "diagnostics"], env=env, cwd=ROOT,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_kiosk_start_under_a_watchdog_is_restarted_after_a_hang_and_stops_cleanly(tmp_path, manager):
    """`kiosk start --mode diagnostics` with NOTIFY_SOCKET and WATCHDOG_USEC: READY=1 after the window,
    pings while the loop runs; frozen (SIGSTOP), it sends none within the interval, so the supervisor
    (this test, as systemd with Restart=always would) kills and restarts it; SIGTERM ends the new one
    with STOPPING=1 and exit code 0."""
    config_file = _station_config(tmp_path, mode="diagnostics", relay_in_window="false")
    first = _start(config_file, manager, 2 * PING_EVERY)
    try:
        assert manager.wait_for("READY=1")
        pings = [manager.wait_for("WATCHDOG=1") for _ in range(3)]
        assert len(pings) == 3
        os.kill(first.pid, signal.SIGSTOP)  # a hang: not one instruction more
        manager.drain()  # what was sent before the freeze
        assert manager.receive(timeout=2 * PING_EVERY * 2) == []  # the whole watchdog interval, twice: silence
        os.kill(first.pid, signal.SIGKILL)  # systemd's WatchdogSignal, then Restart=always
        assert first.wait(timeout=60) == -signal.SIGKILL
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    second = _start(config_file, manager, 2 * PING_EVERY)
    try:
        assert manager.wait_for("READY=1")
        assert manager.wait_for("WATCHDOG=1")
        second.send_signal(signal.SIGTERM)
        assert manager.wait_for("STOPPING=1")
        assert second.wait(timeout=60) == 0, second.stderr.read()[-2000:]
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()

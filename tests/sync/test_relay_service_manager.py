"""The relay as a service: READY=1 once it runs, watchdog pings from its own loop (none while a pass
hangs), STOPPING=1 on SIGTERM. systemd's side is a notify socket the test binds."""

import os
import signal
import subprocess
import sys
import threading

from sync.client import HttpProvincialClient
from sync.relay import Relay
from tests.conftest import ROOT, write_config
from tests.helpers.notify import FakeNotifySocket, watchdog_env


class Counting:
    def __init__(self, stop: threading.Event, after: int) -> None:
        self.beats = 0
        self.stop, self.after = stop, after

    def __call__(self) -> None:
        self.beats += 1
        if self.beats >= self.after:
            self.stop.set()


def _nowhere() -> HttpProvincialClient:
    """A client never used: an empty store has nothing to send and nothing to ask about."""
    return HttpProvincialClient("https://127.0.0.1:9", "/nonexistent/ca.pem", "/nonexistent/c.pem", "/nonexistent/k")


def test_heartbeats_come_on_every_turn_and_during_the_sleep_between_turns(store):
    stop = threading.Event()
    heartbeat = Counting(stop, after=5)
    turns = []
    with Relay(store, _nowhere()) as relay:
        real_run_once = relay.run_once
        relay.run_once = lambda: turns.append(1) or real_run_once()
        relay.run(stop, idle_poll=30, heartbeat=heartbeat, heartbeat_every=0.01)
    assert (len(turns), heartbeat.beats) == (1, 5)  # one pass, then four beats of its 30 s sleep


def test_a_hung_pass_sends_no_heartbeat(store):
    stop, entered, release = threading.Event(), threading.Event(), threading.Event()
    heartbeat = Counting(stop, after=1_000_000)
    with Relay(store, _nowhere()) as relay:
        def hanging_pass():
            entered.set()
            release.wait(60)  # a pass stuck (a store lock, a wedged connection)
            return {}

        relay.run_once = hanging_pass
        runner = threading.Thread(target=relay.run, args=(stop,),
                                  kwargs={"idle_poll": 30, "heartbeat": heartbeat, "heartbeat_every": 0.01})
        runner.start()
        assert entered.wait(60)
        release.wait(0.5)  # fifty heartbeat periods while the pass hangs
        beats_while_hung = heartbeat.beats
        release.set()
        stop.set()
        runner.join(60)
    assert beats_while_hung == 1  # the turn's own beat, before the pass: none since


def test_without_a_heartbeat_the_loop_is_as_before(store):
    stop = threading.Event()
    with Relay(store, _nowhere()) as relay:
        relay.run_once = lambda: stop.set() or {}
        relay.run(stop, idle_poll=30)
    assert stop.is_set()


def test_kiosk_sync_run_tells_the_service_manager(tmp_path):
    for name in ("ca.pem", "station.pem", "station.key"):  # never read: the store holds nothing to send
        (tmp_path / name).write_text("-----BEGIN CERTIFICATE-----\n")
    config = write_config(tmp_path, key_dir=str(tmp_path / "keys"), endpoint="https://127.0.0.1:9",
                          ca_bundle=str(tmp_path / "ca.pem"), client_certificate=str(tmp_path / "station.pem"),
                          client_key=str(tmp_path / "station.key"))
    with FakeNotifySocket(tmp_path, abstract=True) as manager:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env.update({**manager.env, **watchdog_env(1.0)}, KIOSK_CONFIG=str(config), INVOCATION_ID="0123456789abcdef")
        relay = subprocess.Popen([sys.executable, "-m", "kiosk", "sync", "run"], env=env, cwd=ROOT,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert manager.wait_for("READY=1")[-1] == ["READY=1", "STATUS=delivering to https://127.0.0.1:9"]
            for _ in range(3):  # from the loop's sleep: idle_poll is 5 s, the watchdog wants one within 1 s
                manager.wait_for("WATCHDOG=1")
            relay.send_signal(signal.SIGTERM)
            manager.wait_for("STOPPING=1")
            _out, err = relay.communicate(timeout=60)
        finally:
            if relay.poll() is None:
                relay.kill()
                relay.wait()
    assert relay.returncode == 0, err[-2000:]
    assert "<6>INFO kiosk: `kiosk sync` with configuration from" in err  # its log, for the journal

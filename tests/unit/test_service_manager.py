"""The notify protocol spoken to a socket the test binds, as systemd would bind it."""

import os
import socket

import pytest

from kiosk import service_manager
from tests.helpers.notify import FakeNotifySocket, watchdog_env


@pytest.fixture(params=["path", "abstract"])
def manager(request, tmp_path):
    with FakeNotifySocket(tmp_path, abstract=request.param == "abstract") as fake:
        yield fake


def test_ready_watchdog_stopping_and_status_arrive_as_systemd_reads_them(manager):
    assert service_manager.ready(manager.env)
    assert manager.receive() == ["READY=1"]
    assert service_manager.watchdog_ping(manager.env)
    assert manager.receive() == ["WATCHDOG=1"]
    assert service_manager.status("kiosk window open\nsecond line", manager.env)
    assert manager.receive() == ["STATUS=kiosk window open second line"]  # one line: a newline ends a field
    assert service_manager.stopping(manager.env)
    assert manager.receive() == ["STOPPING=1"]


def test_several_fields_travel_in_one_message(manager):
    service_manager.notify("READY=1", "STATUS=diagnostics window open", env=manager.env)
    assert manager.receive() == ["READY=1", "STATUS=diagnostics window open"]
    service_manager.extend_timeout(90, manager.env)
    assert manager.receive() == ["EXTEND_TIMEOUT_USEC=90000000"]


def test_the_process_environment_is_read_when_none_is_given(manager, monkeypatch):
    monkeypatch.setenv("NOTIFY_SOCKET", manager.address)
    assert service_manager.ready()
    assert manager.receive() == ["READY=1"]


@pytest.mark.parametrize("env", [{}, {"NOTIFY_SOCKET": ""}, {"NOTIFY_SOCKET": "vsock:2:1234"}])
def test_outside_systemd_nothing_is_sent_and_nothing_fails(env):
    assert not service_manager.ready(env)
    assert not service_manager.watchdog_ping(env)
    assert not service_manager.stopping(env)
    assert not service_manager.status("x", env)
    assert service_manager.watchdog_interval(env) is None


def test_a_socket_gone_is_logged_and_the_program_goes_on(tmp_path, caplog):
    env = {"NOTIFY_SOCKET": str(tmp_path / "gone")}
    assert not service_manager.ready(env)
    assert "could not notify the service manager" in caplog.text


def test_watchdog_interval_from_watchdog_usec():
    assert service_manager.watchdog_interval(watchdog_env(30)) == 30.0
    assert service_manager.watchdog_interval(watchdog_env(30, pid=os.getpid())) == 30.0
    assert service_manager.watchdog_interval({"WATCHDOG_USEC": "0"}) is None
    assert service_manager.watchdog_interval({"WATCHDOG_USEC": "soon"}) is None


def test_watchdog_is_taken_up_for_the_parent_but_not_for_another_process():
    # the kiosk under cage: WATCHDOG_PID names cage, this process's parent
    assert service_manager.watchdog_interval(watchdog_env(30, pid=os.getppid())) == 30.0
    unrelated = 2 ** 22 + 1  # above any pid_max: no process of ours
    assert service_manager.watchdog_interval(watchdog_env(30, pid=unrelated)) is None
    assert service_manager.watchdog_interval({**watchdog_env(30), "WATCHDOG_PID": "x"}) is None


def test_under_systemd():
    assert service_manager.under_systemd({"INVOCATION_ID": "0f1e"})
    assert service_manager.under_systemd({"JOURNAL_STREAM": "8:1234"})
    assert not service_manager.under_systemd({})


def test_each_notification_closes_its_socket(manager, monkeypatch):
    opened = []
    real = socket.socket

    def recording(*args, **kwargs):
        made = real(*args, **kwargs)
        opened.append(made)
        return made

    monkeypatch.setattr(socket, "socket", recording)
    service_manager.ready(manager.env)
    assert opened and all(made.fileno() == -1 for made in opened)  # closed after sending
    assert manager.receive() == ["READY=1"]

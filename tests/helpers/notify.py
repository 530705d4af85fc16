"""A stand-in for systemd's notify socket: a datagram socket the test binds and reads."""

from __future__ import annotations

import socket
import time
import uuid
from pathlib import Path


class FakeNotifySocket:
    """Bound at `folder/notify` (or, `abstract=True`, at a unique abstract name); `env` holds the
    NOTIFY_SOCKET a child or the code under test is given."""

    def __init__(self, folder: Path | None = None, abstract: bool = False) -> None:
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if abstract:
            name = f"digitisation-point-test-{uuid.uuid4().hex}"
            self.socket.bind("\0" + name)
            self.address = "@" + name
        else:
            assert folder is not None
            path = folder / "notify"
            self.socket.bind(str(path))
            self.address = str(path)
        self.env = {"NOTIFY_SOCKET": self.address}

    def receive(self, timeout: float = 30.0) -> list[str]:
        """The fields of the next message; [] when none came within `timeout` seconds."""
        self.socket.settimeout(timeout)
        try:
            data = self.socket.recv(4096)
        except (socket.timeout, BlockingIOError):
            return []
        return data.decode("utf-8").split("\n")

    def drain(self) -> list[list[str]]:
        """Every message already waiting, without waiting for more."""
        messages = []
        self.socket.setblocking(False)
        try:
            while True:
                messages.append(self.socket.recv(4096).decode("utf-8").split("\n"))
        except BlockingIOError:
            pass
        finally:
            self.socket.setblocking(True)
        return messages

    def wait_for(self, field: str, timeout: float = 60.0) -> list[list[str]]:
        """Messages received up to and including the first holding `field`; raises AssertionError
        when it did not come within `timeout` seconds (a generous bound, not a measurement)."""
        seen = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.receive(max(0.01, deadline - time.monotonic()))
            if message:
                seen.append(message)
                if field in message:
                    return seen
        raise AssertionError(f"{field} never came; received {seen}")

    def close(self) -> None:
        self.socket.close()
        if not self.address.startswith("@"):
            Path(self.address).unlink(missing_ok=True)

    def __enter__(self) -> "FakeNotifySocket":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def watchdog_env(seconds: float, pid: int | None = None) -> dict[str, str]:
    """WATCHDOG_USEC (and WATCHDOG_PID, when given) as systemd sets them for WatchdogSec=`seconds`."""
    env = {"WATCHDOG_USEC": str(int(seconds * 1_000_000))}
    if pid is not None:
        env["WATCHDOG_PID"] = str(pid)
    return env


__all__ = ["FakeNotifySocket", "watchdog_env"]

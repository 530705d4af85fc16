"""Telling systemd how the process is doing: the notify protocol (sd_notify(3)) spoken directly.

systemd passes the datagram socket in `NOTIFY_SOCKET` (a path, or `@name` for the abstract
namespace) and, when the unit has WatchdogSec=, the interval in `WATCHDOG_USEC` and the process
it expects pings from in `WATCHDOG_PID`. Outside systemd none of them is set and every call here
does nothing, so a development checkout and the tests run the same code.

A notification that cannot be sent is logged and forgotten: the station goes on running, and a
watchdog that misses its pings restarts it, which is what should happen then.
"""

from __future__ import annotations

import logging
import os
import socket
from typing import Mapping

log = logging.getLogger(__name__)

__all__ = ["notify", "ready", "watchdog_ping", "stopping", "status", "watchdog_interval", "extend_timeout",
           "under_systemd"]


def _address(env: Mapping[str, str]) -> str | None:
    name = env.get("NOTIFY_SOCKET", "")
    if name.startswith("@"):
        return "\0" + name[1:]  # the abstract namespace (Linux)
    if name.startswith("/"):
        return name
    return None  # unset, or a kind of socket we do not speak (vsock): nothing is sent


def notify(*fields: str, env: Mapping[str, str] | None = None) -> bool:
    """Sends `fields` ("READY=1", "STATUS=...") as one message; True when a manager received it."""
    address = _address(os.environ if env is None else env)
    if address is None:
        return False
    message = "\n".join(fields).encode("utf-8")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(message, address)
    except OSError as error:
        log.warning("could not notify the service manager: %s", error.strerror or error.__class__.__name__)
        return False
    return True


def ready(env: Mapping[str, str] | None = None) -> bool:
    """The service is up (Type=notify units count as started from here)."""
    return notify("READY=1", env=env)


def watchdog_ping(env: Mapping[str, str] | None = None) -> bool:
    """Still alive: sent from the loop that must not hang, never from a thread of its own."""
    return notify("WATCHDOG=1", env=env)


def stopping(env: Mapping[str, str] | None = None) -> bool:
    """Shutting down on purpose: the manager does not mistake the silence that follows for a hang."""
    return notify("STOPPING=1", env=env)


def status(text: str, env: Mapping[str, str] | None = None) -> bool:
    """One line for `systemctl status` (newlines would end the field: they become spaces)."""
    return notify("STATUS=" + " ".join(text.splitlines()), env=env)


def watchdog_interval(env: Mapping[str, str] | None = None) -> float | None:
    """Seconds within which the manager wants a ping from this process; None when it wants none.

    `WATCHDOG_PID` names the service's main process. The kiosk is the child of its compositor
    (cage is the main process and never pings), so the watchdog is also taken up when the pid named
    is this process's parent; any other process it names keeps it for itself.
    """
    env = os.environ if env is None else env
    try:
        microseconds = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if microseconds <= 0:
        return None
    pid = env.get("WATCHDOG_PID")
    if pid:
        try:
            if int(pid) not in (os.getpid(), os.getppid()):
                return None
        except ValueError:
            return None
    return microseconds / 1_000_000


def under_systemd(env: Mapping[str, str] | None = None) -> bool:
    """Started by systemd as a service (its invocation id), or with its output going to the journal."""
    env = os.environ if env is None else env
    return bool(env.get("INVOCATION_ID") or env.get("JOURNAL_STREAM"))


def extend_timeout(seconds: float, env: Mapping[str, str] | None = None) -> bool:
    """More time for a step that may be long before READY=1 or after STOPPING=1 (a store migration)."""
    return notify(f"EXTEND_TIMEOUT_USEC={int(seconds * 1_000_000)}", env=env)

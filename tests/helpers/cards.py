"""Tiny card programs for tests of the PC/SC path, before any real card logic is involved."""

from __future__ import annotations

import threading
import time

from drivers.card.pcsc import list_readers
from drivers.card.vpcd import VpcdLink

READER = "Virtual PCD 00 00"


class EchoCard:
    """Answers every APDU with its own data and 9000."""

    atr = bytes.fromhex("3B8480014543484F") + bytes([0x84 ^ 0x80 ^ 0x01 ^ 0x45 ^ 0x43 ^ 0x48 ^ 0x4F])  # "ECHO", TCK

    def __init__(self) -> None:
        self.powered = False
        self.commands: list[bytes] = []

    def power_on(self) -> None:
        self.powered = True

    def power_off(self) -> None:
        self.powered = False

    def reset(self) -> None:
        self.powered = True

    def process(self, apdu: bytes) -> bytes:
        self.commands.append(apdu)
        data = apdu[5:5 + apdu[4]] if len(apdu) > 5 else b""
        return data + b"\x90\x00"


class InsertedCard:
    """Context manager: the card sits on the first Virtual PCD reader until the block ends."""

    def __init__(self, card=None) -> None:
        self.card = card or EchoCard()

    def __enter__(self):
        # Right after a card left abruptly, vpcd may take a connection it never serves: connect again.
        for attempt in range(4):
            self.link = VpcdLink(self.card)
            self.thread = threading.Thread(target=self.link.serve, daemon=True)
            self.link.connect()
            self.thread.start()
            try:
                wait_for_atr(READER, present=True, timeout=10.0 if attempt == 3 else 3.0)
                return self.card
            except AssertionError:
                self.link.close()
                self.thread.join(5)
                if attempt == 3:
                    raise
        raise AssertionError("unreachable")

    def __exit__(self, *exc) -> None:
        self.link.close()
        self.thread.join(5)
        wait_for_atr(READER, present=False)


def wait_for_atr(reader: str, present: bool, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        atr = next((r.atr for r in list_readers() if r.name == reader), None)
        if (atr is not None) == present:
            return
        time.sleep(0.1)
    raise AssertionError(f"card on {reader} did not {'appear' if present else 'leave'} within {timeout} s")

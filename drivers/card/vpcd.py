"""The socket link from a card program to vsmartcard's vpcd reader driver inside pcscd.

vpcd listens on localhost (35963 for "Virtual PCD 00 00", 35964 for "… 00 01"). Each message is a
2-byte big-endian length and a body; a 1-byte body is a control (0 power off, 1 power on, 2 reset,
4 send the ATR), anything longer is a command APDU answered by the response APDU.
"""

from __future__ import annotations

import socket
import struct
import threading
from typing import Protocol

DEFAULT_HOST = "127.0.0.1"
FIRST_READER_PORT = 35963

POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4


class Card(Protocol):
    atr: bytes

    def power_on(self) -> None: ...

    def power_off(self) -> None: ...

    def reset(self) -> None: ...

    def process(self, apdu: bytes) -> bytes: ...


class CardRemovedSignal(Exception):
    """Raised by a card's `process` to simulate the card being lifted off the reader."""


class VpcdLink:
    """Connects a card to vpcd and answers it until `close()` (or the card is 'removed').

    Latency: vpcd writes the length and the body separately; without TCP_NODELAY, and TCP_QUICKACK
    re-armed before every recv, each command pays Nagle's delay (~48 ms against ~0.2 ms).
    """

    def __init__(self, card: Card, port: int = FIRST_READER_PORT, host: str = DEFAULT_HOST) -> None:
        self.card = card
        self.port = port
        self.host = host
        self._sock: socket.socket | None = None
        self._closed = threading.Event()

    def connect(self, timeout: float = 5.0) -> None:
        """Raises ConnectionRefusedError when no pcscd with vpcd listens on the port."""
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock

    def serve(self) -> None:
        """Answers vpcd until the link is closed, vpcd goes away, or the card signals removal."""
        if self._sock is None:
            self.connect()
        sock = self._sock
        assert sock is not None
        try:
            while not self._closed.is_set():
                message = _receive(sock)
                if message is None:
                    return
                reply = self._answer(message)
                if reply is not None:
                    sock.sendall(struct.pack(">H", len(reply)) + reply)
        except CardRemovedSignal:
            return
        except OSError:
            if not self._closed.is_set():
                raise
        finally:
            self._closed.set()
            self._sock = None
            sock.close()

    def close(self) -> None:
        """Lifts the card: vpcd sees the connection end. `serve` returns soon after."""
        self._closed.set()
        sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _answer(self, message: bytes) -> bytes | None:
        if len(message) == 1:
            control = message[0]
            if control == POWER_OFF:
                self.card.power_off()
            elif control == POWER_ON:
                self.card.power_on()
            elif control == RESET:
                self.card.reset()
            elif control == GET_ATR:
                return self.card.atr
            return None
        return self.card.process(message)



def _receive(sock: socket.socket) -> bytes | None:
    header = _read_exactly(sock, 2)
    if header is None:
        return None
    (length,) = struct.unpack(">H", header)
    return _read_exactly(sock, length)


def _read_exactly(sock: socket.socket, count: int) -> bytes | None:
    data = bytearray()
    while len(data) < count:
        if hasattr(socket, "TCP_QUICKACK"):  # Linux clears it after each ACK: re-arm before every read
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(count - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)

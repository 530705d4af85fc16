"""ISO 7816-4 command and response APDUs, and a channel that handles 61xx / 6Cxx for the caller."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol

from .errors import ParseError, StatusWordError, TransportError

SW_OK = 0x9000
SHORT_MAX_LE = 256
EXTENDED_MAX_LE = 65536


class Transport(Protocol):
    """What a reader connection offers: raw bytes in, raw response with SW out."""

    supports_extended: bool | None

    def transmit(self, command: bytes) -> bytes: ...


@dataclass(frozen=True)
class CommandAPDU:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None  # expected response length, 1..65536; None = no Le field
    force_extended: bool = False

    def __post_init__(self) -> None:
        for name in ("cla", "ins", "p1", "p2"):
            if not 0 <= getattr(self, name) <= 0xFF:
                raise ValueError(f"{name} out of range")
        if len(self.data) > 65535:
            raise ValueError("command data too long")
        if self.le is not None and not 1 <= self.le <= EXTENDED_MAX_LE:
            raise ValueError("Le out of range")

    @property
    def extended(self) -> bool:
        return (
            self.force_extended
            or len(self.data) > 255
            or (self.le is not None and self.le > SHORT_MAX_LE)
        )

    def header(self) -> bytes:
        return bytes([self.cla, self.ins, self.p1, self.p2])

    def to_bytes(self) -> bytes:
        out = bytearray(self.header())
        ext = self.extended
        if self.data:
            out += (b"\x00" + len(self.data).to_bytes(2, "big")) if ext else bytes([len(self.data)])
            out += self.data
        if self.le is not None:
            if ext:
                le = b"" if self.data else b"\x00"  # the 00 marker is only there when no Lc
                out += le + (self.le % EXTENDED_MAX_LE).to_bytes(2, "big")  # 65536 -> 0000
            else:
                out.append(self.le % SHORT_MAX_LE)  # 256 -> 00
        return bytes(out)

    @classmethod
    def from_bytes(cls, raw: bytes) -> "CommandAPDU":
        """Parse the four ISO 7816-3 cases, short and extended (used by the virtual card)."""
        if len(raw) < 4:
            raise ParseError("command APDU shorter than its header")
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        n = len(body)
        if n == 0:
            return cls(cla, ins, p1, p2)
        if n == 1:
            return cls(cla, ins, p1, p2, le=body[0] or 256)
        if body[0] != 0:  # short with Lc
            lc = body[0]
            if n == 1 + lc:
                return cls(cla, ins, p1, p2, bytes(body[1:]))
            if n == 2 + lc:
                return cls(cla, ins, p1, p2, bytes(body[1 : 1 + lc]), body[-1] or 256)
            raise ParseError("command APDU length inconsistent with Lc")
        # extended: body starts with 00
        if n == 3:
            le = int.from_bytes(body[1:3], "big") or 65536
            return cls(cla, ins, p1, p2, le=le, force_extended=True)
        if n < 3:
            raise ParseError("command APDU extended length truncated")
        lc = int.from_bytes(body[1:3], "big")
        if lc == 0:
            raise ParseError("command APDU extended Lc of zero")
        if n == 3 + lc:
            return cls(cla, ins, p1, p2, bytes(body[3:]), force_extended=True)
        if n == 5 + lc:
            le = int.from_bytes(body[-2:], "big") or 65536
            return cls(cla, ins, p1, p2, bytes(body[3 : 3 + lc]), le, force_extended=True)
        raise ParseError("command APDU length inconsistent with extended Lc")

    def __repr__(self) -> str:  # data may be personal (or key material): size only
        return (
            f"CommandAPDU({self.cla:02X} {self.ins:02X} {self.p1:02X} {self.p2:02X}, "
            f"{len(self.data)} data bytes, le={self.le})"
        )


@dataclass(frozen=True)
class ResponseAPDU:
    data: bytes
    sw: int

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    def to_bytes(self) -> bytes:
        return bytes(self.data) + self.sw.to_bytes(2, "big")

    @classmethod
    def from_bytes(cls, raw: bytes) -> "ResponseAPDU":
        if len(raw) < 2:
            raise TransportError("response shorter than a status word")
        return cls(bytes(raw[:-2]), int.from_bytes(raw[-2:], "big"))

    def check(self, accept: Iterable[int] = (SW_OK,), command: str = "") -> "ResponseAPDU":
        return check(self, accept, command)

    def __repr__(self) -> str:
        return f"ResponseAPDU({len(self.data)} data bytes, sw={self.sw:04X})"


def check(response: ResponseAPDU, accept: Iterable[int] = (SW_OK,), command: str = "") -> ResponseAPDU:
    """Return the response if its status word is accepted, else raise StatusWordError."""
    if response.sw not in tuple(accept):
        raise StatusWordError(response.sw1, response.sw2, command)
    return response


@dataclass
class ExchangeStats:
    """What went over the wire: every raw command, GET RESPONSE and retry included."""

    commands: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    seconds: float = 0.0


TraceHook = Callable[[bytes, bytes, float], None]


def describe_exchange(command: bytes, response: bytes) -> str:
    """A loggable line for the APDU trace: header, sizes and status word, never the data."""
    head = command[:4].hex(" ").upper()
    sw = response[-2:].hex().upper() if len(response) >= 2 else "----"
    return f"{head} | {max(0, len(command) - 4)} bytes out | {max(0, len(response) - 2)} bytes in | SW {sw}"


class ApduChannel:
    """APDUs over a transport, hiding 61xx chaining and 6Cxx retries."""

    def __init__(self, transport: Transport, on_exchange: TraceHook | None = None) -> None:
        self.transport = transport
        self.on_exchange = on_exchange
        self.stats = ExchangeStats()

    @property
    def supports_extended(self) -> bool | None:
        return getattr(self.transport, "supports_extended", None)

    def transmit_raw(self, command: bytes) -> bytes:
        start = time.perf_counter()
        response = self.transport.transmit(bytes(command))
        seconds = time.perf_counter() - start
        self.stats.commands += 1
        self.stats.bytes_sent += len(command)
        self.stats.bytes_received += len(response)
        self.stats.seconds += seconds
        if self.on_exchange is not None:
            self.on_exchange(bytes(command), bytes(response), seconds)
        return response

    def transmit(self, command: CommandAPDU, *, retry_wrong_le: bool = True) -> ResponseAPDU:
        """Send a command; collect 61xx continuations; resend once on 6Cxx with the Le the card gives.

        Secure messaging turns the 6Cxx retry off: the Le that matters is inside the MAC.
        """
        response = ResponseAPDU.from_bytes(self.transmit_raw(command.to_bytes()))
        if retry_wrong_le and response.sw1 == 0x6C:
            exact = response.sw2 or 256
            command = CommandAPDU(command.cla, command.ins, command.p1, command.p2, command.data, exact)
            response = ResponseAPDU.from_bytes(self.transmit_raw(command.to_bytes()))
        data = bytearray(response.data)
        guard = 0
        while response.sw1 == 0x61:
            guard += 1
            if guard > 256:  # a card that never stops sending 61xx is broken
                raise TransportError("endless GET RESPONSE chain")
            get_response = CommandAPDU(command.cla & 0x03, 0xC0, 0x00, 0x00, le=response.sw2 or 256)
            response = ResponseAPDU.from_bytes(self.transmit_raw(get_response.to_bytes()))
            data += response.data
        return ResponseAPDU(bytes(data), response.sw)

"""A test read of a chip card for the technician: how long each step took, the APDU trace with every
data field masked, and what the reading proved. The holder's identity is read (the card gives nothing
less) and dropped here: only facts about the reading leave this module."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from drivers.card.access import AccessKeys
from drivers.card.apdu import CommandAPDU, describe_exchange
from drivers.card.errors import ParseError


@dataclass(frozen=True)
class TraceLine:
    at_ms: float  # since the test began
    line: str  # header, sizes and status word only (drivers.card.apdu.describe_exchange)
    ms: float  # the exchange's own time
    extended: bool  # an extended-length command


@dataclass(frozen=True)
class CardTestResult:
    reader: str
    access: str  # the protocol that opened the chip: PACE …, or BAC
    timings_ms: dict[str, float]  # access, each file, chip/active/passive authentication
    total_ms: float
    commands: int
    bytes_read: int
    files: dict[str, int]  # file name → bytes read
    checks: dict[str, str]  # passive_auth / chip_auth / active_auth → passed, failed, not done, unavailable
    genuine: bool
    resumed: int  # times the reading went on after the card left the field
    trace: list[TraceLine] = field(repr=False)

    @property
    def extended_commands(self) -> int:
        return sum(line.extended for line in self.trace)

    def summary(self) -> dict:
        """JSON-able, for a report or the log export (holds no personal data)."""
        return {"reader": self.reader, "access": self.access, "timings_ms": self.timings_ms,
                "total_ms": self.total_ms, "commands": self.commands, "bytes_read": self.bytes_read,
                "files": self.files, "checks": self.checks, "genuine": self.genuine, "resumed": self.resumed,
                "extended_commands": self.extended_commands, "trace": [line.line for line in self.trace]}


def keys_from_can(can: str) -> AccessKeys:
    """The keys from a typed CAN (the test card's). Raises ValueError with a sentence for the technician."""
    try:
        return AccessKeys(can=AccessKeys.from_can(can.strip()).can, mrz=(), source="typed CAN")
    except ParseError as error:
        raise ValueError(f"the CAN is not valid: {error}") from None


def run_card_test(keys: AccessKeys, *, reader: str | None = None, trust=None, wait: float = 3.0) -> CardTestResult:
    """Reads the card; a card that leaves the field for a moment (a contactless card slid on the reader)
    is waited for up to `wait` s once, and the reading resumes (counted in the checks). Raises kiosk.intake.card.CardProblem (its text
    for the technician) or kiosk.errors.StationError (no pcscd)."""
    from drivers.card.pcsc import list_readers
    from kiosk.intake.card import read_card, verification_checks
    from kiosk.logs import redactor

    trace: list[TraceLine] = []
    started = time.perf_counter()

    def traced(command: bytes, response: bytes, seconds: float) -> None:
        trace.append(TraceLine(round((time.perf_counter() - started) * 1000, 1), describe_exchange(command, response),
                               round(seconds * 1000, 2), _extended(command)))

    registered: list[str] = []

    def register(values: list[str]) -> None:  # masked in the log while the test holds them
        redactor.add(values)
        registered.extend(values)

    try:
        result = read_card(keys, reader=reader, trust=trust, wait=wait, on_exchange=traced, attempts=2,
                           register=register)
        verification = result.verification
        checks = {name: check.value for name, check in verification_checks(verification).items()}
        used = reader or next((r.name for r in list_readers() if r.atr is not None), "")
        return CardTestResult(
            reader=used, access=verification.access,
            timings_ms={name: round(value * 1000, 1) for name, value in result.timings.items()},
            total_ms=round(result.seconds * 1000, 1), commands=result.stats.commands,
            bytes_read=result.stats.bytes_read,
            files={name: len(result.files[name].data) for name in result.files.names()},
            checks=checks, genuine=verification.genuine, resumed=verification.resumed, trace=trace)
    finally:
        result = None  # the identity and the raw files go no further (unset if the read failed)
        redactor.remove(registered)


def _extended(command: bytes) -> bool:
    try:
        return CommandAPDU.from_bytes(command).extended
    except (ParseError, ValueError):
        return False

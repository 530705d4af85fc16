"""Exceptions of the card stack.

Messages are for logs and for the diagnostics screen: they never carry personal data
(no ID numbers, names, MRZ text or response data), only status words and plain words.
"""

from __future__ import annotations


class CardError(Exception):
    """Base of every error raised by drivers.card."""


class TransportError(CardError):
    """The reader or the link to it failed (not a card answer)."""


class CardRemoved(TransportError):
    """The card left the field in the middle of an exchange."""

    def __init__(self, message: str = "the card was removed from the reader") -> None:
        super().__init__(message)


# Plain-language meaning of the ISO 7816-4 status words we meet while reading an eMRTD.
_SW_TEXT: dict[int, str] = {
    0x9000: "ok",
    0x6200: "warning: state of non-volatile memory unchanged",
    0x6281: "warning: part of the returned data may be corrupted",
    0x6282: "warning: end of file reached before reading the expected number of bytes",
    0x6283: "warning: selected file deactivated",
    0x6284: "warning: file control information not formatted correctly",
    0x6300: "verification or authentication failed",
    0x6581: "memory failure",
    0x6700: "wrong length",
    0x6800: "functions in CLA not supported",
    0x6881: "logical channel not supported",
    0x6882: "secure messaging not supported",
    0x6883: "last command of the chain expected",
    0x6884: "command chaining not supported",
    0x6900: "command not allowed",
    0x6981: "command incompatible with file structure",
    0x6982: "security status not satisfied",
    0x6983: "authentication method blocked",
    0x6984: "reference data not usable",
    0x6985: "conditions of use not satisfied",
    0x6986: "command not allowed (no current elementary file)",
    0x6987: "expected secure messaging data objects missing",
    0x6988: "incorrect secure messaging data objects",
    0x6A80: "incorrect parameters in the command data field",
    0x6A81: "function not supported",
    0x6A82: "file or application not found",
    0x6A83: "record not found",
    0x6A84: "not enough memory space in the file",
    0x6A86: "incorrect parameters P1-P2",
    0x6A87: "Lc inconsistent with P1-P2",
    0x6A88: "referenced data not found",
    0x6B00: "wrong parameters P1-P2 (offset outside the file)",
    0x6D00: "instruction not supported",
    0x6E00: "class not supported",
    0x6F00: "no precise diagnosis",
}


def describe_sw(sw: int) -> str:
    """A short English description of a status word (covers the 61xx, 6Cxx and 63Cx families)."""
    sw1, sw2 = sw >> 8, sw & 0xFF
    if sw in _SW_TEXT:
        return _SW_TEXT[sw]
    if sw1 == 0x61:
        return f"{sw2} more response bytes available"
    if sw1 == 0x6C:
        return f"wrong Le: exactly {sw2} bytes available"
    if sw1 == 0x63 and sw2 & 0xF0 == 0xC0:
        return f"verification failed, {sw2 & 0x0F} tries left"
    if sw1 == 0x62:
        return "warning: state of non-volatile memory unchanged"
    if sw1 == 0x63:
        return "warning: state of non-volatile memory changed"
    if sw1 in (0x64, 0x65, 0x66):
        return "execution error"
    if sw1 == 0x67:
        return "wrong length"
    if sw1 == 0x68:
        return "function in CLA not supported"
    if sw1 == 0x69:
        return "command not allowed"
    if sw1 == 0x6A:
        return "wrong parameters"
    return "unknown status"


class StatusWordError(CardError):
    """The card answered with a status word other than the ones the caller accepts."""

    def __init__(self, sw1: int, sw2: int, command: str = "") -> None:
        self.sw1 = sw1
        self.sw2 = sw2
        self.command = command
        where = f"{command}: " if command else ""
        super().__init__(f"{where}card answered {self.sw:04X} ({describe_sw(self.sw)})")

    @property
    def sw(self) -> int:
        return (self.sw1 << 8) | self.sw2


class SecureMessagingError(CardError):
    """A protected response failed its MAC or was malformed: the secure session is over."""


class AccessDenied(CardError):
    """The card refused access to its data."""


class WrongAccessKey(AccessDenied):
    """BAC (or PACE) mutual authentication failed."""

    def __init__(
        self,
        message: str = "the access key (document number, birth date, expiry) does not open this card",
    ) -> None:
        super().__init__(message)


class ParseError(CardError):
    """A file, MRZ or data object is malformed. The only exception a parser raises on bad input."""


class DataMismatch(CardError):
    """Two files of the same card disagree (e.g. DG1 and DG13): the read is not trusted."""

"""What a technician needs to know about a card reader and the card on it: the ATR, the protocols the
card offers and the one in use, and whether extended-length APDUs can be used (the chip ID card's
DG2 portrait reads in a few commands with them, in dozens without)."""

from __future__ import annotations

from dataclasses import dataclass

from smartcard.ATR import ATR
from smartcard.CardConnection import CardConnection
from smartcard.Exceptions import CardConnectionException, NoCardException, SmartcardException
from smartcard.scard import SCARD_LEAVE_CARD

from drivers.card.pcsc import EXTENDED_COMMAND_BYTES, SCARD_ATTR_MAXINPUT, _reader_objects, unpadded_atr

YES, NO, UNKNOWN = "yes", "no", "unknown"


@dataclass(frozen=True)
class AtrFacts:
    protocols: tuple[str, ...]  # offered by the card: "T=0", "T=1"
    contactless: bool  # the PC/SC part 3 form a contactless card takes (3B 8n 80 01 …)
    historical: bytes
    extended_length: str  # yes / no / unknown: the card capabilities in the historical bytes


@dataclass(frozen=True)
class ReaderFacts:
    name: str
    atr: bytes | None  # None: no card
    card: AtrFacts | None
    protocol: str | None  # in use once connected: "T=0", "T=1", or None without a card
    reader_extended: str  # yes / no / unknown: what the reader says of its longest command
    problem: str = ""  # why the card could not be asked, when it could not

    @property
    def atr_hex(self) -> str:
        return self.atr.hex(" ").upper() if self.atr else ""


def atr_facts(atr: bytes) -> AtrFacts:
    """The ATR read as ISO/IEC 7816-3 says (interface bytes) and 7816-4 (card capabilities, tag 7 of the
    compact-TLV historical bytes: its third byte's bit 7 says 'extended Lc and Le fields')."""
    try:
        parsed = ATR(list(atr))
        historical = bytes(parsed.getHistoricalBytes())
        protocols = tuple(f"T={t}" for t in sorted({td & 0x0F for td in parsed.TD if td is not None} or {0})
                          if t in (0, 1))
    except (SmartcardException, IndexError, TypeError):
        return AtrFacts((), False, b"", UNKNOWN)
    contactless = len(atr) >= 4 and atr[0] == 0x3B and atr[1] & 0xF0 == 0x80 and atr[2:4] == b"\x80\x01"
    return AtrFacts(protocols or ("T=0",), contactless, historical, _extended_from_capabilities(historical))


def _extended_from_capabilities(historical: bytes) -> str:
    if not historical or historical[0] not in (0x00, 0x80):
        return UNKNOWN
    body = historical[1:-3] if historical[0] == 0x00 else historical[1:]  # 00: status indicator at the end
    i = 0
    while i < len(body):
        tag, length = body[i] >> 4, body[i] & 0x0F
        value = body[i + 1: i + 1 + length]
        if len(value) < length:
            break  # truncated: say nothing rather than guess
        if tag == 0x7 and length >= 3:
            return YES if value[2] & 0x40 else NO
        i += 1 + length
    return UNKNOWN


def reader_facts() -> list[ReaderFacts]:
    """Every reader pcscd knows, with its card's facts (connecting to each card, shared, for a moment).
    Raises PcscUnavailable."""
    return [_facts_of(reader) for reader in _reader_objects()]


def _facts_of(reader) -> ReaderFacts:
    connection = reader.createConnection()
    try:
        return _ask(str(reader), connection)
    finally:
        release = getattr(connection, "release", None)  # pyscard ≥ 2.1: its PC/SC context, now rather than
        if release is not None:  # at garbage collection, when pcscd may have gone
            try:
                release()
            except Exception:  # noqa: BLE001 - a context pcscd already dropped
                pass


def _ask(name: str, connection) -> ReaderFacts:
    try:
        # leave the card powered when done: a reset or power-off would break a reading under way elsewhere
        connection.connect(CardConnection.T0_protocol | CardConnection.T1_protocol, disposition=SCARD_LEAVE_CARD)
    except NoCardException:
        return ReaderFacts(name, None, None, None, UNKNOWN)
    except CardConnectionException as error:
        return ReaderFacts(name, None, None, None, UNKNOWN, problem=_plain(error))
    try:
        atr = unpadded_atr(bytes(connection.getATR()))
        protocol = {CardConnection.T0_protocol: "T=0", CardConnection.T1_protocol: "T=1"}.get(
            connection.getProtocol())
        return ReaderFacts(name, atr, atr_facts(atr), protocol, _reader_extended(connection))
    finally:
        try:
            connection.disconnect()
        except CardConnectionException:
            pass


def _reader_extended(connection) -> str:
    try:
        value = connection.getAttrib(SCARD_ATTR_MAXINPUT)
    except Exception:  # drivers that do not implement the attribute fail in different ways
        return UNKNOWN
    if not value:
        return UNKNOWN
    return YES if int.from_bytes(bytes(value[:4]), "little") >= EXTENDED_COMMAND_BYTES else NO


def _plain(error: Exception) -> str:
    return str(error).splitlines()[0][:200] if str(error) else error.__class__.__name__

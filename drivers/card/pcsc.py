"""PC/SC readers through pyscard: what is plugged in, which card is on it, and change events."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

from smartcard import scard
from smartcard.ATR import ATR
from smartcard.Exceptions import CardConnectionException, NoCardException, SmartcardException
from smartcard.scard import SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED
from smartcard.System import readers as _pyscard_readers
from smartcard.pcsc.PCSCExceptions import EstablishContextException as PcscContextException
from smartcard.pcsc.PCSCExceptions import ListReadersException


log = logging.getLogger(__name__)


class PcscUnavailable(Exception):
    """The PC/SC service (pcscd) does not answer."""

    def __init__(self) -> None:
        super().__init__("the PC/SC service (pcscd) is not running or not reachable")


@dataclass(frozen=True)
class ReaderInfo:
    name: str
    atr: bytes | None  # None when no card is present (or the card does not answer)

    @property
    def atr_hex(self) -> str:
        return self.atr.hex(" ").upper() if self.atr else ""


def _reader_objects():
    try:
        return _pyscard_readers()
    except PcscContextException as error:
        raise PcscUnavailable() from error
    except ListReadersException as error:
        if error.hresult in (SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED):
            raise PcscUnavailable() from error
        raise


def reader_names() -> list[str]:
    """The readers pcscd knows, without touching their cards. Raises PcscUnavailable."""
    return [str(reader) for reader in _reader_objects()]


def list_readers() -> list[ReaderInfo]:
    """Every reader pcscd knows, with the ATR of the card on it. Raises PcscUnavailable."""
    found = []
    for reader in _reader_objects():
        found.append(ReaderInfo(str(reader), _atr_of(reader)))
    return found


def unpadded_atr(atr: bytes) -> bytes:
    """The ATR as long as its own structure says (ISO/IEC 7816-3, 8.2). pcscd's status reports sometimes
    carry it at 33 bytes, the tail zeros or what an earlier, longer ATR left in the buffer (seen with vpcd
    after a connection was tried on an empty reader): nothing past the structure belongs to the ATR."""
    try:
        parsed = ATR(list(atr))
        length = 2 + parsed.interfaceBytesCount + parsed.K
        if any(td is not None and td & 0x0F for td in parsed.TD):  # TCK, unless T=0 is the only protocol
            length += 1
    except (SmartcardException, IndexError):  # too short to parse: leave it to whoever reads it
        return atr
    return atr[:length]


def wait_for_card(reader_name: str | None = None, timeout: float = 30.0, poll: float = 0.2) -> str | None:
    """Waits until a card is on the reader (any reader when None); returns the reader's name, or None
    when `timeout` seconds passed first. Raises PcscUnavailable."""
    deadline = time.monotonic() + timeout
    while True:
        for reader in list_readers():
            if reader.atr is not None and reader_name in (None, reader.name):
                return reader.name
        if time.monotonic() >= deadline:
            return None
        time.sleep(poll)


def _atr_of(reader) -> bytes | None:
    from smartcard.scard import SCARD_LEAVE_CARD

    connection = reader.createConnection()
    try:
        connection.connect(disposition=SCARD_LEAVE_CARD)  # a look only: a reading under way goes on
        return unpadded_atr(bytes(connection.getATR()))
    except (NoCardException, CardConnectionException):
        return None
    finally:
        try:
            connection.disconnect()
        except CardConnectionException:
            pass


@dataclass(frozen=True)
class PcscEvent:
    kind: str  # "reader-added", "reader-removed", "card-inserted", "card-removed"
    reader: str
    atr: bytes | None = None


# pcscd has gone (stopped, crashed, restarted): the context is dead and a new one is needed
_SERVICE_GONE = frozenset((scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE,
                           scard.SCARD_F_COMM_ERROR))


class _ServiceGone(Exception):
    pass


def _snapshot(context) -> dict[str, bytes | None]:
    """Every reader with the ATR of its card (None: no card), as pcscd reports them now."""
    hresult, names = scard.SCardListReaders(context, [])
    if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
        return {}
    if hresult != scard.SCARD_S_SUCCESS:
        raise _ServiceGone(hresult)
    hresult, states = scard.SCardGetStatusChange(context, 0, [(name, scard.SCARD_STATE_UNAWARE) for name in names])
    if hresult != scard.SCARD_S_SUCCESS:
        raise _ServiceGone(hresult)
    now = {}
    for name, state, atr in states:
        present = state & scard.SCARD_STATE_PRESENT and not state & scard.SCARD_STATE_MUTE
        now[name] = unpadded_atr(bytes(atr)) if present and atr else None
    return now


def _changes(before: dict[str, bytes | None], now: dict[str, bytes | None]) -> list[PcscEvent]:
    events = []
    for reader in before.keys() - now.keys():
        if before[reader] is not None:
            events.append(PcscEvent("card-removed", reader))
        events.append(PcscEvent("reader-removed", reader))
    for reader in sorted(now):
        if reader not in before:
            events.append(PcscEvent("reader-added", reader))
        if before.get(reader) != now[reader]:
            if before.get(reader) is not None:
                events.append(PcscEvent("card-removed", reader))
            if now[reader] is not None:
                events.append(PcscEvent("card-inserted", reader, now[reader]))
    return events


class PcscWatcher:
    """Calls `on_event` (from its own thread) whenever a reader or card comes or goes.

    A subscriber with a GUI must hand the event over to its own thread (a queued Qt signal does that).
    The readers and cards present at `start` are reported as added. It polls pcscd with its own context
    and takes a new one when the service stops or restarts, reporting what changed meanwhile: pyscard's
    monitors are process-wide threads that stop for good when pcscd goes away once.
    """

    def __init__(self, on_event: Callable[[PcscEvent], None], poll: float = 0.25) -> None:
        self._emit = on_event
        self._poll = poll
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        _reader_objects()  # fail now, with our message, rather than in the watcher's thread
        with self._lock:
            if self._thread is None:
                self._stopping.clear()
                self._thread = threading.Thread(target=self._run, name="pcsc-watcher", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """Stops the watcher's thread (joins it: up to one polling period)."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._stopping.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _run(self) -> None:
        known: dict[str, bytes | None] = {}
        context = None
        try:
            while not self._stopping.is_set():
                try:
                    if context is None:
                        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
                        if hresult != scard.SCARD_S_SUCCESS:
                            context = None
                            raise _ServiceGone(hresult)
                    now = _snapshot(context)
                except _ServiceGone as gone:
                    if context is not None and gone.args and gone.args[0] not in _SERVICE_GONE:
                        now = known  # a passing error: ask again at the next poll
                    else:
                        now = {}  # no service, no readers
                    if context is not None:
                        scard.SCardReleaseContext(context)
                        context = None
                for event in _changes(known, now):
                    try:
                        self._emit(event)
                    except Exception:  # a subscriber's bug must not stop the events
                        log.exception("card event subscriber failed")
                known = now
                self._stopping.wait(self._poll)
        finally:
            if context is not None:
                scard.SCardReleaseContext(context)


SCARD_ATTR_MAXINPUT = 0x0007A007  # PC/SC part 3: the longest command the reader accepts
EXTENDED_COMMAND_BYTES = 65544  # CLA INS P1 P2 + 3-byte Lc + 65535 data + 2-byte Le


class PcscConnection:
    """The card on one reader as a transport for `drivers.card.apdu`: command bytes in, response out.

    `supports_extended` is what the reader tells of itself (SCARD_ATTR_MAXINPUT): True, False, or None
    when it does not say; the file reader then finds out by trying and stepping down.
    """

    def __init__(self, reader_name: str | None = None) -> None:
        self.reader_name = reader_name
        self.supports_extended: bool | None = None
        self.atr = b""
        self._connection = None

    def connect(self) -> "PcscConnection":
        from smartcard.CardConnection import CardConnection

        from drivers.card.errors import CardRemoved, TransportError

        candidates = _reader_objects()
        if self.reader_name:
            candidates = [r for r in candidates if str(r) == self.reader_name]
            if not candidates:
                raise TransportError(f"no reader named {self.reader_name!r}")
        for reader in candidates:
            connection = reader.createConnection()
            try:
                connection.connect(CardConnection.T0_protocol | CardConnection.T1_protocol)
            except (NoCardException, CardConnectionException):
                continue
            self._connection = connection
            self.reader_name = str(reader)
            self.atr = unpadded_atr(bytes(connection.getATR()))
            self.supports_extended = self._reader_says_extended(connection)
            return self
        if self.reader_name:
            raise CardRemoved(f"no card on the reader {self.reader_name!r}")
        raise CardRemoved("no card on any reader")

    @staticmethod
    def _reader_says_extended(connection) -> bool | None:
        try:
            value = connection.getAttrib(SCARD_ATTR_MAXINPUT)
        except Exception:  # readers and drivers that do not implement the attribute raise differently
            return None
        if not value:
            return None
        return int.from_bytes(bytes(value[:4]), "little") >= EXTENDED_COMMAND_BYTES

    def transmit(self, command: bytes) -> bytes:
        from drivers.card.errors import CardRemoved

        if self._connection is None:
            raise CardRemoved("not connected to a card")
        try:
            data, sw1, sw2 = self._connection.transmit(list(command))
        except CardConnectionException as error:
            raise CardRemoved() from error
        return bytes(data) + bytes([sw1, sw2])

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.disconnect()
            except CardConnectionException:
                pass
            self._connection = None

    def __enter__(self) -> "PcscConnection":
        return self.connect()

    def __exit__(self, *exc) -> None:
        self.close()

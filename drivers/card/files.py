"""Reading elementary files: SELECT by file id or READ BINARY by short file id, a first read to learn
the TLV length, then the rest in as few commands as the card, the reader and secure messaging allow.

Sizes that fail (6700, 6Cxx, 6B00) step down, and the size that worked is remembered for the rest
of the session (FileReader lives as long as the session). Offsets beyond 32767 use the odd INS B1.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import tlv
from .apdu import EXTENDED_MAX_LE, SHORT_MAX_LE, CommandAPDU, ResponseAPDU
from .errors import ParseError

# file ids of the eMRTD application (ICAO 9303-10)
EF_CARD_ACCESS = 0x011C
EF_COM = 0x011E
EF_SOD = 0x011D


def dg_fid(number: int) -> int:
    return 0x0100 + number


SFI = {EF_CARD_ACCESS: 0x1C, EF_COM: 0x1E, EF_SOD: 0x1D, **{dg_fid(n): n for n in range(1, 17)}}

_SW_EOF = 0x6282
_STEP_DOWN = (0x6700, 0x6B00)
_EXTENDED_RUNGS = (65536, 32768, 16384, 8192, 4096, 2048, 1024, 512)
_B0_MAX_OFFSET = 0x7FFF
_HEADER_READ = 8  # enough for a tag of 2 bytes and a 4-byte length


@dataclass
class ReadStats:
    """Commands and bytes spent reading files (SELECTs and READ BINARYs, retries included)."""

    files: int = 0
    commands: int = 0
    bytes_read: int = 0
    step_downs: int = 0


def select_aid(channel, aid: bytes) -> ResponseAPDU:
    return channel.transmit(CommandAPDU(0x00, 0xA4, 0x04, 0x0C, aid)).check(command="SELECT application")


class FileReader:
    """Reads whole files over a channel (plain ApduChannel or SecureChannel)."""

    def __init__(self, channel, *, use_extended: bool | None = None, max_extended: int = EXTENDED_MAX_LE,
                 max_read: int | None = None, stats: ReadStats | None = None) -> None:
        self.channel = channel
        self.stats = stats or ReadStats()
        supported = getattr(channel, "supports_extended", None)
        # None from the transport means "unknown": try, and step down if the card or reader refuses
        self._extended = (supported is not False) if use_extended is None else use_extended
        self._max_extended = max_extended
        cap = max_read or EXTENDED_MAX_LE  # a caller's fixed read size (e.g. for a reader with small buffers)
        self._short_limit = min(getattr(channel, "max_short_read", SHORT_MAX_LE), cap)
        self._ext_limit = min(getattr(channel, "max_extended_read", EXTENDED_MAX_LE), max_extended, cap)
        self._chunk = self._ext_limit if self._extended else self._short_limit

    @property
    def chunk_size(self) -> int:
        """The read size currently believed to work."""
        return self._chunk

    def _send(self, command: CommandAPDU) -> ResponseAPDU:
        self.stats.commands += 1
        return self.channel.transmit(command)

    def select(self, fid: int) -> None:
        response = self._send(CommandAPDU(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big")))
        response.check(command="SELECT file")

    def read_file(self, fid: int | None = None, *, sfi: int | None = None) -> bytes:
        """The whole file (one BER-TLV object), selected by file id or by short file id."""
        if (fid is None) == (sfi is None):
            raise ValueError("give a file id or a short file id")
        if fid is not None:
            self.select(fid)
        head = self._read_at(0, self._chunk, sfi=sfi)
        try:
            header_len, total = tlv.header_and_total_length(head)
        except ParseError:
            if len(head) >= _HEADER_READ:
                raise
            head += self._read_at(len(head), _HEADER_READ - len(head))
            header_len, total = tlv.header_and_total_length(head)
        data = bytearray(head[:total])
        while len(data) < total:
            chunk = self._read_at(len(data), total - len(data))
            if not chunk:
                raise ParseError("file ended before its declared length")
            data += chunk[: total - len(data)]
        self.stats.files += 1
        self.stats.bytes_read += len(data)
        return bytes(data)

    def _limit_for(self, offset: int, wanted: int) -> int:
        n = min(wanted, self._chunk)
        if offset > _B0_MAX_OFFSET:
            n = min(n, self._chunk - 4)  # DO'53' header in the answer of B1 counts against Le
        return max(1, n)

    def _read_at(self, offset: int, wanted: int, *, sfi: int | None = None) -> bytes:
        """One successful READ BINARY at offset, stepping the size down until the card accepts it."""
        while True:
            n = self._limit_for(offset, wanted)
            response = self._send(self._read_command(offset, n, sfi))
            sw = response.sw
            if sw == 0x9000 or sw == _SW_EOF:  # 6282: the file ended first; the data is still good
                data = response.data
                if offset > _B0_MAX_OFFSET:
                    data = tlv.unwrap(data, 0x53)
                return data
            if response.sw1 == 0x6C and 0 < response.sw2 < n:
                self._step_down(n, exact=response.sw2)  # the card says how much it has
                continue
            if sw in _STEP_DOWN and n > 1 and not (sw == 0x6B00 and offset == 0):
                self._step_down(n)
                continue
            response.check(command="READ BINARY")

    def _step_down(self, failed: int, exact: int | None = None) -> None:
        """Choose a size below the one that failed: smaller extended sizes, then short reads."""
        self.stats.step_downs += 1
        if exact is not None:
            self._chunk = exact
            return
        if failed > self._short_limit:
            for rung in _EXTENDED_RUNGS:
                rung = min(rung, self._ext_limit)
                if self._short_limit < rung < failed:
                    self._chunk = rung
                    return
            self._extended = False  # no extended size is accepted: short reads from now on
            self._chunk = self._short_limit
            return
        self._chunk = max(1, failed // 2)

    def _read_command(self, offset: int, n: int, sfi: int | None) -> CommandAPDU:
        if sfi is not None and offset <= 0xFF:
            return CommandAPDU(0x00, 0xB0, 0x80 | sfi, offset, le=n)
        if offset <= _B0_MAX_OFFSET:
            return CommandAPDU(0x00, 0xB0, offset >> 8, offset & 0xFF, le=n)
        body = tlv.encode(0x54, offset.to_bytes(3 if offset > 0xFFFF else 2, "big"))
        return CommandAPDU(0x00, 0xB1, 0x00, 0x00, body, le=n + 4)

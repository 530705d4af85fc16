"""Reading a Vietnamese chip ID card end to end, and proving it genuine.

EF.CardAccess → PACE (else BAC) → COM → DG14 → chip authentication (secure messaging restarts with the
chip's keys) → the other data groups and the SOD → active authentication → passive authentication →
Identity with its Verification.

A card lifted mid-read raises CardRemoved; calling `CardReading.read` again with the card back resumes:
the access protocol and chip authentication run again, files already read are not read again, and a
file read before the break is kept only when the SOD's hashes cover it (checked at the end; COM, which
no hash covers, is always read again).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from .access import EMRTD_AID, AccessKeys, open_card  # noqa: F401 - EMRTD_AID is part of this module's interface
from .active_auth import authenticate_active
from .chip_auth import authenticate_chip
from .dg13 import parse_dg13
from .errors import CardRemoved, ParseError, StatusWordError
from .files import EF_CARD_ACCESS, EF_COM, EF_SOD, FileReader, ReadStats, dg_fid
from .identity import Identity, identity_from
from .lds import CardFiles, EFCom, parse_com, parse_dg1, parse_dg2
from .mrz import AccessKey
from .passive_auth import verify_sod
from .sod import DataGroupAltered, altered_data_groups, parse_sod
from .verification import Verification

COM, DG1, DG2, DG13, DG14, DG15, SOD = "COM", "DG1", "DG2", "DG13", "DG14", "DG15", "SOD"
DEFAULT_FILES = (COM, DG1, DG2, DG13, DG14, DG15, SOD)
_REQUIRED = (COM, DG1, DG13)  # an Identity cannot be built without these

_FID = {COM: EF_COM, SOD: EF_SOD, **{f"DG{n}": dg_fid(n) for n in range(1, 17)}}


@dataclass(frozen=True, repr=False)
class ReadResult:
    identity: Identity
    files: CardFiles
    com: EFCom
    protocol: str
    card_access: bytes | None
    stats: ReadStats
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def verification(self) -> Verification:
        return self.identity.verification

    def __repr__(self) -> str:
        return (f"ReadResult(protocol={self.protocol}, files={self.files.names()}, "
                f"commands={self.stats.commands}, seconds={self.seconds:.3f})")


def read_card_access(channel) -> bytes | None:
    """EF.CardAccess, read before the application is selected; None if the card has none."""
    reader = FileReader(channel, use_extended=False)
    try:
        return reader.read_file(EF_CARD_ACCESS)
    except StatusWordError as exc:
        if exc.sw in (0x6A82, 0x6A86, 0x6D00, 0x6986, 0x6982, 0x6985, 0x6B00, 0x6700):
            return None
        raise


class CardReading:
    """One reading of one card. `read(channel)` returns the result; after CardRemoved, call it again
    with the card back on the reader and it resumes where it stopped.

    `trust` is a trust.TrustStore: without one, passive authentication is reported as not done (the
    data groups are still checked against the SOD's hashes, and altered data is refused).
    """

    def __init__(self, keys: AccessKeys | AccessKey, files: Iterable[str] = DEFAULT_FILES, *, trust=None,
                 chip_authentication: bool = True, active_authentication: bool = True,
                 use_extended: bool | None = None, max_read: int | None = None,
                 random: Callable[[int], bytes] = os.urandom) -> None:
        self.keys = AccessKeys.from_mrz(keys, "typed MRZ values") if isinstance(keys, AccessKey) else keys
        self.wanted = tuple(dict.fromkeys(files))
        for name in self.wanted:
            if name not in _FID:
                raise ValueError(f"unknown file {name!r}")
        self.trust = trust
        self.chip_authentication = chip_authentication
        self.active_authentication = active_authentication
        self.use_extended = use_extended
        self.max_read = max_read
        self.random = random
        self.stats = ReadStats()
        self.timings: dict[str, float] = {}
        self.raw: dict[str, bytes] = {}
        self.card_access: bytes | None = None
        self.before_break: set[str] = set()  # files read in an earlier session, trusted only via the SOD
        self.resumed = 0
        self.seconds = 0.0

    def read(self, channel) -> ReadResult:
        started = time.perf_counter()
        try:
            return self._read(channel, started)
        except CardRemoved:
            self.seconds += time.perf_counter() - started
            self.before_break |= set(self.raw)
            self.resumed += 1
            raise

    # ---------------------------------------------------------------- the session

    def _read(self, channel, started: float) -> ReadResult:
        if "CardAccess" not in self.raw:
            card_access = read_card_access(channel)
            if card_access is not None:
                self.raw["CardAccess"] = card_access
        self.card_access = self.raw.get("CardAccess")
        opened = self._timed("access", lambda: open_card(channel, self.keys, self.card_access, random=self.random))
        secure = opened.channel
        reader = self._file_reader(secure)

        # COM says which data groups exist; no hash covers it, so it is read in every session
        self.raw[COM] = self._timed(COM, lambda: reader.read_file(EF_COM))
        self.before_break.discard(COM)
        com = parse_com(self.raw[COM])
        present = [name for name in self.wanted if name in (COM, SOD) or int(name[2:]) in com.data_groups]
        for name in _REQUIRED:
            if name in self.wanted and name not in present:
                raise ParseError(f"the card does not list {name}")

        chip = None
        if DG14 in present:
            self._read_missing(reader, [DG14])
            if self.chip_authentication:
                secure, chip = self._timed("chip_authentication",
                                           lambda: authenticate_chip(secure, self.raw[DG14], random=self.random))
                if chip.session_ended:  # a failed proof (a copied chip) ends the session: open again, read on
                    opened = open_card(channel, self.keys, self.card_access, random=self.random)
                    secure = opened.channel
                reader = self._file_reader(secure)

        self._read_missing(reader, [name for name in present if name not in (COM, DG14)])

        active = None
        if DG15 in self.raw and self.active_authentication:
            active = self._timed("active_authentication",
                                 lambda: authenticate_active(secure, self.raw[DG15], self.raw.get(DG14), random=self.random))

        self._reread_uncovered(reader)
        data_groups = {int(name[2:]): data for name, data in self.raw.items() if name.startswith("DG")}
        passive = None
        if SOD in self.raw:  # altered data is refused before anything is parsed into an Identity
            altered = altered_data_groups(parse_sod(self.raw[SOD]), data_groups)
            if altered:
                raise DataGroupAltered(altered)
        if self.trust is not None:
            passive = self._timed("passive_authentication",
                                  lambda: verify_sod(self.raw.get(SOD), data_groups, self.trust))

        files = CardFiles()
        for name, data in self.raw.items():
            files.add(name, data)
        photo = parse_dg2(self.raw[DG2]) if DG2 in self.raw else None
        identity = identity_from(parse_dg1(self.raw[DG1]), parse_dg13(self.raw[DG13]), photo)
        verification = Verification(opened.protocol, opened.key, passive, chip, active, self.resumed,
                                    opened.why_not_pace)
        self.seconds += time.perf_counter() - started
        return ReadResult(replace(identity, verification=verification), files, com, opened.protocol,
                          self.card_access, self.stats, self.seconds, dict(self.timings))

    def _file_reader(self, secure) -> FileReader:
        return FileReader(secure, use_extended=self.use_extended, max_read=self.max_read, stats=self.stats)

    def _read_missing(self, reader: FileReader, names: list[str]) -> None:
        for name in names:
            if name not in self.raw:
                self.raw[name] = self._timed(name, lambda n=name: reader.read_file(_FID[n]))

    def _reread_uncovered(self, reader: FileReader) -> None:
        """Files from before a break stay only if the SOD (read in any session) hashes them."""
        if not self.before_break:
            return
        covered: set[str] = set()
        if SOD in self.raw:
            covered = {f"DG{n}" for n in parse_sod(self.raw[SOD]).hashes} | {SOD}
        for name in sorted(self.before_break - covered - {"CardAccess"}):
            self.raw[name] = reader.read_file(_FID[name])
        self.before_break.clear()

    def _timed(self, name: str, action):
        t = time.perf_counter()
        result = action()
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t
        return result


def read_card(channel, access: AccessKeys | AccessKey, files: Iterable[str] = DEFAULT_FILES, **options) -> ReadResult:
    """Read the card in one go (no resume) and build its Identity. Any failure raises."""
    return CardReading(access, files, **options).read(channel)

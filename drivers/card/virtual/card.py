"""The virtual CCCD's APDU logic: `VirtualCard.process(apdu) -> response`, headless.

It behaves like the Vietnamese cards described in DESIGN.md: SELECT MF answers 6D00, EF.CardAccess
is readable before the application is selected, data groups need BAC, and after BAC every command
must be protected. Fault options let tests and the diagnostics screen provoke failures.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, Protocol

from .. import tlv
from ..apdu import CommandAPDU, ResponseAPDU
from ..bac import BACCard
from ..errors import CardRemoved, ParseError, SecureMessagingError
from ..files import EF_CARD_ACCESS, SFI
from ..mrz import AccessKey
from ..sm import SecureMessaging
from .chip import ChipKeys, VirtualChip
from .files import build_files, load_test_keys
from .pace import PACECard
from .profile import CardProfile

try:  # the vpcd link ends the connection (card lifted) when `process` raises its signal
    from ..vpcd import CardRemovedSignal as _LinkRemovalSignal
except ImportError:  # pragma: no cover - the link module is optional for headless use
    class _LinkRemovalSignal(Exception):
        pass

EMRTD_AID = bytes.fromhex("A0000002471001")


class Authentication(Protocol):
    """A card-side protocol in progress (PACE, chip authentication): answers GENERAL AUTHENTICATE steps.

    When it ends it sets `card.sm_after_response` to the new session (or `card.authentication = None`).
    """

    def general_authenticate(self, command: CommandAPDU, secure: bool) -> ResponseAPDU: ...


class VirtualCardRemoved(CardRemoved, _LinkRemovalSignal):
    """The virtual card left the field: a CardRemoved for in-process readers, the link's signal for vpcd."""

# ISO 14443 card seen through PC/SC: 3B 8n 80 01 + historical bytes + TCK (PC/SC part 3)
_HISTORICAL = bytes.fromhex("8031B052010E6F")


def _contactless_atr(historical: bytes) -> bytes:
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3B" + body + bytes([tck])


def _sw(sw: int, data: bytes = b"") -> ResponseAPDU:
    return ResponseAPDU(data, sw)


class VirtualCard:
    """A CCCD in memory. `process` takes a command APDU and returns the response APDU (data + SW).

    Fault options:
      remove_after=N   after N answered commands the card is gone: process raises VirtualCardRemoved
      corrupt_mac      every protected response carries a wrong MAC
      tamper_dg=n      (from_profile) DG n is changed after the SOD was signed
      sod_fault=name   (from_profile) an SOD that fails passive authentication: bad_signature, wrong_dsc,
                       unknown_csca or expired_dsc (see virtual.files.sod)
      no_extended      extended-length APDUs are answered 6700
      max_response=N   responses longer than N bytes (incl. SM objects, excl. SW) are answered 6700
      delay=s          each command takes s seconds
      cloned           the genuine files on another chip: chip_keys are replaced by fresh keys of the same
                       kinds, so chip and active authentication fail (needs chip_keys)
      pace=False       a BAC-only card: no EF.CardAccess, MSE:Set AT for PACE is not offered (default True:
                       PACE generic mapping with the CAN or the MRZ, as EF.CardAccess advertises; virtual.pace)
      pace_refuse      EF.CardAccess advertises PACE but MSE:Set AT is answered 6A80 (the reader falls back to BAC)

    Chip keys: chip_keys=ChipKeys(ca_key, aa_key) (virtual.chip) lets the card answer chip authentication
    (DG14) and INTERNAL AUTHENTICATE (DG15); from_profile passes the test keys whose public halves are in
    DG14 and DG15. Without them the card refuses both.
    """

    atr = _contactless_atr(_HISTORICAL)

    def __init__(self, files: dict[int, bytes], access_key: AccessKey, *,
                 random: Callable[[int], bytes] = os.urandom, remove_after: int | None = None,
                 corrupt_mac: bool = False, no_extended: bool = False, max_response: int | None = None,
                 delay: float = 0.0, chip_keys: ChipKeys | None = None, cloned: bool = False,
                 pace: bool = True, pace_refuse: bool = False) -> None:
        self.files = dict(files)
        self.access_key = access_key
        self.random = random
        self.remove_after = remove_after
        self.corrupt_mac = corrupt_mac
        self.no_extended = no_extended
        self.max_response = max_response
        self.delay = delay
        self.commands = 0  # since construction: remove_after counts across resets
        # MANAGE SECURITY ENVIRONMENT handlers by (P1, P2); the access and chip protocols register here
        self.security_environments: dict[tuple[int, int], Callable[[CommandAPDU, bool], ResponseAPDU]] = {}
        if pace:
            self.pace = PACECard(self, refuse=pace_refuse)
            self.security_environments[(0xC1, 0xA4)] = self.pace.manage_security_environment
        else:
            self.files.pop(EF_CARD_ACCESS, None)  # BAC-only documents have no EF.CardAccess
        if cloned and chip_keys is None:
            raise ValueError("a cloned card needs the chip_keys it imitates")
        self.chip = VirtualChip(self, chip_keys.fresh() if cloned else chip_keys) if chip_keys else None
        self.powered = True
        self._reset_state()

    @classmethod
    def from_profile(cls, profile: CardProfile, key_folder: str | Path, *, tamper_dg: int | None = None,
                     sod_fault: str | None = None,
                     **options) -> "VirtualCard":
        files = build_files(profile, key_folder, tamper_dg=tamper_dg, sod_fault=sod_fault)
        key = AccessKey.from_vietnamese_id(profile.id_number, profile.birth_date, profile.expiry)
        options.setdefault("chip_keys", ChipKeys.from_test_keys(load_test_keys(key_folder)))
        return cls(files, key, **options)

    # ---------------------------------------------------------------- power

    def _reset_state(self) -> None:
        self.app_selected = False
        self.current_ef: int | None = None
        self.sm: SecureMessaging | None = None
        self.bac = BACCard(self.access_key, self.random)
        # the protocol the last MANAGE SECURITY ENVIRONMENT chose; GENERAL AUTHENTICATE goes to it
        self.authentication: Authentication | None = None
        # new secure-messaging keys take effect after the answer that announces them went out
        self.sm_after_response: SecureMessaging | None = None

    def power_on(self) -> None:
        self.powered = True
        self._reset_state()

    def power_off(self) -> None:
        self.powered = False
        self._reset_state()

    def reset(self) -> None:
        self._reset_state()

    @property
    def removed(self) -> bool:
        return self.remove_after is not None and self.commands >= self.remove_after

    # ---------------------------------------------------------------- processing

    def process(self, apdu: bytes) -> bytes:
        if self.removed:  # N commands were answered; the card has left the field
            raise VirtualCardRemoved()
        self.commands += 1
        if self.delay:
            time.sleep(self.delay)
        if not self.powered:
            self.power_on()
        try:
            command = CommandAPDU.from_bytes(apdu)
        except ParseError:
            return _sw(0x6700).to_bytes()
        if self.no_extended and command.extended:
            if command.cla & 0x0C and self.sm is not None:
                # the SM layer has counted the command and counts the bare answer: SSCs stay in step
                try:
                    self.sm.unprotect_command(command)
                except (SecureMessagingError, ParseError):
                    self.sm = None
                    return _sw(0x6988).to_bytes()
                self.sm.skip_response()
            return _sw(0x6700).to_bytes()
        if command.cla & 0x0C:
            return self._process_protected(command).to_bytes()
        if self.sm is not None:
            # a plain command in a secure session ends the session (ICAO 9303-11)
            self.sm = None
            return _sw(0x6987).to_bytes()
        response = self._limit(self._dispatch(command, secure=False), command)
        if self.sm_after_response is not None:
            self.sm, self.sm_after_response = self.sm_after_response, None
        return response.to_bytes()

    def _limit(self, response: ResponseAPDU, command: CommandAPDU) -> ResponseAPDU:
        if self.max_response is not None and len(response.data) > self.max_response:
            return _sw(0x6700)
        return response

    def _process_protected(self, command: CommandAPDU) -> ResponseAPDU:
        if self.sm is None:
            return _sw(0x6882)  # secure messaging not available yet
        try:
            inner = self.sm.unprotect_command(command)
        except (SecureMessagingError, ParseError):
            self.sm = None
            return _sw(0x6988)
        response = self._dispatch(inner, secure=True)
        try:
            return self._protect(response, inner, command)
        finally:
            if self.sm_after_response is not None:
                self.sm, self.sm_after_response = self.sm_after_response, None

    def _protect(self, response: ResponseAPDU, inner: CommandAPDU, command: CommandAPDU) -> ResponseAPDU:
        if not response.data and response.sw not in (0x9000, 0x6282):
            self.sm.skip_response()  # errors go back as a bare status word
            return response
        protected = self.sm.protect_response(response, odd_ins=bool(inner.ins & 1))
        if self.corrupt_mac:
            data = bytearray(protected.data)
            data[-1] ^= 0xFF
            protected = ResponseAPDU(bytes(data), protected.sw)
        if self.max_response is not None and len(protected.data) > self.max_response:
            return _sw(0x6700)
        if command.le is not None and len(protected.data) > command.le:
            return _sw(0x6700)  # the protected answer does not fit what the terminal can take
        return protected

    def _dispatch(self, c: CommandAPDU, secure: bool) -> ResponseAPDU:
        if c.cla & 0xE3 != 0x00:  # bit 5 (0x10) is command chaining, used by GENERAL AUTHENTICATE
            return _sw(0x6E00)
        if c.ins == 0xA4:
            return self._select(c, secure)
        if c.ins in (0xB0, 0xB1):
            return self._read_binary(c, secure)
        if c.ins == 0x84:
            if c.le != 8:
                return _sw(0x6700)
            return _sw(0x9000, self.bac.challenge())
        if c.ins == 0x82:
            return self._external_authenticate(c)
        if c.ins == 0x22:
            return self._manage_security_environment(c, secure)
        if c.ins == 0x86:
            if self.authentication is None:
                return _sw(0x6985)  # no protocol chosen by MSE
            return self.authentication.general_authenticate(c, secure)
        if c.ins == 0x88:
            return self._internal_authenticate(c, secure)
        return _sw(0x6D00)

    def _manage_security_environment(self, c: CommandAPDU, secure: bool) -> ResponseAPDU:
        # P1-P2 C1 A4: PACE (Set AT, mutual authentication); 41 A4 / 41 A6: chip authentication
        handler = self.security_environments.get((c.p1, c.p2))
        if handler is None:
            return _sw(0x6A86)
        return handler(c, secure)

    def _internal_authenticate(self, c: CommandAPDU, secure: bool) -> ResponseAPDU:
        # active authentication (DG15); without a key the card does not offer it
        if self.chip is None:
            return _sw(0x6D00)
        return self.chip.internal_authenticate(c, secure)

    def _select(self, c: CommandAPDU, secure: bool) -> ResponseAPDU:
        if c.p1 == 0x04:
            if c.data == EMRTD_AID:
                self.app_selected = True
                self.current_ef = None
                return _sw(0x9000)
            return _sw(0x6A82)
        if c.p1 == 0x00:
            return _sw(0x6D00)  # Vietnamese cards: SELECT MF is not supported
        if c.p1 == 0x02 and len(c.data) == 2:
            fid = int.from_bytes(c.data, "big")
            return self._select_ef(fid, secure)
        return _sw(0x6A86)

    def _select_ef(self, fid: int, secure: bool) -> ResponseAPDU:
        if fid == EF_CARD_ACCESS and not self.app_selected and fid in self.files:
            self.current_ef = fid
            return _sw(0x9000)
        if fid not in self.files or fid == EF_CARD_ACCESS:
            return _sw(0x6A82)
        if not self.app_selected:
            return _sw(0x6A82)
        if not secure:
            return _sw(0x6982)
        self.current_ef = fid
        return _sw(0x9000)

    def _read_binary(self, c: CommandAPDU, secure: bool) -> ResponseAPDU:
        if c.ins == 0xB0 and c.p1 & 0x80:
            sfi = c.p1 & 0x1F
            fid = next((f for f, s in SFI.items() if s == sfi), None)
            if fid is None:
                return _sw(0x6A82)
            selected = self._select_ef(fid, secure)
            if selected.sw != 0x9000:
                return selected
            offset = c.p2
        elif c.ins == 0xB0:
            offset = ((c.p1 & 0x7F) << 8) | c.p2
        else:
            try:
                do54 = tlv.find(c.data, 0x54)
            except ParseError:
                do54 = None
            if do54 is None or c.p1 or c.p2:
                return _sw(0x6A86)
            offset = int.from_bytes(do54.value, "big")
        if self.current_ef is None:
            return _sw(0x6986)
        if self.current_ef != EF_CARD_ACCESS and not secure:
            return _sw(0x6982)
        data = self.files[self.current_ef]
        if offset > len(data) or (offset == len(data) and offset > 0):
            return _sw(0x6B00)
        le = c.le or 0
        if c.ins == 0xB1:
            # the answer is DO'53'; Le counts its header too
            want = max(0, le - 4)
            chunk = data[offset : offset + want]
            return _sw(0x9000 if len(chunk) == want or le in (256, 65536) else 0x6282, tlv.encode(0x53, chunk))
        chunk = data[offset : offset + le]
        if len(chunk) < le and le not in (256, 65536):
            return _sw(0x6282, chunk)  # end of file before Le bytes
        return _sw(0x9000, chunk)

    def _external_authenticate(self, c: CommandAPDU) -> ResponseAPDU:
        if not self.app_selected:
            return _sw(0x6985)
        result = self.bac.authenticate(c.data)
        if result is None:
            return _sw(0x6300)
        response, keys = result
        # the answer itself goes out in plain; every command after it must be protected
        self.sm = keys.secure_messaging()
        return _sw(0x9000, response)

"""The ways into a chip: which keys a reading may try, in which order, and which one opened the card.

PACE comes first when EF.CardAccess offers it (with the CAN, then the MRZ keys); BAC is the fallback
when the card offers no PACE, refuses it, or offers only a PACE variant we do not support. A QR code
gives the CAN and several MRZ keys (the expiry is not on the QR: each candidate from the renewal rules
is one key), tried in order.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Callable

from .bac import BAC
from .errors import ParseError, WrongAccessKey
from .files import select_aid
from .mrz import AccessKey
from .pace import PACE, PaceNotSupported, PacePassword, PaceRefused
from .qr import CardQr, bac_keys
from .security_infos import SecurityInfos, parse_security_infos

log = logging.getLogger(__name__)

EMRTD_AID = bytes.fromhex("A0000002471001")


@dataclass(frozen=True, repr=False)
class AccessKeys:
    """What the station knows to open one card. `source` says where it came from, for the officer."""

    can: str | None = None
    mrz: tuple[AccessKey, ...] = ()
    source: str = "typed"

    @classmethod
    def from_qr(cls, qr: CardQr) -> "AccessKeys":
        return cls(can=qr.can, mrz=tuple(bac_keys(qr)), source="QR code")

    @classmethod
    def from_mrz(cls, key: AccessKey, source: str = "MRZ") -> "AccessKeys":
        return cls(mrz=(key,), source=source)

    @classmethod
    def from_can(cls, can: str) -> "AccessKeys":
        if not (len(can) == 6 and can.isdigit()):
            raise ParseError("a CAN is 6 digits: the last 6 digits of the 12-digit ID number")
        return cls(can=can, source="typed")

    def __bool__(self) -> bool:
        return bool(self.can or self.mrz)

    def __repr__(self) -> str:
        return f"AccessKeys(source={self.source}, can={'yes' if self.can else 'no'}, mrz_keys={len(self.mrz)})"


@dataclass(frozen=True)
class Opened:
    """A card opened: the secure channel, and what opened it (no key material, no personal data)."""

    channel: object  # sm.SecureChannel
    protocol: str  # e.g. "PACE-ECDH-GM-AES-128 brainpoolP256r1", "BAC"
    key: str  # e.g. "CAN (QR code)", "MRZ key 2 of 3 (QR code)"
    attempts: int  # keys tried, the one that worked included
    why_not_pace: str | None = None  # when BAC was used although the card has EF.CardAccess


def open_card(channel, keys: AccessKeys, card_access: bytes | None, *,
              random: Callable[[int], bytes] = os.urandom) -> Opened:
    """Opens the card with the first key that works; raises WrongAccessKey when none does."""
    if not keys:
        raise WrongAccessKey()
    infos = _security_infos(card_access)
    attempts = 0
    why_not_pace = ("the card does not offer PACE" if card_access is not None
                    else "the card has no EF.CardAccess: it does not offer PACE")
    if infos is not None and infos.pace:
        why_not_pace = None
        for password, label in _pace_passwords(keys):
            attempts += 1
            try:
                pace = PACE(password, infos, random=random)
                secure = pace.establish(channel)
            except WrongAccessKey:
                continue
            except (PaceRefused, PaceNotSupported) as problem:
                why_not_pace = str(problem)
                log.info("PACE not used: %s", problem)
                break
            select_aid(secure, EMRTD_AID)
            return Opened(secure, pace.name, label, attempts)
    for number, key in enumerate(keys.mrz, 1):
        attempts += 1
        select_aid(channel, EMRTD_AID)
        try:
            secure = BAC(key, random).establish(channel)
        except WrongAccessKey:
            continue
        return Opened(secure, "BAC", _mrz_label(keys, number), attempts, why_not_pace)
    raise WrongAccessKey()


def _security_infos(card_access: bytes | None) -> SecurityInfos | None:
    if card_access is None:
        return None
    try:
        return parse_security_infos(card_access)
    except ParseError as error:  # a card with a broken CardAccess may still open with BAC
        log.warning("EF.CardAccess could not be parsed (%s): trying BAC", error)
        return None


def _pace_passwords(keys: AccessKeys):
    if keys.can:
        yield PacePassword.from_can(keys.can), f"CAN ({keys.source})"
    for number, key in enumerate(keys.mrz, 1):
        yield PacePassword.from_mrz(key), _mrz_label(keys, number)


def _mrz_label(keys: AccessKeys, number: int) -> str:
    if len(keys.mrz) == 1:
        return f"MRZ key ({keys.source})"
    return f"MRZ key {number} of {len(keys.mrz)} ({keys.source})"

"""The virtual card's side of PACE (ICAO 9303-11 §4.4), generic mapping.

`PACECard` is registered as the card's MANAGE SECURITY ENVIRONMENT handler for P1-P2 C1 A4
(MSE:Set AT). A Set AT naming a protocol of the card's EF.CardAccess starts a `PACESession`, which
answers the four GENERAL AUTHENTICATE steps; the last answer goes out in plain and the new secure
messaging (SSC 0) takes effect after it, through `card.sm_after_response`.

Every PACEInfo with generic mapping on a standardized group that EF.CardAccess advertises can be run
(ECDH or DH, 3DES or AES-128/192/256), so tests choose the suite by choosing the file. The card knows
both passwords: the MRZ (its BAC access key) and the CAN, the last 6 digits of the 12-digit ID number,
which are the last 6 digits of the 9-digit document number.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from .. import tlv
from ..apdu import CommandAPDU, ResponseAPDU
from ..errors import ParseError
from ..files import EF_CARD_ACCESS
from ..pace import (PASSWORD_CAN, PASSWORD_MRZ, PacePassword, authentication_token, encrypt_nonce,
                    new_secure_messaging, nonce_length, password_key, session_keys)
from ..pace_groups import PaceGroup, group_for_parameter_id
from ..security_infos import PACEInfo, ProtocolSuite, decode_protocol, oid_to_str, parse_security_infos

if TYPE_CHECKING:
    from .card import VirtualCard


def _sw(sw: int, data: bytes = b"") -> ResponseAPDU:
    return ResponseAPDU(data, sw)


class PACECard:
    """PACE as the card offers it. `refuse=True` advertises PACE but answers MSE:Set AT with 6A80
    (a fault real cards show; the reader must fall back to BAC). `can` overrides the derived CAN."""

    def __init__(self, card: "VirtualCard", *, refuse: bool = False, can: str | None = None) -> None:
        self.card = card
        self.refuse = refuse
        self.can = can

    def passwords(self) -> dict[int, PacePassword]:
        key = self.card.access_key
        can = self.can if self.can is not None else key.document_number[-6:]
        return {PASSWORD_MRZ: PacePassword.from_mrz(key), PASSWORD_CAN: PacePassword.from_can(can)}

    def _offered(self) -> list[tuple[PACEInfo, ProtocolSuite, PaceGroup]]:
        raw = self.card.files.get(EF_CARD_ACCESS)
        if raw is None:
            return []
        try:
            infos = parse_security_infos(raw)
        except ParseError:
            return []
        offered = []
        for info in infos.pace:
            suite = decode_protocol(info.oid)
            group = group_for_parameter_id(info.parameter_id)
            if suite and suite.mapping == "GM" and group is not None and group.agreement == suite.agreement:
                offered.append((info, suite, group))
        return offered

    def manage_security_environment(self, command: CommandAPDU, secure: bool) -> ResponseAPDU:
        """MSE:Set AT for PACE: 80 protocol OID, 83 password reference, optional 84 parameter id."""
        self.card.authentication = None  # a new Set AT abandons any run in progress
        if self.refuse:
            return _sw(0x6A80)
        try:
            objects = {obj.tag: obj.value for obj in tlv.decode_all(command.data)}
            oid = oid_to_str(objects[0x80])
            reference = objects[0x83]
            parameter_id = int.from_bytes(objects[0x84], "big") if 0x84 in objects else None
        except (ParseError, KeyError):
            return _sw(0x6A80)
        matching = [entry for entry in self._offered() if entry[0].oid == oid
                    and (parameter_id is None or entry[0].parameter_id == parameter_id)]
        if not matching:
            return _sw(0x6A80)  # a protocol or domain parameters the card does not offer
        password = self.passwords().get(reference[0]) if len(reference) == 1 else None
        if password is None:
            return _sw(0x6A88)  # referenced password not found
        info, suite, group = matching[0]
        self.card.authentication = PACESession(self.card, info.oid, suite, group, password)
        return _sw(0x9000)


class PACESession:
    """One PACE run on the card: the four GENERAL AUTHENTICATE steps, in order."""

    def __init__(self, card: "VirtualCard", oid: str, suite: ProtocolSuite, group: PaceGroup,
                 password: PacePassword) -> None:
        self.card = card
        self.oid = oid
        self.cipher = suite.cipher
        self.group = group
        self.password = password
        self.step = 1

    def __repr__(self) -> str:
        return f"PACESession({self.oid}, step {self.step})"

    def _abort(self, sw: int) -> ResponseAPDU:
        self.card.authentication = None
        return _sw(sw)

    def general_authenticate(self, command: CommandAPDU, secure: bool) -> ResponseAPDU:
        chained = bool(command.cla & 0x10)
        if chained != (self.step < 4):
            # steps 1-3 are chained (CLA 10), the last one is not
            return self._abort(0x6883 if not chained else 0x6A80)
        try:
            data = tlv.unwrap(command.data, 0x7C)
            objects = {obj.tag: obj.value for obj in tlv.decode_all(data)}
        except ParseError:
            return self._abort(0x6A80)
        step = self.step
        self.step += 1
        try:
            if step == 1:
                return self._nonce(objects)
            if step == 2:
                return self._mapping(objects)
            if step == 3:
                return self._key_agreement(objects)
            return self._mutual_authentication(objects)
        except (ParseError, KeyError):
            return self._abort(0x6A80)

    def _answer(self, tag: int, value: bytes) -> ResponseAPDU:
        return _sw(0x9000, tlv.encode(0x7C, tlv.encode(tag, value)))

    def _nonce(self, objects: dict[int, bytes]) -> ResponseAPDU:
        if objects:
            raise ParseError("the nonce request carries no data")
        self.nonce = self.card.random(nonce_length(self.cipher))
        encrypted = encrypt_nonce(password_key(self.password, self.cipher), self.cipher, self.nonce)
        return self._answer(0x80, encrypted)

    def _mapping(self, objects: dict[int, bytes]) -> ResponseAPDU:
        group = self.group
        terminal = group.decode(objects[0x81])
        private = group.random_private(self.card.random)
        public = group.public(private, group.generator)
        if terminal == public:
            raise ParseError("the terminal's mapping key equals the card's")
        self.mapped = group.map_generator(int.from_bytes(self.nonce, "big"), group.agree(private, terminal))
        return self._answer(0x82, group.encode(public))

    def _key_agreement(self, objects: dict[int, bytes]) -> ResponseAPDU:
        group = self.group
        self.terminal_key = group.decode(objects[0x83])
        private = group.random_private(self.card.random)
        self.public = group.public(private, self.mapped)
        if self.terminal_key == self.public:  # §4.4.3.3.2: the chip checks the keys differ
            raise ParseError("the terminal's ephemeral key equals the card's")
        secret = group.secret_bytes(group.agree(private, self.terminal_key))
        self.k_enc, self.k_mac = session_keys(secret, self.cipher)
        return self._answer(0x84, group.encode(self.public))

    def _mutual_authentication(self, objects: dict[int, bytes]) -> ResponseAPDU:
        expected = authentication_token(self.cipher, self.k_mac, self.oid, self.group, self.public)
        if not hmac.compare_digest(expected, objects[0x85]):
            return self._abort(0x6300)  # the terminal does not know the password
        token = authentication_token(self.cipher, self.k_mac, self.oid, self.group, self.terminal_key)
        self.card.authentication = None
        # the answer goes out in plain (or under the old session); the new keys start after it
        self.card.sm_after_response = new_secure_messaging(self.cipher, self.k_enc, self.k_mac)
        return self._answer(0x86, token)

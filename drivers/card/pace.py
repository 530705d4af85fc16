"""PACE, Password Authenticated Connection Establishment (ICAO 9303-11 §4.4): the terminal side.

`PACE(password, card_access).establish(channel)` returns a SecureChannel, like `bac.BAC`. Generic
mapping over elliptic curves and over RFC 5114 DH groups, with 3DES and AES-128/192/256 secure
messaging. Integrated mapping and chip-authentication mapping are recognised and refused plainly.

The pieces both sides need (password key, nonce encryption, authentication tokens, session keys)
are module functions so the virtual card (virtual/pace.py) runs the same code.

    MSE:Set AT       00 22 C1 A4  80 OID, 83 password reference, [84 parameter id]
    GA 1 (CLA 10)    7C{}                      -> 7C{80 encrypted nonce z}
    GA 2 (CLA 10)    7C{81 PK_map,PCD}         -> 7C{82 PK_map,IC}       G' = s·G + H
    GA 3 (CLA 10)    7C{83 PK_eph,PCD on G'}   -> 7C{84 PK_eph,IC}       K = KA(SK_eph,PCD, PK_eph,IC)
    GA 4 (CLA 00)    7C{85 T_PCD}              -> 7C{86 T_IC}            tokens over the other's key
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Callable

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

from . import tlv
from .apdu import CommandAPDU, ResponseAPDU
from .errors import CardError, ParseError, WrongAccessKey, describe_sw
from .mrz import AccessKey
from .pace_groups import Element, PaceGroup, group_for_parameter_id
from .security_infos import (PACEInfo, ProtocolSuite, SecurityInfos, decode_protocol, oid_to_bytes,
                             parse_security_infos)
from .sm import (KDF_ENC, KDF_MAC, KDF_PACE, AESCipher, SecureChannel, SecureMessaging, SMCipher, TDESCipher,
                 kdf, pad, retail_mac, tdes_cbc_decrypt, tdes_cbc_encrypt)

RandomSource = Callable[[int], bytes]

PASSWORD_MRZ = 0x01
PASSWORD_CAN = 0x02

# status words with which a card says "no PACE here" at MSE:Set AT or the first GENERAL AUTHENTICATE
REFUSAL_SWS = (0x6A80, 0x6A88, 0x6985, 0x6D00, 0x6A86, 0x6E00, 0x6A81)
# status words with which a card says "wrong password" (the token step, where it finds out)
WRONG_PASSWORD_SWS = (0x6300, 0x6982)

# stronger suites first
_CIPHER_PREFERENCE = ("AES-256", "AES-192", "AES-128", "3DES")
_MAPPING_NAMES = {"IM": "integrated mapping", "CAM": "chip authentication mapping"}


class PaceError(CardError):
    """PACE went wrong in a way that is not the password's fault (malformed or inconsistent answers)."""


class PaceNotSupported(PaceError):
    """The card offers only PACE variants this station does not implement (the reader may fall back to BAC)."""


class PaceRefused(PaceError):
    """The card advertises PACE but refuses to run it (the reader falls back to BAC)."""

    def __init__(self, sw: int, step: str) -> None:
        self.sw = sw
        super().__init__(f"the card refused PACE at {step} ({sw:04X}: {describe_sw(sw)})")


# ---------------------------------------------------------------- the password


@dataclass(frozen=True, repr=False, eq=False)
class PacePassword:
    """The PACE password: its kind ("CAN" or "MRZ") and the key K it stands for (§9.7.3)."""

    kind: str
    key: bytes

    @property
    def reference(self) -> int:
        """The password reference of MSE:Set AT (tag 83): 01 MRZ, 02 CAN."""
        return PASSWORD_CAN if self.kind == "CAN" else PASSWORD_MRZ

    @classmethod
    def from_can(cls, can: str) -> "PacePassword":
        can = (can or "").strip()
        if not (len(can) == 6 and can.isascii() and can.isdigit()):
            raise ParseError("a CAN is 6 digits: the last 6 digits of the 12-digit ID number")
        return cls("CAN", can.encode("ascii"))

    @classmethod
    def from_id_number(cls, id_number: str) -> "PacePassword":
        """The CAN of a Vietnamese card: the last 6 digits of the 12-digit ID number."""
        id_number = (id_number or "").strip()
        if not (len(id_number) == 12 and id_number.isascii() and id_number.isdigit()):
            raise ParseError("the ID number must be 12 digits")
        return cls.from_can(id_number[-6:])

    @classmethod
    def from_mrz(cls, access_key: AccessKey) -> "PacePassword":
        # K = SHA-1(MRZ information), all 20 bytes (BAC's key seed keeps only 16)
        return cls("MRZ", hashlib.sha1(access_key.mrz_information.encode("ascii")).digest())

    def __repr__(self) -> str:
        return f"PacePassword({self.kind}, <hidden>)"


# ---------------------------------------------------------------- shared by both sides


def password_key(password: PacePassword, cipher: str) -> bytes:
    """K_pi = KDF_pi(K): the key that encrypts the nonce."""
    return kdf(password.key, KDF_PACE, cipher)


def nonce_length(cipher: str) -> int:
    """The nonce s is one cipher block (ICAO 9303-11 §4.4.3.1)."""
    return 8 if cipher == "3DES" else 16


def encrypt_nonce(k_pi: bytes, cipher: str, nonce: bytes) -> bytes:
    if cipher == "3DES":
        return tdes_cbc_encrypt(k_pi, nonce)
    enc = Cipher(algorithms.AES(k_pi), modes.CBC(b"\x00" * 16)).encryptor()
    return enc.update(nonce) + enc.finalize()


def decrypt_nonce(k_pi: bytes, cipher: str, encrypted: bytes) -> bytes:
    if not encrypted or len(encrypted) % nonce_length(cipher):
        raise PaceError("PACE: the encrypted nonce is not whole cipher blocks")
    if cipher == "3DES":
        return tdes_cbc_decrypt(k_pi, encrypted)
    dec = Cipher(algorithms.AES(k_pi), modes.CBC(b"\x00" * 16)).decryptor()
    return dec.update(encrypted) + dec.finalize()


def public_key_data(oid: str, group: PaceGroup, public: Element) -> bytes:
    """The authentication token's input: 7F49 { 06 protocol OID, 84/86 the other side's public key }."""
    return tlv.encode(0x7F49, tlv.encode(0x06, oid_to_bytes(oid))
                      + tlv.encode(group.public_key_tag, group.encode(public)))


def authentication_token(cipher: str, k_mac: bytes, oid: str, group: PaceGroup, public: Element) -> bytes:
    """T = MAC(K_mac, public key data object), 8 bytes: CMAC for AES, the retail MAC for 3DES."""
    data = public_key_data(oid, group, public)
    if cipher == "3DES":
        return retail_mac(k_mac, pad(data, 8))
    mac = CMAC(algorithms.AES(k_mac))
    mac.update(data)
    return mac.finalize()[:8]


def session_keys(shared_secret: bytes, cipher: str) -> tuple[bytes, bytes]:
    """K_enc, K_mac from the shared secret (KDF counters 1 and 2)."""
    return kdf(shared_secret, KDF_ENC, cipher), kdf(shared_secret, KDF_MAC, cipher)


def session_cipher(cipher: str, k_enc: bytes, k_mac: bytes) -> SMCipher:
    return TDESCipher(k_enc, k_mac) if cipher == "3DES" else AESCipher(k_enc, k_mac)


def new_secure_messaging(cipher: str, k_enc: bytes, k_mac: bytes) -> SecureMessaging:
    """After PACE the send sequence counter starts at 0, for 3DES and AES alike (§9.8.2)."""
    return SecureMessaging(session_cipher(cipher, k_enc, k_mac), 0)


# ---------------------------------------------------------------- choosing the protocol


@dataclass(frozen=True)
class PaceChoice:
    """The PACEInfo chosen from EF.CardAccess, what its OID means, and its group."""

    info: PACEInfo
    suite: ProtocolSuite
    group: PaceGroup

    @property
    def name(self) -> str:
        """e.g. "PACE-ECDH-GM-AES-128 brainpoolP256r1"."""
        return f"{self.suite.name} {self.group.name}"


def _why_not(info: PACEInfo) -> str | None:
    """Why a PACEInfo cannot be used here, or None if it can."""
    suite = decode_protocol(info.oid)
    if suite is None:
        return f"PACE protocol {info.oid} is unknown"
    if suite.mapping in _MAPPING_NAMES:
        return f"PACE with {_MAPPING_NAMES[suite.mapping]} ({info.oid}) is not supported"
    if info.version != 2:
        return f"PACE version {info.version} ({info.oid}) is not supported"
    group = group_for_parameter_id(info.parameter_id)
    if group is None:
        return (f"PACE with proprietary or unknown domain parameters "
                f"(parameter id {info.parameter_id}, {info.oid}) is not supported")
    if group.agreement != suite.agreement:
        return f"PACE parameter id {info.parameter_id} does not fit {suite.name} ({info.oid})"
    return None


def choose_pace(card_access: bytes | SecurityInfos) -> PaceChoice:
    """The strongest usable PACEInfo. Raises PaceNotSupported naming why none is (ParseError for a bad file)."""
    infos = card_access if isinstance(card_access, SecurityInfos) else parse_security_infos(card_access)
    if not infos.pace:
        raise PaceNotSupported("the card does not offer PACE")
    usable: list[PaceChoice] = []
    reasons: list[str] = []
    for info in infos.pace:
        reason = _why_not(info)
        if reason is not None:
            reasons.append(reason)
            continue
        usable.append(PaceChoice(info, decode_protocol(info.oid), group_for_parameter_id(info.parameter_id)))
    if not usable:
        raise PaceNotSupported("; ".join(dict.fromkeys(reasons)))
    usable.sort(key=lambda c: (_CIPHER_PREFERENCE.index(c.suite.cipher), c.suite.agreement != "ECDH"))
    return usable[0]


# ---------------------------------------------------------------- the terminal


@dataclass(frozen=True)
class PaceOutcome:
    """What opened the card, for the officer's screen and the audit (no key material)."""

    protocol: str  # e.g. "PACE-ECDH-GM-AES-128"
    group: str  # e.g. "brainpoolP256r1"
    parameter_id: int | None
    password: str  # "CAN" or "MRZ"

    @property
    def name(self) -> str:
        return f"{self.protocol} {self.group}"

    @property
    def description(self) -> str:
        return f"opened with {self.password} ({self.name})"


class PaceChannel(SecureChannel):
    """The SecureChannel PACE returns; `pace` says how it was opened."""

    def __init__(self, inner, sm: SecureMessaging, outcome: PaceOutcome) -> None:
        super().__init__(inner, sm)
        self.pace = outcome


def _dynamic_data(response: ResponseAPDU, tag: int, step: str) -> bytes:
    """The data object `tag` inside the 7C dynamic authentication data of an answer."""
    try:
        inner = tlv.unwrap(response.data, 0x7C)
        found = tlv.find(inner, tag)
    except ParseError:
        found = None
    if found is None or not found.value:
        raise PaceError(f"PACE: the card's answer to {step} lacks its data object {tag:02X}")
    return found.value


class PACE:
    """The terminal side of PACE; an access protocol like bac.BAC.

    `random` supplies the ephemeral private keys (injectable to replay worked examples). After
    `establish`, `outcome` records the protocol, group and password kind; the returned channel is
    a PaceChannel carrying the same record.
    """

    def __init__(self, password: PacePassword, card_access: bytes | SecurityInfos, *,
                 random: RandomSource = os.urandom) -> None:
        self.password = password
        self.choice = choose_pace(card_access)
        self.random = random
        self.outcome: PaceOutcome | None = None

    @property
    def name(self) -> str:
        return self.choice.name

    @property
    def password_kind(self) -> str:
        return self.password.kind

    def __repr__(self) -> str:
        return f"PACE({self.name}, password={self.password.kind})"

    def _general_authenticate(self, channel, tag: int | None, value: bytes, *, last: bool,
                              step: str) -> ResponseAPDU:
        body = tlv.encode(tag, value) if tag is not None else b""
        command = CommandAPDU(0x00 if last else 0x10, 0x86, 0x00, 0x00, tlv.encode(0x7C, body), le=256)
        return channel.transmit(command)

    def _wrong_password(self, sw: int | None = None) -> WrongAccessKey:
        what = ("the CAN does not open this card" if self.password.kind == "CAN"
                else "the access key (document number, birth date, expiry) does not open this card")
        if sw is not None and sw >> 8 == 0x63 and sw & 0xF0 == 0xC0:
            what += f" ({sw & 0x0F} tries left)"
        return WrongAccessKey(what)

    def establish(self, channel) -> SecureChannel:
        choice = self.choice
        suite, group, oid = choice.suite, choice.group, choice.info.oid
        cipher = suite.cipher

        # MSE:Set AT: protocol, password, and the parameter id the card advertised
        data = tlv.encode(0x80, oid_to_bytes(oid)) + tlv.encode(0x83, bytes([self.password.reference]))
        if choice.info.parameter_id is not None:
            data += tlv.encode(0x84, tlv.encode_int(choice.info.parameter_id))
        response = channel.transmit(CommandAPDU(0x00, 0x22, 0xC1, 0xA4, data))
        if not (response.sw == 0x9000 or (response.sw1 == 0x63 and response.sw2 & 0xF0 == 0xC0
                                          and response.sw2 & 0x0F)):
            raise PaceRefused(response.sw, "MSE:Set AT")

        # 1. the encrypted nonce
        response = self._general_authenticate(channel, None, b"", last=False, step="GENERAL AUTHENTICATE 1")
        if response.sw in REFUSAL_SWS:
            raise PaceRefused(response.sw, "the first GENERAL AUTHENTICATE")
        response.check(command="PACE GENERAL AUTHENTICATE (nonce)")
        encrypted = _dynamic_data(response, 0x80, "the nonce request")
        nonce = int.from_bytes(decrypt_nonce(password_key(self.password, cipher), cipher, encrypted), "big")

        # 2. generic mapping: H = SK_map,PCD · PK_map,IC, G' = s·G + H
        sk_map = group.random_private(self.random)
        pk_map = group.public(sk_map, group.generator)
        response = self._step(channel, 0x81, group.encode(pk_map), "mapping")
        pk_map_ic = self._decode(group, _dynamic_data(response, 0x82, "the mapping"))
        if pk_map_ic == pk_map:
            raise PaceError("PACE: the card answered the mapping with the terminal's own key")
        mapped = self._checked(lambda: group.map_generator(nonce, group.agree(sk_map, pk_map_ic)))

        # 3. key agreement on the mapped generator
        sk_eph = group.random_private(self.random)
        pk_eph = self._checked(lambda: group.public(sk_eph, mapped))
        response = self._step(channel, 0x83, group.encode(pk_eph), "key agreement")
        pk_eph_ic = self._decode(group, _dynamic_data(response, 0x84, "the key agreement"))
        if pk_eph_ic == pk_eph:
            raise PaceError("PACE: the card answered the key agreement with the terminal's own key")
        secret = group.secret_bytes(self._checked(lambda: group.agree(sk_eph, pk_eph_ic)))
        k_enc, k_mac = session_keys(secret, cipher)

        # 4. mutual authentication: each side MACs the other's ephemeral key
        t_pcd = authentication_token(cipher, k_mac, oid, group, pk_eph_ic)
        response = self._general_authenticate(channel, 0x85, t_pcd, last=True, step="GENERAL AUTHENTICATE 4")
        if response.sw in WRONG_PASSWORD_SWS or (response.sw1 == 0x63 and response.sw2 & 0xF0 == 0xC0):
            raise self._wrong_password(response.sw)
        response.check(command="PACE GENERAL AUTHENTICATE (mutual authentication)")
        t_ic = _dynamic_data(response, 0x86, "the mutual authentication")
        expected = authentication_token(cipher, k_mac, oid, group, pk_eph)
        if not hmac.compare_digest(expected, t_ic):
            # the card accepted our token but its own is wrong: it does not share our keys
            raise self._wrong_password()

        self.outcome = PaceOutcome(suite.name, group.name, choice.info.parameter_id, self.password.kind)
        return PaceChannel(channel, new_secure_messaging(cipher, k_enc, k_mac), self.outcome)

    def _step(self, channel, tag: int, value: bytes, step: str) -> ResponseAPDU:
        response = self._general_authenticate(channel, tag, value, last=False, step=step)
        if response.sw == 0x6300 or (response.sw1 == 0x63 and response.sw2 & 0xF0 == 0xC0):
            raise self._wrong_password(response.sw)
        return response.check(command=f"PACE GENERAL AUTHENTICATE ({step})")

    @staticmethod
    def _decode(group: PaceGroup, data: bytes) -> Element:
        try:
            return group.decode(data)
        except ParseError as error:
            raise PaceError(str(error)) from None

    @staticmethod
    def _checked(compute: Callable[[], Element]) -> Element:
        try:
            return compute()
        except ParseError as error:
            raise PaceError(str(error)) from None


__all__ = [
    "PACE", "PaceChannel", "PaceChoice", "PaceError", "PaceNotSupported", "PaceOutcome", "PacePassword",
    "PaceRefused", "authentication_token", "choose_pace", "decrypt_nonce", "encrypt_nonce",
    "new_secure_messaging", "nonce_length", "password_key", "public_key_data", "session_keys",
]

"""The virtual chip's private keys at work: chip authentication (MSE:Set KAT, or MSE:Set AT then
GENERAL AUTHENTICATE) and active authentication (INTERNAL AUTHENTICATE).

`VirtualChip(card, keys)` registers itself with a VirtualCard. A cloned card is the genuine files with
different private keys (`ChipKeys.fresh()`): it answers every step, but its keys do not match DG14/DG15.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from .. import tlv
from ..active_auth import CHALLENGE_LENGTH, HASH_IDENTIFIERS, TRAILER_EXPLICIT, TRAILER_IMPLICIT, default_ecdsa_hash
from ..apdu import CommandAPDU, ResponseAPDU
from ..chip_auth import (AgreementPrivateKey, allow_deprecated_dh, decode_public, key_id_bytes, key_matches,
                         shared_secret)
from ..errors import ParseError
from ..security_infos import ProtocolSuite, decode_protocol, oid_to_str
from ..sm import SecureMessaging, cipher_from_secret

if TYPE_CHECKING:
    from .card import VirtualCard
    from .files import TestKeys

ActiveAuthKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
_HASH_ID = {name: ident for ident, name in HASH_IDENTIFIERS.items()}
_HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
           "sha512": hashes.SHA512}


@dataclass(frozen=True, repr=False)
class ChipKeys:
    """The chip's private keys. aa_hash: RSA "sha1" signs with trailer BC, others with a two-byte
    trailer; ECDSA uses it as the signature hash (None: the hash that fits the curve)."""

    ca_key: AgreementPrivateKey | None = None
    aa_key: ActiveAuthKey | None = None
    ca_key_id: int | None = None
    aa_hash: str | None = None

    @classmethod
    def from_test_keys(cls, keys: "TestKeys") -> "ChipKeys":
        return cls(keys.ca_key, keys.aa_key)

    def fresh(self) -> "ChipKeys":
        """New private keys of the same kinds and sizes: another chip carrying copied files."""
        return ChipKeys(_fresh(self.ca_key), _fresh(self.aa_key), self.ca_key_id, self.aa_hash)

    def __repr__(self) -> str:
        return "ChipKeys(<hidden>)"


def _fresh(key):
    if key is None:
        return None
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return ec.generate_private_key(key.curve)
    if isinstance(key, rsa.RSAPrivateKey):
        return rsa.generate_private_key(key.public_key().public_numbers().e, key.key_size)
    with allow_deprecated_dh():
        return key.parameters().generate_private_key()


# ---------------------------------------------------------------- active authentication signatures


def sign_iso9796_2(key: rsa.RSAPrivateKey, message_end: bytes, hash_name: str, m1: bytes | None = None,
                   random=None) -> bytes:
    """ISO/IEC 9796-2 scheme 1 with partial recovery: M1 (filling the block) recovered, `message_end` not.

    Written out because no library offers it: 6A || M1 || H(M1 || M2) || trailer, raised to d.
    """
    n = key.public_key().public_numbers().n
    d = key.private_numbers().d
    size = (n.bit_length() + 7) // 8
    if n.bit_length() % 8:
        raise ValueError("the virtual chip signs with byte-aligned RSA moduli only")
    trailer = bytes([TRAILER_IMPLICIT]) if hash_name == "sha1" else bytes([_HASH_ID[hash_name], TRAILER_EXPLICIT])
    digest_size = hashlib.new(hash_name).digest_size
    m1_size = size - 1 - digest_size - len(trailer)
    if m1 is None:
        m1 = random(m1_size)
    if len(m1) != m1_size:
        raise ValueError("M1 must fill the block")
    block = b"\x6A" + m1 + hashlib.new(hash_name, m1 + message_end).digest() + trailer
    s = pow(int.from_bytes(block, "big"), d, n)
    return min(s, n - s).to_bytes(size, "big")  # the smaller of the two, as ISO 9796-2 signs with RSA


def sign_ecdsa_plain(key: ec.EllipticCurvePrivateKey, message: bytes, hash_name: str) -> bytes:
    r, s = decode_dss_signature(key.sign(message, ec.ECDSA(_HASHES[hash_name]())))
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


# ---------------------------------------------------------------- the chip


def _sw(sw: int, data: bytes = b"") -> ResponseAPDU:
    return ResponseAPDU(data, sw)


class VirtualChip:
    """Answers chip and active authentication for a VirtualCard with these keys."""

    def __init__(self, card: "VirtualCard", keys: ChipKeys) -> None:
        self.card = card
        self.keys = keys
        if keys.ca_key is not None:
            card.security_environments[(0x41, 0xA6)] = self.set_kat
            card.security_environments[(0x41, 0xA4)] = self.set_at

    # -- active authentication -----------------------------------------

    def internal_authenticate(self, c: CommandAPDU, secure: bool) -> ResponseAPDU:
        key = self.keys.aa_key
        if key is None:
            return _sw(0x6D00)
        if not secure:
            return _sw(0x6982)
        if c.p1 or c.p2:
            return _sw(0x6A86)
        if len(c.data) != CHALLENGE_LENGTH:
            return _sw(0x6A80)
        if isinstance(key, rsa.RSAPrivateKey):
            signature = sign_iso9796_2(key, c.data, self.keys.aa_hash or "sha1", random=self.card.random)
        else:
            signature = sign_ecdsa_plain(key, c.data, self.keys.aa_hash or default_ecdsa_hash(key.public_key()))
        return _sw(0x9000, signature)

    # -- chip authentication -------------------------------------------

    def _key_reference_ok(self, objects: dict[int, bytes]) -> bool:
        given = objects.get(0x84)
        mine = self.keys.ca_key_id
        if given is None:
            return True  # one key: the reference may be left out
        return mine is not None and given == key_id_bytes(mine)

    def _restart(self, ephemeral: bytes, cipher: str) -> bool:
        """Agree on the secret and arm the new session for after this answer; False if the key is bad."""
        try:
            peer = decode_public(self.keys.ca_key, ephemeral)
        except ValueError:
            return False
        secret = shared_secret(self.keys.ca_key, peer)
        self.card.sm_after_response = SecureMessaging(cipher_from_secret(secret, cipher), 0)
        return True

    def set_kat(self, c: CommandAPDU, secure: bool) -> ResponseAPDU:
        """MSE:Set KAT (3DES chip authentication): the key agreement in one command."""
        if not secure:
            return _sw(0x6982)
        objects = _objects(c.data)
        if objects is None or 0x91 not in objects:
            return _sw(0x6A80)
        if not self._key_reference_ok(objects):
            return _sw(0x6A88)
        if not self._restart(objects[0x91], "3DES"):
            return _sw(0x6A80)
        return _sw(0x9000)

    def set_at(self, c: CommandAPDU, secure: bool) -> ResponseAPDU:
        """MSE:Set AT for chip authentication with AES: chooses the protocol; GENERAL AUTHENTICATE follows."""
        if not secure:
            return _sw(0x6982)
        objects = _objects(c.data)
        if objects is None or 0x80 not in objects:
            return _sw(0x6A80)
        try:
            protocol = decode_protocol(oid_to_str(objects[0x80]))
        except ParseError:
            protocol = None
        if protocol is None or protocol.family != "CA" or protocol.cipher == "3DES":
            return _sw(0x6A80)  # 3DES chip authentication goes through MSE:Set KAT
        if not key_matches(protocol, self.keys.ca_key.public_key()):
            return _sw(0x6A80)
        if not self._key_reference_ok(objects):
            return _sw(0x6A88)
        self.card.authentication = _KeyAgreementStep(self, protocol)
        return _sw(0x9000)


class _KeyAgreementStep:
    """The one GENERAL AUTHENTICATE of chip authentication: 7C { 80 ephemeral key } -> 7C 00."""

    def __init__(self, chip: VirtualChip, protocol: ProtocolSuite) -> None:
        self.chip = chip
        self.protocol = protocol

    def general_authenticate(self, command: CommandAPDU, secure: bool) -> ResponseAPDU:
        self.chip.card.authentication = None  # one attempt per MSE
        if not secure:
            return _sw(0x6982)
        if command.cla & 0x10:
            return _sw(0x6884)  # no chaining in this protocol
        try:
            template = tlv.unwrap(command.data, 0x7C)
            ephemeral = tlv.find(template, 0x80)
        except ParseError:
            return _sw(0x6A80)
        if ephemeral is None or not self.chip._restart(ephemeral.value, self.protocol.cipher):
            return _sw(0x6A80)
        return _sw(0x9000, tlv.encode(0x7C, b""))


def _objects(data: bytes) -> dict[int, bytes] | None:
    try:
        return {obj.tag: obj.value for obj in tlv.decode_all(data)}
    except ParseError:
        return None

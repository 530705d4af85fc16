"""Chip authentication (ICAO 9303-11 §6.2, BSI TR-03110 CA version 1), terminal side.

The terminal sends an ephemeral public key on the domain parameters of the chip's static key from
DG14; both sides compute the (EC)DH shared secret and restart secure messaging with keys derived from
it (SSC 0). Only a chip holding the static private key can derive them, so the first protected answer
that verifies under the new keys proves the chip genuine. A copy of the files on another chip (a clone)
fails at that answer: the card ends the session, and the caller reports the failure.

3DES protocols use MSE:Set KAT (00 22 41 A6); AES ones MSE:Set AT (00 22 41 A4) then GENERAL
AUTHENTICATE. Both go out inside the existing secure channel.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dh, ec

from . import tlv
from .apdu import CommandAPDU
from .errors import CardError, ParseError, SecureMessagingError
from .files import EF_COM
from .security_infos import (ID_CA_DH, ID_CA_ECDH, ID_PK_ECDH, ProtocolSuite, decode_protocol, oid_to_bytes,
                             parse_security_infos)
from .signatures import UnsupportedKey, load_public_key
from .sm import SecureChannel, SecureMessaging, cipher_from_secret

# every attribute of cryptography's dh module warns that finite-field DH is deprecated; DH chip keys need it
_DH_DEPRECATED = ".*Diffie-Hellman over finite fields.*"
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=_DH_DEPRECATED)
    AgreementPublicKey = ec.EllipticCurvePublicKey | dh.DHPublicKey
    AgreementPrivateKey = ec.EllipticCurvePrivateKey | dh.DHPrivateKey
RandomSource = Callable[[int], bytes]

# strongest first when DG14 offers several protocols
_PREFERENCE = ("AES-256", "AES-192", "AES-128", "3DES")


@dataclass(frozen=True)
class ChipAuthResult:
    """What chip authentication did, for the identity's verification results and the UI.

    performed: the chip was engaged (the key agreement was sent). passed: it proved it holds the
    DG14 key. session_ended: the card has dropped the secure session; the caller must establish
    access again (BAC/PACE) and read without chip authentication, reporting this failure.
    """

    performed: bool
    passed: bool
    protocol: str  # e.g. "CA-ECDH-AES-128"; "" when no usable protocol was found
    key_id: int | None
    reason: str
    session_ended: bool = False


# ---------------------------------------------------------------- key agreement (both sides use these)


@contextmanager
def allow_deprecated_dh():
    """Silence cryptography's deprecation warning for finite-field DH while DH chip keys are handled."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_DH_DEPRECATED)
        yield


def load_agreement_key(spki: bytes) -> AgreementPublicKey:
    """The chip's static key from a SubjectPublicKeyInfo: EC (named or explicit parameters) or DH."""
    try:
        with allow_deprecated_dh():  # a DH key goes through cryptography's loader first
            key = load_public_key(spki)
    except UnsupportedKey as ec_error:  # not EC or RSA: DH is the other kind a chip may hold
        try:
            with allow_deprecated_dh():
                key = serialization.load_der_public_key(spki)
                is_dh = isinstance(key, dh.DHPublicKey)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise UnsupportedKey(str(ec_error)) from None
        if not is_dh:
            raise UnsupportedKey(f"{type(key).__name__} keys cannot be used for chip authentication") from None
        return key
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise UnsupportedKey(f"{type(key).__name__} keys cannot be used for chip authentication")
    return key


def ephemeral_key(static: AgreementPublicKey, random: RandomSource | None = None) -> AgreementPrivateKey:
    """A fresh key pair on the static key's domain parameters (from `random` when given, for replays)."""
    if isinstance(static, ec.EllipticCurvePublicKey):
        if random is None:
            return ec.generate_private_key(static.curve)
        bits = static.curve.key_size
        # below 2^(bits-1) is below the order of every prime curve `cryptography` offers
        value = int.from_bytes(random((bits + 7) // 8 + 8), "big") % (1 << (bits - 1))
        try:
            return ec.derive_private_key(value or 1, static.curve)
        except ValueError:  # a binary curve whose order is smaller: let cryptography choose
            return ec.generate_private_key(static.curve)
    with allow_deprecated_dh():
        parameters = static.parameters()
        if random is None:
            return parameters.generate_private_key()
        numbers = parameters.parameter_numbers()
        bound = numbers.q or numbers.p
        x = int.from_bytes(random((bound.bit_length() + 7) // 8 + 8), "big") % (bound - 2) + 1
        public = dh.DHPublicNumbers(pow(numbers.g, x, numbers.p), numbers)
        return dh.DHPrivateNumbers(x, public).private_key()


def encode_public(key: AgreementPublicKey) -> bytes:
    """An ephemeral public key as CA sends it: an uncompressed EC point, or the DH value on len(p) bytes."""
    if isinstance(key, ec.EllipticCurvePublicKey):
        return key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    with allow_deprecated_dh():
        numbers = key.public_numbers()
    size = (numbers.parameter_numbers.p.bit_length() + 7) // 8
    return numbers.y.to_bytes(size, "big")


def decode_public(like: AgreementPublicKey | AgreementPrivateKey, data: bytes) -> AgreementPublicKey:
    """The other side's public key on the same domain parameters as `like`. Raises ValueError if invalid."""
    if isinstance(like, (ec.EllipticCurvePublicKey, ec.EllipticCurvePrivateKey)):
        return ec.EllipticCurvePublicKey.from_encoded_point(like.curve, bytes(data))
    with allow_deprecated_dh():
        numbers = like.parameters().parameter_numbers()
        y = int.from_bytes(data, "big")
        if not data or not 1 < y < numbers.p - 1:
            raise ValueError("DH public value out of range")
        if numbers.q is not None and pow(y, numbers.q, numbers.p) != 1:
            raise ValueError("DH public value outside the subgroup")
        return dh.DHPublicNumbers(y, numbers).public_key()


def shared_secret(private: AgreementPrivateKey, peer: AgreementPublicKey) -> bytes:
    """ECDH: the x-coordinate of the shared point; DH: the shared value on len(p) bytes."""
    if isinstance(private, ec.EllipticCurvePrivateKey):
        return private.exchange(ec.ECDH(), peer)
    with allow_deprecated_dh():
        size = (private.parameters().parameter_numbers().p.bit_length() + 7) // 8
        return private.exchange(peer).rjust(size, b"\x00")


def key_matches(protocol: ProtocolSuite, key: AgreementPublicKey) -> bool:
    return (protocol.agreement == "ECDH") == isinstance(key, ec.EllipticCurvePublicKey)


def key_id_bytes(key_id: int) -> bytes:
    """A key reference for tag 84: the key id as an unsigned big-endian integer."""
    return key_id.to_bytes(max(1, (key_id.bit_length() + 7) // 8), "big")


# ---------------------------------------------------------------- DG14


@dataclass(frozen=True, repr=False)
class ChipAuthChoice:
    """The protocol, static key and key id chosen from DG14."""

    protocol: ProtocolSuite
    key: AgreementPublicKey
    key_id: int | None

    def __repr__(self) -> str:
        return f"ChipAuthChoice({self.protocol.name}, key_id={self.key_id})"


def choose_chip_authentication(dg14: bytes) -> ChipAuthChoice:
    """Pick the strongest supported ChipAuthenticationInfo whose public key is in DG14 and usable.

    Without any ChipAuthenticationInfo (early documents) the 3DES protocol of the key's kind is implied
    (TR-03110). Raises ParseError for a malformed DG14, UnsupportedKey when nothing in it can be used.
    """
    infos = parse_security_infos(dg14)
    keys = list(infos.chip_authentication_keys)
    if not keys:
        raise UnsupportedKey("DG14 holds no chip authentication public key")
    candidates: list[tuple[ProtocolSuite, int | None]] = []
    problems: list[str] = []
    for info in infos.chip_authentication:
        suite = info.suite
        if suite is None or suite.family != "CA":
            problems.append(f"protocol {info.oid} is not supported")
            continue
        candidates.append((suite, info.key_id))
    if not infos.chip_authentication:
        for k in keys:
            implied = decode_protocol(f"{ID_CA_ECDH if k.oid == ID_PK_ECDH else ID_CA_DH}.1")
            candidates.append((implied, k.key_id))
    candidates.sort(key=lambda c: _PREFERENCE.index(c[0].cipher))
    for protocol, key_id in candidates:
        if key_id is None and len(keys) > 1:
            problems.append(f"{protocol.name} does not say which of {len(keys)} keys it uses")
            continue
        matching = [k for k in keys if key_id is None or k.key_id == key_id]
        if not matching and len(keys) == 1 and keys[0].key_id is None:
            matching = keys  # the only key, its id left out of the key info: the one meant
        if not matching:
            problems.append(f"{protocol.name} names key {key_id}, which DG14 does not hold")
            continue
        try:
            key = load_agreement_key(matching[0].subject_public_key_info)
        except UnsupportedKey as error:
            problems.append(str(error))
            continue
        if not key_matches(protocol, key):
            kind = "EC" if isinstance(key, ec.EllipticCurvePublicKey) else "DH"
            problems.append(f"{protocol.name} does not fit the {kind} key")
            continue
        return ChipAuthChoice(protocol, key, key_id if key_id is not None else matching[0].key_id)
    raise UnsupportedKey("; ".join(problems) or "DG14 offers no chip authentication protocol")


# ---------------------------------------------------------------- the protocol


def _key_agreement(channel: SecureChannel, choice: ChipAuthChoice, public: bytes) -> None:
    reference = tlv.encode(0x84, key_id_bytes(choice.key_id)) if choice.key_id is not None else b""
    if choice.protocol.cipher == "3DES":
        data = tlv.encode(0x91, public) + reference
        channel.transmit(CommandAPDU(0x00, 0x22, 0x41, 0xA6, data)).check(command="MSE:Set KAT")
        return
    data = tlv.encode(0x80, oid_to_bytes(choice.protocol.oid)) + reference
    channel.transmit(CommandAPDU(0x00, 0x22, 0x41, 0xA4, data)).check(command="MSE:Set AT")
    body = tlv.encode(0x7C, tlv.encode(0x80, public))
    channel.transmit(CommandAPDU(0x00, 0x86, 0x00, 0x00, body, le=256)).check(command="GENERAL AUTHENTICATE")


def authenticate_chip(secure_channel: SecureChannel, dg14: bytes, *,
                      random: RandomSource | None = None) -> tuple[SecureChannel, ChipAuthResult]:
    """Run chip authentication inside `secure_channel` (BAC or PACE) with the key from `dg14`.

    Returns the channel to go on with and the result:
    - passed: a new SecureChannel under the chip-authenticated keys (the old one is closed).
    - not performed (no usable DG14 protocol or key), or refused by the chip with a plain status
      word: the unchanged `secure_channel`, still usable.
    - result.session_ended: the card dropped the session (a clone fails here). The returned channel
      is closed: reset the card, establish access again and read without chip authentication,
      reporting this result.
    `random` (tests, replays) derives the ephemeral key; by default `cryptography` generates it.
    DG14 should already have passed passive authentication. Transport failures (card removed) raise.
    """
    try:
        choice = choose_chip_authentication(dg14)
    except ParseError as error:
        return secure_channel, ChipAuthResult(False, False, "", None, f"DG14 cannot be read: {error}")
    except UnsupportedKey as error:
        return secure_channel, ChipAuthResult(False, False, "", None, f"chip authentication not possible: {error}")
    name, key_id = choice.protocol.name, choice.key_id
    ephemeral = ephemeral_key(choice.key, random)
    secret = shared_secret(ephemeral, choice.key)
    try:
        _key_agreement(secure_channel, choice, encode_public(ephemeral.public_key()))
    except SecureMessagingError as error:
        return secure_channel, ChipAuthResult(True, False, name, key_id,
                                              f"secure messaging broke during the key agreement ({error})", True)
    except CardError as error:
        if getattr(error, "sw", None) is None:
            raise
        return secure_channel, ChipAuthResult(True, False, name, key_id,
                                              f"the chip refused the key agreement ({error})")
    secure_channel.closed = True  # the card now speaks with the new keys only
    fresh = SecureChannel(secure_channel.inner, SecureMessaging(cipher_from_secret(secret, choice.protocol.cipher), 0))
    # the proof: the chip's first answer under the new keys must verify
    try:
        response = fresh.transmit(CommandAPDU(0x00, 0xA4, 0x02, 0x0C, EF_COM.to_bytes(2, "big")))
    except SecureMessagingError:
        return fresh, ChipAuthResult(
            True, False, name, key_id,
            "the chip could not prove it holds the DG14 key: its answer under the new keys does not verify. "
            "The data may have been copied to another chip", True)
    if response.sw != 0x9000:
        return fresh, ChipAuthResult(True, False, name, key_id,
                                     f"the chip answered {response.sw:04X} without secure messaging after the key "
                                     "agreement: chip authentication is not confirmed")
    return fresh, ChipAuthResult(True, True, name, key_id, "the chip proved it holds the private key of DG14")

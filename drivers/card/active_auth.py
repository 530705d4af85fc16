"""Active authentication (ICAO 9303-11 §6.1), terminal side: the chip signs our random challenge with the
private key whose public half is in DG15, proving it is the chip the document signer wrote DG15 for.

RSA keys sign with ISO/IEC 9796-2 digital signature scheme 1 (message recovery), which no Python library
implements: the RSA operation uses the public numbers from `cryptography`, and the recovery and checks
are written out here. EC keys sign the challenge with ECDSA (plain r||s), hash from DG14's
ActiveAuthenticationInfo when present.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from . import tlv
from .apdu import CommandAPDU
from .errors import CardError, ParseError, SecureMessagingError
from .security_infos import parse_security_infos
from .signatures import PublicKey, SignatureAlgorithm, UnsupportedKey, load_public_key, verify
from .sm import SHORT_MAX_LE, protected_response_size

CHALLENGE_LENGTH = 8

# ISO/IEC 10118-3 hash-function identifiers, as they appear before CC in a two-byte 9796-2 trailer
HASH_IDENTIFIERS = {0x33: "sha1", 0x34: "sha256", 0x35: "sha512", 0x36: "sha384", 0x38: "sha224"}
TRAILER_IMPLICIT = 0xBC  # hash implied by the context: SHA-1 for eMRTDs
TRAILER_EXPLICIT = 0xCC

_HASH_TITLES = {"sha1": "SHA-1", "sha224": "SHA-224", "sha256": "SHA-256", "sha384": "SHA-384",
                "sha512": "SHA-512"}

# ActiveAuthenticationInfo.signatureAlgorithm (9303-11 §9.2.8): BSI plain ECDSA, also X9.62 OIDs
ECDSA_HASH_BY_OID = {
    "0.4.0.127.0.7.1.1.4.1.1": "sha1", "0.4.0.127.0.7.1.1.4.1.2": "sha224",
    "0.4.0.127.0.7.1.1.4.1.3": "sha256", "0.4.0.127.0.7.1.1.4.1.4": "sha384",
    "0.4.0.127.0.7.1.1.4.1.5": "sha512",
    "1.2.840.10045.4.1": "sha1", "1.2.840.10045.4.3.1": "sha224", "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384", "1.2.840.10045.4.3.4": "sha512",
}


@dataclass(frozen=True)
class ActiveAuthResult:
    """What active authentication did, for the identity's verification results and the UI.

    performed: the chip was asked to sign. passed: its signature verified with the DG15 key.
    algorithm: e.g. "RSA-2048 ISO 9796-2 with SHA-1", "ECDSA brainpoolP256r1 with SHA-256" ("" when DG15
    cannot be read). reason: one plain sentence (never key material or card data). session_ended: the
    card's answer broke secure messaging; establish access again before reading on.
    """

    performed: bool
    passed: bool
    algorithm: str
    reason: str
    session_ended: bool = False


# ---------------------------------------------------------------- DG15


def parse_dg15(data: bytes) -> PublicKey:
    """The active authentication public key from DG15 (tag 6F around a SubjectPublicKeyInfo).

    Raises ParseError for anything that is not an RSA or EC key this station can use.
    """
    spki = tlv.unwrap(data, 0x6F)
    try:
        return load_public_key(spki)
    except UnsupportedKey as error:
        raise ParseError(f"DG15: {error}") from None


def default_ecdsa_hash(key: ec.EllipticCurvePublicKey) -> str:
    """Without an ActiveAuthenticationInfo: the SHA-2 hash as long as the curve's order (SHA-1 for 160 bits)."""
    bits = key.curve.key_size
    for limit, name in ((160, "sha1"), (224, "sha224"), (256, "sha256"), (384, "sha384")):
        if bits <= limit:
            return name
    return "sha512"


# ---------------------------------------------------------------- ISO/IEC 9796-2 scheme 1


def recover_iso9796_2(key: rsa.RSAPublicKey, signature: bytes, message_end: bytes) -> str:
    """Check an ISO/IEC 9796-2 scheme 1 signature whose non-recoverable part M2 is `message_end`.

    Returns the hash name the trailer named. Raises InvalidSignature when anything is off.
    """
    numbers = key.public_numbers()
    n, e = numbers.n, numbers.e
    size = (n.bit_length() + 7) // 8
    s = int.from_bytes(signature, "big")
    if not signature or len(signature) > size or not 0 < s < n:
        raise InvalidSignature()
    j = pow(s, e, n)
    if j & 0x0F != 0x0C:  # the signer may have sent n - J^d (the smaller of the two): take n - J
        j = n - j
        if j & 0x0F != 0x0C:
            raise InvalidSignature()
    block = j.to_bytes(size, "big")
    if block[-1] == TRAILER_IMPLICIT:
        hash_name, trailer = "sha1", 1
    elif block[-1] == TRAILER_EXPLICIT and block[-2] in HASH_IDENTIFIERS:
        hash_name, trailer = HASH_IDENTIFIERS[block[-2]], 2
    else:
        raise InvalidSignature()
    digest_size = hashlib.new(hash_name).digest_size
    header = block[0]
    if header & 0xC0 != 0x40:  # the block starts with bits 01
        raise InvalidSignature()
    partial = bool(header & 0x20)  # 1: part of the message (M2) is not in the signature
    # padding: the header's low nibble, then whole bytes of BB, up to the nibble A
    start = 0
    if header & 0x0F == 0x0B:
        start = 1
        while start < len(block) and block[start] == 0xBB:
            start += 1
        if start >= len(block) or block[start] != 0xBA:
            raise InvalidSignature()
    elif header & 0x0F != 0x0A:
        raise InvalidSignature()
    m1_end = len(block) - trailer - digest_size
    if m1_end <= start:
        raise InvalidSignature()
    m1 = block[start + 1 : m1_end]
    digest = block[m1_end : len(block) - trailer]
    if partial:
        message = m1 + message_end
    else:  # total recovery: the whole signed message is M1, which must end with our part
        if not m1.endswith(message_end):
            raise InvalidSignature()
        message = m1
    if not hmac.compare_digest(hashlib.new(hash_name, message).digest(), digest):
        raise InvalidSignature()
    return hash_name


# ---------------------------------------------------------------- the protocol


def _internal_authenticate(channel, challenge: bytes, signature_size: int) -> bytes:
    # a protected 2048-bit signature is longer than a short response: ask for it with extended length
    # when the reader can do that (the card may otherwise answer 61xx, which the channel collects)
    sm = getattr(channel, "sm", None)
    answer_size = protected_response_size(signature_size, sm.cipher.block_size) if sm is not None else signature_size
    extended = answer_size > SHORT_MAX_LE and getattr(channel, "supports_extended", None) is not False
    command = CommandAPDU(0x00, 0x88, 0x00, 0x00, challenge, le=SHORT_MAX_LE, force_extended=extended)
    response = channel.transmit(command)
    if extended and response.sw == 0x6700:  # the card or reader refuses extended length: ask short
        response = channel.transmit(CommandAPDU(0x00, 0x88, 0x00, 0x00, challenge, le=SHORT_MAX_LE))
    return response.check(command="INTERNAL AUTHENTICATE").data


def _signature_size(key: PublicKey) -> int:
    if isinstance(key, rsa.RSAPublicKey):
        return (key.key_size + 7) // 8
    return 2 * ((key.curve.key_size + 7) // 8)


def _describe(key: PublicKey, hash_name: str | None) -> str:
    title = _HASH_TITLES.get(hash_name or "", "")
    if isinstance(key, rsa.RSAPublicKey):
        return f"RSA-{key.key_size} ISO 9796-2" + (f" with {title}" if title else "")
    return f"ECDSA {key.curve.name}" + (f" with {title}" if title else "")


def ecdsa_hash_for(key: ec.EllipticCurvePublicKey, signature_oid: str | None) -> str:
    """The hash for an ECDSA active authentication: from the ActiveAuthenticationInfo OID, else by key size."""
    if signature_oid is None:
        return default_ecdsa_hash(key)
    if signature_oid not in ECDSA_HASH_BY_OID:
        raise UnsupportedKey(f"active authentication signature algorithm {signature_oid} is not supported")
    return ECDSA_HASH_BY_OID[signature_oid]


def _aa_signature_oid(dg14: bytes | None) -> str | None:
    if not dg14:
        return None
    infos = parse_security_infos(dg14)
    for info in infos.active_authentication:
        return info.signature_algorithm
    return None


def authenticate_active(channel, dg15: bytes, dg14: bytes | None = None, *,
                        random: Callable[[int], bytes] = os.urandom) -> ActiveAuthResult:
    """Run active authentication over `channel` (the secure channel the files were read over).

    `dg15` is the file as read (its hash should already be checked against the SOD by passive
    authentication); `dg14` supplies the ECDSA hash through ActiveAuthenticationInfo.
    Never raises for a card that fails: the result says what happened. Lost connections
    (CardRemoved, TransportError) propagate like any other read failure.
    """
    try:
        key = parse_dg15(dg15)
    except ParseError as error:
        return ActiveAuthResult(False, False, "", f"DG15 cannot be used: {error}")
    hash_name = None
    if isinstance(key, ec.EllipticCurvePublicKey):
        try:
            hash_name = ecdsa_hash_for(key, _aa_signature_oid(dg14))
        except (ParseError, UnsupportedKey) as error:
            return ActiveAuthResult(False, False, _describe(key, None), f"DG14 cannot be used: {error}")
    challenge = random(CHALLENGE_LENGTH)
    try:
        signature = _internal_authenticate(channel, challenge, _signature_size(key))
    except SecureMessagingError as error:
        return ActiveAuthResult(True, False, _describe(key, hash_name),
                                f"the chip's answer to INTERNAL AUTHENTICATE broke secure messaging ({error})", True)
    except CardError as error:
        if getattr(error, "sw", None) is None:
            raise  # transport failures are not an answer from the chip
        return ActiveAuthResult(True, False, _describe(key, hash_name),
                                f"the chip refused to sign the challenge ({error})")
    try:
        if isinstance(key, rsa.RSAPublicKey):
            hash_name = recover_iso9796_2(key, signature, challenge)
        else:
            verify(key, signature, challenge, SignatureAlgorithm("ecdsa-plain", hash_name))
    except InvalidSignature:
        return ActiveAuthResult(True, False, _describe(key, hash_name),
                                "the chip's signature does not verify with the DG15 key: the chip may be a copy")
    return ActiveAuthResult(True, True, _describe(key, hash_name),
                            "the chip signed a fresh challenge with the DG15 key")

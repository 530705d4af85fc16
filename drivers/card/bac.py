"""Basic Access Control (ICAO 9303-11 §4.3): both the terminal side and the card side.

The terminal side is an AccessProtocol: `BAC(access_key).establish(channel)` returns a
SecureChannel. The card side (`BACCard`) is what the virtual card runs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Callable

from .apdu import CommandAPDU
from .errors import SecureMessagingError, StatusWordError, WrongAccessKey
from .mrz import AccessKey
from .sm import (KDF_ENC, KDF_MAC, SecureChannel, SecureMessaging, TDESCipher, kdf, pad,
                 retail_mac, tdes_cbc_decrypt, tdes_cbc_encrypt)

RandomSource = Callable[[int], bytes]


def key_seed(mrz_information: str) -> bytes:
    """First 16 bytes of SHA-1 of the MRZ information."""
    return hashlib.sha1(mrz_information.encode("ascii")).digest()[:16]


def basic_keys(access_key: AccessKey) -> tuple[bytes, bytes]:
    """KEnc and KMAC, the document basic access keys."""
    seed = key_seed(access_key.mrz_information)
    return kdf(seed, KDF_ENC, "3DES"), kdf(seed, KDF_MAC, "3DES")


@dataclass(frozen=True, repr=False)
class SessionKeys:
    k_enc: bytes
    k_mac: bytes
    ssc: bytes

    def secure_messaging(self) -> SecureMessaging:
        return SecureMessaging(TDESCipher(self.k_enc, self.k_mac), self.ssc)

    def __repr__(self) -> str:
        return "SessionKeys(<hidden>)"


def session_keys(k_ifd: bytes, k_ic: bytes, rnd_ic: bytes, rnd_ifd: bytes) -> SessionKeys:
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic))
    return SessionKeys(kdf(seed, KDF_ENC, "3DES"), kdf(seed, KDF_MAC, "3DES"), rnd_ic[4:] + rnd_ifd[4:])


class BAC:
    """The terminal side of BAC. `random` is injectable so tests can replay the worked example."""

    name = "BAC"

    def __init__(self, access_key: AccessKey, random: RandomSource = os.urandom) -> None:
        self.access_key = access_key
        self.random = random

    def establish(self, channel) -> SecureChannel:
        k_enc, k_mac = basic_keys(self.access_key)
        rnd_ic = channel.transmit(CommandAPDU(0x00, 0x84, 0x00, 0x00, le=8)).check(
            command="GET CHALLENGE").data
        if len(rnd_ic) != 8:
            raise SecureMessagingError("GET CHALLENGE returned a challenge of the wrong size")
        rnd_ifd = self.random(8)
        k_ifd = self.random(16)
        e_ifd = tdes_cbc_encrypt(k_enc, rnd_ifd + rnd_ic + k_ifd)
        m_ifd = retail_mac(k_mac, pad(e_ifd, 8))
        response = channel.transmit(CommandAPDU(0x00, 0x82, 0x00, 0x00, e_ifd + m_ifd, le=40))
        if response.sw in (0x6300, 0x6982) or response.sw1 == 0x63:
            raise WrongAccessKey()
        try:
            response.check(command="EXTERNAL AUTHENTICATE")
        except StatusWordError:
            raise
        data = response.data
        if len(data) != 40:
            raise WrongAccessKey()
        e_ic, m_ic = data[:32], data[32:]
        if not hmac.compare_digest(retail_mac(k_mac, pad(e_ic, 8)), m_ic):
            raise WrongAccessKey()
        r = tdes_cbc_decrypt(k_enc, e_ic)
        if r[:8] != rnd_ic or r[8:16] != rnd_ifd:
            raise WrongAccessKey()
        keys = session_keys(k_ifd, r[16:32], rnd_ic, rnd_ifd)
        return SecureChannel(channel, keys.secure_messaging())


class BACCard:
    """The card side of BAC: challenge, then verify the terminal's cryptogram and answer."""

    def __init__(self, access_key: AccessKey, random: RandomSource = os.urandom) -> None:
        self.k_enc, self.k_mac = basic_keys(access_key)
        self.random = random
        self.rnd_ic: bytes | None = None

    def challenge(self) -> bytes:
        self.rnd_ic = self.random(8)
        return self.rnd_ic

    def authenticate(self, data: bytes) -> tuple[bytes, SessionKeys] | None:
        """Return (response data, session keys), or None when the terminal's key is wrong."""
        rnd_ic, self.rnd_ic = self.rnd_ic, None  # a challenge is good for one attempt
        if rnd_ic is None or len(data) != 40:
            return None
        e_ifd, m_ifd = data[:32], data[32:]
        if not hmac.compare_digest(retail_mac(self.k_mac, pad(e_ifd, 8)), m_ifd):
            return None
        s = tdes_cbc_decrypt(self.k_enc, e_ifd)
        rnd_ifd, k_ifd = s[:8], s[16:32]
        if s[8:16] != rnd_ic:
            return None
        k_ic = self.random(16)
        e_ic = tdes_cbc_encrypt(self.k_enc, rnd_ic + rnd_ifd + k_ic)
        m_ic = retail_mac(self.k_mac, pad(e_ic, 8))
        return e_ic + m_ic, session_keys(k_ifd, k_ic, rnd_ic, rnd_ifd)

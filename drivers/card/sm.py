"""ICAO 9303-11 secure messaging: key derivation, the 3DES and AES cipher suites, APDU wrapping.

Both sides live here: the terminal (protect commands, unprotect responses) and the card
(unprotect commands, protect responses), so the virtual card runs the same code as the reader.
The cipher suite is an object (SMCipher) so PACE and chip authentication can plug in AES keys.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Protocol

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

try:  # cryptography >= 43 keeps 3DES among the "decrepit" algorithms
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:  # pragma: no cover - older cryptography
    TripleDES = algorithms.TripleDES  # type: ignore[misc,assignment]

from . import tlv
from .apdu import EXTENDED_MAX_LE, SHORT_MAX_LE, CommandAPDU, ResponseAPDU
from .errors import CardError, ParseError, SecureMessagingError

# ---------------------------------------------------------------- padding (ISO 9797-1 method 2)


def pad(data: bytes, block: int) -> bytes:
    data = bytes(data) + b"\x80"
    return data + b"\x00" * (-len(data) % block)


def unpad(data: bytes) -> bytes:
    stripped = bytes(data).rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80:
        raise SecureMessagingError("secure messaging: bad padding in decrypted data")
    return stripped[:-1]


# ---------------------------------------------------------------- key derivation (9303-11 §9.7.1)

KDF_ENC = 1
KDF_MAC = 2
KDF_PACE = 3


def _des_parity(key: bytes) -> bytes:
    # DES keys carry odd parity in the low bit of each byte; the spec adjusts it
    out = bytearray()
    for b in key:
        b &= 0xFE
        out.append(b | (bin(b).count("1") + 1) % 2)
    return bytes(out)


def kdf(secret: bytes, counter: int, cipher: str = "3DES") -> bytes:
    """Derive a key from a shared secret. cipher: '3DES', 'AES-128', 'AES-192' or 'AES-256'."""
    d = bytes(secret) + counter.to_bytes(4, "big")
    if cipher == "3DES":
        return _des_parity(hashlib.sha1(d).digest()[:16])
    if cipher == "AES-128":
        return hashlib.sha1(d).digest()[:16]
    if cipher == "AES-192":
        return hashlib.sha256(d).digest()[:24]
    if cipher == "AES-256":
        return hashlib.sha256(d).digest()
    raise ValueError(f"unknown cipher {cipher!r}")


# ---------------------------------------------------------------- cipher suites


def _tdes_key(key: bytes) -> bytes:
    # cryptography wants 24-byte keys: two-key 3DES is K1 K2 K1, single DES is K K K
    if len(key) == 8:
        return key * 3
    if len(key) == 16:
        return key + key[:8]
    return key


def tdes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = b"\x00" * 8) -> bytes:
    enc = Cipher(TripleDES(_tdes_key(key)), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def tdes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = b"\x00" * 8) -> bytes:
    dec = Cipher(TripleDES(_tdes_key(key)), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO 9797-1 MAC algorithm 3 (DES CBC with K1, last block 3DES K1 K2 K1); data already padded."""
    if len(data) % 8 or not data:
        raise ValueError("retail MAC input must be a non-empty multiple of 8 bytes")
    k1, k2 = key[:8], key[8:16]
    chain = b"\x00" * 8
    if len(data) > 8:
        chain = tdes_cbc_encrypt(k1, data[:-8])[-8:]
    last = bytes(a ^ b for a, b in zip(chain, data[-8:]))
    enc = Cipher(TripleDES(_tdes_key(k1 + k2)), modes.ECB()).encryptor()
    return enc.update(last) + enc.finalize()


class SMCipher(Protocol):
    """A secure-messaging cipher suite: block size, SSC length, encryption and MAC."""

    name: str
    block_size: int
    ssc_length: int

    def encrypt(self, ssc: bytes, data: bytes) -> bytes: ...

    def decrypt(self, ssc: bytes, data: bytes) -> bytes: ...

    def mac(self, data: bytes) -> bytes: ...


class TDESCipher:
    """3DES-CBC with a zero IV and the retail MAC (BAC, PACE with 3DES)."""

    name = "3DES"
    block_size = 8
    ssc_length = 8

    def __init__(self, k_enc: bytes, k_mac: bytes) -> None:
        self.k_enc, self.k_mac = bytes(k_enc), bytes(k_mac)

    def encrypt(self, ssc: bytes, data: bytes) -> bytes:
        return tdes_cbc_encrypt(self.k_enc, data)

    def decrypt(self, ssc: bytes, data: bytes) -> bytes:
        return tdes_cbc_decrypt(self.k_enc, data)

    def mac(self, data: bytes) -> bytes:
        return retail_mac(self.k_mac, data)


class AESCipher:
    """AES-CBC with IV = E(KSenc, SSC) and CMAC truncated to 8 bytes (PACE, chip authentication)."""

    name = "AES"
    block_size = 16
    ssc_length = 16

    def __init__(self, k_enc: bytes, k_mac: bytes) -> None:
        self.k_enc, self.k_mac = bytes(k_enc), bytes(k_mac)

    def _iv(self, ssc: bytes) -> bytes:
        enc = Cipher(algorithms.AES(self.k_enc), modes.ECB()).encryptor()
        return enc.update(ssc) + enc.finalize()

    def encrypt(self, ssc: bytes, data: bytes) -> bytes:
        enc = Cipher(algorithms.AES(self.k_enc), modes.CBC(self._iv(ssc))).encryptor()
        return enc.update(data) + enc.finalize()

    def decrypt(self, ssc: bytes, data: bytes) -> bytes:
        dec = Cipher(algorithms.AES(self.k_enc), modes.CBC(self._iv(ssc))).decryptor()
        return dec.update(data) + dec.finalize()

    def mac(self, data: bytes) -> bytes:
        c = CMAC(algorithms.AES(self.k_mac))
        c.update(data)
        return c.finalize()[:8]


def cipher_from_secret(secret: bytes, cipher: str) -> SMCipher:
    """The session cipher suite from a shared secret (BAC key seed, PACE or CA shared secret)."""
    k_enc, k_mac = kdf(secret, KDF_ENC, cipher), kdf(secret, KDF_MAC, cipher)
    return TDESCipher(k_enc, k_mac) if cipher == "3DES" else AESCipher(k_enc, k_mac)


# ---------------------------------------------------------------- size of protected responses


def max_plaintext(limit: int, block: int) -> int:
    """Largest plaintext whose protected response (DO87 + DO99 + DO8E) fits `limit` bytes."""
    lo, hi = 0, limit  # the size grows with n: binary search
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if protected_response_size(mid, block) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def protected_response_size(n: int, block: int) -> int:
    size = 4 + 10  # DO99 (99 02 SW1 SW2) and DO8E (8E 08 + 8-byte MAC)
    if n:
        body = 1 + (n // block + 1) * block  # padding indicator + padded ciphertext
        size += 1 + len(tlv.encode_length(body)) + body
    return size


# ---------------------------------------------------------------- the session


class SecureMessaging:
    """Session keys plus the send sequence counter, with both sides of the wrapping."""

    def __init__(self, cipher: SMCipher, ssc: bytes | int = 0) -> None:
        self.cipher = cipher
        if isinstance(ssc, (bytes, bytearray)):
            if len(ssc) != cipher.ssc_length:
                raise ValueError("SSC length does not match the cipher suite")
            ssc = int.from_bytes(ssc, "big")
        self._ssc = ssc

    @property
    def ssc(self) -> bytes:
        return self._ssc.to_bytes(self.cipher.ssc_length, "big")

    def _next_ssc(self) -> bytes:
        self._ssc = (self._ssc + 1) % (1 << (8 * self.cipher.ssc_length))
        return self.ssc

    def _mac_input(self, ssc: bytes, parts: bytes) -> bytes:
        return pad(ssc + parts, self.cipher.block_size)

    # -- terminal side -------------------------------------------------

    def protect(self, command: CommandAPDU) -> CommandAPDU:
        bs = self.cipher.block_size
        ssc = self._next_ssc()
        cla = command.cla | 0x0C
        header = bytes([cla, command.ins, command.p1, command.p2])
        do_data = b""
        if command.data:
            crypto = self.cipher.encrypt(ssc, pad(command.data, bs))
            if command.ins & 1:  # odd INS: data is BER-TLV, DO85 without padding indicator
                do_data = tlv.encode(0x85, crypto)
            else:
                do_data = tlv.encode(0x87, b"\x01" + crypto)
        do_le = b""
        if command.le is not None:
            if command.le > SHORT_MAX_LE:
                do_le = tlv.encode(0x97, (command.le % EXTENDED_MAX_LE).to_bytes(2, "big"))
            else:
                do_le = tlv.encode(0x97, bytes([command.le % SHORT_MAX_LE]))
        mac = self.cipher.mac(self._mac_input(ssc, pad(header, bs) + do_data + do_le))
        body = do_data + do_le + tlv.encode(0x8E, mac)
        # outer Le: the protected response may be as long as the channel allows
        extended = command.extended or len(body) > 255
        return CommandAPDU(cla, command.ins, command.p1, command.p2, body,
                           EXTENDED_MAX_LE if extended else SHORT_MAX_LE, force_extended=extended)

    def unprotect(self, response: ResponseAPDU) -> ResponseAPDU:
        ssc = self._next_ssc()
        if not response.data:
            # cards report errors as a bare status word; 6987/6988 mean the session is gone
            if response.sw in (0x6987, 0x6988):
                raise SecureMessagingError(
                    f"the card rejected the secure messaging objects ({response.sw:04X}); session ended")
            if response.sw == 0x9000:
                raise SecureMessagingError("secure messaging: unprotected success response")
            return response
        try:
            objects = tlv.decode_all(response.data)
        except ParseError as exc:
            raise SecureMessagingError("secure messaging: malformed protected response") from exc
        macced = b""
        mac = None
        do_data = None
        do_sw = None
        for obj in objects:
            if obj.tag == 0x8E:
                mac = obj.value
            elif obj.tag in (0x85, 0x87, 0x99):
                macced += obj.encode()
                if obj.tag == 0x99:
                    do_sw = obj.value
                else:
                    do_data = obj
            else:
                raise SecureMessagingError("secure messaging: unexpected data object in response")
        if mac is None:
            raise SecureMessagingError("secure messaging: response without MAC")
        # the MAC is checked before anything in the response is used
        expected = self.cipher.mac(self._mac_input(ssc, macced))
        if not hmac.compare_digest(expected, mac):
            raise SecureMessagingError("secure messaging: response MAC does not verify; session ended")
        if do_sw is None or len(do_sw) != 2:
            raise SecureMessagingError("secure messaging: protected status word missing")
        data = b""
        if do_data is not None:
            crypto = do_data.value
            if do_data.tag == 0x87:
                if not crypto or crypto[0] != 0x01:
                    raise SecureMessagingError("secure messaging: unknown padding indicator")
                crypto = crypto[1:]
            if not crypto or len(crypto) % self.cipher.block_size:
                raise SecureMessagingError("secure messaging: ciphertext length is not whole blocks")
            data = unpad(self.cipher.decrypt(ssc, crypto))
        return ResponseAPDU(data, int.from_bytes(do_sw, "big"))

    # -- card side -----------------------------------------------------

    def unprotect_command(self, command: CommandAPDU) -> CommandAPDU:
        """Check and decrypt a protected command (card side). Raises SecureMessagingError."""
        bs = self.cipher.block_size
        ssc = self._next_ssc()
        if command.cla & 0x0C != 0x0C:
            raise SecureMessagingError("command is not protected")
        try:
            objects = tlv.decode_all(command.data)
        except ParseError as exc:
            raise SecureMessagingError("malformed protected command") from exc
        header = bytes([command.cla, command.ins, command.p1, command.p2])
        macced = b""
        mac = do_data = le = None
        for obj in objects:
            if obj.tag == 0x8E:
                mac = obj.value
            elif obj.tag in (0x85, 0x87, 0x97):
                macced += obj.encode()
                if obj.tag == 0x97:
                    le = int.from_bytes(obj.value, "big") or (SHORT_MAX_LE if len(obj.value) <= 1 else EXTENDED_MAX_LE)
                else:
                    do_data = obj
            else:
                raise SecureMessagingError("unexpected data object in protected command")
        if mac is None:
            raise SecureMessagingError("protected command without MAC")
        expected = self.cipher.mac(self._mac_input(ssc, pad(header, bs) + macced))
        if not hmac.compare_digest(expected, mac):
            raise SecureMessagingError("command MAC does not verify")
        data = b""
        if do_data is not None:
            crypto = do_data.value
            if do_data.tag == 0x87:
                if not crypto or crypto[0] != 0x01:
                    raise SecureMessagingError("unknown padding indicator")
                crypto = crypto[1:]
            if not crypto or len(crypto) % bs:
                raise SecureMessagingError("ciphertext length is not whole blocks")
            data = unpad(self.cipher.decrypt(ssc, crypto))
        return CommandAPDU(command.cla & ~0x0C & 0xFF, command.ins, command.p1, command.p2, data, le)

    def protect_response(self, response: ResponseAPDU, odd_ins: bool = False) -> ResponseAPDU:
        """Wrap a response (card side): DO87/85 if there is data, DO99, DO8E."""
        bs = self.cipher.block_size
        ssc = self._next_ssc()
        do_data = b""
        if response.data:
            crypto = self.cipher.encrypt(ssc, pad(response.data, bs))
            do_data = tlv.encode(0x85, crypto) if odd_ins else tlv.encode(0x87, b"\x01" + crypto)
        do_sw = tlv.encode(0x99, response.sw.to_bytes(2, "big"))
        mac = self.cipher.mac(self._mac_input(ssc, do_data + do_sw))
        return ResponseAPDU(do_data + do_sw + tlv.encode(0x8E, mac), response.sw)

    def skip_response(self) -> None:
        """Count a response sent as a bare status word (card side), keeping both SSCs in step."""
        self._next_ssc()


class SecureChannel:
    """An ApduChannel-like object that protects every command: reading code is the same with or without SM."""

    def __init__(self, inner, sm: SecureMessaging) -> None:
        self.inner = inner
        self.sm = sm
        self.closed = False

    @property
    def supports_extended(self) -> bool | None:
        return getattr(self.inner, "supports_extended", None)

    @property
    def stats(self):
        return getattr(self.inner, "stats", None)

    @property
    def max_short_read(self) -> int:
        """Largest plaintext a short (256-byte) protected response can carry."""
        return max_plaintext(SHORT_MAX_LE, self.sm.cipher.block_size)

    @property
    def max_extended_read(self) -> int:
        return max_plaintext(EXTENDED_MAX_LE, self.sm.cipher.block_size)

    def transmit(self, command: CommandAPDU, **_ignored) -> ResponseAPDU:
        if self.closed:
            raise SecureMessagingError("secure messaging session has ended")
        protected = self.sm.protect(command)
        try:
            raw = self.inner.transmit(protected, retry_wrong_le=False)
            return self.sm.unprotect(raw)
        except SecureMessagingError:
            self.closed = True
            raise
        except CardError:
            self.closed = True
            raise

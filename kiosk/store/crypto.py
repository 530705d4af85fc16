"""Encryption at rest: the station key, per-dossier data keys, sealed fields, keyed search hashes.

- The **station key** (32 random bytes) lives outside the database, behind a `KeyStore`
  (`keystores.py`: sealed by the TPM, by systemd's credentials, or under a passphrase).
- From it, HKDF derives separate keys: one wraps the data keys, one makes search hashes, one chains
  the audit log, one checks that the key opens the store, one authenticates the rows' clear columns
  (`row_mac`, used by `rowmacs.py`).
- Each dossier (and each e-wallet item) has its own random 256-bit **data key**, stored wrapped
  (AES-256-GCM under the wrapping key, associated data = the owner's id), so purging the row
  destroys the only copy of the key (crypto-shredding).
- Every personal field and every file is sealed with AES-256-GCM under the data key, with
  associated data naming the table, the row and the field: a ciphertext moved to another row or
  field no longer opens.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import KeyFileError, TamperedData

KEY_SIZE = 32
NONCE_SIZE = 12
FORMAT = b"\x01"  # first byte of every sealed value: lets a later version change the scheme


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _derive(station_key: bytes, purpose: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_SIZE, salt=None, info=f"digitisation-point/store/{purpose}/v1".encode()
    ).derive(station_key)


def aad(table: str, row: str, field: str) -> bytes:
    """Associated data binding a ciphertext to one field of one row."""
    return f"{table}|{row}|{field}".encode()


def seal(key: bytes, plaintext: bytes, associated: bytes) -> bytes:
    nonce = os.urandom(NONCE_SIZE)
    return FORMAT + nonce + AESGCM(key).encrypt(nonce, plaintext, associated)


def open_sealed(key: bytes, sealed: bytes, associated: bytes, what: str) -> bytes:
    """The plaintext, or TamperedData naming `what` (which must hold no personal data)."""
    if not isinstance(sealed, (bytes, bytearray)) or len(sealed) < 1 + NONCE_SIZE + 16 or sealed[:1] != FORMAT:
        raise TamperedData(what)
    nonce = bytes(sealed[1 : 1 + NONCE_SIZE])
    try:
        return AESGCM(key).decrypt(nonce, bytes(sealed[1 + NONCE_SIZE :]), associated)
    except InvalidTag:
        raise TamperedData(what) from None


class Keys:
    """The keys derived from one station key."""

    def __init__(self, station_key: bytes):
        if len(station_key) != KEY_SIZE:
            raise KeyFileError("a station key is 32 bytes")
        self.wrap = _derive(station_key, "wrap")
        self.index = _derive(station_key, "index")
        self.audit = _derive(station_key, "audit")
        self.check = _derive(station_key, "check")
        self.rows = _derive(station_key, "rows")
        # HMAC's inner and outer hashes, keyed once (RFC 2104): a row's MAC then costs two hash copies,
        # 2 µs against 5 µs for hmac.digest, which sets the key up again at each call
        self._rows_inner = hashlib.sha256(bytes(b ^ 0x36 for b in self.rows.ljust(64, b"\x00")))
        self._rows_outer = hashlib.sha256(bytes(b ^ 0x5C for b in self.rows.ljust(64, b"\x00")))

    # data keys

    def new_data_key(self) -> bytes:
        return AESGCM.generate_key(bit_length=256)

    def wrap_data_key(self, data_key: bytes, owner: str) -> bytes:
        return seal(self.wrap, data_key, aad("key", owner, "data_key"))

    def unwrap_data_key(self, wrapped: bytes, owner: str) -> bytes:
        return open_sealed(self.wrap, wrapped, aad("key", owner, "data_key"), f"the data key of {owner}")

    # search

    def search_hash(self, kind: str, normalised: str) -> bytes:
        """Keyed hash of a normalised value: equal values match, nothing can be read back or guessed
        without the station key. 16 bytes is plenty to avoid collisions in one station's store."""
        return hmac.new(self.index, f"{kind}\x1f{normalised}".encode(), hashlib.sha256).digest()[:16]

    # rows

    def row_mac(self, table: str, encoded: bytes) -> bytes:
        """Keyed MAC of one row's encoded columns (rowmacs.py: the row's id first), bound to its table:
        a value edited, or a row copied to another id or table, no longer matches. 16 bytes of
        HMAC-SHA256."""
        inner = self._rows_inner.copy()
        inner.update(table.encode() + b"\x00" + encoded)
        outer = self._rows_outer.copy()
        outer.update(inner.digest())
        return outer.digest()[:16]

    # store check

    def key_check_value(self, row_macs: bool = True) -> bytes:
        """Made when a store is created; its text says whether the store authenticated its rows from the
        start (stores created before row MACs have the first text: see rowmacs.authenticate_rows)."""
        text = KEY_CHECK_WITH_ROW_MACS if row_macs else KEY_CHECK
        return seal(self.check, text, aad("meta", "key_check", "value"))

    def key_check_text(self, key_check: bytes) -> bytes | None:
        try:
            return open_sealed(self.check, key_check, aad("meta", "key_check", "value"), "key check")
        except TamperedData:
            return None


KEY_CHECK = b"digitisation-point station key check"
KEY_CHECK_WITH_ROW_MACS = b"digitisation-point station key check/rows authenticated"


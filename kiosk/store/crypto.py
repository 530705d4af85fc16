"""Encryption at rest: the station key, per-dossier data keys, sealed fields, keyed search hashes.

- The **station key** (32 random bytes) lives outside the database, behind `KeyStore`.
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

import errno
import hashlib
import hmac
import os
import stat
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import KeyFileError, TamperedData

KEY_SIZE = 32
NONCE_SIZE = 12
FORMAT = b"\x01"  # first byte of every sealed value: lets a later version change the scheme


class KeyStore(Protocol):
    """Where the station key lives. A later implementation may use a TPM or the OS keyring."""

    def station_key(self) -> bytes:
        """The 32-byte station key, created on first use."""
        ...


class MemoryKeyStore:
    """For tests: a key held in memory."""

    def __init__(self, key: bytes | None = None):
        self._key = key if key is not None else os.urandom(KEY_SIZE)
        if len(self._key) != KEY_SIZE:
            raise KeyFileError("a station key is 32 bytes")

    def station_key(self) -> bytes:
        return self._key


class FileKeyStore:
    """The station key as a file of 32 random bytes, mode 0600, in a folder of its own (0700).

    Created atomically on first use (temporary file, fsync, link into place, fsync the folder), so
    a power cut leaves either no key or a whole key, and two processes starting together agree.
    """

    FILENAME = "station.key"

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.path = self.folder / self.FILENAME

    def station_key(self) -> bytes:
        try:
            return self._read()
        except FileNotFoundError:
            pass
        self._create()
        return self._read()

    def _read(self) -> bytes:
        fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            info = os.fstat(fd)
            if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise KeyFileError(
                    f"the station key file {self.path} can be read by other users "
                    f"(mode {stat.S_IMODE(info.st_mode):o}): run chmod 600 on it"
                )
            data = os.read(fd, KEY_SIZE + 1)
        finally:
            os.close(fd)
        if len(data) != KEY_SIZE:
            raise KeyFileError(f"the station key file {self.path} is damaged (not {KEY_SIZE} bytes)")
        return data

    def _create(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = self.folder / f".{self.FILENAME}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, os.urandom(KEY_SIZE))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, self.path)  # fails if another process created the key first: keep theirs
        except FileExistsError:
            pass
        except OSError as error:
            if error.errno != errno.EEXIST:
                raise
        finally:
            os.unlink(tmp)
        fsync_dir(self.folder)


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

    def opens(self, key_check: bytes) -> bool:
        return self.key_check_text(key_check) is not None

    def key_check_text(self, key_check: bytes) -> bytes | None:
        try:
            return open_sealed(self.check, key_check, aad("meta", "key_check", "value"), "key check")
        except TamperedData:
            return None


KEY_CHECK = b"digitisation-point station key check"
KEY_CHECK_WITH_ROW_MACS = b"digitisation-point station key check/rows authenticated"


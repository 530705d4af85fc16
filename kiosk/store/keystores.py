"""Where the station key lives: sealed by the station's TPM, by systemd's encrypted credentials, or
under a passphrase the technician types at boot; a plain file only on a development machine.

What each protects against (README: The station key):

- `TpmKeyStore`: the key sealed by the TPM 2.0 soldered on this station. The folder holds only the
  sealed blobs; a copied disk or a backup opens nothing without this very chip.
- `CredentialKeyStore`: systemd's encrypted credential (`systemd-creds`), bound to the host key in
  /var/lib/systemd/credential.secret and, where there is one, the TPM. A service started with
  `LoadCredentialEncrypted=` reads it already decrypted from `$CREDENTIALS_DIRECTORY`.
- `PassphraseKeyStore`: the key wrapped (AES-256-GCM) under a key derived with Argon2id from a
  passphrase; nothing on the disk opens it. Someone must type it at every start.
- `FileKeyStore`: 32 bytes in a 0600 file. A copied disk opens every dossier: development only
  (`kiosk doctor` warns).

The key never appears on a command line: it goes to the tools on their standard input and comes back
on their standard output (pipes), and the passphrase comes from a callable (a terminal or
`systemd-ask-password`, never argv).
"""

from __future__ import annotations

import base64
import errno
import getpass
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.private_files import FOLDER_MODE, private_opener

from .crypto import KEY_SIZE, fsync_dir
from .errors import KeyFileError

if TYPE_CHECKING:
    from kiosk.config import Config

KINDS = ("tpm", "credential", "passphrase", "file")
SEALED_KINDS = ("tpm", "credential", "passphrase")
DEFAULT_TCTI = "device:/dev/tpmrm0"
CREDENTIAL_NAME = "station-key"
TOOL_TIMEOUT = 60  # seconds; a TPM answers in well under one, a wedged one must not hang the station


class KeyStore(Protocol):
    """Where the station key lives."""

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


def create_once(path: Path, data: bytes) -> bool:
    """Writes `data` to a new file `path` (0600) atomically: temporary file, fsync, link into place,
    fsync the folder. A power cut leaves no file or a whole one; when two processes race, the first
    wins and the other gets False (and keeps nothing of its own)."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = private_opener(str(tmp), os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)
        created = True
    except FileExistsError:
        created = False
    except OSError as error:
        if error.errno != errno.EEXIST:
            raise
        created = False
    finally:
        os.unlink(tmp)
    fsync_dir(path.parent)
    return created


def read_private(path: Path, limit: int) -> bytes:
    """A key file's bytes; KeyFileError when others may read it (a key anyone can copy is no key)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyFileError(f"the station key file {path} can be read by other users "
                               f"(mode {stat.S_IMODE(info.st_mode):o}): run chmod 600 on it")
        return os.read(fd, limit + 1)
    finally:
        os.close(fd)


def shred(path: Path) -> None:
    """Overwrites a key file with random bytes, then removes it. (On a journaling or flash disk the old
    blocks may survive: that is why the plain key is for development only.)"""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.write(fd, os.urandom(max(size, KEY_SIZE)))
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink()
    fsync_dir(path.parent)


class FileKeyStore:
    """The station key as a file of 32 random bytes, mode 0600, in a folder of its own (0700).

    For development only: a copied disk opens every dossier. Created atomically on first use.
    """

    FILENAME = "station.key"

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.path = self.folder / self.FILENAME

    def exists(self) -> bool:
        return self.path.exists()

    def station_key(self) -> bytes:
        try:
            return self._read()
        except FileNotFoundError:
            pass
        create_once(self.path, os.urandom(KEY_SIZE))
        return self._read()

    def remove(self) -> None:
        shred(self.path)

    def _read(self) -> bytes:
        data = read_private(self.path, KEY_SIZE)
        if len(data) != KEY_SIZE:
            raise KeyFileError(f"the station key file {self.path} is damaged (not {KEY_SIZE} bytes)")
        return data


class SealedKeyStore:
    """What the sealed kinds share: unsealed once per object (under a lock, for the worker threads),
    created on first use, and never created beside a plain key that has not been sealed yet."""

    kind = ""
    READ_BACK = True  # unseal a key just sealed before using it (a TPM or systemd-creds may misbehave)

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self._key: bytes | None = None
        self._lock = threading.Lock()

    def exists(self) -> bool:
        raise NotImplementedError

    def station_key(self) -> bytes:
        with self._lock:
            if self._key is None:
                if not self.exists():
                    if FileKeyStore(self.folder).exists():
                        raise KeyFileError(
                            f"the station key in {self.folder} is a plain file, not sealed yet: run "
                            f"`kiosk store seal-key --to {self.kind}` (or set station_key = \"file\")")
                    new = os.urandom(KEY_SIZE)
                    if self._store(new) and not self.READ_BACK:
                        self._key = new
                        return new
                key = self._unseal()
                if len(key) != KEY_SIZE:
                    raise KeyFileError(f"the sealed station key in {self.folder} is damaged "
                                       f"(not {KEY_SIZE} bytes once unsealed)")
                self._key = key
            return self._key

    def seal(self, key: bytes) -> None:
        """Seals a given key (a plain key being moved here); KeyFileError if a sealed one is there."""
        if len(key) != KEY_SIZE:
            raise KeyFileError("a station key is 32 bytes")
        with self._lock:
            if self.exists():
                raise KeyFileError(f"a sealed station key ({self.kind}) is already in {self.folder}")
            self._store(key)

    def remove(self) -> None:
        """Removes the sealed key (a sealing whose read-back failed); the blobs alone open nothing."""
        raise NotImplementedError

    def _store(self, key: bytes) -> bool:
        """Seals `key` into the folder, unless another process sealed one first (theirs is kept:
        False)."""
        raise NotImplementedError

    def _unseal(self) -> bytes:
        raise NotImplementedError


def _run(tool: list[str], what: str, stdin: bytes | None = None) -> bytes:
    """Runs a tool with secrets only on its pipes; KeyFileError naming `what` and the tool's last
    line of complaint (which never holds the key) when it fails."""
    if shutil.which(tool[0]) is None:
        raise KeyFileError(f"{what}: {tool[0]} is not installed")
    try:
        done = subprocess.run(tool, input=stdin, capture_output=True, timeout=TOOL_TIMEOUT,
                              stdin=None if stdin is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise KeyFileError(f"{what}: {tool[0]} did not answer in {TOOL_TIMEOUT} s") from None
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.decode(errors="replace").splitlines() if line.strip()]
        raise KeyFileError(f"{what}: {tool[0]} failed ({lines[-1] if lines else f'exit {done.returncode}'})")
    return done.stdout


class TpmKeyStore(SealedKeyStore):
    """The station key sealed by the station's TPM 2.0, through tpm2-tools.

    A sealed data object under the owner hierarchy's primary storage key (ECC P-256, re-created
    from the TPM's seed each time, so nothing of it is kept). Its public and private blobs are kept
    in `station-key.tpm/` (0700, files 0600); the private blob is encrypted by that primary key, so
    it opens only in the TPM that made it. The key goes to `tpm2_create` on its standard input and
    comes back from `tpm2_unseal` on its standard output; the temporary folder (0700, removed at
    once) holds only the TPM's object contexts, never the key.

    Use the kernel's resource manager (`device:/dev/tpmrm0`): without one (a simulator on a socket)
    the objects left loaded are flushed after each step, which would disturb another TPM user.
    """

    kind = "tpm"
    FOLDER = "station-key.tpm"
    PRIMARY = ["-C", "o", "-g", "sha256", "-G", "ecc256:aes128cfb",
               "-a", "restricted|decrypt|fixedtpm|fixedparent|sensitivedataorigin|userwithauth|noda"]

    def __init__(self, folder: Path | str, tcti: str = DEFAULT_TCTI):
        super().__init__(folder)
        self.tcti = tcti
        self.sealed = self.folder / self.FOLDER

    def exists(self) -> bool:
        return (self.sealed / "public").is_file() and (self.sealed / "private").is_file()

    def remove(self) -> None:
        shutil.rmtree(self.sealed, ignore_errors=True)

    def _tool(self, name: str, *args: str, stdin: bytes | None = None) -> bytes:
        try:
            return _run([name, "-T", self.tcti, *args], f"the TPM ({self.tcti})", stdin)
        finally:
            self._flush()

    def _flush(self) -> None:
        try:
            _run(["tpm2_flushcontext", "-T", self.tcti, "-t"], "the TPM")
        except KeyFileError:
            pass  # nothing left to flush, or the TPM is gone: the step's own error says so

    def _primary(self, work: Path) -> str:
        context = str(work / "primary.ctx")
        self._tool("tpm2_createprimary", *self.PRIMARY, "-c", context, "-Q")
        return context

    def _store(self, key: bytes) -> bool:
        self.folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        stored = False
        with tempfile.TemporaryDirectory(prefix="kiosk-tpm-") as work:
            primary = self._primary(Path(work))
            staging = Path(tempfile.mkdtemp(prefix=f".{self.FOLDER}.", dir=self.folder))  # 0700
            try:
                public, private = staging / "public", staging / "private"
                self._tool("tpm2_create", "-C", primary, "-i", "-", "-u", str(public), "-r", str(private),
                           "-Q", stdin=key)
                for blob in (public, private):
                    blob.chmod(0o600)
                    with open(blob, "rb") as handle:
                        os.fsync(handle.fileno())
                fsync_dir(staging)
                try:
                    staging.rename(self.sealed)  # atomic; fails if another process sealed first
                    stored = True
                except OSError as error:
                    if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                        raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        fsync_dir(self.folder)
        return stored

    def _unseal(self) -> bytes:
        for blob in ("public", "private"):
            read_private(self.sealed / blob, 4096)  # refuses blobs others may read
        with tempfile.TemporaryDirectory(prefix="kiosk-tpm-") as work:
            primary = self._primary(Path(work))
            loaded = str(Path(work) / "sealed.ctx")
            try:
                self._tool("tpm2_load", "-C", primary, "-u", str(self.sealed / "public"),
                           "-r", str(self.sealed / "private"), "-c", loaded, "-Q")
            except KeyFileError:
                raise KeyFileError(
                    f"the sealed station key in {self.sealed} does not open on this TPM ({self.tcti}): it was "
                    "sealed by another TPM (a copied disk, or a replaced or cleared TPM), or the blobs are "
                    "damaged; restore this station's disk, or set up the station again") from None
            return self._tool("tpm2_unseal", "-c", loaded)


class CredentialKeyStore(SealedKeyStore):
    """The station key as a systemd encrypted credential (`station-key.cred`).

    `with_key` is systemd-creds' choice: "auto" (the TPM and the host key when there is a TPM, else
    the host key), "host", "tpm2" or "host+tpm2". When the station runs as a service with
    `LoadCredentialEncrypted=station-key:<key_dir>/station-key.cred`, systemd decrypts it and the
    key is read from `$CREDENTIALS_DIRECTORY/station-key` (a private, unswappable file); otherwise
    `systemd-creds decrypt` (root: the host key is root's) is run with the key on its standard output.
    """

    kind = "credential"
    FILENAME = "station-key.cred"
    WITH_KEYS = ("auto", "host", "tpm2", "host+tpm2")

    def __init__(self, folder: Path | str, with_key: str = "auto", name: str = CREDENTIAL_NAME):
        super().__init__(folder)
        if with_key not in self.WITH_KEYS:
            raise KeyFileError(f"systemd-creds --with-key must be one of {', '.join(self.WITH_KEYS)}")
        self.with_key, self.name = with_key, name
        self.path = self.folder / self.FILENAME

    def _passed_by_systemd(self) -> Path | None:
        folder = os.environ.get("CREDENTIALS_DIRECTORY")
        if folder and (Path(folder) / self.name).is_file():
            return Path(folder) / self.name
        return None

    def exists(self) -> bool:
        return self._passed_by_systemd() is not None or self.path.is_file()

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def _store(self, key: bytes) -> bool:
        sealed = _run(["systemd-creds", "encrypt", f"--with-key={self.with_key}", f"--name={self.name}", "-", "-"],
                      "systemd's credentials", stdin=key)
        return create_once(self.path, sealed)

    def _unseal(self) -> bytes:
        passed = self._passed_by_systemd()
        if passed is not None:
            return read_private(passed, KEY_SIZE)
        read_private(self.path, 1 << 16)  # refuses a credential others may read
        try:
            return _run(["systemd-creds", "decrypt", f"--name={self.name}", str(self.path), "-"],
                        "systemd's credentials")
        except KeyFileError as error:
            raise KeyFileError(
                f"the station key credential {self.path} does not open on this machine: it was sealed with "
                "another host key or TPM (a copied disk), or is damaged, or this user may not read the host "
                f"key (run as root, or as a service with LoadCredentialEncrypted=) — {error}") from None


class PassphraseKeyStore(SealedKeyStore):
    """The station key wrapped under a passphrase: Argon2id (64 MiB, 3 passes) derives a key-wrapping
    key, AES-256-GCM wraps the station key (`station-key.wrapped`, JSON with the parameters, so
    they can be raised later). A wrong passphrase fails the GCM tag: a clear error, never a wrong key.

    `ask(prompt)` returns what the technician typed (see `console_passphrase`)."""

    kind = "passphrase"
    READ_BACK = False  # the technician typed it twice; asking a third time proves nothing more
    FILENAME = "station-key.wrapped"
    MIN_LENGTH = 12
    TIME_COST, MEMORY_KIB, PARALLELISM = 3, 64 * 1024, 4
    ASSOCIATED = b"digitisation-point/station-key/passphrase/v1"

    def __init__(self, folder: Path | str, ask: Callable[[str], str]):
        super().__init__(folder)
        self.ask = ask
        self.path = self.folder / self.FILENAME

    def exists(self) -> bool:
        return self.path.is_file()

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    @staticmethod
    def _derive(passphrase: str, salt: bytes, time_cost: int, memory_kib: int, parallelism: int) -> bytes:
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=time_cost, memory_cost=memory_kib,
                               parallelism=parallelism, hash_len=KEY_SIZE, type=Type.ID)

    def _store(self, key: bytes) -> bool:
        passphrase = self.ask("New passphrase for the station key")
        if len(passphrase) < self.MIN_LENGTH:
            raise KeyFileError(f"the station key's passphrase must have at least {self.MIN_LENGTH} characters")
        if self.ask("The same passphrase again") != passphrase:
            raise KeyFileError("the two passphrases differ: nothing was sealed")
        salt, nonce = os.urandom(16), os.urandom(12)
        wrapping = self._derive(passphrase, salt, self.TIME_COST, self.MEMORY_KIB, self.PARALLELISM)
        wrapped = AESGCM(wrapping).encrypt(nonce, key, self.ASSOCIATED)
        record = {"format": 1, "kdf": "argon2id", "time_cost": self.TIME_COST, "memory_kib": self.MEMORY_KIB,
                  "parallelism": self.PARALLELISM, "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)}
        return create_once(self.path, json.dumps(record, indent=1).encode() + b"\n")

    def _unseal(self) -> bytes:
        try:
            record = json.loads(read_private(self.path, 1 << 16))
            salt, nonce, wrapped = (base64.b64decode(record[k], validate=True) for k in ("salt", "nonce", "wrapped"))
            params = (int(record["time_cost"]), int(record["memory_kib"]), int(record["parallelism"]))
            if record.get("format") != 1 or record.get("kdf") != "argon2id":
                raise ValueError("unknown format")
        except (ValueError, KeyError, TypeError):
            raise KeyFileError(f"the wrapped station key {self.path} is damaged") from None
        wrapping = self._derive(self.ask("Passphrase of the station key"), salt, *params)
        try:
            return AESGCM(wrapping).decrypt(nonce, wrapped, self.ASSOCIATED)
        except InvalidTag:
            raise KeyFileError("wrong passphrase: the station key was not opened") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def console_passphrase(prompt: str) -> str:
    """The passphrase from the technician: typed on the terminal (not echoed) when there is one, else
    asked through systemd's password agents (`systemd-ask-password`: the boot console, plymouth);
    it travels on a pipe, never on a command line or into a log."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt + ": ")
    if shutil.which("systemd-ask-password"):
        answer = _run(["systemd-ask-password", "--timeout=0", "--id=kiosk:station-key", prompt + ":"],
                      "the station key's passphrase")
        return answer.decode("utf-8").rstrip("\n")
    raise KeyFileError("the station key's passphrase cannot be asked: no terminal and no systemd-ask-password")


def sealed_key_store(kind: str, folder: Path | str, tcti: str = DEFAULT_TCTI,
                     ask: Callable[[str], str] = console_passphrase) -> SealedKeyStore:
    if kind == "tpm":
        return TpmKeyStore(folder, tcti)
    if kind == "credential":
        return CredentialKeyStore(folder)
    if kind == "passphrase":
        return PassphraseKeyStore(folder, ask)
    raise KeyFileError(f"a station key is sealed with one of {', '.join(SEALED_KINDS)}, not {kind!r}")


def make_key_store(kind: str, folder: Path | str, tcti: str = DEFAULT_TCTI,
                   ask: Callable[[str], str] = console_passphrase) -> FileKeyStore | SealedKeyStore:
    if kind == "file":
        return FileKeyStore(folder)
    if kind not in SEALED_KINDS:
        raise KeyFileError(f"unknown kind of station key {kind!r}: one of {', '.join(KINDS)}")
    return sealed_key_store(kind, folder, tcti, ask)


_stores: dict[tuple[str, str, str], FileKeyStore | SealedKeyStore] = {}
_stores_lock = threading.Lock()


def key_store_for(config: "Config", ask: Callable[[str], str] = console_passphrase) -> FileKeyStore | SealedKeyStore:
    """The station's key store as configured (`station_key`, `key_dir`, `tpm_tcti`). One per process
    and configuration, so a sealed key is unsealed (and a passphrase asked) once, not at every opening
    of the store."""
    identity = (config.station_key, str(config.key_dir), config.tpm_tcti)
    with _stores_lock:
        if identity not in _stores:
            _stores[identity] = make_key_store(config.station_key, config.key_dir, config.tpm_tcti, ask)
        return _stores[identity]

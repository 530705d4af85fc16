"""The signing key on a PKCS#11 token: the form the centre's and officers' certificates come in.

The PIN is passed to the token and nowhere else: never logged, never in a message. A wrong PIN says
what the token says about the tries left (PKCS#11 gives "few left" and "last try", not a number).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pkcs11
from asn1crypto import x509 as asn1_x509
from pkcs11 import Attribute, ObjectClass, TokenFlag
from pkcs11 import exceptions as p11
from pyhanko.sign.pkcs11 import PKCS11Signer

from drivers.signing.certificates import check_can_sign, days_left, subject_name
from drivers.signing.errors import SigningError, TokenLocked, TokenMissing, WrongPin

log = logging.getLogger(__name__)

SOFTHSM2_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")  # Debian's softhsm2
SOFTHSM2_CONF = "SOFTHSM2_CONF"  # the environment variable naming SoftHSM2's configuration file


_modules: dict[str, pkcs11.lib] = {}
_modules_lock = threading.Lock()
# the SoftHSM2 configuration each module read when it last initialised: the environment variable may
# have been changed since (by this process or a library) without the module reading it again
_configurations_read: dict[str, str | None] = {}


def load_module(path: Path) -> pkcs11.lib:
    """The PKCS#11 module, loaded once per process (a module initialised twice refuses)."""
    with _modules_lock:
        if str(path) not in _modules:
            if not path.is_file():
                raise TokenMissing(f"no PKCS#11 module at {path}: install the token's driver or set signing_module")
            try:
                _modules[str(path)] = pkcs11.lib(str(path))
            except p11.PKCS11Error as error:
                raise TokenMissing(f"the PKCS#11 module {path} does not load: {error}") from None
            _configurations_read[str(path)] = os.environ.get(SOFTHSM2_CONF)
        return _modules[str(path)]


def rescan(path: Path) -> None:
    """Finalises and initialises the module again: it sees tokens plugged in (or made) since it loaded."""
    with _modules_lock:
        module = _modules.get(str(path))
        if module is not None:
            module.reinitialize()
            _configurations_read[str(path)] = os.environ.get(SOFTHSM2_CONF)


@dataclass(frozen=True)
class TokenSpec:
    """Where the signing key is: the module, the token (by label, else by slot, else the first), and the
    key and certificate objects' label."""

    module: Path = SOFTHSM2_MODULE
    token_label: str = ""
    slot: int | None = None
    key_label: str = ""
    softhsm2_conf: Path | None = None  # SoftHSM2 only: its configuration, read when the module (re)loads


@dataclass(frozen=True)
class TokenStatus:
    """What `kiosk doctor` shows of a token, read without the PIN."""

    token_label: str
    certificate: asn1_x509.Certificate
    flags: TokenFlag

    @property
    def subject(self) -> str:
        return subject_name(self.certificate)

    def days_left(self, now: dt.datetime | None = None) -> int:
        return days_left(self.certificate, now)

    @property
    def locked(self) -> bool:
        return bool(self.flags & TokenFlag.USER_PIN_LOCKED)


_token_folders: dict[str, tuple[int, int]] = {}


def _token_folder_changed(conf: Path) -> bool:
    """SoftHSM2 lists its tokens when it initialises: a token made or removed since, by this process or
    another (the simulated station makes its token again), is seen only after a rescan. The tokens'
    folder changes (inode, mtime) when one is; True the first time a configuration is seen, too."""
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
        folder = next(line.split("=", 1)[1].strip() for line in lines
                      if line.strip().startswith("directories.tokendir"))
        state = os.stat(folder)
    except (OSError, StopIteration):
        return False
    seen = (state.st_ino, state.st_mtime_ns)
    previous, _token_folders[str(conf)] = _token_folders.get(str(conf)), seen
    return previous != seen


def _token(spec: TokenSpec) -> pkcs11.Token:
    if spec.softhsm2_conf is not None:
        changed = _token_folder_changed(spec.softhsm2_conf)
        os.environ[SOFTHSM2_CONF] = str(spec.softhsm2_conf)  # read by the module at its next (re)initialisation
        with _modules_lock:
            read = _configurations_read.get(str(spec.module), str(spec.softhsm2_conf))
        if changed or read != str(spec.softhsm2_conf):  # tokens made since, or another configuration's tokens
            rescan(spec.module)
    module = load_module(spec.module)
    for attempt in range(2):
        try:
            slots = module.get_slots(token_present=True)
        except p11.PKCS11Error as error:
            raise TokenMissing(f"the PKCS#11 module {spec.module.name} fails to list its slots: {error}") from None
        for slot in slots:
            if spec.slot is not None and slot.slot_id != spec.slot:
                continue
            token = slot.get_token()
            if not spec.token_label or token.label == spec.token_label:
                return token
        if attempt == 0:
            rescan(spec.module)
    wanted = f"labelled {spec.token_label!r}" if spec.token_label else "at all"
    where = f" in slot {spec.slot}" if spec.slot is not None else ""
    raise TokenMissing(f"no signing token {wanted}{where}: plug the token in (module {spec.module.name})")


def _certificate(session, spec: TokenSpec) -> asn1_x509.Certificate:
    query = {Attribute.CLASS: ObjectClass.CERTIFICATE}
    if spec.key_label:
        query[Attribute.LABEL] = spec.key_label
    found = list(session.get_objects(query))
    if not found:
        raise TokenMissing(f"the token holds no certificate{' labelled ' + repr(spec.key_label) if spec.key_label else ''}")
    certificates = [asn1_x509.Certificate.load(obj[Attribute.VALUE]) for obj in found]
    leaves = [c for c in certificates if not (c.ca or False)]
    return (leaves or certificates)[0]


def token_status(spec: TokenSpec) -> TokenStatus:
    """Module loads, token present, its certificate: all read without logging in."""
    token = _token(spec)
    try:
        with token.open() as session:
            certificate = _certificate(session, spec)
    except p11.PKCS11Error as error:
        raise TokenMissing(f"the signing token does not answer: {error.__class__.__name__}") from None
    return TokenStatus(token.label, certificate, token.flags)


def _tries_left(spec: TokenSpec) -> str:
    try:
        flags = _token(spec).flags
    except SigningError:
        return "the token is gone"
    if flags & TokenFlag.USER_PIN_LOCKED:
        return "the token is now locked; its administrator must unblock it with the SO PIN"
    if flags & TokenFlag.USER_PIN_FINAL_TRY:
        return "one try left before the token locks"
    if flags & TokenFlag.USER_PIN_COUNT_LOW:
        return "few tries left before the token locks"
    return "the token does not say how many tries are left"


class TokenSession:
    """A logged-in session on the token and a pyhanko signer over it, checked before first use: the
    certificate is valid today and made for signatures. Use as a context manager."""

    def __init__(self, spec: TokenSpec, pin: str) -> None:
        self.spec = spec
        token = _token(spec)
        if token.flags & TokenFlag.USER_PIN_LOCKED:
            raise TokenLocked("the signing token is locked (too many wrong PINs): its administrator must unblock it")
        try:
            self._session = token.open(user_pin=pin)
        except p11.UserAlreadyLoggedIn:
            # PKCS#11 logs in per process, not per session: another session of ours (another signer
            # over the same token) holds the login, and a new session shares it
            self._session = token.open()
        except p11.PinIncorrect:
            raise WrongPin(_tries_left(spec)) from None
        except p11.PinLocked:
            raise TokenLocked("the signing token is locked (too many wrong PINs): its administrator must unblock it") from None
        except (p11.TokenNotPresent, p11.DeviceRemoved):
            raise TokenMissing("the signing token was removed: plug it in again") from None
        except p11.PKCS11Error as error:
            raise SigningError(f"the signing token refused the session: {error.__class__.__name__}") from None
        try:
            self.certificate = _certificate(self._session, spec)
            check_can_sign(self.certificate)
            label = spec.key_label or self._label_of(self.certificate)
            # other_certs_to_pull=None: the token's CA certificates are embedded with the signature
            self.signer = PKCS11Signer(self._session, cert_label=label, key_label=label, other_certs_to_pull=None)
        except BaseException:
            self._session.close()
            raise

    def _label_of(self, certificate: asn1_x509.Certificate) -> str:
        for obj in self._session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
            if obj[Attribute.VALUE] == certificate.dump():
                return obj[Attribute.LABEL]
        raise TokenMissing("the token's certificate has no label")

    def close(self) -> None:
        try:
            self._session.close()
        except p11.PKCS11Error:  # the token was pulled out: nothing left to close
            pass

    def __enter__(self) -> "TokenSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

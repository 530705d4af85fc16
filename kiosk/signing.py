"""The centre's signature on every digitised copy the station makes (Decree 30/2020/NĐ-CP), as configured.

The key is on a PKCS#11 token (config `signing_*`); its PIN comes once per process from where
`signing_pin` says and stays in this process's memory only, so a token pulled out and put back signs
again without anyone typing. A PKCS#12 file is accepted for development, with a warning.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from pathlib import Path
from typing import Callable

from drivers.signing.certificates import TrustAnchors
from drivers.signing.errors import SigningError, TokenMissing, WrongPin
from drivers.signing.pades import SignatureDetails, Signed, Timestamping, sign_pdf
from drivers.signing.pkcs12 import Pkcs12Key
from drivers.signing.token import TokenSession, TokenSpec, TokenStatus, token_status
from drivers.signing.verify import Verification, verify_pdf
from kiosk.config import Config
from kiosk.store.keystores import KeyFileError, console_passphrase, read_private

log = logging.getLogger(__name__)

PIN_CREDENTIAL = "signing-pin"  # LoadCredentialEncrypted=signing-pin:… in the station's service
PKCS12_WARNING = ("the signing key is a PKCS#12 file (signing_key = pkcs12): for development only — a copy "
                  "of the file signs as the centre; use the centre's token on a station")


def token_spec(config: Config) -> TokenSpec:
    """The token as configured (the simulated station's SoftHSM2 configuration with it: the driver points
    the module at it before listing tokens)."""
    return TokenSpec(config.signing_module, config.signing_token, config.signing_slot, config.signing_key_label,
                     config.softhsm2_conf)


def read_pin(config: Config, ask: Callable[[str], str] = console_passphrase) -> str:
    """The token's PIN (or the PKCS#12 passphrase) from where `signing_pin` says; never logged."""
    try:
        if config.signing_pin == "file":
            if config.signing_pin_file is None:
                raise SigningError("signing_pin is file but signing_pin_file is not set")
            return read_private(config.signing_pin_file, 256).decode("utf-8").strip()
        if config.signing_pin == "credential":
            folder = os.environ.get("CREDENTIALS_DIRECTORY")
            if not folder or not (Path(folder) / PIN_CREDENTIAL).is_file():
                raise SigningError(f"signing_pin is credential but no systemd credential {PIN_CREDENTIAL} was "
                                   f"passed (LoadCredentialEncrypted={PIN_CREDENTIAL}:… in the service)")
            return read_private(Path(folder) / PIN_CREDENTIAL, 256).decode("utf-8").strip()
        return ask("PIN of the centre's signing token")
    except EOFError:  # Ctrl-D at the prompt
        raise SigningError("no PIN was typed for the signing token") from None
    except KeyFileError as error:
        raise SigningError(str(error).replace("station key", "signing PIN")) from None


def signature_trust(config: Config) -> TrustAnchors:
    """The CAs trusted to sign digitised copies (config `signature_trust`)."""
    try:
        return TrustAnchors.load(config.signature_trust)
    except (FileNotFoundError, ValueError) as error:
        raise SigningError(f"signature trust: {error}") from None


def verify_document(data: bytes, trust: TrustAnchors) -> Verification:
    return verify_pdf(data, trust)


class StationSigner:
    """Signs the station's documents; one per process, shared by every intake (a lock keeps the token's
    session to one signature at a time). Opens lazily: a token missing at start is named at the first
    signature (and by `kiosk doctor`), not a reason for the station not to start."""

    def __init__(self, config: Config, ask: Callable[[str], str] = console_passphrase) -> None:
        self.config = config
        self.spec = token_spec(config)
        self._ask = ask
        self._pin: str | None = None
        self._key: TokenSession | Pkcs12Key | None = None
        self._refused: SigningError | None = None  # the PIN given up on: asked again only at a restart
        self._lock = threading.Lock()
        if config.signing_key == "pkcs12":
            log.warning(PKCS12_WARNING)

    def unlock(self) -> None:
        """Asks the PIN now (at start, before any window opens) and opens the key: errors show early."""
        with self._lock:
            self._open()

    def unlock_with_retries(self, tries: int = 3, say: Callable[[str], None] = print) -> SigningError | None:
        """`kiosk start`: the PIN asked before any window opens, again after a wrong one when a person
        types it (up to `tries` times; a PIN read from a file or a credential is not tried twice: it
        would only count down to a locked token). Returns the problem left, None when unlocked; the
        station starts either way, and a PIN given up on is not asked again by this process."""
        for attempt in range(1, tries + 1):
            try:
                self.unlock()
                return None
            except WrongPin as error:
                if self.config.signing_pin != "prompt" or attempt == tries:
                    with self._lock:
                        self._refused = WrongPin(f"{error.tries}; restart the station to enter the PIN again")
                    return error
                say(f"kiosk: {error}; try again ({tries - attempt} more)")
            except SigningError as error:  # missing, locked, unusable: named, the station starts anyway
                return error
        return None  # unreachable: the last try returns

    def _open(self):
        if self._key is None:
            if self._refused is not None:
                raise self._refused
            if self._pin is None:
                self._pin = read_pin(self.config, self._ask)
            try:
                if self.config.signing_key == "pkcs12":
                    if self.config.signing_pkcs12 is None:
                        raise SigningError("signing_key is pkcs12 but signing_pkcs12 is not set")
                    self._key = Pkcs12Key(self.config.signing_pkcs12, self._pin)
                else:
                    self._key = TokenSession(self.spec, self._pin)
            except SigningError as error:
                if error.code in ("signing.wrong_pin", "signing.token_locked"):
                    self._pin = None  # a wrong PIN is asked again, never retried into a lock
                raise
        return self._key

    @property
    def certificate(self):
        with self._lock:
            return self._open().certificate

    def sign(self, pdf: bytes, local_reference: str, officer: str = "") -> Signed:
        """The document signed for dossier `local_reference`: the centre's key, the officer signed in
        (if any) named, a timestamp where the province runs a TSA and revocation data where known."""
        details = SignatureDetails(
            reason=f"Bản sao điện tử số hóa từ bản chính; hồ sơ {local_reference}",
            location=f"{self.config.station_id}, {self.config.center_unit}",
            name=f"Cán bộ tiếp nhận: {officer}" if officer else "")
        timestamping = None
        if self.config.tsa_url:
            # the province's TSA is its sync server: it asks for the station's client certificate too
            client = ((self.config.client_certificate, self.config.client_key)
                      if self.config.client_certificate and self.config.client_key else None)
            timestamping = Timestamping(self.config.tsa_url, self.config.ca_bundle, client_certificate=client)
        revocation = None
        if timestamping is not None:
            try:
                revocation = signature_trust(self.config)
            except SigningError as error:
                log.warning("no revocation data to embed: %s", error)
        with self._lock:
            key = self._open()
            try:
                return sign_pdf(pdf, key.signer, details, timestamping=timestamping, revocation=revocation)
            except TokenMissing:
                self._close()  # pulled out: the next signature opens it again
                raise

    def status(self) -> TokenStatus:
        return token_status(self.spec)

    def _close(self) -> None:
        if self._key is not None:
            self._key.close()
            self._key = None

    def close(self) -> None:
        with self._lock:
            self._close()
            self._pin = None


_station_signers: dict[Config, StationSigner] = {}
_station_signers_lock = threading.Lock()


def station_signer(config: Config, ask: Callable[[str], str] = console_passphrase) -> StationSigner:
    """The process's one signer for this configuration: the PIN typed at `kiosk start` is the one every
    window's intake signs with. Closed when the process ends."""
    with _station_signers_lock:
        signer = _station_signers.get(config)
        if signer is None:
            signer = _station_signers[config] = StationSigner(config, ask)
        return signer


@atexit.register
def _close_station_signers() -> None:
    with _station_signers_lock:
        signers = list(_station_signers.values())
        _station_signers.clear()
    for signer in signers:
        signer.close()

"""The figures that ask something outside the store: PC/SC readers (cheap: asked at every scrape), SANE's
device list and the certificates (slow or rarely changing: kept with their age and refreshed on a
background thread, so that a scrape never waits for a scanner backend or a token's module)."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Generic, TypeVar

from drivers.card.pcsc import PcscUnavailable, reader_names
from kiosk.config import Config
from kiosk.devices import DeviceSetup, ScannerUnavailable, scanners

log = logging.getLogger(__name__)
T = TypeVar("T")
EXPIRING_SOON_DAYS = 30  # the alert's window: a renewal takes the province's CA weeks


class Cached(Generic[T]):
    """A slow probe's last answer and its age. `get()` starts a refresh when the answer is older than
    `every` and waits for it at most `first_wait` seconds the first time only."""

    def __init__(self, probe: Callable[[], T], every: float, first_wait: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.probe, self.every, self.first_wait, self.clock = probe, every, first_wait, clock
        self._lock = threading.Lock()
        self._value: T | None = None
        self._taken: float | None = None
        self._running: threading.Thread | None = None

    def get(self) -> tuple[T | None, float | None]:
        """(value, its age in seconds); (None, None) before the first answer."""
        with self._lock:
            stale = self._taken is None or self.clock() - self._taken >= self.every
            if stale and self._running is None:
                self._running = threading.Thread(target=self._refresh, name="health-probe", daemon=True)
                self._running.start()
            running, first = self._running, self._taken is None
        if first and running is not None:
            running.join(self.first_wait)
        with self._lock:
            return self._value, None if self._taken is None else self.clock() - self._taken

    def _refresh(self) -> None:
        try:
            value = self.probe()
        except Exception:  # noqa: BLE001 - a failed probe keeps the last answer; the log says why
            log.warning("health probe failed", exc_info=True)
            value = None
        with self._lock:
            if value is not None:
                self._value, self._taken = value, self.clock()
            self._running = None


def card_readers() -> int | None:
    """Readers pcscd knows; None when pcscd does not answer (exported as 0 readers, pcsc down)."""
    try:
        return len(reader_names())
    except PcscUnavailable:
        return None


def scanner_probe(setup: DeviceSetup) -> Callable[[], int]:
    def count() -> int:
        try:
            return len(scanners(setup))
        except ScannerUnavailable as error:
            log.warning("scanners not listed: %s", error)
            return 0

    return count


@dataclass(frozen=True)
class CertificateDays:
    """Days left of each certificate that could be read (a missing one is absent, not 0)."""

    station: int | None = None  # client_certificate: what the station shows the province
    signing: int | None = None  # the centre's signing certificate (token, or the PKCS#12 file)
    csca_min: int | None = None  # the soonest expiry among the trust store's CSCAs still valid
    cscas: int = 0  # CSCAs in the trust store
    cscas_expiring: int = 0  # still valid, expiring within EXPIRING_SOON_DAYS
    cscas_expired: int = 0  # kept for documents they signed earlier: not an alarm, but counted


def certificate_days(config: Config, now: datetime | None = None) -> CertificateDays:
    now = now or datetime.now(timezone.utc)
    return CertificateDays(_station_days(config, now), _signing_days(config), *_csca_days(config, now))


def _station_days(config: Config, now: datetime) -> int | None:
    from drivers.signing.certificates import days_left, load_certificate

    if config.client_certificate is None:
        return None
    try:
        return days_left(load_certificate(config.client_certificate.read_bytes()), now)
    except (OSError, ValueError, IndexError) as error:
        log.warning("station certificate not read (%s)", error.__class__.__name__)
        return None


def _signing_days(config: Config) -> int | None:
    """The token's certificate as `kiosk doctor` reads it, without the PIN. A PKCS#12 file needs its
    passphrase to be read: development only, so absent here."""
    from drivers.signing.certificates import days_left
    from drivers.signing.errors import SigningError
    from drivers.signing.token import token_status
    from kiosk.signing import token_spec

    if config.signing_key != "pkcs11":
        return None
    try:
        return days_left(token_status(token_spec(config)).certificate)
    except SigningError as error:
        log.warning("signing certificate not read: %s", error)
        return None


def _csca_days(config: Config, now: datetime) -> tuple[int | None, int, int, int]:
    """The trust store in use: the province's content's when it has one, else `trust_store`."""
    from drivers.card.trust import TrustStore, TrustStoreError
    from kiosk.content import active_content

    folder = active_content(config).trust_store
    if not folder.is_dir():
        return None, 0, 0, 0
    try:
        store = TrustStore.load(folder)
    except TrustStoreError as error:
        log.warning("trust store not read: %s", error)
        return None, 0, 0, 0
    ends = [anchor.certificate.not_valid_after_utc for anchor in store]
    valid = [end for end in ends if end > now]
    soon = now + timedelta(days=EXPIRING_SOON_DAYS)
    return (min((end - now).days for end in valid) if valid else None, len(ends),
            sum(end <= soon for end in valid), len(ends) - len(valid))

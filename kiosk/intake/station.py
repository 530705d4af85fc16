"""What a station lends every intake for as long as it runs: the store, the catalogs, the trust store,
the scanner worker and page pipeline, the face engine and the fingerprint reader. Opened once (slow:
processes start, the face model loads) by the window or the command line, closed when it quits.

The catalogs, the holiday calendar and the trust store are the province's content when the station has
some (kiosk.content), else its own; a newer content version swapped in by the relay is noticed when an
intake begins and loaded on a thread of its own (`refresh_content`): the intakes after it use it, with no
restart."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.config import Config

from .intake import ConsentText, IntakeSetup

log = logging.getLogger(__name__)


@dataclass
class StationServices:
    config: Config
    store: Any
    procedures: Any
    units: Any
    consent: ConsentText
    trust: Any = None
    scanner: Any = None
    pipeline: Any = None
    face: Any = None
    fingerprint: Any = None
    signer: Any = None  # kiosk.signing.StationSigner: the centre's signature on every copy
    problems: list[str] = field(default_factory=list)  # what could not be opened, for the technician's log
    holidays: frozenset = frozenset()  # kiosk.catalogs.DaysOff of the holiday calendar; empty: weekends only
    intake_extras: dict[str, Any] = field(default_factory=dict)  # IntakeSetup fields every intake gets (training)
    content_version: int | None = None  # the province's content version the catalogs and trust come from
    _refreshing: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)  # one reload at a time

    @classmethod
    def open(cls, config: Config, sane_config_dir: Path | None = None, scanner: bool = True) -> "StationServices":
        """Opens everything; a device that cannot be opened is left out (its step then says so) and named
        in `problems`. The store and the catalogs are required: without them there is no intake."""
        from kiosk.content import active_content
        from kiosk.store import open_station_store

        content = active_content(config)
        services = cls(config, open_station_store(config), content.procedures(), content.units(),
                       ConsentText.load(), content_version=content.version)
        services._load_holidays()
        try:
            services._open_devices(sane_config_dir, scanner)
        except BaseException:
            services.close()
            raise
        return services

    def _load_holidays(self) -> None:
        """The holiday calendar (config `holiday_calendar`, else the shipped one). One that cannot be read
        leaves only weekends skipped: the receipt then says public holidays are not counted."""
        from datetime import date

        from kiosk.catalogs import CatalogError, load_holidays
        from kiosk.content import active_content

        try:
            calendar = load_holidays(active_content(self.config).holiday_calendar)
        except CatalogError as error:
            self.problems.append(f"holiday calendar: {error}")  # logged with the devices' problems
            return
        self.holidays = calendar.days
        if not calendar.covers(date.today()):
            self.problems.append(f"holiday calendar: {calendar.path.name} does not list this year's holidays")

    def _open_devices(self, sane_config_dir: Path | None, scanner: bool) -> None:
        from drivers.biometrics.face import FaceProblem
        from drivers.biometrics.face_process import FaceProcess
        from drivers.biometrics.fingerprint import FingerprintError, load_reader

        config = self.config
        self._load_trust()
        if scanner:
            from drivers.scanner.pipeline import PagePipeline
            from drivers.scanner.worker import ScannerWorker, ScannerWorkerError

            try:
                self.scanner = ScannerWorker(sane_config_dir).__enter__()
                self.pipeline = PagePipeline().__enter__()
            except ScannerWorkerError as error:
                self.problems.append(f"scanner: {error}")
        try:
            self.face = FaceProcess(config.face_threshold)  # dlib keeps the interpreter lock: not beside a window
        except FaceProblem as problem:
            self.problems.append(f"face model: {problem}")
        try:
            self.fingerprint = load_reader(config.fingerprint_reader)
        except FingerprintError as error:
            self.problems.append(f"fingerprint reader: {error}")
        self._open_signer()
        from .units import warm_up

        warm_up()
        for problem in self.problems:
            log.warning("station service unavailable: %s", problem)

    def _load_trust(self) -> None:
        """The CSCA certificates and master lists: the province's content's, else `trust_store`."""
        from drivers.card.trust import TrustStore, TrustStoreError
        from kiosk.content import active_content

        folder = active_content(self.config).trust_store
        if folder.is_dir():
            try:
                self.trust = TrustStore.load(folder)
            except TrustStoreError as error:
                self.problems.append(f"trust store: {error}")
        else:
            self.problems.append(f"trust store: no folder {folder}")

    def refresh_content(self) -> bool:
        """Reloads the catalogs, the holiday calendar and the trust store when the relay swapped in a newer
        content version since they were loaded (one readlink when it did not). True when reloaded."""
        from kiosk.content import active_content, content_version

        with self._refreshing:
            if content_version(self.config) == self.content_version:
                return False
            content = active_content(self.config)
            self.procedures, self.units = content.procedures(), content.units()
            self._load_holidays()
            self._load_trust()
            self.content_version = content.version
        log.info("content version %s from the province in use: catalogs and trust store reloaded", content.version)
        return True

    def _refresh_content_aside(self) -> None:
        """`refresh_content` on a thread of its own when a newer version is there: the front ends begin
        intakes on their GUI thread, and a master list takes a few hundred milliseconds to read."""
        from kiosk.content import content_version

        if content_version(self.config) != self.content_version and not self._refreshing.locked():
            threading.Thread(target=self.refresh_content, name="content-refresh", daemon=True).start()

    def _open_signer(self) -> None:
        """The process's signing key (`kiosk start` asked its PIN before any window opened; otherwise it
        is asked once, here): a token missing now is named in `problems` and tried again at the first
        submit, which refuses to store an unsigned copy."""
        from drivers.signing.errors import SigningError
        from kiosk.signing import station_signer

        self.signer = station_signer(self.config)
        try:
            self.signer.unlock()
        except SigningError as error:
            self.problems.append(f"signing token: {error}")

    def intake_setup(self, received_by: str, **more: Any) -> IntakeSetup:
        """The station's parts, then `intake_extras` (a training run's: they may stand in for a part, e.g.
        the fingerprint reader), then `more`. A new content version is noticed here and loaded aside. The
        station's health records every intake's card-read and scan outcomes (kiosk.health), beside whatever
        observer those give."""
        from kiosk.health import OutcomeRecorder

        fields = dict(store=self.store, procedures=self.procedures, units=self.units,
                      center_unit=self.config.center_unit, received_by=received_by, consent=self.consent,
                      trust=self.trust, scanner=self.scanner, pipeline=self.pipeline, camera=self.config.camera,
                      face=self.face, fingerprint=self.fingerprint, signer=self.signer, holidays=self.holidays)
        chosen = {**fields, **self.intake_extras, **more}
        chosen["observer"] = OutcomeRecorder(self.config.data_dir).chained(chosen.get("observer"))
        self._refresh_content_aside()  # after this intake took its parts: it keeps them whole
        return IntakeSetup(**chosen)

    def close(self) -> None:
        # the signer is the process's (its PIN asked once per process): it closes when the process ends
        for part in (self.face, self.fingerprint, self.pipeline, self.scanner, self.store):
            if part is not None:
                try:
                    part.close()
                except Exception as error:  # closing must go on to the next part
                    log.error("closing %s failed: %s", type(part).__name__, error.__class__.__name__)
        self.signer = self.face = self.fingerprint = self.pipeline = self.scanner = None

"""What a process that runs the relay also runs for the station's health: the metrics endpoint, and the
store's integrity check at start and then daily, each result recorded for the exporter (the full check
decrypts every document: far too slow for a scrape)."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

from kiosk.config import Config
from kiosk.devices import DeviceSetup

from .collector import StationCollector
from .endpoint import MetricsEndpoint, start_endpoint
from .records import IntegrityRecord, record_integrity
from .relay import RelayFigures

log = logging.getLogger(__name__)
INTEGRITY_EVERY = 24 * 3600.0


def check_and_record(store: Any, data_dir: Path) -> tuple[list[str], IntegrityRecord]:
    """`store.check()`, timed, its result recorded for the exporter; the problems are returned for whoever
    asked (they name ids, never personal data, and are not exported: only their count)."""
    started = time.monotonic()
    problems = store.check()
    return problems, record_integrity(data_dir, len(problems), time.monotonic() - started)


class HealthService:
    def __init__(self, config: Config, relay: RelayFigures, devices: DeviceSetup | None = None,
                 integrity_every: float | None = INTEGRITY_EVERY) -> None:
        self.config = config
        self.collector = StationCollector(config, devices, relay)
        self.integrity_every = integrity_every  # None: no scheduled check
        self.endpoint: MetricsEndpoint | None = None
        self._stop = threading.Event()
        self._checker: threading.Thread | None = None

    def start(self) -> MetricsEndpoint | None:
        """The endpoint (None when metrics_address is empty) and the integrity schedule. Raises
        StationError when the endpoint cannot serve; the schedule is started first either way."""
        if self.integrity_every is not None and self.config.station_key == "passphrase":
            log.info("no scheduled integrity check: the station key's passphrase is asked at start only")
        elif self.integrity_every is not None:
            self._checker = threading.Thread(target=self._check_daily, name="integrity-check", daemon=True)
            self._checker.start()
        self.endpoint = start_endpoint(self.config, self.collector)
        return self.endpoint

    def close(self) -> None:
        self._stop.set()
        if self.endpoint is not None:
            self.endpoint.close()
            self.endpoint = None

    def _check_daily(self) -> None:
        from kiosk.store import open_station_store

        while not self._stop.is_set():
            try:
                with open_station_store(self.config) as store:
                    problems, record = check_and_record(store, self.config.data_dir)
                (log.error if problems else log.info)("store integrity check: %d problem(s) in %.1f s",
                                                      record.problems, record.seconds)
            except Exception:  # noqa: BLE001 - the relay goes on; the figure stays at the last check
                log.exception("store integrity check could not run")
            if self._stop.wait(self.integrity_every):
                return

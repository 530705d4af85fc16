"""The relay inside the application: its own thread, its own store connection, stopped on exit."""

from __future__ import annotations

import ipaddress
import logging
import threading
from typing import Callable
from urllib.parse import urlsplit

from kiosk.config import Config
from kiosk.devices import DeviceSetup
from kiosk.errors import ConfigError
from kiosk.health import RelayFigures
from sync.relay import Progress, Relay

log = logging.getLogger(__name__)


def relay_configured(config: Config) -> bool:
    return bool(config.endpoint) and all(
        path is not None and path.is_file() for path in (config.ca_bundle, config.client_certificate, config.client_key))


class TrainingEndpointRefused(ConfigError):
    """A training configuration whose endpoint is not this machine: its dossiers are fictitious."""


def refuse_real_endpoint(config: Config) -> None:
    """A training session delivers to the training province on loopback only: raises
    TrainingEndpointRefused for any other endpoint, before a connection is tried."""
    if not config.training or not config.endpoint:
        return
    host = urlsplit(config.endpoint).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise TrainingEndpointRefused(
            "endpoint", f"a training session delivers only to the training province on this machine (127.0.0.1), "
            f"never to {host}: its dossiers are fictitious. Start training with `kiosk start --mode training`, "
            "which sets its own endpoint")


class RelayService:
    """Runs `Relay.run` on a background thread. `on_progress` is called from that thread."""

    def __init__(self, config: Config, on_progress: Callable[[str, Progress], None] | None = None,
                 devices: DeviceSetup | None = None) -> None:
        """`devices`: where the station's health finds the scanners (None: the system's SANE)."""
        refuse_real_endpoint(config)
        self.config = config
        self.on_progress = on_progress
        self.devices = devices
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.figures = RelayFigures()  # the relay's errors and last answer, for the metrics endpoint
        self.health = None  # kiosk.health.service.HealthService, once started

    def start(self) -> None:
        self._start_health()
        self._thread = threading.Thread(target=self._run, name="outbox-relay", daemon=True)
        self._thread.start()

    def _start_health(self) -> None:
        """The metrics endpoint beside the relay (config metrics_address); one that cannot serve is logged
        and the relay runs anyway. No scheduled integrity check here: the window stays light."""
        from kiosk.errors import StationError
        from kiosk.health.service import HealthService

        self.figures.running = True
        self.health = HealthService(self.config, self.figures, self.devices, integrity_every=None)
        try:
            self.health.start()
        except StationError as error:
            log.error("%s", error)

    def stop(self, timeout: float = 10.0) -> None:
        if self.health is not None:
            self.health.close()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        from kiosk.store import open_station_store
        from sync.client import HttpProvincialClient
        from sync.content_updater import ContentUpdater

        config = self.config
        client = HttpProvincialClient(config.endpoint, config.ca_bundle, config.client_certificate,
                                      config.client_key, bandwidth=config.upload_bandwidth or None)
        content = ContentUpdater(config)  # the province's content: one of the relay's chores
        try:
            with open_station_store(config) as store:
                with Relay(store, client, figures=self.figures,
                           chores=[content.check_if_due] if content.configured else []) as relay:
                    if self.on_progress:
                        relay.listeners.append(self.on_progress)
                    relay.run(self._stop)
        except Exception:  # the application goes on; the log says why the relay stopped
            log.exception("the outbox relay stopped")
        finally:
            client.close()

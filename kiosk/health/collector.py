"""`StationCollector`: the station's figures as Prometheus metrics, gathered when the province scrapes.

It is made of parts, each a callable giving metric families; a part that fails is reported by
`digitisation_point_collector_part_ok{part}` = 0 and the others still answer. Every label value comes
from a closed set (kinds, outcomes, error classes, certificate roles)."""

from __future__ import annotations

import logging
import time
from datetime import date, datetime, timezone
from typing import Callable, Iterable, Iterator

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from kiosk import __version__
from kiosk.config import Config
from kiosk.content import ERROR_KINDS, content_status
from kiosk.devices import DeviceSetup
from kiosk.store.counter import VIETNAM
from kiosk.store.figures import StoreFigures

from .probes import Cached, card_readers, certificate_days, scanner_probe
from .records import read_integrity, read_outcomes
from .relay import RelayFigures

log = logging.getLogger(__name__)
PREFIX = "digitisation_point_"
Part = Callable[[], Iterable[Metric]]


def gauge(name: str, documentation: str, value: float | None = None, labels: Iterable[str] = ()) -> GaugeMetricFamily:
    family = GaugeMetricFamily(PREFIX + name, documentation, labels=list(labels) or None)
    if value is not None:
        family.add_metric([], value)
    return family


class StationCollector(Collector):
    def __init__(self, config: Config, devices: DeviceSetup | None = None, relay: RelayFigures | None = None,
                 clock: Callable[[], float] = time.time, scanners_every: float = 300.0,
                 certificates_every: float = 3600.0) -> None:
        self.config = config
        self.relay = relay
        self.clock = clock
        self.started = clock()
        self.store = StoreFigures(config.store_dir)
        self._scanners = Cached(scanner_probe(devices or DeviceSetup()), scanners_every)
        self._certificates = Cached(lambda: certificate_days(config), certificates_every)
        self._store_size = Cached(self.store.size_bytes, 60.0)
        # name → part: another collector part (the content delivery's) is one more entry
        self.parts: dict[str, Part] = {
            "process": self.process, "devices": self.devices, "outcomes": self.outcomes,
            "outbox": self.outbox, "certificates": self.certificates, "store": self.store_health,
            "waits": self.waits, "content": self.content}

    def collect(self) -> Iterator[Metric]:
        health = gauge("collector_part_ok", "1 when the part's figures were gathered, 0 when it failed (see the "
                       "station's log)", labels=["part"])
        for name, part in self.parts.items():
            try:
                families = list(part())
            except Exception:  # noqa: BLE001 - one broken part must not blank the station's whole scrape
                log.exception("health part %s failed", name)
                health.add_metric([name], 0)
                continue
            health.add_metric([name], 1)
            yield from families
        yield health

    # --- the parts ---------------------------------------------------------------------------

    def process(self) -> Iterable[Metric]:
        info = gauge("build_info", "the application's version (value 1)", labels=["version"])
        info.add_metric([__version__], 1)
        return [info, gauge("start_time_seconds", "when this process started (unix time)", self.started),
                gauge("uptime_seconds", "seconds since this process started", self.clock() - self.started)]

    def devices(self) -> Iterable[Metric]:
        readers = card_readers()
        scanners, age = self._scanners.get()
        families = [gauge("pcsc_up", "1 when the PC/SC service (pcscd) answers", int(readers is not None)),
                    gauge("card_readers", "card readers the PC/SC service knows (0 when it does not answer)",
                          readers or 0)]
        if scanners is not None:
            families += [gauge("scanners", "scanners SANE lists", scanners),
                         gauge("scanners_probe_age_seconds", "age of the scanner count (SANE is asked on a "
                               "background thread, at most every few minutes)", age)]
        return families

    def outcomes(self) -> Iterable[Metric]:
        record = read_outcomes(self.config.data_dir)
        last = gauge("last_outcome", "1 for the last outcome of each kind (card_read, scan)", labels=["kind", "outcome"])
        last_at = gauge("last_outcome_timestamp_seconds", "when the last outcome of each kind happened (unix time)",
                        labels=["kind"])
        each = gauge("outcome_timestamp_seconds", "when each outcome of each kind last happened (unix time)",
                     labels=["kind", "outcome"])
        for kind, entry in record.items():
            last.add_metric([kind, entry["last"]], 1)
            last_at.add_metric([kind], entry["at"])
            for outcome, at in entry["times"].items():
                each.add_metric([kind, outcome], at)
        return [last, last_at, each]

    def outbox(self) -> Iterable[Metric]:
        figures = self.store.outbox()
        now = self.clock()
        oldest = 0.0 if figures.oldest_queued is None else max(0.0, now - figures.oldest_queued.timestamp())
        reached = [t for t in (figures.last_accepted and figures.last_accepted.timestamp(),
                               self.relay and self.relay.last_reached) if t]
        families = [
            gauge("outbox_dossiers", "dossiers queued for the province (or uploading)", figures.dossiers),
            gauge("outbox_pending_bytes", "bytes of their documents", figures.pending_bytes),
            gauge("outbox_oldest_age_seconds", "age of the oldest queued dossier (0 when none is queued)", oldest),
            gauge("last_successful_sync_timestamp_seconds", "the last time the province accepted a dossier or "
                  "answered this process's relay (unix time; 0: never)", max(reached, default=0)),
            gauge("relay_running", "1 when this process runs the outbox relay (its errors are counted here)",
                  int(bool(self.relay and self.relay.running)))]
        if self.relay is not None:
            errors = CounterMetricFamily(PREFIX + "relay_errors", "relay failures since this process started, by "
                                         "class", labels=["class"])
            for error_class, count in self.relay.errors().items():
                errors.add_metric([error_class], count)
            families.append(errors)
        return families

    def certificates(self) -> Iterable[Metric]:
        days, age = self._certificates.get()
        if days is None:
            return []
        left = gauge("certificate_days_left", "days before the certificate expires: station (shown to the "
                     "province), signing (the centre's), csca (the soonest of the trust store's valid CSCAs)",
                     labels=["certificate"])
        for role, value in (("station", days.station), ("signing", days.signing), ("csca", days.csca_min)):
            if value is not None:
                left.add_metric([role], value)
        return [left,
                gauge("trust_store_cscas", "CSCA certificates in the trust store", days.cscas),
                gauge("trust_store_cscas_expiring", "valid CSCAs expiring within 30 days", days.cscas_expiring),
                gauge("trust_store_cscas_expired", "expired CSCAs (kept for documents signed before)",
                      days.cscas_expired),
                gauge("certificates_probe_age_seconds", "age of the certificate figures", age)]

    def store_health(self) -> Iterable[Metric]:
        families = []
        size, _ = self._store_size.get()
        if size is not None:
            families.append(gauge("store_size_bytes", "the store's files on disk (database and encrypted "
                                  "documents)", size))
        check = read_integrity(self.config.data_dir)
        if check is not None:
            families += [
                gauge("store_integrity_ok", "1 when the last integrity check found no problem", int(check.ok)),
                gauge("store_integrity_problems", "problems the last integrity check found", check.problems),
                gauge("store_integrity_check_timestamp_seconds", "when the last integrity check ended (unix time)",
                      check.at),
                gauge("store_integrity_check_age_seconds", "seconds since the last integrity check ended",
                      max(0.0, self.clock() - check.at)),
                gauge("store_integrity_check_duration_seconds", "how long the last integrity check took",
                      check.seconds)]
        return families

    def waits(self) -> Iterable[Metric]:
        now = self.clock()
        report = self.store.day_report(day_of(now), self.config.wait_alert_minutes)
        families = [gauge("wait_alert_seconds", "the wait the counter alerts on (config wait_alert_minutes)",
                          self.config.wait_alert_minutes * 60),
                    gauge("wait_longest_last_hour_seconds", "longest wait of the dossiers received in the last hour, "
                          "first contact to receipt (0: none measured)",
                          self.store.longest_wait_since(datetime.fromtimestamp(now - 3600, timezone.utc)))]
        if report is None:
            return families
        families += [
            gauge("dossiers_received_today", "dossiers received today (Vietnam time)", report.received),
            gauge("waits_measured_today", "of them, those whose wait is known (a first contact)",
                  report.with_first_contact),
            gauge("waits_over_alert_today", "waits today longer than wait_alert_seconds", report.over_threshold),
            gauge("wait_median_today_seconds", "median wait today, first contact to receipt (0: none measured)",
                  report.median_handling_seconds or 0),
            gauge("wait_longest_today_seconds", "longest wait today, first contact to receipt (0: none measured)",
                  report.longest_wait_seconds or 0)]
        return families

    def content(self) -> Iterable[Metric]:
        status = content_status(self.config, datetime.fromtimestamp(self.clock(), timezone.utc))
        failed = gauge("content_update_failed", "1 for the kind of the last failed check of the province's signed "
                       "content (the station stays on its last good version), 0 for the others", labels=["kind"])
        for kind in ERROR_KINDS:
            failed.add_metric([kind], int(status["error_kind"] == kind))
        families = [gauge("content_configured", "1 when the station is installed with the province's content "
                          "root (content_root)", int(status["configured"])),
                    gauge("content_version", "the version of the province's content in use (0: the station's "
                          "own files)", status["version"] or 0),
                    failed]
        for name, moment, documentation in (
                ("content_last_check_timestamp_seconds", status["last_check"], "the last check of the content"),
                ("content_last_success_timestamp_seconds", status["last_success"],
                 "the last check that verified the province's repository"),
                ("content_expires_timestamp_seconds", status["expires"],
                 "when the verified metadata expires (the province must publish again before)")):
            if moment:
                families.append(gauge(name, documentation + " (unix time)", datetime.fromisoformat(moment).timestamp()))
        return families


def scrape_text(collector: Collector) -> bytes:
    """One scrape in Prometheus' text format, as the endpoint serves it."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(collector)
    return generate_latest(registry)


def day_of(moment: float) -> date:
    return datetime.fromtimestamp(moment, timezone.utc).astimezone(VIETNAM).date()

"""The station's health collector over a real store in a temporary folder: each part's figures, the
intake observer's record, the integrity check's record, the relay's errors; and the endpoint over TLS
with the scraper's client certificate, on a free loopback port."""

from __future__ import annotations

import json
import socket
import ssl
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.config import load_config
from kiosk.devices import DeviceSetup
from kiosk.domain import CitizenSnapshot, Component, Document, Dossier
from kiosk.errors import ConfigError
from kiosk.health import OutcomeRecorder, RelayFigures, read_outcomes
from kiosk.health.collector import StationCollector, scrape_text
from kiosk.health.endpoint import start_endpoint
from kiosk.health.records import health_dir
from kiosk.health.service import check_and_record
from kiosk.intake.intake import Event, Step
from kiosk.store import open_store
from sync.client import AuditRefused, Conflict, Offline, PermanentError, SignatureRefused, TransientError
from sync.reference_pki import make_test_pki
from sync.relay import error_class
from tests.conftest import write_config
from tests.health.scrape import samples, value
from tests.sync.factories import Clock, pdf


@pytest.fixture
def config(tmp_path):
    return load_config(write_config(tmp_path, key_dir=str(tmp_path / "keys"), trust_store=str(tmp_path / "trust"),
                                    wait_alert_minutes=20), env={})


def submit(store, clock: Clock, waited_minutes: float | None = None, size: int = 10_000) -> Dossier:
    dossier = Dossier(procedure_code="1.001193", receiving_unit="06970", competent_unit="06970",
                      citizen=CitizenSnapshot(id_number="001190012345", full_name="Nguyễn Thị Hồng Nhung"),
                      received_by="officer-7", created_at=clock(),
                      first_contact_at=None if waited_minutes is None else clock() - timedelta(minutes=waited_minutes))
    dossier.set_component(Component(name="Giấy tờ", document=Document.from_pdf(pdf(size), 1)), clock())
    dossier.mark_ready(clock())
    store.submit(dossier, now=clock())
    clock.advance(60)
    return dossier


def quiet(config) -> DeviceSetup:
    """SANE with no backend: the scanner count is 0 at once (listing every Debian backend takes seconds)."""
    folder = config.data_dir.parent / "sane"
    folder.mkdir(exist_ok=True)
    (folder / "dll.conf").write_text("")
    return DeviceSetup(sane_config_dir=folder)


def collector_at(config, clock: Clock, relay: RelayFigures | None = None) -> StationCollector:
    return StationCollector(config, quiet(config), relay, clock=lambda: clock().timestamp())


def test_an_empty_station_reports_an_empty_outbox_and_every_part(config):
    found = samples(scrape_text(StationCollector(config, quiet(config))))
    assert value(found, "outbox_dossiers") == 0 and value(found, "outbox_oldest_age_seconds") == 0
    assert value(found, "last_successful_sync_timestamp_seconds") == 0
    assert value(found, "build_info", version="0.1.0") == 1
    assert not config.store_dir.exists()  # a scrape never makes the store
    assert value(found, "content_configured") == 0 and value(found, "content_version") == 0
    for part in ("process", "devices", "outcomes", "outbox", "certificates", "store", "waits", "content"):
        assert value(found, "collector_part_ok", part=part) == 1


def test_the_outbox_its_oldest_dossier_and_the_last_delivery(config):
    clock = Clock()
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        first = submit(store, clock, size=10_000)
        submit(store, clock, size=6_000)
        clock.advance(600)
        found = samples(scrape_text(collector_at(config, clock)))
        assert value(found, "outbox_dossiers") == 2
        assert value(found, "outbox_pending_bytes") == 16_000
        assert value(found, "outbox_oldest_age_seconds") == pytest.approx(720, abs=1)  # 60 + 60 + 600
        assert value(found, "store_size_bytes") > 16_000

        store.begin_upload(first.id, now=clock())
        store.upload_accepted(first.id, "000.00.21.H37-250701-0001", now=clock())
        found = samples(scrape_text(collector_at(config, clock)))
    assert value(found, "outbox_dossiers") == 1 and value(found, "outbox_pending_bytes") == 6_000
    assert value(found, "outbox_oldest_age_seconds") == pytest.approx(660, abs=1)
    assert value(found, "last_successful_sync_timestamp_seconds") == pytest.approx(clock().timestamp(), abs=1)


def test_the_waits_of_the_day(config):
    clock = Clock()
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        for minutes in (5, 12, 31, None):
            submit(store, clock, waited_minutes=minutes)
    found = samples(scrape_text(collector_at(config, clock)))
    assert value(found, "dossiers_received_today") == 4 and value(found, "waits_measured_today") == 3
    assert value(found, "wait_median_today_seconds") == 12 * 60
    assert value(found, "wait_longest_today_seconds") == 31 * 60
    assert value(found, "waits_over_alert_today") == 1 and value(found, "wait_alert_seconds") == 1200


def test_a_long_wait_is_in_the_last_hours_figure_for_an_hour_and_in_the_days_all_day(config):
    clock = Clock(datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc))  # 09:00 in Vietnam
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        submit(store, clock, waited_minutes=25)
        clock.advance(30 * 60)
        submit(store, clock, waited_minutes=8)
    found = samples(scrape_text(collector_at(config, clock)))
    assert value(found, "wait_longest_last_hour_seconds") == 25 * 60
    clock.advance(40 * 60)  # the long wait was received 71 minutes ago
    found = samples(scrape_text(collector_at(config, clock)))
    assert value(found, "wait_longest_last_hour_seconds") == 8 * 60
    assert value(found, "wait_longest_today_seconds") == 25 * 60
    clock.advance(2 * 3600)
    assert value(samples(scrape_text(collector_at(config, clock))), "wait_longest_last_hour_seconds") == 0


def test_the_integrity_check_is_exported_with_its_age(config):
    clock = Clock()
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        submit(store, clock)
        problems, record = check_and_record(store, config.data_dir)
    assert problems == [] and record.ok
    found = samples(scrape_text(StationCollector(config, quiet(config))))
    assert value(found, "store_integrity_ok") == 1 and value(found, "store_integrity_problems") == 0
    assert 0 <= value(found, "store_integrity_check_age_seconds") < 3600

    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        store.conn.execute("UPDATE dossiers SET procedure_code = '9.999999'")  # behind the row MACs' back
        store.conn.commit()
        problems, _ = check_and_record(store, config.data_dir)
    assert problems
    found = samples(scrape_text(StationCollector(config, quiet(config))))
    assert value(found, "store_integrity_ok") == 0 and value(found, "store_integrity_problems") == len(problems)


def event(code: str, **data) -> Event:
    return Event(code, Step.CITIZEN, data)


def test_the_intake_observer_records_the_last_outcome_of_each_kind_beside_another_observer(config):
    seen = []
    recorder = OutcomeRecorder(config.data_dir)
    observe = recorder.chained(seen.append)
    for item in (event("card.reading"), event("card.wrong_key"), event("card.genuine", access="PACE"),
                 event("scan.started", component="Tờ khai"), event("scan.problem", component="Tờ khai", status="jammed"),
                 event("procedure.chosen", procedure="1.001193", components=3)):
        observe(item)
    assert [e.code for e in seen][0] == "card.reading" and len(seen) == 6  # the other observer saw every event
    record = read_outcomes(config.data_dir)
    assert record["card_read"]["last"] == "genuine" and set(record["card_read"]["times"]) == {"wrong_key", "genuine"}
    assert record["scan"]["last"] == "jammed"
    found = samples(scrape_text(StationCollector(config, quiet(config))))
    assert value(found, "last_outcome", kind="card_read", outcome="genuine") == 1
    assert value(found, "last_outcome", kind="scan", outcome="jammed") == 1
    assert ("digitisation_point_last_outcome", frozenset({"kind": "card_read", "outcome": "wrong_key"}.items())) \
        not in found
    assert value(found, "outcome_timestamp_seconds", kind="card_read", outcome="wrong_key") > 0


def test_a_record_edited_by_hand_cannot_put_free_text_into_a_label(config):
    folder = health_dir(config.data_dir)
    folder.mkdir(parents=True)
    (folder / "outcomes.json").write_text(json.dumps({
        "card_read": {"last": "Nguyễn Văn An", "at": 1.0, "times": {"Nguyễn Văn An": 1.0}},
        "scan": {"last": "good", "at": 2.0, "times": {"good": 2.0, "001190012345": 2.0}}}))
    text = scrape_text(StationCollector(config, quiet(config))).decode()
    assert "Nguyễn" not in text and "001190012345" not in text
    assert value(samples(text), "last_outcome", kind="scan", outcome="good") == 1


def test_relay_errors_are_counted_by_class(config):
    figures = RelayFigures()
    for error in (Offline("down"), Offline("down"), TransientError("503", retry_after=None),
                  AuditRefused("rewritten", 3, 5), SignatureRefused("upload", 422, "unsigned"), Conflict("held", 409),
                  PermanentError("refused", 400)):
        figures.error(error_class(error))
    figures.reached()
    found = samples(scrape_text(StationCollector(config, quiet(config), figures)))
    assert value(found, "relay_errors_total", **{"class": "offline"}) == 2
    for name in ("transient", "audit_refused", "signature_refused", "conflict", "refused"):
        assert value(found, "relay_errors_total", **{"class": name}) == 1
    assert value(found, "relay_errors_total", **{"class": "damaged"}) == 0
    assert value(found, "last_successful_sync_timestamp_seconds") == pytest.approx(figures.last_reached)


def test_certificates_days_left(config, tmp_path):
    pki = make_test_pki(tmp_path / "pki", stations=("TEST-01",))
    file = write_config(tmp_path, key_dir=str(tmp_path / "keys"), client_certificate=str(pki.station_cert("TEST-01")),
                        client_key=str(pki.station_key("TEST-01")), trust_store=str(tmp_path / "trust"))
    found = samples(scrape_text(StationCollector(load_config(file, env={}), quiet(config))))
    assert 820 <= value(found, "certificate_days_left", certificate="station") <= 825  # the test PKI's 825 days
    assert value(found, "trust_store_cscas") == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_endpoint_serves_over_tls_to_the_scraper_it_trusts_only(tmp_path):
    pki = make_test_pki(tmp_path / "pki", stations=("scraper",))
    stranger = make_test_pki(tmp_path / "other", stations=("scraper",), name="Another CA")
    port = free_port()
    config = load_config(write_config(tmp_path, key_dir=str(tmp_path / "keys"), metrics_address=f"127.0.0.1:{port}",
                                      metrics_certificate=str(pki.server_cert), metrics_key=str(pki.server_key),
                                      metrics_client_ca=str(pki.ca)), env={})
    endpoint = start_endpoint(config, StationCollector(config, quiet(config)))
    try:
        assert endpoint.url == f"https://127.0.0.1:{port}/metrics" and endpoint.client_certificate_required

        def fetch(client_pki) -> bytes:
            context = ssl.create_default_context(cafile=str(pki.ca))
            if client_pki is not None:
                context.load_cert_chain(client_pki.station_cert("scraper"), client_pki.station_key("scraper"))
            with urllib.request.urlopen(endpoint.url, context=context, timeout=10) as answer:
                return answer.read()

        assert value(samples(fetch(pki)), "outbox_dossiers") == 0
        for refused in (None, stranger):
            with pytest.raises((ssl.SSLError, urllib.error.URLError, ConnectionError)):
                fetch(refused)
    finally:
        endpoint.close()


def test_metrics_keys_are_checked(tmp_path):
    pki = make_test_pki(tmp_path / "pki")
    for values, key in (({"metrics_address": "10.0.0.5"}, "metrics_address"),
                        ({"metrics_address": "10.0.0.5:99999"}, "metrics_address"),
                        ({"metrics_certificate": str(pki.server_cert)}, "metrics_key"),
                        ({"metrics_client_ca": str(pki.ca)}, "metrics_client_ca")):
        with pytest.raises(ConfigError) as raised:
            load_config(write_config(tmp_path, **values), env={})
        assert raised.value.key == key
    assert load_config(write_config(tmp_path), env={}).metrics_address is None
    assert load_config(write_config(tmp_path, metrics_address="[::1]:9464"), env={}).metrics_address == "[::1]:9464"


def test_an_endpoint_that_cannot_bind_says_so(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        config = load_config(write_config(tmp_path, metrics_address=f"127.0.0.1:{taken.getsockname()[1]}"), env={})
        from kiosk.errors import StationError

        with pytest.raises(StationError, match="metrics endpoint cannot serve"):
            start_endpoint(config, StationCollector(config, quiet(config)))

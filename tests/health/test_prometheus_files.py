"""The shipped Prometheus files: promtool (Debian's, the 2.42 the province runs) accepts the rules and the
configuration; the issue's alerts are there; and every metric the rules and the Grafana dashboard ask for
is in a real scrape of a station whose every part has something to say."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from datetime import timedelta

import pytest

from kiosk.config import load_config
from kiosk.content import ContentState, StationContent
from kiosk.content.state import UNREACHABLE
from kiosk.health import OutcomeRecorder, RelayFigures
from kiosk.health.collector import StationCollector
from kiosk.health.endpoint import start_endpoint
from kiosk.health.service import check_and_record
from kiosk.intake.intake import Event, Step
from kiosk.store import open_store
from sync.reference_pki import make_test_pki
from tests.conftest import write_config
from tests.health.prometheus_files import CONFIG, DASHBOARD, METRIC, RULES, rules, scrape_config_for
from tests.health.scrape import names
from tests.health.test_collector import free_port, quiet
from tests.sync.factories import Clock, submitted

PROMTOOL = "/usr/bin/promtool"


def promtool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PROMTOOL, *args], capture_output=True, text=True, timeout=60)


def test_promtool_accepts_the_rules():
    done = promtool("check", "rules", str(RULES))
    assert done.returncode == 0, done.stdout + done.stderr


def test_promtool_accepts_the_configuration_with_the_provinces_files_in_place(tmp_path):
    pki = make_test_pki(tmp_path / "pki", stations=("scraper",))
    (tmp_path / "alerts.yml").write_text(RULES.read_text())
    config = tmp_path / "prometheus.yml"
    config.write_text(scrape_config_for(tmp_path, "30s", pki.ca, pki.station_cert("scraper"), pki.station_key("scraper")))
    done = promtool("check", "config", str(config))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rule_files" in CONFIG.read_text() and "alerts.yml" in CONFIG.read_text()


def test_the_issues_alerts_are_shipped():
    by_name = {rule["alert"]: rule for rule in rules()}
    assert by_name["CardReaderMissing"]["for"] == "10m"
    assert "86400" in by_name["OutboxOlderThanADay"]["expr"]
    assert "< 30" in by_name["CertificateExpiringSoon"]["expr"]
    assert "digitisation_point_store_integrity_ok == 0" in by_name["StoreIntegrityFailed"]["expr"]
    assert "> 1200" in by_name["CitizenWaitOver20Minutes"]["expr"]
    assert "digitisation_point_outbox_dossiers > 0" in by_name["ProvinceUnreachable"]["expr"]


@pytest.fixture
def full_scrape(tmp_path) -> set[str]:
    """The sample names of a scrape over HTTP of a station with a dossier queued and one received with a
    wait, card and scan outcomes, an integrity check, relay errors, a station certificate and a failed
    content check."""
    pki = make_test_pki(tmp_path / "pki", stations=("TEST-01",))
    port = free_port()
    config = load_config(write_config(tmp_path, key_dir=str(tmp_path / "keys"), trust_store=str(tmp_path / "trust"),
                                      client_certificate=str(pki.station_cert("TEST-01")),
                                      client_key=str(pki.station_key("TEST-01")), metrics_address=f"127.0.0.1:{port}"),
                         env={})
    clock = Clock()
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        submitted(store, clock)
        store.conn.execute("UPDATE dossiers SET first_contact_at = created_at")  # a wait of 0 s is still a wait
        store.conn.commit()
        check_and_record(store, config.data_dir)
    recorder = OutcomeRecorder(config.data_dir)
    recorder(Event("card.genuine", Step.CITIZEN, {}))
    recorder(Event("scan.ended", Step.COMPONENTS, {"status": "good"}))
    relay = RelayFigures()
    relay.error("offline")
    ContentState(version=3, updated_at="2026-11-01T00:00:00+00:00", last_check="2026-11-02T00:00:00+00:00",
                 last_success="2026-11-01T00:00:00+00:00", expires="2026-11-08T00:00:00+00:00",
                 error_kind=UNREACHABLE, error="connection refused").write(StationContent(config.data_dir))
    collector = StationCollector(config, quiet(config), relay, clock=lambda: (clock() + timedelta(seconds=5)).timestamp())
    endpoint = start_endpoint(config, collector)
    try:
        with urllib.request.urlopen(endpoint.url, timeout=10) as answer:
            found = names(answer.read())
    finally:
        endpoint.close()
    return found


def expressions() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text())
    found = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    found += [variable["query"]["query"] for variable in dashboard["templating"]["list"] if variable["type"] == "query"]
    return found + [rule["expr"] for rule in rules()]


def test_every_metric_the_rules_and_the_dashboard_read_is_scraped(full_scrape):
    wanted = {name for expression in expressions() for name in METRIC.findall(expression)}
    assert len(wanted) > 20
    assert sorted(wanted - full_scrape) == []


def test_the_dashboard_is_grafana_json_with_a_query_in_every_panel():
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] and dashboard["panels"]
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    for panel in dashboard["panels"]:
        assert panel["targets"] and all(t["expr"].strip() for t in panel["targets"]), panel["title"]
        assert set(panel["gridPos"]) == {"x", "y", "w", "h"}

"""The shipped Prometheus files (packaging/prometheus), and their copies for a test: the same files with
only the intervals, the `for:` windows, the thresholds named and the installation's paths changed."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.conftest import ROOT

FOLDER = ROOT / "packaging" / "prometheus"
CONFIG, RULES, DASHBOARD = FOLDER / "prometheus.yml", FOLDER / "alerts.yml", FOLDER / "grafana-dashboard.json"
METRIC = re.compile(r"\b(digitisation_point_[a-z0-9_]+)")


def rules() -> list[dict]:
    return [rule for group in yaml.safe_load(RULES.read_text())["groups"] for rule in group["rules"]]


def shortened_rules(window: str, thresholds: dict[str, tuple[str, str]]) -> str:
    """alerts.yml with every `for:` set to `window` and, per alert name, one threshold text replaced."""
    data = yaml.safe_load(RULES.read_text())
    for group in data["groups"]:
        for rule in group["rules"]:
            rule["for"] = window
            if rule["alert"] in thresholds:
                old, new = thresholds[rule["alert"]]
                assert rule["expr"].count(old) == 1, f"{rule['alert']}: {old!r} is not in {rule['expr']!r}"
                rule["expr"] = rule["expr"].replace(old, new)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def scrape_config_for(folder: Path, interval: str, ca: Path, cert: Path, key: Path) -> str:
    """prometheus.yml with its intervals shortened, and the province's paths (TLS files, the stations'
    list) replaced by the test's in `folder`."""
    data = yaml.safe_load(CONFIG.read_text())
    data["global"].update(scrape_interval=interval, evaluation_interval=interval, scrape_timeout=interval)
    (job,) = data["scrape_configs"]
    job["tls_config"].update(ca_file=str(ca), cert_file=str(cert), key_file=str(key))
    job["file_sd_configs"][0]["files"] = [str(folder / "stations" / "*.json")]
    return yaml.safe_dump(data, sort_keys=False)

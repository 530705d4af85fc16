"""Debian's real Prometheus, with the shipped configuration and rules (only intervals, `for:` windows,
thresholds and paths shortened or replaced), scrapes a station over TLS with the scraper's client
certificate, and fires the shipped alerts: the reader missing when the test stops the station's pcscd,
the province unreachable when it stops the reference server with a dossier queued.

The station's side runs in a mount namespace of its own (`unshare`, as root): its pcscd, with vpcd on
free ports, has its own socket there (pcscd 1.9.9 has one fixed path), so the test can stop it without
touching the simulated stand that other tests share; the stand's pcscd is never seen by this station."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kiosk.store import open_store
from kiosk.config import load_config
from sync.reference_pki import make_signing_pki, make_test_pki
from tests.conftest import write_config
from tests.health.prometheus_files import scrape_config_for, shortened_rules
from tests.sync.factories import Clock, submitted

PROMETHEUS = Path("/usr/bin/prometheus")
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
WINDOW = "3s"  # every `for:`, from 10 and 15 minutes
SYNC_GAP = 10  # ProvinceUnreachable's "no successful sync for", from 900 s

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="the station's own pcscd needs a mount namespace: root"),
]


def free_port(pair: bool = False) -> int:
    """A loopback port free now (with the next one too when `pair`: vpcd's second reader)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if not pair or port < 65535 and _free(port + 1):
            return port
    raise AssertionError("no free port pair on 127.0.0.1")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_until(what: str, condition, seconds: float = 60.0, every: float = 0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"{what}: not within {seconds:.0f} s")


class Processes:
    """The processes this test starts, each ended (by its pid) when the test ends."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: list[subprocess.Popen] = []

    def start(self, name: str, argv: list[str], **options) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "wb")
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **options)
        log.close()
        self.started.append(process)
        return process

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")[-3000:]

    def end_all(self) -> None:
        for process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(10)


@pytest.fixture
def processes(tmp_path):
    owned = Processes(tmp_path)
    yield owned
    owned.end_all()


def firing(api: str) -> set[str]:
    with urllib.request.urlopen(f"{api}/api/v1/alerts", timeout=5) as answer:
        alerts = json.load(answer)["data"]["alerts"]
    return {alert["labels"]["alertname"] for alert in alerts if alert["state"] == "firing"}


def query(api: str, expression: str) -> list[dict]:
    url = f"{api}/api/v1/query?" + urllib.parse.urlencode({"query": expression})
    with urllib.request.urlopen(url, timeout=5) as answer:
        return json.load(answer)["data"]["result"]


def test_prometheus_fires_the_shipped_alerts_when_the_reader_and_the_province_go(tmp_path, processes):
    for program in (PROMETHEUS, VPCD_DRIVER, Path(shutil.which("pcscd", path="/usr/sbin:/sbin") or "/usr/sbin/pcscd")):
        assert program.exists(), f"{program} is missing: run `packaging/dev setup`"
    pki = make_test_pki(tmp_path / "pki", stations=("TEST-01", "scraper"))
    signing = make_signing_pki(tmp_path / "pki")  # the reference server checks every PDF's signature against it

    # the station: its pcscd with vpcd on free ports, and the relay service serving its metrics over TLS;
    # the province: the reference server on a free port
    province_port, metrics_port, vpcd_port = free_port(), free_port(), free_port(pair=True)
    station = tmp_path / "station"
    station.mkdir()
    config_file = write_config(
        station, endpoint=f"https://127.0.0.1:{province_port}", ca_bundle=str(pki.ca),
        client_certificate=str(pki.station_cert("TEST-01")), client_key=str(pki.station_key("TEST-01")),
        key_dir=str(station / "keys"), trust_store=str(station / "trust"),
        metrics_address=f"127.0.0.1:{metrics_port}", metrics_certificate=str(pki.server_cert),
        metrics_key=str(pki.server_key), metrics_client_ca=str(pki.ca))
    config = load_config(config_file, env={})
    province = processes.start("province", [sys.executable, "-m", "kiosk", "--config", str(config_file), "server",
                                            "--port", str(province_port), "--data", str(tmp_path / "province"),
                                            "--pki", str(pki.folder)], env=_clean_env())
    readers = station / "reader.conf.d"
    readers.mkdir()
    (readers / "vpcd").write_text(f'FRIENDLYNAME "Health test PCD"\nDEVICENAME /dev/null:0x{vpcd_port:04X}\n'
                                  f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{vpcd_port:04X}\n")
    pcscd_pid = station / "pcscd.pid"
    script = (f"mount -t tmpfs tmpfs /run/pcscd && "
              f"{{ pcscd --foreground --config {readers} > {station / 'pcscd.log'} 2>&1 & echo $! > {pcscd_pid}; }} && "
              f"exec {sys.executable} -m kiosk sync run")
    os.makedirs("/run/pcscd", exist_ok=True)
    relay = processes.start("station", ["unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script],
                            env={**_clean_env(), "KIOSK_CONFIG": str(config_file),
                                 "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})

    # the province's Prometheus: the shipped files, shortened
    server = tmp_path / "prometheus"
    (server / "stations").mkdir(parents=True)
    (server / "stations" / "test.json").write_text(json.dumps([{"targets": [f"127.0.0.1:{metrics_port}"]}]))
    (server / "alerts.yml").write_text(shortened_rules(WINDOW, {"ProvinceUnreachable": ("> 900", f"> {SYNC_GAP}")}))
    (server / "prometheus.yml").write_text(scrape_config_for(server, "1s", pki.ca, pki.station_cert("scraper"),
                                                             pki.station_key("scraper")))
    api_port = free_port()
    api = f"http://127.0.0.1:{api_port}"
    processes.start("prometheus", [str(PROMETHEUS), f"--config.file={server / 'prometheus.yml'}",
                                   f"--storage.tsdb.path={server / 'data'}", f"--web.listen-address=127.0.0.1:{api_port}"])

    def scraped(expression: str):
        try:
            return query(api, expression)
        except OSError:
            return None

    try:
        # scraped over TLS with the scraper's certificate: the station is up and sees vpcd's two readers
        wait_until("the station scraped with its readers", lambda: scraped(
            'digitisation_point_card_readers{job="digitisation-point"} == 2'), 60)
        assert province.poll() is None and relay.poll() is None
        assert not {"CardReaderMissing", "ProvinceUnreachable"} & firing(api)

        # a dossier delivered: the relay reaches the province, the last successful sync is now
        with open_store(config.store_dir, config.key_dir, config.station_id) as store:
            delivered = submitted(store, Clock(), signing=signing)
        wait_until("the dossier delivered", lambda: _accepted(config, delivered.id), 60)

        # the reader taken away: the station's pcscd stopped
        os.kill(int(pcscd_pid.read_text()), signal.SIGTERM)
        wait_until("CardReaderMissing firing", lambda: "CardReaderMissing" in firing(api), 60)
        assert scraped("digitisation_point_pcsc_up == 0")

        # the province gone with a dossier queued: no successful sync for longer than the window
        province.send_signal(signal.SIGTERM)
        province.wait(10)
        with open_store(config.store_dir, config.key_dir, config.station_id) as store:
            submitted(store, Clock(), signing=signing)
        wait_until("ProvinceUnreachable firing", lambda: "ProvinceUnreachable" in firing(api), 60)
        # and the relay's failures counted by class (a refused connection: offline or transient)
        failures = wait_until("relay errors scraped", lambda: scraped("digitisation_point_relay_errors_total > 0"), 30)
        assert {row["metric"]["class"] for row in failures} <= {"offline", "transient"}
    except AssertionError:
        for name in ("station", "province", "prometheus"):
            print(f"--- {name} ---\n{processes.log(name)}")
        raise


def _accepted(config, dossier_id: str) -> bool:
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        return store.official_code(dossier_id) is not None


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}

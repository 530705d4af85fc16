"""The training station: its own folder, store and province; the network taken down and brought back;
and nothing of a training session reaching the province the station is configured for (a reference
server of the test's own standing in for it, with its own PKI)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from drivers.card.pcsc import list_readers
from kiosk.config import load_config
from kiosk.errors import StationError
from kiosk.intake.station import StationServices
from kiosk.resources import TRAINING
from kiosk.store import open_station_store
from kiosk.training_station import CARD_READER, TrainingStation
from sync.client import HttpProvincialClient
from sync.reference_pki import make_signing_pki, make_test_pki
from sync.reference_server import ReferenceServer
from sync.service import RelayService, TrainingEndpointRefused, refuse_real_endpoint
from tests.conftest import write_config
from tests.training.trainee import new_intake, receive, wait_for

pytestmark = pytest.mark.station

STATION_ID = "TEST-01"


class RealProvince:
    """The province the station is configured for: a reference server with a PKI of its own, counting
    every connection that reaches it (even one that would fail its TLS handshake)."""

    def __init__(self, folder) -> None:
        pki = make_test_pki(folder / "pki", stations=(STATION_ID,), name="Real provincial CA")
        self.pki = pki
        self.server = ReferenceServer(folder / "data", pki.server_cert, pki.server_key, pki.ca,
                                      signing=make_signing_pki(folder / "pki"))
        self.connections = 0
        accept = self.server.httpd.verify_request

        def counted(request, address):
            self.connections += 1
            return accept(request, address)

        self.server.httpd.verify_request = counted
        self.server.start()


@pytest.fixture(scope="module")
def real_province(tmp_path_factory):
    province = RealProvince(tmp_path_factory.mktemp("real-province"))
    yield province
    province.server.stop()


def configured_for(real_province, folder):
    """A station's own configuration, as installed: its province, certificates, store and key."""
    pki = real_province.pki
    return load_config(write_config(folder, station_id=STATION_ID, endpoint=real_province.server.url,
                                    ca_bundle=str(pki.ca), client_certificate=str(pki.station_cert(STATION_ID)),
                                    client_key=str(pki.station_key(STATION_ID)), key_dir=str(folder / "keys"),
                                    tsa_url=f"{real_province.server.url}/tsa"), env={})


@pytest.fixture(scope="module")
def station_config_with_a_real_province(real_province, tmp_path_factory):
    return configured_for(real_province, tmp_path_factory.mktemp("station-with-province"))


@pytest.fixture(scope="module")
def training(station, station_config_with_a_real_province):
    training = TrainingStation(station_config_with_a_real_province, "counter", owner=os.getpid())
    training.up()
    yield training
    training.down()


def listening(url: str) -> bool:
    address = urlsplit(url)
    try:
        socket.create_connection((address.hostname, address.port), timeout=2).close()
    except OSError:
        return False
    return True


def test_the_training_station_has_a_folder_store_and_province_of_its_own(training,
                                                                        station_config_with_a_real_province):
    mine, config = station_config_with_a_real_province, training.config
    root = mine.data_dir / "training"
    assert config.training and not mine.training and config.mode == "counter"
    assert config.data_dir == root and config.key_dir.parent == root and config.station_key == "file"
    for path in (config.store_dir, config.simulation_dir, config.trust_store, config.ca_bundle,
                 config.client_certificate, config.client_key, config.signing_pin_file, config.softhsm2_conf,
                 config.signature_trust, training.reports_dir):
        assert root in path.parents, path
    province = urlsplit(config.endpoint)
    assert province.hostname == "127.0.0.1" and province.port not in (38443, urlsplit(mine.endpoint).port)
    assert config.tsa_url == f"{config.endpoint}/tsa"
    client = HttpProvincialClient(config.endpoint, config.ca_bundle, config.client_certificate, config.client_key)
    try:
        client.precheck()  # the training province answers, with the training PKI
    finally:
        client.close()
    with open_station_store(config) as store:  # the sample accounts to sign in with, in the training store
        assert {officer.login for officer in store.officers()} == {"canbo", "kythuat"}
    assert not mine.store_dir.exists()  # the station's own store is never opened
    assert sorted(s.id for s in training.scenarios) == sorted(p.stem for p in TRAINING.glob("*.toml"))


def test_the_kiosk_has_its_scenarios_and_a_bad_file_is_named(monkeypatch, tmp_path, station_config_with_a_real_province):
    folder = tmp_path / "training"
    shutil.copytree(TRAINING, folder)
    (folder / "broken.toml").write_text('id = "broken"\ntitle.vi = "Hỏng"\n', encoding="utf-8")
    monkeypatch.setattr("kiosk.training_station.TRAINING", folder)
    kiosk = TrainingStation(station_config_with_a_real_province, "kiosk")
    assert kiosk.scenarios and all("kiosk" in s.modes for s in kiosk.scenarios)
    assert "incomplete-dossier" not in {s.id for s in kiosk.scenarios}  # a counter's scenario
    assert kiosk.problems == ["broken.toml: [incident] is missing"]  # named; the other scenarios load
    with pytest.raises(StationError, match="counter or the kiosk"):
        TrainingStation(station_config_with_a_real_province, "diagnostics")


def test_a_training_configuration_never_delivers_off_this_machine(training):
    off_machine = dataclasses.replace(training.config, endpoint="https://203.0.113.7:8443")
    with pytest.raises(TrainingEndpointRefused) as refused:
        RelayService(off_machine)
    message = str(refused.value)
    assert "training session delivers only to the training province on this machine" in message
    assert "203.0.113.7" in message and "kiosk start --mode training" in message
    refuse_real_endpoint(training.config)  # its own province, on loopback
    refuse_real_endpoint(dataclasses.replace(off_machine, training=False))  # a station's own relay is not training


def test_nothing_of_a_training_session_reaches_the_configured_province(training, real_province):
    services = training.attach(StationServices.open(training.config, training.config.simulation_dir / "sane"))
    try:
        run = training.begin(next(s for s in training.scenarios if s.id == "queue-building"), "Học Viên Một")
        intake = new_intake(training, services)
        intake.set_queue_ticket("B-002")
        receipt = receive(training, intake)
        relay = RelayService(training.config, training.relay_progress)  # as the training window starts it
        relay.start()
        try:
            wait_for(run, "dossier.accepted", 120)
        finally:
            relay.stop()
        assert training.end("completed").passed
        assert services.store.official_code(receipt.local_reference)
    finally:
        services.close()
    assert training.province.server.dossier(receipt.local_reference) is not None
    assert real_province.server.dossier_count() == 0 and real_province.server.wallet_item_count() == 0
    assert real_province.connections == 0 and real_province.server.requests == 0


def test_the_network_goes_down_and_comes_back_by_itself(training):
    scenario = next(s for s in training.scenarios if s.id == "network-down")
    quick = dataclasses.replace(scenario, parameters={**scenario.parameters, "back_after_seconds": 1})
    run = training.begin(quick, "Học Viên Hai")
    assert not training.province.up and not listening(training.config.endpoint)
    wait_for(run, "network.back", 30)
    assert training.province.up and listening(training.config.endpoint)
    training.set_network(False)
    training.set_network(True)  # the trainer's own switch
    outcome = training.end("stopped")
    assert [e.event for e in run.recorded if e.event.startswith("network.")] == \
        ["network.down", "network.back", "network.down", "network.back"]
    assert not outcome.passed and outcome.ended == "stopped"


def test_ending_a_run_brings_the_network_back_and_lifts_the_card(training):
    run = training.begin(next(s for s in training.scenarios if s.id == "network-down"), "Học Viên Ba")
    training.place_card()
    assert not training.province.up
    training.end("stopped")
    assert training.province.up and next(r.atr for r in list_readers() if r.name == CARD_READER) is None
    assert [e.event for e in run.recorded][-1] == "run.ended"
    assert training.begin(run.scenario, "Học Viên Ba") is training.run  # a new run ends the one under way
    training.end()
    assert [o.trainee for o in training.outcomes][-2:] == ["Học Viên Ba", "Học Viên Ba"]


def test_up_and_down(station, tmp_path):
    base = load_config(write_config(tmp_path), env={})
    training = TrainingStation(base, "kiosk", owner=os.getpid())
    training.up()
    try:
        assert listening(training.config.endpoint)
        assert {p.name: p.up for p in training.stand.status()} == \
            {"pcscd": True, "sane": True, "camera": True, "signing": True, "province": True}
    finally:
        training.down()
    assert not listening(training.config.endpoint)


def run_kiosk(*args: str, config, timeout: float = 180) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_CONFIG=config.source, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_kiosk_start_mode_training_opens_the_window_on_the_training_station(station, real_province, tmp_path):
    config = configured_for(real_province, tmp_path)
    done = run_kiosk("start", "--mode", "training", "--exit-after", "3", config=config)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "sign in as canbo (officer)" in done.stderr
    assert (config.data_dir / "training" / "store").is_dir() and not config.store_dir.exists()
    assert real_province.connections == 0  # its window's relay delivers to the training province


def test_as_goes_with_the_training_mode_only(station_config_with_a_real_province):
    done = run_kiosk("start", "--mode", "counter", "--as", "kiosk", config=station_config_with_a_real_province)
    assert done.returncode == 2 and "--as goes with --mode training" in done.stderr

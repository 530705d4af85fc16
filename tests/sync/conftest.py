import random

import pytest

from kiosk.store import FileKeyStore, Store
from sync.client import HttpProvincialClient
from sync.reference_pki import make_test_pki
from sync.reference_server import Faults, ReferenceServer
from sync.relay import Backoff, Relay
from tests.sync.factories import Clock, signing_ca

STATION = "SIM-01"


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    return make_test_pki(tmp_path_factory.mktemp("pki"), stations=(STATION, "OTHER-02"))


@pytest.fixture
def server(pki, tmp_path):
    server = ReferenceServer(tmp_path / "province", pki.server_cert, pki.server_key, pki.ca, faults=Faults(seed=7),
                             signing=signing_ca())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def client_for(pki):
    clients = []

    def make(server, station=STATION, **options):
        client = HttpProvincialClient(server.url, pki.ca, pki.station_cert(station), pki.station_key(station),
                                      timeout=5, **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "store", FileKeyStore(tmp_path / "keys"), station_id="SIM-01")
    yield store
    store.close()


@pytest.fixture
def relay(store, server, client_for, clock):
    with Relay(store, client_for(server, chunk_size=8 * 1024), clock=clock,
               backoff=Backoff(base=2, cap=60, rng=random.Random(1))) as relay:
        yield relay

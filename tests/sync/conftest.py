import pytest

from sync.reference_pki import make_test_pki
from sync.client import HttpProvincialClient
from sync.reference_server import Faults, ReferenceServer

STATION = "SIM-01"


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    return make_test_pki(tmp_path_factory.mktemp("pki"), stations=(STATION, "OTHER-02"))


@pytest.fixture
def server(pki, tmp_path):
    server = ReferenceServer(tmp_path / "province", pki.server_cert, pki.server_key, pki.ca, faults=Faults(seed=7))
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

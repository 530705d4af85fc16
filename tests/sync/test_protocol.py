"""The protocol against the reference server, over real HTTPS with client certificates on loopback."""

import hashlib
import uuid

import pytest

from sync import protocol as p
from sync.reference_pki import make_test_pki
from sync.client import Conflict, HttpProvincialClient, Offline, PermanentError, TransientError
from tests.sync.factories import Chain, pdf

CHAIN = Chain()  # the station's audit log, a row longer at each submit


def dossier(files: dict[str, bytes], unit: str = "06970") -> tuple[str, dict]:
    metadata = {"procedure": "1.001193", "receiving_unit": unit, "competent_unit": "06973",
                "files": [{"name": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in files.items()]}
    return str(uuid.uuid4()), metadata


def send(client, files, unit="06970"):
    dossier_id, metadata = dossier(files, unit)
    client.send_metadata(dossier_id, metadata)
    for name, data in files.items():
        client.upload(dossier_id, name, data, hashlib.sha256(data).hexdigest())
    return dossier_id, client.submit(dossier_id, CHAIN.next())


def test_full_exchange_gives_a_dossier_code_numbered_per_unit_and_day(server, client_for):
    client = client_for(server)
    limits = client.precheck()
    assert limits.chunk_size == p.CHUNK_SIZE
    files = {"form.pdf": pdf(13_000), "id-copy.pdf": pdf(550_000)}
    first_id, first = send(client, files)
    _, second = send(client, {"other.pdf": pdf(5_000)})
    _, elsewhere = send(client, {"a.pdf": pdf(5_000)}, unit="26734")
    assert p.DOSSIER_CODE.match(first) and first.endswith("-0001") and second.endswith("-0002")
    assert elsewhere.startswith("267.34.") and elsewhere.endswith("-0001")
    assert server.file_bytes(first_id, "id-copy.pdf") == files["id-copy.pdf"]
    assert client.submit(first_id, CHAIN.next()) == first  # a repeated submit replays the code
    assert client.status(first_id) == {"id": first_id, "code": first, "state": "received"}
    server.set_state(first_id, "processing")
    assert client.status(first_id)["state"] == "processing"


def test_same_metadata_replays_different_metadata_conflicts(server, client_for):
    client = client_for(server)
    dossier_id, metadata = dossier({"a.pdf": b"abc"})
    assert client.send_metadata(dossier_id, metadata)["state"] == "draft"
    assert client.send_metadata(dossier_id, dict(reversed(list(metadata.items()))))["id"] == dossier_id
    metadata["procedure"] = "1.000656"
    with pytest.raises(Conflict, match="already sent with different content"):
        client.send_metadata(dossier_id, metadata)
    assert server.dossier_count() == 1


def test_submit_refused_until_every_file_is_complete(server, client_for):
    client = client_for(server)
    a = pdf(5_000)
    dossier_id, metadata = dossier({"a.pdf": a, "b.pdf": pdf(5_000)})
    client.send_metadata(dossier_id, metadata)
    client.upload(dossier_id, "a.pdf", a, metadata["files"][0]["sha256"])
    with pytest.raises(PermanentError, match="422 file b.pdf has not been uploaded completely"):
        client.submit(dossier_id, CHAIN.next())


def test_file_whose_bytes_differ_from_the_declared_hash_is_refused(server, client_for):
    client = client_for(server)
    dossier_id, metadata = dossier({"a.pdf": b"a" * 100})
    client.send_metadata(dossier_id, metadata)
    with pytest.raises(TransientError, match="checksum mismatch"):
        client.upload(dossier_id, "a.pdf", b"b" * 100, metadata["files"][0]["sha256"])
    assert server.file_bytes(dossier_id, "a.pdf") is None


def test_dropped_connection_resumes_from_the_server_offset(server, client_for):
    client = client_for(server, chunk_size=64 * 1024)
    data = pdf(2**20)
    dossier_id, metadata = dossier({"big.pdf": data})
    client.send_metadata(dossier_id, metadata)
    server.faults.drop_after = 300_000  # mid-way through the fifth chunk
    with pytest.raises(TransientError):
        client.upload(dossier_id, "big.pdf", data, metadata["files"][0]["sha256"])
    assert server.faults.drop_after is None  # it drops once
    client.bytes_sent = 0
    client.upload(dossier_id, "big.pdf", data, metadata["files"][0]["sha256"])
    assert client.bytes_sent == len(data) - 4 * 64 * 1024  # only what the server lacked was sent again
    assert server.file_bytes(dossier_id, "big.pdf") == data


def test_captive_portal_is_never_success(server, client_for):
    server.faults.captive_portal = True
    client = client_for(server)
    with pytest.raises(Offline, match="not 204"):
        client.precheck()
    dossier_id, metadata = dossier({"a.pdf": b"a"})
    with pytest.raises(Offline, match="not from the province"):
        client.send_metadata(dossier_id, metadata)


def test_server_errors_are_transient_with_retry_after(server, client_for):
    server.faults.fail_rate = 1.0
    server.faults.retry_after = 7
    with pytest.raises(TransientError) as raised:
        client_for(server).precheck()
    assert raised.value.retry_after == 7


def test_refused_station_and_other_stations_dossiers(server, client_for):
    dossier_id, _ = send(client_for(server), {"a.pdf": pdf(5_000)})
    other = client_for(server, station="OTHER-02")
    with pytest.raises(PermanentError, match="404"):
        other.status(dossier_id)
    server.faults.refused_stations.add("OTHER-02")
    with pytest.raises(PermanentError, match="403 station OTHER-02 is not allowed"):
        other.status(dossier_id)


def test_server_certificate_from_another_ca_is_refused_before_any_data(server, pki, tmp_path):
    stranger = make_test_pki(tmp_path / "stranger", name="Some other CA")
    client = HttpProvincialClient(server.url, stranger.ca, pki.station_cert("SIM-01"), pki.station_key("SIM-01"))
    before = server.requests
    with pytest.raises(Offline, match="not signed by the configured CA bundle"):
        client.send_metadata(str(uuid.uuid4()), dossier({"a.pdf": b"a"})[1])
    assert server.requests == before and server.dossier_count() == 0
    client.close()


def test_first_attempt_sends_the_first_chunk_with_the_creation(server, client_for):
    client = client_for(server, chunk_size=64 * 1024)
    data = pdf(160 * 1024)  # 2.5 chunks
    dossier_id, metadata = dossier({"scan.pdf": data})
    client.send_metadata(dossier_id, metadata)
    before = server.requests
    client.upload(dossier_id, "scan.pdf", data, metadata["files"][0]["sha256"], resume=False)
    assert server.requests - before == 3  # POST with chunk 1, PATCH chunk 2, PATCH chunk 3
    assert client.bytes_sent == len(data) and server.file_bytes(dossier_id, "scan.pdf") == data
    # a later attempt (the station restarted, say) asks before sending: nothing goes out twice
    client.upload(dossier_id, "scan.pdf", data, metadata["files"][0]["sha256"], resume=False)
    assert client.bytes_sent == len(data) + 64 * 1024  # a first-attempt body the server already had is dropped
    client.upload(dossier_id, "scan.pdf", data, metadata["files"][0]["sha256"])
    assert client.bytes_sent == len(data) + 64 * 1024
    assert server.file_bytes(dossier_id, "scan.pdf") == data


def test_a_corrupted_first_chunk_is_refused_and_sent_again(server, client_for):
    client = client_for(server)
    data = pdf(5_000)
    dossier_id, metadata = dossier({"a.pdf": data})
    client.send_metadata(dossier_id, metadata)
    with pytest.raises(TransientError, match="checksum mismatch"):
        client.upload(dossier_id, "a.pdf", data[:-1] + b"!", metadata["files"][0]["sha256"], resume=False)
    client.upload(dossier_id, "a.pdf", data, metadata["files"][0]["sha256"], resume=False)
    assert server.file_bytes(dossier_id, "a.pdf") == data


def test_a_connection_that_cannot_open_is_retried_twice_waiting_as_the_back_off_policy_says(pki):
    import random
    import socket

    from sync.backoff import Backoff

    bounds = []

    class Recording(random.Random):
        def uniform(self, low, high):
            bounds.append(high)
            return 0.0

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = HttpProvincialClient(f"https://127.0.0.1:{port}", pki.ca, pki.station_cert("SIM-01"),
                                  pki.station_key("SIM-01"), timeout=5,
                                  connect_backoff=Backoff(base=0.2, cap=0.4, rng=Recording()))
    with pytest.raises(TransientError):
        client.precheck()
    client.close()
    assert bounds == [0.2, 0.4]  # two retries, each wait drawn under the policy's growing bound

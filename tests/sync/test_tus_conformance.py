"""An independent tus 1.0 client (tuspy) against the reference server, over mutual TLS: creation,
chunked PATCHes with checksums, a resume from the server's offset, and an unsupported checksum."""

import hashlib
import io
import uuid

import pytest

from tests.sync.conftest import STATION
from tests.sync.factories import Chain, pdf

tusclient = pytest.importorskip("tusclient.client")
tus_exceptions = pytest.importorskip("tusclient.exceptions")
from tusclient.uploader import Uploader  # noqa: E402


class Sha256Uploader(Uploader):
    CHECKSUM_ALGORITHM_PAIR = ("sha256", hashlib.sha256)  # the server's one algorithm (tuspy's default is sha1)


@pytest.fixture
def tus(server, pki, monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(pki.ca))  # tuspy verifies against the default bundle
    return tusclient.TusClient(f"{server.url}/v1/files",
                               client_cert=(str(pki.station_cert(STATION)), str(pki.station_key(STATION))))


@pytest.fixture
def declared(server, client_for):
    data = pdf(1200 * 256)  # 300 KiB
    dossier_id = str(uuid.uuid4())
    sha256 = hashlib.sha256(data).hexdigest()
    client = client_for(server)
    client.send_metadata(dossier_id, {"procedure": "1.001193", "receiving_unit": "06970", "competent_unit": "06973",
                                      "files": [{"name": "scan.pdf", "size": len(data), "sha256": sha256}]})
    return client, dossier_id, data, {"dossier": dossier_id, "name": "scan.pdf", "sha256": sha256}


def test_tuspy_uploads_a_declared_file_in_checksummed_chunks(server, tus, declared):
    client, dossier_id, data, metadata = declared
    uploader = Sha256Uploader(client=tus, file_stream=io.BytesIO(data), chunk_size=64 * 1024, metadata=metadata,
                              upload_checksum=True)
    uploader.upload()
    assert server.file_bytes(dossier_id, "scan.pdf") == data
    assert client.submit(dossier_id, audit=Chain().next()).endswith("-0001")


def test_tuspy_resumes_from_the_servers_offset(server, tus, declared):
    _, dossier_id, data, metadata = declared
    first = Sha256Uploader(client=tus, file_stream=io.BytesIO(data), chunk_size=64 * 1024, metadata=metadata,
                           upload_checksum=True)
    first.upload(stop_at=128 * 1024)
    assert server.file_bytes(dossier_id, "scan.pdf") is None
    again = Sha256Uploader(client=tus, url=first.url, file_stream=io.BytesIO(data), chunk_size=64 * 1024,
                           upload_checksum=True)
    assert again.offset == 128 * 1024  # asked with HEAD
    again.upload()
    assert server.file_bytes(dossier_id, "scan.pdf") == data


def test_a_checksum_algorithm_the_server_lacks_is_refused_400(server, tus, declared):
    _, dossier_id, data, metadata = declared
    uploader = tus.uploader(file_stream=io.BytesIO(data), chunk_size=64 * 1024, metadata=metadata,
                            upload_checksum=True, retries=0)  # sha1
    with pytest.raises(tus_exceptions.TusCommunicationError) as refused:
        uploader.upload()
    assert refused.value.status_code == 400
    assert server.file_bytes(dossier_id, "scan.pdf") is None

"""E-wallet items against the reference server, over real HTTPS with client certificates on loopback."""

import hashlib
import logging
import uuid

import pytest
import requests

from sync import protocol as p
from sync.client import Conflict, PermanentError, TransientError
from tests.sync.factories import pdf
from tests.sync.test_protocol import CHAIN, dossier, send

OWNER, OTHER = "001190012345", "079085000123"
TITLE = "Giấy khai sinh của Nguyễn Thị Hồng Nhung"


def item_of(source: str, data: bytes, owner: str = OWNER, title: str = TITLE, code: str | None = None,
            created_at: str = "2026-11-25T08:15:00+00:00") -> dict:
    return {"owner_id_number": owner, "title": title, "source_dossier": source, "dossier_code": code,
            "document": {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "pages": 1,
                         "media_type": "application/pdf"},
            "created_at": created_at}


PDF = pdf(13_000)


def test_an_item_made_from_a_dossier_file_is_stored_without_sending_its_bytes_again(server, client_for):
    client = client_for(server)
    dossier_id, code = send(client, {"form.pdf": PDF})
    item_id = str(uuid.uuid4())
    before = client.bytes_sent
    answer = client.send_wallet_item(item_id, item_of(dossier_id, PDF, code=code))
    assert answer == {"id": item_id, "state": "stored", "dossier_code": code}
    assert client.bytes_sent == before and server.wallet_document(item_id) == PDF
    # a retry after a cut connection: the same result, no second item (key order does not matter)
    replay = dict(reversed(list(item_of(dossier_id, PDF, code=code).items())))
    assert client.send_wallet_item(item_id, replay) == answer
    assert server.wallet_item_count() == 1
    [listed] = client.wallet_items(OWNER)
    assert listed["id"] == item_id and listed["title"] == TITLE and listed["dossier_code"] == code
    assert listed["source_dossier"] == dossier_id and listed["document"]["sha256"] == hashlib.sha256(PDF).hexdigest()


def test_a_different_content_under_the_same_id_is_a_conflict(server, client_for):
    client = client_for(server)
    dossier_id, _ = send(client, {"form.pdf": PDF})
    item_id = str(uuid.uuid4())
    client.send_wallet_item(item_id, item_of(dossier_id, PDF))
    with pytest.raises(Conflict, match="already sent with different content"):
        client.send_wallet_item(item_id, item_of(dossier_id, PDF, title="Another title"))
    other_dossier, _ = send(client_for(server, station="OTHER-02"), {"form.pdf": PDF})
    with pytest.raises(Conflict):  # the same id from another station is not a replay either
        client_for(server, station="OTHER-02").send_wallet_item(item_id, item_of(other_dossier, PDF))
    assert server.wallet_item_count() == 1
    assert [i["title"] for i in client.wallet_items(OWNER)] == [TITLE]


def test_an_items_own_document_uploads_with_tus_and_resumes_after_a_dropped_connection(server, client_for):
    client = client_for(server, chunk_size=64 * 1024)
    dossier_id, code = send(client, {"form.pdf": PDF})
    data = pdf(2**19)  # half a MiB, not among the dossier's files
    item_id = str(uuid.uuid4())
    assert client.send_wallet_item(item_id, item_of(dossier_id, data, code=code))["state"] == "awaiting_document"
    assert client.wallet_items(OWNER) == []  # listed only once its document is complete
    server.faults.drop_after = 200_000
    with pytest.raises(TransientError):
        client.upload_wallet_document(item_id, data, hashlib.sha256(data).hexdigest(), resume=False)
    client.bytes_sent = 0
    client.upload_wallet_document(item_id, data, hashlib.sha256(data).hexdigest())
    assert client.bytes_sent == len(data) - 3 * 64 * 1024  # only what the server lacked
    assert server.wallet_document(item_id) == data
    assert client.send_wallet_item(item_id, item_of(dossier_id, data, code=code))["state"] == "stored"
    assert [i["id"] for i in client.wallet_items(OWNER)] == [item_id]


def test_a_document_that_does_not_match_its_hash_is_refused_and_the_item_waits(server, client_for):
    client = client_for(server)
    dossier_id, _ = send(client, {"form.pdf": PDF})
    data = pdf(5_000)
    item_id = str(uuid.uuid4())
    client.send_wallet_item(item_id, item_of(dossier_id, data))
    with pytest.raises(TransientError, match="checksum mismatch"):
        client.upload_wallet_document(item_id, data[:-1] + b"!", hashlib.sha256(data).hexdigest(), resume=False)
    assert server.wallet_document(item_id) is None and client.wallet_items(OWNER) == []
    with pytest.raises(PermanentError, match="400"):  # a length other than the declared one
        client.upload_wallet_document(item_id, data + b"x", hashlib.sha256(data).hexdigest())


def test_listing_gives_a_citizens_items_in_order_and_nothing_of_another_citizen(server, client_for):
    client = client_for(server)
    mine = [pdf(5_000) for _ in range(3)]
    theirs = pdf(5_000)
    dossier_id, _ = send(client, {f"{n}.pdf": data for n, data in enumerate([*mine, theirs])})
    ids = [str(uuid.uuid4()) for _ in mine]
    for n in (2, 0, 1):  # sent out of order: listed by creation time
        client.send_wallet_item(ids[n], item_of(dossier_id, mine[n], created_at=f"2026-11-25T08:1{n}:00+00:00"))
    client.send_wallet_item(str(uuid.uuid4()), item_of(dossier_id, theirs, owner=OTHER, title="Someone else's"))
    assert [i["id"] for i in client.wallet_items(OWNER)] == ids
    assert all(i["owner_id_number"] == OWNER for i in client.wallet_items(OWNER))
    assert [i["title"] for i in client.wallet_items(OTHER)] == ["Someone else's"]
    assert client.wallet_items("001099999999") == []
    # the e-wallet is the citizen's: another centre's station finds the same items
    assert [i["id"] for i in client_for(server, station="OTHER-02").wallet_items(OWNER)] == ids


def test_items_wait_for_their_dossier_and_name_its_code_right(server, client_for):
    client = client_for(server)
    with pytest.raises(PermanentError, match="404 send the source dossier"):
        client.send_wallet_item(str(uuid.uuid4()), item_of(str(uuid.uuid4()), PDF))
    dossier_id, metadata = dossier({"form.pdf": PDF})
    client.send_metadata(dossier_id, metadata)
    with pytest.raises(PermanentError, match="422 the source dossier has not been submitted"):
        client.send_wallet_item(str(uuid.uuid4()), item_of(dossier_id, PDF))
    client.upload(dossier_id, "form.pdf", PDF, hashlib.sha256(PDF).hexdigest())
    code = client.submit(dossier_id, CHAIN.next())
    wrong = code[:-4] + ("0002" if not code.endswith("0002") else "0003")
    with pytest.raises(PermanentError, match="422 dossier_code is not the code"):
        client.send_wallet_item(str(uuid.uuid4()), item_of(dossier_id, PDF, code=wrong))
    with pytest.raises(PermanentError, match="404"):  # another station's dossier is not there for this one
        client_for(server, station="OTHER-02").send_wallet_item(str(uuid.uuid4()), item_of(dossier_id, PDF))
    assert server.wallet_item_count() == 0


def test_invalid_items_and_searches_are_refused_without_echoing_personal_data(server, client_for, pki):
    client = client_for(server)
    dossier_id, _ = send(client, {"form.pdf": PDF})
    bad_owner = item_of(dossier_id, PDF, owner="00119001234X")
    with pytest.raises(PermanentError) as raised:
        client.send_wallet_item(str(uuid.uuid4()), bad_owner)
    assert "400" in str(raised.value) and "00119001234X" not in str(raised.value)
    too_big = item_of(dossier_id, PDF)
    too_big["document"]["size"] = p.MAX_FILE_SIZE + 1
    with pytest.raises(PermanentError, match="400 document: size"):
        client.send_wallet_item(str(uuid.uuid4()), too_big)
    with pytest.raises(PermanentError, match="400 document: media_type"):
        client.send_wallet_item(str(uuid.uuid4()), {**item_of(dossier_id, PDF),
                                                     "document": {**item_of(dossier_id, PDF)["document"],
                                                                  "media_type": "image/jpeg"}})
    with pytest.raises(PermanentError, match="400 title"):
        client.send_wallet_item(str(uuid.uuid4()), item_of(dossier_id, PDF, title="x" * (p.MAX_TITLE + 1)))
    with pytest.raises(PermanentError, match="413"):
        client.send_wallet_item(str(uuid.uuid4()), item_of(dossier_id, PDF, title="x" * p.MAX_JSON_BODY))
    with pytest.raises(PermanentError) as raised:
        client.wallet_items("12345")
    assert "400" in str(raised.value) and "12345" not in str(raised.value)
    assert server.wallet_item_count() == 0


def test_the_id_number_never_reaches_a_url_nor_the_servers_log(server, client_for, caplog):
    client = client_for(server)
    urls = []
    client.session.hooks["response"].append(lambda response, *args, **kwargs: urls.append(response.request.url))
    with caplog.at_level(logging.DEBUG):
        dossier_id, code = send(client, {"form.pdf": PDF})
        client.send_wallet_item(str(uuid.uuid4()), item_of(dossier_id, PDF, code=code))
        assert len(client.wallet_items(OWNER)) == 1
    assert urls and not any(OWNER in url for url in urls)
    assert any("/v1/wallet/search" in record.getMessage() for record in caplog.records)  # the log is on
    assert not any(OWNER in record.getMessage() or TITLE in record.getMessage() for record in caplog.records)


def test_a_get_cannot_search(server, pki):
    session = requests.Session()
    session.trust_env = False
    session.verify, session.cert = str(pki.ca), (str(pki.station_cert("SIM-01")), str(pki.station_key("SIM-01")))
    response = session.get(f"{server.url}/v1/wallet/search")
    assert response.status_code == 405 and response.headers["Allow"] == "POST"
    assert response.json() == {"error": "GET is not offered here"}
    session.close()


def test_the_server_keeps_items_in_one_folder_per_citizen_not_named_by_the_id_number(server, client_for):
    client = client_for(server)
    a, b = pdf(5_000), pdf(5_000)
    dossier_id, _ = send(client, {"a.pdf": a, "b.pdf": b})
    for data, owner in ((a, OWNER), (b, OWNER), (a, OTHER)):
        client.send_wallet_item(str(uuid.uuid4()), item_of(dossier_id, data, owner=owner))
    folders = sorted((server.storage.folder / "wallet").iterdir())
    assert len(folders) == 2 and sorted(len(list(f.iterdir())) for f in folders) == [1, 2]
    assert not any(owner in str(path) for owner in (OWNER, OTHER) for path in (server.storage.folder / "wallet").rglob("*"))

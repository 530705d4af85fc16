"""The province verifies every uploaded PDF's signature and runs the timestamp server: a signed file is
accepted and recorded as verified; an unsigned one, one changed after signing and one signed under
another CA are refused with the reason, which reaches the station's store; POST /tsa answers a real
RFC 3161 request and refuses garbage."""

import hashlib
from datetime import timedelta

import pytest
import requests

from drivers.signing.pades import B_LT, SignatureDetails, Timestamping, sign_pdf
from drivers.signing.verify import verify_pdf
from kiosk.cli.dossier import show_dossier
from kiosk.diagnostics.sync_status import sync_status
from kiosk.domain import CitizenSnapshot, Component, Document, Dossier
from sync import protocol as p
from sync.client import SignatureRefused
from sync.reference_pki import make_signing_pki
from sync.reference_server import signing_trust
from sync.relay import REJECTED
from tests.sync.conftest import STATION
from tests.sync.factories import _signer, pdf, signing_ca, submitted, unsigned_pdf
from tests.sync.test_protocol import CHAIN, dossier


def changed_after_signing(data: bytes) -> bytes:
    """One byte of the signed payload (the random stream, well inside the signed range) flipped."""
    changed = bytearray(data)
    changed[200] ^= 0x01
    return bytes(changed)


def upload_one(client, data: bytes, name: str = "scan.pdf") -> str:
    dossier_id, metadata = dossier({name: data})
    client.send_metadata(dossier_id, metadata)
    client.upload(dossier_id, name, data, hashlib.sha256(data).hexdigest())
    return dossier_id


def test_a_signed_file_is_accepted_and_recorded_as_verified(server, client_for):
    client = client_for(server)
    dossier_id = upload_one(client, pdf(20_000))
    assert p.DOSSIER_CODE.match(client.submit(dossier_id, CHAIN.next()))
    recorded = server.file_signature(dossier_id, "scan.pdf")
    assert recorded["verdict"] == "verified" and recorded["reason"] is None
    (signature,) = recorded["verification"]["signatures"]
    assert signature["intact"] and signature["trusted"] and signature["signer"] == "Test centre (sync tests)"


@pytest.mark.parametrize("make, reason", [
    (lambda: unsigned_pdf(6_000), "the document is not signed"),
    (lambda: changed_after_signing(pdf(20_000)), "the document was changed after it was signed"),
    (lambda: b"GIF89a not a PDF at all", "the file is not a readable PDF"),
])
def test_an_unsigned_or_broken_file_is_refused_with_the_reason(server, client_for, make, reason):
    client = client_for(server)
    data = make()
    dossier_id, metadata = dossier({"scan.pdf": data})
    client.send_metadata(dossier_id, metadata)
    with pytest.raises(SignatureRefused, match=f"422 the province refused the signature: file scan.pdf: .*{reason}"):
        client.upload(dossier_id, "scan.pdf", data, hashlib.sha256(data).hexdigest())
    recorded = server.file_signature(dossier_id, "scan.pdf")
    assert recorded["verdict"] == "refused" and reason in recorded["reason"]
    # sending it again does not help: the file is there, complete, and the submit names the same reason
    client.upload(dossier_id, "scan.pdf", data, hashlib.sha256(data).hexdigest())
    with pytest.raises(SignatureRefused, match=reason):
        client.submit(dossier_id, CHAIN.next())
    assert server.dossier(dossier_id)["code"] is None


def test_a_file_signed_under_another_ca_is_refused(server, client_for, tmp_path):
    client = client_for(server)
    data = pdf(8_000, signing=make_signing_pki(tmp_path / "another-province"))
    with pytest.raises(SignatureRefused, match="does not chain to a trusted certificate authority"):
        upload_one(client, data)


def test_a_refused_document_never_becomes_an_e_wallet_item(server, client_for):
    client = client_for(server)
    dossier_id = upload_one(client, pdf(6_000), "form.pdf")
    code = client.submit(dossier_id, CHAIN.next())
    data = unsigned_pdf(3_000)
    item_id = "5d0f9c7e-8a51-4f55-9d0e-3b7c1a2f4e61"
    item = {"owner_id_number": "001190012345", "title": "Kết quả", "source_dossier": dossier_id, "dossier_code": code,
            "document": {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "pages": 1,
                         "media_type": "application/pdf"}, "created_at": "2026-11-25T08:15:00+00:00"}
    assert client.send_wallet_item(item_id, item)["state"] == "awaiting_document"
    with pytest.raises(SignatureRefused, match="file wallet-item:.*the document is not signed"):
        client.upload_wallet_document(item_id, data, hashlib.sha256(data).hexdigest())
    assert server.wallet_document(item_id) is None and client.wallet_items("001190012345") == []


def submitted_with(store, clock, document: Document) -> Dossier:
    """A one-component dossier whose PDF is `document` as given (the factory's are properly signed)."""
    dossier = Dossier(procedure_code="1.001193", receiving_unit="06970", competent_unit="06970",
                      citizen=CitizenSnapshot(id_number="001190012345", full_name="Nguyễn Thị Hồng Nhung"),
                      received_by="officer-7", created_at=clock())
    dossier.set_component(Component(name="Tờ khai", document=document), clock())
    dossier.mark_ready(clock())
    store.submit(dossier, now=clock())
    clock.advance(1)
    return dossier


def test_the_station_rejects_a_refused_dossier_with_the_reason_and_does_not_retry(relay, store, server, clock):
    fine = submitted(store, clock)
    # as a station that does not sign, or whose copy changed after signing, would have stored them
    unsigned = submitted_with(store, clock, Document.from_pdf(unsigned_pdf(6_000), 1))
    changed = submitted_with(store, clock, Document.from_pdf(changed_after_signing(pdf(9_000)), 1))
    after = submitted(store, clock)
    outcomes = relay.run_once()
    assert outcomes[fine.id].state == outcomes[after.id].state == "accepted"  # the queue goes on
    for refused, reason in ((unsigned, "the document is not signed"),
                            (changed, "the document was changed after it was signed")):
        assert outcomes[refused.id].state == REJECTED and reason in outcomes[refused.id].reason
        # what the station keeps and shows (`kiosk dossier show`): rejected, with the province's reason
        shown = show_dossier(store, refused.id)
        assert shown["state"] == "rejected" and reason in shown["rejection_reason"]
        assert "file " in shown["rejection_reason"] and "(Tờ khai)" in shown["rejection_reason"]
        assert "kiosk doctor" in shown["rejection_reason"]
        assert server.dossier(refused.id)["code"] is None
    assert "the document was changed after it was signed" in relay.signature_refusal
    # the technician's summary: two rejected, nothing left to send, and nothing retried later
    status = sync_status(store)
    assert (status.states["rejected"], status.queue) == (2, 0)
    clock.advance(timedelta(days=1).total_seconds())
    assert store.due_uploads(clock()) == [] and relay.run_once() == {}


def test_the_timestamp_server_answers_a_real_request_with_the_stations_certificate(server, pki):
    trust = signing_trust(signing_ca())
    timestamping = Timestamping(f"{server.url}/tsa", pki.ca,
                                client_certificate=(pki.station_cert(STATION), pki.station_key(STATION)))
    signed = sign_pdf(unsigned_pdf(2_000), _signer(signing_ca()), SignatureDetails("hồ sơ test"),
                      timestamping=timestamping, revocation=trust)
    assert (signed.level, signed.warnings) == (B_LT, [])
    (check,) = verify_pdf(signed.data, trust).signatures
    assert check.ok and check.timestamp_ok and check.level == B_LT


def test_the_timestamp_server_refuses_garbage_and_strangers(server, pki):
    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE would replace the test CA
    session.verify = str(pki.ca)
    session.cert = (str(pki.station_cert(STATION)), str(pki.station_key(STATION)))
    garbage = session.post(f"{server.url}/tsa", data=b"\x30\x03\x02\x01\x01 not a request",
                           headers={"Content-Type": "application/timestamp-query"}, timeout=5)
    assert garbage.status_code == 400 and "not an RFC 3161 timestamp request" in garbage.json()["error"]
    wrong_type = session.post(f"{server.url}/tsa", data=b"x", headers={"Content-Type": "text/plain"}, timeout=5)
    assert wrong_type.status_code == 415 and wrong_type.headers["Content-Type"] == "application/json"
    assert session.get(f"{server.url}/tsa", timeout=5).status_code == 405
    session.close()
    # like every call of the province, the TSA asks for a station's certificate
    with pytest.raises(requests.exceptions.SSLError):
        requests.post(f"{server.url}/tsa", data=b"x", verify=str(pki.ca), timeout=5,
                      headers={"Content-Type": "application/timestamp-query"})
    timestamping = Timestamping(f"{server.url}/tsa", pki.ca)  # no client certificate: signed without a timestamp
    signed = sign_pdf(unsigned_pdf(2_000), _signer(signing_ca()), SignatureDetails("test"), timestamping=timestamping)
    assert signed.level == "B-B" and "unreachable" in signed.warnings[0]

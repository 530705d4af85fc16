"""The audit log anchored at the province: each submit carries the chain's head, the reference server
(real HTTPS with client certificates on loopback) keeps it per station and refuses a chain that went
backwards or forked; the station keeps what was acknowledged and checks its log against it."""

import random
import shutil
import sqlite3
import uuid

import pytest
import requests

from kiosk.diagnostics.sync_status import sync_status
from kiosk.domain import DossierState
from kiosk.store import FileKeyStore, Store
from sync import protocol as p
from sync.client import AuditRefused
from sync.relay import ACCEPTED, WAITING, Backoff, Relay
from tests.sync.factories import Chain, Clock, pdf, submitted
from tests.sync.test_protocol import dossier

STATION = "SIM-01"
NAME, ID_NUMBER = "Nguyễn Thị Hồng Nhung", "001190012345"


def _open(folder):
    return Store(folder / "store", FileKeyStore(folder / "keys"), station_id=STATION)


def _relay(store, server, client_for, clock):
    return Relay(store, client_for(server, chunk_size=8 * 1024), clock=clock,
                 backoff=Backoff(base=2, cap=60, rng=random.Random(1)))


def _submit(client, chain):
    """A one-file dossier submitted directly by the client with the given audit chain."""
    data = pdf(5_000)
    dossier_id, metadata = dossier({"a.pdf": data})
    client.send_metadata(dossier_id, metadata)
    client.upload(dossier_id, "a.pdf", data, metadata["files"][0]["sha256"])
    return dossier_id, client.submit(dossier_id, chain)


def test_a_normal_sequence_of_uploads_is_accepted_and_anchored(relay, store, server, clock):
    chain = store.audit_chain_id()
    for _ in range(3):
        dossiers = [submitted(store, clock) for _ in range(2)]
        outcomes = relay.run_once()
        assert [outcomes[d.id].state for d in dossiers] == [ACCEPTED, ACCEPTED]
        kept = server.anchors.kept(STATION, chain)
        assert store.audit_anchor() == kept and store.audit_hash_at(kept[0]) == kept[1]
    assert relay.audit_refusal is None and server.anchors.chains(STATION) == 1
    assert store.verify_audit() == [] and store.check() == []


def test_a_store_restored_from_an_older_copy_is_refused_and_its_dossiers_stay_queued(
        tmp_path, server, client_for, caplog):
    clock = Clock()
    with _open(tmp_path) as store:
        submitted(store, clock)
    shutil.copytree(tmp_path / "store", tmp_path / "copy")  # the technician's backup, before any upload
    with _open(tmp_path) as store, _relay(store, server, client_for, clock) as relay:
        for _ in range(3):
            submitted(store, clock)
        assert {o.state for o in relay.run_once().values()} == {ACCEPTED}
        kept = server.anchors.kept(STATION, store.audit_chain_id())
    shutil.rmtree(tmp_path / "store")
    shutil.copytree(tmp_path / "copy", tmp_path / "store")  # restored: its log is back where the copy was
    with _open(tmp_path) as store, _relay(store, server, client_for, clock) as relay:
        fresh = submitted(store, clock)
        codes_before = server.dossier_count()
        outcomes = relay.run_once()
        refused = next(iter(outcomes.values()))
        assert refused.state == WAITING and "went backwards" in refused.reason
        assert relay.audit_refusal == refused.reason and f"province acknowledged row {kept[0]}" in refused.reason
        assert {store.load(d).state for d in outcomes} == {DossierState.QUEUED}
        assert store.load(fresh.id).state is DossierState.QUEUED and server.dossier(fresh.id) is None
        assert server.dossier_count() == codes_before
        assert server.anchors.kept(STATION, store.audit_chain_id()) == kept  # the kept head stays
        assert sync_status(store).last_error_class == "audit_refused"  # what the technician's screen shows
    for text in (relay.audit_refusal, caplog.text):
        assert NAME not in text and ID_NUMBER not in text


def test_a_forked_chain_is_refused(tmp_path, server, client_for):
    """The tail cut by SQL (triggers dropped, the head record and the anchor rolled back with it), then
    the station goes on writing: a chain as long as before, but another one."""
    clock = Clock()
    with _open(tmp_path) as store, _relay(store, server, client_for, clock) as relay:
        submitted(store, clock)
        relay.run_once()
        keep = store.audit_head()[0]
        submitted(store, clock)
        relay.run_once()
        kept = server.anchors.kept(STATION, store.audit_chain_id())
        db = sqlite3.connect(store.path)
        db.execute("DROP TRIGGER audit_no_delete")
        db.execute(f"DELETE FROM audit WHERE seq > {keep}")
        db.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{keep}:{store.audit_hash_at(keep)}",))
        db.execute("DELETE FROM meta WHERE key = 'audit_anchor'")
        db.commit()
        db.close()
        for _ in range(3):  # the log grows past the kept row again
            submitted(store, clock)
        assert store.audit_head()[0] > kept[0]
        outcome = next(iter(relay.run_once().values()))
        assert outcome.state == WAITING and "rewritten (forked)" in relay.audit_refusal
        assert server.anchors.kept(STATION, store.audit_chain_id()) == kept
        assert any("no audit row" in str(problem) for problem in store.verify_audit())


def test_the_server_tells_extends_from_rewound_and_forked(server, client_for):
    client, chain = client_for(server), Chain()
    _submit(client, chain.next())
    head = chain.next()
    _submit(client, head)
    assert server.anchors.kept(STATION, chain.id) == head.head
    _submit(client, p.AuditChain(chain.id, head.head, head.head))  # the same head again: nothing written meanwhile
    with pytest.raises(AuditRefused) as rewound:
        _submit(client, p.AuditChain(chain.id, (1, chain.hash_at(1))))
    assert rewound.value.code == p.AUDIT_REWOUND and (rewound.value.kept_seq, rewound.value.head_seq) == (2, 1)
    with pytest.raises(AuditRefused) as forked:
        _submit(client, p.AuditChain(chain.id, (2, "ab" * 32)))
    assert forked.value.code == p.AUDIT_FORKED
    with pytest.raises(AuditRefused) as forked_earlier:
        _submit(client, p.AuditChain(chain.id, (5, "cd" * 32), (2, "ef" * 32)))
    assert forked_earlier.value.code == p.AUDIT_FORKED
    _submit(client, p.AuditChain(chain.id, (5, "cd" * 32), head.head))  # extends: accepted
    assert server.anchors.kept(STATION, chain.id) == (5, "cd" * 32)


def test_a_lost_acknowledgement_is_recovered_with_the_row_the_server_asks_for(server, client_for):
    client, chain = client_for(server), Chain()
    _submit(client, chain.next())
    for _ in range(3):
        chain.next()
    later = chain.next()  # the station never learnt that the first head was acknowledged: no anchor
    assert later.anchor is None
    _submit(client, later)
    assert server.anchors.kept(STATION, chain.id) == later.head


def test_chains_are_kept_per_station_and_per_store(server, client_for):
    first, other = Chain(), Chain()
    for _ in range(3):
        head = first.next()
    _submit(client_for(server), head)
    _submit(client_for(server), other.next())  # a new store on the same station: a chain of its own
    _submit(client_for(server, station="OTHER-02"), Chain().next())
    assert server.anchors.chains(STATION) == 2 and server.anchors.chains("OTHER-02") == 1


@pytest.mark.parametrize("headers, named", [
    ({}, p.AUDIT_CHAIN),
    ({p.AUDIT_CHAIN: "0" * 32}, p.AUDIT_HEAD),
    ({p.AUDIT_CHAIN: "0" * 32, p.AUDIT_HEAD: "-1:" + "0" * 64}, p.AUDIT_HEAD),
    ({p.AUDIT_CHAIN: "0" * 32, p.AUDIT_HEAD: "3:" + "A" * 64}, p.AUDIT_HEAD),
    ({p.AUDIT_CHAIN: "0" * 32, p.AUDIT_HEAD: "3:" + "0" * 64, p.AUDIT_ANCHOR: "4:" + "0" * 64}, p.AUDIT_ANCHOR),
])
def test_a_submit_without_a_valid_audit_head_is_refused_with_400(server, client_for, headers, named):
    client = client_for(server)
    data = pdf(5_000)
    dossier_id, metadata = dossier({"a.pdf": data})
    client.send_metadata(dossier_id, metadata)
    client.upload(dossier_id, "a.pdf", data, metadata["files"][0]["sha256"])
    response = client.session.post(f"{server.url}/v1/dossiers/{dossier_id}/submit", headers=headers, timeout=5)
    assert response.status_code == 400 and response.json()["code"] == p.AUDIT_INVALID
    assert named in response.json()["error"] and server.dossier(dossier_id)["code"] is None


def test_an_unknown_dossier_is_still_404_before_the_audit_head_is_read(server, client_for):
    response = client_for(server).session.post(f"{server.url}/v1/dossiers/{uuid.uuid4()}/submit", timeout=5)
    assert response.status_code == 404 and isinstance(response, requests.Response)

"""The outbox relay with a real store and the reference server over HTTPS on loopback."""

import random


from kiosk.domain import Component, Document, DossierState
from kiosk.store import FileKeyStore, Store
from sync.relay import ACCEPTED, CONFLICT, REJECTED, WAITING, Backoff, Relay
from tests.sync.factories import Clock, pdf, submitted


def test_a_dossier_edited_after_it_was_read_ahead_is_sent_as_edited(relay, store, server, clock):
    first, second = submitted(store, clock), submitted(store, clock)
    assert relay.deliver(first.id, following=second.id).state == ACCEPTED  # second's PDFs read meanwhile
    second.reopen(clock())  # the officer replaces a page before its turn
    new_document = Document.from_pdf(pdf(7_000), 1)
    second.set_component(Component(name="Giấy tờ 1", document=new_document), clock())
    second.mark_ready(clock())
    store.save(second, now=clock())
    store.submit(second, now=clock())
    assert relay.deliver(second.id).state == ACCEPTED
    assert server.file_bytes(second.id, f"{new_document.id}.pdf") == new_document.content


def test_dossiers_are_delivered_in_order_of_submission_with_their_codes(relay, store, server, clock):
    dossiers = [submitted(store, clock) for _ in range(3)]
    outcomes = relay.run_once()
    assert [outcomes[d.id].state for d in dossiers] == [ACCEPTED] * 3
    codes = [outcomes[d.id].code for d in dossiers]
    assert [code[-4:] for code in codes] == ["0001", "0002", "0003"]
    for dossier, code in zip(dossiers, codes):
        stored = store.load(dossier.id)
        assert stored.state is DossierState.ACCEPTED and stored.official_code == code
        for component in dossier.components:
            assert server.file_bytes(dossier.id, f"{component.document.id}.pdf") == component.document.content
    assert relay.run_once() == {}  # nothing left: exactly once


def test_server_errors_wait_with_growing_delays_then_succeed(relay, store, server, clock):
    dossier = submitted(store, clock)
    server.faults.fail_rate = 1.0
    server.faults.retry_after = 0
    relay.run_once()
    first_wait = relay.offline_until - clock()
    assert relay.progress[dossier.id].state == WAITING
    clock.now = relay.offline_until
    relay.run_once()
    assert store.load(dossier.id).state is DossierState.QUEUED  # never touched while the probe fails
    server.faults.fail_rate = 0.0
    clock.now = relay.offline_until
    assert relay.run_once()[dossier.id].state == ACCEPTED
    assert first_wait.total_seconds() <= 2  # full jitter under the first bound


def test_failure_during_a_dossier_requeues_it_with_backoff(relay, store, server, clock):
    dossier = submitted(store, clock, sizes=(100_000,))
    server.faults.drop_after = 1000
    outcome = relay.run_once()[dossier.id]
    assert outcome.state == WAITING and outcome.until > clock()
    assert store.load(dossier.id).state is DossierState.QUEUED
    assert store.due_uploads(clock()) == []
    server.faults.drop_after = None
    clock.now = outcome.until
    assert relay.run_once()[dossier.id].state == ACCEPTED


def test_captive_portal_is_never_taken_as_success(relay, store, server, clock):
    dossier = submitted(store, clock)
    server.faults.captive_portal = True
    assert relay.run_once()[dossier.id].state == WAITING
    assert store.load(dossier.id).state is DossierState.QUEUED
    assert server.dossier_count() == 0


def test_conflict_and_refusal_stop_only_that_dossier(relay, store, server, clock, client_for):
    clashing, fine = submitted(store, clock), submitted(store, clock)
    client_for(server).send_metadata(clashing.id, {"procedure": "other", "receiving_unit": "06970",
                                                   "competent_unit": "06970",
                                                   "files": [{"name": "x", "size": 1, "sha256": "0" * 64}]})
    outcomes = relay.run_once()
    assert outcomes[clashing.id].state == CONFLICT and "different content" in outcomes[clashing.id].reason
    assert outcomes[fine.id].state == ACCEPTED
    rejected = store.load(clashing.id)
    assert rejected.state is DossierState.REJECTED and rejected.rejection_reason.startswith("conflict:")


def test_a_refused_station_keeps_its_dossiers_queued_with_the_servers_reason(store, server, client_for, clock):
    dossier = submitted(store, clock)
    server.faults.refused_stations.add("SIM-01")
    relay = Relay(store, client_for(server), clock=clock)
    outcome = relay.run_once()[dossier.id]  # the station is refused, not the dossier: it waits for a fix
    assert outcome.state == WAITING and "403 station SIM-01 is not allowed" in outcome.reason
    assert store.load(dossier.id).state is DossierState.QUEUED


def test_a_permanent_refusal_of_one_dossier_stops_only_that_one(relay, store, server, clock):
    refused = submitted(store, clock)
    original = server.storage.next_code
    server.storage.next_code = lambda unit, when: "not a code"
    try:
        assert relay.run_once()[refused.id].state == REJECTED
    finally:
        server.storage.next_code = original
    assert store.load(refused.id).rejection_reason == "the province answered without a valid dossier code"
    fine = submitted(store, clock)
    assert relay.run_once() == {fine.id: relay.progress[fine.id]} and relay.progress[fine.id].state == ACCEPTED


def test_backoff_is_full_jitter_under_a_growing_capped_bound_and_honours_retry_after():
    backoff = Backoff(base=2, cap=60, rng=random.Random(3))
    for attempt, bound in ((1, 2), (2, 4), (3, 8), (6, 60), (20, 60)):
        delays = [backoff.delay(attempt) for _ in range(200)]
        assert 0 <= min(delays) and max(delays) <= bound and max(delays) > bound / 2
    assert backoff.delay(1, retry_after=30) >= 30
    assert backoff.delay(1, retry_after=10_000) == 3600


def test_relay_service_delivers_in_the_background_and_stops(server, pki, tmp_path):
    import time

    from kiosk.config import load_config
    from sync.service import RelayService, relay_configured
    from tests.conftest import write_config

    config = load_config(write_config(tmp_path, endpoint=server.url, ca_bundle=str(pki.ca), station_id="SIM-01",
                                      client_certificate=str(pki.station_cert("SIM-01")),
                                      client_key=str(pki.station_key("SIM-01")), key_dir=str(tmp_path / "keys")),
                         env={})
    assert relay_configured(config)
    with Store(config.store_dir, FileKeyStore(config.key_dir), station_id="SIM-01") as store:
        dossier = submitted(store, Clock())
    seen = []
    service = RelayService(config, on_progress=lambda dossier_id, progress: seen.append(progress.state))
    service.start()
    deadline = time.monotonic() + 20
    while ACCEPTED not in seen and time.monotonic() < deadline:
        time.sleep(0.05)
    service.stop()
    assert seen[-1] == ACCEPTED and server.dossier(dossier.id)["code"]

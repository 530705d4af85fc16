"""The province's state of accepted dossiers, brought back by the relay, and conflicts, end to end with
the reference server: what the counter's list then shows."""

from datetime import timedelta

from kiosk.store.outbox import PROVINCE_STATES as STORE_PROVINCE_STATES
from sync.protocol import PROVINCE_STATES
from sync.relay import ACCEPTED, CONFLICT
from tests.sync.factories import submitted


def badge(store, dossier_id):
    return next(row["badge"] for row in store.counter_rows() if row["id"] == dossier_id)


def test_the_store_knows_the_provinces_states_of_the_protocol():
    assert STORE_PROVINCE_STATES == PROVINCE_STATES


def test_a_dossier_the_province_asks_to_supplement_shows_it_at_the_counter(relay, store, server, clock):
    dossier = submitted(store, clock)
    assert relay.run_once()[dossier.id].state == ACCEPTED
    assert badge(store, dossier.id) == "accepted"

    assert relay.poll_province_states() == {dossier.id: "received"}
    server.set_state(dossier.id, "needs_supplement")
    assert relay.poll_province_states() == {}  # asked a moment ago: not asked again yet
    assert badge(store, dossier.id) == "accepted"

    clock.advance(relay.status_every.total_seconds())
    heard = []
    relay.province_listeners.append(lambda dossier_id, state: heard.append((dossier_id, state)))
    assert relay.poll_province_states() == {dossier.id: "needs_supplement"}
    assert heard == [(dossier.id, "needs_supplement")]
    [row] = store.counter_rows(store.official_code(dossier.id))
    assert row["badge"] == "needs_supplement" and row["province_state"] == "needs_supplement"
    assert "province_state" in [entry["action"] for entry in store.dossier_history(dossier.id)]

    server.set_state(dossier.id, "returned")
    clock.advance(relay.status_every.total_seconds())
    assert relay.poll_province_states() == {dossier.id: "returned"}
    clock.advance(timedelta(days=1).total_seconds())
    assert store.province_polls_due(clock()) == []  # returned to the citizen: nothing more to ask


def test_a_province_that_cannot_answer_leaves_the_dossier_due(relay, store, server, clock):
    dossier = submitted(store, clock)
    relay.run_once()
    server.faults.fail_rate = 1.0  # every answer a 503: the province cannot answer now
    assert relay.poll_province_states() == {}
    assert store.province_polls_due(clock()) == [dossier.id]  # still due: asked when the line is back


def test_a_conflict_is_kept_as_such_and_shown_at_the_counter(relay, store, server, clock, client_for):
    clashing = submitted(store, clock)
    client_for(server).send_metadata(clashing.id, {"procedure": "other", "receiving_unit": "06970",
                                                   "competent_unit": "06970",
                                                   "files": [{"name": "x", "size": 1, "sha256": "0" * 64}]})
    assert relay.run_once()[clashing.id].state == CONFLICT
    assert badge(store, clashing.id) == "conflict"
    assert store.province_polls_due(clock()) == []

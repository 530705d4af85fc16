"""The relay and tampered rows (kiosk/store/rowmacs.py): a dossier whose rows fail their MACs is reported,
left in the queue untouched, and never sent with another dossier's document; the others go on."""

import sqlite3

from sync.relay import ACCEPTED, DAMAGED
from tests.sync.factories import submitted


def tamper(store, sql: str, *params) -> None:
    conn = sqlite3.connect(store.path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_a_forged_accepted_state_is_reported_and_stays_queued_while_the_others_go(relay, store, server, clock):
    forged, sound = submitted(store, clock), submitted(store, clock)
    tamper(store, "UPDATE dossiers SET state = 'accepted' WHERE id = ?", forged.id)
    outcomes = relay.run_once()
    assert outcomes[forged.id].state == DAMAGED and f"dossier {forged.id}" in outcomes[forged.id].reason
    assert outcomes[sound.id].state == ACCEPTED
    assert store.outbox_entry(forged.id)["state"] == "pending"  # not marked done, not dropped
    assert server.dossier(forged.id) is None  # nothing of it went to the province
    again = relay.run_once()  # reported again at every pass, never skipped
    assert again == {forged.id: again[forged.id]} and again[forged.id].state == DAMAGED


def test_swapped_documents_are_never_sent(relay, store, server, clock):
    dossier = submitted(store, clock)
    (first, doc_a), (second, doc_b) = store.conn.execute(
        "SELECT id, document_id FROM components WHERE dossier_id = ? ORDER BY position", (dossier.id,)).fetchall()
    tamper(store, "UPDATE components SET document_id = ? WHERE id = ?", doc_b, first)
    tamper(store, "UPDATE components SET document_id = ? WHERE id = ?", doc_a, second)
    outcome = relay.run_once()[dossier.id]
    assert outcome.state == DAMAGED and server.dossier(dossier.id) is None
    assert store.outbox_entry(dossier.id)["state"] == "pending" and store.outbox_attempts(dossier.id) == 0

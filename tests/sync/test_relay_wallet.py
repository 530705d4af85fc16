"""The relay sends a dossier's e-wallet items with it: in order, once, recorded on the station."""

import uuid


from kiosk.domain import DossierState
from sync.relay import ACCEPTED, WAITING
from tests.sync.factories import submitted

OWNER = "001190012345"  # the factories' citizen


def test_a_dossiers_items_arrive_with_it_in_order_and_are_recorded_on_the_station(relay, store, server, clock,
                                                                                   client_for):
    dossier = submitted(store, clock, wallet=(None, 30_000, None))
    items = store.wallet_items_of(dossier.id, with_content=True)
    requests_before = server.requests
    outcome = relay.run_once()[dossier.id]
    assert outcome.state == ACCEPTED and outcome.reason is None
    # precheck, PUT, 2 files (4 chunks), submit; 3 item PUTs, and only the item with its own PDF uploads
    # (4 chunks): the others are the dossier's first PDF, already at the province
    assert server.requests - requests_before == 1 + 1 + 4 + 1 + 3 + 4
    for item in items:
        assert server.wallet_document(item.id) == item.document.content
        assert store.wallet_item_status(item.id)["received_at"] == clock()
    listed = client_for(server).wallet_items(OWNER)
    assert [i["id"] for i in listed] == [i.id for i in items]  # in the order they were made
    assert {i["dossier_code"] for i in listed} == {outcome.code}
    assert store.wallet_items_of(dossier.id, unsent_only=True) == []
    assert relay.run_once() == {} and server.wallet_item_count() == 3  # never twice


def test_a_connection_cut_while_items_go_out_replays_without_a_second_item(relay, store, server, clock):
    dossier = submitted(store, clock, sizes=(5_000,), wallet=(None, 60_000))
    first, second = store.wallet_items_of(dossier.id)
    server.faults.drop_after = 20_000 + 5_000  # the dossier's PDF goes through, the item's own PDF breaks
    outcome = relay.run_once()[dossier.id]
    assert outcome.state == WAITING
    assert store.load(dossier.id).state is DossierState.QUEUED and store.load(dossier.id).official_code is None
    assert store.wallet_item_status(first.id)["received_at"] is not None  # the province has the first
    assert store.wallet_item_status(second.id)["received_at"] is None
    code = server.dossier(dossier.id)["code"]
    clock.now = outcome.until
    outcome = relay.run_once()[dossier.id]
    assert outcome.state == ACCEPTED and outcome.code == code
    assert server.wallet_item_count() == 2 and server.wallet_document(second.id) is not None
    assert store.load(dossier.id).official_code == code


def test_a_refused_item_is_recorded_and_the_dossier_still_accepted(relay, store, server, clock, client_for, monkeypatch):
    dossier = submitted(store, clock, wallet=(None, None, 10_000))
    first, second, third = store.wallet_items_of(dossier.id)
    real = relay.client.send_wallet_item

    def clash(item_id, item):
        if item_id == second.id:  # as if this id had already been sent with other content
            real(item_id, {**item, "title": "Một tiêu đề khác"})
        return real(item_id, item)

    monkeypatch.setattr(relay.client, "send_wallet_item", clash)
    outcome = relay.run_once()[dossier.id]
    assert outcome.state == ACCEPTED and f"1 e-wallet item(s) refused: {second.id}: conflict:" in outcome.reason
    assert store.load(dossier.id).state is DossierState.ACCEPTED
    status = store.wallet_item_status(second.id)
    assert status["received_at"] is None and status["refusal"].startswith("conflict:")
    assert OWNER not in status["refusal"] and OWNER not in outcome.reason
    for item in (first, third):
        assert store.wallet_item_status(item.id)["received_at"] is not None
    assert [i["id"] for i in client_for(server).wallet_items(OWNER)] == [first.id, second.id, third.id]
    assert [i["title"] for i in client_for(server).wallet_items(OWNER)][1] == "Một tiêu đề khác"
    assert store.wallet_items_of(dossier.id, unsent_only=True) == []  # a refused item is not sent again
    assert store.check() == []


def test_items_of_another_citizen_are_not_listed_for_this_one(relay, store, server, clock, client_for):
    submitted(store, clock, wallet=(None,))
    assert relay.run_once()
    assert client_for(server).wallet_items("079085000123") == []
    assert len(client_for(server).wallet_items(OWNER)) == 1
    assert server.wallet_item(str(uuid.uuid4())) is None

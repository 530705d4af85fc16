"""E-wallet items written with their dossier in one transaction, and what the province made of them."""

from __future__ import annotations

import pytest

from kiosk.domain import DomainError, DossierState, WalletItem
from kiosk.store import StoreError
from kiosk.store.wallet import copy_document_id

from .conftest import ID_NUMBER, NAME, T0, make_citizen, make_document, make_dossier

OTHER_ID = "001090054321"


def items_for(dossier, count: int = 2) -> list[WalletItem]:
    """The first from a component's own document (the usual case), the others with documents of their own."""
    first = WalletItem(owner_id_number=dossier.citizen.id_number, title="Giấy khai sinh (bản số hóa)",
                       document=dossier.documents[0], created_at=T0, source_dossier_id=dossier.id)
    others = [WalletItem(owner_id_number=dossier.citizen.id_number, title=f"Kết quả số {n}",
                         document=make_document(1), created_at=T0, source_dossier_id=dossier.id)
              for n in range(1, count)]
    return [first, *others]


def table_counts(store) -> dict[str, int]:
    return {table: store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("dossiers", "components", "documents", "outbox", "wallet_items", "search", "audit")}


def test_submit_writes_the_dossier_its_outbox_entry_and_its_wallet_items_together(store):
    dossier = make_dossier()
    items = items_for(dossier, 3)
    store.submit(dossier, actor="officer-7", now=T0, wallet_items=items)
    assert store.load(dossier.id).state is DossierState.QUEUED
    assert store.outbox_entry(dossier.id)["state"] == "pending"
    stored = store.wallet_items_of(dossier.id, with_content=True)
    assert [i.id for i in stored] == sorted(i.id for i in items)  # same creation time: by id
    by_id = {i.id: i for i in stored}
    for item in items:
        got = by_id[item.id]
        assert (got.title, got.owner_id_number, got.source_dossier_id) == (item.title, ID_NUMBER, dossier.id)
        assert got.document.sha256 == item.document.sha256 and got.document.content == item.document.content
    # the item made from a component's own PDF keeps its own sealed copy, under a derived id
    assert by_id[items[0].id].document.id == copy_document_id(items[0].id, dossier.documents[0].id)
    assert store.load(dossier.id, with_content=True).documents[0].content == items[0].document.content
    assert {i.id for i in store.wallet_items(ID_NUMBER)} == {i.id for i in items}
    assert store.wallet_items(OTHER_ID) == []
    actions = [row["action"] for row in store.audit_log(dossier.id)]
    assert actions.count("submit") == 1 and actions.count("wallet_save") == 3
    assert store.check() == [] and store.orphan_files() == []


def test_an_item_of_a_component_given_without_its_content_is_copied_from_the_stored_dossier(store):
    dossier = make_dossier()
    store.save(dossier, now=T0)
    loaded = store.load(dossier.id)  # documents without their PDFs, as a later session has them
    item = WalletItem(owner_id_number=ID_NUMBER, title="Bản sao", document=loaded.documents[1],
                      source_dossier_id=dossier.id, created_at=T0)
    store.submit(loaded, now=T0, wallet_items=[item])
    got = store.wallet_items_of(dossier.id, with_content=True)[0]
    assert got.document.content == dossier.documents[1].content


@pytest.mark.parametrize("fail_at", ["second item", "last audit row", "outbox"])
def test_a_failure_inside_submit_leaves_nothing_behind(store, monkeypatch, fail_at):
    before = table_counts(store)
    dossier = make_dossier()
    items = items_for(dossier, 3)
    if fail_at == "second item":
        real, calls = store._insert_wallet_item, []

        def insert(conn, item, prepared):
            calls.append(item.id)
            if len(calls) == 2:
                raise RuntimeError("disk full")
            real(conn, item, prepared)

        monkeypatch.setattr(store, "_insert_wallet_item", insert)
    elif fail_at == "last audit row":
        real_audit, audits = store._audit, []

        def audit(conn, action, *args):
            audits.append(action)
            if len(audits) == 4:  # submit, wallet_save, wallet_save, then this one
                raise RuntimeError("disk full")
            real_audit(conn, action, *args)

        monkeypatch.setattr(store, "_audit", audit)
    else:
        store.conn.execute("CREATE TRIGGER no_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(Exception):
        store.submit(dossier, now=T0, wallet_items=items)
    assert table_counts(store) == before
    assert list(store.blobs.names()) == [] and list(store.blobs.temporary_files()) == []
    assert dossier.state is DossierState.DRAFT  # the caller's object is as it was
    assert store.wallet_items(ID_NUMBER) == [] and store.check() == []


def test_items_must_come_from_the_dossier_and_the_refusal_names_no_personal_data(store):
    dossier, other = make_dossier(), make_dossier()
    stray = items_for(other, 1)[0]
    with pytest.raises(DomainError) as raised:
        store.submit(dossier, now=T0, wallet_items=[stray])
    assert ID_NUMBER not in str(raised.value) and NAME not in str(raised.value)
    assert table_counts(store)["dossiers"] == 0 and list(store.blobs.names()) == []
    twice = items_for(dossier, 1) * 2
    with pytest.raises(DomainError, match="given twice"):
        store.submit(dossier, now=T0, wallet_items=twice)


def test_a_dossier_submitted_again_keeps_its_items_and_an_item_never_changes(store):
    dossier = make_dossier()
    items = items_for(dossier, 2)
    store.submit(dossier, now=T0, wallet_items=items)
    dossier.reopen(T0)
    store.save(dossier, now=T0)
    store.submit(dossier, now=T0, wallet_items=items)  # the same items again: kept as they are
    assert len(store.wallet_items_of(dossier.id)) == 2
    changed = WalletItem(owner_id_number=ID_NUMBER, title="x", document=make_document(1), id=items[1].id,
                         source_dossier_id=dossier.id, created_at=T0)
    dossier.reopen(T0)
    with pytest.raises(StoreError, match="items do not change"):
        store.submit(dossier, now=T0, wallet_items=[changed])
    with pytest.raises(StoreError, match="items do not change"):
        store.save_wallet_item(changed)


def test_the_provinces_answer_is_recorded_per_item(store):
    dossier = make_dossier()
    first, second, third = items_for(dossier, 3)
    store.submit(dossier, now=T0, wallet_items=[first, second, third])
    assert store.wallet_item_status(first.id) == {"received_at": None, "refusal": None}
    store.wallet_item_sent(first.id, now=T0)
    store.wallet_item_sent(first.id, now=T0)  # once is enough: no second audit row
    store.wallet_item_refused(second.id, "conflict: this item id was already sent with different content", now=T0)
    assert store.wallet_item_status(first.id)["received_at"] == T0
    assert store.wallet_item_status(second.id)["refusal"].startswith("conflict:")
    assert [i.id for i in store.wallet_items_of(dossier.id, unsent_only=True)] == [third.id]
    actions = [row["action"] for row in store.audit_log(dossier.id)]
    assert actions.count("wallet_sent") == 1 and actions.count("wallet_refused") == 1
    refusal = store.conn.execute("SELECT province_refusal FROM wallet_items WHERE id = ?", (second.id,)).fetchone()[0]
    assert b"conflict" not in refusal  # sealed like every other reason
    assert store.check() == []


def test_items_of_another_citizen_filed_with_a_dossier_keep_their_owner(store):
    dossier = make_dossier(make_citizen())
    child = WalletItem(owner_id_number=OTHER_ID, title="Giấy khai sinh của con", document=make_document(1),
                       source_dossier_id=dossier.id, created_at=T0)
    store.submit(dossier, now=T0, wallet_items=[child])
    assert store.wallet_items_of(dossier.id)[0].owner_id_number == OTHER_ID
    assert [i.id for i in store.wallet_items(OTHER_ID)] == [child.id] and store.wallet_items(ID_NUMBER) == []


def test_an_item_stored_before_owners_were_sealed_takes_its_dossiers_citizen(store):
    dossier = make_dossier()
    [item] = items_for(dossier, 1)
    store.submit(dossier, now=T0, wallet_items=[item])
    store.conn.execute("UPDATE wallet_items SET owner = NULL")  # as a row written under schema version 1
    store._seal_row(store.conn, "wallet_items", item.id)  # and given its MAC at the first opening at version 7
    assert store.wallet_items_of(dossier.id)[0].owner_id_number == ID_NUMBER
    assert [i.id for i in store.wallet_items(ID_NUMBER)] == [item.id]
    assert store.check() == []

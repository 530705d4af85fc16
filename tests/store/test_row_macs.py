"""Every stored fact authenticated (kiosk/store/rowmacs.py): clear columns edited by SQL, rows moved or
swapped, and the attempts to have the store re-MAC tampered rows, each caught and named by id only."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from kiosk.domain import DossierState
from kiosk.store import MIGRATIONS, FileKeyStore, Store
from kiosk.store.errors import TamperedData
from kiosk.store.officers import AccountError

from .conftest import ID_NUMBER, NAME, T0, make_dossier

PASSWORD = "mật khẩu rất dài 7"


def tamper(store: Store, sql: str, *params) -> None:
    """What someone who can write the database file does: SQL through a connection of their own."""
    conn = sqlite3.connect(store.path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def documents_of(store: Store, dossier_id: str) -> list[tuple[str, str]]:
    """(component id, document id) of the dossier's scanned components, in order."""
    return store.conn.execute("SELECT id, document_id FROM components WHERE dossier_id = ? AND document_id IS NOT NULL "
                              "ORDER BY position", (dossier_id,)).fetchall()


def no_personal_data(messages: list[str]) -> None:
    for message in messages:
        assert NAME not in message and ID_NUMBER not in message


def test_a_store_written_through_its_own_paths_is_sound(store):
    dossier = make_dossier()
    store.save(dossier, now=T0)
    store.submit(dossier, now=T0)
    store.begin_upload(dossier.id, now=T0)
    store.upload_failed(dossier.id, "offline", now=T0)
    store.begin_upload(dossier.id, now=T0)
    store.upload_accepted(dossier.id, "000.00.00.H01-250701-0001", now=T0)
    store.set_province_state(dossier.id, "processing", now=T0)
    store.province_checked(dossier.id, now=T0)
    store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, now=T0)
    store.disable_officer("lan.nt", now=T0)
    assert store.check() == []
    assert store.load(dossier.id).state is DossierState.ACCEPTED
    macs = store.conn.execute("SELECT count(*) FROM dossiers WHERE mac IS NULL OR map_mac IS NULL").fetchone()[0]
    assert macs == 0


def test_swapped_document_ids_are_caught_and_no_other_document_is_loaded(store):
    dossier = make_dossier(documents=2)
    store.submit(dossier, now=T0)
    (first, doc_a), (second, doc_b) = documents_of(store, dossier.id)
    tamper(store, "UPDATE components SET document_id = CASE id WHEN ? THEN ? ELSE ? END WHERE id IN (?, ?)",
           first, doc_b, doc_a, first, second)
    with pytest.raises(TamperedData, match=f"component ({first}|{second}): its stored row") as caught:
        store.load(dossier.id)
    assert NAME not in str(caught.value)
    problems = store.check()
    assert any(first in p for p in problems) and any(second in p for p in problems)
    no_personal_data(problems)


def test_a_document_taken_from_another_dossier_is_caught(store):
    mine, theirs = make_dossier(), make_dossier()
    store.submit(mine, now=T0)
    store.submit(theirs, now=T0)
    (component, _), _ = documents_of(store, mine.id)
    (_, stolen), _ = documents_of(store, theirs.id)
    tamper(store, "UPDATE components SET document_id = ? WHERE id = ?", stolen, component)
    with pytest.raises(TamperedData, match=component):
        store.load(mine.id)
    assert store.load(theirs.id).id == theirs.id  # the other dossier is untouched


def test_a_forged_accepted_state_is_named_not_purged_and_stays_in_the_queue(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    tamper(store, "UPDATE dossiers SET state = 'accepted' WHERE id = ?", dossier.id)
    with pytest.raises(TamperedData, match=f"dossier {dossier.id}: its stored row"):
        store.load(dossier.id)
    assert f"dossier {dossier.id}: its stored row fails its integrity check: it was tampered with or damaged" \
        in store.check()
    assert store.purge(now=T0 + timedelta(days=365)) == []  # past every retention: still kept
    assert store.conn.execute("SELECT count(*) FROM dossiers WHERE id = ?", (dossier.id,)).fetchone()[0] == 1
    # the relay's path: due, but refused before anything changes
    assert store.due_uploads(now=T0) == [dossier.id]
    with pytest.raises(TamperedData):
        store.begin_upload(dossier.id, now=T0)
    assert store.outbox_entry(dossier.id)["state"] == "pending"
    assert store.outbox_attempts(dossier.id) == 0


def test_an_outbox_entry_marked_done_is_caught(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    tamper(store, "UPDATE outbox SET state = 'done' WHERE dossier_id = ?", dossier.id)
    problems = store.check()
    assert f"outbox entry of {dossier.id}: its stored row fails its integrity check: it was tampered with or " \
           "damaged" in problems
    assert f"dossier {dossier.id}: it is queued but has no outbox entry waiting to upload it" in problems


def test_a_queued_dossier_without_outbox_entry_is_reported(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    tamper(store, "DELETE FROM outbox WHERE dossier_id = ?", dossier.id)
    assert store.check() == [f"dossier {dossier.id}: it is queued but has no outbox entry waiting to upload it"]


def test_a_disabled_account_enabled_by_sql_cannot_sign_in(store):
    store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, now=T0)
    store.disable_officer("lan.nt", now=T0)
    tamper(store, "UPDATE officers SET disabled = 0, role = 'technician' WHERE login = 'lan.nt'")
    with pytest.raises(TamperedData, match="account lan.nt: its stored row"):
        store.authenticate("lan.nt", PASSWORD, now=T0)
    with pytest.raises(TamperedData):
        store.officers()
    with pytest.raises(TamperedData):  # nor can it be enabled again over the edit
        store.enable_officer("lan.nt", now=T0)
    assert "account lan.nt: its stored row fails its integrity check: it was tampered with or damaged" in store.check()


def test_a_lockout_lifted_by_sql_is_caught(store):
    store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, now=T0)
    for _ in range(5):
        with pytest.raises(AccountError):
            store.authenticate("lan.nt", "not the password", now=T0)
    tamper(store, "UPDATE officers SET locked_until = NULL WHERE login = 'lan.nt'")
    with pytest.raises(TamperedData):
        store.authenticate("lan.nt", PASSWORD, now=T0)


@pytest.mark.parametrize("column", ["size", "page_count"])
def test_an_edited_document_size_or_page_count_is_caught(store, column):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    document = dossier.documents[0]
    tamper(store, f"UPDATE documents SET {column} = {column} + 1 WHERE id = ?", document.id)
    with pytest.raises(TamperedData, match=f"document {document.id}: its stored row"):
        store.load(dossier.id)
    with pytest.raises(TamperedData, match=f"document {document.id}"):
        store.read_document(document.id)
    assert any(document.id in p for p in store.check())


@pytest.mark.parametrize("table", ["components", "documents"])
def test_a_row_moved_to_another_dossier_is_caught_in_both(store, table):
    source, target = make_dossier(), make_dossier()
    store.submit(source, now=T0)
    store.submit(target, now=T0)
    moved = source.documents[0].id if table == "documents" else source.components[0].id
    tamper(store, f"UPDATE {table} SET dossier_id = ? WHERE id = ?", target.id, moved)
    for dossier in (source, target):
        with pytest.raises(TamperedData):
            store.load(dossier.id)
    problems = store.check()
    assert any(moved in p for p in problems)
    assert f"dossier {source.id}: its components and documents fails its integrity check: it was tampered with " \
           "or damaged" in problems


def test_a_blob_put_into_a_text_column_is_named(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    tamper(store, "UPDATE dossiers SET received_by = CAST('officer-9' AS BLOB) WHERE id = ?", dossier.id)
    with pytest.raises(TamperedData, match=f"dossier {dossier.id}: its stored row"):
        store.load(dossier.id)
    assert f"dossier {dossier.id}: its stored row fails its integrity check: it was tampered with or damaged" \
        in store.check()
    assert store.purge(now=T0 + timedelta(days=365)) == []


def test_a_deleted_component_is_caught_by_the_dossiers_map(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    tamper(store, "DELETE FROM components WHERE id = ?", dossier.components[0].id)
    with pytest.raises(TamperedData, match=f"dossier {dossier.id}: its components and documents"):
        store.load(dossier.id)


def test_the_counter_and_the_lists_flag_a_tampered_dossier_and_show_the_others(store):
    forged, sound = make_dossier(), make_dossier()
    store.submit(forged, now=T0)
    store.submit(sound, now=T0 + timedelta(minutes=1))
    tamper(store, "UPDATE dossiers SET official_code = '000.00.00.H01-250701-0009' WHERE id = ?", forged.id)
    rows = {row["id"]: row for row in store.counter_rows()}
    assert rows[forged.id]["tampered"] and not rows[sound.id]["tampered"]
    listed = {row["id"]: row["tampered"] for row in store.list_dossiers()}
    assert listed == {forged.id: True, sound.id: False}
    with pytest.raises(TamperedData):
        store.dossier_history(forged.id)
    assert [row["action"] for row in store.dossier_history(sound.id)] == ["submit"]


def test_a_tampered_wallet_item_is_caught(store):
    from kiosk.domain import WalletItem

    dossier = make_dossier()
    item = WalletItem(owner_id_number=ID_NUMBER, title="Giấy khai sinh", document=dossier.documents[0],
                      source_dossier_id=dossier.id, created_at=T0)
    store.submit(dossier, now=T0, wallet_items=[item])
    tamper(store, "UPDATE wallet_items SET province_received_at = '2025-07-01T08:00:00.000000Z'")
    with pytest.raises(TamperedData, match=f"e-wallet item {item.id}"):
        store.wallet_items_of(dossier.id, unsent_only=True)


# --- the marker: tampered rows are never re-MACed by the store -----------------------------------------


def reopen(datadir, keydir) -> Store:
    return Store(datadir, FileKeyStore(keydir), station_id="SIM-01")


def downgrade(path, drop_marker: bool = True) -> None:
    """Make the store look as if it were never opened at version 7: no MAC columns, version 6, no marker."""
    conn = sqlite3.connect(path)
    for table in ("dossiers", "components", "documents", "outbox", "wallet_items", "officers"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN mac")
    conn.execute("ALTER TABLE dossiers DROP COLUMN map_mac")
    if drop_marker:
        conn.execute("DELETE FROM meta WHERE key = 'rows_authenticated'")
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()


def test_a_removed_marker_is_refused(store, datadir, keydir):
    store.submit(make_dossier(), now=T0)
    store.close()
    tamper(store, "DELETE FROM meta WHERE key = 'rows_authenticated'")
    with pytest.raises(TamperedData, match="row authentication marker"):
        reopen(datadir, keydir)


def test_a_forged_marker_is_refused(store, datadir, keydir):
    store.close()
    tamper(store, "UPDATE meta SET value = randomblob(41) WHERE key = 'rows_authenticated'")
    with pytest.raises(TamperedData, match="row authentication marker"):
        reopen(datadir, keydir)


def test_a_store_made_with_row_macs_and_downgraded_is_refused(store, datadir, keydir):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    store.close()
    downgrade(store.path)
    tamper(store, "UPDATE dossiers SET state = 'accepted' WHERE id = ?", dossier.id)
    with pytest.raises(TamperedData, match="row authentication marker"):
        reopen(datadir, keydir)


def test_an_old_store_is_authenticated_once_and_a_downgrade_after_is_refused(datadir, keydir):
    dossier = make_dossier()
    with Store(datadir, FileKeyStore(keydir), "SIM-01", migrations=MIGRATIONS[:6]) as old:
        old.submit(dossier, now=T0)
    with reopen(datadir, keydir) as store:  # first opening at version 7: every row gets its MAC
        assert store.check() == []
        assert store.load(dossier.id).id == dossier.id
        assert [row["action"] for row in store.audit_log()][-1] == "rows_authenticated"
        path = store.path
    downgrade(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE dossiers SET state = 'accepted' WHERE id = ?", (dossier.id,))
    conn.commit()
    conn.close()
    with pytest.raises(TamperedData, match="row authentication marker"):  # the audit log remembers
        reopen(datadir, keydir)

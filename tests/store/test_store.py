import json
from datetime import timedelta

import pytest

from kiosk.domain import Component, DomainError, DossierState, IllegalTransition
from kiosk.domain import WalletItem
from kiosk.cli.dossier import export_dossier, show_dossier
from kiosk.store import NotFound, StoreError

from .conftest import ID_NUMBER, NAME, T0, make_citizen, make_document, make_dossier

S = DossierState


def test_submit_writes_dossier_and_outbox_together(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    assert dossier.state is S.QUEUED
    row = store.list_dossiers()[0]
    assert row["state"] == "queued" and row["outbox_state"] == "pending" and row["upload_attempts"] == 0
    assert row["documents"] == 2 and row["pages"] == 4 and row["components"] == 3
    assert "citizen" not in row
    assert store.due_uploads(now=T0) == [dossier.id]
    loaded = store.load(dossier.id, with_content=True)
    assert loaded.citizen == dossier.citizen
    assert [c.document.content if c.document else None for c in loaded.components] == \
           [c.document.content if c.document else None for c in dossier.components]
    assert loaded.documents[0].thumbnails == dossier.documents[0].thumbnails


def test_the_citizens_presence_consent_and_an_original_shown_are_kept(store):
    from datetime import datetime, timezone

    from kiosk.domain import Check, Consent, Presence

    at = datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc)
    citizen = make_citizen()
    citizen = type(citizen)(**{**citizen.__dict__, "presence": (Presence("face", Check.PASSED, at, 0.31, "SIM-01"),),
                               "consent": Consent("ab" * 32, "vi", at)})
    dossier = make_dossier(citizen)
    dossier.set_component(Component(name="Giấy tờ tùy chọn", required=False, shown_in_original=True), T0)
    store.submit(dossier, now=T0)
    loaded = store.load(dossier.id)
    assert loaded.citizen.presence == citizen.presence and loaded.citizen.consent == citizen.consent
    assert loaded.components[-1].shown_in_original and loaded.components[-1].provided


def test_a_failed_submit_leaves_nothing(store, monkeypatch):
    dossier = make_dossier()
    from kiosk.store import audit
    monkeypatch.setattr(audit, "append", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        store.submit(dossier, now=T0)
    assert dossier.state is S.DRAFT
    assert store.list_dossiers() == [] and store.db["outbox"].count == 0
    assert list(store.blobs.names()) == []


def test_incomplete_dossier_cannot_be_submitted(store):
    dossier = make_dossier(documents=0)
    dossier.set_component(Component(name="Giấy chứng sinh", required=True))
    with pytest.raises(DomainError, match="Giấy chứng sinh"):
        store.submit(dossier)
    assert store.list_dossiers() == []


def test_editing_a_queued_dossier_takes_it_out_of_the_outbox_and_drops_replaced_files(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    old_files = set(store.blobs.names())
    dossier.reopen(T0)
    dossier.set_component(Component(name="Giấy tờ số 1", document=make_document(3)), T0)
    store.save(dossier, now=T0)
    assert store.db["outbox"].count == 0
    assert store.list_dossiers()[0]["state"] == "draft"
    assert len(old_files - set(store.blobs.names())) == 1  # the replaced scan was shredded
    assert store.check() == [] and store.orphan_files() == []
    store.submit(dossier, now=T0)
    assert store.due_uploads(now=T0) == [dossier.id]


def test_relay_cycle_and_no_edit_after_upload_started(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    sent = store.begin_upload(dossier.id, now=T0)
    assert sent.state is S.UPLOADING
    read = store.content_reader(dossier.id)
    assert read(sent.documents[0]) == dossier.documents[0].content
    dossier.reopen(T0)  # in memory: queued → draft
    with pytest.raises(IllegalTransition):
        store.save(dossier, now=T0)
    store.upload_failed(dossier.id, "timeout", now=T0)
    assert store.due_uploads(now=T0) == [] and store.due_uploads(now=T0 + timedelta(minutes=1)) == [dossier.id]
    store.begin_upload(dossier.id, now=T0)
    assert store.list_dossiers()[0]["upload_attempts"] == 2
    with pytest.raises(DomainError):
        store.upload_accepted(dossier.id, "not a code")
    store.upload_accepted(dossier.id, "000.00.13.H22-250701-0001", now=T0)
    shown = show_dossier(store, dossier.id, "officer-7")
    assert shown["state"] == "accepted" and shown["official_code"] == "000.00.13.H22-250701-0001"
    with pytest.raises(IllegalTransition):
        store.begin_upload(dossier.id)


def test_rejection_reason_is_sealed(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    store.begin_upload(dossier.id, now=T0)
    store.upload_rejected(dossier.id, "Thiếu bản sao giấy chứng sinh", now=T0)
    assert store.load(dossier.id).rejection_reason == "Thiếu bản sao giấy chứng sinh"
    assert "Thiếu bản sao".encode() not in store.path.read_bytes()


def test_recover_interrupted_uploads(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    store.begin_upload(dossier.id, now=T0)
    assert store.recover_interrupted_uploads(now=T0) == [dossier.id]
    assert store.due_uploads(now=T0) == [dossier.id]


@pytest.mark.parametrize("query", ["Nguyễn Thị Hồng Nhung", "nguyen thi hong nhung", "NGUYEN THI HONG NHUNG",
                                   "hong nhung", "Nhung", "  nguyễn   NHUNG "])
def test_name_search_ignores_marks_and_case(store, query):
    target = make_dossier()
    store.submit(target, now=T0)
    store.submit(make_dossier(make_citizen("Trần Văn Đức", "001090054321")), now=T0)
    assert [r["id"] for r in store.find_by_name(query)] == [target.id]


def test_name_search_maps_d_stroke(store):
    target = make_dossier(make_citizen("Đặng Văn Đức", "001090054321"))
    store.submit(target, now=T0)
    assert [r["id"] for r in store.find_by_name("dang van duc")] == [target.id]
    assert store.find_by_name("nhung") == [] and store.find_by_name("") == []


def test_search_by_id_number(store):
    a, b = make_dossier(), make_dossier()
    store.submit(a, now=T0)
    store.save(b, now=T0)
    store.submit(make_dossier(make_citizen("Trần Văn Đức", "001090054321")), now=T0)
    found = store.find_by_id_number(f" {ID_NUMBER} ", include_citizen=True)
    assert {r["id"] for r in found} == {a.id, b.id}
    assert all(r["citizen"] == {"id_number": ID_NUMBER, "full_name": NAME} for r in found)
    assert store.find_by_id_number("000000000000") == []


def test_list_filters_and_counts(store):
    drafts = [make_dossier(now=T0) for _ in range(2)]
    for d in drafts:
        store.save(d, now=T0)
    queued = make_dossier(now=T0 + timedelta(days=1))
    store.submit(queued, now=T0 + timedelta(days=1))
    assert {r["id"] for r in store.list_dossiers("draft")} == {d.id for d in drafts}
    assert [r["id"] for r in store.list_dossiers(S.QUEUED)] == [queued.id]
    assert [r["id"] for r in store.list_today(now=T0 + timedelta(days=1))] == [queued.id]
    assert store.count_by_state() == {"draft": 2, "ready": 0, "queued": 1, "uploading": 0, "accepted": 0, "rejected": 0}
    assert store.list_dossiers(received_by="someone-else") == []


def test_export_writes_pdfs_and_manifest_and_is_audited(store, tmp_path):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    folder = export_dossier(store, dossier.id, tmp_path / "export", actor="officer-7")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["citizen"]["full_name"] == NAME
    files = [c["file"] for c in manifest["components"] if c["document"]]
    assert [(folder / f).read_bytes() for f in files] == [d.content for d in dossier.documents]
    assert [r["action"] for r in store.audit_log(dossier.id)] == ["submit", "export"]
    with pytest.raises(StoreError, match="not empty"):
        export_dossier(store, dossier.id, tmp_path / "export")


def test_unknown_dossier(store):
    with pytest.raises(NotFound):
        store.load("00000000-0000-0000-0000-000000000000")


def test_wallet_items(store):
    item = WalletItem(owner_id_number=ID_NUMBER, title="Giấy khai sinh", document=make_document(1))
    store.save_wallet_item(item, actor="officer-7")
    items = store.wallet_items(ID_NUMBER, with_content=True)
    assert [i.title for i in items] == ["Giấy khai sinh"] and items[0].document.content == item.document.content
    assert store.wallet_items("001090054321") == []
    dossier = make_dossier(documents=1)
    dossier.set_component(Component(name="Giấy khai sinh", wallet_item_id=item.id))
    store.submit(dossier, now=T0)
    assert store.load(dossier.id).components[-1].wallet_item_id == item.id
    assert store.read_document(item.document.id) == item.document.content
    assert store.check() == []

"""The counter's list: badges for each state of a dossier's way, the three kinds of search, the day
filter and paging, on a real store."""

import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.domain import DomainError
from kiosk.store.counter import BADGES, dossier_badge, search_kind

from .conftest import T0, make_citizen, make_dossier

CODE = "000.00.13.H22-250701-0001"


def submit(store, name="Nguyễn Văn An", id_number="001190000001", now=T0, **fields):
    dossier = make_dossier(make_citizen(name, id_number), documents=1, pages=1, now=now)
    for key, value in fields.items():
        setattr(dossier, key, value)
    store.submit(dossier, now=now)
    return dossier


def badge_of(store, dossier):
    [row] = [r for r in store.counter_rows() if r["id"] == dossier.id]
    return row["badge"]


def test_each_step_of_a_dossiers_way_has_its_badge(store):
    draft = make_dossier(documents=1, now=T0)
    store.save(draft, now=T0)
    assert badge_of(store, draft) == "draft"

    queued = submit(store)
    assert badge_of(store, queued) == "queued"
    store.begin_upload(queued.id, now=T0)
    assert badge_of(store, queued) == "uploading"
    store.upload_failed(queued.id, "the connection failed", now=T0)
    assert badge_of(store, queued) == "waiting"
    store.begin_upload(queued.id, now=T0)
    store.upload_accepted(queued.id, CODE, now=T0)
    assert badge_of(store, queued) == "accepted"
    assert store.set_province_state(queued.id, "needs_supplement", now=T0)
    assert badge_of(store, queued) == "needs_supplement"

    refused = submit(store, id_number="001190000002")
    store.begin_upload(refused.id, now=T0)
    store.upload_rejected(refused.id, "procedure not handled", now=T0)
    assert badge_of(store, refused) == "rejected"

    clashing = submit(store, id_number="001190000003")
    store.begin_upload(clashing.id, now=T0)
    store.upload_rejected(clashing.id, "conflict: different content", now=T0, conflict=True)
    assert badge_of(store, clashing) == "conflict"

    rows = {r["id"]: r for r in store.counter_rows()}
    assert rows[queued.id]["official_code"] == CODE and rows[queued.id]["attempts"] == 2
    assert rows[queued.id]["province_state"] == "needs_supplement" and rows[queued.id]["percent"] is None
    assert {r["badge"] for r in rows.values()} <= set(BADGES)


def test_the_badge_rule_orders_conflict_before_state():
    assert dossier_badge("rejected", "done", 1, None, None, conflict=True) == "conflict"
    assert dossier_badge("rejected", "done", 1, None, None, conflict=True, tampered=True) == "damaged"
    assert dossier_badge("ready") == "draft"
    assert dossier_badge("queued", "pending", 0) == "queued"
    assert dossier_badge("queued", "pending", 3) == "waiting"
    assert dossier_badge("accepted", "done", 1, CODE, "processing") == "accepted"


def test_a_row_carries_the_citizen_the_wait_and_the_units(store):
    contact = T0 - timedelta(minutes=25)
    dossier = submit(store, "Trần Thị Bình", "001190000009", first_contact_at=contact, queue_ticket="A-017")
    [row] = store.counter_rows()
    assert row["citizen"] == {"id_number": "001190000009", "full_name": "Trần Thị Bình"}
    assert row["first_contact_at"] == contact and row["created_at"] == T0 and row["queue_ticket"] == "A-017"
    assert (row["receiving_unit"], row["competent_unit"], row["received_by"]) == ("06970", "06970", "officer-7")
    assert row["id"] == dossier.id and row["procedure_code"] == "1.001193" and row["state"] == "queued"
    loaded = store.load(dossier.id)
    assert loaded.first_contact_at == contact and loaded.queue_ticket == "A-017"


@pytest.mark.parametrize("text,kind", [
    ("", "all"), ("   ", "all"), ("001190000001", "id"), ("001 190 000 001", "id"), ("001.190.000.001", "id"),
    ("000.00.13", "code"), ("000.00.13.h22-2507", "code"), ("3f2a9c", "code"), ("nguyen van", "name"),
    ("Nguyễn", "name"), ("00119000000", "code"),
])
def test_what_a_search_is_taken_for(text, kind):
    assert search_kind(text)[0] == kind


def test_search_by_id_number_with_spaces_or_dots(store):
    wanted = submit(store, "Lê Văn Cường", "001190000042")
    submit(store, "Lê Văn Cường", "001190000043")
    for text in ("001190000042", "001 190 000 042", "001.190.000.042"):
        assert [r["id"] for r in store.counter_rows(text)] == [wanted.id]
        assert store.counter_count(text) == 1
    assert store.counter_rows("001190000099") == [] and store.counter_count("001190000099") == 0


def test_search_by_name_ignores_marks_case_and_word_order(store):
    an = submit(store, "Nguyễn Văn An", "001190000001")
    submit(store, "Nguyễn Thị Hồng Nhung", "001190000002", now=T0 + timedelta(minutes=1))
    duc = submit(store, "Đỗ Văn Đức", "001190000003", now=T0 + timedelta(minutes=2))
    assert [r["id"] for r in store.counter_rows("nguyen van")] == [an.id]
    assert [r["id"] for r in store.counter_rows("VAN  nguyễn")] == [an.id]
    assert [r["id"] for r in store.counter_rows("do duc")] == [duc.id]
    assert [r["id"] for r in store.counter_rows("văn")] == [duc.id, an.id]
    assert store.counter_count("nguyen") == 2 and store.counter_count("nguyen van nhung") == 0
    assert store.counter_rows("nguyen van")[0]["citizen"]["full_name"] == "Nguyễn Văn An"


def test_search_by_official_code_prefix_or_local_reference(store):
    accepted = submit(store, id_number="001190000001")
    store.begin_upload(accepted.id, now=T0)
    store.upload_accepted(accepted.id, CODE, now=T0)
    other = submit(store, id_number="001190000002", id="3f2a9c1e-0b7d-4c5e-9a41-2d6f8e0c7b13")
    for text in ("000.00.13", "000.00.13.h22-250701", CODE):
        assert [r["id"] for r in store.counter_rows(text)] == [accepted.id], text
    assert store.counter_count("000.00.14") == 0
    for text in ("3f2a9c", "3F2A9C1E-0B7D", other.id):
        assert [r["id"] for r in store.counter_rows(text)] == [other.id], text
    assert store.counter_count("3f2a9d") == 0


def test_the_day_filter_takes_the_day_in_vietnam_time(store):
    vietnam = timezone(timedelta(hours=7))
    late = submit(store, id_number="001190000001", now=datetime(2025, 7, 1, 23, 30, tzinfo=vietnam))
    next_morning = submit(store, id_number="001190000002", now=datetime(2025, 7, 2, 0, 10, tzinfo=vietnam))
    assert [r["id"] for r in store.counter_rows(day=date(2025, 7, 1))] == [late.id]
    assert [r["id"] for r in store.counter_rows(day=date(2025, 7, 2))] == [next_morning.id]
    assert store.counter_count(day=date(2025, 7, 2)) == 1 and store.counter_count() == 2
    assert store.counter_rows("nguyen van an", day=date(2025, 7, 2))[0]["id"] == next_morning.id


def test_pages_are_newest_first_and_do_not_overlap(store):
    ids = [submit(store, id_number=f"0011900000{n:02d}", now=T0 + timedelta(seconds=n // 2)).id for n in range(7)]
    pages = [store.counter_rows(offset=offset, limit=3) for offset in (0, 3, 6)]
    listed = [r["id"] for page in pages for r in page]
    assert sorted(listed) == sorted(ids) and len(set(listed)) == 7
    created = [r["created_at"] for page in pages for r in page]
    assert created == sorted(created, reverse=True)
    assert [len(p) for p in pages] == [3, 3, 1] and store.counter_count() == 7


def test_a_dossiers_history_is_its_audit_rows(store):
    dossier = submit(store)
    store.begin_upload(dossier.id, now=T0 + timedelta(seconds=5))
    store.upload_accepted(dossier.id, CODE, now=T0 + timedelta(seconds=6))
    history = store.dossier_history(dossier.id)
    assert [h["action"] for h in history] == ["submit", "upload", "accept"]
    assert history[0]["actor"] == "SIM-01" and history[1]["at"] == T0 + timedelta(seconds=5)


def test_the_province_state_is_checked_and_only_for_accepted_dossiers(store):
    dossier = submit(store)
    with pytest.raises(DomainError, match="accepted"):
        store.set_province_state(dossier.id, "processing")
    store.begin_upload(dossier.id, now=T0)
    store.upload_accepted(dossier.id, CODE, now=T0)
    with pytest.raises(DomainError, match="province state"):
        store.set_province_state(dossier.id, "lost")
    assert store.province_polls_due(now=T0) == [dossier.id]
    assert store.set_province_state(dossier.id, "processing", now=T0)
    assert not store.set_province_state(dossier.id, "processing", now=T0)  # unchanged: not audited twice
    assert store.province_polls_due(now=T0 + timedelta(minutes=1)) == []
    assert store.province_polls_due(now=T0 + timedelta(minutes=6)) == [dossier.id]
    store.set_province_state(dossier.id, "returned", now=T0)
    assert store.province_polls_due(now=T0 + timedelta(days=1)) == []
    assert [h["action"] for h in store.dossier_history(dossier.id)].count("province_state") == 2


@pytest.mark.parametrize("plan", ["sort the matches", "walk the dates"])
def test_both_ways_of_finding_a_page_list_the_same_dossiers(store, plan, monkeypatch):
    # the store's choice, overridden: -1 sorts no matches, None sorts them all
    monkeypatch.setattr(store, "_sort_cap", lambda *args: -1 if plan == "walk the dates" else None)
    names = ["Nguyễn Văn An", "Nguyễn Thị Lan", "Trần Văn An", "Nguyễn Văn Bình", "Lê Thị Lan",
             "Nguyễn Văn An"]
    made = [submit(store, name, f"0011900001{n:02d}", now=T0 + timedelta(minutes=n)) for n, name in enumerate(names)]
    newest_first = list(reversed(made))
    for text in ("nguyen van", "an", "van an nguyen", "lan", "thi van", "0011900001"):
        expected = [d.id for d in newest_first
                    if set(text.split()) <= set(d.citizen.search_name.split())]
        assert store.counter_count(text) == len(expected), text
        assert [r["id"] for r in store.counter_rows(text)] == expected, text
        assert [r["id"] for r in store.counter_rows(text, offset=1, limit=2)] == expected[1:3], text
    assert [r["id"] for r in store.counter_rows("001190000103")] == [made[3].id]
    store.begin_upload(made[0].id, now=T0)
    store.upload_accepted(made[0].id, CODE, now=T0)
    assert [r["id"] for r in store.counter_rows("000.00.13")] == [made[0].id]


def test_a_dossier_whose_row_fails_its_mac_has_the_damaged_badge_whatever_its_state_says(store):
    forged, sound = submit(store, id_number="001190000001"), submit(store, id_number="001190000002")
    conn = sqlite3.connect(store.path)  # what someone who can write the database file does
    with conn:
        conn.execute("UPDATE dossiers SET state = 'accepted' WHERE id = ?", (forged.id,))
    conn.close()
    assert badge_of(store, forged) == "damaged" and badge_of(store, sound) == "queued"
    assert "damaged" in BADGES

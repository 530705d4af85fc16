"""The citizens' satisfaction ratings in the store: kept by day with no personal data and no way back to
their dossier, refused whole when invalid, summarised for a report, kept by the retention, covered by the
integrity check, and added to an older store without touching what it holds."""

import json
import sqlite3
import time
import unicodedata
from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.domain import DomainError
from kiosk.domain.rating import REASON_CODES
from kiosk.store import MIGRATIONS, FileKeyStore, Store
from kiosk.text import fold

from .conftest import ID_NUMBER, NAME, T0, make_dossier

BIRTH = "1.001193"
COLUMNS = ["id", "day", "station_id", "channel", "procedure_code", "score", "reasons"]


def rows(store):
    return [dict(zip(COLUMNS, row)) for row in store.conn.execute(f"SELECT {', '.join(COLUMNS)} FROM ratings")]


def test_a_rating_is_stored_by_its_day_in_vietnam_and_audited_without_a_dossier(store):
    late = datetime(2025, 7, 1, 17, 30, tzinfo=timezone.utc)  # 00:30 on 2 July in Vietnam
    store.add_rating(2, ["staff_attitude", "waiting_time"], procedure_code=BIRTH, actor="SIM-01", now=late)
    (row,) = rows(store)
    assert {k: v for k, v in row.items() if k != "id"} == {
        "day": "2025-07-02", "station_id": "SIM-01", "channel": "kiosk", "procedure_code": BIRTH, "score": 2,
        "reasons": json.dumps(["waiting_time", "staff_attitude"]),  # the list's order, not the order touched
    }
    assert len(row["id"]) == 32 and int(row["id"], 16)  # random, not a counter
    assert [c[1] for c in store.conn.execute("PRAGMA table_info(ratings)")] == COLUMNS  # nothing else
    with pytest.raises(sqlite3.OperationalError, match="rowid"):  # no insertion order to read either
        store.conn.execute("SELECT rowid FROM ratings")
    (audit,) = [r for r in store.audit_log() if r["action"] == "rating_added"]
    assert audit["dossier_id"] is None and audit["actor"] == "SIM-01"
    assert store.check() == []


def test_ratings_are_summarised_by_days_and_channel(store):
    day = datetime(2025, 7, 1, 3, 0, tzinfo=timezone.utc)
    store.add_rating(5, now=day)
    store.add_rating(4, channel="counter", procedure_code=BIRTH, now=day)
    store.add_rating(3, ["waiting_time"], now=day)
    store.add_rating(1, ["waiting_time", "hard_to_use", "other"], now=day + timedelta(days=1))
    store.add_rating(2, channel="counter", now=day + timedelta(days=1))  # asked, no reason given
    store.add_rating(5, now=day + timedelta(days=2))  # outside the summary's days
    summary = store.rating_summary(date(2025, 7, 1), "2025-07-02")
    assert summary["day_from"] == "2025-07-01" and summary["day_to"] == "2025-07-02"
    assert summary["ratings"] == 5 and summary["scores"] == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}
    assert summary["mean"] == pytest.approx(3.0) and summary["asked"] == 3
    assert summary["reasons"] == {**dict.fromkeys(REASON_CODES, 0), "waiting_time": 2, "hard_to_use": 1, "other": 1}
    counter = store.rating_summary("2025-07-01", "2025-07-03", channel="counter")
    assert counter["ratings"] == 2 and counter["scores"] == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}
    assert counter["mean"] == pytest.approx(3.0) and counter["asked"] == 1 and sum(counter["reasons"].values()) == 0
    assert store.rating_summary("2025-07-01", "2025-07-01")["mean"] == pytest.approx(4.0)
    empty = store.rating_summary("2025-06-01", "2025-06-30")
    assert empty["ratings"] == 0 and empty["mean"] is None and set(empty["scores"].values()) == {0}
    with pytest.raises(DomainError, match="comes after"):
        store.rating_summary("2025-07-02", "2025-07-01")
    with pytest.raises(DomainError, match="YYYY-MM-DD"):
        store.rating_summary("1/7/2025", "2025-07-01")
    with pytest.raises(DomainError, match="not times"):
        store.rating_summary(day, day)


@pytest.mark.parametrize("score, reasons, channel, procedure, problem", [
    (0, (), "kiosk", None, "score"),
    (6, (), "kiosk", None, "score"),
    (3.0, (), "kiosk", None, "score"),
    (True, (), "kiosk", None, "score"),
    ("5", (), "kiosk", None, "score"),
    (None, (), "kiosk", None, "score"),
    (2, ["too_slow"], "kiosk", None, "unknown"),
    (2, "waiting_time", "kiosk", None, "not one string"),
    (4, ["waiting_time"], "kiosk", None, "3 or below"),
    (5, ["other"], "kiosk", None, "3 or below"),
    (3, (), "online", None, "channel"),
    (3, (), "kiosk", "1001193", "procedure code"),
])
def test_an_invalid_rating_is_refused_and_nothing_is_stored(store, score, reasons, channel, procedure, problem):
    audit_before = len(store.audit_log())
    with pytest.raises(DomainError, match=problem):
        store.add_rating(score, reasons, channel=channel, procedure_code=procedure, now=T0)
    assert rows(store) == [] and len(store.audit_log()) == audit_before


def test_an_error_message_does_not_repeat_what_was_given(store):
    with pytest.raises(DomainError) as refused:
        store.add_rating(2, ["Nguyễn Thị Hồng Nhung"], now=T0)  # free text where a code belongs
    assert "Nguy" not in str(refused.value) and rows(store) == []


def test_a_time_without_a_zone_is_refused(store):
    with pytest.raises(DomainError, match="time zone"):
        store.add_rating(5, now=datetime(2025, 7, 1, 8, 0))
    assert rows(store) == []


def test_a_rating_holds_nothing_of_the_citizen_or_the_dossier(datadir, keydir):
    """The grep test of test_encryption, with a rating given right after the dossier: the citizen's ID
    number and name are nowhere on disk, the rating's row holds no dossier id, and the WAL, whose frames
    would show the rating written right after its dossier, is emptied."""
    forbidden = {
        "ID number": ID_NUMBER.encode(),
        "name NFC": unicodedata.normalize("NFC", NAME).encode(),
        "name NFD": unicodedata.normalize("NFD", NAME).encode(),
        "name folded": fold(NAME).encode(),
    }
    with Store(datadir, FileKeyStore(keydir), "SIM-01") as store:
        dossier = make_dossier()
        store.submit(dossier, now=T0)
        store.add_rating(1, ["identity_check"], procedure_code=dossier.procedure_code, now=T0 + timedelta(seconds=20))
        (row,) = rows(store)
        assert dossier.id not in json.dumps(row) and dossier.id.replace("-", "") not in json.dumps(row)
        assert T0.isoformat()[:13] not in json.dumps(row)  # the day only, no hour
        rated = [r for r in store.audit_log() if r["action"] == "rating_added"]
        assert [r["dossier_id"] for r in rated] == [None]
        assert (datadir / "store.sqlite3-wal").stat().st_size == 0
        for path in [p for p in sorted(datadir.rglob("*")) if p.is_file()]:
            data = path.read_bytes()
            for what, needle in forbidden.items():
                assert needle not in data, f"{what} found in {path.name}"
        db = (datadir / "store.sqlite3").read_bytes()
        assert b"identity_check" in db  # the rating itself is in clear: it is no secret


def test_the_retention_keeps_ratings(store):
    dossier = make_dossier(now=T0)
    store.save(dossier, now=T0)  # a draft, abandoned
    store.add_rating(4, now=T0)
    assert store.purge(now=T0 + timedelta(days=400)) == [dossier.id]
    assert len(rows(store)) == 1 and store.check() == []


def test_the_integrity_check_sees_a_broken_rating(store):
    store.add_rating(5, now=T0)
    conn = sqlite3.connect(store.path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE ratings SET reasons = '[\"waiting_time\"]'")  # reasons at 5: not written by the store
    conn.commit()
    conn.close()
    assert store.check() == ["database: CHECK constraint failed in ratings"]


def test_ratings_come_to_a_store_of_the_previous_version_and_keep_its_data(datadir, keydir):
    before = [m for m in MIGRATIONS if m.version < 4]
    assert before[-1].version == 3
    with Store(datadir, FileKeyStore(keydir), "SIM-01", migrations=before) as old:
        dossier = make_dossier()
        old.submit(dossier, now=T0)
        assert "ratings" not in old.db.table_names()
        audit = old.audit_log()
    with Store(datadir, FileKeyStore(keydir), "SIM-01") as store:
        assert store.schema_version == MIGRATIONS[-1].version
        loaded = store.load(dossier.id, with_content=True)
        assert loaded.citizen.full_name == NAME and loaded.documents == dossier.documents
        assert [d.content for d in loaded.documents] == [d.content for d in dossier.documents]
        # the old log kept, then the rows' first authentication at version 7 (kiosk/store/rowmacs.py)
        assert store.audit_log()[:len(audit)] == audit and store.check() == []
        assert [row["action"] for row in store.audit_log()[len(audit):]] == ["rows_authenticated"]
        assert store.rating_summary("2025-07-01", "2025-07-01")["ratings"] == 0
        store.add_rating(3, ["document_scanning"], procedure_code=dossier.procedure_code, now=T0)
        assert store.rating_summary("2025-07-01", "2025-07-01")["reasons"]["document_scanning"] == 1
        assert store.check() == []


def test_a_reader_elsewhere_delays_a_rating_by_half_a_second_at_most(store):
    store.submit(make_dossier(), now=T0)
    reader = sqlite3.connect(store.path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM dossiers").fetchone()  # holds its snapshot
    try:
        started = time.monotonic()
        store.add_rating(4, now=T0)
        assert time.monotonic() - started < 5
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    assert len(rows(store)) == 1 and store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
    store.add_rating(5, now=T0)  # nobody reading now: the WAL is emptied
    assert (store.path.parent / "store.sqlite3-wal").stat().st_size == 0

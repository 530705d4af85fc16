"""The day report: counts by procedure and hour, non-territorial dossiers, the median wait and the waits
over the threshold, its CSV without personal data, and `kiosk report day`."""

import csv
import io
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

from kiosk.store import open_store
from tests.conftest import write_config

from .conftest import ID_NUMBER, NAME, make_citizen, make_dossier

VIETNAM = timezone(timedelta(hours=7))
DAY = date(2025, 7, 1)


def at(hour, minute=0, day=DAY):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM)


def receive(store, when, wait_minutes=None, procedure="1.001193", competent="06970", number=1, submit=True):
    dossier = make_dossier(make_citizen(NAME, f"{ID_NUMBER[:-3]}{number:03d}"), documents=1, pages=1, now=when)
    dossier.procedure_code = procedure
    dossier.competent_unit = competent
    if wait_minutes is not None:
        dossier.first_contact_at = when - timedelta(minutes=wait_minutes)
    (store.submit if submit else store.save)(dossier, now=when)
    return dossier


def fill(store):
    receive(store, at(7, 45), 10, number=1)
    receive(store, at(8, 5), 25, number=2, competent="07012")  # lives elsewhere: non-territorial
    receive(store, at(8, 40), 15, procedure="1.000656", number=3)
    receive(store, at(14, 10), None, procedure="1.000656", competent="06982", number=4)  # no first contact
    receive(store, at(16, 30), 40, number=5)
    receive(store, at(9, 0), 5, number=6, submit=False)  # a draft: not received
    receive(store, at(23, 59, DAY - timedelta(days=1)), 5, number=7)  # the day before, in Vietnam
    receive(store, at(0, 0, DAY + timedelta(days=1)), 5, number=8)  # the day after


def test_the_days_counts_the_non_territorial_and_the_wait(store):
    fill(store)
    report = store.day_report(DAY, wait_alert_minutes=20)
    assert report.day == DAY and report.received == 5
    assert report.by_procedure == {"1.001193": 3, "1.000656": 2}
    assert list(report.by_procedure) == ["1.001193", "1.000656"]  # most first
    assert report.non_territorial == 2
    assert report.with_first_contact == 4 and report.median_handling_seconds == 20 * 60  # 10, 15, 25, 40 min
    assert report.over_threshold == 2  # 25 and 40 minutes
    assert report.by_hour == {7: 1, 8: 2, 14: 1, 16: 1}
    assert store.day_report(DAY, wait_alert_minutes=30).over_threshold == 1


def test_a_day_without_dossiers(store):
    report = store.day_report(DAY)
    assert (report.received, report.non_territorial, report.median_handling_seconds) == (0, 0, None)
    assert report.by_procedure == {} and report.by_hour == {}
    assert "summary,median_handling_seconds,\n" in report.to_csv()


def test_the_csv_has_one_header_and_no_personal_data(store):
    fill(store)
    text = store.day_report(DAY, 20).to_csv()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "key", "value"]
    assert all(len(row) == 3 for row in rows) and {row[0] for row in rows[1:]} == {"summary", "procedure", "hour"}
    summary = {key: value for section, key, value in rows if section == "summary"}
    assert summary == {"day": "2025-07-01", "received": "5", "non_territorial": "2", "with_first_contact": "4",
                       "median_handling_seconds": "1200", "wait_alert_minutes": "20", "over_threshold": "2"}
    assert ["procedure", "1.000656", "2"] in rows and ["hour", "08", "2"] in rows
    for personal in (NAME, "Nguyễn", "Nhung", ID_NUMBER[:-3], "Ba Chẽ"):
        assert personal not in text


def test_kiosk_report_day_prints_and_writes_the_csv(tmp_path):
    file = write_config(tmp_path, key_dir=str(tmp_path / "keys"), wait_alert_minutes=30)
    from kiosk.config import load_config
    config = load_config(file, env={})
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        fill(store)
    env = {"KIOSK_CONFIG": str(file), "PATH": "/usr/bin:/bin"}

    def kiosk(*args):
        return subprocess.run([sys.executable, "-m", "kiosk", "report", "day", *args], env=env,
                              capture_output=True, text=True, timeout=120)

    shown = kiosk("--date", "2025-07-01")
    assert shown.returncode == 0, shown.stderr
    assert "received            5" in shown.stdout and "over 30 min         1" in shown.stdout
    out = tmp_path / "day.csv"
    written = kiosk("--date", "2025-07-01", "--csv", str(out))
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8").startswith("section,key,value\nsummary,day,2025-07-01\n")
    assert NAME not in out.read_text(encoding="utf-8")
    wrong = kiosk("--date", "1 July")
    assert wrong.returncode == 2 and "is not a date YYYY-MM-DD" in wrong.stderr
    unwritable = kiosk("--date", "2025-07-01", "--csv", str(tmp_path / "no" / "such" / "folder.csv"))
    assert unwritable.returncode == 1 and "cannot write the report" in unwritable.stderr

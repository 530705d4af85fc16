"""The public-holiday calendar (resources/catalogs/holidays_vn.toml): it loads, its days are pinned to the
announcements it names (a shifted table fails here), appointment dates skip Tết, 30/4-1/5 and 2/9 and count
the Saturdays worked in exchange, a malformed file is refused with its name and its fault, and the station
hands the calendar to every intake."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.catalogs import CatalogError, DaysOff, load_holidays, load_procedures, load_units
from kiosk.catalogs.holidays import HOLIDAYS_FILE
from kiosk.config import load_config
from kiosk.domain import Document, WalletItem
from kiosk.errors import ConfigError
from kiosk.intake import ConsentText, Intake, IntakeSetup, Step
from kiosk.intake.receipt import add_working_days
from kiosk.intake.station import StationServices
from kiosk.store import FileKeyStore, Store
from tests.store.conftest import ID_NUMBER, make_citizen, make_pdf

GUARDIANSHIP = "1.004837"  # Đăng ký giám hộ: 3 working days; two required lines, one optional


@pytest.fixture(scope="module")
def calendar():
    return load_holidays()


def days(first: str, last: str) -> set[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return {start + timedelta(n) for n in range((end - start).days + 1)}


# --- the shipped calendar ----------------------------------------------------------------------------

def test_the_shipped_calendar_covers_2025_to_2027_with_a_named_source_for_every_entry(calendar):
    assert calendar.years == {2025, 2026, 2027} and calendar.path == HOLIDAYS_FILE
    assert calendar.covers(date(2026, 2, 17)) and not calendar.covers(date(2028, 1, 1))
    for entry in calendar.entries:
        source = calendar.sources[entry.source]
        assert source["document"] and source["issuer"] and source["read_in"], entry.name
    assert isinstance(calendar.days, DaysOff) and isinstance(calendar.days, frozenset)
    assert all(day.weekday() < 5 for day in calendar.days)


def test_tet_2026_is_monday_16_to_friday_20_february_as_the_prime_minister_agreed(calendar):
    # VPCP letter of 13/10/2025: off from Saturday 14/2 to Sunday 22/2/2026
    assert days("2026-02-16", "2026-02-20") <= calendar.days
    assert not {date(2026, 2, 13), date(2026, 2, 23)} & calendar.days


def test_tet_2025_and_the_spring_holidays_of_2025(calendar):
    # 8726/VPCP-KGVX of 26/11/2024: Tết 27-31/1; 30/4-4/5 with Friday 2/5 swapped with Saturday 26/4
    assert days("2025-01-27", "2025-01-31") | {date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 2)} <= calendar.days
    assert date(2025, 4, 26) in calendar.working_saturdays and date(2025, 4, 26) in calendar.days.extra_working_days
    assert date(2025, 1, 24) not in calendar.days and date(2025, 2, 3) not in calendar.days


def test_national_day_2025_is_the_day_before_2_september_and_2026_has_a_swapped_monday(calendar):
    # 6150/TB-LĐTBXH: 30/8-2/9/2025; VPCP 13/10/2025: 29/8-2/9/2026, Monday 31/8 swapped with Saturday 22/8
    assert {date(2025, 9, 1), date(2025, 9, 2)} <= calendar.days and date(2025, 9, 3) not in calendar.days
    assert days("2026-08-31", "2026-09-02") <= calendar.days and date(2026, 9, 3) not in calendar.days
    assert date(2026, 8, 22) in calendar.working_saturdays


def test_new_year_2026_is_four_days_with_saturday_10_january_worked(calendar):
    # 12729/VPCP-KGVX of 25/12/2025
    assert {date(2026, 1, 1), date(2026, 1, 2)} <= calendar.days
    assert date(2026, 1, 10) in calendar.working_saturdays
    assert calendar.working_saturdays == {date(2025, 4, 26), date(2026, 1, 10), date(2026, 8, 22)}


def test_what_no_announcement_confirmed_is_marked_unchecked(calendar):
    unchecked = calendar.unchecked()
    assert {d.year for e in unchecked for d in e.days} >= {2027}
    assert all(not e.checked for e in calendar.entries if any(d.year == 2027 for d in e.days))
    checked_2026 = [e for e in calendar.entries if e.checked and e.days[0].year == 2026]
    assert {e.source for e in checked_2026} == {"12729/VPCP-KGVX", "VPCP-2025-10-13", "thanhnien-2026-02-23"}


# --- appointment dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("received, limit, expected", [
    ("2026-02-13", 1, "2026-02-23"),  # Friday before Tết Bính Ngọ: the next working day is after it
    ("2026-02-13", 3, "2026-02-25"),
    ("2026-02-12", 0, "2026-02-12"),  # same day, a working day
    ("2026-02-16", 0, "2026-02-23"),  # same day, but in Tết: the first working day after it
    ("2025-01-24", 2, "2025-02-04"),  # Tết Ất Tỵ
    ("2025-04-25", 1, "2025-04-26"),  # Saturday 26/4/2025 was worked for Friday 2/5
    ("2025-04-25", 2, "2025-04-28"),
    ("2025-04-29", 1, "2025-05-05"),  # 30/4 to 4/5/2025 off
    ("2025-08-29", 1, "2025-09-03"),  # 30/8 to 2/9/2025 off
    ("2026-08-21", 1, "2026-08-22"),  # Saturday 22/8/2026 worked for Monday 31/8
    ("2026-08-28", 1, "2026-09-03"),  # 29/8 to 2/9/2026 off
    ("2025-12-31", 1, "2026-01-05"),  # New Year 2026: 1/1 and 2/1 off
    ("2026-01-09", 1, "2026-01-10"),  # Saturday 10/1/2026 worked
])
def test_the_appointment_date_skips_the_holidays_and_counts_the_saturdays_worked(calendar, received, limit, expected):
    assert add_working_days(date.fromisoformat(received), limit, calendar.days) == date.fromisoformat(expected)


def test_without_the_calendar_only_weekends_are_skipped_and_a_plain_set_works_as_before(calendar):
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 16)
    assert add_working_days(date(2026, 2, 13), 1, frozenset(calendar.days)) == date(2026, 2, 23)
    assert add_working_days(date(2026, 1, 9), 1, frozenset(calendar.days)) == date(2026, 1, 12)  # no swap known
    assert add_working_days(date(2026, 1, 9), 1, frozenset(calendar.days), {date(2026, 1, 10)}) == date(2026, 1, 10)
    assert add_working_days(date(2026, 1, 9), 1, calendar.days, extra_working_days=()) == date(2026, 1, 12)


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "data", FileKeyStore(tmp_path / "keys"), station_id="SIM-01")
    yield opened
    opened.close()


def test_a_receipt_issued_the_friday_before_tet_2026_gives_the_wednesday_after_it(store, calendar):
    received = datetime(2026, 2, 13, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    setup = IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit="06970",
                        received_by="officer1", consent=ConsentText.load(), holidays=calendar.days,
                        clock=lambda: received)
    intake = Intake(setup)
    intake.citizen = make_citizen()  # what read_card sets
    intake.step = Step.PRESENCE
    intake.confirm_by_officer()
    intake.choose_procedure(GUARDIANSHIP)
    intake.confirm_unit("06970")
    for number in (1, 2):
        item = WalletItem(ID_NUMBER, intake.slot(number).name, Document.from_pdf(make_pdf(1), 1))
        store.save_wallet_item(item)
        intake.reuse_wallet_item(number, item.id)
    intake.accept_consent("vi")
    receipt = intake.submit().result(30)
    intake.end()
    assert receipt.expected_result == date(2026, 2, 25) and receipt.holidays_counted


# --- malformed files -----------------------------------------------------------------------------------

SOURCE = '[sources.law]\ndocument = "Bộ luật Lao động 2019"\nissuer = "Quốc hội"\ndate = 2019-11-20\nread_in = "vbpl.vn"\n'


@pytest.mark.parametrize("text, fault", [
    ("years = [2026", "not valid TOML"),
    ('format = 2\nyears = [2026]\n' + SOURCE, "`format` must be 1"),
    ('format = 1\n' + SOURCE, "`years`"),
    ('format = 1\nyears = [2026]\n', r"\[sources\] is missing"),
    ('format = 1\nyears = [2026]\n[[holiday]]\nname = "Tết"\ndays = [2026-02-14]\nsource = "law"\nchecked = true\n'
     + SOURCE, "2026-02-14 is a weekend day"),
    ('format = 1\nyears = [2026]\n[[working_saturday]]\nname = "bù"\nday = 2026-02-13\nsource = "law"\n'
     'checked = true\n' + SOURCE, "2026-02-13 is a weekday"),
    ('format = 1\nyears = [2026]\n[[holiday]]\nname = "Tết"\ndays = [2026-02-16]\nsource = "decree"\n'
     'checked = true\n' + SOURCE, "`source` must name an entry"),
    ('format = 1\nyears = [2026]\n[[holiday]]\nname = "Tết"\ndays = [2026-02-16]\nsource = "law"\n'
     'checked = "yes"\n' + SOURCE, "`checked` must be true or false"),
    ('format = 1\nyears = [2026]\n[[holiday]]\nname = "Tết"\ndays = ["16/02/2026"]\nsource = "law"\n'
     'checked = true\n' + SOURCE, "TOML dates"),
    ('format = 1\nyears = [2025]\n[[holiday]]\nname = "Tết"\ndays = [2026-02-16]\nsource = "law"\n'
     'checked = true\n' + SOURCE, "outside the years"),
    ('format = 1\nyears = [2026]\n[[holiday]]\nname = "A"\ndays = [2026-02-16]\nsource = "law"\nchecked = true\n'
     '[[holiday]]\nname = "B"\ndays = [2026-02-16]\nsource = "law"\nchecked = true\n' + SOURCE, "listed twice"),
    ('format = 1\nyears = [2026]\n[sources.law]\ndocument = "x"\n', "needs document, issuer, read_in"),
    ('format = 1\nyears = [2026]\n[sources.law]\ndocument = "x"\nissuer = "y"\nread_in = "z"\ndate = "2019"\n',
     "where known, a date"),
])
def test_a_malformed_calendar_is_refused_naming_the_file_and_the_fault(tmp_path, text, fault):
    path = tmp_path / "holidays.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match=fault) as refused:
        load_holidays(path)
    assert str(path) in str(refused.value)


def test_a_missing_calendar_is_refused(tmp_path):
    with pytest.raises(CatalogError, match="cannot be read"):
        load_holidays(tmp_path / "none.toml")


# --- configuration and the station ---------------------------------------------------------------------

def test_the_config_names_a_calendar_file_or_takes_the_shipped_one(tmp_path):
    assert load_config(env={}, overrides={"data_dir": str(tmp_path)}, simulated=True).holiday_calendar is None
    own = tmp_path / "holidays.toml"
    own.write_text(HOLIDAYS_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    config = load_config(env={"KIOSK_HOLIDAY_CALENDAR": str(own)}, overrides={"data_dir": str(tmp_path)},
                         simulated=True)
    assert config.holiday_calendar == own
    with pytest.raises(ConfigError, match="holiday_calendar.*holiday calendar file"):
        load_config(env={"KIOSK_HOLIDAY_CALENDAR": str(tmp_path / "missing.toml")},
                    overrides={"data_dir": str(tmp_path)}, simulated=True)


def test_the_station_hands_the_calendar_to_every_intake_and_names_a_broken_one(tmp_path, calendar):
    config = load_config(env={}, overrides={"data_dir": str(tmp_path)}, simulated=True)
    services = StationServices(config, store=None, procedures=None, units=None, consent=None)
    services._load_holidays()
    assert services.intake_setup("officer1").holidays == calendar.days
    assert services.intake_setup("officer1").holidays.extra_working_days == calendar.working_saturdays
    assert services.intake_setup("officer1", holidays=frozenset()).holidays == frozenset()

    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n", encoding="utf-8")
    config = load_config(env={"KIOSK_HOLIDAY_CALENDAR": str(broken)}, overrides={"data_dir": str(tmp_path)},
                         simulated=True)
    services = StationServices(config, store=None, procedures=None, units=None, consent=None)
    services._load_holidays()
    assert services.intake_setup("officer1").holidays == frozenset()
    assert [p for p in services.problems if p.startswith("holiday calendar:") and "broken.toml" in p]

"""The intake's small parts: the deciding unit from the address on the chip, the expected result date,
the one conversion from the chip's identity, and the redactor's per-intake registration."""

from datetime import date

import pytest

from kiosk.catalogs import load_units
from kiosk.intake.receipt import add_working_days
from kiosk.intake.units import suggest_competent_unit
from kiosk.logs import Redactor

QUANG_NINH = "22"


@pytest.fixture(scope="module")
def units():
    return load_units()


@pytest.mark.parametrize("address, code, old", [
    ("Thôn Đồng Tâm, Xã Ba Chẽ, Tỉnh Quảng Ninh", "06970", False),
    # a card issued before July 2025: commune and district that no longer exist
    ("Thôn Nam Hải, Xã Đồn Đạc, Huyện Ba Chẽ, Tỉnh Quảng Ninh", "06970", True),
])
def test_the_unit_is_suggested_from_the_address_today_or_old(units, address, code, old):
    suggestion = suggest_competent_unit(address, QUANG_NINH, units)
    assert (suggestion.code, suggestion.reason, suggestion.from_old_address) == (code, "unit.suggested", old)


def test_an_address_elsewhere_or_nowhere_suggests_nothing(units):
    saigon = suggest_competent_unit("Số 5, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh", QUANG_NINH, units)
    assert (saigon.code, saigon.reason) == (None, "unit.outside_province")
    assert suggest_competent_unit("", QUANG_NINH, units).reason == "unit.not_found"
    assert suggest_competent_unit("???", QUANG_NINH, units).reason == "unit.not_found"


def test_working_days_skip_weekends_and_holidays():
    friday = date(2026, 11, 27)
    assert add_working_days(friday, 0) == friday
    assert add_working_days(friday, 0.5) == friday
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 30)  # a Saturday: the next Monday
    assert add_working_days(friday, 1) == date(2026, 11, 30)
    assert add_working_days(friday, 5) == date(2026, 12, 4)
    assert add_working_days(friday, 3, holidays={date(2026, 12, 1)}) == date(2026, 12, 3)


def test_an_intakes_values_leave_the_redactor_with_it_and_not_anothers():
    redact = Redactor()
    redact.add(["Nguyễn Văn An", "Trần Thị Bình"])
    redact.add(["Nguyễn Văn An"])  # a second open dossier of the same citizen
    redact.remove(["Nguyễn Văn An", "Trần Thị Bình"])
    assert redact("Nguyễn Văn An, Trần Thị Bình") == "[redacted], Trần Thị Bình"
    redact.remove(["Nguyễn Văn An"])
    assert redact("Nguyễn Văn An") == "Nguyễn Văn An"

"""The card's QR code: parsing its variants, the keys it yields, and reading it from a picture."""

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.camera.qr_reader import decode_qr
from drivers.card.errors import ParseError
from drivers.card.qr import bac_keys, expiry_candidates, parse_card_qr
from drivers.card.virtual.face import card_face, qr_text
from drivers.card.virtual.profile import load_profile
from tests.card.card_helpers import PROFILES, access_key_for

SEVEN = "001089012345|012345678|Nguyễn Văn Thử|15031989|Nam|Số 1 Ngõ Ví Dụ, Hà Nội|10072021"


def test_seven_fields_the_2024_tail_and_the_six_field_variant():
    qr = parse_card_qr(SEVEN)
    assert (qr.id_number, qr.old_id_number, qr.birth_date, qr.issue_date, qr.can) == (
        "001089012345", "012345678", date(1989, 3, 15), date(2021, 7, 10), "012345")
    assert parse_card_qr(SEVEN + "||") == qr
    six = parse_card_qr("001089012345||Nguyễn Văn Thử|15031989|Nam|Hà Nội")
    assert six.old_id_number is None and six.issue_date is None
    assert "Nguyễn" not in repr(qr) and "001089012345" not in repr(qr)


@pytest.mark.parametrize("text, message", [
    ("hello world", "not a chip ID card QR code"),
    ("12345|x|Name|15031989|Nam|Addr|10072021", "not a 12-digit ID number"),
    ("001089012345|1234|Name|15031989|Nam|Addr|10072021", "old ID field is not 9 digits"),
    ("001089012345||Name|31021989|Nam|Addr|10072021", "birth date is not a real date"),
])
def test_what_is_not_a_card_qr_is_named(text, message):
    with pytest.raises(ParseError, match=message):
        parse_card_qr(text)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_parser_raises_only_parse_error(text):
    try:
        parse_card_qr(text)
    except ParseError:
        pass


@pytest.mark.parametrize("birth, issued, expected", [
    (date(1989, 3, 15), date(2021, 7, 10), date(2029, 3, 15)),   # 32 at issue: valid to 40
    (date(1999, 5, 1), date(2023, 9, 1), date(2039, 5, 1)),      # 24 at issue, within 2 years of 25: to 40
    (date(2015, 2, 1), date(2025, 3, 1), date(2029, 2, 1)),      # a child: renewed at 14 (2023 law)
    (date(1965, 1, 1), date(2024, 6, 1), None),                  # issued at 59: no expiry
    (date(1966, 6, 1), date(2021, 6, 1), date(2026, 6, 1)),      # issued at 55: to 60
])
def test_expiry_follows_the_renewal_rules(birth, issued, expected):
    candidates = expiry_candidates(birth, issued)
    assert candidates[0] == expected
    assert all(c is None or c > issued for c in candidates)


def test_pre_2024_child_card_is_a_later_candidate():
    # Issued at 11: the 2023 rule renews at 14; a card under the old rule (first renewal at 25) is next.
    candidates = expiry_candidates(date(2008, 4, 1), date(2019, 4, 2))
    assert candidates[:2] == [date(2022, 4, 1), date(2033, 4, 1)]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_the_card_face_picture_gives_the_profile_and_its_keys(path):
    profile = load_profile(path)
    texts = decode_qr(np.array(card_face(profile))[:, :, ::-1])
    assert texts == [qr_text(profile)]
    qr = parse_card_qr(texts[0])
    assert (qr.id_number, qr.full_name, qr.birth_date) == (profile.id_number, profile.full_name, profile.birth_date)
    assert bac_keys(qr)[0].mrz_information == access_key_for(profile).mrz_information

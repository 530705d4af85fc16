"""MRZ check digits, TD1/TD3 parsing with per-field failures, the Vietnamese TD1 layout."""

from __future__ import annotations

from datetime import date

import pytest

from drivers.card.errors import ParseError
from drivers.card.mrz import AccessKey, build_td1_vn, check_digit, mrz_name, parse_mrz, transliterate

TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
TD3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
       "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
TD1_LONG = "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"


def test_check_digits():
    assert check_digit("L898902C<") == "3"
    assert check_digit("690806") == "1"
    assert check_digit("940623") == "6"
    assert check_digit("<<<<<<") == "0"
    with pytest.raises(ParseError):
        check_digit("abc")


def test_icao_specimens():
    td1 = parse_mrz(TD1)
    assert td1.valid and td1.format == "TD1"
    assert (td1.document_number, td1.birth_date, td1.expiry_date, td1.sex) == ("D23145890", "740812", "120415", "F")
    assert (td1.surname, td1.given_names) == ("ERIKSSON", "ANNA MARIA")
    td3 = parse_mrz(TD3)
    assert td3.valid and td3.format == "TD3" and td3.document_number == "L898902C3"
    long = parse_mrz(TD1_LONG)
    assert long.valid and long.document_number == "D23145890734"
    assert long.access_key().mrz_information == "D23145890734934071279507122"


def test_failures_are_reported_per_field():
    lines = TD1.split("\n")
    bad = lines[0][:14] + "1" + lines[0][15:]  # wrong document number check digit
    result = parse_mrz("\n".join([bad, lines[1], lines[2]]))
    assert "document_number" in result.failed and "composite" in result.failed
    assert "birth_date" not in result.failed
    bad2 = lines[1][:6] + "9" + lines[1][7:14] + "0" + lines[1][15:]
    result = parse_mrz("\n".join([lines[0], bad2, lines[2]]))
    assert {"birth_date", "expiry_date", "composite"} <= set(result.failed)


def test_shape_errors():
    for text in ("", "abc", TD1.replace("<", "-", 1), TD1.split("\n")[0]):
        with pytest.raises(ParseError):
            parse_mrz(text)


def test_vietnamese_td1_build_and_parse_agree():
    text = build_td1_vn("001089012345", "Nguyễn Văn Thử", date(1989, 3, 15), "Nam", date(2029, 3, 15))
    l1, l2, l3 = text.split("\n")
    assert len(l1) == len(l2) == len(l3) == 30
    assert l1[14] == check_digit("089012345")
    assert l1.startswith("IDVNM089012345") and l1[15:27] == "001089012345" and l1[27:29] == "<<"
    assert l1[29] == check_digit("001089012345")
    assert l2.startswith("8903152M2903150VNM")
    assert l3 == "NGUYEN<<VAN<THU".ljust(30, "<")
    mrz = parse_mrz(text)
    assert mrz.valid and mrz.id_number == "001089012345" and mrz.document_number == "089012345"
    key = AccessKey.from_vietnamese_id("001089012345", date(1989, 3, 15), date(2029, 3, 15))
    assert mrz.access_key().mrz_information == key.mrz_information == "089012345" + check_digit("089012345") + "8903152" + "2903150"


def test_vietnamese_no_expiry_and_bad_id_digit():
    text = build_td1_vn("031955000777", "Hoàng Đức Lão", date(1955, 6, 30), "Nam", None)
    mrz = parse_mrz(text)
    assert mrz.valid and mrz.expiry_date == "<<<<<<"
    l1 = text.split("\n")[0]
    wrong = l1[:29] + str((int(l1[29]) + 1) % 10)
    assert "id_number" in parse_mrz(text.replace(l1, wrong)).failed


def test_names():
    assert transliterate("Đặng Thị Ánh Tuyết") == "DANG<THI<ANH<TUYET"
    assert mrz_name("Tôn Nữ Thị Huyền Trang Khánh Ngọc Bảo Châu") == "TON<<NU<THI<HUYEN<TRANG<KHANH<"


def test_access_key_repr_hides_values():
    key = AccessKey.from_mrz(TD1)
    assert "D231" not in repr(key) and "7408" not in repr(key)

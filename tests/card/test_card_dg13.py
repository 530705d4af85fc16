"""DG13, DG2, COM and Identity building."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from drivers.card import dg13 as f
from drivers.card import tlv
from drivers.card.dg13 import encode_dg13, parse_dg13
from drivers.card.errors import DataMismatch, ParseError
from drivers.card.identity import NO_EXPIRY, identity_from, parse_expiry
from drivers.card.lds import parse_com, parse_dg2
from drivers.card.mrz import build_td1_vn, parse_mrz
from drivers.card.virtual.files import dg2, ef_com

VALUES = {
    f.ID_NUMBER: "001089012345", f.FULL_NAME: "Nguyễn Văn Thử", f.BIRTH_DATE: "15/03/1989", f.SEX: "Nam",
    f.NATIONALITY: "Việt Nam", f.ETHNICITY: "Kinh", f.RELIGION: "Không", f.HOME_TOWN: "Hà Nội",
    f.PERMANENT_ADDRESS: "Số 1, Hà Nội", f.IDENTIFYING_MARKS: "Nốt ruồi", f.ISSUE_DATE: "10/07/2021",
    f.EXPIRY: "15/03/2029", f.PARENTS: ("Bố Mẫu", "Mẹ Mẫu"), f.SPOUSE: None, f.OLD_ID_NUMBER: "012345678",
    f.UNKNOWN_16: "ABCDEF0123456789",
}


@pytest.mark.parametrize("nested", [False, True])
def test_both_parent_nestings(nested):
    parsed = parse_dg13(encode_dg13(VALUES, parents_nested=nested))
    assert (parsed.father, parsed.mother) == ("Bố Mẫu", "Mẹ Mẫu")
    assert parsed.text(f.FULL_NAME) == "Nguyễn Văn Thử"
    assert parsed.text(f.SPOUSE) == ""  # present, empty
    assert parsed.text(f.UNKNOWN_16) == "ABCDEF0123456789"


def test_missing_and_unknown_fields_tolerated():
    values = {k: v for k, v in VALUES.items() if k not in (f.RELIGION, f.OLD_ID_NUMBER)}
    values[42] = "something new"
    parsed = parse_dg13(encode_dg13(values))
    assert parsed.text(f.RELIGION) is None and parsed.text(42) == "something new"


def test_nfc_normalisation():
    decomposed = "Nguye\u0302\u0303n"  # NFD form of Nguyễn
    parsed = parse_dg13(_raw_dg13(decomposed))
    assert parsed.text(f.FULL_NAME) == "Nguyễn"


def _raw_dg13(name: str) -> bytes:
    entry = tlv.encode(0x30, tlv.encode(0x02, b"\x02") + tlv.encode(0x0C, name.encode()))
    seq = tlv.encode(0x02, b"\x01") + tlv.encode(0x06, f.OID_DG13) + tlv.encode(0x31, entry)
    return tlv.encode(0x6D, tlv.encode(0x30, seq))


def test_malformed_dg13():
    for bad in (b"", b"\x6d\x00", b"\x61\x02\x30\x00", _raw_dg13("x")[:-3], b"\x6d\x03\x30\x01\x02"):
        with pytest.raises(ParseError):
            parse_dg13(bad)


def test_identity_from_dg1_and_dg13():
    mrz = parse_mrz(build_td1_vn("001089012345", "Nguyễn Văn Thử", date(1989, 3, 15), "Nam", date(2029, 3, 15)))
    identity = identity_from(mrz, parse_dg13(encode_dg13(VALUES)))
    assert identity.birth_date == date(1989, 3, 15) and identity.expiry == date(2029, 3, 15)
    assert identity.spouse_name is None and identity.old_id_number == "012345678"
    assert "Nguy" not in repr(identity) and "0010" not in repr(identity) and "0010" not in str(identity)
    other = {**VALUES, f.ID_NUMBER: "001089012346"}
    with pytest.raises(DataMismatch):
        identity_from(mrz, parse_dg13(encode_dg13(other)))


def test_expiry_texts():
    assert parse_expiry("Không thời hạn") is NO_EXPIRY
    assert parse_expiry("khong thoi han") is NO_EXPIRY
    assert parse_expiry("01/02/2030") == date(2030, 2, 1)
    with pytest.raises(ParseError):
        parse_expiry("31/02/2030")


@pytest.mark.parametrize("fmt", ["JPEG", "JPEG2000"])
def test_dg2_jpeg_and_jpeg2000(fmt):
    image = Image.new("RGB", (120, 160), (200, 150, 120))
    out = io.BytesIO()
    image.save(out, fmt)
    face = parse_dg2(dg2(out.getvalue(), gender=1))
    assert (face.format, face.width, face.height) == (fmt, 120, 160)
    assert face.image.size == (120, 160)


def test_dg2_bad_image():
    with pytest.raises(ParseError):
        parse_dg2(dg2_with_bytes(b"\xff\xd8\xff\xe0garbage"))


def dg2_with_bytes(image: bytes) -> bytes:
    from drivers.card.virtual.files import face_record
    record = face_record(image, False, 10, 10, 0)
    template = tlv.encode(0x7F60, tlv.encode(0xA1, b"") + tlv.encode(0x5F2E, record))
    return tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01") + template))


def test_com():
    com = parse_com(ef_com((1, 2, 13, 14, 15)))
    assert com.lds_version == "0107" and com.data_groups == (1, 2, 13, 14, 15)

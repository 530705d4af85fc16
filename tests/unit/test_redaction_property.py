"""A property of the log: whatever the citizen, and however a value of theirs is spelt on its way to a
line (case, diacritics, separators, MRZ forms, lines run together), the log file holds none of it.

The citizen's values are registered the way the intake registers them (`personal_values` of the
card's identity and its access keys), and logged through the real set-up (`setup_logging`)."""

from __future__ import annotations

import logging
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.card.access import AccessKeys
from drivers.card.identity import Identity
from drivers.card.mrz import AccessKey
from kiosk.intake.card import personal_values
from kiosk.logs import redactor, setup_logging
from kiosk.text import fold

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Xuân", "Quốc", "Thu", "Thị Hồng"]
GIVEN = ["Bình", "Cường", "Dũng", "Hằng", "Hương", "Khánh", "Linh", "Nhung", "Phúc", "Quyên", "Sơn", "Tâm",
         "Thảo", "Trung", "Yến", "Đạt", "Ánh", "Hoà", "Hòa"]
HAMLETS = ["Thôn Đồng Tâm", "Xóm Bãi Cháy", "Tổ 5 Khu 3", "Ấp Phước Lợi", "Bản Nà Ản", "Số 12 ngõ 34 Phố Huế"]
COMMUNES = ["Xã Ba Chẽ", "Phường Hạ Long", "Xã Đồn Đạc", "Phường Bến Nghé", "Xã Tân Uyên", "Đặc khu Vân Đồn"]
PROVINCES = ["Tỉnh Quảng Ninh", "Thành phố Hà Nội", "Thành phố Hồ Chí Minh", "Tỉnh Lào Cai", "Tỉnh Đắk Lắk"]
PROVINCE_CODES = ["001", "022", "079", "038", "066"]

names = st.builds(lambda s, m, g: f"{s} {m} {g}", st.sampled_from(SURNAMES), st.sampled_from(MIDDLE),
                  st.sampled_from(GIVEN))
addresses = st.builds(lambda h, c, p: f"{h}, {c}, {p}", st.sampled_from(HAMLETS), st.sampled_from(COMMUNES),
                      st.sampled_from(PROVINCES))
birth_dates = st.dates(min_value=date(1930, 1, 1), max_value=date(2012, 12, 31))


@st.composite
def citizens(draw) -> tuple[Identity, AccessKeys]:
    birth = draw(birth_dates)
    century = "0" if birth.year < 2000 else "2"
    sex = draw(st.sampled_from(["Nam", "Nữ"]))
    id_number = (draw(st.sampled_from(PROVINCE_CODES)) + str(int(century) + (sex == "Nữ")) + birth.strftime("%y")
                 + draw(st.text("0123456789", min_size=6, max_size=6)))
    expiry = birth.replace(year=birth.year + 60) if birth.month != 2 or birth.day != 29 else date(birth.year + 60, 3, 1)
    identity = Identity(
        id_number=id_number, full_name=draw(names), birth_date=birth, sex=sex, nationality="Việt Nam",
        ethnicity="Kinh", religion="Không", home_town=draw(addresses), permanent_address=draw(addresses),
        identifying_marks="Nốt ruồi C:1cm trên trước mép phải", issue_date=date(2021, 4, 1), expiry=expiry,
        father_name=draw(names), mother_name=draw(names), spouse_name=draw(st.none() | names),
        old_id_number=draw(st.none() | st.text("0123456789", min_size=9, max_size=9)),
        document_number=id_number[-9:])
    keys = AccessKeys(can=id_number[-6:], mrz=(AccessKey(id_number[-9:], birth.strftime("%y%m%d"),
                                                         expiry.strftime("%y%m%d")),), source="QR code")
    return identity, keys


def _check(text: str) -> str:
    return str(sum(int(c) * w for c, w in zip((str("0123456789".index(c)) if c.isdigit() else "0" for c in text),
                                               (7, 3, 1) * 20)) % 10)


def _mrz(identity: Identity) -> list[str]:
    doc, birth = identity.document_number, identity.birth_date.strftime("%y%m%d")
    expiry = identity.expiry.strftime("%y%m%d")
    line1 = f"IDVNM{doc}{_check(doc)}{identity.id_number}<<"
    line1 += _check(line1[5:])
    line2 = f"{birth}{_check(birth)}{'F' if identity.sex == 'Nữ' else 'M'}{expiry}{_check(expiry)}VNM"
    line2 += "<" * (29 - len(line2)) + "0"
    line3 = "<<".join("<".join(part.upper().split()) for part in fold(identity.full_name).split(" ", 1))
    return [line1, line2, (line3 + "<" * 30)[:30]]


def _text_spellings(value: str) -> list[str]:
    bare = fold(value)
    words = bare.split()
    return [value, value.upper(), value.lower(), bare, bare.upper(), bare.title(), "  ".join(value.split()),
            "-".join(value.split()), "<".join(w.upper() for w in words), "".join(w.upper() for w in words)]


def _digit_spellings(digits: str) -> list[str]:
    spellings = [digits]
    for size in (3, 4):
        groups = [digits[i:i + size] for i in range(0, len(digits), size)]
        if len(digits) % size == 0:
            spellings += [sep.join(groups) for sep in (" ", ".", "-")]
    return spellings


def spellings(identity: Identity, keys: AccessKeys) -> list[str]:
    birth = identity.birth_date
    out = []
    for value in (identity.full_name, identity.father_name, identity.mother_name, identity.spouse_name,
                  identity.permanent_address, identity.home_town):
        if value:
            out += _text_spellings(value)
    for digits in (identity.id_number, identity.document_number, identity.old_id_number):
        if digits:
            out += _digit_spellings(digits)
    out += [keys.can, f"CAN {keys.can}"]
    out += [birth.strftime(f) for f in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d%m%Y", "%y%m%d")]
    mrz = _mrz(identity)
    out += mrz + [line.lower() for line in mrz] + [line.replace("<", "") for line in mrz]
    out += ["".join(mrz[:2]), "".join(mrz), "".join(mrz).lower(), "".join(line.replace("<", "") for line in mrz[:2])]
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(citizens())
def test_no_spelling_of_a_citizens_data_reaches_the_log(citizen):
    identity, keys = citizen
    values = personal_values(identity, keys)
    written_spellings = spellings(identity, keys)
    log = logging.getLogger("kiosk.property")
    with tempfile.TemporaryDirectory() as folder:
        path = setup_logging(Path(folder))
        redactor.add(values)
        try:
            for number, spelling in enumerate(written_spellings):
                log.info("value %d: %s.", number, spelling)
        finally:
            redactor.remove(values)
            for handler in [h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False)]:
                logging.getLogger().removeHandler(handler)
                handler.close()
        written = path.read_text(encoding="utf-8")
    assert written.count("\n") == len(written_spellings) and "value 0: " in written  # every line, readable
    folded = fold(written)
    for spelling in written_spellings:
        assert spelling.casefold() not in written.casefold(), spelling
        assert fold(spelling) not in folded, spelling

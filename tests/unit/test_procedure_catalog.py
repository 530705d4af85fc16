"""The procedure catalog: pinned code -> name pairs, sources on every entry, the generated JSON equal to
what the source table generates, and the facts issue 11 gave."""

import json
import tomllib

import pytest

from kiosk.catalogs import CatalogError, load_procedures
from kiosk.catalogs import generate_procedures as generator
from kiosk.catalogs.procedures import PROCEDURES_FILE

# Confirmed by issue 11's review of public procedure lists (2026-11), plus 1.001193 (used by other tests).
CONFIRMED = {
    "1.001193": "Đăng ký khai sinh",
    "1.004884": "Đăng ký lại khai sinh",
    "1.004746": "Đăng ký lại kết hôn",
    "1.004837": "Đăng ký giám hộ",
    "2.000635": "Cấp bản sao trích lục hộ tịch",
    "1.003583": "Đăng ký khai sinh lưu động",
    "2.001035": "Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở",
    "2.001019": "Chứng thực di chúc",
    "2.001008": "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật",
    "1.004222": "Đăng ký thường trú",
    "1.004194": "Đăng ký tạm trú",
    "1.010041": "Xác nhận thông tin về cư trú",
}


@pytest.fixture(scope="module")
def catalog():
    return load_procedures()


@pytest.mark.parametrize("code,name", sorted(CONFIRMED.items()))
def test_confirmed_pairs_are_pinned(catalog, code, name):
    assert catalog[code].name == name
    assert catalog[code].verified


def test_a_rotation_of_codes_fails_the_pins(tmp_path):
    data = json.loads(PROCEDURES_FILE.read_text(encoding="utf-8"))
    names = [p["name"] for p in data["procedures"]]
    for p, name in zip(data["procedures"], names[1:] + names[:1]):
        p["name"] = name
    path = tmp_path / "rotated.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    rotated = load_procedures(path)
    assert all(rotated[code].name != name for code, name in CONFIRMED.items())


def test_every_entry_names_its_source_with_document_and_date(catalog):
    assert len(catalog) >= 40
    for p in catalog.procedures.values():
        assert p.source.document and p.source.date, p.code
        assert p.source.kind in generator.SOURCE_KINDS, p.code
        assert p.competent_agency, p.code
        assert p.legal_basis and p.components, p.code
        assert set(p.details_sources) <= set(catalog.sources), p.code
        if p.verified:
            assert p.source.kind in generator.VERIFYING_KINDS, p.code


def test_verified_count_is_what_the_header_says(catalog):
    data = json.loads(PROCEDURES_FILE.read_text(encoding="utf-8"))
    assert data["counts"] == {"procedures": len(catalog), "verified": len(catalog.verified())}
    assert len(catalog.verified()) >= len(CONFIRMED)


def test_generator_output_equals_the_committed_json_byte_for_byte():
    assert generator.render() == PROCEDURES_FILE.read_text(encoding="utf-8")
    assert generator.main(["--check"]) == 0


def test_generator_does_not_read_the_clock():
    import inspect

    source = inspect.getsource(generator)
    assert not any(call in source for call in ("date.today", "datetime.now", "time.time", "utcnow"))
    assert json.loads(PROCEDURES_FILE.read_text(encoding="utf-8"))["date"] == _table()["catalog"]["date"]


def test_guardianship_is_free(catalog):
    guardianship = catalog["1.004837"]
    assert guardianship.fee_vnd == 0 and "Điều 11" in guardianship.fee_text


def test_residence_confirmation_takes_half_a_working_day(catalog):
    confirmation = catalog["1.010041"]
    assert confirmation.working_days == 0.5 and confirmation.working_days_max == 3


def test_residence_is_handled_by_the_commune_police(catalog):
    residence = [p for p in catalog.procedures.values() if p.field == "Cư trú"]
    assert {"1.004222", "1.004194", "1.010041"} <= {p.code for p in residence}
    assert all(p.competent_agency == "Công an cấp xã" for p in residence)


def test_certification_cites_decree_23_2015_as_amended(catalog):
    certification = [p for p in catalog.procedures.values() if p.field == "Chứng thực"]
    assert len(certification) >= 5
    for p in certification:
        basis = " ".join(p.legal_basis)
        for decree in ("23/2015/NĐ-CP", "07/2025/NĐ-CP", "280/2025/NĐ-CP"):
            assert decree in basis, (p.code, decree)


def test_combined_and_mobile_procedures_are_listed(catalog):
    for code in ("2.000986", "2.001023", "1.003583", "1.000593", "1.001612"):
        assert code in catalog.procedures


def _table():
    return tomllib.loads(generator.TABLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("change,message", [
    (lambda t: t["procedure"][2].update(verified=True), "verified on a secondary source"),
    (lambda t: t["procedure"].append(dict(t["procedure"][0])), "appears twice"),
    (lambda t: next(p for p in t["procedure"] if p["field"] == "Cư trú").update(agency="Ủy ban nhân dân cấp xã"),
     "handled by Công an cấp xã"),
    (lambda t: next(p for p in t["procedure"] if p["field"] == "Chứng thực").update(
        legal_basis=["Nghị định 23/2015/NĐ-CP"]), "must cite"),
    (lambda t: t["procedure"][0].update(source="nowhere"), "unknown source"),
    (lambda t: t["sources"]["issue11"].pop("date"), "has no date"),
])
def test_generator_refuses_a_table_that_breaks_the_rules(change, message):
    table = _table()
    assert table["procedure"][2]["code"] == "1.000656"  # the entry the first case marks verified
    change(table)
    with pytest.raises(generator.TableError, match=message):
        generator.build(table)


def test_loader_rejects_an_entry_without_source(tmp_path):
    data = json.loads(PROCEDURES_FILE.read_text(encoding="utf-8"))
    data["procedures"][0]["source"]["document"] = ""
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogError, match="does not name its source"):
        load_procedures(path)

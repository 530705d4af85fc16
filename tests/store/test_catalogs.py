import hashlib
import json
from collections import Counter
from datetime import date

import pytest

from kiosk.catalogs import CatalogError, load_procedures, load_units
from kiosk.catalogs import generate_units
from kiosk.catalogs.procedures import PROCEDURES_FILE
from kiosk.catalogs.units import UNITS_FILE


def test_units_counts_and_quang_ninh():
    units = load_units()
    assert len(units.provinces) == 34 and len(units.communes) == 3321
    assert units.province("22", on=date(2025, 7, 1)).name == "Tỉnh Quảng Ninh"
    for day in (date(2025, 7, 1), date(2026, 9, 1)):
        assert Counter(c.type for c in units.communes_of("22", on=day)) == {"ward": 30, "commune": 22, "special_zone": 2}
        assert len(units.communes_of("22", on=day)) == 54
    ba_che = units.commune("06970")
    assert (ba_che.name, ba_che.type, ba_che.province_code) == ("Xã Ba Chẽ", "commune", "22")
    assert units.source and units.data_date == "2025-07-01" and units.version == "vietnamadminunits-1.0.4"
    assert ba_che in units.search("ba che")


def test_quang_ninh_becomes_a_city_on_1_september_2026():
    units = load_units()
    before, after = units.province("22", on=date(2026, 8, 31)), units.province("22", on=date(2026, 9, 1))
    assert (before.name, before.type) == ("Tỉnh Quảng Ninh", "province")
    assert (after.name, after.type) == ("Thành phố Quảng Ninh", "city")
    assert units.province("22") == units.province("22", on=date.today())
    assert units.provinces["22"].name == "Tỉnh Quảng Ninh"  # the base data of 1 July 2025 is not rewritten
    amendment = next(a for a in units.amendments if a.code == "22")
    assert "36/2026/QH16" in amendment.source_document and amendment.source_date
    assert units.province("01", on=date(2026, 9, 1)).name == "Thành phố Hà Nội"


def test_units_header_pins_the_package_and_its_data_file():
    data = json.loads(UNITS_FILE.read_text(encoding="utf-8"))
    table = generate_units.load_table()
    assert data["package"]["version"] == table["base"]["version"] == "1.0.4"
    assert data["package"]["sha256"] == table["base"]["sha256"]
    assert len(data["package"]["sha256"]) == 64 and data["data_date"] == table["base"]["in_force_from"]
    assert "retrieved" not in data  # the data's own dates, not the day the generator ran


def test_units_json_is_what_the_generator_writes_from_its_table():
    data = json.loads(UNITS_FILE.read_text(encoding="utf-8"))
    table = generate_units.load_table()
    text = generate_units.assemble(table, data["provinces"], data["communes"])
    assert text == UNITS_FILE.read_text(encoding="utf-8")
    assert data["amendments"] and all(a["source"]["document"] and a["source"]["date"] for a in data["amendments"])
    assert {n["what"].split(",")[0] for n in data["not_applied"]} == {"Thành phố Đồng Nai", "Thành phố Bắc Ninh"}


def test_units_generator_regenerates_the_file_from_the_pinned_package():
    table = generate_units.load_table()
    provinces, communes = generate_units.read_package(table)
    assert generate_units.assemble(table, provinces, communes) == UNITS_FILE.read_text(encoding="utf-8")


def test_units_generator_refuses_other_data(monkeypatch, tmp_path):
    table = generate_units.load_table()
    table["base"]["sha256"] = hashlib.sha256(b"other").hexdigest()
    with pytest.raises(generate_units.TableError, match="pins"):
        generate_units.read_package(table)


def test_units_are_loaded_without_the_generator_package():
    import subprocess
    import sys
    code = ("import sys; from kiosk.catalogs import load_units; load_units(); "
            "assert 'vietnamadminunits' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def _broken(tmp_path, change):
    data = json.loads(UNITS_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "units.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("change,message", [
    (lambda d: d["communes"].pop(), "expected 34 and 3321"),
    (lambda d: d["communes"].append(dict(d["communes"][0])), "not unique"),
    (lambda d: d["communes"][0].update(province_code="99"), "province 99, which is not listed"),
    (lambda d: d.pop("source"), "no 'source'"),
    (lambda d: d["communes"][0].update(type="district"), "unknown type"),
    (lambda d: d["amendments"][0].update(code="99"), "which is not listed"),
    (lambda d: d["amendments"][0]["changes"].update(type="district"), "unknown type"),
    (lambda d: d["amendments"][0]["source"].update(document=""), "does not name its source"),
    (lambda d: d.pop("data_date"), "no 'data_date'"),
])
def test_units_validation(tmp_path, change, message):
    with pytest.raises(CatalogError, match=message):
        load_units(_broken(tmp_path, change))


def test_procedures_catalog():
    catalog = load_procedures()
    assert len(catalog) >= 20
    birth = catalog["1.001193"]
    assert birth.name == "Đăng ký khai sinh" and any(c.required for c in birth.components)
    assert birth.portal_url.endswith("1.001193") and birth.source_url == birth.portal_url
    assert birth.source.document and birth.source.date and birth.verified
    assert catalog.search("khai sinh") and catalog.search("ket hon")
    fields = Counter(p.field for p in catalog.procedures.values())
    assert fields["Hộ tịch"] >= 10 and fields["Chứng thực"] >= 4 and fields["Cư trú"] >= 2


def test_procedures_validation(tmp_path):
    data = json.loads(PROCEDURES_FILE.read_text(encoding="utf-8"))
    data["procedures"].append(dict(data["procedures"][0]))
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogError, match="not unique"):
        load_procedures(path)

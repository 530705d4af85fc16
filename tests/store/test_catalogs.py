import json
from collections import Counter

import pytest

from kiosk.catalogs import CatalogError, load_procedures, load_units
from kiosk.catalogs.procedures import PROCEDURES_FILE
from kiosk.catalogs.units import UNITS_FILE


def test_units_counts_and_quang_ninh():
    units = load_units()
    assert len(units.provinces) == 34 and len(units.communes) == 3321
    assert units.province("22").name == "Tỉnh Quảng Ninh"
    assert Counter(c.type for c in units.communes_of("22")) == {"ward": 30, "commune": 22, "special_zone": 2}
    assert len(units.communes_of("22")) == 54
    ba_che = units.commune("06970")
    assert (ba_che.name, ba_che.type, ba_che.province_code) == ("Xã Ba Chẽ", "commune", "22")
    assert units.source and units.retrieved and units.version
    assert ba_che in units.search("ba che")


def test_units_are_loaded_without_the_generator_package():
    import sys
    load_units()
    assert "vietnamadminunits" not in sys.modules


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

"""Generate resources/catalogs/admin_units_2025.json from the `vietnamadminunits` package (MIT).

Run by hand when the source changes, never by the application:

    .venv/bin/pip install vietnamadminunits
    .venv/bin/python -m kiosk.catalogs.generate_units

The application reads only the generated JSON (`kiosk.catalogs.units`), without the package.
Only official codes, names and types are kept (no coordinates, no search keys).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date
from importlib import metadata
from pathlib import Path

from kiosk.resources import CATALOGS

OUT = CATALOGS / "admin_units_2025.json"
TYPES = {"Phường": "ward", "Xã": "commune", "Đặc khu": "special_zone"}
PROVINCE_TYPES = {"Tỉnh": "province", "Thành phố": "city"}


def main() -> int:
    import unicodedata

    import vietnamadminunits  # noqa: F401  (only here, at generation time)

    version = metadata.version("vietnamadminunits")
    db = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    nfc = lambda s: unicodedata.normalize("NFC", s).strip()  # noqa: E731
    provinces: dict[str, dict] = {}
    communes = []
    for province, p_code, ward, w_short, w_type, w_code in conn.execute(
        "SELECT province, provinceCode, ward, wardShort, wardType, wardCode FROM admin_units ORDER BY wardCode"
    ):
        p_type = next(t for prefix, t in PROVINCE_TYPES.items() if province.startswith(prefix + " "))
        provinces[p_code] = {"code": p_code, "name": nfc(province), "type": p_type}
        communes.append({"code": w_code, "name": nfc(ward), "short_name": nfc(w_short),
                         "type": TYPES[w_type], "province_code": p_code})
    data = {
        "catalog": "administrative units in force from 2025-07-01 (two-level local government)",
        "version": f"vietnamadminunits-{version}",
        "source": f"PyPI package vietnamadminunits {version} (MIT licence), "
                  "https://github.com/tranngocminhhieu/vietnamadminunits, table admin_units of data/dataset.db",
        "retrieved": date.today().isoformat(),
        "licence": "MIT (vietnamadminunits); the unit codes are official (General Statistics Office)",
        "notes": "Names as in the source (spelling may differ from other sources, e.g. Hòa/Hoà): join by code.",
        "provinces": sorted(provinces.values(), key=lambda p: p["code"]),
        "communes": communes,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(_dump(data), encoding="utf-8")
    print(f"{OUT}: {len(data['provinces'])} provinces, {len(communes)} commune-level units")
    return 0


def _dump(data: dict) -> str:
    """JSON with one unit per line: readable, and diffs show exactly which units changed."""
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        end = "," if i < len(items) - 1 else ""
        if isinstance(value, list):
            rows = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f" {json.dumps(key)}: [\n{rows}\n ]{end}")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{end}")
    return "\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    sys.exit(main())

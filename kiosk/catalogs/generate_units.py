"""Generate resources/catalogs/admin_units_2025.json from the `vietnamadminunits` package (MIT) and the
dated amendments in resources/catalogs/sources/units.toml.

Run by hand when the source changes, never by the application:

    .venv/bin/pip install vietnamadminunits==1.0.4
    .venv/bin/python -m kiosk.catalogs.generate_units
    .venv/bin/python -m kiosk.catalogs.generate_units --amendments-only   # no package needed

The package version and the SHA-256 of its data file are pinned in units.toml: any other data is
refused. The dates written are the data's own (units in force from 2025-07-01, the data file's date
in the wheel), never the day this runs. The application reads only the generated JSON
(`kiosk.catalogs.units`), without the package. Only official codes, names and types are kept.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tomllib
import unicodedata
from datetime import date
from importlib import metadata
from pathlib import Path

from kiosk.resources import CATALOGS

OUT = CATALOGS / "admin_units_2025.json"
TABLE = CATALOGS / "sources" / "units.toml"
TYPES = {"Phường": "ward", "Xã": "commune", "Đặc khu": "special_zone"}
PROVINCE_TYPES = {"Tỉnh": "province", "Thành phố": "city"}
AMENDMENT_FIELDS = {"province": ("name", "type"), "commune": ("name", "short_name", "type", "province_code")}


class TableError(ValueError):
    pass


def load_table(path: Path = TABLE) -> dict:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


def header(table: dict) -> dict:
    """The catalog's header: what the data is, from which pinned package, and of which date."""
    base = table["base"]
    return {
        "catalog": f"administrative units in force from {base['in_force_from']} (two-level local government), "
                   "with dated amendments",
        "version": f"{base['package']}-{base['version']}",
        "source": f"PyPI package {base['package']} {base['version']} ({base['licence']} licence), "
                  f"{base['repository']}, table {base['table']} of {base['data_file']}",
        "data_date": base["in_force_from"],
        "package": {key: base[key] for key in ("package", "version", "data_file", "sha256", "wheel", "wheel_sha256",
                                               "data_file_date", "package_date")},
        "licence": f"{base['licence']} ({base['package']}); the unit codes are official (General Statistics Office)",
        "notes": "Names as in the source (spelling may differ from other sources, e.g. Hòa/Hoà): join by code. "
                 "Amendments apply from their effective date: look a unit up on a date.",
    }


def amendments(table: dict) -> list[dict]:
    """The dated amendments, each with its source inlined, in order of effect."""
    sources, rows = table.get("sources", {}), []
    for row in table.get("amendment", []):
        if row["unit"] not in AMENDMENT_FIELDS:
            raise TableError(f"amendment of unknown unit kind {row['unit']!r}")
        date.fromisoformat(row["effective"])
        source = sources.get(row["source"])
        if source is None:
            raise TableError(f"amendment of {row['code']} names unknown source {row['source']!r}")
        changes = {key: row[key] for key in AMENDMENT_FIELDS[row["unit"]] if key in row}
        if not changes:
            raise TableError(f"amendment of {row['code']} changes nothing")
        rows.append({"unit": row["unit"], "code": row["code"], "effective": row["effective"], "changes": changes,
                     "source": {"ref": row["source"], **{k: source.get(k) for k in
                                ("document", "issuer", "date", "date_kind", "seen", "note")}},
                     "note": row.get("note")})
    return sorted(rows, key=lambda r: (r["effective"], r["unit"], r["code"]))


def not_applied(table: dict) -> list[dict]:
    return [{"what": row["what"], "found": row["found"]} for row in table.get("not_applied", [])]


def assemble(table: dict, provinces: list[dict], communes: list[dict]) -> str:
    data = header(table)
    data.update(provinces=provinces, communes=communes, amendments=amendments(table),
                not_applied=not_applied(table))
    return _dump(data)


def read_package(table: dict) -> tuple[list[dict], list[dict]]:
    """Provinces and communes from the installed package, after checking it is the pinned one."""
    import vietnamadminunits  # noqa: F401  (only here, at generation time)

    base = table["base"]
    version = metadata.version(base["package"])
    if version != base["version"]:
        raise TableError(f"{base['package']} {version} is installed; units.toml pins {base['version']}")
    db = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    if digest != base["sha256"]:
        raise TableError(f"{db} has SHA-256 {digest}; units.toml pins {base['sha256']}")
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
    return sorted(provinces.values(), key=lambda p: p["code"]), communes


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    table = load_table()
    if "--amendments-only" in argv:
        current = json.loads(OUT.read_text(encoding="utf-8"))
        provinces, communes = current["provinces"], current["communes"]
    else:
        provinces, communes = read_package(table)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(assemble(table, provinces, communes), encoding="utf-8")
    print(f"{OUT}: {len(provinces)} provinces, {len(communes)} commune-level units, "
          f"{len(amendments(table))} dated amendments")
    return 0


def _dump(data: dict) -> str:
    """JSON with one unit per line: readable, and diffs show exactly which units changed."""
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        end = "," if i < len(items) - 1 else ""
        if isinstance(value, list):
            rows = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f" {json.dumps(key)}: [\n{rows}\n ]{end}" if value else f" {json.dumps(key)}: []{end}")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{end}")
    return "\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    sys.exit(main())

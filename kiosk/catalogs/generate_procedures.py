"""Writes procedures_commune.json from the committed source table `resources/catalogs/sources/procedures.toml`.

    .venv/bin/python -m kiosk.catalogs.generate_procedures          # write the JSON
    .venv/bin/python -m kiosk.catalogs.generate_procedures --check  # exit 1 if the JSON is not up to date

The table is the place to edit (each entry with the source in which its code -> name pair was seen);
the JSON is derived from it byte for byte. Nothing here reads the clock: the date recorded is the
date of the sources, written in the table.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from kiosk.resources import CATALOGS

TABLE = CATALOGS / "sources" / "procedures.toml"
OUT = CATALOGS / "procedures_commune.json"

SOURCE_KINDS = ("issue", "official", "news", "law", "secondary", "unchecked")
# A code -> name pair may be marked verified only when seen in one of these.
VERIFYING_KINDS = ("issue", "official", "news")
CERTIFICATION = "Chứng thực"
CERTIFICATION_DECREES = ("Nghị định 23/2015/NĐ-CP", "Nghị định 07/2025/NĐ-CP", "Nghị định 280/2025/NĐ-CP")
RESIDENCE = "Cư trú"
RESIDENCE_AGENCY = "Công an cấp xã"


class TableError(ValueError):
    pass


def build(table: dict) -> dict:
    """The catalog as it is written to JSON, from the parsed table. Checks the rules of the table."""
    catalog, sources = table["catalog"], table["sources"]
    for key, source in sources.items():
        for field in ("document", "issuer", "date", "date_kind", "kind"):
            if not str(source.get(field, "")).strip():
                raise TableError(f"source {key} has no {field}")
        if source["kind"] not in SOURCE_KINDS:
            raise TableError(f"source {key} has unknown kind {source['kind']!r}")

    procedures, seen = [], set()
    for entry in table["procedure"]:
        code = entry["code"]
        if code in seen:
            raise TableError(f"procedure {code} appears twice")
        seen.add(code)
        source = sources.get(entry["source"])
        if source is None:
            raise TableError(f"procedure {code} names unknown source {entry['source']!r}")
        if entry["verified"] and source["kind"] not in VERIFYING_KINDS:
            raise TableError(f"procedure {code} is marked verified on a {source['kind']} source")
        unknown = [key for key in entry["details"] if key not in sources]
        if unknown:
            raise TableError(f"procedure {code} names unknown detail sources {unknown}")
        if entry["field"] == CERTIFICATION and not all(
                any(decree in basis for basis in entry["legal_basis"]) for decree in CERTIFICATION_DECREES):
            raise TableError(f"certification procedure {code} must cite {', '.join(CERTIFICATION_DECREES)}")
        if entry["field"] == RESIDENCE and entry["agency"] != RESIDENCE_AGENCY:
            raise TableError(f"residence procedure {code} is handled by {RESIDENCE_AGENCY}, not {entry['agency']}")
        if not any(required for _, required in entry["components"]):
            raise TableError(f"procedure {code} has no required component")
        procedures.append(_procedure(entry, sources, catalog["portal_url"]))

    return {
        "catalog": catalog["title"],
        "version": catalog["version"],
        "date": catalog["date"],
        "generated_from": "resources/catalogs/sources/procedures.toml (kiosk/catalogs/generate_procedures.py)",
        "portal_url_note": catalog["portal_url_note"],
        "fee_note": catalog["fee_note"],
        "counts": {"procedures": len(procedures), "verified": sum(p["source"]["verified"] for p in procedures)},
        "sources": {key: _source(source) for key, source in sources.items()},
        "procedures": procedures,
        "missing": [{"what": m["what"], "why": m["why"]} for m in table.get("missing", [])],
    }


def _source(source: dict) -> dict:
    return {"document": source["document"], "issuer": source["issuer"], "date": source["date"],
            "date_kind": source["date_kind"], "url": source.get("url"), "kind": source["kind"]}


def _procedure(entry: dict, sources: dict, portal_url: str) -> dict:
    time = {"working_days": entry.get("working_days"), "text": entry["time_text"]}
    if "working_days_max" in entry:
        time["working_days_max"] = entry["working_days_max"]
    return {
        "code": entry["code"], "name": entry["name"], "name_en": entry["name_en"], "field": entry["field"],
        "level": "commune",
        "competent_agency": {"name": entry["agency"], "name_en": entry["agency_en"]},
        "components": [{"name": name, "required": required} for name, required in entry["components"]],
        "fee": {"vnd": entry.get("fee_vnd"), "text": entry["fee_text"]},
        "processing_time": time,
        "legal_basis": list(entry["legal_basis"]),
        "portal_url": portal_url.format(code=entry["code"]),
        "source": {"ref": entry["source"], **_source(sources[entry["source"]]), "verified": entry["verified"],
                   "note": entry.get("note")},
        # Where components, fee and time limit come from: keys of "sources".
        "details_sources": list(entry["details"]),
    }


def render(table_path: Path = TABLE) -> str:
    """The exact text of procedures_commune.json for the table at `table_path`."""
    table = tomllib.loads(Path(table_path).read_text(encoding="utf-8"))
    return json.dumps(build(table), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is not what {TABLE} generates: run python -m kiosk.catalogs.generate_procedures")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    counts = json.loads(text)["counts"]
    print(f"{OUT}: {counts['procedures']} procedures, {counts['verified']} verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())

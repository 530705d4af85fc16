"""The catalog of commune-level procedures (code, name, components, fee, processing time, source)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kiosk.text import fold, nfc

from .units import CATALOG_DIR, CatalogError

PROCEDURES_FILE = CATALOG_DIR / "procedures_commune.json"
MIN_PROCEDURES = 20
CODE = re.compile(r"\d\.\d{6}")


@dataclass(frozen=True)
class ProcedureComponent:
    name: str
    required: bool


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    name_en: str
    field: str
    components: tuple[ProcedureComponent, ...]
    fee_vnd: int | None  # None: set by the province
    fee_text: str
    working_days: int  # 0: the same day
    processing_text: str
    source_url: str
    verified: bool


class ProcedureCatalog:
    def __init__(self, procedures: list[Procedure], version: str, source: str, retrieved: str):
        self.version, self.source, self.retrieved = version, source, retrieved
        self.procedures = {p.code: p for p in procedures}

    def __getitem__(self, code: str) -> Procedure:
        return self.procedures[code]

    def __len__(self) -> int:
        return len(self.procedures)

    def search(self, text: str) -> list[Procedure]:
        key = fold(nfc(text))
        return [p for p in self.procedures.values() if key in fold(p.name) or key in p.code]


def load_procedures(path: Path | str = PROCEDURES_FILE, minimum: int = MIN_PROCEDURES) -> ProcedureCatalog:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogError(path, f"cannot be read ({error.__class__.__name__}: {error})") from None
    for key in ("version", "source", "retrieved", "procedures"):
        if key not in data:
            raise CatalogError(path, f"has no '{key}'")
    procedures = []
    try:
        for p in data["procedures"]:
            code = nfc(p["code"])
            if not CODE.fullmatch(code):
                raise CatalogError(path, f"procedure code '{code}' is not of the form 1.001193")
            components = tuple(ProcedureComponent(nfc(c["name"]), bool(c["required"])) for c in p["components"])
            if not components or not any(c.required for c in components):
                raise CatalogError(path, f"procedure {code} has no required component")
            if not p["source"].get("url") or p["source"].get("portal_code") != code:
                raise CatalogError(path, f"procedure {code} does not name its source on the portal")
            procedures.append(Procedure(
                code=code, name=nfc(p["name"]), name_en=nfc(p.get("name_en", "")), field=nfc(p["field"]),
                components=components, fee_vnd=p["fee"]["vnd"], fee_text=nfc(p["fee"]["text"]),
                working_days=int(p["processing_time"]["working_days"]),
                processing_text=nfc(p["processing_time"]["text"]), source_url=p["source"]["url"],
                verified=bool(p["source"].get("verified")),
            ))
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise CatalogError(path, f"a procedure lacks a field or has a wrong value ({error!r})") from None
    codes = [p.code for p in procedures]
    if len(set(codes)) != len(codes):
        raise CatalogError(path, "procedure codes are not unique")
    if len(procedures) < minimum:
        raise CatalogError(path, f"has {len(procedures)} procedures, expected at least {minimum}")
    return ProcedureCatalog(procedures, data["version"], data["source"], data["retrieved"])


@lru_cache(maxsize=1)
def procedures() -> ProcedureCatalog:
    return load_procedures()

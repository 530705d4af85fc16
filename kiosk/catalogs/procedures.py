"""The catalog of commune-level procedures: code, name, components, fee, time limit, competent agency,
and for each entry the source in which its code -> name pair was seen (document, date, verified).

Generated from `resources/catalogs/sources/procedures.toml` by `generate_procedures.py`; loaded here
from the JSON alone.
"""

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
class ProcedureSource:
    """Where the entry's code -> name pair was seen. `verified` is true only for a pair seen in an
    official or first-hand source (or confirmed by the project's review); `kind` says which."""
    document: str
    issuer: str
    date: str  # ISO date or month of the source; see date_kind
    date_kind: str  # issued | published | effective | consulted
    url: str | None
    kind: str  # issue | official | news | law | secondary | unchecked
    verified: bool
    note: str | None


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    name_en: str
    field: str
    components: tuple[ProcedureComponent, ...]
    fee_vnd: int | None  # None: set by the province
    fee_text: str
    working_days: float | None  # 0: the same day; 0.5: half a working day; None: not sourced
    processing_text: str
    competent_agency: str
    competent_agency_en: str
    legal_basis: tuple[str, ...]
    portal_url: str  # the national portal's page for the code
    source: ProcedureSource
    details_sources: tuple[str, ...]  # keys of ProcedureCatalog.sources: where components, fee, time come from
    working_days_max: float | None = None  # the limit when checking is needed

    @property
    def verified(self) -> bool:
        return self.source.verified

    @property
    def source_document(self) -> str:
        return self.source.document

    @property
    def source_date(self) -> str:
        return self.source.date

    @property
    def source_url(self) -> str:
        """Kept for older callers: the national portal's page for the code (see `source` for where
        the entry was checked)."""
        return self.portal_url


class ProcedureCatalog:
    def __init__(self, procedures: list[Procedure], version: str, date: str, sources: dict[str, dict] | None = None):
        self.version, self.date = version, date
        self.sources = sources or {}
        self.procedures = {p.code: p for p in procedures}

    def __getitem__(self, code: str) -> Procedure:
        return self.procedures[code]

    def __len__(self) -> int:
        return len(self.procedures)

    def search(self, text: str) -> list[Procedure]:
        key = fold(nfc(text))
        return [p for p in self.procedures.values() if key in fold(p.name) or key in p.code]

    def verified(self) -> list[Procedure]:
        return [p for p in self.procedures.values() if p.verified]


def _optional_number(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"not a number of working days: {value!r}")
    return value


def load_procedures(path: Path | str = PROCEDURES_FILE, minimum: int = MIN_PROCEDURES) -> ProcedureCatalog:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogError(path, f"cannot be read ({error.__class__.__name__}: {error})") from None
    for key in ("version", "date", "procedures"):
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
            s = p["source"]
            if not str(s.get("document") or "").strip() or not str(s.get("date") or "").strip():
                raise CatalogError(path, f"procedure {code} does not name its source (document and date)")
            if not isinstance(s.get("verified"), bool):
                raise CatalogError(path, f"procedure {code} does not say whether it was verified")
            agency = nfc(p["competent_agency"]["name"])
            if not agency:
                raise CatalogError(path, f"procedure {code} does not name its competent agency")
            source = ProcedureSource(
                document=nfc(s["document"]), issuer=nfc(s.get("issuer") or ""), date=s["date"],
                date_kind=s.get("date_kind", ""), url=s.get("url"), kind=s.get("kind", ""),
                verified=s["verified"], note=s.get("note"))
            time = p["processing_time"]
            procedures.append(Procedure(
                code=code, name=nfc(p["name"]), name_en=nfc(p.get("name_en", "")), field=nfc(p["field"]),
                components=components, fee_vnd=p["fee"]["vnd"], fee_text=nfc(p["fee"]["text"]),
                working_days=_optional_number(time["working_days"]), processing_text=nfc(time["text"]),
                working_days_max=_optional_number(time.get("working_days_max")),
                competent_agency=agency, competent_agency_en=nfc(p["competent_agency"].get("name_en", "")),
                legal_basis=tuple(nfc(b) for b in p["legal_basis"]), portal_url=p["portal_url"],
                source=source, details_sources=tuple(p.get("details_sources", ())),
            ))
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise CatalogError(path, f"a procedure lacks a field or has a wrong value ({error!r})") from None
    codes = [p.code for p in procedures]
    if len(set(codes)) != len(codes):
        raise CatalogError(path, "procedure codes are not unique")
    if len(procedures) < minimum:
        raise CatalogError(path, f"has {len(procedures)} procedures, expected at least {minimum}")
    return ProcedureCatalog(procedures, data["version"], data["date"], data.get("sources", {}))


@lru_cache(maxsize=1)
def procedures() -> ProcedureCatalog:
    return load_procedures()

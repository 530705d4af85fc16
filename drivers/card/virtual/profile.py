"""A virtual card holder, loaded from TOML (tomllib) or JSON. All shipped profiles are fictitious."""

from __future__ import annotations

import json
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import ParseError


@dataclass(frozen=True, repr=False)
class CardProfile:
    id_number: str
    full_name: str
    birth_date: date
    sex: str  # "Nam" or "Nữ"
    nationality: str
    ethnicity: str
    religion: str
    home_town: str
    permanent_address: str
    identifying_marks: str
    issue_date: date
    expiry: date | None  # None: the card does not expire
    father: str
    mother: str
    spouse: str | None = None
    old_id: str | None = None
    photo: Path | None = None
    parents_nested: bool = False  # how DG13 field 13 is laid out (card batches differ)
    unknown_16: str | None = None
    name: str = ""  # the profile's own name (file stem), not personal data

    @property
    def document_number(self) -> str:
        return self.id_number[-9:]

    def __repr__(self) -> str:
        return f"CardProfile({self.name or '<unnamed>'})"


def _date(value, key: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for fmt_parts in (value.split("-"), list(reversed(value.split("/")))):
            if len(fmt_parts) == 3 and all(p.isdigit() for p in fmt_parts):
                y, m, d = (int(p) for p in fmt_parts)
                return date(y, m, d)
    raise ParseError(f"profile field {key} is not a date")


def _text(value) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def profile_from_dict(raw: dict, name: str = "", base: Path | None = None) -> CardProfile:
    try:
        expiry_raw = raw.get("expiry")
        expiry = None if expiry_raw in (None, "", "none", "never") else _date(expiry_raw, "expiry")
        id_number = str(raw["id_number"])
        if len(id_number) != 12 or not id_number.isdigit():
            raise ParseError("profile id_number must be 12 digits")
        photo = raw.get("photo")
        photo_path = (base / photo if base and not Path(photo).is_absolute() else Path(photo)) if photo else None
        return CardProfile(
            id_number=id_number,
            full_name=_text(raw["full_name"]),
            birth_date=_date(raw["birth_date"], "birth_date"),
            sex=_text(raw["sex"]),
            nationality=_text(raw.get("nationality", "Việt Nam")),
            ethnicity=_text(raw.get("ethnicity", "Kinh")),
            religion=_text(raw.get("religion", "Không")),
            home_town=_text(raw["home_town"]),
            permanent_address=_text(raw["permanent_address"]),
            identifying_marks=_text(raw.get("identifying_marks", "")),
            issue_date=_date(raw["issue_date"], "issue_date"),
            expiry=expiry,
            father=_text(raw["father"]),
            mother=_text(raw["mother"]),
            spouse=_text(raw["spouse"]) if raw.get("spouse") else None,
            old_id=str(raw["old_id"]) if raw.get("old_id") else None,
            photo=photo_path,
            parents_nested=bool(raw.get("parents_nested", False)),
            unknown_16=str(raw["unknown_16"]) if raw.get("unknown_16") else None,
            name=name,
        )
    except KeyError as exc:
        raise ParseError(f"profile is missing field {exc.args[0]}") from None


def load_profile(path: str | Path) -> CardProfile:
    path = Path(path)
    if path.suffix == ".json":
        raw = json.loads(path.read_text(encoding="utf-8"))
    else:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    return profile_from_dict(raw, path.stem, path.parent)

"""The unit that decides a dossier, suggested from the permanent address on the chip.

Addresses on cards issued before 1 July 2025 name the old district and commune: they are converted to
today's units (vietnamadminunits, MIT, the same data the units catalog is generated from). Joined by
the official code, never by name. Within the centre's province only: a dossier is received at any
centre of the province and decided by the competent unit "regardless of administrative boundaries"."""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnitSuggestion:
    code: str | None  # a commune-level unit of the centre's province, or None
    reason: str  # the intake message code: unit.suggested, unit.not_found, unit.outside_province
    from_old_address: bool = False  # the address named pre-July-2025 units and was converted


def suggest_competent_unit(address: str, province_code: str, units) -> UnitSuggestion:
    if not address.strip():
        return UnitSuggestion(None, "unit.not_found")
    code, old = _today_code(address)
    if code is None or code not in units.communes:
        return UnitSuggestion(None, "unit.not_found")
    if units.commune(code).province_code != province_code:
        return UnitSuggestion(None, "unit.outside_province", old)
    return UnitSuggestion(code, "unit.suggested", old)


# District-level units were abolished on 1 July 2025: an address that names one was written before
DISTRICT_WORDS = ("huyen ", "quan ", "thi xa ", "thanh pho ")


def _names_a_district(address: str) -> bool:
    from kiosk.text import fold

    parts = [fold(part) for part in address.split(",")]
    return any(part.startswith(DISTRICT_WORDS) for part in parts[:-1])


def _today_code(address: str) -> tuple[str | None, bool]:
    from vietnamadminunits import convert_address, parse_address

    old = _names_a_district(address)
    try:  # free text from a card: the parser's own errors must not end the intake
        found = convert_address(address) if old else parse_address(address)
    except Exception as error:  # noqa: BLE001 - reported as "not found", never with the address
        log.info("address not matched to a unit (%s)", error.__class__.__name__)
        return None, old
    return found.ward_code or None, old


def warm_up() -> None:
    """Loads the address parser's data now (about 0.6 s the first time) rather than at a citizen's
    first procedure."""
    _today_code("Xã Ba Chẽ, Tỉnh Quảng Ninh")
    _today_code("Xã Thanh Lâm, Huyện Ba Chẽ, Tỉnh Quảng Ninh")

"""Scan settings matched to what a device offers, whatever its backend calls them.

Backends spell the same thing many ways: "Flatbed"/"FlatBed"/"Document Table", "ADF"/"Automatic
Document Feeder"/"ADF Front", "ADF Duplex"/"Duplex", "Color"/"Colour"/"24bit Color", "Gray"/
"Grayscale"/"8bit Gray", "Lineart"/"Binary"… A name is reduced to lower-case letters and digits and
compared with the known spellings; duplex may also be a separate option (epson2's `adf-mode`, a
`duplex` switch). Resolutions snap to the device's list or range.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any, Sequence

# SANE option types and units (sane.h), so this module needs no binding
TYPE_BOOL, TYPE_INT, TYPE_FIXED, TYPE_STRING, TYPE_BUTTON, TYPE_GROUP = range(6)
UNIT_NAMES = {0: "", 1: "px", 2: "bit", 3: "mm", 4: "dpi", 5: "%", 6: "µs"}
CAP_SOFT_SELECT, CAP_INACTIVE = 1, 32


class Source(enum.Enum):
    FLATBED = "flatbed"
    ADF = "adf"
    DUPLEX = "duplex"


class ColourMode(enum.Enum):
    COLOR = "color"
    GRAY = "gray"
    LINEART = "lineart"


class UnsupportedSetting(ValueError):
    """The device offers nothing matching what was asked (the message lists what it offers)."""


@dataclass(frozen=True)
class OptionInfo:
    """One SANE option as the worker reads it: plain values only (it crosses the process boundary)."""

    name: str
    title: str
    type: int
    unit: int
    constraint: Any  # None, [min, max, quant] for a range, or a list of allowed values
    active: bool
    settable: bool
    value: Any = None
    constraint_kind: str = "none"  # "none", "range" or "list": python-sane tells them apart by tuple/list

    @classmethod
    def from_sane(cls, raw: Sequence[Any], value: Any = None) -> "OptionInfo":
        index, name, title, _desc, type_, unit, _size, cap, constraint = raw
        kind = "range" if isinstance(constraint, tuple) else "list" if isinstance(constraint, list) else "none"
        return cls(name or "", title or "", type_, unit, list(constraint) if kind == "range" else constraint,
                   not cap & CAP_INACTIVE, bool(cap & CAP_SOFT_SELECT), value, kind)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "OptionInfo":
        return cls(**data)

    @property
    def is_range(self) -> bool:
        return self.constraint_kind == "range"

    @property
    def choices(self) -> list[Any]:
        return list(self.constraint) if self.constraint_kind == "list" else []

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "type": self.type, "unit": self.unit,
                "constraint": self.constraint, "active": self.active, "settable": self.settable,
                "value": self.value, "constraint_kind": self.constraint_kind}

    def describe(self) -> str:
        """One line for `kiosk scan options`: name, value, what it accepts."""
        unit = UNIT_NAMES.get(self.unit, "")
        if self.constraint_kind == "range":
            low, high, quant = self.constraint
            accepts = f"{low:g}..{high:g}{' step ' + format(quant, 'g') if quant else ''}"
        elif self.constraint_kind == "list":
            accepts = " | ".join(map(str, self.constraint))
        else:
            accepts = {TYPE_BOOL: "yes | no", TYPE_BUTTON: "(button)"}.get(self.type, "any")
        state = "" if self.active else " (inactive)"
        value = "" if self.value is None else f" = {self.value!r}"
        return f"{self.name}{value}{(' ' + unit) if unit and self.value is not None else ''}  [{accepts}]{state}"


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


_FLATBED = {"flatbed", "normal", "documenttable", "platen", "glass", "flatbedscanner"}
_ADF = {"adf", "adffront", "automaticdocumentfeeder", "adfsimplex", "documentfeeder", "feeder",
        "automaticdocumentfeederfront", "adffrontside", "adf1sided", "simplex", "adfsinglesided"}
_DUPLEX = {"adfduplex", "duplex", "automaticdocumentfeederduplex", "adfbothsides", "adf2sided",
           "duplexadf", "adfdoublesided", "automaticdocumentfeederbothsides"}
_COLOR = {"color", "colour", "24bitcolor", "24bitcolour", "rgb", "truecolor", "truecolour", "color24",
          "colour24", "24bit", "fullcolor", "fullcolour", "color8bit"}
_COLOR_DEEP = {"48bitcolor", "48bitcolour", "color48", "deepcolor"}
_GRAY = {"gray", "grey", "grayscale", "greyscale", "8bitgray", "8bitgrey", "gray8", "grey8", "256levelgray",
         "gray256", "monochromegray"}
_GRAY_DEEP = {"16bitgray", "16bitgrey", "gray16"}
_LINEART = {"lineart", "binary", "blackwhite", "blackandwhite", "bw", "1bit", "monochrome", "text", "halftone"}


def _pick(offered: Sequence[str], preferred: Sequence[set[str]]) -> str | None:
    keys = [(_key(name), name) for name in offered]
    for spellings in preferred:
        for key, name in keys:
            if key in spellings:
                return name
    return None


_FEEDER_PREFIXES = ("adf", "automaticdocumentfeeder", "documentfeeder")
_NOT_FRONT = ("duplex", "back", "both", "2sided", "doublesided", "rear")


def _prefixed(offered: Sequence[str], prefixes: Sequence[str], excluded: Sequence[str] = (),
              required: Sequence[str] = ()) -> str | None:
    """Fallback for decorated names such as brother4's "Automatic Document Feeder(left aligned)"."""
    for name in offered:
        key = _key(name)
        if key.startswith(tuple(prefixes)) and not any(w in key for w in excluded) \
                and all(w in key for w in required):
            return name
    return None


def match_source(wanted: Source, offered: Sequence[str]) -> str | None:
    """The device's name for `wanted` among `offered`, or None."""
    if wanted is Source.FLATBED:
        return _pick(offered, [_FLATBED]) or _prefixed(offered, ("flatbed",))
    if wanted is Source.ADF:
        return _pick(offered, [_ADF]) or _prefixed(offered, _FEEDER_PREFIXES, _NOT_FRONT)
    return _pick(offered, [_DUPLEX]) or _prefixed(offered, _FEEDER_PREFIXES + ("duplex",), required=("duplex",))


def match_mode(wanted: ColourMode, offered: Sequence[str]) -> str | None:
    """The device's name for `wanted` (8 bits per sample preferred over deeper modes), or None."""
    if wanted is ColourMode.COLOR:
        return _pick(offered, [_COLOR, _COLOR_DEEP])
    if wanted is ColourMode.GRAY:
        return _pick(offered, [_GRAY, _GRAY_DEEP])
    return _pick(offered, [_LINEART])


def snap_resolution(wanted: float, constraint: Any, *, is_range: bool | None = None) -> int:
    """The resolution the device can do nearest to `wanted` (a tie goes to the finer one).
    `constraint`: a list of resolutions, or [min, max, quant]; None: any value."""
    if constraint is None:
        return int(round(wanted))
    values = list(constraint)
    if is_range is None:
        is_range = len(values) == 3 and values[0] <= values[1] and 0 <= values[2] <= max(values[1] - values[0], 1)
    if is_range:
        low, high, quant = values
        value = min(max(wanted, low), high)
        if quant:
            value = low + round((value - low) / quant) * quant
            value = min(value, high)
        return int(round(value))
    if not values:
        raise UnsupportedSetting("the scanner lists no resolution")
    return int(round(min(values, key=lambda v: (abs(v - wanted), -v))))


@dataclass(frozen=True)
class Plan:
    """Option values to set, in order, and what the scan will really be."""

    settings: tuple[tuple[str, Any], ...]
    source: Source
    mode: ColourMode
    dpi: int
    duplex: bool


_DUPLEX_SWITCHES = ("duplex", "adf-duplex", "adf_duplex")
_DUPLEX_MODES = ("adf-mode", "adf_mode", "scan-mode-duplex")


def plan_scan(options: Sequence[OptionInfo], source: Source, mode: ColourMode, dpi: float,
              area_mm: tuple[float, float] | None = None) -> Plan:
    """The option values that make `options`' device scan as asked; UnsupportedSetting when it cannot."""
    by_name = {o.name: o for o in options if o.name}
    settings: list[tuple[str, Any]] = []
    duplex = False

    src = by_name.get("source")
    offered_sources = src.choices if src is not None and src.active else []
    if source is Source.DUPLEX:
        name = match_source(Source.DUPLEX, offered_sources)
        if name is not None:
            settings.append(("source", name))
        else:
            adf = match_source(Source.ADF, offered_sources)
            switch = next((by_name[n] for n in _DUPLEX_SWITCHES if n in by_name and by_name[n].type == TYPE_BOOL), None)
            adf_mode = next((by_name[n] for n in _DUPLEX_MODES if n in by_name), None)
            duplex_value = None
            if adf_mode is not None and adf_mode.choices:
                duplex_value = _pick(adf_mode.choices, [_DUPLEX])
            if adf is None or (switch is None and duplex_value is None):
                raise UnsupportedSetting("this scanner cannot scan both sides of a sheet; sources offered: "
                                         + (", ".join(map(str, offered_sources)) or "none"))
            settings.append(("source", adf))
            if switch is not None:
                settings.append((switch.name, True))
            else:
                settings.append((adf_mode.name, duplex_value))
        duplex = True
    elif offered_sources:
        name = match_source(source, offered_sources)
        if name is None:
            raise UnsupportedSetting(f"this scanner has no {'document feeder' if source is Source.ADF else 'flatbed'}; "
                                     "sources offered: " + ", ".join(map(str, offered_sources)))
        settings.append(("source", name))
    elif source is not Source.FLATBED:
        raise UnsupportedSetting("this scanner has no document feeder (it offers no source choice)")

    mode_option = by_name.get("mode")
    if mode_option is not None and mode_option.choices:
        name = match_mode(mode, mode_option.choices)
        if name is None:
            raise UnsupportedSetting(f"this scanner has no {mode.value} mode; modes offered: "
                                     + ", ".join(map(str, mode_option.choices)))
        settings.append(("mode", name))
    depth = by_name.get("depth")
    if depth is not None and depth.active and depth.settable and mode is not ColourMode.LINEART \
            and 8 in depth.choices:
        settings.append(("depth", 8))  # 16-bit samples double the transfer for nothing we keep

    res = by_name.get("resolution")
    real_dpi = int(round(dpi))
    if res is not None:
        real_dpi = snap_resolution(dpi, res.constraint if res.constraint_kind != "none" else None, is_range=res.is_range)
        settings.append(("resolution", float(real_dpi) if res.type == TYPE_FIXED else real_dpi))

    if area_mm is not None:
        settings.extend(_area(by_name, area_mm))
    return Plan(tuple(settings), source, mode, real_dpi, duplex)


def _area(by_name: dict[str, OptionInfo], area_mm: tuple[float, float]) -> list[tuple[str, Any]]:
    """Top-left corner at the origin, the page's width and height clipped to the device's maximum."""
    out: list[tuple[str, Any]] = []
    for corner, size in (("tl-x", None), ("tl-y", None), ("br-x", area_mm[0]), ("br-y", area_mm[1])):
        option = by_name.get(corner)
        if option is None or not option.settable:
            continue
        low, high = (option.constraint[0], option.constraint[1]) if option.is_range else (0, None)
        value = low if size is None else (size if high is None else min(size, high))
        out.append((corner, float(value) if option.type == TYPE_FIXED else int(round(value))))
    # br before tl would be refused by backends that check tl < br as each corner is set
    return sorted(out, key=lambda item: not item[0].startswith("tl"))

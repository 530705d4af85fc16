"""Masking personal data out of text bound for a log: ID numbers however they are grouped, MRZ lines
and their fragments in any case, dates of birth, a labelled CAN, the card's QR text, and every value
registered as personal data (a citizen's name, address, ID…) in any case, with or without diacritics,
with any separators.

What stays readable on purpose: log timestamps, dossier UUIDs and hex digests, IP addresses, HTTP
statuses, durations, counts and sequence numbers (a number is masked for its shape only when it has
the shape of an ID, an MRZ or a date of birth). An unlabelled 6-digit number is not masked by shape
(it could be anything): the CAN is masked as a registered value, or when labelled "CAN".
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from datetime import date
from typing import Callable, Iterable

from kiosk.text import fold

MASK = "[redacted]"

# --- spans kept as they are ------------------------------------------------------------------------
# They are set aside before masking and put back after, so no rule below can eat into them.
_KEEP = re.compile(
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"  # a UUID
    r"|\b(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*[0-9])(?![0-9a-fA-F]*\d{7}[fF]\d{6})[0-9a-fA-F]{16,}\b"  # a hex
    # digest or key id (not an MRZ's "birth date, check, F, expiry" run, which is hex too)
    r"|(?<!\d)(?P<year>\d{4})-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?"  # a timestamp
    r"|(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])"  # IPv4
)
_SET_ASIDE = 0xF0000  # placeholders: one private-use character each (neither a letter nor a digit)

# --- shapes of personal data -------------------------------------------------------------------------
# MRZ: a run of A-Z/0-9/< holding filler ("X<", "<<"), or "VNM" against a digit or filler, or the
# second line's birth date, check, sex, expiry; any case, any length (a fragment is masked too).
_MRZ = re.compile(
    r"(?<![A-Za-z0-9<])[A-Za-z0-9<]*(?:[A-Za-z0-9]<|<<|\d[Vv][Nn][Mm]|[Vv][Nn][Mm][\d<]"
    r"|\d{6}[\d<]?[MFXmfx<]\d{6}|\d{7}[MFmf](?![A-Za-z]))[A-Za-z0-9<]*"
)
# The QR on the card's face: ID | old ID | name | birth date | sex | address | issue date…
_CARD_QR = re.compile(r"(?<!\d)\d{12}\|(?:\d{9})?\|[^|\n]*\|\d{8}\|[^\n]*")
_LABELLED_CAN = re.compile(r"(?i)(\bcan\b[\s:=#'\"(]{0,3})\d{6}(?!\d)")
# dates of birth: day first (the card's way: 15/03/1990, 15-03-1990, 15.03.1990, 15031990) and year
# first (1990-03-15, 19900315) when more than a year old, as no log's own date is
_DAY_FIRST = re.compile(r"(?<![\d.\-/])(?:0?[1-9]|[12]\d|3[01])([/.\-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d(?![\d.\-/]\d)")
_DAY_FIRST_PLAIN = re.compile(r"(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])((?:19|20)\d\d)(?!\d)")
_YEAR_FIRST = re.compile(r"(?<![\d.\-/])((?:19|20)\d\d)([/.\-]?)(?:0[1-9]|1[0-2])\2(?:0[1-9]|[12]\d|3[01])(?![\d.\-/]\d|\d)")
# a chain of digit groups joined by single separators: ID numbers are looked for inside it
_DIGIT_CHAIN = re.compile(r"\d+(?:[ .\-/_]\d+)*")
_ID_LENGTHS = (9, 12)  # an old ID or a document number; an ID number


def _icao_check(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, (7, 3, 1) * 4)) % 10


def _id_spans(chain: str) -> list[tuple[int, int]]:
    """The parts of a digit chain that have an ID's shape: one group of 9 or 12 digits, a document
    number with its check digit, an MRZ run (20-24 digits), or 3-9-digit groups joined by one same
    separator adding up to 9 or 12 digits ("0221 8700 4321", "022.187.004.321")."""
    groups = [(m.start(), m.end()) for m in re.finditer(r"\d+", chain)]
    spans, i = [], 0
    while i < len(groups):
        best = None
        for j in range(i + 1, len(groups)):
            sep = chain[groups[i][1]]
            if chain[groups[j - 1][1]] != sep or not all(3 <= b - a <= 9 for a, b in groups[i:j + 1]):
                break
            if sum(b - a for a, b in groups[i:j + 1]) in _ID_LENGTHS:
                best = j
        if best is not None:
            spans.append((groups[i][0], groups[best][1]))
            i = best + 1
            continue
        a, b = groups[i]
        run = chain[a:b]
        if len(run) in _ID_LENGTHS or 20 <= len(run) <= 24 or (len(run) == 10 and _icao_check(run[:9]) == int(run[9])):
            spans.append((a, b))
        i += 1
    return spans


def _mask_ids(match: re.Match) -> str:
    chain = match.group(0)
    for a, b in reversed(_id_spans(chain)):
        chain = chain[:a] + MASK + chain[b:]
    return chain


def _old_enough(year: int) -> bool:
    return year < date.today().year - 1


def _shape_rules() -> list[tuple[re.Pattern, str | Callable[[re.Match], str]]]:
    return [
        (_CARD_QR, MASK),
        (_MRZ, MASK),
        (_LABELLED_CAN, lambda m: m.group(1) + MASK),
        (_DAY_FIRST, MASK),
        (_DAY_FIRST_PLAIN, lambda m: MASK if int(m.group(1)) <= date.today().year else m.group(0)),
        (_YEAR_FIRST, lambda m: MASK if _old_enough(int(m.group(1))) else m.group(0)),
        (_DIGIT_CHAIN, _mask_ids),
    ]


_SHAPES = _shape_rules()

# --- registered values -------------------------------------------------------------------------------


def _variants() -> dict[str, str]:
    """For each base letter, every Latin letter that folds to it ("a": "aàáảãạăằắ…", "d": "dđ")."""
    table: dict[str, set[str]] = {}
    for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        base = fold(ch)
        if len(base) == 1 and base.isascii() and base.isalpha():
            table.setdefault(base, set()).update({ch.lower(), ch.upper()})
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


_VARIANTS = _variants()
_MARKS = "[\u0300-\u036f]*"  # a combining mark left over where text was not NFC
_BETWEEN_WORDS = r"[\W_]{0,3}"  # spaces, commas, '<' filler, or nothing (MRZ names run together)
_BETWEEN_DIGITS = r"[\s.\-/_<]?"  # "0221 8700 4321", "022.187.004.321"


def _words(value: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(value))


def _value_pattern(words: list[str]) -> str:
    """One registered value as a pattern: any case, any diacritics, any separators between its words;
    letters whole (not the middle of another word), digits anywhere."""
    parts = []
    for word in words:
        if word.isdigit():
            parts.append(_BETWEEN_DIGITS.join(word))
        else:
            parts.append("".join(f"[{re.escape(_VARIANTS[ch])}]{_MARKS}" if ch in _VARIANTS else re.escape(ch)
                                 for ch in word))
    body = _BETWEEN_WORDS.join(parts)
    before = r"(?<![^\W\d_])" if words[0][0].isalpha() else ""
    after = r"(?![^\W\d_])" if words[-1][-1].isalpha() else ""
    return before + body + after


class Redactor:
    """Masks the shapes of personal data, and every value registered as personal data.

    `add` and `remove` count: a value two open intakes registered stays masked until both removed it.
    `snapshot()` gives the registered values as they are now; a log record carries one from the moment
    it is made (see kiosk.logs), so a value removed while the record is on its way is still masked.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: Counter[str] = Counter()  # folded words joined by a space → how many registered it
        self._pattern: re.Pattern[str] | None = None

    @staticmethod
    def _keys(values: Iterable[str]) -> list[str]:
        keys = []
        for value in values:
            words = _words(value or "")
            if sum(map(len, words)) >= 3:
                keys.append(" ".join(words))
        return keys

    def add(self, values: Iterable[str]) -> None:
        with self._lock:
            self._values.update(self._keys(values))
            self._compile()

    def remove(self, values: Iterable[str]) -> None:
        """Forget values one session registered; another open session's same values stay masked."""
        with self._lock:
            self._values.subtract(self._keys(values))
            self._values = +self._values
            self._compile()

    def clear(self) -> None:
        """Forget every registered value."""
        with self._lock:
            self._values.clear()
            self._pattern = None

    def snapshot(self) -> re.Pattern[str] | None:
        """The registered values now (an immutable pattern, None for none)."""
        return self._pattern

    def _compile(self) -> None:
        longest_first = sorted(self._values, key=len, reverse=True)
        self._pattern = (re.compile("|".join(_value_pattern(key.split()) for key in longest_first), re.IGNORECASE)
                         if longest_first else None)

    def __call__(self, text: str, also: re.Pattern[str] | None = None) -> str:
        """`text` masked; `also`: a snapshot taken earlier, whose values are masked too."""
        kept: list[str] = []

        def set_aside(match: re.Match) -> str:
            year = match.group("year")
            if year is not None and _old_enough(int(year)):
                return match.group(0)  # a "timestamp" of long ago is a date of birth with a time
            kept.append(match.group(0))
            return chr(_SET_ASIDE + len(kept) - 1)

        text = _KEEP.sub(set_aside, unicodedata.normalize("NFC", text))
        for pattern in {self._pattern, also} - {None}:
            text = pattern.sub(MASK, text)
        for pattern, replacement in _SHAPES:
            text = pattern.sub(replacement, text)
        if kept:
            text = re.sub(f"[{chr(_SET_ASIDE)}-{chr(_SET_ASIDE + len(kept) - 1)}]",
                          lambda m: kept[ord(m.group(0)) - _SET_ASIDE], text)
        return text


redactor = Redactor()

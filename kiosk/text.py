"""Vietnamese text: NFC at every input, and a folded form for diacritic-insensitive search."""

import unicodedata

# Đ/đ is a letter of its own, not D plus a combining mark: NFD leaves it whole.
_STROKE_D = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    """The one normal form we store and compare: NFC, surrounding spaces removed."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Search key: no diacritics, đ→d, case-folded, inner whitespace collapsed.

    "Nguyễn Văn Đức" and "NGUYEN van duc" fold to the same key.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKE_D))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())

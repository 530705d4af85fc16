"""The citizen's satisfaction rating of a visit: a score from 1 to 5 and, at 3 or below, the reasons
(codes from a fixed list). What is valid lives here, for the store and the intake alike; what the person
reads (each reason in Vietnamese and English) lives in `kiosk/intake/rating.py`.

A rating holds no personal data and no link to its dossier (see `kiosk/store/ratings.py`).

Reason codes are never removed or reused once shipped (stored ratings keep counting under them in
summaries); a new reason is appended to the list.
"""

from __future__ import annotations

from typing import Iterable

from kiosk.text import nfc

from .models import DomainError

SCORES = range(1, 6)
REASONS_UP_TO = 3  # reasons are asked at this score or below
REASON_CODES: tuple[str, ...] = (
    "waiting_time",
    "hard_to_use",
    "unclear_instructions",
    "document_scanning",
    "identity_check",
    "staff_attitude",
    "other",
)
CHANNELS = ("kiosk", "counter")  # the citizen alone at a kiosk, or received by an officer


def reasons_asked(score: int) -> bool:
    """Whether the citizen is asked why, for this score (1, 2 or 3)."""
    return score in SCORES and score <= REASONS_UP_TO


def validate_rating(score: int, reasons: Iterable[str] = ()) -> tuple[str, ...]:
    """The reasons as stored: each code once, in the list's order (not the order they were touched).
    Raises DomainError for a score that is not a whole number from 1 to 5, an unknown code, or reasons
    given with a score above 3. Messages never repeat the values given."""
    if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
        raise DomainError("a rating's score is a whole number from 1 to 5")
    if isinstance(reasons, (str, bytes)):
        raise DomainError("a rating's reasons are a list of reason codes, not one string")
    given = {nfc(code) if isinstance(code, str) else code for code in reasons}
    unknown = given - set(REASON_CODES)
    if unknown:
        raise DomainError(f"{len(unknown)} unknown rating reason code(s); the codes are {', '.join(REASON_CODES)}")
    if given and not reasons_asked(score):
        raise DomainError(f"reasons are given only with a score of {REASONS_UP_TO} or below")
    return tuple(code for code in REASON_CODES if code in given)


def validate_channel(channel: str) -> str:
    channel = nfc(channel) if isinstance(channel, str) else channel
    if channel not in CHANNELS:
        raise DomainError(f"a rating's channel is one of {', '.join(CHANNELS)}")
    return channel

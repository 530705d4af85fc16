"""The life of a dossier as an explicit state machine.

    draft → ready → queued → uploading → accepted (official code) / rejected (reason)
    ready → draft, queued → draft      (edited before upload)
    uploading → queued                 (a failed upload attempt; the relay tries again later)

Anything else raises `IllegalTransition`.
"""

from __future__ import annotations

from enum import Enum

from kiosk.errors import KioskError


class DossierState(str, Enum):
    DRAFT = "draft"
    READY = "ready"
    QUEUED = "queued"
    UPLOADING = "uploading"
    ACCEPTED = "accepted"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return self.value


S = DossierState

TRANSITIONS: dict[DossierState, frozenset[DossierState]] = {
    S.DRAFT: frozenset({S.READY}),
    S.READY: frozenset({S.DRAFT, S.QUEUED}),
    S.QUEUED: frozenset({S.DRAFT, S.UPLOADING}),
    S.UPLOADING: frozenset({S.QUEUED, S.ACCEPTED, S.REJECTED}),
    S.ACCEPTED: frozenset(),
    S.REJECTED: frozenset(),
}

# States in which the dossier may still be edited (components added, replaced, removed).
EDITABLE = frozenset({S.DRAFT})
FINAL = frozenset({S.ACCEPTED, S.REJECTED})


class IllegalTransition(KioskError):
    def __init__(self, current: DossierState, target: DossierState):
        self.current = DossierState(current)
        self.target = DossierState(target)
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[self.current])) or "none: it is final"
        super().__init__(
            f"a dossier in state '{self.current.value}' cannot become '{self.target.value}' "
            f"(allowed next states: {allowed})"
        )


def can_transition(current: DossierState, target: DossierState) -> bool:
    return DossierState(target) in TRANSITIONS[DossierState(current)]


def check_transition(current: DossierState, target: DossierState) -> None:
    if not can_transition(current, target):
        raise IllegalTransition(current, target)

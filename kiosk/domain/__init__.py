"""The domain model of the digitisation point: plain dataclasses, no storage, no Qt."""

from .models import (
    DOSSIER_CODE,
    Check,
    CitizenSnapshot,
    Component,
    Consent,
    Document,
    DomainError,
    Dossier,
    IncompleteDossier,
    Presence,
    WalletItem,
    new_id,
    utcnow,
    validate_dossier_code,
)
from .states import TRANSITIONS, DossierState, IllegalTransition, can_transition, check_transition

__all__ = [
    "DOSSIER_CODE", "Check", "CitizenSnapshot", "Component", "Consent", "Document", "DomainError", "Dossier",
    "IncompleteDossier", "Presence", "WalletItem", "new_id", "utcnow", "validate_dossier_code", "TRANSITIONS",
    "DossierState", "IllegalTransition", "can_transition", "check_transition",
]

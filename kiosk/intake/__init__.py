"""The intake workflow: one citizen, one dossier, driven by every front end (no Qt here)."""

from .card import CardProblem, citizen_from_identity, keys_from_qr, read_card
from .intake import CardNotGenuine, ConsentText, EndReason, Event, Intake, IntakeError, IntakeSetup, Slot, Step
from .messages import MESSAGES, Message
from .pages import CONFIRM_FLAGS, NotACompliantCopy, Page, PageNotFound, PageSet, PageSetError, turned_thumbnail
from .receipt import Receipt, add_working_days
from .scanning import (BatchRequest, BatchScan, ScanEnded, ScanEvent, ScanOutcome, ScanPageDropped, ScanPageProgress,
                       ScanPageReady, ScanPageStarted, ScanSettingsError, processed_or_redone)
from .units import UnitSuggestion, suggest_competent_unit

__all__ = [
    "CardNotGenuine", "CardProblem", "ConsentText", "EndReason", "Event", "Intake", "IntakeError", "IntakeSetup",
    "MESSAGES", "Message", "Receipt", "Slot", "Step", "UnitSuggestion", "add_working_days", "citizen_from_identity",
    "keys_from_qr", "read_card", "suggest_competent_unit",
    "CONFIRM_FLAGS", "NotACompliantCopy", "Page", "PageNotFound", "PageSet", "PageSetError", "turned_thumbnail",
    "BatchRequest", "BatchScan", "ScanEnded", "ScanEvent", "ScanOutcome", "ScanPageDropped", "ScanPageProgress",
    "ScanPageReady", "ScanPageStarted", "ScanSettingsError", "processed_or_redone",
]

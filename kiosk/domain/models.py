"""The dossier and what it is made of, as plain dataclasses (no storage, no Qt).

Every text that comes from outside (card, keyboard, catalog) is normalised to NFC on the way in.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from enum import Enum
from typing import Any, Mapping

from kiosk.errors import KioskError
from kiosk.text import fold, nfc

from .states import EDITABLE, DossierState, check_transition


class DomainError(KioskError):
    """A value that breaks a rule of the domain (wrong code format, missing component...)."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    return str(uuid.uuid4())


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise DomainError("timestamps must carry a time zone")
    return moment.astimezone(timezone.utc)


# --- citizen -------------------------------------------------------------------------------------


class Check(str, Enum):
    """Result of one verification of the card or of the person."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_DONE = "not_done"  # the step was skipped (no fingerprint reader, citizen declined...)
    UNAVAILABLE = "unavailable"  # the card or the trust store does not allow it

    def __str__(self) -> str:
        return self.value


# The verification steps a snapshot may record (others are accepted: cards differ).
VERIFICATIONS = ("passive_auth", "chip_auth", "active_auth", "face", "fingerprint")

ID_NUMBER = re.compile(r"\d{12}")


PRESENCE_METHODS = ("face", "fingerprint", "officer")


@dataclass(frozen=True)
class Presence:
    """One check that the person at the station is the card holder: how, the outcome, the score and the
    threshold it was held against (for a biometric comparison: a match is score ≥ threshold) and when.
    Never the sample, the embedding or the template."""

    method: str  # face | fingerprint | officer (the officer looked at the person and the portrait)
    decision: Check
    at: datetime
    score: float | None = None
    by: str = ""  # the officer or station that recorded it
    threshold: float | None = None

    def __post_init__(self) -> None:
        if self.method not in PRESENCE_METHODS:
            raise DomainError(f"unknown presence method '{self.method}' ({', '.join(PRESENCE_METHODS)})")
        object.__setattr__(self, "decision", Check(self.decision))
        object.__setattr__(self, "at", _aware(self.at))

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "decision": self.decision.value, "at": self.at.isoformat(),
                "score": self.score, "threshold": self.threshold, "by": self.by}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Presence":
        return cls(data["method"], Check(data["decision"]), datetime.fromisoformat(data["at"]), data.get("score"),
                   data.get("by", ""), data.get("threshold"))


@dataclass(frozen=True)
class Consent:
    """The consent text the citizen accepted (by its SHA-256), in which language, and when."""

    text_sha256: str
    language: str
    at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", _aware(self.at))

    def to_dict(self) -> dict[str, Any]:
        return {"text_sha256": self.text_sha256, "language": self.language, "at": self.at.isoformat()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Consent":
        return cls(data["text_sha256"], data["language"], datetime.fromisoformat(data["at"]))


@dataclass(frozen=True)
class CitizenSnapshot:
    """The citizen at the time of the visit: what the chip (or the card's QR) said, how the card and the
    person were verified, and what the citizen consented to."""

    id_number: str
    full_name: str
    birth_date: str = ""  # as on the card, dd/mm/yyyy (may be partial: "00/00/1950")
    sex: str = ""
    nationality: str = ""
    ethnicity: str = ""
    religion: str = ""
    home_town: str = ""
    address: str = ""  # permanent address
    issue_date: str = ""
    expiry: str = ""  # text: may not be a date ("Không thời hạn")
    old_id_number: str = ""
    father_name: str = ""
    mother_name: str = ""
    spouse_name: str = ""
    verification: Mapping[str, Check] = field(default_factory=dict)
    presence: tuple[Presence, ...] = ()
    consent: Consent | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "presence", tuple(self.presence))
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, nfc(value))
        if not ID_NUMBER.fullmatch(self.id_number):
            raise DomainError("the ID number must be 12 digits")
        if not self.full_name:
            raise DomainError("the citizen's full name is empty")
        checks = {nfc(str(k)): Check(v) for k, v in dict(self.verification).items()}
        object.__setattr__(self, "verification", checks)

    @property
    def search_name(self) -> str:
        return fold(self.full_name)

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["verification"] = {k: v.value for k, v in self.verification.items()}
        data["presence"] = [check.to_dict() for check in self.presence]
        data["consent"] = self.consent.to_dict() if self.consent else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CitizenSnapshot":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["presence"] = tuple(Presence.from_dict(p) for p in known.get("presence") or ())
        known["consent"] = Consent.from_dict(known["consent"]) if known.get("consent") else None
        return cls(**known)


# --- documents and components --------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A PDF made from scanned pages. `content` is None when only the metadata was loaded."""

    sha256: str  # of the plaintext PDF, hex
    size: int
    page_count: int
    thumbnails: tuple[bytes, ...] = ()  # one small image per page (JPEG/PNG bytes)
    content: bytes | None = field(default=None, repr=False, compare=False)
    id: str = field(default_factory=new_id)
    media_type: str = "application/pdf"

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[0-9a-f]{64}", self.sha256):
            raise DomainError("a document's SHA-256 must be 64 lowercase hex digits")
        if self.page_count < 1:
            raise DomainError("a document has at least one page")
        object.__setattr__(self, "thumbnails", tuple(self.thumbnails))
        if self.content is not None:
            if len(self.content) != self.size or hashlib.sha256(self.content).hexdigest() != self.sha256:
                raise DomainError("the document's content does not match its size and SHA-256")

    @classmethod
    def from_pdf(cls, content: bytes, page_count: int, thumbnails: tuple[bytes, ...] | list[bytes] = ()) -> "Document":
        if not content.startswith(b"%PDF-"):
            raise DomainError("a document must be a PDF (it does not start with %PDF-)")
        return cls(
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            page_count=page_count,
            thumbnails=tuple(thumbnails),
            content=content,
        )

    def without_content(self) -> "Document":
        return replace(self, content=None)


@dataclass(frozen=True)
class Component:
    """One entry of the procedure's list of components (thành phần hồ sơ).

    Provided by a new scan (`document`), by a reference to an item already in the citizen's e-wallet
    (`wallet_item_id`), or, where the procedure does not require a copy, by the original shown at the
    counter (`shown_in_original`: nothing kept); or not yet provided.
    """

    name: str
    required: bool = True
    document: Document | None = None
    wallet_item_id: str | None = None
    id: str = field(default_factory=new_id)
    shown_in_original: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", nfc(self.name))
        if not self.name:
            raise DomainError("a component needs a name")
        if sum((self.document is not None, self.wallet_item_id is not None, self.shown_in_original)) > 1:
            raise DomainError("a component is a new scan, an e-wallet item or an original shown: one of them")
        if self.wallet_item_id is not None:
            object.__setattr__(self, "wallet_item_id", nfc(self.wallet_item_id))

    @property
    def provided(self) -> bool:
        return self.document is not None or bool(self.wallet_item_id) or self.shown_in_original


@dataclass(frozen=True)
class WalletItem:
    """A document kept in the citizen's e-wallet draft on the station, reusable in later dossiers."""

    owner_id_number: str
    title: str
    document: Document
    created_at: datetime = field(default_factory=utcnow)
    source_dossier_id: str | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "owner_id_number", nfc(self.owner_id_number))
        object.__setattr__(self, "title", nfc(self.title))
        object.__setattr__(self, "created_at", _aware(self.created_at))
        if not ID_NUMBER.fullmatch(self.owner_id_number):
            raise DomainError("the owner's ID number must be 12 digits")


# --- dossier -------------------------------------------------------------------------------------

# Circular 01/2018/TT-VPCP: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX, e.g. 000.00.13.H22-250701-0001:
# the receiving agency's identifier (levels 4, 3, 2 and 1 of the electronic identifier of agencies,
# M = G for a ministry, H for a province), the date of receipt, and the sequence number of the day.
DOSSIER_CODE = re.compile(
    r"(?P<agency>[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2})-(?P<day>\d{6})-(?P<seq>\d{4})"
)
PROCEDURE_CODE = re.compile(r"\d\.\d{6}")
UNIT_CODE = re.compile(r"\d{2}|\d{5}")  # a province (2 digits) or a commune-level unit (5 digits)
RECEIVER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


def validate_dossier_code(code: str) -> str:
    """The normalised code, or DomainError when it does not follow Circular 01/2018/TT-VPCP."""
    code = nfc(code).upper()
    match = DOSSIER_CODE.fullmatch(code)
    if not match:
        raise DomainError(
            f"'{code}' is not a dossier code of the form V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX "
            "(e.g. 000.00.13.H22-250701-0001)"
        )
    day = match["day"]
    try:
        date(2000 + int(day[:2]), int(day[2:4]), int(day[4:]))
    except ValueError:
        raise DomainError(f"'{code}': {day} is not a date YYMMDD") from None
    return code


class IncompleteDossier(DomainError):
    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__("required components not provided: " + ", ".join(missing))


@dataclass
class Dossier:
    """A citizen's application for one procedure (hồ sơ), from the first scan to the official code."""

    procedure_code: str
    receiving_unit: str  # the commune-level unit whose center received it
    competent_unit: str  # the unit that decides (may differ: received "regardless of boundaries")
    citizen: CitizenSnapshot
    received_by: str  # officer id (counter) or station id (kiosk)
    components: list[Component] = field(default_factory=list)
    state: DossierState = DossierState.DRAFT
    official_code: str | None = None
    rejection_reason: str | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime | None = None
    id: str = field(default_factory=new_id)
    first_contact_at: datetime | None = None  # when the citizen's wait began (queue ticket or card read)
    queue_ticket: str | None = None  # the number the citizen waited with, if any (no personal data)

    def __post_init__(self) -> None:
        self.id = str(uuid.UUID(self.id))
        self.procedure_code = nfc(self.procedure_code)
        self.receiving_unit = nfc(self.receiving_unit)
        self.competent_unit = nfc(self.competent_unit)
        self.received_by = nfc(self.received_by)
        self.state = DossierState(self.state)
        if not PROCEDURE_CODE.fullmatch(self.procedure_code):
            raise DomainError(f"'{self.procedure_code}' is not a procedure code like 1.001193")
        for name in ("receiving_unit", "competent_unit"):
            if not UNIT_CODE.fullmatch(getattr(self, name)):
                raise DomainError(f"{name} must be an official unit code (2 or 5 digits)")
        if not RECEIVER.fullmatch(self.received_by):
            raise DomainError("received_by must be an officer or station identifier")
        self.created_at = _aware(self.created_at)
        self.updated_at = _aware(self.updated_at) if self.updated_at else self.created_at
        if self.official_code is not None:
            self.official_code = validate_dossier_code(self.official_code)
        if self.rejection_reason is not None:
            self.rejection_reason = nfc(self.rejection_reason)
        if self.first_contact_at is not None:
            self.first_contact_at = _aware(self.first_contact_at)
        if self.queue_ticket is not None:
            self.queue_ticket = nfc(self.queue_ticket) or None

    # -- state machine --

    def transition(self, target: DossierState, now: datetime | None = None) -> None:
        target = DossierState(target)
        check_transition(self.state, target)
        self.state = target
        self.updated_at = _aware(now or utcnow())

    def missing_components(self) -> list[str]:
        return [c.name for c in self.components if c.required and not c.provided]

    def mark_ready(self, now: datetime | None = None) -> None:
        """draft → ready, once every required component is provided."""
        check_transition(self.state, DossierState.READY)
        if missing := self.missing_components():
            raise IncompleteDossier(missing)
        self.transition(DossierState.READY, now)

    def reopen(self, now: datetime | None = None) -> None:
        """ready/queued → draft: the dossier is edited again before upload."""
        if self.state is not DossierState.DRAFT:
            self.transition(DossierState.DRAFT, now)

    def accept(self, official_code: str, now: datetime | None = None) -> None:
        code = validate_dossier_code(official_code)
        check_transition(self.state, DossierState.ACCEPTED)
        self.official_code = code
        self.transition(DossierState.ACCEPTED, now)

    def reject(self, reason: str, now: datetime | None = None) -> None:
        check_transition(self.state, DossierState.REJECTED)
        self.rejection_reason = nfc(reason) or "no reason given"
        self.transition(DossierState.REJECTED, now)

    # -- editing --

    def _editable(self) -> None:
        if self.state not in EDITABLE:
            raise DomainError(
                f"a dossier in state '{self.state.value}' cannot be edited; reopen it first (back to draft)"
            )

    def set_component(self, component: Component, now: datetime | None = None) -> None:
        """Add the component, or replace the one with the same name."""
        self._editable()
        for index, existing in enumerate(self.components):
            if existing.name == component.name:
                self.components[index] = component
                break
        else:
            self.components.append(component)
        self.updated_at = _aware(now or utcnow())

    def remove_component(self, name: str, now: datetime | None = None) -> None:
        self._editable()
        name = nfc(name)
        self.components = [c for c in self.components if c.name != name]
        self.updated_at = _aware(now or utcnow())

    @property
    def documents(self) -> list[Document]:
        return [c.document for c in self.components if c.document is not None]

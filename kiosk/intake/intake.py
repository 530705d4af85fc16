"""One citizen, one dossier: the intake workflow every front end drives (the kiosk window, the counter
window, `kiosk intake run`, a test).

    card → citizen → presence → procedure and units → components → consent → submit → end

The intake keeps its decisions here; a front end sends the person's choices and shows the events.
Device work (the card, the scanner) runs on the intake's own worker thread and returns a Future; events
are delivered by calling `on_event` from whichever thread produced them, so a Qt front end forwards them
to its GUI thread with a queued signal. Every personal value read is registered with the log redactor
while the intake lasts, and every way out wipes what the intake holds.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Callable, Sequence

from drivers.biometrics.fingerprint import FingerprintError, FingerprintOutcome, verify_fingerprint
from drivers.signing.errors import SigningError
from kiosk.domain import Check, CitizenSnapshot, Component, Consent, Dossier, Document, Presence, WalletItem, utcnow
from kiosk.errors import EXIT_NOT_GENUINE, KioskError
from kiosk.logs import Redactor
from kiosk.logs import redactor as default_redactor
from kiosk.text import fold, nfc

from .card import CardProblem, citizen_from_identity, read_card
from .messages import Message, message
from .pages import PageSet
from .presence import FaceOutcome
from .receipt import VIETNAM, Receipt, ReceiptComponent, add_working_days
from .slips import Refusal, SlipIdentity, SupplementRequest
from .units import UnitSuggestion, suggest_competent_unit

log = logging.getLogger(__name__)


class Step(str, Enum):
    CITIZEN = "citizen"
    PRESENCE = "presence"
    PROCEDURE = "procedure"
    COMPONENTS = "components"
    CONSENT = "consent"
    SUBMIT = "submit"
    ENDED = "ended"


class EndReason(str, Enum):
    FINISHED = "finished"
    CANCELLED = "cancelled"
    CARD_REMOVED = "card_removed"
    IDLE = "idle_timeout"
    NOT_GENUINE = "not_genuine"
    REFUSED = "refused"  # the officer refused the dossier (Intake.refuse): the refusal slip was given


@dataclass(frozen=True)
class Event:
    """Something the person should see: what happened, in both languages, and what to do next. `data`
    holds no personal data (counts, codes, page numbers)."""

    code: str
    step: Step
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> Message:
        return message(self.code)


class IntakeError(KioskError):
    """A choice the intake cannot take at this point; `code` names the message for the person."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        text = message(code).en.rstrip(".")
        super().__init__(f"{text}: {detail}" if detail else text)


class CardNotGenuine(IntakeError):
    exit_code = EXIT_NOT_GENUINE


@dataclass(frozen=True)
class ConsentText:
    vi: str
    en: str

    def text(self, language: str) -> str:
        return self.vi if language == "vi" else self.en

    def sha256(self, language: str) -> str:
        return hashlib.sha256(self.text(language).encode("utf-8")).hexdigest()

    @classmethod
    def load(cls, path=None) -> "ConsentText":
        """The consent texts from a TOML file with `vi` and `en` (the shipped default when None)."""
        import tomllib

        from kiosk.resources import CONSENT
        from kiosk.text import nfc

        data = tomllib.loads((path or CONSENT).read_text(encoding="utf-8"))
        return cls(nfc(" ".join(data["vi"].split())), nfc(" ".join(data["en"].split())))


@dataclass
class Slot:
    """One line of the procedure's checklist, and what satisfies it."""

    name: str
    required: bool
    pages: PageSet = field(default_factory=PageSet)
    wallet_item: WalletItem | None = None
    shown_in_original: bool = False

    @property
    def provided(self) -> bool:
        return len(self.pages) > 0 or self.wallet_item is not None or self.shown_in_original

    @property
    def how(self) -> str:
        if len(self.pages):
            return "scanned"
        if self.wallet_item is not None:
            return "e-wallet"
        return "shown in original" if self.shown_in_original else "not provided"


@dataclass
class IntakeSetup:
    """What an intake needs from the station; the front end builds it once."""

    store: Any  # kiosk.store.Store
    procedures: Any  # kiosk.catalogs ProcedureCatalog
    units: Any  # kiosk.catalogs UnitCatalog
    center_unit: str  # the receiving unit: the station's centre
    received_by: str  # the officer signed in, or the station (kiosk)
    consent: ConsentText
    trust: Any = None  # drivers.card.trust.TrustStore; None: passive authentication not done
    reader: str | None = None  # None: the first reader with a card
    card_wait: float = 30.0  # seconds a lifted card is waited for
    scanner: Any = None  # a drivers.scanner.worker.ScannerWorker, owned by the front end
    pipeline: Any = None  # a drivers.scanner.pipeline.PagePipeline, owned by the front end
    require_presence: bool = True
    camera: str | int | None = None  # the camera the face check opens (config `camera`); "" or None: the first
    face: Any = None  # a drivers.biometrics.face.FaceVerifier; None: this station does not check faces
    face_challenge: bool = True  # the head turn before the comparison
    fingerprint: Any = None  # a drivers.biometrics.fingerprint.FingerprintReader; None: no reader
    fingerprint_threshold: float = 0.5
    holidays: frozenset = frozenset()  # public holidays for the expected result date (weekends always skipped)
    channel: str = "kiosk"  # where a rating is given: "kiosk" (the citizen alone) or "counter" (an officer)
    wait_alert: timedelta = timedelta(minutes=20)  # config `wait_alert_minutes`: a longer wait is alerted
    clock: Callable[[], datetime] = utcnow
    redactor: Redactor = default_redactor
    signer: Any = None  # kiosk.signing.StationSigner: every new copy signed before it is stored; None: unsigned (tests)
    waited_before: timedelta = timedelta(0)  # the wait before the intake began (a training queue): first contact earlier
    observer: Callable[[Event], None] | None = None  # sees every event too (training records the trainee's actions)


class Intake:
    def __init__(self, setup: IntakeSetup, on_event: Callable[[Event], None] = lambda event: None) -> None:
        self.setup = setup
        self._on_event = on_event
        self._lock = threading.RLock()
        self._device = ThreadPoolExecutor(1, thread_name_prefix="intake-device")
        self._registered: list[str] = []
        self.step = Step.CITIZEN
        self.citizen: CitizenSnapshot | None = None
        self.portrait: bytes | None = None  # the chip's DG2 image, for the front end and the face check
        self.verification: dict[str, Any] | None = None  # the reading's summary (no personal data)
        self.procedure = None
        self.unit_suggestion: UnitSuggestion | None = None
        self.competent_unit: str | None = None
        self.slots: list[Slot] = []
        self.consent: Consent | None = None
        self.dossier: Dossier | None = None
        self.receipt: Receipt | None = None
        self.ended: EndReason | None = None
        self._batch = None  # the scan batch under way, for cancel
        self.first_contact: datetime = setup.clock() - setup.waited_before  # or earlier: `set_queue_ticket`
        self.queue_ticket: str | None = None

    # --- events ----------------------------------------------------------------------------

    def _emit(self, code: str, step: Step | None = None, **data: Any) -> Event:
        event = Event(code, step or self.step, data)
        log.info("intake %s (%s)", code, ", ".join(f"{k}={v}" for k, v in data.items()) or "-")
        for handler in (self._on_event, self.setup.observer):
            if handler is None:
                continue
            try:
                handler(event)
            except Exception:  # a front end's bug must not break the workflow
                log.exception("intake event handler failed on %s", code)
        return event

    def _fail(self, code: str, detail: str = "", error: type[IntakeError] = IntakeError) -> IntakeError:
        self._emit(code)
        return error(code, detail)

    def _open(self) -> None:
        if self.ended is not None:
            raise IntakeError("step.order", "the intake has ended")

    # --- 1. citizen ------------------------------------------------------------------------

    def set_queue_ticket(self, ticket: str, issued_at: datetime | None = None) -> None:
        """The queue ticket the citizen waited with (typed or scanned): 1 to 20 printable characters.
        When the ticket's time is known, the wait started then: the first contact moves to it if it is
        earlier (never later: a wait is not shortened by a clock that runs ahead)."""
        with self._lock:
            self._open()
            if self.dossier is not None:
                raise self._fail("step.order", "the dossier is already submitted with its wait")
            text = nfc(ticket or "")
            if not 1 <= len(text) <= 20 or not text.isprintable():
                raise self._fail("ticket.invalid")
            if issued_at is not None:
                if issued_at.tzinfo is None:
                    raise self._fail("ticket.invalid", "the ticket's time has no time zone")
                self.first_contact = min(self.first_contact, issued_at)
            self.queue_ticket = text
        self._emit("ticket.set", Step.CITIZEN)

    def waited(self, now: datetime | None = None) -> timedelta:
        """The citizen's wait: from the first contact to the receipt once submitted, else to `now`
        (default: the clock)."""
        end = self.dossier.created_at if self.dossier is not None else (now or self.setup.clock())
        return max(timedelta(0), end - self.first_contact)

    def wait_alert(self, now: datetime | None = None) -> bool:
        """True when the wait is past the station's threshold (config `wait_alert_minutes`)."""
        return self.waited(now) > self.setup.wait_alert

    def read_card(self, keys, on_exchange=None) -> "Future[CitizenSnapshot]":
        """Reads the card on the intake's worker; the Future gives the citizen, or raises CardProblem,
        CardNotGenuine or StationError (each also reported as an event)."""
        self._open()
        return self._device.submit(self._read_card, keys, on_exchange)

    def _read_card(self, keys, on_exchange) -> CitizenSnapshot:
        self._emit("card.reading", Step.CITIZEN)
        try:
            result = read_card(keys, reader=self.setup.reader, trust=self.setup.trust, wait=self.setup.card_wait,
                               on_lifted=lambda: self._emit("card.lifted", Step.CITIZEN),
                               on_exchange=on_exchange, register=self._register)
        except CardProblem as problem:
            self._emit(problem.code, Step.CITIZEN)
            raise
        identity = result.identity
        with self._lock:
            doubts = identity.verification.doubts()
            self.verification = identity.verification.summary()
            if doubts:
                self._emit("card.not_genuine", Step.CITIZEN, reasons=doubts)
                self.end(EndReason.NOT_GENUINE)
                raise CardNotGenuine("card.not_genuine", "; ".join(doubts))
            self.citizen = citizen_from_identity(identity)
            self.portrait = identity.photo.data if identity.photo is not None else None
            self.step = Step.PRESENCE
        self._emit("card.genuine", Step.CITIZEN, access=result.protocol, resumed=identity.verification.resumed)
        return self.citizen

    def _register(self, values: Sequence[str]) -> None:
        """Personal values as they arrive, masked in the log until the intake ends (see `end`)."""
        with self._lock:
            if self.ended is not None:  # a reading that finished after the end: its values are dropped
                return
            values = [v for v in values if v]
            self.setup.redactor.add(values)
            self._registered += values

    # --- 2. presence -----------------------------------------------------------------------

    def record_presence(self, method: str, decision: Check | str, score: float | None = None,
                        threshold: float | None = None) -> None:
        """A face or fingerprint comparison, or the officer's visual confirmation: never the sample."""
        with self._lock:
            self._open()
            citizen = self._need_citizen()
            check = Presence(method, Check(decision), self.setup.clock(), score, self.setup.received_by, threshold)
            self.citizen = replace(citizen, presence=citizen.presence + (check,))
            if check.decision is Check.PASSED and self.step is Step.PRESENCE:
                self.step = Step.PROCEDURE
        self._emit("presence.recorded" if check.decision is Check.PASSED else "presence.failed", Step.PRESENCE,
                   method=method, decision=check.decision.value)

    def check_face(self, frames=None) -> "Future[FaceOutcome]":
        """The face check on the intake's worker: the head turn, then its most frontal face against the
        chip's portrait, recorded as a presence check when it judged the person (a camera that fails or a
        card without a portrait records nothing: the officer compares instead). Guidance arrives as face.*
        events. `frames`: Frames from a front end that shows its own preview; None: the configured
        camera is opened for the check and closed after it."""
        self._open()
        return self._device.submit(self._check_face, frames)

    def _check_face(self, frames) -> FaceOutcome:
        from drivers.camera.capture import CameraError, open_camera

        from .presence import FaceCheck, camera_frames

        verifier = self.setup.face
        if verifier is None:
            self._emit("face.unavailable", Step.PRESENCE)
            return FaceOutcome(False, "face.unavailable", 0.0, decided=False)
        camera = None
        if frames is None:
            try:
                camera = open_camera(self.setup.camera or 0)
            except CameraError as error:
                log.warning("face check: %s", error)
                self._emit(error.code, Step.PRESENCE)
                return FaceOutcome(False, error.code, verifier.threshold, decided=False)
            frames = camera_frames(camera)
        check = FaceCheck(verifier, challenge=self.setup.face_challenge,
                          on_guide=lambda code: self._emit(code, Step.PRESENCE))
        try:
            outcome = check.run(self.portrait, frames)
        finally:
            if camera is not None:
                camera.close()
        if outcome.decided:
            self.record_presence("face", Check.PASSED if outcome.passed else Check.FAILED, outcome.score,
                                 outcome.threshold)
        return outcome

    def check_fingerprint(self) -> "Future[FingerprintOutcome]":
        """The fingerprint check on the intake's worker, against the template the reader's SDK provides;
        recorded as a presence check. The Future raises IntakeError (code fingerprint.*) when the reader
        cannot decide: no reader, no finger, no template."""
        self._open()
        return self._device.submit(self._check_fingerprint)

    def _check_fingerprint(self) -> FingerprintOutcome:
        reader = self.setup.fingerprint
        if reader is None:
            raise self._fail("fingerprint.unavailable")
        self._emit("fingerprint.place_finger", Step.PRESENCE)
        try:
            outcome = verify_fingerprint(reader, threshold=self.setup.fingerprint_threshold,
                                         on_attempt=lambda code: self._emit(code, Step.PRESENCE))
        except FingerprintError as error:
            log.warning("fingerprint check: %s", error)
            raise self._fail(error.code, str(error)) from None
        self._emit("fingerprint.matched" if outcome.passed else "fingerprint.mismatch", Step.PRESENCE)
        self.record_presence("fingerprint", Check.PASSED if outcome.passed else Check.FAILED, outcome.score,
                             outcome.threshold)
        return outcome

    def confirm_by_officer(self, passed: bool = True) -> None:
        """The officer compared the person with the chip's portrait: the way through when the face and the
        fingerprint cannot decide, or decided against a person the officer knows to be the holder."""
        self.record_presence("officer", Check.PASSED if passed else Check.FAILED)

    @property
    def present(self) -> bool:
        return self.citizen is not None and any(p.decision is Check.PASSED for p in self.citizen.presence)

    # --- 3. procedure and units ------------------------------------------------------------

    def choose_procedure(self, code: str) -> UnitSuggestion:
        with self._lock:
            self._open()
            try:
                procedure = self.setup.procedures[code]
            except KeyError:
                raise self._fail("procedure.unknown", code) from None
            self.procedure = procedure
            self.slots = [Slot(c.name, c.required) for c in procedure.components]
            province = self.setup.units.commune(self.setup.center_unit).province_code
            address = self.citizen.address if self.citizen else ""
            self.unit_suggestion = suggest_competent_unit(address, province, self.setup.units)
            self.competent_unit = None
            self.step = Step.PROCEDURE
        self._emit("procedure.chosen", Step.PROCEDURE, procedure=code, components=len(self.slots))
        self._emit(self.unit_suggestion.reason, Step.PROCEDURE, unit=self.unit_suggestion.code,
                   from_old_address=self.unit_suggestion.from_old_address)
        return self.unit_suggestion

    def confirm_unit(self, code: str | None = None) -> str:
        """The suggested unit, or any commune-level unit of the centre's province."""
        with self._lock:
            self._open()
            if self.procedure is None:
                raise self._fail("step.order", "choose the procedure first")
            code = code or (self.unit_suggestion.code if self.unit_suggestion else None)
            province = self.setup.units.commune(self.setup.center_unit).province_code
            if not code or code not in self.setup.units.communes or \
                    self.setup.units.commune(code).province_code != province:
                raise self._fail("unit.wrong", str(code))
            self.competent_unit = code
            self.step = Step.COMPONENTS
        self._emit("unit.confirmed", Step.PROCEDURE, unit=code)
        return code

    # --- 4. components ---------------------------------------------------------------------

    def slot(self, component: int | str) -> Slot:
        """A checklist line by its number (from 1) or its name (diacritics and case ignored)."""
        if isinstance(component, int) or str(component).isdigit():
            index = int(component) - 1
            if 0 <= index < len(self.slots):
                return self.slots[index]
        else:
            for slot in self.slots:
                if fold(slot.name) == fold(str(component)):
                    return slot
        raise IntakeError("step.order", f"no component {component!r} in the procedure's checklist "
                          f"(1-{len(self.slots)})")

    def scan(self, component: int | str, request, on_progress: Callable[[Any], None] = lambda event: None
             ) -> Future:
        """Scans a batch into the component's pages on the intake's worker. The Future gives the batch's
        outcome (pages kept, how it ended); a jam keeps the pages before it."""
        self._open()
        slot = self.slot(component)
        if self.setup.scanner is None or self.setup.pipeline is None:
            raise IntakeError("scan.problem", "this station has no scanner set up")
        return self._device.submit(self._scan, slot, request, on_progress)

    def _scan(self, slot: Slot, request, on_progress):
        from drivers.scanner.status import ScanStatus

        from .scanning import BatchScan

        self._emit("scan.started", Step.COMPONENTS, component=slot.name)
        self._batch = BatchScan(self.setup.scanner, self.setup.pipeline, request, on_progress)
        try:
            outcome = self._batch.run()
        finally:
            self._batch = None
        with self._lock:
            for page in outcome.pages:
                slot.pages.insert(page)
            if len(slot.pages):
                slot.wallet_item, slot.shown_in_original = None, False
        ended = outcome.ended
        self._emit("scan.ended" if ended.status is ScanStatus.GOOD else "scan.problem", Step.COMPONENTS,
                   component=slot.name, pages=len(outcome.pages), status=ended.status.value)
        return outcome

    def cancel_scan(self) -> None:
        batch = self._batch
        if batch is not None:
            batch.cancel()

    def retake_page(self, component: int | str, page_id: str, request,
                    on_progress: Callable[[Any], None] = lambda event: None) -> Future:
        """Scans one sheet again in place of a page (same position); the Future gives the new page, or None
        when the scan kept no page (the old one stays)."""
        self._open()
        slot = self.slot(component)
        slot.pages.page(page_id)  # refused now if there is no such page
        return self._device.submit(self._retake, slot, page_id, replace(request, pages=1), on_progress)

    def _retake(self, slot: Slot, page_id: str, request, on_progress):
        from .scanning import BatchScan

        self._batch = BatchScan(self.setup.scanner, self.setup.pipeline, request, on_progress)
        try:
            outcome = self._batch.run()
        finally:
            self._batch = None
        if not outcome.pages:
            self._emit("scan.problem", Step.COMPONENTS, component=slot.name, status=outcome.ended.status.value)
            return None
        with self._lock:
            page = slot.pages.replace(page_id, outcome.pages[0].processed)
        self._emit("scan.page", Step.COMPONENTS, component=slot.name)
        return page

    def move_page(self, page_id: str, source: int | str, target: int | str, index: int | None = None) -> None:
        """A page filed under the wrong component goes to the right one (at `index`, else at the end)."""
        with self._lock:
            self._open()
            into = self.slot(target)
            page = self.slot(source).pages.take(page_id)
            into.pages.insert(page, index)
            into.wallet_item, into.shown_in_original = None, False

    def split_component(self, component: int | str, page_id: str, into: int | str) -> int:
        """The pages from `page_id` on were scanned into `component` but belong to `into`: they go to the
        end of `into`, in their order. Gives how many pages moved."""
        with self._lock:
            self._open()
            source, target = self.slot(component), self.slot(into)
            if source is target:
                raise self._fail("step.order", "split pages into another component")
            source.pages.page(page_id)  # refused before anything moves if there is no such page
            moved = source.pages.split_off(page_id)
            target.pages.extend(moved)
            target.wallet_item, target.shown_in_original = None, False
        self._emit("component.split", Step.COMPONENTS, component=source.name, into=target.name, pages=len(moved))
        return len(moved)

    def merge_components(self, source: int | str, target: int | str) -> int:
        """Every page of `source` appended to `target` (two components scanned as one document belong
        together); `source` is left empty. Gives how many pages moved."""
        with self._lock:
            self._open()
            origin, into = self.slot(source), self.slot(target)
            if origin is into:
                raise self._fail("step.order", "merge a component into another one")
            moved = origin.pages.take_all()
            into.pages.extend(moved)
            if moved:
                into.wallet_item, into.shown_in_original = None, False
        self._emit("component.merged", Step.COMPONENTS, component=origin.name, into=into.name, pages=len(moved))
        return len(moved)

    def wallet_items(self) -> list[WalletItem]:
        """The citizen's e-wallet items on this station, within retention (metadata only)."""
        return self.setup.store.wallet_items(self._need_citizen().id_number)

    def reusable_items(self) -> dict[int, WalletItem]:
        """For each checklist line (its number, from 1), the citizen's newest e-wallet item with the same
        title, accents and case aside (reads the store: not for a GUI thread)."""
        newest = {fold(item.title): item for item in self.wallet_items()}  # oldest first: the newest wins
        return {number: newest[fold(slot.name)] for number, slot in enumerate(self.slots, start=1)
                if fold(slot.name) in newest}

    def reuse_wallet_item(self, component: int | str, item_id: str) -> None:
        """Satisfies the component with an e-wallet item the citizen agreed to reuse."""
        with self._lock:
            self._open()
            slot = self.slot(component)
            item = next((i for i in self.wallet_items() if i.id == item_id), None)
            if item is None:
                raise self._fail("component.missing", "no such item in the citizen's e-wallet on this station")
            slot.pages.wipe()
            slot.pages = PageSet()
            slot.wallet_item, slot.shown_in_original = item, False
        self._emit("component.wallet", Step.COMPONENTS, component=slot.name)

    def mark_shown_in_original(self, component: int | str) -> None:
        """The citizen showed the original and nothing is kept (for components that are not required)."""
        with self._lock:
            self._open()
            slot = self.slot(component)
            if slot.required:
                raise self._fail("component.missing", "a required component must be scanned or reused")
            slot.shown_in_original = True
        self._emit("component.original", Step.COMPONENTS, component=slot.name)

    def clear_component(self, component: int | str) -> None:
        with self._lock:
            slot = self.slot(component)
            slot.pages.wipe()
            slot.pages = PageSet()
            slot.wallet_item, slot.shown_in_original = None, False
        self._emit("component.cleared", Step.COMPONENTS, component=slot.name)

    def delete_page(self, component: int | str, page_id: str) -> None:
        """The person throws a page away (a blank sheet, a wrong one): its images are dropped at once."""
        slot = self.slot(component)
        blank = slot.pages.page(page_id).blank
        slot.pages.delete(page_id)
        self._emit("page.deleted", Step.COMPONENTS, component=slot.name, blank=blank)

    def confirm_page(self, component: int | str, page_id: str) -> None:
        """The person keeps a page the pipeline found blank or blurred."""
        slot = self.slot(component)
        slot.pages.confirm(page_id)
        self._emit("page.confirmed", Step.COMPONENTS, component=slot.name)

    def missing(self) -> list[str]:
        return [slot.name for slot in self.slots if slot.required and not slot.provided]

    def unconfirmed(self) -> list[tuple[int, str]]:
        """The (line number, page id) of every blank or blurred page nobody has looked at yet."""
        return [(number, page.id) for number, slot in enumerate(self.slots, start=1)
                for page in slot.pages.flagged()]

    # --- 5. consent ------------------------------------------------------------------------

    def consent_text(self, language: str) -> str:
        return self.setup.consent.text(language)

    def accept_consent(self, language: str) -> None:
        with self._lock:
            self._open()
            self.consent = Consent(self.setup.consent.sha256(language), language, self.setup.clock())
            self.step = Step.SUBMIT
        self._emit("consent.given", Step.CONSENT, language=language)

    # --- 6. submit -------------------------------------------------------------------------

    def submit(self) -> "Future[Receipt]":
        """Stores the dossier, its outbox entry and the citizen's new e-wallet items in one transaction, on
        the intake's worker (the PDFs are built and written there); the Future gives the receipt or raises
        IntakeError (also reported as an event)."""
        self._open()
        return self._device.submit(self._submit)

    def _submit(self) -> Receipt:
        with self._lock:
            self._open()
            citizen = self._need_citizen()
            if self.setup.require_presence and not self.present:
                raise self._fail("presence.failed", "no passed presence check")
            if self.procedure is None or self.competent_unit is None:
                raise self._fail("step.order", "choose the procedure and confirm the deciding unit first")
            if missing := self.missing():
                raise self._fail("component.missing", ", ".join(missing))
            if unconfirmed := self.unconfirmed():
                raise self._fail("page.unconfirmed", f"{len(unconfirmed)} page(s) marked blank or blurred")
            if self.consent is None:
                raise self._fail("consent.missing")
            now = self.setup.clock()
            dossier = Dossier(self.procedure.code, self.setup.center_unit, self.competent_unit,
                              replace(citizen, consent=self.consent), self.setup.received_by, created_at=now,
                              first_contact_at=min(self.first_contact, now), queue_ticket=self.queue_ticket)
            new_items = []
            for slot in self.slots:
                if len(slot.pages):
                    document = self._signed(slot.pages.document(title=slot.name), dossier.id)
                    dossier.set_component(Component(slot.name, slot.required, document=document), now)
                    new_items.append(WalletItem(citizen.id_number, slot.name, document, now, dossier.id))
                elif slot.wallet_item is not None:
                    dossier.set_component(Component(slot.name, slot.required, wallet_item_id=slot.wallet_item.id), now)
                else:  # shown in original, or an optional line left empty: the checklist stays whole
                    dossier.set_component(Component(slot.name, slot.required,
                                                    shown_in_original=slot.shown_in_original), now)
            try:
                self.setup.store.submit(dossier, actor=self.setup.received_by, now=now, wallet_items=new_items)
            except Exception as error:
                log.error("dossier not stored: %s", error.__class__.__name__)
                raise self._fail("submit.failed", error.__class__.__name__) from None
            self.dossier = dossier
            self.receipt = self._receipt(dossier, now)
            self.step = Step.ENDED
        self._emit("submit.done", Step.SUBMIT, local_reference=dossier.id)
        return self.receipt

    def _signed(self, document: Document, local_reference: str) -> Document:
        """The copy with the centre's signature (PAdES), made after the review and before anything is
        stored: the store keeps the signed file, and the protocol's SHA-256 is the signed file's."""
        signer = self.setup.signer
        if signer is None:
            return document
        officer = "" if self.setup.channel == "kiosk" else self.setup.received_by
        try:
            signed = signer.sign(document.content, local_reference, officer)
        except SigningError as error:
            log.error("copy not signed: %s", error.code)
            raise self._fail(error.code, str(error)) from None
        for warning in signed.warnings:
            log.warning("copy signed with a warning: %s", warning)
        self._emit("document.signed", Step.SUBMIT, level=signed.level, warnings=len(signed.warnings))
        return Document.from_pdf(signed.data, document.page_count, document.thumbnails)

    def _receipt(self, dossier: Dossier, now: datetime) -> Receipt:
        units, procedure = self.setup.units, self.procedure
        days = procedure.working_days
        received_day = now.astimezone(VIETNAM).date()
        return Receipt(
            local_reference=dossier.id, procedure_code=procedure.code, procedure_name=procedure.name,
            receiving_unit=dossier.receiving_unit,
            receiving_unit_name=units.commune(dossier.receiving_unit, on=received_day).name,
            competent_unit=dossier.competent_unit,
            competent_unit_name=units.commune(dossier.competent_unit, on=received_day).name,
            received_at=now,
            expected_result=None if days is None else add_working_days(received_day, days, self.setup.holidays),
            components=tuple(ReceiptComponent(s.name, s.how, len(s.pages)) for s in self.slots),
            holidays_counted=bool(self.setup.holidays))

    def official_code(self) -> str | None:
        """The province's code for the submitted dossier once the relay has brought it back (reads the
        store: not on a GUI thread)."""
        dossier = self.dossier
        return None if dossier is None else self.setup.store.official_code(dossier.id)

    _rated = False  # set on the intake by `rate`: one rating per intake

    def rate(self, score: int, reasons: Sequence[str] = ()) -> None:
        """The citizen's satisfaction with the visit: `score` 1-5 and, at 3 or below, reason codes of
        `kiosk.intake.rating.REASONS`. Once, after a successful submit (also after the intake ended
        FINISHED: the receipt stays). Stored with the channel, the procedure and the station, nothing
        of the citizen or the dossier; the event and the log hold neither the score nor the reasons (a
        log line beside the submit's would join them). Writes the store: not on a GUI thread. Raises
        IntakeError: step.order, rating.twice, rating.invalid (nothing stored), rating.failed."""
        from kiosk.domain import DomainError

        with self._lock:
            if self.receipt is None:
                raise self._fail("step.order", "a rating follows a submitted dossier")
            if self._rated:
                raise self._fail("rating.twice")
            try:
                self.setup.store.add_rating(score, reasons, channel=self.setup.channel,
                                            procedure_code=self.receipt.procedure_code,
                                            actor=self.setup.received_by, now=self.setup.clock())
            except DomainError as error:
                raise self._fail("rating.invalid", str(error)) from None
            except Exception as error:
                log.error("rating not stored: %s", error.__class__.__name__)
                raise self._fail("rating.failed", error.__class__.__name__) from None
            self._rated = True
        self._emit("rating.done", Step.ENDED)

    def keep_receipt(self, pdf: bytes) -> "Future[WalletItem]":
        """Keeps the receipt's PDF (ui.receipt_print.receipt_pdf) in the citizen's e-wallet on this station,
        sealed like every item, titled with the document's name and linked to the dossier: how a receipt
        that no printer took stays with the citizen. Its QR code holds the citizen's ID (Circular
        01/2023/TT-VPCP), so the store is the only place it may be kept. After submit, before the end;
        written on the intake's worker like the dossier (a sealed file, fsynced, and a transaction). The
        Future gives the item (without its content) or raises IntakeError; a front end waits for it before
        ending the intake, since the end cancels work not yet started."""
        with self._lock:
            self._open()
            if self.dossier is None or self.receipt is None:
                raise self._fail("step.order", "submit the dossier first")
            owner, dossier_id = self._need_citizen().id_number, self.dossier.id
        return self._device.submit(self._keep_receipt, bytes(pdf), owner, dossier_id)

    def _keep_receipt(self, pdf: bytes, owner: str, dossier_id: str) -> WalletItem:
        import io

        import pikepdf

        from kiosk.domain import Document, DomainError

        from .receipt import RECEIPT_DOCUMENT_NAME

        try:
            with pikepdf.open(io.BytesIO(pdf)) as document:
                pages = len(document.pages)
            item = WalletItem(owner, RECEIPT_DOCUMENT_NAME, Document.from_pdf(pdf, pages), self.setup.clock(),
                              dossier_id)
        except (pikepdf.PdfError, DomainError) as error:
            raise self._fail("receipt.not_kept", f"not a PDF ({error.__class__.__name__})") from None
        try:
            self.setup.store.save_wallet_item(item, actor=self.setup.received_by, now=item.created_at)
        except Exception as error:
            log.error("receipt not kept: %s", error.__class__.__name__)
            raise self._fail("receipt.not_kept", error.__class__.__name__) from None
        self._emit("receipt.kept", Step.SUBMIT, pages=pages)
        return replace(item, document=item.document.without_content())

    # --- 6b. the one-stop slips other than the receipt: supplement, refusal ----------------------

    _slip_reference: str | None = None  # set on the intake by the first slip: one reference per intake

    def completeness(self) -> list[tuple[str, bool, str]]:
        """The completeness check before the receipt: for each checklist line its name, whether it is
        provided and how ("scanned", "e-wallet", "shown in original", "not provided")."""
        with self._lock:
            return [(slot.name, slot.provided, slot.how) for slot in self.slots]

    def request_supplement(self, requests: dict[str, str] | None = None, note: str = "") -> SupplementRequest:
        """The request for supplement (model form no. 02) for the components `requests` names, each with
        what is asked for it (empty: the default request); None: the required components still missing.
        After the procedure is chosen; the intake goes on (the citizen may come back with the rest, or
        the officer may refuse). Audited as `supplement_requested` under the slip's reference; writes
        the store: not on a GUI thread. Raises IntakeError: step.order, supplement.unknown_component,
        supplement.nothing."""
        from kiosk.text import nfc

        from .slips import DEFAULT_REQUEST, SupplementItem

        with self._lock:
            self._open()
            identity = self._slip_identity()
            if requests is None:
                requests = {name: "" for name in self.missing()}
            asked: dict[str, str] = {}
            for component, text in requests.items():
                try:
                    name = self.slot(component).name
                except IntakeError:
                    raise self._fail("supplement.unknown_component", "not a line of the procedure's checklist") \
                        from None
                asked[name] = " ".join(nfc(text or "").split()) or DEFAULT_REQUEST
            if not asked:
                raise self._fail("supplement.nothing")
            order = [slot.name for slot in self.slots]
            items = tuple(SupplementItem(name, asked[name]) for name in sorted(asked, key=order.index))
            slip = SupplementRequest(identity, items, " ".join(nfc(note or "").split()))
            self._audit_slip("supplement_requested", identity)
        self._emit("supplement.requested", Step.COMPONENTS, components=len(items))
        return slip

    def refuse(self, reason: str, basis: str = "") -> Refusal:
        """The refusal (model form no. 03): `reason` says what exactly is wrong, `basis` is a key of
        `kiosk.intake.slips.REFUSAL_BASES` (or ""). After the procedure is chosen. The slip is made first,
        then the refusal is audited (`refusal_issued` under the slip's reference) and the intake ends
        REFUSED (audited `intake_refused`), wiping what it held: print the returned slip. Writes the
        store: not on a GUI thread. Raises IntakeError: step.order, refusal.no_reason,
        refusal.unknown_basis (the intake goes on)."""
        from kiosk.text import nfc

        from .slips import REFUSAL_BASES

        with self._lock:
            self._open()
            identity = self._slip_identity()
            reason = " ".join(nfc(reason or "").split())
            if not reason:
                raise self._fail("refusal.no_reason")
            if basis and basis not in REFUSAL_BASES:
                raise self._fail("refusal.unknown_basis", f"one of {', '.join(REFUSAL_BASES)}")
            slip = Refusal(identity, reason, basis)
            self._audit_slip("refusal_issued", identity)
        self._emit("refusal.issued", Step.COMPONENTS, basis=basis or "-")
        self.end(EndReason.REFUSED)
        return slip

    def _slip_identity(self) -> SlipIdentity:
        import uuid

        citizen = self._need_citizen()
        if self.procedure is None:
            raise self._fail("step.order", "choose the procedure first")
        if self._slip_reference is None:
            self._slip_reference = str(uuid.uuid4())
        now = self.setup.clock()
        unit = self.setup.units.commune(self.setup.center_unit, on=now.astimezone(VIETNAM).date())
        return SlipIdentity(self._slip_reference, self.procedure.code, self.procedure.name, self.setup.center_unit,
                            unit.name, now, self.setup.received_by, citizen.full_name, citizen.id_number)

    def _audit_slip(self, action: str, identity: SlipIdentity) -> None:
        try:
            self.setup.store.record(action, actor=self.setup.received_by, dossier_id=identity.local_reference,
                                    now=identity.issued_at)
        except Exception as error:  # the slip is still given; the log says the audit missed it
            log.error("%s not audited: %s", action, error.__class__.__name__)

    # --- 7. the end ------------------------------------------------------------------------

    def end(self, reason: EndReason | str = EndReason.FINISHED) -> None:
        """Every way out: wipes what the intake holds (identity, portrait, pages, temporary data),
        unregisters its personal values from the redactor, and records how it ended. A log line made
        before the unregistering still masks them, however late it is written: each log record carries
        the values registered when it was made (kiosk.logs)."""
        reason = EndReason(reason)
        with self._lock:
            if self.ended is not None:
                return
            self.ended = reason
        self.cancel_scan()
        # from the device worker itself (a card not genuine ends the intake there) it cannot wait for itself
        self._device.shutdown(wait=not threading.current_thread().name.startswith("intake-device"),
                              cancel_futures=True)
        with self._lock:
            for slot in self.slots:
                slot.pages.wipe()
            self.slots = []
            self.citizen = self.portrait = self.verification = self.consent = None
            self.dossier = None
            self.receipt = None if reason is not EndReason.FINISHED else self.receipt
            self.setup.redactor.remove(self._registered)
            self._registered = []
            self.step = Step.ENDED
        try:
            self.setup.store.record(f"intake_{reason.value}", actor=self.setup.received_by)
        except Exception as error:  # the audit must not keep a session open
            log.error("intake end not audited: %s", error.__class__.__name__)
        self._emit("ended", Step.ENDED, reason=reason.value)

    def _need_citizen(self) -> CitizenSnapshot:
        if self.citizen is None:
            raise self._fail("step.order", "read the card first")
        return self.citizen


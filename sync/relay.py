"""The outbox relay: delivers queued dossiers to the province, in order of submission, exactly once.

The store wrote each dossier, its outbox entry and its new e-wallet items in one transaction; the relay
takes the due entries, sends metadata (idempotent by the dossier's UUID), uploads every PDF with tus
(resuming from the server's offset), submits, then sends the dossier's e-wallet items the province does
not have yet, one at a time in creation order (idempotent by the item's UUID; a document the province
holds among the dossier's files is not sent again), recording each on the station as it is confirmed,
and finally writes back the official dossier code: a dossier is accepted on the station only once
its items are there too, so a crash anywhere means the whole delivery is replayed, and every replay
is answered without a second dossier, file or item. A failure that may pass waits
with exponential backoff and full jitter (`sync.backoff`); a refusal stops that dossier alone, with the
server's reason. Each submit carries the head of the station's audit log; the head the province
acknowledges is kept on the station (`audit_anchored`). A province that refuses the log (it went
backwards or was rewritten) refuses the station, not the dossier: the dossier stays queued and
`audit_refusal` says what the technician must look at. A file whose signature the province refuses
(unsigned, changed after signing, untrusted) rejects its dossier with the province's reason: the station's
signing is at fault and a resend cannot change the signed bytes; `signature_refusal` keeps the last one.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Protocol, Sequence

from kiosk.domain import Document, Dossier, WalletItem
from kiosk.health import RelayFigures
from kiosk.store.errors import TamperedData
from sync.backoff import Backoff
from sync.client import (AuditRefused, Conflict, Offline, PermanentError, ProvincialClient, SignatureRefused,
                         SyncError, TransientError)
from sync.protocol import NO_ROW, PROVINCE_STATES, AuditChain

log = logging.getLogger(__name__)

# What the UI shows of a dossier on its way (see `Relay.progress`). DAMAGED: the store found the dossier's
# rows tampered with or damaged (kiosk/store/rowmacs.py); it stays queued, untouched, for a technician.
QUEUED, UPLOADING, WAITING, ACCEPTED, REJECTED, CONFLICT, DAMAGED = (
    "queued", "uploading", "waiting", "accepted", "rejected", "conflict", "damaged")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def error_class(error: BaseException) -> str:
    """The class of a relay failure for the station's health (kiosk.health.relay.ERROR_CLASSES)."""
    for kind, name in ((AuditRefused, "audit_refused"), (SignatureRefused, "signature_refused"),
                       (Conflict, "conflict"), (PermanentError, "refused"), (Offline, "offline"),
                       (TamperedData, "damaged")):
        if isinstance(error, kind):
            return name
    return "transient"


class OutboxStore(Protocol):
    """What the relay asks of the station's store (`kiosk.store.Store` is one)."""

    def recover_interrupted_uploads(self, now: datetime | None = None) -> list[str]: ...

    def due_uploads(self, now: datetime | None = None, limit: int = 10) -> list[str]: ...

    def begin_upload(self, dossier_id: str, now: datetime | None = None, actor: str | None = None) -> Dossier: ...

    def outbox_attempts(self, dossier_id: str) -> int: ...

    def load(self, dossier_id: str, with_content: bool = False) -> Dossier: ...

    def official_code(self, dossier_id: str) -> str | None: ...

    def content_reader(self, dossier_id: str) -> Callable[[Document], bytes]: ...

    def upload_failed(self, dossier_id: str, error: str, now: datetime | None = None,
                      retry_after: timedelta | None = None, actor: str | None = None) -> None: ...

    def upload_accepted(self, dossier_id: str, official_code: str, now: datetime | None = None,
                        actor: str | None = None) -> None: ...

    def upload_rejected(self, dossier_id: str, reason: str, now: datetime | None = None,
                        actor: str | None = None, conflict: bool = False) -> None: ...

    def province_polls_due(self, now: datetime | None = None, every: timedelta = timedelta(minutes=5),
                           limit: int = 20) -> list[str]: ...

    def set_province_state(self, dossier_id: str, state: str, now: datetime | None = None,
                           actor: str | None = None) -> bool: ...

    def province_checked(self, dossier_id: str, now: datetime | None = None) -> None: ...

    def wallet_items_of(self, dossier_id: str, with_content: bool = False,
                        unsent_only: bool = False) -> list[WalletItem]: ...

    def read_document(self, document_id: str) -> bytes: ...

    def wallet_item_sent(self, item_id: str, now: datetime | None = None, actor: str | None = None) -> None: ...

    def wallet_item_refused(self, item_id: str, reason: str, now: datetime | None = None,
                            actor: str | None = None) -> None: ...

    def audit_chain_id(self) -> str: ...

    def audit_head(self) -> tuple[int, str] | None: ...

    def audit_hash_at(self, seq: int) -> str | None: ...

    def audit_anchor(self) -> tuple[int, str] | None: ...

    def audit_anchored(self, seq: int, digest: str) -> None: ...


@dataclass
class Progress:
    state: str
    percent: int = 0
    until: datetime | None = None  # when waiting: the next attempt
    code: str | None = None
    reason: str | None = None


class Relay:
    def __init__(self, store: OutboxStore, client: ProvincialClient, *, backoff: Backoff | None = None,
                 clock: Callable[[], datetime] = utcnow, batch: int = 10, parallel_files: int = 3,
                 status_every: timedelta = timedelta(minutes=5), status_batch: int = 20,
                 chores: Sequence[Callable[[], object]] = (), figures: RelayFigures | None = None) -> None:
        self.store = store
        # the cycle's other work, after the deliveries (the province's content: sync.content_updater)
        self.chores = list(chores)
        self.figures = figures or RelayFigures()  # errors by class, the last answer: the station's health
        self.client = client
        self.backoff = backoff or Backoff()
        self.clock = clock
        self.batch = batch
        self.parallel_files = parallel_files
        self.status_every = status_every  # how often the province is asked about one accepted dossier
        self.status_batch = status_batch  # and about how many in one pass
        self.progress: dict[str, Progress] = {}
        self.offline_until: datetime | None = None
        self.audit_refusal: str | None = None  # why the province refuses the station's audit log, for the technician
        self.signature_refusal: str | None = None  # the last file the province refused for its signature
        self._offline_attempts = 0
        self.listeners: list[Callable[[str, Progress], None]] = []
        self.province_listeners: list[Callable[[str, str], None]] = []  # (dossier id, its new province state)
        self._pool: ThreadPoolExecutor | None = None  # kept between dossiers: starting threads costs milliseconds
        self._reader_ahead: ThreadPoolExecutor | None = None
        self._ahead: tuple[str | None, dict[str, Future]] = (None, {})  # the next dossier's PDFs, decrypting

    def close(self) -> None:
        for pool in (self._pool, self._reader_ahead):
            if pool is not None:
                pool.shutdown(wait=True)
        self._pool = self._reader_ahead = None
        self._ahead = (None, {})

    def __enter__(self) -> "Relay":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- one pass -------------------------------------------------------------------------

    def wait_for_code(self, dossier_id: str, seconds: float, poll: float = 0.5) -> str | None:
        """Delivers what is due until the dossier has its official code; None when it did not come in time."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.run_once()
            code = self.store.official_code(dossier_id)
            if code:
                return code
            time.sleep(poll)
        return None

    def run_once(self) -> dict[str, Progress]:
        """Delivers the due dossiers one at a time; returns what happened to each."""
        now = self.clock()
        due = self.store.due_uploads(now, limit=self.batch)
        if not due:
            return {}
        # Probe before touching any dossier: the OS's idea of "online" says nothing of a captive portal.
        try:
            self.client.precheck()
        except SyncError as error:  # unreachable, or the province refuses the station itself: no dossier's fault
            self.figures.error(error_class(error))
            self._offline_attempts += 1
            wait = self.backoff.delay(self._offline_attempts, getattr(error, "retry_after", None))
            self.offline_until = now + timedelta(seconds=wait)
            log.info("province not reachable (%s); next probe in %.0f s", error, wait)
            for dossier_id in due:
                self._report(dossier_id, Progress(WAITING, until=self.offline_until, reason=str(error)))
            return {dossier_id: self.progress[dossier_id] for dossier_id in due}
        self.figures.reached()
        self._offline_attempts = 0
        self.offline_until = None
        outcomes = {}
        for index, dossier_id in enumerate(due):
            try:
                outcomes[dossier_id] = self.deliver(dossier_id,
                                                    following=due[index + 1] if index + 1 < len(due) else None)
            except TamperedData as error:  # neither sent nor marked done: reported, and the others go on
                self.figures.error("damaged")
                log.error("dossier not sent: %s", error)
                outcomes[dossier_id] = self._report(dossier_id, Progress(DAMAGED, reason=str(error)))
                continue
            if outcomes[dossier_id].state == WAITING:
                break  # the line is likely down again: keep the order, retry all later
        return outcomes

    def poll_province_states(self) -> dict[str, str]:
        """Asks the province what became of accepted dossiers not asked about for `status_every` (at
        most `status_batch` of them) and stores each state; returns the states that changed. Stops at
        the first failure that may pass (the line is down: the next pass asks again)."""
        changed = {}
        for dossier_id in self.store.province_polls_due(self.clock(), self.status_every, self.status_batch):
            try:
                answer = self.client.status(dossier_id)
            except (TransientError, Offline) as error:
                log.info("province state not asked (%s)", error)
                break
            except PermanentError as error:  # e.g. unknown there: ask the others first next time
                # the province's words are not trusted to be free of personal data: its status only
                log.warning("province state of dossier %s: refused (HTTP %s)", dossier_id, error.status)
                self.store.province_checked(dossier_id, now=self.clock())
                continue
            state = answer.get("state") if isinstance(answer, dict) else None
            if state not in PROVINCE_STATES:
                log.warning("province state of dossier %s: unknown state", dossier_id)
                self.store.province_checked(dossier_id, now=self.clock())
                continue
            if self.store.set_province_state(dossier_id, state, now=self.clock()):
                changed[dossier_id] = state
                for listener in self.province_listeners:
                    listener(dossier_id, state)
        return changed

    def deliver(self, dossier_id: str, following: str | None = None) -> Progress:
        """Delivers one dossier; `following`, the next in line, has its PDFs decrypted while this
        one's are on the wire (only read ahead: nothing of it is sent before this one is done)."""
        dossier = self.store.begin_upload(dossier_id, now=self.clock())
        read = self._reader(dossier_id)
        attempt = self.store.outbox_attempts(dossier_id)
        files = [(f"{document.id}.pdf", component.name, document) for component in dossier.components
                 if (document := component.document) is not None]
        total = sum(document.size for _, _, document in files) or 1
        try:
            self._report(dossier_id, Progress(UPLOADING, 0))
            self.client.send_metadata(dossier_id, metadata_of(dossier, files))
            self._upload_all(dossier_id, files, total, read, resume=attempt > 1,
                             meanwhile=lambda: self._read_ahead(following))
            audit = self._audit_chain()
            code = self.client.submit(dossier_id, audit)
            self.store.audit_anchored(*audit.head)
            self.audit_refusal = None
            refused = self._send_wallet_items(dossier_id, code, resume=attempt > 1)
        except (AuditRefused, TransientError, Offline) as error:  # not the dossier's fault: it stays queued
            self.figures.error(error_class(error))
            if isinstance(error, AuditRefused):  # the station's log: a technician must look
                self.audit_refusal = str(error)
                log.error("%s", error)
            wait = self.backoff.delay(attempt, getattr(error, "retry_after", None))
            self.store.upload_failed(dossier_id, str(error), now=self.clock(), retry_after=timedelta(seconds=wait))
            return self._report(dossier_id, Progress(WAITING, until=self.clock() + timedelta(seconds=wait),
                                                     reason=str(error)))
        except TamperedData as error:  # a file or an e-wallet item found tampered on the way: back in the queue
            self.figures.error(error_class(error))
            wait = self.backoff.delay(attempt)
            self.store.upload_failed(dossier_id, "stored data fails its integrity check", now=self.clock(),
                                     retry_after=timedelta(seconds=wait))
            log.error("dossier not sent: %s", error)
            return self._report(dossier_id, Progress(DAMAGED, reason=str(error)))
        except SignatureRefused as error:
            self.figures.error(error_class(error))
            # the station signed wrongly (or not): final for this dossier, whose signed files' hashes the
            # province already holds; rejected with the reason, and the technician told
            self.signature_refusal = str(error)
            log.error("dossier %s refused by the province: %s", dossier_id, error)
            self.store.upload_rejected(dossier_id, str(error), now=self.clock())
            return self._report(dossier_id, Progress(REJECTED, reason=str(error)))
        except Conflict as error:
            self.figures.error(error_class(error))
            self.store.upload_rejected(dossier_id, f"conflict: {error}", now=self.clock(), conflict=True)
            return self._report(dossier_id, Progress(CONFLICT, reason=str(error)))
        except PermanentError as error:
            self.figures.error(error_class(error))
            self.store.upload_rejected(dossier_id, str(error), now=self.clock())
            return self._report(dossier_id, Progress(REJECTED, reason=str(error)))
        self.figures.reached()
        self.store.upload_accepted(dossier_id, code, now=self.clock())
        reason = f"{len(refused)} e-wallet item(s) refused: {refused[0]}" if refused else None
        return self._report(dossier_id, Progress(ACCEPTED, 100, code=code, reason=reason))

    def _audit_chain(self) -> AuditChain:
        """The station's audit log as the submit shows it: the hashes come from the log itself, never
        from the copies kept in meta, so a rewritten row shows at the province."""
        head = self.store.audit_head() or (0, NO_ROW)
        anchor = self.store.audit_anchor()
        chain = AuditChain(self.store.audit_chain_id(), head, hash_at=self.store.audit_hash_at)
        if anchor is None or anchor[0] > head[0]:
            return chain
        return replace(chain, anchor=chain.point_at(anchor[0]))

    def _send_wallet_items(self, dossier_id: str, code: str, resume: bool) -> list[str]:
        """The dossier's e-wallet items the province has neither received nor refused, in order; each
        recorded on the station once the province holds it. Returns the refusals (the dossier itself is
        accepted: a refused item stops alone, with the province's reason kept on the item)."""
        refused = []
        for item in self.store.wallet_items_of(dossier_id, unsent_only=True):
            try:
                answer = self.client.send_wallet_item(item.id, wallet_metadata_of(item, code))
                if answer.get("state") != "stored":
                    self.client.upload_wallet_document(item.id, self.store.read_document(item.document.id),
                                                       item.document.sha256, resume=resume)
            except PermanentError as error:  # a conflict included
                reason = f"conflict: {error}" if isinstance(error, Conflict) else str(error)
                self.store.wallet_item_refused(item.id, reason, now=self.clock())
                refused.append(f"{item.id}: {reason}")
                continue
            self.store.wallet_item_sent(item.id, now=self.clock())
        return refused

    def _reader(self, dossier_id: str) -> Callable[[Document], bytes]:
        """The dossier's PDFs: those read ahead while the previous dossier was sent, else read now."""
        read = self.store.content_reader(dossier_id)
        ahead_id, ahead = self._ahead
        self._ahead = (None, {})
        if ahead_id != dossier_id:
            return read

        def read_ahead_or_now(document: Document) -> bytes:
            future = ahead.get(document.id)
            return future.result() if future is not None else read(document)

        return read_ahead_or_now

    def _read_ahead(self, dossier_id: str | None) -> None:
        if dossier_id is None:
            return
        try:
            documents = self.store.load(dossier_id).documents
            read = self.store.content_reader(dossier_id)
        except Exception:  # noqa: BLE001 - only an optimisation: the dossier is read, and fails, in its turn
            log.debug("dossier %s not read ahead", dossier_id, exc_info=True)
            return
        if self._reader_ahead is None:
            self._reader_ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-ahead")
        self._ahead = (dossier_id, {document.id: self._reader_ahead.submit(read, document) for document in documents})

    def _upload_all(self, dossier_id: str, files: list[tuple[str, str, Document]], total: int,
                    read: Callable[[Document], bytes], resume: bool, meanwhile: Callable[[], None]) -> None:
        """The dossier's files side by side: on a fast link the cost is per request, not per byte."""
        sent: dict[str, int] = {}
        lock = threading.Lock()

        def progress(name: str, count: int) -> None:
            with lock:
                sent[name] = count
                percent = int(100 * sum(sent.values()) / total)
            self._report(dossier_id, Progress(UPLOADING, percent))

        def upload(entry: tuple[str, str, Document]) -> None:
            name, _, document = entry
            self.client.upload(dossier_id, name, read(document), document.sha256,
                               progress=lambda count, _size: progress(name, count), resume=resume)

        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=max(1, self.parallel_files), thread_name_prefix="upload")
        futures = [self._pool.submit(upload, entry) for entry in files]
        meanwhile()
        wait(futures)  # all of them finished, failed or not, before the dossier's fate is decided
        for future in futures:
            future.result()  # the first failure is raised here

    # --- running as a service -------------------------------------------------------------

    def run(self, stop: threading.Event, idle_poll: float = 5.0, heartbeat: Callable[[], None] | None = None,
            heartbeat_every: float | None = None) -> None:
        """Until `stop` is set: deliver what is due, then sleep until the next attempt is due.

        `heartbeat()` is called on every turn of the loop and at least every `heartbeat_every` seconds
        of its sleep (a service manager's watchdog): a loop that hangs stops calling it."""
        self.store.recover_interrupted_uploads(now=self.clock())
        while not stop.is_set():
            if heartbeat is not None:
                heartbeat()
            try:
                self.run_once()
                if self.offline_until is None:
                    self.poll_province_states()
            except SyncError as error:  # a client error outside a delivery: log it, keep the loop
                log.warning("relay pass failed: %s", error)
            if self.offline_until is None:
                self.run_chores()
            wait = idle_poll
            if self.offline_until is not None:
                wait = max(0.5, (self.offline_until - self.clock()).total_seconds())
            wait = min(wait, idle_poll * 12)
            if heartbeat is None or not heartbeat_every:
                stop.wait(wait)
                continue
            until = time.monotonic() + wait
            while not stop.wait(min(heartbeat_every, max(0.0, until - time.monotonic()))):
                if time.monotonic() >= until:
                    break
                heartbeat()

    def run_chores(self) -> None:
        """Each chore on its own: one that fails is logged and never stops delivery or the next chore."""
        for chore in self.chores:
            try:
                chore()
            except Exception:  # noqa: BLE001 - the relay's loop must outlive any chore
                log.exception("relay chore %s failed", getattr(chore, "__qualname__", chore))

    # --- plumbing -------------------------------------------------------------------------

    def _report(self, dossier_id: str, progress: Progress) -> Progress:
        self.progress[dossier_id] = progress
        for listener in self.listeners:
            listener(dossier_id, progress)
        return progress


def metadata_of(dossier: Dossier, files: list[tuple[str, str, Document]]) -> dict[str, Any]:
    """What the province receives besides the PDFs. Deterministic: a resend must be byte-identical."""
    citizen = dossier.citizen
    return {
        "procedure": dossier.procedure_code,
        "receiving_unit": dossier.receiving_unit,
        "competent_unit": dossier.competent_unit,
        "received_by": dossier.received_by,
        "received_at": dossier.created_at.isoformat(),
        "citizen": {"id_number": citizen.id_number, "full_name": citizen.full_name,
                    "birth_date": citizen.birth_date, "address": citizen.address},
        "files": [{"name": name, "component": component, "size": document.size, "sha256": document.sha256,
                   "pages": document.page_count} for name, component, document in files],
    }


def wallet_metadata_of(item: WalletItem, dossier_code: str | None) -> dict[str, Any]:
    """An e-wallet item as the province receives it. Deterministic, from what the station stored: a
    resend after a crash is the same content, hence a replay."""
    document = item.document
    return {
        "owner_id_number": item.owner_id_number,
        "title": item.title,
        "source_dossier": item.source_dossier_id,
        "dossier_code": dossier_code,
        "document": {"sha256": document.sha256, "size": document.size, "pages": document.page_count,
                     "media_type": document.media_type},
        "created_at": item.created_at.isoformat(),
    }

"""The station's local store: every dossier, encrypted, until the provincial system confirms it.

Layout of the data folder::

    store.sqlite3 (+ -wal, -shm)   SQLite in WAL mode, synchronous=FULL, foreign keys on
    files/ab/abcdef…               encrypted documents, named by the SHA-256 of the ciphertext

The station key is not in the data folder: it comes from a `KeyStore` (by default a 0600 file in
the configuration folder).

Crash safety: document files are written (and fsynced) before the transaction that references
them; the dossier, its components, its search hashes, its outbox entry and its audit row are
written in one transaction, and `synchronous=FULL` makes a returned commit survive a power cut.
A crash can leave only unreferenced files behind, which `remove_orphans()` deletes.

One `Store` object belongs to one thread; other threads or processes open their own (SQLite's
locking keeps them consistent).

Why synchronous=FULL with WAL: NORMAL is durable against a crash of the program, but a power cut
may roll back the last transactions committed before it. A submitted dossier has a receipt in the
citizen's hand, so its commit must survive a power cut. Measured here (tests/bench/store.py), NORMAL
submitted only 1.05-1.4x as many dossiers per second as FULL (FULL: 170-280/s; the fsyncs of the
document files cost as much as the WAL's), far more than a station produces: FULL it is. NORMAL
stays selectable (`synchronous="NORMAL"`) for bulk tools.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import sqlite_utils

from kiosk.domain import (
    CitizenSnapshot,
    Component,
    Document,
    DomainError,
    Dossier,
    DossierState,
    IllegalTransition,
    WalletItem,
    check_transition,
    utcnow,
    validate_dossier_code,
)
from kiosk.domain.models import RECEIVER
from kiosk.text import fold, nfc

from . import audit
from .audit import AuditProblem
from .crypto import KeyStore, Keys, aad, open_sealed, seal
from .errors import ConcurrentEdit, NotFound, SchemaTooNew, StoreError, TamperedData, WrongStationKey
from .files import BlobStore
from .migrations import LATEST, MIGRATIONS, Migration, migrate, schema_version

DB_NAME = "store.sqlite3"
FILES_DIR = "files"
DEFAULT_DRAFT_DAYS = 7
DEFAULT_ACCEPTED_DAYS = 30
DEFAULT_REJECTED_DAYS = 30
SYNCHRONOUS = ("FULL", "NORMAL")
UTC = timezone.utc
S = DossierState


def ts(moment: datetime) -> str:
    """Stored form of a timestamp: UTC, microseconds, sorts as text."""
    if moment.tzinfo is None:
        raise DomainError("timestamps must carry a time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_ts(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _pack(items: tuple[bytes, ...]) -> bytes:
    return b"".join(len(item).to_bytes(4, "big") + item for item in items)


def _unpack(data: bytes) -> tuple[bytes, ...]:
    items, i = [], 0
    while i < len(data):
        size = int.from_bytes(data[i : i + 4], "big")
        items.append(data[i + 4 : i + 4 + size])
        i += 4 + size
    return tuple(items)


@dataclass(frozen=True)
class Retention:
    """Days after which the store purges a dossier; None keeps them."""

    draft_days: int | None = DEFAULT_DRAFT_DAYS  # drafts not touched for this long are abandoned
    accepted_days: int | None = DEFAULT_ACCEPTED_DAYS  # after the official code came back
    rejected_days: int | None = DEFAULT_REJECTED_DAYS  # after the provincial system rejected it


class Store:
    def __init__(
        self,
        data_dir: Path | str,
        keys: KeyStore,
        station_id: str = "station",
        *,
        synchronous: str = "FULL",
        migrations: list[Migration] = MIGRATIONS,
    ):
        self.data_dir = Path(data_dir)
        self.station_id = nfc(station_id)
        if not RECEIVER.fullmatch(self.station_id):
            raise DomainError("the station id must be letters, digits, '.', '_', '@' or '-'")
        if synchronous.upper() not in SYNCHRONOUS:
            raise ValueError(f"synchronous must be one of {SYNCHRONOUS}")
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.path = self.data_dir / DB_NAME
        self._keys = Keys(keys.station_key())
        self.conn = self._connect(synchronous.upper(), migrations)
        self.db = sqlite_utils.Database(self.conn)
        self.blobs = BlobStore(self.data_dir / FILES_DIR)
        self.blobs.remove_stale_temporaries()

    # --- opening -----------------------------------------------------------------------------

    def _connect(self, synchronous: str, migrations: list[Migration]) -> sqlite3.Connection:
        where = str(self.path)
        conn = sqlite3.connect(where, timeout=30, isolation_level=None)
        try:
            try:
                found = schema_version(conn)
            except sqlite3.DatabaseError as error:
                raise StoreError(f"{where} is not a readable store ({error})") from None
            latest = migrations[-1].version if migrations else 0
            if found > latest:
                raise SchemaTooNew(where, found, latest)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")  # deleted rows are overwritten in the file
            migrate(conn, where, migrations)
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute("SELECT value FROM meta WHERE key = 'key_check'").fetchone()
            if row is None:
                conn.execute("INSERT INTO meta (key, value) VALUES ('key_check', ?)", (self._keys.key_check_value(),))
                conn.execute("COMMIT")
            else:
                conn.execute("ROLLBACK")
                if not self._keys.opens(row[0]):
                    raise WrongStationKey(where)
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _actor(self, actor: str | None) -> str:
        return nfc(actor) if actor else self.station_id

    # --- audit -------------------------------------------------------------------------------

    def record(self, action: str, actor: str | None = None, dossier_id: str | None = None,
               now: datetime | None = None) -> None:
        """Append an audit entry on its own (read_card, scan…); the store's own writes audit themselves."""
        with self._tx() as conn:
            audit.append(conn, self._keys.audit, ts(now or utcnow()), self._actor(actor), action, dossier_id)

    def verify_audit(self) -> list[AuditProblem]:
        return audit.verify(self.conn, self._keys.audit)

    def audit_log(self, dossier_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT seq, at, actor, action, dossier_id FROM audit"
        if dossier_id:
            return list(self.db.query(sql + " WHERE dossier_id = ? ORDER BY seq", [dossier_id]))
        return list(self.db.query(sql + " ORDER BY seq"))

    # --- keys and sealing --------------------------------------------------------------------

    def _data_key(self, owner: str, wrapped: bytes) -> bytes:
        return self._keys.unwrap_data_key(wrapped, owner)

    def _seal_text(self, key: bytes, table: str, row: str, field: str, text: str) -> bytes:
        return seal(key, text.encode(), aad(table, row, field))

    def _open_text(self, key: bytes, table: str, row: str, field: str, sealed: bytes) -> str:
        what = f"{table[:-1]} {row}: field {field}"
        return open_sealed(key, sealed, aad(table, row, field), what).decode()

    def _search_terms(self, citizen: CitizenSnapshot) -> list[tuple[str, bytes]]:
        folded = fold(citizen.full_name)
        terms = [("id", self._keys.search_hash("id", citizen.id_number)),
                 ("name", self._keys.search_hash("name", folded))]
        terms += [("word", self._keys.search_hash("word", word)) for word in sorted(set(folded.split()))]
        return terms

    def _encrypt_document(self, doc: Document, owner: str, key: bytes) -> dict[str, Any]:
        """Write the document's encrypted file (fsynced) and return its row (without owner column)."""
        if doc.content is None:
            raise DomainError(f"document {doc.id} is new but was given without its content")
        row = f"{owner}/{doc.id}"
        name = self.blobs.put(seal(key, doc.content, aad("documents", row, "content")))
        return {
            "id": doc.id,
            "file": name,
            "size": doc.size,
            "page_count": doc.page_count,
            "sha256": seal(key, doc.sha256.encode(), aad("documents", row, "sha256")),
            "thumbnails": seal(key, _pack(doc.thumbnails), aad("documents", row, "thumbnails")),
        }

    def _document_from_row(self, row: sqlite3.Row | tuple, owner: str, key: bytes, with_content: bool) -> Document:
        doc_id, file, size, page_count, sha_sealed, thumbs_sealed = row
        ref = f"{owner}/{doc_id}"
        sha = open_sealed(key, sha_sealed, aad("documents", ref, "sha256"), f"document {doc_id}: its hash").decode()
        thumbs = _unpack(open_sealed(key, thumbs_sealed, aad("documents", ref, "thumbnails"),
                                     f"document {doc_id}: its thumbnails"))
        content = self._read_file(doc_id, owner, key, file) if with_content else None
        try:  # Document checks the content against its size and SHA-256
            return Document(sha256=sha, size=size, page_count=page_count, thumbnails=thumbs, content=content,
                            id=doc_id)
        except DomainError:
            raise TamperedData(f"document {doc_id}: its content") from None

    def _read_file(self, doc_id: str, owner: str, key: bytes, file: str) -> bytes:
        try:
            sealed = self.blobs.get(file)
        except FileNotFoundError:
            raise StoreError(f"document {doc_id}: its file {file} is missing") from None
        # GCM's tag, bound to this document by the associated data, detects any changed or swapped file:
        # hashing the sealed bytes against the file's name as well would only cost time on every upload
        return open_sealed(key, sealed, aad("documents", f"{owner}/{doc_id}", "content"), f"document {doc_id}: its file")

    # --- writing dossiers --------------------------------------------------------------------

    def save(self, dossier: Dossier, actor: str | None = None, now: datetime | None = None) -> None:
        """Keep a draft or ready dossier (new, or edited). A queued dossier saved back as draft or
        ready leaves the outbox: it was edited before upload."""
        if dossier.state not in (S.DRAFT, S.READY):
            raise DomainError(
                f"save() keeps draft and ready dossiers; this one is '{dossier.state.value}' "
                "(use submit(), or the upload methods of the relay)"
            )
        self._write(dossier, actor, "save", now, queue=False)

    def submit(self, dossier: Dossier, actor: str | None = None, now: datetime | None = None) -> None:
        """Mark the dossier ready (if it is a draft) and queue it: the dossier, its outbox entry and the
        audit row are written in one transaction. On return the dossier is on disk for good."""
        now = now or utcnow()
        before = (dossier.state, dossier.updated_at)
        if dossier.state is S.DRAFT:
            dossier.mark_ready(now)
        try:
            dossier.transition(S.QUEUED, now)
            self._write(dossier, actor, "submit", now, queue=True)
        except BaseException:
            dossier.state, dossier.updated_at = before
            raise

    def _write(self, dossier: Dossier, actor: str | None, action: str, now: datetime | None, queue: bool) -> None:
        now = now or utcnow()
        conn = self.conn
        existing = conn.execute("SELECT state, wrapped_key FROM dossiers WHERE id = ?", (dossier.id,)).fetchone()
        if existing:
            self._check_stored_state(S(existing[0]), dossier.state)
            wrapped = existing[1]
            key = self._data_key(dossier.id, wrapped)
        else:
            key = self._keys.new_data_key()
            wrapped = self._keys.wrap_data_key(key, dossier.id)
        stored_docs = {r[0] for r in conn.execute("SELECT id FROM documents WHERE dossier_id = ?", (dossier.id,))}
        new_rows = []
        try:
            for doc in dossier.documents:
                if doc.id not in stored_docs:
                    new_rows.append(self._encrypt_document(doc, dossier.id, key))
            with self._tx():
                dropped = self._write_rows(dossier, wrapped, key, new_rows, actor, action, now, queue)
        except BaseException:
            for row in new_rows:
                self.blobs.shred(row["file"])
            raise
        for file in dropped:
            self.blobs.shred(file)

    @staticmethod
    def _check_stored_state(stored: DossierState, new: DossierState) -> None:
        # An edited dossier may come back from ready or queued; once the relay has it, no more.
        if stored not in (S.DRAFT, S.READY, S.QUEUED):
            raise IllegalTransition(stored, new)

    def _write_rows(self, dossier: Dossier, wrapped: bytes, key: bytes, new_rows: list[dict[str, Any]],
                    actor: str | None, action: str, now: datetime, queue: bool) -> list[str]:
        """Write every row of the dossier; return the files of documents it no longer has."""
        conn = self.conn
        row = conn.execute("SELECT state, wrapped_key FROM dossiers WHERE id = ?", (dossier.id,)).fetchone()
        if row is not None:
            self._check_stored_state(S(row[0]), dossier.state)
            if row[1] != wrapped:
                raise ConcurrentEdit(f"dossier {dossier.id} was created by another writer at the same time")
        citizen = json.dumps(dossier.citizen.to_dict(), ensure_ascii=False, sort_keys=True)
        reason = dossier.rejection_reason
        conn.execute(
            """INSERT INTO dossiers (id, procedure_code, receiving_unit, competent_unit, received_by, station_id,
                   state, official_code, created_at, updated_at, wrapped_key, citizen, rejection_reason)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(id) DO UPDATE SET procedure_code = excluded.procedure_code,
                   receiving_unit = excluded.receiving_unit, competent_unit = excluded.competent_unit,
                   received_by = excluded.received_by, state = excluded.state,
                   official_code = excluded.official_code, updated_at = excluded.updated_at,
                   citizen = excluded.citizen, rejection_reason = excluded.rejection_reason""",
            (dossier.id, dossier.procedure_code, dossier.receiving_unit, dossier.competent_unit,
             dossier.received_by, self.station_id, dossier.state.value, dossier.official_code,
             ts(dossier.created_at), ts(dossier.updated_at or now), wrapped,
             self._seal_text(key, "dossiers", dossier.id, "citizen", citizen),
             self._seal_text(key, "dossiers", dossier.id, "rejection_reason", reason) if reason else None),
        )
        conn.execute("DELETE FROM components WHERE dossier_id = ?", (dossier.id,))
        for r in new_rows:
            conn.execute(
                "INSERT INTO documents (id, dossier_id, file, size, page_count, sha256, thumbnails) VALUES (?,?,?,?,?,?,?)",
                (r["id"], dossier.id, r["file"], r["size"], r["page_count"], r["sha256"], r["thumbnails"]),
            )
        keep = {doc.id for doc in dossier.documents}
        dropped = []
        for doc_id, file in conn.execute("SELECT id, file FROM documents WHERE dossier_id = ?", (dossier.id,)).fetchall():
            if doc_id not in keep:
                conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
                dropped.append(file)
        for position, component in enumerate(dossier.components):
            wallet_ref = (self._seal_text(key, "components", f"{dossier.id}/{component.id}", "wallet_item_id",
                                          component.wallet_item_id) if component.wallet_item_id else None)
            conn.execute(
                "INSERT INTO components (id, dossier_id, position, name, required, document_id, wallet_item_id) "
                "VALUES (?,?,?,?,?,?,?)",
                (component.id, dossier.id, position, component.name, int(component.required),
                 component.document.id if component.document else None, wallet_ref),
            )
        conn.execute("DELETE FROM search WHERE dossier_id = ?", (dossier.id,))
        conn.executemany("INSERT OR IGNORE INTO search (kind, digest, dossier_id) VALUES (?,?,?)",
                         [(kind, digest, dossier.id) for kind, digest in self._search_terms(dossier.citizen)])
        if queue:
            conn.execute(
                """INSERT INTO outbox (dossier_id, created_at, attempts, next_attempt_at, state, last_error)
                   VALUES (?, ?, 0, ?, 'pending', NULL)
                   ON CONFLICT(dossier_id) DO UPDATE SET attempts = 0, next_attempt_at = excluded.next_attempt_at,
                       state = 'pending', last_error = NULL""",
                (dossier.id, ts(now), ts(now)),
            )
        else:
            conn.execute("DELETE FROM outbox WHERE dossier_id = ?", (dossier.id,))
        audit.append(conn, self._keys.audit, ts(now), self._actor(actor), action, dossier.id)
        return dropped

    # --- reading dossiers --------------------------------------------------------------------

    def _row(self, dossier_id: str) -> sqlite3.Row:
        self.conn.row_factory = sqlite3.Row
        try:
            row = self.conn.execute("SELECT * FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        finally:
            self.conn.row_factory = None
        if row is None:
            raise NotFound(f"no dossier {dossier_id} in this store")
        return row

    def load(self, dossier_id: str, with_content: bool = False) -> Dossier:
        """The dossier, decrypted. Documents carry their PDF only with `with_content`."""
        row = self._row(dossier_id)
        key = self._data_key(dossier_id, row["wrapped_key"])
        citizen = CitizenSnapshot.from_dict(json.loads(self._open_text(key, "dossiers", dossier_id, "citizen", row["citizen"])))
        reason = (self._open_text(key, "dossiers", dossier_id, "rejection_reason", row["rejection_reason"])
                  if row["rejection_reason"] is not None else None)
        docs = {
            r[0]: self._document_from_row(r, dossier_id, key, with_content)
            for r in self.conn.execute(
                "SELECT id, file, size, page_count, sha256, thumbnails FROM documents WHERE dossier_id = ?", (dossier_id,))
        }
        components = []
        for comp_id, name, required, document_id, wallet_ref in self.conn.execute(
            "SELECT id, name, required, document_id, wallet_item_id FROM components WHERE dossier_id = ? ORDER BY position",
            (dossier_id,),
        ):
            wallet_item_id = (self._open_text(key, "components", f"{dossier_id}/{comp_id}", "wallet_item_id", wallet_ref)
                              if wallet_ref is not None else None)
            components.append(Component(name=name, required=bool(required), document=docs.get(document_id),
                                        wallet_item_id=wallet_item_id, id=comp_id))
        return Dossier(
            procedure_code=row["procedure_code"], receiving_unit=row["receiving_unit"],
            competent_unit=row["competent_unit"], citizen=citizen, received_by=row["received_by"],
            components=components, state=S(row["state"]), official_code=row["official_code"],
            rejection_reason=reason, created_at=parse_ts(row["created_at"]),
            updated_at=parse_ts(row["updated_at"]), id=row["id"],
        )

    def read_document(self, document_id: str) -> bytes:
        """The decrypted PDF of one document (of a dossier or of an e-wallet item)."""
        row = self.conn.execute(
            """SELECT d.file, d.size, d.sha256, d.dossier_id, d.wallet_item_id,
                      coalesce(x.wrapped_key, w.wrapped_key)
               FROM documents d LEFT JOIN dossiers x ON x.id = d.dossier_id
               LEFT JOIN wallet_items w ON w.id = d.wallet_item_id WHERE d.id = ?""",
            (document_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no document {document_id} in this store")
        file, size, sha_sealed, dossier_id, wallet_id, wrapped = row
        owner = dossier_id or wallet_id
        key = self._data_key(owner, wrapped)
        sha = open_sealed(key, sha_sealed, aad("documents", f"{owner}/{document_id}", "sha256"),
                          f"document {document_id}: its hash").decode()
        content = self._read_file(document_id, owner, key, file)
        if len(content) != size or hashlib.sha256(content).hexdigest() != sha:
            raise TamperedData(f"document {document_id}: its content")
        return content

    _SUMMARY = """SELECT d.id, d.procedure_code, d.receiving_unit, d.competent_unit, d.received_by, d.station_id,
                   d.state, d.official_code, d.created_at, d.updated_at,
                   (SELECT count(*) FROM components c WHERE c.dossier_id = d.id) AS components,
                   (SELECT count(*) FROM documents m WHERE m.dossier_id = d.id) AS documents,
                   (SELECT coalesce(sum(page_count), 0) FROM documents m WHERE m.dossier_id = d.id) AS pages,
                   o.state AS outbox_state, o.attempts AS upload_attempts, o.next_attempt_at
                  FROM dossiers d LEFT JOIN outbox o ON o.dossier_id = d.id"""

    def _summaries(self, where: str, params: list[Any], order: str = "d.created_at DESC",
                   limit: int | None = None, include_citizen: bool = False) -> list[dict[str, Any]]:
        sql = self._SUMMARY + (f" WHERE {where}" if where else "") + f" ORDER BY {order}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = list(self.db.query(sql, params))
        if include_citizen:
            for row in rows:
                row["citizen"] = self._citizen_summary(row["id"])
        return rows

    def _citizen_summary(self, dossier_id: str) -> dict[str, str] | None:
        """ID number and name, or None (with the problem in `check()`) when they cannot be opened."""
        wrapped, sealed = self.conn.execute(
            "SELECT wrapped_key, citizen FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        try:
            key = self._data_key(dossier_id, wrapped)
            data = json.loads(self._open_text(key, "dossiers", dossier_id, "citizen", sealed))
        except TamperedData:
            return None
        return {"id_number": data["id_number"], "full_name": data["full_name"]}

    def list_dossiers(self, state: DossierState | str | None = None, *, station_id: str | None = None,
                      received_by: str | None = None, since: datetime | None = None,
                      until: datetime | None = None, limit: int | None = None,
                      include_citizen: bool = False) -> list[dict[str, Any]]:
        """Dossiers as plain dicts, newest first, with no personal data unless `include_citizen`
        (then `citizen` = {id_number, full_name}, or None if it fails its integrity check).
        `since`/`until` filter the creation time (until exclusive)."""
        where, params = [], []
        if state is not None:
            where.append("d.state = ?")
            params.append(S(state).value)
        if station_id is not None:
            where.append("d.station_id = ?")
            params.append(station_id)
        if received_by is not None:
            where.append("d.received_by = ?")
            params.append(received_by)
        if since is not None:
            where.append("d.created_at >= ?")
            params.append(ts(since))
        if until is not None:
            where.append("d.created_at < ?")
            params.append(ts(until))
        return self._summaries(" AND ".join(where), params, limit=limit, include_citizen=include_citizen)

    def list_today(self, now: datetime | None = None, tz: timezone = timezone(timedelta(hours=7)),
                   include_citizen: bool = False) -> list[dict[str, Any]]:
        """This station's dossiers created today (local day, Vietnam time by default)."""
        local = (now or utcnow()).astimezone(tz)
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return self.list_dossiers(station_id=self.station_id, since=start, until=start + timedelta(days=1),
                                  include_citizen=include_citizen)

    def count_by_state(self) -> dict[str, int]:
        counts = {state.value: 0 for state in S}
        for state, count in self.conn.execute("SELECT state, count(*) FROM dossiers GROUP BY state"):
            counts[state] = count
        return counts

    def find_by_id_number(self, id_number: str, include_citizen: bool = False) -> list[dict[str, Any]]:
        digest = self._keys.search_hash("id", nfc(id_number))
        return self._summaries("d.id IN (SELECT dossier_id FROM search WHERE kind = 'id' AND digest = ?)",
                               [digest], include_citizen=include_citizen)

    def find_by_name(self, name: str, include_citizen: bool = False) -> list[dict[str, Any]]:
        """Dossiers whose citizen's name holds every word of `name`, ignoring marks, đ/d and case:
        "nguyen thi hong nhung", "NHUNG", "Hồng Nhung" all find "Nguyễn Thị Hồng Nhung"."""
        words = sorted(set(fold(nfc(name)).split()))
        if not words:
            return []
        digests = [self._keys.search_hash("word", word) for word in words]
        marks = ",".join("?" * len(digests))
        return self._summaries(
            f"""d.id IN (SELECT dossier_id FROM search WHERE kind = 'word' AND digest IN ({marks})
                       GROUP BY dossier_id HAVING count(*) = ?)""",
            [*digests, len(digests)], include_citizen=include_citizen)

    def show(self, dossier_id: str, actor: str | None = None, now: datetime | None = None) -> dict[str, Any]:
        """Everything about one dossier, decrypted, as a plain dict (no PDF bytes). Audited as 'view'."""
        dossier = self.load(dossier_id)
        self.record("view", actor, dossier_id, now)
        return self._details(dossier)

    def _details(self, dossier: Dossier) -> dict[str, Any]:
        outbox = self.db.query("SELECT state, attempts, next_attempt_at, last_error FROM outbox WHERE dossier_id = ?",
                               [dossier.id])
        return {
            "id": dossier.id,
            "procedure_code": dossier.procedure_code,
            "receiving_unit": dossier.receiving_unit,
            "competent_unit": dossier.competent_unit,
            "received_by": dossier.received_by,
            "state": dossier.state.value,
            "official_code": dossier.official_code,
            "rejection_reason": dossier.rejection_reason,
            "created_at": dossier.created_at.isoformat(),
            "updated_at": dossier.updated_at.isoformat() if dossier.updated_at else None,
            "citizen": dossier.citizen.to_dict(),
            "components": [
                {
                    "id": c.id,
                    "name": c.name,
                    "required": c.required,
                    "provided": c.provided,
                    "wallet_item_id": c.wallet_item_id,
                    "document": None if c.document is None else {
                        "id": c.document.id, "sha256": c.document.sha256, "size": c.document.size,
                        "page_count": c.document.page_count, "media_type": c.document.media_type,
                    },
                }
                for c in dossier.components
            ],
            "outbox": next(iter(outbox), None),
        }

    def export(self, dossier_id: str, folder: Path | str, actor: str | None = None,
               now: datetime | None = None) -> Path:
        """Write the dossier's decrypted PDFs and a JSON manifest into `folder/<dossier id>/`.
        The folder must not exist yet or be empty. Audited as 'export'. Returns the folder written."""
        dossier = self.load(dossier_id, with_content=True)
        target = Path(folder) / dossier.id
        if target.exists() and any(target.iterdir()):
            raise StoreError(f"{target} already exists and is not empty")
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        manifest = self._details(dossier)
        for number, (component, entry) in enumerate(zip(dossier.components, manifest["components"]), start=1):
            if component.document is None:
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", fold(component.name)).strip("-")[:60] or "document"
            name = f"{number:02d}-{slug}.pdf"
            _write_file(target / name, component.document.content or b"")
            entry["file"] = name
        _write_file(target / "manifest.json",
                    json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode())
        self.record("export", actor, dossier_id, now)
        return target

    # --- relay (outbox) ----------------------------------------------------------------------

    def due_uploads(self, now: datetime | None = None, limit: int = 10) -> list[str]:
        """Ids of queued dossiers whose next attempt is due, oldest first."""
        return [r[0] for r in self.conn.execute(
            "SELECT dossier_id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? "
            "ORDER BY next_attempt_at LIMIT ?", (ts(now or utcnow()), int(limit)))]

    def _set_state(self, dossier_id: str, target: DossierState, now: datetime, actor: str | None,
                   action: str, outbox_sql: str | None = None, outbox_params: tuple = (),
                   official_code: str | None = None, reason: str | None = None) -> None:
        with self._tx() as conn:
            row = conn.execute("SELECT state, wrapped_key FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
            if row is None:
                raise NotFound(f"no dossier {dossier_id} in this store")
            check_transition(S(row[0]), target)
            sealed_reason = None
            if reason is not None:
                key = self._data_key(dossier_id, row[1])
                sealed_reason = self._seal_text(key, "dossiers", dossier_id, "rejection_reason", reason)
            conn.execute(
                "UPDATE dossiers SET state = ?, updated_at = ?, official_code = coalesce(?, official_code), "
                "rejection_reason = coalesce(?, rejection_reason) WHERE id = ?",
                (target.value, ts(now), official_code, sealed_reason, dossier_id))
            if outbox_sql:
                conn.execute(outbox_sql, outbox_params)
            audit.append(conn, self._keys.audit, ts(now), self._actor(actor), action, dossier_id)

    def begin_upload(self, dossier_id: str, now: datetime | None = None, actor: str | None = None) -> Dossier:
        """queued → uploading; returns the dossier for the relay to send. Its documents come without
        their PDFs: `content_reader` gives those, so they are decrypted while other files are on the wire."""
        now = now or utcnow()
        self._set_state(dossier_id, S.UPLOADING, now, actor, "upload",
                        "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE dossier_id = ?",
                        (dossier_id,))
        return self.load(dossier_id)

    def content_reader(self, dossier_id: str) -> Callable[[Document], bytes]:
        """A function giving each of the dossier's documents its PDF. It reads only files, never the
        database, so upload threads may call it. GCM's tag proves the file is the one sealed for this
        document; its SHA-256 is not computed again here because the province checks every byte against
        it anyway (a mismatch is refused there, and sent again)."""
        key = self._data_key(dossier_id, self._row(dossier_id)["wrapped_key"])
        files = dict(self.conn.execute("SELECT id, file FROM documents WHERE dossier_id = ?", (dossier_id,)))

        def read(document: Document) -> bytes:
            if document.id not in files:
                raise NotFound(f"document {document.id} is not part of dossier {dossier_id}")
            content = self._read_file(document.id, dossier_id, key, files[document.id])
            if len(content) != document.size:
                raise TamperedData(f"document {document.id}: its content")
            return content

        return read

    def upload_failed(self, dossier_id: str, error: str, now: datetime | None = None,
                      retry_after: timedelta | None = None, actor: str | None = None) -> None:
        """uploading → queued, next attempt after `retry_after` (default: exponential, 30 s to 1 h).
        `error` must not hold personal data (it is stored in clear)."""
        now = now or utcnow()
        attempts = self.conn.execute("SELECT attempts FROM outbox WHERE dossier_id = ?", (dossier_id,)).fetchone()
        if retry_after is None:
            retry_after = timedelta(seconds=min(3600, 30 * 2 ** max(0, (attempts[0] if attempts else 1) - 1)))
        self._set_state(dossier_id, S.QUEUED, now, actor, "upload_failed",
                        "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE dossier_id = ?",
                        (ts(now + retry_after), error[:500], dossier_id))

    def upload_accepted(self, dossier_id: str, official_code: str, now: datetime | None = None,
                        actor: str | None = None) -> None:
        code = validate_dossier_code(official_code)
        self._set_state(dossier_id, S.ACCEPTED, now or utcnow(), actor, "accept",
                        "UPDATE outbox SET state = 'done', last_error = NULL WHERE dossier_id = ?", (dossier_id,),
                        official_code=code)

    def upload_rejected(self, dossier_id: str, reason: str, now: datetime | None = None,
                        actor: str | None = None) -> None:
        self._set_state(dossier_id, S.REJECTED, now or utcnow(), actor, "reject",
                        "UPDATE outbox SET state = 'done' WHERE dossier_id = ?", (dossier_id,),
                        reason=nfc(reason) or "no reason given")

    def recover_interrupted_uploads(self, now: datetime | None = None) -> list[str]:
        """After a crash: dossiers left 'uploading' go back to the queue (call at relay start)."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM dossiers WHERE state = 'uploading'")]
        for dossier_id in ids:
            self.upload_failed(dossier_id, "interrupted", now, retry_after=timedelta(0))
        return ids

    def outbox_attempts(self, dossier_id: str) -> int:
        row = self.conn.execute("SELECT attempts FROM outbox WHERE dossier_id = ?", (dossier_id,)).fetchone()
        if row is None:
            raise NotFound(f"no outbox entry for dossier {dossier_id}")
        return row[0]

    def outbox_summary(self) -> dict[str, Any]:
        """What `kiosk sync status` shows: the queue, its bytes, the last success and error, the next try."""
        waiting = "SELECT dossier_id FROM outbox WHERE state IN ('pending', 'sending')"
        queue = self.conn.execute(f"SELECT count(*) FROM ({waiting})").fetchone()[0]
        pending = self.conn.execute(f"SELECT coalesce(sum(size), 0) FROM documents WHERE dossier_id IN ({waiting})")
        last_success = self.conn.execute("SELECT max(updated_at) FROM dossiers WHERE state = 'accepted'").fetchone()[0]
        last_error = self.conn.execute("SELECT last_error FROM outbox WHERE state = 'pending' AND last_error IS NOT NULL "
                                       "ORDER BY next_attempt_at DESC LIMIT 1").fetchone()
        next_attempt = self.conn.execute("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'").fetchone()[0]
        return {"queue": queue, "bytes_pending": pending.fetchone()[0], "last_success": last_success,
                "last_error": last_error[0] if last_error else None, "next_attempt": next_attempt}

    # --- e-wallet draft items ----------------------------------------------------------------

    def save_wallet_item(self, item: WalletItem, actor: str | None = None, now: datetime | None = None) -> None:
        if self.conn.execute("SELECT 1 FROM wallet_items WHERE id = ?", (item.id,)).fetchone():
            raise StoreError(f"e-wallet item {item.id} is already stored (items do not change)")
        key = self._keys.new_data_key()
        wrapped = self._keys.wrap_data_key(key, item.id)
        doc_row = self._encrypt_document(item.document, item.id, key)
        try:
            with self._tx() as conn:
                conn.execute(
                    "INSERT INTO wallet_items (id, owner_digest, created_at, source_dossier_id, wrapped_key, title) "
                    "VALUES (?,?,?,?,?,?)",
                    (item.id, self._keys.search_hash("id", item.owner_id_number), ts(item.created_at),
                     item.source_dossier_id, wrapped, self._seal_text(key, "wallet_items", item.id, "title", item.title)))
                conn.execute(
                    "INSERT INTO documents (id, wallet_item_id, file, size, page_count, sha256, thumbnails) "
                    "VALUES (?,?,?,?,?,?,?)",
                    (doc_row["id"], item.id, doc_row["file"], doc_row["size"], doc_row["page_count"],
                     doc_row["sha256"], doc_row["thumbnails"]))
                audit.append(conn, self._keys.audit, ts(now or utcnow()), self._actor(actor), "wallet_save",
                             item.source_dossier_id)
        except BaseException:
            self.blobs.shred(doc_row["file"])
            raise

    def wallet_items(self, id_number: str, with_content: bool = False) -> list[WalletItem]:
        """The citizen's e-wallet draft items kept on this station, oldest first."""
        digest = self._keys.search_hash("id", nfc(id_number))
        items = []
        for item_id, created, source, wrapped, title in self.conn.execute(
            "SELECT id, created_at, source_dossier_id, wrapped_key, title FROM wallet_items "
            "WHERE owner_digest = ? ORDER BY created_at", (digest,)).fetchall():
            key = self._data_key(item_id, wrapped)
            doc_row = self.conn.execute(
                "SELECT id, file, size, page_count, sha256, thumbnails FROM documents WHERE wallet_item_id = ?",
                (item_id,)).fetchone()
            items.append(WalletItem(
                owner_id_number=nfc(id_number), title=self._open_text(key, "wallet_items", item_id, "title", title),
                document=self._document_from_row(doc_row, item_id, key, with_content),
                created_at=parse_ts(created), source_dossier_id=source, id=item_id))
        return items

    # --- retention ---------------------------------------------------------------------------

    def purge(self, now: datetime | None = None, retention: Retention = Retention(),
              actor: str | None = None) -> list[str]:
        """Delete abandoned drafts and finished dossiers past their retention: rows (zeroed in the
        file by secure_delete, and the WAL truncated), files overwritten then deleted, one 'purge'
        audit entry each; then shred files a crash left unreferenced (older than an hour).
        Returns the ids purged. Meant to run daily (and at start-up)."""
        now = now or utcnow()
        rules = [(S.DRAFT, retention.draft_days), (S.ACCEPTED, retention.accepted_days),
                 (S.REJECTED, retention.rejected_days)]
        ids: list[str] = []
        for state, days in rules:
            if days is None:
                continue
            cutoff = ts(now - timedelta(days=days))
            ids += [r[0] for r in self.conn.execute(
                "SELECT id FROM dossiers WHERE state = ? AND updated_at < ?", (state.value, cutoff))]
        for dossier_id in ids:
            with self._tx() as conn:
                files = [r[0] for r in conn.execute("SELECT file FROM documents WHERE dossier_id = ?", (dossier_id,))]
                conn.execute("DELETE FROM components WHERE dossier_id = ?", (dossier_id,))
                conn.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))  # cascades
                audit.append(conn, self._keys.audit, ts(now), self._actor(actor), "purge", dossier_id)
            for file in files:
                self.blobs.shred(file)
        if ids:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.remove_orphans()  # files a crash left behind, unreferenced for an hour or more
        return ids

    # --- integrity ---------------------------------------------------------------------------

    def check(self, verify_files: bool = True) -> list[str]:
        """Problems found (empty list: the store is sound). Checks SQLite's own integrity, foreign
        keys, that every wrapped key and sealed field opens, that every file is present, matches its
        name (SHA-256 of the ciphertext), decrypts and matches the document's hash; and the audit
        chain. Messages hold ids only, no personal data. Unreferenced files are not problems
        (a crash between writing a file and committing leaves them): see `orphan_files()`."""
        problems: list[str] = []
        for (result,) in self.conn.execute("PRAGMA integrity_check"):
            if result != "ok":
                problems.append(f"database: {result}")
        for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"database: a row of {table} ({rowid}) points to a missing {parent}")
        keys: dict[str, bytes] = {}
        for owner, wrapped, table, field, sealed in [
            *self.conn.execute("SELECT id, wrapped_key, 'dossiers', 'citizen', citizen FROM dossiers"),
            *self.conn.execute("SELECT id, wrapped_key, 'wallet_items', 'title', title FROM wallet_items"),
        ]:
            try:
                keys[owner] = self._data_key(owner, wrapped)
                self._open_text(keys[owner], table, owner, field, sealed)
            except TamperedData as error:
                problems.append(str(error))
        for dossier_id, sealed in self.conn.execute(
                "SELECT id, rejection_reason FROM dossiers WHERE rejection_reason IS NOT NULL"):
            if dossier_id in keys:
                try:
                    self._open_text(keys[dossier_id], "dossiers", dossier_id, "rejection_reason", sealed)
                except TamperedData as error:
                    problems.append(str(error))
        for comp_id, dossier_id, sealed in self.conn.execute(
                "SELECT id, dossier_id, wallet_item_id FROM components WHERE wallet_item_id IS NOT NULL"):
            if dossier_id in keys:
                try:
                    self._open_text(keys[dossier_id], "components", f"{dossier_id}/{comp_id}", "wallet_item_id", sealed)
                except TamperedData as error:
                    problems.append(str(error))
        for row in self.conn.execute(
                "SELECT id, file, size, page_count, sha256, thumbnails, coalesce(dossier_id, wallet_item_id) FROM documents"):
            owner = row[6]
            if owner not in keys:
                continue  # already reported: its key does not open
            if not self.blobs.exists(row[1]):
                problems.append(f"document {row[0]}: its file {row[1]} is missing")
                continue
            try:
                self._document_from_row(row[:6], owner, keys[owner], with_content=verify_files)
            except StoreError as error:
                problems.append(str(error))
        problems += [str(p) for p in self.verify_audit()]
        return problems

    def orphan_files(self) -> list[str]:
        referenced = {r[0] for r in self.conn.execute("SELECT file FROM documents")}
        return [name for name in self.blobs.names() if name not in referenced]

    def remove_orphans(self, min_age_seconds: float = 3600) -> int:
        """Shred files no row references, older than `min_age_seconds` (younger ones may belong to a
        transaction still running in another process)."""
        limit = time.time() - min_age_seconds
        removed = 0
        for name in self.orphan_files():
            try:
                if self.blobs.path(name).stat().st_mtime <= limit:
                    self.blobs.shred(name)
                    removed += 1
            except FileNotFoundError:
                pass
        return removed


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def open_store(data_dir: Path | str, key_dir: Path | str, station_id: str) -> Store:
    """The store of the station: data in `data_dir` (config.data_dir / "store" at runtime), the
    station key in `key_dir` (the configuration folder), created on first use."""
    from .crypto import FileKeyStore

    return Store(data_dir, FileKeyStore(key_dir), station_id)


__all__ = ["Store", "Retention", "open_store", "LATEST", "ts", "parse_ts"]

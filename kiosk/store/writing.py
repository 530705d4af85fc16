"""Writing dossiers: a draft or ready dossier kept (`save`), or queued for the province (`submit`).

Crash safety: document files are written (and fsynced) before the transaction that references
them; the dossier, its components, its search hashes, its outbox entry, the new e-wallet items made
from it (with their documents) and the audit rows are written in one transaction, and
`synchronous=FULL` makes a returned commit survive a power cut. A crash can leave only unreferenced files behind, which `remove_orphans()` deletes; a failure that
is not a crash (an error, a refused row) shreds the files written for the transaction before it
is raised again, so nothing of the attempt stays.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Iterable

from kiosk.domain import Dossier, DomainError, DossierState, IllegalTransition, WalletItem, utcnow

from .errors import ConcurrentEdit
from .opening import ts
from .wallet import Wallet

S = DossierState


class Writing(Wallet):
    def save(self, dossier: Dossier, actor: str | None = None, now: datetime | None = None) -> None:
        """Keep a draft or ready dossier (new, or edited). A queued dossier saved back as draft or
        ready leaves the outbox: it was edited before upload."""
        if dossier.state not in (S.DRAFT, S.READY):
            raise DomainError(
                f"save() keeps draft and ready dossiers; this one is '{dossier.state.value}' "
                "(use submit(), or the upload methods of the relay)"
            )
        self._write(dossier, actor, "save", now, queue=False)

    def submit(self, dossier: Dossier, actor: str | None = None, now: datetime | None = None,
               wallet_items: Iterable[WalletItem] = ()) -> None:
        """Mark the dossier ready (if it is a draft) and queue it: the dossier, its outbox entry, the
        given new e-wallet items and the audit rows are written in one transaction; if anything fails,
        nothing is written (nor any file left). On return the dossier is on disk for good.

        Each item must have `source_dossier_id == dossier.id`; its document may be one of the
        dossier's own (the same `Document`, with or without content): the item then keeps its own
        copy under the id `wallet.copy_document_id(item.id, document.id)`. An item already stored
        from this dossier with the same document (the dossier submitted again) is left as it is.
        The relay sends the items to the province with their dossier."""
        now = now or utcnow()
        items = self._new_wallet_items(dossier, wallet_items)
        before = (dossier.state, dossier.updated_at)
        if dossier.state is S.DRAFT:
            dossier.mark_ready(now)
        try:
            dossier.transition(S.QUEUED, now)
            self._write(dossier, actor, "submit", now, queue=True, wallet_items=items)
        except BaseException:
            dossier.state, dossier.updated_at = before
            raise

    def _write(self, dossier: Dossier, actor: str | None, action: str, now: datetime | None, queue: bool,
               wallet_items: Iterable[WalletItem] = ()) -> None:
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
        items: list[tuple[WalletItem, dict[str, Any]]] = []
        try:
            for doc in dossier.documents:
                if doc.id not in stored_docs:
                    new_rows.append(self._encrypt_document(doc, dossier.id, key))
            for item in wallet_items:
                items.append((item, self._prepare_wallet_item(item, dossier)))
            with self._tx() as conn:
                dropped = self._write_rows(dossier, wrapped, key, new_rows, actor, action, now, queue)
                for item, prepared in items:
                    self._insert_wallet_item(conn, item, prepared)
                    self._audit(conn, "wallet_save", dossier.id, now, actor)
        except BaseException:
            for row in [*new_rows, *(prepared["document"] for _, prepared in items)]:
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
        # checked before it is rewritten: a write must not re-MAC someone else's edit of the dossier
        row = self._verified_dossier(conn, dossier.id)
        if row is not None:
            self._check_stored_state(S(row["state"]), dossier.state)
            if row["wrapped_key"] != wrapped:
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
        if dossier.first_contact_at is not None or dossier.queue_ticket is not None:  # the wait (schema 5)
            conn.execute("UPDATE dossiers SET first_contact_at = ?, queue_ticket = ? WHERE id = ?",
                         (ts(dossier.first_contact_at) if dossier.first_contact_at else None,
                          dossier.queue_ticket, dossier.id))
        conn.execute("DELETE FROM components WHERE dossier_id = ?", (dossier.id,))
        for r in new_rows:
            self._insert_document(conn, "dossier_id", dossier.id, r)
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
                "INSERT INTO components (id, dossier_id, position, name, required, document_id, wallet_item_id, "
                "shown_in_original) VALUES (?,?,?,?,?,?,?,?)",
                (component.id, dossier.id, position, component.name, int(component.required),
                 component.document.id if component.document else None, wallet_ref,
                 int(component.shown_in_original)),
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
            self._seal_row(conn, "outbox", dossier.id)
        else:
            conn.execute("DELETE FROM outbox WHERE dossier_id = ?", (dossier.id,))
        self._seal_dossier(conn, dossier.id, components=True)
        self._audit(conn, action, dossier.id, now, actor)
        return dropped

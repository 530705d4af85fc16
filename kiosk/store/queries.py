"""Reading dossiers: one decrypted (`load`, `read_document`), or many as plain summaries, listed
or found by the citizen's ID number or name through the keyed search hashes."""

from __future__ import annotations

import hashlib
import hmac
import logging
import json
from datetime import datetime, timedelta, timezone
from typing import Any, Sequence

from kiosk.domain import CitizenSnapshot, Component, Dossier, DossierState, utcnow
from kiosk.text import fold, nfc

from .errors import NotFound, TamperedData
from .opening import parse_ts, ts
from .rowmacs import columns, encoding, key_column, tampered
from .sealing import Sealing

S = DossierState
log = logging.getLogger(__name__)


def _mac_columns() -> str:
    """What checks the dossier's row and its outbox entry's: _dossiers_0…2 and _outbox_0…2 (id, encoding, MAC)."""
    return ", ".join(f"{value} AS _{table}_{i}" for table, alias in (("dossiers", "d"), ("outbox", "o"))
                     for i, value in enumerate((f"{alias}.{key_column(table)}", encoding(table, f"{alias}."),
                                                f"{alias}.mac")))


class Queries(Sealing):
    def _row(self, dossier_id: str) -> dict[str, Any]:
        """The dossier's row, checked against its MAC."""
        row = self._verified_row(self.conn, "dossiers", dossier_id)
        if row is None:
            raise NotFound(f"no dossier {dossier_id} in this store")
        return row

    def official_code(self, dossier_id: str) -> str | None:
        """The province's code for the dossier once it has answered (a column: nothing to unseal)."""
        return self._row(dossier_id)["official_code"]

    def load(self, dossier_id: str, with_content: bool = False) -> Dossier:
        """The dossier, decrypted. Documents carry their PDF only with `with_content`. Every row read is
        checked against its MAC, and the components and documents against the dossier's map: a mismatch
        raises TamperedData and nothing of the dossier is returned."""
        row = self._row(dossier_id)
        self._check_map(self.conn, dossier_id, row["map_mac"])
        key = self._data_key(dossier_id, row["wrapped_key"])
        citizen = CitizenSnapshot.from_dict(json.loads(self._open_text(key, "dossiers", dossier_id, "citizen", row["citizen"])))
        reason = (self._open_text(key, "dossiers", dossier_id, "rejection_reason", row["rejection_reason"])
                  if row["rejection_reason"] is not None else None)
        docs = {r[0]: self._document_from_row(r, dossier_id, key, with_content)
                for r in self._documents_of("dossier_id", dossier_id)}
        components = []
        for part in self.conn.execute(
                f"SELECT {columns('components')} FROM components WHERE dossier_id = ? ORDER BY position",
                (dossier_id,)):
            comp_id, _, _, name, required, document_id, wallet_ref, original = self._check_row("components", part)
            if document_id is not None and document_id not in docs:  # never another owner's document
                raise tampered("components", comp_id)
            wallet_item_id = (self._open_text(key, "components", f"{dossier_id}/{comp_id}", "wallet_item_id", wallet_ref)
                              if wallet_ref is not None else None)
            components.append(Component(name=name, required=bool(required), document=docs.get(document_id),
                                        wallet_item_id=wallet_item_id, id=comp_id, shown_in_original=bool(original)))
        return Dossier(
            procedure_code=row["procedure_code"], receiving_unit=row["receiving_unit"],
            competent_unit=row["competent_unit"], citizen=citizen, received_by=row["received_by"],
            components=components, state=S(row["state"]), official_code=row["official_code"],
            rejection_reason=reason, created_at=parse_ts(row["created_at"]),
            updated_at=parse_ts(row["updated_at"]), id=row["id"],
            first_contact_at=parse_ts(row["first_contact_at"]) if row["first_contact_at"] else None,
            queue_ticket=row["queue_ticket"],
        )

    def read_document(self, document_id: str) -> bytes:
        """The decrypted PDF of one document (of a dossier or of an e-wallet item)."""
        row = self.conn.execute(
            f"""SELECT {columns('documents', 'd.')}, coalesce(x.wrapped_key, w.wrapped_key)
               FROM documents d LEFT JOIN dossiers x ON x.id = d.dossier_id
               LEFT JOIN wallet_items w ON w.id = d.wallet_item_id WHERE d.id = ?""",
            (document_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no document {document_id} in this store")
        _, dossier_id, wallet_id, file, size, _, sha_sealed, _ = self._check_row("documents", row[:-1])
        wrapped = row[-1]
        owner = dossier_id or wallet_id
        key = self._data_key(owner, wrapped)
        sha = self._document_hash(document_id, owner, key, sha_sealed)
        content = self._read_file(document_id, owner, key, file)
        if len(content) != size or hashlib.sha256(content).hexdigest() != sha:
            raise TamperedData(f"document {document_id}: its content")
        return content

    _SUMMARY = """SELECT d.id, d.procedure_code, d.receiving_unit, d.competent_unit, d.received_by, d.station_id,
                   d.state, d.official_code, d.created_at, d.updated_at,
                   (SELECT count(*) FROM components c WHERE c.dossier_id = d.id) AS components,
                   (SELECT count(*) FROM documents m WHERE m.dossier_id = d.id) AS documents,
                   (SELECT coalesce(sum(page_count), 0) FROM documents m WHERE m.dossier_id = d.id) AS pages,
                   o.state AS outbox_state, o.attempts AS upload_attempts, o.next_attempt_at{macs}
                  FROM dossiers d LEFT JOIN outbox o ON o.dossier_id = d.id"""

    def _summaries(self, where: str, params: list[Any], order: str = "d.created_at DESC",
                   limit: int | None = None, include_citizen: bool = False) -> list[dict[str, Any]]:
        sql = (self._SUMMARY.format(macs=", " + _mac_columns() if self._macs else "")
               + (f" WHERE {where}" if where else "") + f" ORDER BY {order}")
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = [self._checked_summary(row) for row in self.db.query(sql, params)]
        if include_citizen:
            for row in rows:
                row["citizen"] = self._citizen_summary(row["id"])
        return rows

    def _checked_summary(self, row: dict[str, Any]) -> dict[str, Any]:
        """A summary with `tampered`: True when its dossier's or its outbox entry's row fails its MAC
        (the list still shows it, so that an officer sees it; loading it raises TamperedData)."""
        if not self._macs:
            row["tampered"] = False
            return row
        values = {table: [row.pop(f"_{table}_{i}") for i in range(3)] for table in ("dossiers", "outbox")}
        row["tampered"] = self._tampered(values["dossiers"], values["outbox"])
        return row

    def _tampered(self, dossier: Sequence, outbox: Sequence) -> bool:
        """Whether the dossier's row or its outbox entry (if any) fails its MAC; logged by id. Each is
        (id, encoding, MAC); the outbox's id None: no entry. Written out flat: the counter's lists call
        it for every row they show (tests/bench/store.py measures it)."""
        row_mac = self._keys.row_mac
        for table, (row_id, encoded, mac) in (("dossiers", dossier), ("outbox", outbox)):
            if row_id is not None and (mac is None or not hmac.compare_digest(mac, row_mac(table, encoded))):
                log.warning("%s", tampered(table, row_id))
                return True
        return False

    def _citizen_summary(self, dossier_id: str) -> dict[str, str] | None:
        """ID number and name, or None (with the problem in `check()`) when they cannot be opened."""
        wrapped, sealed = self.conn.execute(
            "SELECT wrapped_key, citizen FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        return self._open_citizen(dossier_id, wrapped, sealed)

    def _open_citizen(self, dossier_id: str, wrapped: bytes, sealed: bytes) -> dict[str, str] | None:
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

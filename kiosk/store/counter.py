"""The counter officer's list of dossiers: a page at a time, newest first, each with its sync badge,
searched by the citizen's ID number, by a dossier code or local reference, or by words of the name.

Built for a store of 100,000 dossiers (tests/bench/counter.py): a page is one indexed query with no
per-row subqueries, and only the citizens of the returned rows are decrypted. What a search text is
taken for is decided by `search_kind` alone:

    12 digits (spaces and dots ignored)            → the keyed hash of the ID number
    letters, digits, '.', '-' with at least a digit → a prefix of the official code or local reference
    anything else                                   → every word of the name (marks, đ/d and case ignored)
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from kiosk.text import fold, nfc

from .audit import Auditing
from .errors import TamperedData
from .opening import parse_ts, ts
from .queries import Queries

VIETNAM = timezone(timedelta(hours=7))

# The badges of the counter's list (see `dossier_badge`).
BADGES = ("draft", "queued", "waiting", "uploading", "accepted", "needs_supplement", "conflict", "rejected")

_ID_SPACING = re.compile(r"[\s.]+")
_ID_NUMBER = re.compile(r"\d{12}")
_CODE_OR_REFERENCE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]*")


def dossier_badge(state: str, outbox_state: str | None = None, attempts: int = 0, official_code: str | None = None,
                  province_state: str | None = None, conflict: bool = False) -> str:
    """What the counter shows of a dossier's way to the province, one word, first rule that applies:

    - `conflict`: the province refused it as a conflict (the same dossier with other content): an
      officer must look, whatever its state;
    - `rejected`: the province refused it;
    - `needs_supplement`: accepted, and the province now asks the citizen for more;
    - `accepted`: the province holds it (with its official code, when it gave one);
    - `uploading`: the relay is sending it now;
    - `waiting`: queued after at least one failed attempt: waiting for the network (or the province);
    - `queued`: queued, not tried yet;
    - `draft`: not submitted (a draft, or ready but not queued).
    """
    if conflict:
        return "conflict"
    if state == "rejected":
        return "rejected"
    if state == "accepted":
        return "needs_supplement" if province_state == "needs_supplement" else "accepted"
    if state == "uploading" or outbox_state == "sending":
        return "uploading"
    if state == "queued" or outbox_state == "pending":
        return "waiting" if attempts > 0 else "queued"
    return "draft"


def search_kind(text: str) -> tuple[str, str]:
    """(kind, normalised text) of a search: ("all", "") for nothing, ("id", 12 digits), ("code", a
    prefix as typed, NFC) or ("name", the folded words)."""
    text = nfc(text or "")
    if not text:
        return "all", ""
    digits = _ID_SPACING.sub("", text)
    if _ID_NUMBER.fullmatch(digits):
        return "id", digits
    if _CODE_OR_REFERENCE.fullmatch(text) and any(ch.isdigit() for ch in text):
        return "code", text
    words = fold(text).split()
    return ("name", " ".join(words)) if words else ("all", "")


def local_day(day: date) -> tuple[str, str]:
    """The stored bounds [start, end) of a day in Vietnam time."""
    start = datetime.combine(day, time(0), VIETNAM)
    return ts(start), ts(start + timedelta(days=1))


def _after_prefix(prefix: str) -> str:
    """The smallest text above every text starting with `prefix` (binary order): prefix ≤ x < this."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class Counter(Queries, Auditing):
    _COUNTER_ROW = """SELECT d.id, d.created_at, d.procedure_code, d.state, d.official_code, d.receiving_unit,
                         d.competent_unit, d.received_by, d.first_contact_at, d.queue_ticket, d.province_state,
                         d.sync_conflict, o.state, coalesce(o.attempts, 0), d.wrapped_key, d.citizen
                      FROM dossiers d LEFT JOIN outbox o ON o.dossier_id = d.id"""

    def _counter_filter(self, search: str, day: date | None) -> tuple[list[str], list[Any]]:
        """WHERE clauses and parameters of a search and day."""
        where: list[str] = []
        params: list[Any] = []
        if day is not None:
            where.append("d.created_at >= ? AND d.created_at < ?")
            params += local_day(day)
        kind, text = search_kind(search)
        if kind == "id":
            where.append("d.id IN (SELECT dossier_id FROM search WHERE kind = 'id' AND digest = ?)")
            params.append(self._keys.search_hash("id", text))
        elif kind == "code":
            # ranges, not LIKE: SQLite's LIKE ignores case and so cannot use the binary indexes
            code, reference = text.upper(), text.lower()
            where.append("""d.id IN (SELECT id FROM dossiers WHERE official_code >= ? AND official_code < ?
                                     UNION ALL SELECT id FROM dossiers WHERE id >= ? AND id < ?)""")
            params += [code, _after_prefix(code), reference, _after_prefix(reference)]
        elif kind == "name":
            words = sorted(set(text.split()))
            where.append("d.id IN (" + " INTERSECT ".join(
                ["SELECT dossier_id FROM search WHERE kind = 'word' AND digest = ?"] * len(words)) + ")")
            params += [self._keys.search_hash("word", word) for word in words]
        return where, params

    def counter_count(self, search: str = "", day: date | None = None) -> int:
        """How many dossiers `counter_rows` would list with this search and day, over all pages."""
        where, params = self._counter_filter(search, day)
        sql = "SELECT count(*) FROM dossiers d" + (" WHERE " + " AND ".join(where) if where else "")
        return self.conn.execute(sql, params).fetchone()[0]

    def counter_rows(self, search: str = "", *, day: date | None = None, offset: int = 0,
                     limit: int = 200) -> list[dict[str, Any]]:
        """One page of the counter's list, newest first (ties by id, so pages do not overlap).

        `search`: see the module's docstring; `day`: only dossiers created that day in Vietnam time.
        Each row: id, created_at and first_contact_at (aware UTC datetimes, or None), procedure_code,
        state, official_code, receiving_unit, competent_unit, received_by, queue_ticket,
        province_state, badge (`dossier_badge`), percent (None: the relay's progress fills it in),
        attempts (upload attempts so far), and citizen = {id_number, full_name} decrypted for these
        rows only (None when the sealed field fails its integrity check)."""
        where, params = self._counter_filter(search, day)
        sql = (self._COUNTER_ROW + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?")
        rows = []
        for (dossier_id, created_at, procedure, state, code, receiving, competent, received_by, first_contact,
             ticket, province_state, conflict, outbox_state, attempts, wrapped, sealed) in self.conn.execute(
                sql, [*params, max(0, int(limit)), max(0, int(offset))]):
            rows.append({
                "id": dossier_id, "created_at": parse_ts(created_at), "procedure_code": procedure, "state": state,
                "official_code": code, "receiving_unit": receiving, "competent_unit": competent,
                "received_by": received_by, "first_contact_at": parse_ts(first_contact) if first_contact else None,
                "queue_ticket": ticket, "province_state": province_state,
                "badge": dossier_badge(state, outbox_state, attempts, code, province_state, bool(conflict)),
                "percent": None, "attempts": attempts,
                "citizen": self._open_citizen(dossier_id, wrapped, sealed),
            })
        return rows

    def _open_citizen(self, dossier_id: str, wrapped: bytes, sealed: bytes) -> dict[str, str] | None:
        try:
            key = self._data_key(dossier_id, wrapped)
            data = json.loads(self._open_text(key, "dossiers", dossier_id, "citizen", sealed))
        except TamperedData:
            return None
        return {"id_number": data["id_number"], "full_name": data["full_name"]}

    def dossier_history(self, dossier_id: str) -> list[dict[str, Any]]:
        """The dossier's audit rows, oldest first: at (aware UTC datetime), actor, action."""
        return [{"at": parse_ts(row["at"]), "actor": row["actor"], "action": row["action"]}
                for row in self.audit_log(dossier_id)]

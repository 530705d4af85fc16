"""The counter officer's list of dossiers: a page at a time, newest first, each with its sync badge,
searched by the citizen's ID number, by a dossier code or local reference, or by words of the name.

Built for a store of 100,000 dossiers (tests/bench/counter.py): a page's ids are found through indexes
alone (how: `Counter`), then only that page's rows are read and only their citizens decrypted. What a
search text is taken for is decided by `search_kind` alone:

    12 digits (spaces and dots ignored)            → the keyed hash of the ID number
    letters, digits, '.', '-' with at least a digit → a prefix of the official code or local reference
    anything else                                   → every word of the name (marks, đ/d and case ignored)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from kiosk.text import fold, nfc

from .audit import Auditing
from .opening import parse_ts, ts
from .queries import Queries, _mac_columns

VIETNAM = timezone(timedelta(hours=7))

# The badges of the counter's list (see `dossier_badge`).
BADGES = ("draft", "queued", "waiting", "uploading", "accepted", "needs_supplement", "conflict", "rejected", "damaged")

_ID_SPACING = re.compile(r"[\s.]+")
_ID_NUMBER = re.compile(r"\d{12}")
_CODE_OR_REFERENCE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]*")


def dossier_badge(state: str, outbox_state: str | None = None, attempts: int = 0, official_code: str | None = None,
                  province_state: str | None = None, conflict: bool = False, tampered: bool = False) -> str:
    """What the counter shows of a dossier's way to the province, one word, first rule that applies:

    - `damaged`: its stored rows fail their integrity check (rowmacs.py): none of its other columns can
      be believed, so nothing else is said; it is kept, neither sent nor deleted, for a technician;
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
    if tampered:
        return "damaged"
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


def _moment(stored: str) -> datetime:
    """`opening.parse_ts`, ten times faster (fromisoformat reads the stored form since Python 3.11)."""
    return datetime.fromisoformat(stored)


def _after_prefix(prefix: str) -> str:
    """The smallest text above every text starting with `prefix` (binary order): prefix ≤ x < this."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


@dataclass(frozen=True)
class _Search:
    """A search as SQL: `matches` selects the matching dossier ids (as dossier_id) from the search's own
    index (None: every dossier); `test` is the same condition on one row `d`, for a walk down the
    dates. `driver`: for several name words, how many dossiers hold the rarest one (the word `matches`
    starts from; the others are looked up for each): an upper bound of the matches; None when counting
    the matches reads an index alone."""

    matches: str | None = None
    matches_params: tuple = ()
    test: str = "1"
    test_params: tuple = ()
    driver: int | None = None


class Counter(Queries, Auditing):
    """How a page is found (measured with 100,000 dossiers, tests/bench/counter.py): either the matches
    are put in date order through the (id, created_at) index, at a cost that grows with their number,
    or the dossiers are walked newest first through the (created_at, id) index and each is tested, at
    a cost that grows with (offset + limit) ÷ the share of dossiers that match. The cheaper is chosen
    from the number of matches, counted only up to where the walk wins."""

    SORT_MATCHES_UP_TO = 2000  # matches counted from an index alone: sorted up to this many
    SORT_DRIVER_UP_TO = 5000  # several name words: sorted outright when the rarest word is this rare
    _WORD_FREQUENCY_CAP = 20_000
    _WORD = "SELECT dossier_id FROM search WHERE kind = 'word' AND digest = ?"

    def _counter_search(self, search: str) -> _Search:
        kind, text = search_kind(search)
        if kind == "id":
            digest = self._keys.search_hash("id", text)
            return _Search("SELECT dossier_id FROM search WHERE kind = 'id' AND digest = ?", (digest,),
                           "EXISTS (SELECT 1 FROM search WHERE kind = 'id' AND digest = ? AND dossier_id = d.id)",
                           (digest,))
        if kind == "code":
            # ranges, not LIKE: SQLite's LIKE ignores case and so cannot use the binary indexes
            bounds = (text.upper(), _after_prefix(text.upper()), text.lower(), _after_prefix(text.lower()))
            return _Search("SELECT id AS dossier_id FROM dossiers WHERE official_code >= ? AND official_code < ? "
                           "UNION SELECT id FROM dossiers WHERE id >= ? AND id < ?", bounds,
                           "((d.official_code >= ? AND d.official_code < ?) OR (d.id >= ? AND d.id < ?))", bounds)
        if kind == "name":
            digests = sorted({self._keys.search_hash("word", word) for word in text.split()})
            driver = None
            if len(digests) > 1:  # the rarest word drives, the others are looked up per dossier
                digests.sort(key=self._word_frequency)
                driver = self._word_frequency(digests[0])
            word = ("EXISTS (SELECT 1 FROM search w{n} WHERE w{n}.kind = 'word' AND w{n}.digest = ? "
                    "AND w{n}.dossier_id = {row})")
            matches = "SELECT s.dossier_id FROM search s WHERE s.kind = 'word' AND s.digest = ?" + "".join(
                " AND " + word.format(n=n, row="s.dossier_id") for n in range(1, len(digests)))
            test = " AND ".join(word.format(n=n, row="d.id") for n in range(len(digests)))
            return _Search(matches, tuple(digests), test, tuple(digests), driver)
        return _Search()

    def _word_frequency(self, digest: bytes) -> int:
        """How many dossiers hold the word, counted up to a cap (a common name is not counted whole).
        Remembered for the connection's life: it only orders the work, so an old figure does no harm."""
        cache = self.__dict__.setdefault("_word_frequencies", {})
        if digest not in cache:
            if len(cache) > 10_000:
                cache.clear()
            cache[digest] = self.conn.execute(f"SELECT count(*) FROM ({self._WORD} LIMIT {self._WORD_FREQUENCY_CAP})",
                                              (digest,)).fetchone()[0]
        return cache[digest]

    def counter_count(self, search: str = "", day: date | None = None) -> int:
        """How many dossiers `counter_rows` would list with this search and day, over all pages."""
        found = self._counter_search(search)
        if day is not None:
            sql = f"SELECT count(*) FROM dossiers d WHERE d.created_at >= ? AND d.created_at < ? AND {found.test}"
            return self.conn.execute(sql, (*local_day(day), *found.test_params)).fetchone()[0]
        if found.matches is None:
            return self.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        return self.conn.execute(f"SELECT count(*) FROM ({found.matches})", found.matches_params).fetchone()[0]

    def _sort_cap(self, found: _Search, offset: int, limit: int) -> int | None:
        """Up to how many matches sorting them is cheaper than walking the dates (class docstring); None:
        sort them however many they are (the rarest of several name words is rare enough)."""
        if found.driver is None:
            return self.SORT_MATCHES_UP_TO
        if found.driver <= self.SORT_DRIVER_UP_TO:
            return None
        # walking finds a page within (offset + limit) × total ÷ matches rows; sorting costs `driver` lookups
        total = self.conn.execute("SELECT max(rowid) FROM dossiers").fetchone()[0] or 0  # about the count
        return (offset + limit) * total // found.driver

    def _counter_page(self, search: str, day: date | None, offset: int, limit: int) -> list[str]:
        """The ids of one page, newest first (ties by id)."""
        found = self._counter_search(search)
        if found.matches is not None and day is None:
            cap = self._sort_cap(found, offset, limit)
            bounded = found.matches if cap is None else f"{found.matches} LIMIT {int(cap) + 1}"
            if found.driver is None and cap is not None:  # counting reads an index alone: count first
                if self.conn.execute(f"SELECT count(*) FROM ({bounded})", found.matches_params).fetchone()[0] > cap:
                    bounded = None
            if bounded is not None:
                # the (id, created_at) index gives the dates without reading the rows (SQLite would take the
                # unique index on id, then read each row)
                matches = self.conn.execute(f"SELECT d.id, d.created_at FROM ({bounded}) m CROSS JOIN dossiers d "
                                            "INDEXED BY dossiers_id_created ON d.id = m.dossier_id",
                                            found.matches_params).fetchall()
                if cap is None or len(matches) <= cap:  # all of them: sorted here
                    matches.sort(key=lambda row: (row[1], row[0]), reverse=True)
                    return [row[0] for row in matches[offset:offset + limit]]
        where, params = [found.test], list(found.test_params)
        if day is not None:
            where.insert(0, "d.created_at >= ? AND d.created_at < ?")
            params[:0] = local_day(day)
        sql = (f"SELECT d.id FROM dossiers d WHERE {' AND '.join(where)} "
               "ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?")
        return [r[0] for r in self.conn.execute(sql, (*params, limit, offset))]

    def counter_rows(self, search: str = "", *, day: date | None = None, offset: int = 0,
                     limit: int = 200) -> list[dict[str, Any]]:
        """One page of the counter's list, newest first (ties by id, so pages do not overlap).

        `search`: see the module's docstring; `day`: only dossiers created that day in Vietnam time.
        Each row: id, created_at and first_contact_at (aware UTC datetimes, or None), procedure_code,
        state, official_code, receiving_unit, competent_unit, received_by, queue_ticket,
        province_state, badge (`dossier_badge`: `damaged` when tampered), percent (None: the relay's progress fills it in),
        attempts (upload attempts so far), citizen = {id_number, full_name} decrypted for these
        rows only (None when the sealed field fails its integrity check), and tampered: True when the
        dossier's row or its outbox entry fails its MAC (rowmacs.py; loading it raises TamperedData)."""
        ids = self._counter_page(search, day, max(0, int(offset)), max(0, int(limit)))
        if not ids:
            return []
        # the MAC'd columns of the dossier and its outbox entry, to check each row of the page
        macs = ", " + _mac_columns() if self._macs else ""
        sql = f"""SELECT d.id, d.created_at, d.procedure_code, d.state, d.official_code, d.receiving_unit,
                         d.competent_unit, d.received_by, d.first_contact_at, d.queue_ticket, d.province_state,
                         d.sync_conflict, o.state, coalesce(o.attempts, 0), d.wrapped_key, d.citizen{macs}
                  FROM dossiers d LEFT JOIN outbox o ON o.dossier_id = d.id
                  WHERE d.id IN ({",".join("?" * len(ids))})"""
        found = {}
        for row in self.conn.execute(sql, ids):
            (dossier_id, created_at, procedure, state, code, receiving, competent, received_by, first_contact,
             ticket, province_state, conflict, outbox_state, attempts, wrapped, sealed) = row[:16]
            tampered = self._macs and self._tampered(row[16:19], row[19:22])
            found[dossier_id] = {
                "id": dossier_id, "created_at": _moment(created_at), "procedure_code": procedure, "state": state,
                "official_code": code, "receiving_unit": receiving, "competent_unit": competent,
                "received_by": received_by, "first_contact_at": _moment(first_contact) if first_contact else None,
                "queue_ticket": ticket, "province_state": province_state,
                "badge": dossier_badge(state, outbox_state, attempts, code, province_state, bool(conflict),
                                       tampered=bool(tampered)),
                "percent": None, "attempts": attempts,
                "citizen": self._open_citizen(dossier_id, wrapped, sealed), "tampered": tampered,
            }
        return [found[dossier_id] for dossier_id in ids if dossier_id in found]

    def dossier_history(self, dossier_id: str) -> list[dict[str, Any]]:
        """The dossier's audit rows, oldest first: at (aware UTC datetime), actor, action. The dossier's
        row, while it is stored, is checked first (TamperedData)."""
        self._verified_row(self.conn, "dossiers", dossier_id)
        return [{"at": parse_ts(row["at"]), "actor": row["actor"], "action": row["action"]}
                for row in self.audit_log(dossier_id)]

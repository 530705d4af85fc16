"""The reference server's book of audit anchors: per station (its certificate's name) and chain, the
last head of the station's audit log the province acknowledged with a submitted dossier.

A submit whose chain went backwards (a head before the kept one: the store restored from an older
copy, or its log emptied and started again) or forked (another hash at the kept sequence: rows
rewritten or cut and written anew) is refused with 409; one that extends the kept head moves it
forward. A station that starts another chain (a new store, with a new key) gets a book entry of its
own: `chains(station)` counts them, for the province's operator to ask why.
"""

from __future__ import annotations

import hmac
import sqlite3
import threading
from datetime import datetime, timezone
from typing import Any

from sync import protocol as p

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_anchors (
    station TEXT NOT NULL, chain TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL,
    first_seen TEXT NOT NULL, kept_at TEXT NOT NULL, PRIMARY KEY (station, chain));
"""


class AnchorBook:
    def __init__(self, db: sqlite3.Connection, lock: threading.RLock) -> None:
        self.db = db
        self.lock = lock  # the storage's: a judgement and the submit it lets through are one step
        with lock:
            db.executescript(SCHEMA)

    def kept(self, station: str, chain: str) -> tuple[int, str] | None:
        with self.lock:
            row = self.db.execute("SELECT seq, hash FROM audit_anchors WHERE station=? AND chain=?",
                                  (station, chain)).fetchone()
        return (row[0], row[1]) if row else None

    def chains(self, station: str) -> int:
        with self.lock:
            return self.db.execute("SELECT count(*) FROM audit_anchors WHERE station=?", (station,)).fetchone()[0]

    def judge(self, station: str, claim: p.AuditChain) -> dict[str, Any] | None:
        """None when the claimed chain extends the kept head (or nothing is kept); else the 409 body."""
        kept = self.kept(station, claim.chain)
        if kept is None:
            return None
        (kept_seq, kept_hash), (head_seq, head_hash) = kept, claim.head
        facts = {"kept_seq": kept_seq, "head_seq": head_seq}
        if head_seq < kept_seq:
            return {"code": p.AUDIT_REWOUND, **facts,
                    "error": f"the station's audit log ends at row {head_seq}, before row {kept_seq} the province "
                             "acknowledged: it went backwards (restored from an older copy, or cut)"}
        at_kept = head_hash if head_seq == kept_seq else (
            claim.anchor[1] if claim.anchor is not None and claim.anchor[0] == kept_seq else None)
        if at_kept is None:
            return {"code": p.AUDIT_ANCHOR_NEEDED, **facts,
                    "error": f"send the station's audit row {kept_seq} in {p.AUDIT_ANCHOR}"}
        if not hmac.compare_digest(at_kept, kept_hash):
            return {"code": p.AUDIT_FORKED, **facts,
                    "error": f"the station's audit row {kept_seq} is not the one the province acknowledged: "
                             "the log was rewritten"}
        return None

    def keep(self, station: str, claim: p.AuditChain) -> None:
        """The claimed head, acknowledged: kept unless a later one already is."""
        now = datetime.now(timezone.utc).isoformat()
        seq, digest = claim.head
        with self.lock:
            self.db.execute(
                "INSERT INTO audit_anchors (station, chain, seq, hash, first_seen, kept_at) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(station, chain) DO UPDATE SET seq=excluded.seq, hash=excluded.hash, "
                "kept_at=excluded.kept_at WHERE excluded.seq >= audit_anchors.seq",
                (station, claim.chain, seq, digest, now, now))

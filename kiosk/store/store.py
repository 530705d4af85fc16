"""The station's local store: every dossier, encrypted, until the provincial system confirms it.

Layout of the data folder::

    store.sqlite3 (+ -wal, -shm)   SQLite in WAL mode, synchronous=FULL, foreign keys on
    files/ab/abcdef…               encrypted documents, named by the SHA-256 of the ciphertext

The station key is not in the data folder: it comes from a `KeyStore` (`keystores.py`: sealed by
the TPM, by systemd's credentials or under a passphrase; a plain 0600 file in development), in the
configuration's `key_dir`.

One `Store` object belongs to one thread; other threads or processes open their own (SQLite's
locking keeps them consistent).

`Store` is put together from one part per job, each in its own module:

    opening.py    the connection, pragmas, migrations, the key check, transactions
    rowmacs.py    a keyed MAC over every row's clear columns and each dossier's components, made on
                  every write, checked on every read that decides something and by `check`
    audit.py      the hash-chained audit log (`record`, `verify_audit`, `audit_log`) and its anchor
                  at the province (`audit_head`, `audit_hash_at`, `audit_anchor`, `audit_anchored`)
    sealing.py    data keys, sealed fields, encrypted document files, search hashes
    writing.py    `save` and `submit` (with e-wallet items; crash safety is explained there)
    queries.py    `load`, `read_document`, listing and searching
    counter.py    the counter's list: pages, searches and sync badges for 100,000 dossiers
    reports.py    the day report (counts, non-territorial dossiers, the wait), without personal data
    outbox.py     what the relay calls: due uploads, their states, the queue's summary, the
                  province's state of accepted dossiers
    wallet.py     the citizen's e-wallet items, and what the province made of them
    retention.py  `purge` and orphaned files
    integrity.py  `check`
    ratings.py    the citizens' satisfaction ratings (no personal data) and their summary
    officers.py   the officers' and technicians' local accounts: Argon2id passwords, sign-in, lockout
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .counter import Counter
from .integrity import Integrity
from .keystores import FileKeyStore, KeyStore, key_store_for
from .migrations import LATEST
from .officers import Officers
from .opening import parse_ts, ts
from .outbox import Outbox
from .queries import Queries
from .ratings import Ratings
from .reports import Reports
from .retention import Purging, Retention
from .wallet import Wallet
from .writing import Writing

if TYPE_CHECKING:
    from kiosk.config import Config


class Store(Writing, Outbox, Wallet, Counter, Queries, Purging, Integrity, Ratings, Reports, Officers):
    """The whole store; the parts share one connection, opened by `opening.Opening`."""


def open_station_store(config: "Config") -> Store:
    """The station's store as configured: data in `config.store_dir`, the station key from the key
    store `config.station_key` names (`key_store_for`). Every front end opens the store this way."""
    return Store(config.store_dir, key_store_for(config), config.station_id)


def open_store(data_dir: Path | str, keys: Path | str | KeyStore, station_id: str) -> Store:
    """A store with data in `data_dir`, and the station key from `keys`: a key store, or a folder
    holding a plain key file (development and tests), created on first use."""
    key_store = FileKeyStore(keys) if isinstance(keys, (str, Path)) else keys
    return Store(data_dir, key_store, station_id)


__all__ = ["Store", "Retention", "open_store", "open_station_store", "LATEST", "ts", "parse_ts"]

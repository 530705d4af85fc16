"""What the counter's dossier list reads from the store, a page at a time (on a worker: the store
decrypts names and ID numbers for the rows asked for, never for the whole table)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Query:
    """What the officer asked the list for: the search text (ID, name or code, marks aside), one day or
    every day, and one badge or every badge."""

    search: str = ""
    day: date | None = None
    badge: str = ""  # "" for every badge

    def matches(self, row: dict[str, Any]) -> bool:
        return not self.badge or row.get("badge") == self.badge


class DossierSource:
    """The store's dossiers as the list shows them. Blocking: call on a worker."""

    def __init__(self, store) -> None:
        self.store = store

    def rows(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        return self.store.counter_rows(query.search, day=query.day, offset=offset, limit=limit)

    def count(self, query: Query) -> int:
        return self.store.counter_count(query.search, day=query.day)

    def history(self, dossier_id: str) -> list[dict[str, Any]]:
        return self.store.dossier_history(dossier_id)

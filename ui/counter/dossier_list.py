"""The station's dossiers as a table model that reads the store a page at a time on a worker: the
view asks for more rows as the officer scrolls (fetchMore), so a store of 100,000 dossiers paints its
first page as fast as one of ten. Names and ID numbers come decrypted only for the pages read."""

from __future__ import annotations

import logging
from html import escape
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ui.counter.source import Query
from ui.workers import run_in_background

log = logging.getLogger(__name__)

VIETNAM = timezone(timedelta(hours=7))
PAGE = 100  # rows per read: a screenful or three

RECEIVED, CITIZEN, ID_NUMBER, PROCEDURE, STATE, CODE, WAIT = range(7)
COLUMNS = 7
DOSSIER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
BADGE_ROLE = Qt.ItemDataRole.UserRole + 2

# badge → (text colour, background): each pair ≥ 4.5:1, and the text always says the state as well
BADGE_COLOURS = {
    "draft": ("#212529", "#e9ecef"), "queued": ("#664d03", "#fff3cd"), "waiting": ("#664d03", "#fff3cd"),
    "uploading": ("#052c65", "#cfe2ff"), "accepted": ("#0a3622", "#d1e7dd"),
    "needs_supplement": ("#58151c", "#f8d7da"), "conflict": ("#58151c", "#f8d7da"),
    "rejected": ("#58151c", "#f8d7da"),
    "damaged": ("#ffffff", "#5b2a86"),  # solid, unlike the pale others: this one needs a technician (9.9:1)
}
ALERT_COLOURS = ("#58151c", "#f8d7da")
DAMAGED_STYLE = "color: {}; background: {}; padding: 8px; font-weight: bold;".format(*BADGE_COLOURS["damaged"])


def parse_time(text: str | datetime | None) -> datetime | None:
    """A stored time as the store gives it (an aware datetime, or its ISO text)."""
    if isinstance(text, datetime):
        return text
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def minutes_of(delta: timedelta) -> tuple[int, int]:
    """A wait as the officer reads it: whole hours and minutes."""
    minutes = max(0, int(delta.total_seconds() // 60))
    return minutes // 60, minutes % 60


class DossierListModel(QAbstractTableModel):
    """`read(query, offset, limit)` gives rows (dicts of Store.counter_rows); it blocks, and runs on the
    shared worker pool. `loaded` is emitted after each page arrives; `failed(str)` when a read fails."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(self, read: Callable[[Query, int, int], list[dict[str, Any]]], wait_alert_minutes: int = 20,
                 parent=None) -> None:
        super().__init__(parent)
        self._read = read
        self.wait_alert = timedelta(minutes=wait_alert_minutes)
        self.query = Query()
        self._rows: list[dict[str, Any]] = []
        self._where: dict[str, int] = {}  # dossier id → row
        self._offset = 0  # rows read from the store so far (some may be filtered out by badge)
        self._exhausted = False
        self._loading = False
        self._generation = 0  # a page asked for an older query is dropped when it arrives

    # --- the query ---------------------------------------------------------------------------

    def set_query(self, query: Query) -> None:
        self.beginResetModel()
        self.query = query
        self._rows, self._where = [], {}
        self._offset, self._exhausted, self._loading = 0, False, False
        self._generation += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        """Reads the query again from the start (a dossier submitted, the periodic refresh)."""
        self.set_query(self.query)

    @property
    def loading(self) -> bool:
        return self._loading

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, query, offset, read = self._generation, self.query, self._offset, self._read
        run_in_background(lambda: read(query, offset, PAGE), lambda rows: self._arrived(generation, rows),
                          lambda error: self._read_failed(generation, error), self)

    def _arrived(self, generation: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._offset += len(rows)
        self._exhausted = len(rows) < PAGE
        kept = [row for row in rows if self.query.matches(row) and row["id"] not in self._where]
        if kept:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(kept) - 1)
            for row in kept:
                self._where[row["id"]] = len(self._rows)
                self._rows.append(dict(row))
            self.endInsertRows()
        self.loaded.emit()
        if not kept and not self._exhausted:
            self.fetchMore()  # a page of other badges only: on to the next one

    def _read_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._exhausted = True
        log.error("dossier list not read: %s", error.__class__.__name__)
        self.failed.emit(str(error))

    # --- live changes --------------------------------------------------------------------------

    def show_progress(self, dossier_id: str, state: str, percent: int = 0, code: str | None = None) -> None:
        """The relay's word on a dossier (on the GUI thread): its badge, percent and code change in place."""
        row = self._where.get(dossier_id)
        if row is None:
            return
        values = self._rows[row]
        if values.get("tampered") and state != "damaged":
            return  # its rows fail their MACs: nothing the relay says about it can be shown as true
        values["badge"], values["percent"] = state, percent
        values["tampered"] = state == "damaged"
        if code:
            values["official_code"] = code
        self.dataChanged.emit(self.index(row, STATE), self.index(row, CODE))

    def row_values(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def row_of(self, dossier_id: str) -> int | None:
        return self._where.get(dossier_id)

    # --- the table -------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Received"), self.tr("Citizen"), self.tr("ID number"), self.tr("Procedure"),
                self.tr("State"), self.tr("Dossier code"), self.tr("Wait"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DOSSIER_ID_ROLE:
            return row["id"]
        if role == BADGE_ROLE:
            return row.get("badge")
        if role == Qt.ItemDataRole.ToolTipRole and row.get("badge") == "damaged":
            return f"<p>{escape(self.damaged_text())}</p>"  # rich text: Qt wraps it
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            colours = (BADGE_COLOURS.get(row.get("badge") or "", None) if column == STATE else
                       ALERT_COLOURS if column == WAIT and self._over(row) else None)
            if colours is not None:
                return QColor(colours[0 if role == Qt.ItemDataRole.ForegroundRole else 1])
        return None

    def _text(self, row: dict[str, Any], column: int) -> str:
        citizen = row.get("citizen") or {}
        if column == RECEIVED:
            at = parse_time(row.get("created_at"))
            return at.astimezone(VIETNAM).strftime("%d/%m %H:%M") if at else ""
        if column == CITIZEN:
            return citizen.get("full_name", "")
        if column == ID_NUMBER:
            return citizen.get("id_number", "")
        if column == PROCEDURE:
            return row.get("procedure_code", "")
        if column == STATE:
            return self.badge_text(row.get("badge") or row.get("state", ""), row.get("percent") or 0)
        if column == CODE:
            return row.get("official_code") or ""
        if column == WAIT:
            wait = self.wait_of(row)
            if wait is None:
                return "—"
            text = self.wait_text(wait)
            return self.tr("%1 — over the limit").replace("%1", text) if wait > self.wait_alert else text
        return ""

    def wait_text(self, wait: timedelta) -> str:
        hours, minutes = minutes_of(wait)
        return (self.tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", f"{minutes:02d}") if hours
                else self.tr("%1 min").replace("%1", str(minutes)))

    def badge_text(self, badge: str, percent: int = 0) -> str:
        if badge == "uploading":
            return self.tr("sending %1 %").replace("%1", str(percent))
        return {"accepted": self.tr("accepted"), "draft": self.tr("draft"), "queued": self.tr("queued"), "waiting": self.tr("waiting for network"),
                "needs_supplement": self.tr("needs supplement"), "conflict": self.tr("conflict"),
                "rejected": self.tr("rejected"), "ready": self.tr("queued"),
                "damaged": self.tr("data altered or damaged")}.get(badge, badge)

    def damaged_text(self) -> str:
        """What the officer is told of a dossier whose stored rows fail their integrity check."""
        return self.tr("This dossier's stored data failed its integrity check: it was altered or damaged. It is "
                       "kept as it is: it will not be sent to the province and it is not deleted. Call the "
                       "technician (kiosk store check). You can go on with other dossiers.")

    @staticmethod
    def wait_of(row: dict[str, Any]) -> timedelta | None:
        """From first contact to the receipt (the dossier's creation)."""
        first, received = parse_time(row.get("first_contact_at")), parse_time(row.get("created_at"))
        return received - first if first and received and received >= first else None

    def _over(self, row: dict[str, Any]) -> bool:
        wait = self.wait_of(row)
        return wait is not None and wait > self.wait_alert

"""Today's work: the dossier list with its search box and filters. Enter or a double click opens a
dossier in a tab of its own (`open_dossier(id)`)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
                               QVBoxLayout, QWidget)

from ui.counter.dossier_list import DOSSIER_ID_ROLE, VIETNAM, DossierListModel
from ui.counter.source import Query
from ui.counter.fonts import HEADING_POINTS, bold, sized

SEARCH_DEBOUNCE_MS = 250
BADGES = ("", "queued", "uploading", "waiting", "accepted", "needs_supplement", "conflict", "rejected", "damaged")


class _Table(QTableView):
    activated_row = Signal(int)

    def keyPressEvent(self, event) -> None:  # Enter opens, as a double click does
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class DossierPanel(QWidget):
    open_dossier = Signal(str)

    def __init__(self, model: DossierListModel, today=lambda: datetime.now(VIETNAM).date(), parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier-panel")
        self.model = model
        self._today = today
        self.heading = QLabel(objectName="heading")
        self.heading.setFont(bold(HEADING_POINTS))
        self.search_label = QLabel()
        self.search = QLineEdit(objectName="search", clearButtonEnabled=True)
        self.scope = QComboBox(objectName="scope")
        self.badge = QComboBox(objectName="badge")
        self.search_label.setBuddy(self.search)
        self.table = _Table(objectName="dossiers")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((120, 240, 140, 100, 200, 270, 150)):
            self.table.setColumnWidth(column, width)
        header.setFont(sized())
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the citizen's name takes what is left
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated_row.connect(self._open)
        self.note = QLabel(objectName="note", wordWrap=True)

        filters = QHBoxLayout()
        filters.addWidget(self.search_label)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.scope)
        filters.addWidget(self.badge)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.setTabOrder(self.search, self.scope)
        self.setTabOrder(self.scope, self.badge)
        self.setTabOrder(self.badge, self.table)

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(self.apply)
        self.scope.currentIndexChanged.connect(lambda _: self.apply())
        self.badge.currentIndexChanged.connect(lambda _: self.apply())
        model.loaded.connect(self._show_note)
        model.failed.connect(self._failed)
        model.modelReset.connect(self._show_note)
        self.retranslate()

    def query(self) -> Query:
        day: date | None = self._today() if self.scope.currentIndex() == 0 else None
        return Query(self.search.text().strip(), day, BADGES[max(0, self.badge.currentIndex())])

    def apply(self) -> None:
        self._debounce.stop()
        query = self.query()
        if query != self.model.query or self.model.rowCount() == 0:
            self.model.set_query(query)

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_dossier.emit(self.model.index(row, 0).data(DOSSIER_ID_ROLE))

    def _show_note(self) -> None:
        if self.model.loading and self.model.rowCount() == 0:
            self.note.setText(self.tr("Reading the dossiers…"))
        elif self.model.rowCount() == 0:
            self.note.setText(self.tr("No dossier matches.") if self.model.query.search or self.model.query.badge
                              else self.tr("No dossiers on this station yet."))
        else:
            self.note.setText(self.tr("%n dossier(s) shown. Enter or a double click opens one.", "",
                                      self.model.rowCount()))

    def _failed(self, message: str) -> None:
        self.note.setText(self.tr("The dossiers could not be read: %1").replace("%1", message))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Dossiers received at this station"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("ID number, name or dossier code"))
        self.search.setToolTip(self.tr("Search by ID number, name or dossier code (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search dossiers"))
        for combo, items in ((self.scope, (self.tr("Today"), self.tr("All days"))),
                             (self.badge, (self.tr("Every state"), *(self.model.badge_text(b) for b in BADGES[1:])))):
            current = max(0, combo.currentIndex())
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(list(items))
            combo.setCurrentIndex(current)
            combo.blockSignals(False)
        self.scope.setAccessibleName(self.tr("Which days"))
        self.scope.setToolTip(self.tr("Today's dossiers or every day's"))
        self.badge.setAccessibleName(self.tr("State"))
        self.badge.setToolTip(self.tr("Only the dossiers in this state"))
        self.table.setAccessibleName(self.tr("Dossiers"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._show_note()

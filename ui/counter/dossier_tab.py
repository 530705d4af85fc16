"""One dossier in a tab of its own: what it holds (its components, the pages' thumbnails, the centre's
signature on each copy), its state and code, and its history from the audit log. Read and checked on
workers (the store decrypts it there; a signature check takes ~50 ms a copy)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QListView, QListWidget, QListWidgetItem,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kiosk.signing_messages import NOT_READ, CopyVerdict
from kiosk.store.errors import TamperedData
from ui.counter.copy_signatures import CopySignatures
from ui.counter.dossier_list import DAMAGED_STYLE, VIETNAM, parse_time
from ui.counter.fonts import sized
from ui.workers import run_in_background

log = logging.getLogger(__name__)

THUMB = QSize(90, 128)


class DossierTab(QWidget):
    """`load(dossier_id)` reads it with `read(dossier_id) -> (Dossier, history rows)` on a worker;
    `loaded(title)` then gives the tab's title (the citizen's name). `check_copies(document ids)` gives
    each copy's CopyVerdict by document id, or the Message saying why none can be checked
    (kiosk.signing_messages.check_copies), on a worker; once per copy while the tab is open.
    `signatures_checked` follows each answer. `language()` picks the core's words (vi or en)."""

    loaded = Signal(str)
    signatures_checked = Signal()

    def __init__(self, dossier_id: str, read, badge_text=lambda badge: badge, damaged_text=lambda: "",
                 check_copies=None, language=lambda: "vi", parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier")
        self.dossier_id = dossier_id
        self._read = read
        self._badge_text = badge_text
        self._damaged_text = damaged_text  # the dossier list's words for it, in the language of the moment
        self._dossier = None
        self._history: list[dict] = []
        self._check_copies = check_copies
        self._verdicts: dict[str, CopyVerdict] = {}  # by document id: a copy's bytes never change once stored
        self._signatures_note = None  # the Message saying why no copy could be checked
        self._checking = False
        self.damaged = False  # its stored rows failed their integrity check: only the warning is shown
        self.summary = QLabel(objectName="summary", wordWrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.components_label = QLabel()
        self.components = QListWidget(objectName="components")
        self.components.setViewMode(QListView.ViewMode.IconMode)
        self.components.setIconSize(THUMB)
        self.components.setGridSize(QSize(THUMB.width() + 150, THUMB.height() + 60))
        self.components.setWordWrap(True)
        self.components.setResizeMode(QListView.ResizeMode.Adjust)
        self.components.setMovement(QListView.Movement.Static)
        # one row of thumbnails whole, even with the signatures' table below it
        self.components.setMinimumHeight(self.components.gridSize().height() + 2 * self.components.frameWidth() + 4)
        self.components_label.setBuddy(self.components)
        self.signatures = CopySignatures(language, self)  # a child at once: shown alone it would be a window
        self.signatures.hide()  # until the dossier shows copies to check
        self.history_label = QLabel()
        self.history = QTableWidget(0, 3, objectName="history")
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setFont(sized())
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setColumnWidth(0, 150)
        self.history.setColumnWidth(1, 160)
        self.history_label.setBuddy(self.history)
        top, self.history_part = QWidget(), QWidget()
        top_layout, bottom_layout = QVBoxLayout(top), QVBoxLayout(self.history_part)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.components_label)
        top_layout.addWidget(self.components, 1)
        top_layout.addWidget(self.signatures)
        top_layout.addStretch()  # takes the room only when the components are hidden (a damaged dossier)
        bottom_layout.addWidget(self.history_label)
        bottom_layout.addWidget(self.history, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.history_part)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate()
        self.load()

    def load(self) -> None:
        self.summary.setText(self.tr("Reading the dossier…"))
        dossier_id, read = self.dossier_id, self._read
        run_in_background(lambda: read(dossier_id), self._loaded, self._failed, self)

    def _loaded(self, result) -> None:
        self._dossier, self._history = result
        self._show()
        self.loaded.emit(self.title())
        self._check_signatures()

    def _copies(self) -> list[tuple[int, str, str]]:
        """(number, component name, document id) of each component with a copy in the dossier."""
        if self._dossier is None:
            return []
        return [(number, component.name, component.document.id)
                for number, component in enumerate(self._dossier.components, start=1) if component.document is not None]

    def _check_signatures(self) -> None:
        wanted = [document_id for _, _, document_id in self._copies() if document_id not in self._verdicts]
        if self._check_copies is None or not wanted or self._checking:
            return
        self._checking = True
        check = self._check_copies
        run_in_background(lambda: check(wanted), self._signatures_done, self._signatures_failed, self)

    def _signatures_done(self, result) -> None:
        self._checking = False
        if isinstance(result, dict):
            self._verdicts.update(result)
            self._signatures_note = None
        else:
            self._signatures_note = result
        self._show_signatures()
        self.signatures_checked.emit()

    def _signatures_failed(self, error: Exception) -> None:
        self._checking = False
        log.error("signatures not checked: %s", error.__class__.__name__)
        self._signatures_note = NOT_READ
        self._show_signatures()
        self.signatures_checked.emit()

    def _show_signatures(self) -> None:
        copies = self._copies()
        self.signatures.setVisible(self._check_copies is not None and bool(copies) and not self.damaged)
        self.signatures.show_copies(copies, self._verdicts, self._signatures_note)

    def verdict(self, document_id: str) -> CopyVerdict | None:
        return self._verdicts.get(document_id)

    def _failed(self, error: Exception) -> None:
        log.error("dossier not read: %s", error.__class__.__name__)
        if isinstance(error, TamperedData):  # kept for the technician; the officer goes on with the others
            self.damaged = True
            self.summary.setStyleSheet(DAMAGED_STYLE)
            for part in (self.components_label, self.components, self.signatures, self.history_part):
                part.hide()  # empty, and nothing of this dossier could be believed anyway
            self._show_damaged()
            return
        self.summary.setText(self.tr("The dossier could not be read: %1").replace("%1", error.__class__.__name__))

    def _show_damaged(self) -> None:
        self.summary.setText(self._damaged_text())

    def title(self) -> str:
        return self._dossier.citizen.full_name if self._dossier is not None else self.dossier_id[:8]

    def _show(self) -> None:
        dossier = self._dossier
        if dossier is None:
            return
        received = dossier.created_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
        state = dossier.state.value if hasattr(dossier.state, "value") else str(dossier.state)
        lines = [
            self.tr("Citizen: %1 (ID %2)").replace("%1", dossier.citizen.full_name).replace(
                "%2", dossier.citizen.id_number),
            self.tr("Procedure: %1").replace("%1", dossier.procedure_code),
            self.tr("Received %1 by %2").replace("%1", received).replace("%2", dossier.received_by),
            self.tr("Receiving unit %1 · competent unit %2").replace("%1", dossier.receiving_unit).replace(
                "%2", dossier.competent_unit),
            self.tr("State: %1").replace("%1", self._badge_text(state)),
            self.tr("Dossier code of the province: %1").replace("%1", dossier.official_code or self.tr("not yet")),
            self.tr("Reference: %1").replace("%1", dossier.id),
        ]
        self.summary.setText("\n".join(lines))
        self.components.clear()
        for number, component in enumerate(dossier.components, start=1):
            document = component.document
            how = (self.tr("%n page(s)", "", document.page_count) if document is not None else
                   self.tr("from the e-wallet") if component.wallet_item_id else
                   self.tr("shown in original") if getattr(component, "shown_in_original", False) else
                   self.tr("not provided"))
            item = QListWidgetItem(f"{number}. {component.name}\n{how}")
            item.setToolTip(item.text().replace("\n", " · "))
            thumbnails = document.thumbnails if document is not None else ()
            pixmap = QPixmap()
            if thumbnails and pixmap.loadFromData(thumbnails[0]):
                item.setIcon(pixmap)
            self.components.addItem(item)
        self._show_signatures()
        self.history.setRowCount(len(self._history))
        for row, entry in enumerate(self._history):
            at = parse_time(entry.get("at"))
            values = [at.astimezone(VIETNAM).strftime("%d/%m %H:%M:%S") if at else str(entry.get("at", "")),
                      str(entry.get("actor") or ""), str(entry.get("action") or "")]
            for column, value in enumerate(values):
                self.history.setItem(row, column, QTableWidgetItem(value))

    def retranslate(self) -> None:
        self.components_label.setText(self.tr("&Components:"))
        self.components.setAccessibleName(self.tr("Components of the dossier"))
        self.history_label.setText(self.tr("Hi&story (audit log):"))
        self.history.setAccessibleName(self.tr("History of the dossier"))
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What")])
        self.signatures.retranslate()
        if self.damaged:
            self._show_damaged()
        self._show()

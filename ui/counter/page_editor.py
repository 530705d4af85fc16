"""The officer's page editor for one component: the pages as thumbnails, in order, and every edit
the intake offers — reorder (drag, or Alt+Up/Down), rotate (R, Shift+R), delete (Del), rescan one page,
keep a page flagged blank or blurred, move a page to another component, split the component from a
page on, merge the whole component into another. The edits are the core's (kiosk.intake): this widget
sends them and shows the result."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListView, QListWidget,
                               QListWidgetItem, QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

THUMB = QSize(120, 170)
PAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _PageList(QListWidget):
    dropped = Signal()

    def dropEvent(self, event) -> None:
        super().dropEvent(event)
        self.dropped.emit()


class PageEditor(QWidget):
    """`changed()` after every edit; `rescan(line, page_id)` asks the reception to scan one sheet again;
    `problem(str)` says why an edit was refused."""

    changed = Signal()
    rescan = Signal(int, str)
    problem = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("page-editor")
        self.intake = None
        self.line = 0  # the component shown (its checklist number, from 1)
        self.title = QLabel(objectName="pages-title", wordWrap=True)
        self.pages = _PageList(objectName="pages")
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setIconSize(THUMB)
        self.pages.setGridSize(QSize(THUMB.width() + 36, THUMB.height() + 56))
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setMovement(QListView.Movement.Snap)
        self.pages.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.pages.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.pages.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pages.setWordWrap(True)
        self.pages.setMinimumHeight(THUMB.height() + 70)
        self.pages.dropped.connect(self._reordered)
        self.target_label = QLabel()
        self.target = QComboBox(objectName="target")
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumContentsLength(14)
        self.target_label.setBuddy(self.target)

        def action(name: str, keys: str, slot) -> QAction:
            made = QAction(self, objectName=name, shortcut=QKeySequence(keys), triggered=slot)
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(made)
            return made

        self.earlier_action = action("earlier", "Alt+Up", lambda: self.shift(-1))
        self.later_action = action("later", "Alt+Down", lambda: self.shift(1))
        self.rotate_action = action("rotate", "R", lambda: self.rotate(1))
        self.rotate_back_action = action("rotate-back", "Shift+R", lambda: self.rotate(-1))
        self.delete_action = action("delete", "Del", self.delete)
        self.rescan_action = action("rescan", "Ctrl+Shift+R", self._ask_rescan)
        self.keep_action = action("keep", "K", self.keep)
        self.move_action = action("move", "Ctrl+Shift+M", self.move_to_target)
        self.split_action = action("split", "Ctrl+Shift+T", self.split_to_target)
        self.merge_action = action("merge", "Ctrl+Shift+G", self.merge_into_target)
        self.edit_actions = [self.earlier_action, self.later_action, self.rotate_action, self.rotate_back_action,
                             self.delete_action, self.rescan_action, self.keep_action]
        self.component_actions = [self.move_action, self.split_action, self.merge_action]
        self.buttons: dict[str, QToolButton] = {}
        # the page's edits in a column beside the thumbnails, then what moves pages between components
        tools = QVBoxLayout()
        for made in self.edit_actions + self.component_actions:
            if made is self.move_action:
                tools.addSpacing(8)
                tools.addWidget(self.target_label)
                tools.addWidget(self.target)
            button = QToolButton(objectName=made.objectName())
            button.setDefaultAction(made)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys work from the list; Tab stays short
            self.buttons[made.objectName()] = button
            tools.addWidget(button)
        tools.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.pages, 1)
        tools_box = QWidget()
        tools_box.setLayout(tools)
        tools_box.setMaximumWidth(300)
        tools.setContentsMargins(0, 0, 0, 0)
        body.addWidget(tools_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        self.pages.currentRowChanged.connect(lambda _: self._enable())
        self.retranslate()

    # --- what is shown -----------------------------------------------------------------------------

    def show_component(self, intake, line: int) -> None:
        self.intake, self.line = intake, line
        self.refresh()

    def clear(self) -> None:
        self.intake, self.line = None, 0
        self.pages.clear()
        self.target.clear()
        self.title.clear()
        self._enable()

    def refresh(self, select: str | None = None) -> None:
        """The component's pages again from the intake, keeping the page selected (or `select`)."""
        current = select or self.current_page_id()
        self.pages.clear()
        self.target.clear()
        if self.intake is None or not self.line or self.line > len(self.intake.slots):
            self.title.clear()
            self._enable()
            return
        slot = self.intake.slot(self.line)
        self.title.setText(self.tr("Pages of %1. %2").replace("%1", slot.name).replace(
            "%2", self.tr("%n page(s)", "", len(slot.pages))))
        for number, page in enumerate(slot.pages.pages, start=1):
            flags = [self._flag_text(flag) for flag in sorted(page.flags)]
            wanted = self.tr(" (to check)") if page.needs_confirmation else ""
            text = self.tr("Page %1").replace("%1", str(number)) + (f"\n{', '.join(flags)}{wanted}" if flags else "")
            item = QListWidgetItem(text)
            pixmap = QPixmap()
            if page.thumbnail and pixmap.loadFromData(page.thumbnail):
                item.setIcon(pixmap)
            item.setData(PAGE_ID_ROLE, page.id)
            item.setToolTip(text.replace("\n", " · "))
            self.pages.addItem(item)
            if page.id == current:
                self.pages.setCurrentItem(item)
        if self.pages.currentRow() < 0 and self.pages.count():
            self.pages.setCurrentRow(0)
        for number, other in enumerate(self.intake.slots, start=1):
            if number != self.line:
                self.target.addItem(f"{number}. {other.name}", number)
        self._enable()

    def _flag_text(self, flag: str) -> str:
        return {"blank": self.tr("blank"), "blurred": self.tr("blurred"), "glare": self.tr("glare")}.get(flag, flag)

    def current_page_id(self) -> str | None:
        item = self.pages.currentItem()
        return None if item is None else item.data(PAGE_ID_ROLE)

    def _enable(self) -> None:
        has_page = self.current_page_id() is not None
        for made in self.edit_actions:
            made.setEnabled(has_page)
        page = self._page()
        self.keep_action.setEnabled(page is not None and page.needs_confirmation)
        has_target = self.target.count() > 0
        self.move_action.setEnabled(has_page and has_target)
        self.split_action.setEnabled(has_page and has_target)
        self.merge_action.setEnabled(self.pages.count() > 0 and has_target)

    def _page(self):
        page_id = self.current_page_id()
        if page_id is None or self.intake is None:
            return None
        try:
            return self.intake.slot(self.line).pages.page(page_id)
        except KioskError:
            return None

    # --- edits ---------------------------------------------------------------------------------------

    def _edit(self, edit, select: str | None = None) -> None:
        if self.intake is None:
            return
        try:
            edit()
        except KioskError as error:  # PageSetError, IntakeError: the message is for the officer
            self.problem.emit(str(error))
        self.refresh(select)
        self.changed.emit()

    def shift(self, step: int) -> None:
        page_id, row = self.current_page_id(), self.pages.currentRow()
        if page_id is None or not 0 <= row + step < self.pages.count():
            return
        self._edit(lambda: self.intake.slot(self.line).pages.move(page_id, row + step), page_id)

    def _reordered(self) -> None:
        """After a drag: the order the officer left on screen becomes the component's."""
        order = [self.pages.item(row).data(PAGE_ID_ROLE) for row in range(self.pages.count())]
        pages = self.intake.slot(self.line).pages

        def apply() -> None:
            for index, page_id in enumerate(order):
                pages.move(page_id, index)

        self._edit(apply)

    def rotate(self, quarter_turns: int) -> None:
        page_id = self.current_page_id()
        if page_id is not None:
            self._edit(lambda: self.intake.slot(self.line).pages.rotate(page_id, quarter_turns), page_id)

    def delete(self) -> None:
        page_id, row = self.current_page_id(), self.pages.currentRow()
        if page_id is None:
            return
        following = self.pages.item(row + 1) or self.pages.item(row - 1)
        self._edit(lambda: self.intake.delete_page(self.line, page_id),
                   following.data(PAGE_ID_ROLE) if following is not None else None)

    def keep(self) -> None:
        page_id = self.current_page_id()
        if page_id is not None:
            self._edit(lambda: self.intake.confirm_page(self.line, page_id), page_id)

    def _ask_rescan(self) -> None:
        page_id = self.current_page_id()
        if page_id is not None:
            self.rescan.emit(self.line, page_id)

    def _target(self) -> int | None:
        return self.target.currentData() if self.target.count() else None

    def move_to_target(self) -> None:
        page_id, target = self.current_page_id(), self._target()
        if page_id is not None and target is not None:
            self._edit(lambda: self.intake.move_page(page_id, self.line, target))

    def split_to_target(self) -> None:
        page_id, target = self.current_page_id(), self._target()
        if page_id is not None and target is not None:
            self._edit(lambda: self.intake.split_component(self.line, page_id, target))

    def merge_into_target(self) -> None:
        target = self._target()
        if target is not None:
            self._edit(lambda: self.intake.merge_components(self.line, target))

    def retranslate(self) -> None:
        texts = {
            "earlier": self.tr("Earlier"), "later": self.tr("Later"), "rotate": self.tr("Rotate right"),
            "rotate-back": self.tr("Rotate left"), "delete": self.tr("Delete"), "rescan": self.tr("Rescan"),
            "keep": self.tr("Keep as is"), "move": self.tr("Move page to"),
            "split": self.tr("Split from this page to"), "merge": self.tr("Merge all pages into"),
        }
        for made in self.edit_actions + self.component_actions:
            text = texts[made.objectName()]
            made.setText(text)
            made.setToolTip(f"{text} ({made.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        self.target_label.setText(self.tr("&Other component:"))
        self.target.setAccessibleName(self.tr("Other component"))
        self.target.setToolTip(self.tr("Where Move, Split and Merge put the pages"))
        self.pages.setAccessibleName(self.tr("Pages of the component"))
        self.pages.setToolTip(self.tr("Drag to reorder, or Alt+Up/Down; R and Shift+R rotate; Del deletes"))
        self.refresh()

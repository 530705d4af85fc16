"""The officer's page editor in a reception, by keyboard: reorder (Alt+Up/Down), rotate (R, Shift+R),
delete (Del), keep a blank page, move a page to another component, split a component from a page on,
merge a component into another. The pages are real pipeline pages; the edits are the intake's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from kiosk.devices import DeviceSetup
from tests.intake.test_pages import processed
from tests.ui.counter_helpers import activate
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists

BIRTH = "1.001193"  # the form (1), the birth certificate (2), an authorisation (3, optional)
CTRL, SHIFT, ALT, NONE = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                          Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def reception(qtbot, config, languages, services):
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="can-bo-01")
    qtbot.addWidget(window)
    window.show()
    activate(window)
    tab = window.new_reception()
    tab.intake.choose_procedure(BIRTH)
    tab.intake.confirm_unit("06970")
    first = tab.intake.slot(1).pages
    pages = [first.add(processed(300 + 40 * n)) for n in range(4)]  # told apart by their widths
    tab.intake.slot(2).pages.add(processed(600))
    tab._refresh_components()
    tab.choose_line(1)
    tab.editor.pages.setFocus()
    tab.editor.pages.setCurrentRow(0)
    yield tab, pages


def ids(tab, line):
    return [p.id for p in tab.intake.slot(line).pages.pages]


def shown_ids(editor):
    return [editor.pages.item(row).data(Qt.ItemDataRole.UserRole + 1) for row in range(editor.pages.count())]


def test_reorder_rotate_and_delete_by_keyboard(qtbot, reception):
    tab, (a, b, c, d) = reception
    editor = tab.editor
    qtbot.keyClick(editor.pages, Qt.Key.Key_Down, ALT)  # the first page one place later
    assert ids(tab, 1) == [b.id, a.id, c.id, d.id] and shown_ids(editor) == ids(tab, 1)
    assert editor.current_page_id() == a.id  # the page moved stays selected
    qtbot.keyClick(editor.pages, Qt.Key.Key_Up, ALT)
    assert ids(tab, 1) == [a.id, b.id, c.id, d.id]
    qtbot.keyClick(editor.pages, Qt.Key.Key_R, NONE)
    assert a.quarter_turns == 1
    qtbot.keyClick(editor.pages, Qt.Key.Key_R, SHIFT)
    qtbot.keyClick(editor.pages, Qt.Key.Key_R, SHIFT)
    assert a.quarter_turns == 3
    qtbot.keyClick(editor.pages, Qt.Key.Key_Delete, NONE)
    assert ids(tab, 1) == [b.id, c.id, d.id] and a.processed.encoded is None  # dropped, not kept
    assert editor.current_page_id() == b.id
    assert "3" in tab.checklist.item(0).text()  # the checklist counts the pages left
    assert "(R)" in editor.rotate_action.toolTip() and "(Del)" in editor.delete_action.toolTip()


def test_a_drag_leaves_its_order_in_the_component(reception):
    tab, (a, b, c, d) = reception
    editor = tab.editor
    model = editor.pages.model()
    assert model.moveRow(QModelIndex(), 3, QModelIndex(), 0)  # what a drop does to the list's rows
    editor.pages.dropped.emit()
    assert ids(tab, 1) == [d.id, a.id, b.id, c.id] and shown_ids(editor) == ids(tab, 1)


def test_move_split_and_merge_between_components(qtbot, reception):
    tab, (a, b, c, d) = reception
    editor = tab.editor
    [certificate] = ids(tab, 2)
    assert editor.target.currentData() == 2  # the other components, the next one first
    editor.pages.setCurrentRow(1)
    qtbot.keyClick(editor.pages, Qt.Key.Key_M, CTRL | SHIFT)  # b to the birth certificate
    assert ids(tab, 1) == [a.id, c.id, d.id] and ids(tab, 2) == [certificate, b.id]
    editor.target.setCurrentIndex(editor.target.findData(3))
    editor.pages.setCurrentRow(1)
    qtbot.keyClick(editor.pages, Qt.Key.Key_T, CTRL | SHIFT)  # c and d to the authorisation
    assert ids(tab, 1) == [a.id] and ids(tab, 3) == [c.id, d.id]
    assert tab.intake.slot(3).how == "scanned"
    tab.choose_line(3)
    tab.editor.pages.setFocus()
    editor.target.setCurrentIndex(editor.target.findData(1))
    qtbot.keyClick(editor.pages, Qt.Key.Key_G, CTRL | SHIFT)  # all of them back into the form
    assert ids(tab, 1) == [a.id, c.id, d.id] and ids(tab, 3) == []
    assert "Missing" not in tab.completeness.text()  # no citizen in this test: only the presence is asked
    tab.choose_line(2)
    tab.editor.pages.setFocus()
    editor.target.setCurrentIndex(editor.target.findData(1))
    qtbot.keyClick(editor.pages, Qt.Key.Key_G, CTRL | SHIFT)
    assert ids(tab, 2) == [] and tab.intake.missing() == [tab.intake.slot(2).name]
    assert "Missing" in tab.completeness.text() and not tab.consent.isEnabled()


def test_a_blank_page_is_kept_with_k_and_a_refused_edit_is_said(qtbot, reception):
    tab, _ = reception
    blank = tab.intake.slot(2).pages.add(processed(blank=True))
    tab._refresh_components()
    tab.choose_line(2)
    editor = tab.editor
    editor.pages.setFocus()
    editor.pages.setCurrentRow(1)
    assert blank.needs_confirmation and "blank" in editor.pages.item(1).text()
    assert "flagged" in tab.completeness.text() and not tab.consent.isEnabled()
    qtbot.keyClick(editor.pages, Qt.Key.Key_K, NONE)
    assert not blank.needs_confirmation and not editor.keep_action.isEnabled()
    tab.intake.slot(2).pages.delete(blank.id)  # gone behind the editor's back (say, from another tab)
    editor.pages.setCurrentRow(1)
    editor.rotate(1)
    assert "no longer in this component" in tab.scan_status.text()

"""Searching at the kiosk by touch: the on-screen keyboard types letters without accents, and the search
ignores them, so "khai sinh" finds "Đăng ký khai sinh" and "ba che" finds "Xã Ba Chẽ"."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt

from kiosk.catalogs import load_procedures, load_units
from kiosk.text import fold
from tests.ui.accessibility import problems
from ui.idle import IdleTimer
from ui.keyboard import OnScreenKeyboard
from ui.kiosk_window import KioskWindow


def type_on(qtbot, keyboard: OnScreenKeyboard, text: str) -> None:
    for letter in text.upper():
        qtbot.mouseClick(keyboard.space if letter == " " else keyboard.keys[letter], Qt.MouseButton.LeftButton)


def test_keys_type_delete_and_clear(qtbot):
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    typed = []
    keyboard.text_changed.connect(typed.append)
    type_on(qtbot, keyboard, "ba  che")
    assert keyboard.text == "ba che" and typed[-1] == "ba che"  # a second space is not typed
    qtbot.mouseClick(keyboard.backspace, Qt.MouseButton.LeftButton)
    assert keyboard.text == "ba ch" and keyboard.shown.text() == "ba ch"
    qtbot.mouseClick(keyboard.clear_key, Qt.MouseButton.LeftButton)
    assert keyboard.text == "" and typed[-1] == ""


def kiosk(qtbot, qapp, config, languages):
    languages.switch("vi")
    window = KioskWindow(config, languages, qapp, idle=IdleTimer(qapp, timeout=600))
    qtbot.addWidget(window)
    window.resize(1280, 1024)
    window.show()
    qtbot.waitExposed(window)
    # what the screens need of a visit, without a card: the catalogs
    window.link.intake = SimpleNamespace(setup=SimpleNamespace(procedures=load_procedures(), units=load_units()),
                                         ended=None)
    return window


def test_a_procedure_outside_the_tiles_is_found_by_typing(qtbot, qapp, config, languages):
    window = kiosk(qtbot, qapp, config, languages)
    window._show_procedures()
    qtbot.waitUntil(lambda: window.procedure.filled)  # tiles are made a few per turn of the event loop
    assert len(window.procedure.tiles) == 8 and not window.procedure.keyboard.isVisible()
    qtbot.mouseClick(window.procedure.search, Qt.MouseButton.LeftButton)
    assert window.procedure.keyboard.isVisible()
    type_on(qtbot, window.procedure.keyboard, "khai tu")
    qtbot.waitUntil(lambda: window.procedure.filled)
    names = [tile.accessibleName() for tile in window.procedure.tiles.values()]
    assert names and all("khai tu" in fold(name) for name in names)
    assert "Đăng ký khai tử" in names
    assert problems(window) == []  # the keyboard's keys are touch targets too
    qtbot.mouseClick(window.procedure.search, Qt.MouseButton.LeftButton)  # closing the search shows the tiles again
    qtbot.waitUntil(lambda: window.procedure.filled)
    assert len(window.procedure.tiles) == 8 and not window.procedure.keyboard.isVisible()


def test_an_office_is_found_by_typing_its_name_without_accents(qtbot, qapp, config, languages):
    window = kiosk(qtbot, qapp, config, languages)
    window._search_units("")
    window._show(window.unit)
    qtbot.waitUntil(lambda: window.unit.filled)
    assert len(window.unit.tiles) > 50
    qtbot.mouseClick(window.unit.search, Qt.MouseButton.LeftButton)
    type_on(qtbot, window.unit.keyboard, "ba che")
    qtbot.waitUntil(lambda: window.unit.filled)
    assert [tile.accessibleName() for tile in window.unit.tiles.values()] == ["Xã Ba Chẽ"]

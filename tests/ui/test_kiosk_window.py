from PySide6.QtCore import Qt

from drivers.card.pcsc import PcscEvent
from ui.idle import IdleTimer
from ui.kiosk_window import KioskWindow


def make_window(qtbot, qapp, config, languages, card_events, clock):
    languages.switch(config.language)
    idle = IdleTimer(qapp, timeout=config.idle_timeout, warning=10, clock=clock)
    window = KioskWindow(config, languages, qapp, card_events, idle=idle)
    qtbot.addWidget(window)
    window.show()
    return window, idle


def test_idle_timer_counts_down_then_wipes_the_session(qtbot, qapp, config, languages, card_events, clock):
    window, idle = make_window(qtbot, qapp, config, languages, card_events, clock)
    qtbot.mouseClick(window.welcome.start, Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is window.card

    clock.now += config.idle_timeout - 9.5
    idle.tick()
    assert window.countdown_label.isVisible()
    assert "10 giây" in window.countdown_label.text()

    clock.now += 9.6
    with qtbot.waitSignal(idle.expired, timeout=1000):
        idle.tick()
    assert window.screens.currentWidget() is window.welcome and window.intake is None
    assert not window.countdown_label.isVisible()


def test_a_touch_during_the_countdown_keeps_the_session(qtbot, qapp, config, languages, card_events, clock):
    window, idle = make_window(qtbot, qapp, config, languages, card_events, clock)
    window.begin_session()
    clock.now += config.idle_timeout - 5
    idle.tick()
    assert window.countdown_label.isVisible()
    qtbot.mouseClick(window.card.status, Qt.MouseButton.LeftButton)
    assert not window.countdown_label.isVisible()
    clock.now += config.idle_timeout - 11
    idle.tick()
    assert window.screens.currentWidget() is window.card


def test_language_switch_changes_visible_text(qtbot, qapp, config, languages, card_events, clock):
    window, _ = make_window(qtbot, qapp, config, languages, card_events, clock)
    assert window.welcome.title.text() == "Xin chào" and window.welcome.start.text() == "Bắt đầu"
    qtbot.mouseClick(window.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert window.welcome.title.text() == "Welcome" and window.welcome.start.text() == "Start"
    assert window.language_buttons["en"].isChecked() and not window.language_buttons["vi"].isChecked()
    # The next citizen is greeted in Vietnamese again.
    window.begin_session()
    window.end_session()
    assert window.welcome.title.text() == "Xin chào"


def test_a_card_on_the_reader_begins_the_visit_and_its_removal_after_the_card_step_ends_it(
        qtbot, qapp, config, languages, card_events, clock):
    window, _ = make_window(qtbot, qapp, config, languages, card_events, clock)
    card_events.changed.emit(PcscEvent("card-inserted", "Virtual PCD 00 00", b"\x3b\x80"))
    assert window.screens.currentWidget() is window.card
    card_events.changed.emit(PcscEvent("card-removed", "Virtual PCD 00 00"))  # shown to the camera: no effect
    assert window.screens.currentWidget() is window.card
    card_events.changed.emit(PcscEvent("card-inserted", "Virtual PCD 00 00", b"\x3b\x80"))
    window._show(window.identity)  # as after the chip was read
    card_events.changed.emit(PcscEvent("card-removed", "Virtual PCD 00 01"))  # another reader: no effect
    assert window.screens.currentWidget() is window.identity
    card_events.changed.emit(PcscEvent("card-removed", "Virtual PCD 00 00"))
    assert window.screens.currentWidget() is window.left  # asked, not ended
    qtbot.mouseClick(window.left.resume, Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is window.identity
    card_events.changed.emit(PcscEvent("card-inserted", "Virtual PCD 00 00", b"\x3b\x80"))
    card_events.changed.emit(PcscEvent("card-removed", "Virtual PCD 00 00"))
    qtbot.mouseClick(window.left.end, Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is window.welcome


def test_kiosk_window_is_frameless_with_touch_sized_buttons(qtbot, qapp, config, languages, card_events, clock):
    window, _ = make_window(qtbot, qapp, config, languages, card_events, clock)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.welcome.start.height() >= 80 and window.language_buttons["vi"].height() >= 60

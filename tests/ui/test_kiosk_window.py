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
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is window.session_screen
    window.session.put("name", "Lê Thị Mai", personal=True)

    clock.now += config.idle_timeout - 9.5
    idle.tick()
    assert window.countdown_label.isVisible()
    assert "10 giây" in window.countdown_label.text()

    clock.now += 9.6
    with qtbot.waitSignal(idle.expired, timeout=1000):
        idle.tick()
    assert window.screens.currentWidget() is window.welcome_screen
    assert not window.session.active and len(window.session) == 0
    assert not window.countdown_label.isVisible()


def test_a_touch_during_the_countdown_keeps_the_session(qtbot, qapp, config, languages, card_events, clock):
    window, idle = make_window(qtbot, qapp, config, languages, card_events, clock)
    window.begin_session()
    clock.now += config.idle_timeout - 5
    idle.tick()
    assert window.countdown_label.isVisible()
    qtbot.mouseClick(window.session_status, Qt.MouseButton.LeftButton)
    assert not window.countdown_label.isVisible()
    clock.now += config.idle_timeout - 11
    idle.tick()
    assert window.session.active and window.screens.currentWidget() is window.session_screen


def test_language_switch_changes_visible_text(qtbot, qapp, config, languages, card_events, clock):
    window, _ = make_window(qtbot, qapp, config, languages, card_events, clock)
    assert window.title.text() == "Xin chào" and window.start_button.text() == "Bắt đầu"
    qtbot.mouseClick(window.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert window.title.text() == "Welcome" and window.start_button.text() == "Start"
    assert window.language_buttons["en"].isChecked() and not window.language_buttons["vi"].isChecked()
    # The next citizen is greeted in Vietnamese again.
    window.begin_session()
    window.end_session()
    assert window.title.text() == "Xin chào"


def test_card_on_the_reader_begins_and_its_removal_ends_the_session(qtbot, qapp, config, languages, card_events,
                                                                    clock):
    window, _ = make_window(qtbot, qapp, config, languages, card_events, clock)
    card_events.changed.emit(PcscEvent("card-inserted", "Virtual PCD 00 00", b"\x3b\x80"))
    assert window.session.active and window.screens.currentWidget() is window.session_screen
    assert "Thẻ của bạn đang trên đầu đọc" in window.session_status.text()
    card_events.changed.emit(PcscEvent("card-removed", "Virtual PCD 00 01"))  # another reader: no effect
    assert window.session.active
    card_events.changed.emit(PcscEvent("card-removed", "Virtual PCD 00 00"))
    assert not window.session.active and window.screens.currentWidget() is window.welcome_screen


def test_kiosk_window_is_frameless_with_touch_sized_buttons(qtbot, qapp, config, languages, card_events, clock):
    window, _ = make_window(qtbot, qapp, config, languages, card_events, clock)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.start_button.height() >= 80 and window.language_buttons["vi"].height() >= 60

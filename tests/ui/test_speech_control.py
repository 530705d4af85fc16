"""The kiosk's spoken mode in Qt: speech on and off, the long press, and the keypad's asterisk key.
The speaker is the real espeak-ng writing to a WAV file in the test's folder."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from drivers.speech import Speaker
from ui.speech import LONG_PRESS_MS, LongPressButton, SpeechControl, SpeechKeyFilter

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed: run `packaging/dev setup`")
HOLD_MS = 300  # the tests hold for less than the kiosk's 1.5 s


@pytest.fixture
def wav(tmp_path):
    return tmp_path / "spoken.wav"


@pytest.fixture
def control(wav):
    control = SpeechControl(Speaker(output=wav))
    yield control
    control.close()


@pytest.fixture
def button(qtbot):
    button = LongPressButton("Nghe hướng dẫn", hold_ms=HOLD_MS)
    qtbot.addWidget(button)
    button.resize(200, 80)
    button.show()
    qtbot.waitExposed(button)
    return button


def spy(signal) -> list:
    seen = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def test_a_long_press_emits_long_pressed_and_not_clicked(qtbot, button):
    clicked, long_pressed = spy(button.clicked), spy(button.long_pressed)
    with qtbot.waitSignal(button.long_pressed, timeout=HOLD_MS * 5):
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
    assert not button.isDown()  # it lets go of itself: the citizen feels the press ended
    qtbot.wait(HOLD_MS + 100)  # held on longer still: no second long press
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert long_pressed == [()] and clicked == []


def test_a_finger_sliding_off_and_back_after_a_long_press_does_not_click(qtbot, button):
    clicked = spy(button.clicked)
    with qtbot.waitSignal(button.long_pressed, timeout=HOLD_MS * 5):
        qtbot.mousePress(button, Qt.MouseButton.LeftButton, pos=QPoint(100, 40))
    qtbot.mouseMove(button, QPoint(500, 40))
    qtbot.mouseMove(button, QPoint(100, 40))
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton, pos=QPoint(100, 40))
    assert clicked == []


def test_a_short_click_emits_clicked_only(qtbot, button):
    clicked, long_pressed = spy(button.clicked), spy(button.long_pressed)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(HOLD_MS + 200)  # the hold timer was stopped on release
    assert len(clicked) == 1 and long_pressed == []
    # and after a long press, the next short click is a click again
    with qtbot.waitSignal(button.long_pressed, timeout=HOLD_MS * 5):
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(clicked) == 2 and len(long_pressed) == 1


def test_the_space_key_held_long_does_not_click_either(qtbot, button):
    button.setFocus()
    clicked = spy(button.clicked)
    with qtbot.waitSignal(button.long_pressed, timeout=HOLD_MS * 5):
        qtbot.keyPress(button, Qt.Key.Key_Space)
    qtbot.keyRelease(button, Qt.Key.Key_Space)
    assert clicked == []


def test_the_kiosk_holds_for_a_second_and_a_half(qtbot):
    button = LongPressButton("Nghe")
    qtbot.addWidget(button)
    assert LONG_PRESS_MS == 1500 and button._timer.interval() == 1500


@needs_espeak
def test_the_asterisk_key_toggles_speech_anywhere(qtbot, qapp, control):
    window = QWidget()
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    keys = SpeechKeyFilter(control)
    keys.install(qapp)
    try:
        toggled = spy(control.toggled)
        qtbot.keyClick(field, Qt.Key.Key_Asterisk, Qt.KeyboardModifier.KeypadModifier)
        assert control.enabled and toggled == [(True,)]
        qtbot.keyClick(field, Qt.Key.Key_Asterisk)  # with Num Lock off, or from another keyboard
        assert not control.enabled and toggled == [(True,), (False,)]
        assert field.text() == ""  # the key is consumed, not typed
        qtbot.keyClick(field, Qt.Key.Key_5, Qt.KeyboardModifier.KeypadModifier)
        assert not control.enabled and field.text() == "5"  # other keys pass through
    finally:
        keys.remove(qapp)
    qtbot.keyClick(field, Qt.Key.Key_Asterisk)
    assert not control.enabled  # removed: the key is typed again
    assert field.text() == "5*"


@needs_espeak
def test_speak_while_disabled_does_nothing(control, wav):
    assert not control.enabled
    assert control.speak("Xin chào.") is False
    assert control.repeat() is False
    assert control.speaker.process is None and not wav.exists()


@needs_espeak
def test_speak_repeat_and_turning_off(qtbot, control, wav):
    control.set_enabled(True)
    assert control.speak("Xin chào. Vui lòng đặt thẻ căn cước lên đầu đọc.") is True
    assert control.speaker.wait(timeout=10) and wav.stat().st_size > 10_000
    first = control.speaker.process
    assert control.repeat() is True and control.speaker.process is not first
    control.speak("Hồ sơ của ông bà đã được tiếp nhận. " * 2000)
    speaking = control.speaker.process
    with qtbot.waitSignal(control.toggled) as toggled:
        control.toggle()
    assert toggled.args == [False]
    assert speaking.returncode is not None  # turning speech off silences it at once


@needs_espeak
def test_a_failure_is_signalled_with_its_code(qtbot, control, wav):
    control.set_enabled(True)
    with qtbot.waitSignal(control.failed) as failed:
        assert control.speak("hello", language="xx") is False
    assert failed.args == ["speech.voice_missing"]


def test_a_missing_program_is_signalled(qtbot, tmp_path):
    control = SpeechControl(Speaker(program=tmp_path / "no-espeak-ng"), enabled=True)
    with qtbot.waitSignal(control.failed) as failed:
        assert control.speak("Xin chào.") is False
    assert failed.args == ["speech.missing"]

"""The kiosk read aloud: the keypad's * key or a long press on Start turns speech on, every screen is then
spoken in the citizen's language (real espeak-ng, into a WAV file in the test's folder), and the end of
the visit turns it off for the next citizen."""

from __future__ import annotations

import wave

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from drivers.speech import Speaker
from kiosk.config import load_config
from tests.conftest import write_config
from ui.idle import IdleTimer
from ui.kiosk_window import KioskWindow


class Recording(Speaker):
    """espeak-ng itself, and a list of what it was asked to say."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.said: list[tuple[str, str]] = []

    def say(self, text: str, language: str = "vi") -> None:
        self.said.append((text, language))
        super().say(text, language)


@pytest.fixture
def kiosk(qtbot, qapp, languages, tmp_path):
    speaker = Recording(output=tmp_path / "spoken.wav")
    languages.switch("vi")
    window = KioskWindow(load_config(write_config(tmp_path)), languages, qapp,
                         idle=IdleTimer(qapp, timeout=600), speaker=speaker)
    qtbot.addWidget(window)
    window.resize(1280, 1024)
    window.show()
    qtbot.waitExposed(window)
    yield window, speaker
    window.speech.close()


def loudness(path) -> float:
    with wave.open(str(path)) as sound:
        samples = np.frombuffer(sound.readframes(sound.getnframes()), dtype=np.int16)
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if samples.size else 0.0


def test_the_star_key_reads_the_welcome_screen_aloud_in_vietnamese(qtbot, kiosk, tmp_path):
    window, speaker = kiosk
    assert not window.repeat_button.isVisible() and speaker.said == []
    qtbot.keyClick(window, Qt.Key.Key_Asterisk)
    assert window.speech.enabled and window.welcome.speech.isChecked() and window.repeat_button.isVisible()
    text, language = speaker.said[-1]
    assert language == "vi" and "Xin chào" in text and "Bắt đầu" in text
    assert speaker.wait(30) and loudness(tmp_path / "spoken.wav") > 100
    window.repeat_button.click()
    assert speaker.said[-1] == (text, "vi")  # Repeat says it again


def test_a_long_press_on_start_begins_a_spoken_visit_and_the_end_silences_it(qtbot, kiosk):
    window, speaker = kiosk
    window.welcome.start.long_pressed.emit()  # the button's own hold is tested in test_speech_control
    assert window.speech.enabled and window.screens.currentWidget() is window.card
    # no station here: the kiosk says it is not ready, aloud as well
    assert any("Mời gặp cán bộ" in text or "cán bộ" in text for text, _ in speaker.said)
    window.language_buttons["en"].click()
    window.end_session()
    assert not window.speech.enabled and not window.welcome.speech.isChecked()


def test_speech_follows_the_language_and_the_status_lines(qtbot, kiosk):
    window, speaker = kiosk
    window.language_buttons["en"].click()
    window.welcome.speech.click()  # the toggle on the welcome screen, for a helper reading with the citizen
    assert speaker.said[-1][1] == "en" and "Welcome" in speaker.said[-1][0]
    window.call_officer()
    assert speaker.said[-1] == ("An officer has been called and will come to you.", "en")
    window._show_countdown(20)  # the idle warning is heard too
    assert speaker.said[-1][0].startswith("No activity")
    point = window.welcome.speech.rect().center()
    qtbot.mouseClick(window.welcome.speech, Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    assert not window.speech.enabled

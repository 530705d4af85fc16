"""The wait since first contact, shown in the reception and in its tab, with an alert past the threshold
(config wait_alert_minutes, default 20): a banner and a status bar message that say it in words, the
tab marked; gone once the dossier is received or the reception closed. The clock is injected."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kiosk.devices import DeviceSetup
from tests.ui.counter_helpers import activate
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.mark.parametrize("language, minutes, over", [("en", 19, False), ("en", 21, True), ("vi", 45, True)])
def test_the_wait_alert_comes_past_the_threshold_in_words(qtbot, config, languages, services, language, minutes,
                                                          over):
    languages.switch(language)
    clock = Clock()
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="can-bo-01",
                           clock=clock)
    qtbot.addWidget(window)
    window.show()
    activate(window)
    tab = window.new_reception()
    other = window.new_reception()  # a second citizen, just arrived
    assert window.wait_alert_minutes == 20 and not tab.banner.isVisible()
    clock.now += timedelta(minutes=minutes)
    tab.show_wait()  # what the tab's timer does every few seconds
    words = {"en": f"{minutes} min", "vi": f"{minutes} phút"}[language]
    assert words in tab.wait_label.text()
    assert tab.banner.isVisibleTo(tab) is over
    title = window.tabs.tabText(window.tabs.indexOf(tab))
    if over:
        alert = {"en": "more than 20 minutes", "vi": "quá 20 phút"}[language]
        assert alert in tab.banner.text() and words in tab.banner.text()
        assert window.statusBar().currentMessage() == tab.banner.text()  # told where the officer looks too
        assert title.startswith("⚠")
        assert not window.tabs.tabText(window.tabs.indexOf(other)).startswith("⚠")
        window.close_tab(window.tabs.indexOf(tab), force=True)
        assert window.statusBar().currentMessage() == ""  # no reception over the limit is left
    else:
        assert window.statusBar().currentMessage() == "" and not title.startswith("⚠")

"""Device lists refreshed side by side show the newest answer, whatever order the answers come in."""

import threading

from kiosk import devices
from kiosk.devices import DeviceSetup
from ui.devices import DeviceLists


def test_an_older_answer_arriving_late_does_not_replace_a_newer_one(qtbot, qapp, monkeypatch):
    first_may_answer = threading.Event()
    calls = []

    def readers():
        calls.append(len(calls))
        if len(calls) == 1:  # the first refresh: asked before the card came, answers last
            first_may_answer.wait(10)
            return ["before the card"]
        return ["with the card"]

    monkeypatch.setattr(devices, "readers", readers)
    lists = DeviceLists(DeviceSetup())
    shown = []
    lists.listed.connect(lambda kind, items: shown.append(items))
    lists.refresh("readers")
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
    lists.refresh("readers")
    qtbot.waitUntil(lambda: shown == [["with the card"]], timeout=5000)
    first_may_answer.set()
    qtbot.wait(300)
    assert shown == [["with the card"]]
    lists.refresh("readers")
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
    assert shown[-1] == ["with the card"]

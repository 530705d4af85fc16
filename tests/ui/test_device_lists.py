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


def test_the_card_on_a_reader_follows_the_events_over_a_listing_made_as_it_left(qtbot, qapp, monkeypatch,
                                                                                card_events):
    """pcscd may still let a listing connect to a card that has just left: the removal event wins."""
    from drivers.card.pcsc import PcscEvent, ReaderInfo

    atr = bytes.fromhex("3B 88 80 01 80 31 B0 52 01 0E 6F 00")
    stale = [ReaderInfo("Reader A", atr)]  # what every listing says, however late
    monkeypatch.setattr(devices, "readers", lambda: stale)
    lists = DeviceLists(DeviceSetup(), card_events)
    shown = []
    lists.listed.connect(lambda kind, items: shown.append([(r.name, r.atr) for r in items]))
    lists.refresh("readers")
    qtbot.waitUntil(lambda: shown == [[("Reader A", atr)]], timeout=5000)

    card_events.changed.emit(PcscEvent("card-removed", "Reader A"))
    assert shown[-1] == [("Reader A", None)]
    lists.refresh("readers")  # a listing made while pcscd still reports the card
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=5000)
    assert shown[-1] == [("Reader A", None)]

    card_events.changed.emit(PcscEvent("card-inserted", "Reader A", atr))
    assert shown[-1] == [("Reader A", atr)]
    card_events.changed.emit(PcscEvent("reader-added", "Reader B"))
    assert shown[-1] == [("Reader A", atr), ("Reader B", None)]
    card_events.changed.emit(PcscEvent("reader-removed", "Reader A"))
    assert shown[-1] == [("Reader B", None)]

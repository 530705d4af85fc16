"""The diagnostics window against the simulated station: real pcscd, vpcd and SANE's test backend."""

import pytest

from kiosk.devices import DeviceSetup
from tests.helpers.cards import READER, InsertedCard
from ui.card_events import CardEvents
from ui.devices import DeviceLists
from ui.diagnostics_window import DiagnosticsWindow

pytestmark = pytest.mark.station


def rows(window, kind, columns=2):
    tree = window.trees[kind]
    return [[tree.topLevelItem(i).text(c) for c in range(columns)] for i in range(tree.topLevelItemCount())]


def test_diagnostics_lists_readers_scanners_cameras_and_follows_the_card(qtbot, qapp, station, station_config,
                                                                         languages):
    languages.switch("en")
    events = CardEvents()
    lists = DeviceLists(DeviceSetup.for_config(station_config, simulated=True), events)
    window = DiagnosticsWindow(station_config, languages, lists, DeviceSetup.for_config(station_config, True))
    qtbot.addWidget(window)
    window.show()
    lists.refresh()
    qtbot.waitUntil(lambda: all(window.trees[k].topLevelItemCount() for k in ("readers", "scanners", "cameras")),
                    timeout=15000)
    assert [READER, "no card"] in rows(window, "readers")
    assert rows(window, "scanners")[0][0] == "test:0"
    assert rows(window, "cameras")[0][0] == "Simulated camera (image folder)"

    events.start()
    try:
        with InsertedCard() as card:
            qtbot.waitUntil(lambda: [READER, card.atr.hex(" ").upper()] in rows(window, "readers"), timeout=10000)
        qtbot.waitUntil(lambda: [READER, "no card"] in rows(window, "readers"), timeout=10000)
    finally:
        events.stop()


def test_diagnostics_says_why_readers_cannot_be_listed(qtbot, qapp, config, languages, monkeypatch):
    from kiosk import devices

    def no_service():
        raise devices.PcscUnavailable()

    monkeypatch.setattr(devices, "readers", no_service)
    languages.switch("en")
    lists = DeviceLists(DeviceSetup())
    window = DiagnosticsWindow(config, languages, lists)
    qtbot.addWidget(window)
    lists.refresh("readers")
    qtbot.waitUntil(lambda: "pcscd" in window.states["readers"].text(), timeout=5000)
    assert window.states["readers"].text().startswith("Cannot list devices: the PC/SC service (pcscd)")

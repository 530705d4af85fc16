"""An officer receives a citizen at the counter by keyboard alone, on the simulated station: the queue
ticket, the card read behind real pcscd (its CAN typed, or its QR code through the camera), the officer's look at the chip portrait, a
procedure with two required components, each scanned on SANE's test scanner, the completeness check, the
consent, submit; the station's relay (as the application runs it) delivers the dossier to the reference
provincial server and the province's code appears in the reception and in the list. Each screen is
saved as a screenshot, in Vietnamese and in English."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from drivers.card.virtual.card import VirtualCard
from kiosk.config import load_config
from kiosk.devices import DeviceSetup
from kiosk.store import open_store
from sync.service import RelayService
from tests.conftest import signing_settings, write_config
from tests.helpers.cards import InsertedCard
from tests.helpers.kiosk import CENTRE, Services, camera_video, held_texts, profile_with_portrait
from tests.ui.counter_helpers import activate, close_services
from ui.counter.dossier_list import CODE
from ui.counter.reception import ReceptionTab
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists

pytestmark = pytest.mark.station

BIRTH = "1.001193"  # Đăng ký khai sinh: two required components, one optional
CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


@pytest.fixture
def profile(tmp_path):
    return profile_with_portrait(tmp_path)


def counter_config(station_config, folder: Path, camera: Path, **settings):
    file = write_config(folder, mode="counter", endpoint=station_config.endpoint,
                        ca_bundle=str(station_config.ca_bundle),
                        client_certificate=str(station_config.client_certificate),
                        client_key=str(station_config.client_key), key_dir=str(folder / "keys"),
                        station_id=station_config.station_id, center_unit=CENTRE, receipt_printer="none",
                        trust_store=str(station_config.simulation_dir / "trust"), camera=str(camera),
                        **{**signing_settings(station_config), **settings})
    return load_config(file, env={})


@pytest.fixture
def config(station, station_config, profile, tmp_path):
    return counter_config(station_config, tmp_path, camera_video(profile, tmp_path / "camera.avi"))


@pytest.fixture
def services(config, station_config):
    opened = Services(config, station_config)
    yield opened
    for services in opened.opened:
        close_services(services)


def shots_folder(station_config) -> Path:
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or station_config.data_dir / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_officer_receives_a_two_component_dossier_by_keyboard_through_to_the_provinces_code(
        qtbot, languages, config, services, profile, station_config, language):
    languages.switch(language)
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="can-bo-01",
                           reading_store=lambda: open_store(config.store_dir, config.key_dir, config.station_id))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    activate(window)
    shots = shots_folder(station_config)

    def look(name: str) -> None:
        qtbot.wait(50)
        window.grab().save(str(shots / f"counter-{language}-{name}.png"))

    def keys(widget, *clicks) -> None:
        for key, modifiers in clicks:
            qtbot.keyClick(widget, key, modifiers)

    qtbot.waitUntil(lambda: window.services is not None and window.reading_store is not None, timeout=120_000)
    relay = RelayService(config, window.on_relay_progress)  # as the application starts it
    relay.start()
    try:
        keys(window, (Qt.Key.Key_N, CTRL))
        tab = window.tabs.currentWidget()
        assert isinstance(tab, ReceptionTab) and tab.ticket.hasFocus()
        look("reception")
        qtbot.keyClicks(tab.ticket, "A012")
        keys(tab.ticket, (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
        assert tab.can.hasFocus() and tab.intake.queue_ticket == "A012"
        card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
        with InsertedCard(card):
            if language == "vi":  # the CAN typed by the officer
                qtbot.keyClicks(tab.can, profile.id_number[-6:])
                keys(tab.can, (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
            else:  # the card's QR code through the camera, as the kiosk reads it
                keys(tab, (Qt.Key.Key_Q, CTRL | SHIFT))
            qtbot.waitUntil(lambda: tab.name.text() == profile.full_name, timeout=90_000)
        assert profile.id_number in tab.id_number.text() and not tab.portrait.pixmap().isNull()
        assert profile.full_name in window.tabs.tabText(window.tabs.currentIndex())
        look("card-read")
        keys(tab, (Qt.Key.Key_Y, CTRL | SHIFT))  # the person is the one in the chip portrait
        assert tab.intake.present and tab.intake.citizen.presence[-1].method == "officer"
        assert tab.procedure_search.hasFocus()
        qtbot.keyClicks(tab.procedure_search, BIRTH)
        keys(tab.procedure_search, (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
        assert tab.procedures.hasFocus() and tab.procedures.currentItem().text().startswith(BIRTH)
        keys(tab.procedures, (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
        qtbot.waitUntil(lambda: tab.unit.count() > 0, timeout=30_000)
        assert tab.unit.currentData() == CENTRE  # suggested from the citizen's address
        keys(tab, (Qt.Key.Key_U, CTRL))
        assert tab.intake.competent_unit == CENTRE and tab.checklist.count() == 3
        for line in (1, 2):
            keys(tab, (getattr(Qt.Key, f"Key_{line}"), CTRL), (Qt.Key.Key_S, CTRL))
            qtbot.waitUntil(lambda: len(tab.intake.slot(line).pages) == 1 and tab.scan_button.isEnabled(),
                            timeout=120_000)
        assert tab.editor.pages.count() == 1 and tab.editor.pages.hasFocus()
        [scanned] = tab.intake.slot(2).pages.pages
        keys(tab.editor.pages, (Qt.Key.Key_R, CTRL | SHIFT))  # that page scanned again, in its place
        qtbot.waitUntil(lambda: [p.id for p in tab.intake.slot(2).pages.pages] != [scanned.id]
                        and tab.scan_button.isEnabled(), timeout=120_000)
        assert len(tab.intake.slot(2).pages) == 1 and scanned.processed.encoded is None
        assert tab.intake.missing() == [] and tab.consent.isEnabled() and not tab.submit_button.isEnabled()
        look("scanned")
        keys(tab, (Qt.Key.Key_A, CTRL | SHIFT))  # the consent read to the citizen, who agrees
        assert tab.consent.isChecked() and tab.submit_button.isEnabled()
        keys(tab, (Qt.Key.Key_Return, CTRL))
        qtbot.waitUntil(lambda: tab._receipt is not None, timeout=60_000)
        reference = tab._receipt.local_reference
        assert reference in tab.receipt_lines.text()
        qtbot.waitUntil(lambda: tab.print_button.isEnabled(), timeout=60_000)  # kept in the e-wallet: no printer
        # the relay delivers the dossier while the officer hands over the receipt: the province's code appears
        qtbot.waitUntil(lambda: tab._code is not None, timeout=90_000)
        code = tab._code
        assert code in tab.receipt_lines.text() and code in tab.receipt_status.text()
        look("receipt-with-code")
        keys(window, (Qt.Key.Key_L, CTRL))
        assert window.tabs.currentWidget() is window.panel and window.panel.table.hasFocus()
        row = window.model.row_of(reference)
        qtbot.waitUntil(lambda: row is not None or window.model.row_of(reference) is not None, timeout=30_000)
        row = window.model.row_of(reference)
        qtbot.waitUntil(lambda: window.model.index(row, CODE).data() == code, timeout=30_000)
        look("list")
        window.tabs.setCurrentWidget(tab)
        keys(tab, (Qt.Key.Key_Return, CTRL | SHIFT))  # finish: the intake ends, the tab goes
        qtbot.waitUntil(lambda: window.tabs.indexOf(tab) < 0, timeout=10_000)
    finally:
        relay.stop()
    assert services.opened[0].store.load(reference).official_code == code
    assert profile.full_name not in held_texts(window.tabs)  # the reception's tab is gone with what it showed

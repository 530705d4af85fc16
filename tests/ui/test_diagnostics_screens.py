"""The technician's screens on the simulated station: the virtual card behind real pcscd, SANE's test
backend, a camera that sees the test card's front (its QR code holds the holder's name and ID number),
the reference provincial server. A card is read and a page scanned in diagnostics mode; then no widget's
text, no picture and no file of the log export holds the card holder's name or ID number. Each screen
is saved as a screenshot in both languages."""

from __future__ import annotations

import logging
import os
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QTreeWidget, QWidget,
)

from drivers.camera.qr_reader import decode_qr
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.face import card_face
from drivers.card.virtual.profile import load_profile
from kiosk.config import load_config
from kiosk.devices import DeviceSetup
from kiosk.logs import setup_logging
from kiosk.resources import CARD_PROFILES
from kiosk.text import fold
from tests.conftest import write_config
from tests.helpers.cards import InsertedCard
from ui.card_events import CardEvents
from ui.devices import DeviceLists
from ui.diagnostics.common import CAMERA_MOSAIC, PIXMAP_SOURCE, SCAN_THUMBNAIL
from kiosk.diagnostics.camera_test import PREVIEW_WIDTH
from ui.diagnostics.content import SCREENS
from ui.diagnostics_window import DiagnosticsWindow

pytestmark = pytest.mark.station

SLOW = 120_000  # ms: the face model's first load takes seconds on a busy machine


@pytest.fixture
def profile():
    return load_profile(CARD_PROFILES / "unmarried-no-old-id.toml")


@pytest.fixture
def config(station, station_config, profile, tmp_path):
    """A diagnostics station of its own (logs, store) on the shared simulated devices; its camera sees
    the test card's front."""
    front = tmp_path / "card-front.png"
    card_face(profile).save(front)
    file = write_config(tmp_path, mode="diagnostics", endpoint=station_config.endpoint,
                        ca_bundle=str(station_config.ca_bundle),
                        client_certificate=str(station_config.client_certificate),
                        client_key=str(station_config.client_key), key_dir=str(tmp_path / "keys"),
                        trust_store=str(station_config.simulation_dir / "trust"), camera=f"image:{front}")
    return load_config(file, env={})


@pytest.fixture
def logging_to_file(config):
    """The station's log file, as `kiosk start` sets it up, for the export to pick up."""
    root = logging.getLogger()
    before = root.level
    setup_logging(config.log_dir, level=logging.DEBUG)
    yield config.log_dir
    for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(before)


@pytest.fixture
def window(qtbot, qapp, config, station_config, languages, tmp_path):
    events = CardEvents()
    lists = DeviceLists(DeviceSetup.for_config(station_config, simulated=True), events)
    window = DiagnosticsWindow(config, languages, lists, DeviceSetup.for_config(station_config, simulated=True),
                               choose_log_path=lambda suggested: tmp_path / "export" / suggested.name)
    (tmp_path / "export").mkdir()
    qtbot.addWidget(window)
    window.resize(1200, 820)
    window.show()
    lists.refresh()
    events.start()
    yield window
    window.content.stop()
    events.stop()


def personal_forms(profile) -> list[str]:
    """The holder's name (as written, folded, upper case) and ID number (whole, in groups, its last 9
    digits as the document number)."""
    name, number = profile.full_name, profile.id_number
    return [name, fold(name), fold(name).upper(), name.upper(), number, f"{number[:3]} {number[3:6]} {number[6:]}",
            f"{number[:4]} {number[4:8]} {number[8:]}", number[-9:]]


def every_text(window: QWidget) -> list[str]:
    """Every text any widget of the window holds, shown or not: labels, buttons, fields, tooltips,
    accessible names, window titles, table and list items (each column, with their tooltips) and headers."""
    texts = [window.windowTitle()]
    for widget in [window, *window.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(), widget.windowTitle(),
                  widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QPlainTextEdit):
            texts += [widget.toPlainText(), widget.placeholderText()]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
            texts += [widget.item(i).toolTip() for i in range(widget.count())]
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            texts += [header.text(c) for c in range(widget.columnCount())]
            for i in range(widget.topLevelItemCount()):
                item = widget.topLevelItem(i)
                texts += [item.text(c) for c in range(widget.columnCount())]
                texts += [item.toolTip(c) for c in range(widget.columnCount())]
    return texts


def pictures(window: QWidget) -> list[tuple[QLabel, np.ndarray]]:
    found = []
    for label in window.findChildren(QLabel):
        pixmap = label.pixmap()
        if pixmap is not None and not pixmap.isNull():
            image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGB888)
            pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
            found.append((label, pixels[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()))
    return found


def archive_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()}


def use_every_screen(qtbot, window, profile) -> None:
    """Read the card (typed CAN, then keys from the camera), scan a page, preview the camera, test the QR
    code and the face model, the sync and the connection, run the doctor and export the logs."""
    content = window.content
    card = VirtualCard.from_profile(profile, window.config.trust_store.parent / "card-keys")
    with InsertedCard(card):
        content.show_screen("readers")
        qtbot.waitUntil(lambda: any(content.readers.tree.topLevelItem(i).text(3) for i in
                                    range(content.readers.tree.topLevelItemCount())), timeout=20_000)
        content.show_screen("card")
        page = content.card
        qtbot.keyClicks(page.can, profile.id_number[-6:])
        assert page.can.echoMode() == QLineEdit.EchoMode.Password
        page.read_button.click()
        assert page.can.text() == ""  # the CAN is part of the ID number: gone from the screen at once
        qtbot.waitUntil(lambda: page.read_button.isEnabled(), timeout=SLOW)
        assert page.result is not None, page.status.text()
        first = page.result
        page.from_camera.click()
        qtbot.waitUntil(lambda: page.from_camera.isEnabled(), timeout=SLOW)
        assert page._camera_keys is not None, page.status.text()
        page.read_button.click()
        qtbot.waitUntil(lambda: page.read_button.isEnabled() and page.result is not first, timeout=SLOW)
        assert page.result.genuine and page.result.access.startswith("PACE")
    content.show_screen("scanners")
    qtbot.waitUntil(lambda: content.scanners.tree.topLevelItemCount() > 0, timeout=SLOW)
    content.scanners.options_button.click()
    qtbot.waitUntil(lambda: content.scanners.options.topLevelItemCount() > 5, timeout=SLOW)
    content.scanners.dpi.setValue(100)
    content.scanners.scan_button.click()
    qtbot.waitUntil(lambda: content.scanners.result is not None, timeout=SLOW)
    content.show_screen("camera")
    content.camera.face_button.click()
    content.camera.qr_button.click()
    content.camera.preview_button.click()
    qtbot.waitUntil(lambda: content.camera.preview.property(PIXMAP_SOURCE) == CAMERA_MOSAIC, timeout=SLOW)
    qtbot.waitUntil(lambda: content.camera.qr_button.isEnabled() and content.camera.face_button.isEnabled(),
                    timeout=SLOW)
    content.show_screen("sync")
    content.sync.test_button.click()
    qtbot.waitUntil(lambda: content.sync.report is not None and content.sync.sync is not None, timeout=SLOW)
    content.show_screen("doctor")
    content.doctor.run_button.click()
    qtbot.waitUntil(lambda: content.doctor.checks is not None, timeout=SLOW)
    content.show_screen("logs")
    content.logs.export_button.click()
    qtbot.waitUntil(lambda: content.logs.archive is not None, timeout=SLOW)


def test_no_screen_picture_or_exported_file_holds_the_card_holders_data(qtbot, window, profile, logging_to_file,
                                                                        languages):
    languages.switch("en")
    use_every_screen(qtbot, window, profile)
    content = window.content
    # what each screen found: the results are there, only their personal content is not
    assert content.card.status.text().startswith("Read OK")
    extended = content.card.result.extended_commands
    assert extended > 0  # pcscd and vpcd pass extended-length APDUs, and the virtual card takes them
    readers = content.readers.tree
    assert any(readers.topLevelItem(i).text(4).endswith(f"test read: {extended} extended-length command(s)")
               for i in range(readers.topLevelItemCount()))
    assert "passed" in [content.card.checks.topLevelItem(i).text(1) for i in range(3)]
    assert content.card.trace.toPlainText().count(" | SW ") == len(content.card.result.trace) > 10
    qr_text = content.camera.qr_result.text()
    assert qr_text.startswith("QR found,") and "characters" in qr_text
    assert content.camera.face_result.text().startswith("Face model OK")
    assert content.sync.status.text().endswith("connection OK.")
    assert content.logs.archive.suffix == ".zip"
    logging.getLogger("test").info("a line of the session's log")  # the handler is still ours

    forms = personal_forms(profile)
    for language in ("en", "vi"):
        languages.switch(language)
        for name in SCREENS:
            content.show_screen(name)
            texts = "\n".join(every_text(window))
            for form in forms:
                assert form not in texts, (language, name, form)

    content.show_screen("camera")
    content.camera.start_preview()
    qtbot.waitUntil(lambda: content.camera.preview.property(PIXMAP_SOURCE) == CAMERA_MOSAIC, timeout=SLOW)
    sources = sorted(label.property(PIXMAP_SOURCE) for label, _ in pictures(window))
    assert sources == sorted([SCAN_THUMBNAIL, CAMERA_MOSAIC])  # the only pictures, and where each came from
    assert content.camera.preview.pixmap().width() == PREVIEW_WIDTH  # the camera's frames, as a mosaic only
    for label, pixels in pictures(window):
        assert decode_qr(pixels) == [], label.objectName()
    assert content.scanners.result.device == "test:0"  # the page shown is SANE's test pattern

    files = archive_texts(content.logs.archive)
    assert "manifest.json" in files and any(name.startswith("logs/") for name in files)
    for name, text in files.items():
        for form in forms:
            assert form not in text and form.casefold() not in text.casefold(), (name, form)


def test_the_card_test_says_why_it_cannot_read(qtbot, window, profile, languages):
    languages.switch("en")
    content = window.content
    content.show_screen("card")
    page = content.card
    page.read_button.click()
    assert page.status.text() == "Type the test card's CAN, or read its keys from the camera first."
    qtbot.keyClicks(page.can, "12a")
    page.read_button.click()
    assert page.status.text() == "A CAN is 6 digits."
    card = VirtualCard.from_profile(profile, window.config.trust_store.parent / "card-keys")
    rows = content.readers.tree
    with InsertedCard(card):
        qtbot.waitUntil(lambda: any(rows.topLevelItem(i).text(3) for i in range(rows.topLevelItemCount())),
                        timeout=20_000)
        qtbot.keyClicks(page.can, "000001")
        qtbot.keyClick(page.can, "\r")
        qtbot.waitUntil(lambda: page.status.text().startswith("The test read failed"), timeout=SLOW)
    assert "no access key" in page.status.text() and page.result is None


def test_screens_change_by_keyboard_and_the_camera_stops_when_its_screen_is_left(qtbot, window, languages):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    languages.switch("en")
    content = window.content
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts go to the active window (under Xvfb there is no window manager)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=10_000)
    for number, name in enumerate(SCREENS, start=1):
        qtbot.keyClick(content.nav, Qt.Key.Key_0 + number, Qt.KeyboardModifier.ControlModifier)
        assert content.current_screen() == name
    content.show_screen("camera")
    qtbot.keyClick(content.camera, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: content.camera.preview.property(PIXMAP_SOURCE) == CAMERA_MOSAIC, timeout=SLOW)
    content.show_screen("logs")
    assert content.camera._stream is None and content.camera.preview.pixmap().isNull()
    content.logs.choose_path = lambda suggested: None  # the technician cancels the save dialog
    content.logs.export_button.click()
    assert content.logs.archive is None and content.logs.export_button.isEnabled()


@pytest.mark.xvfb
def test_each_screen_in_both_languages_as_a_screenshot(qtbot, window, profile, languages, station_config,
                                                       logging_to_file):
    shots = Path(os.environ.get("KIOSK_SCREENSHOTS") or station_config.data_dir / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    use_every_screen(qtbot, window, profile)
    saved = []
    card = VirtualCard.from_profile(profile, window.config.trust_store.parent / "card-keys")
    readers = window.content.readers.tree
    for language in ("vi", "en"):
        languages.switch(language)
        with InsertedCard(card):  # the readers screen with a card on a reader
            window.content.show_screen("readers")
            qtbot.waitUntil(lambda: any(readers.topLevelItem(i).text(3) for i in range(readers.topLevelItemCount())),
                            timeout=20_000)
            qtbot.wait(100)
            path = shots / f"diagnostics-{language}-readers.png"
            assert window.grab().save(str(path))
            saved.append(path)
        for name in SCREENS[1:]:
            window.content.show_screen(name)
            if name == "camera":
                window.content.camera.start_preview()
                qtbot.waitUntil(lambda: window.content.camera.preview.property(PIXMAP_SOURCE) == CAMERA_MOSAIC,
                                timeout=SLOW)
            qtbot.wait(100)
            path = shots / f"diagnostics-{language}-{name}.png"
            assert window.grab().save(str(path))
            saved.append(path)
    assert all(path.stat().st_size > 10_000 for path in saved)

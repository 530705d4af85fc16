"""The whole kiosk visit on the simulated station, driven by touches: the card's QR code and the citizen's
face through the camera (a video), the virtual card behind real pcscd, SANE's test scanner, the
encrypted store, then the reference provincial server's official code. Afterwards no widget holds the
citizen's name, ID number or portrait."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.face import card_face
from drivers.card.virtual.profile import load_profile
from kiosk.config import load_config
from kiosk.intake.station import StationServices
from sync.client import HttpProvincialClient
from sync.relay import Relay
from tests.card.card_helpers import PROFILES
from tests.conftest import write_config
from tests.helpers.cards import InsertedCard
from tests.helpers.faces import FRAME_SIZE, dg2_portrait, head_turn_frames, write_video
from tests.ui.accessibility import problems
from ui.idle import IdleTimer
from ui.kiosk_window import KioskWindow

pytestmark = pytest.mark.station

HOLDER = "030"
BIRTH = "1.001193"  # Đăng ký khai sinh: two required documents, one optional
CENTRE = "06970"


@pytest.fixture
def profile(tmp_path):
    portrait = tmp_path / "portrait.jp2"
    portrait.write_bytes(dg2_portrait(HOLDER))
    base = load_profile(next(p for p in PROFILES if p.stem == "married-with-old-id"))
    return dataclasses.replace(base, photo=portrait)


def camera_video(profile, path):
    """What the kiosk's camera sees: the card's front held up (its QR code), then the citizen's face
    turning left and right."""
    card = np.asarray(card_face(profile).convert("RGB"))
    scale = min(FRAME_SIZE[0] / card.shape[1], FRAME_SIZE[1] / card.shape[0])
    card = cv2.resize(card, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    frame = np.full((FRAME_SIZE[1], FRAME_SIZE[0], 3), 90, np.uint8)
    top, left = (FRAME_SIZE[1] - card.shape[0]) // 2, (FRAME_SIZE[0] - card.shape[1]) // 2
    frame[top: top + card.shape[0], left: left + card.shape[1]] = card
    return write_video(path, [frame] * 10 + head_turn_frames(HOLDER))


@pytest.fixture
def kiosk_config(station, station_config, profile, tmp_path):
    file = write_config(tmp_path, mode="kiosk", endpoint=station_config.endpoint,
                        ca_bundle=str(station_config.ca_bundle), client_certificate=str(station_config.client_certificate),
                        client_key=str(station_config.client_key), key_dir=str(tmp_path / "keys"),
                        station_id=station_config.station_id, center_unit=CENTRE,
                        trust_store=str(station_config.simulation_dir / "trust"),
                        camera=str(camera_video(profile, tmp_path / "camera.avi")))
    return load_config(file, env={})


@pytest.fixture
def services(kiosk_config, station_config):
    opened = []

    def open_services():
        opened.append(StationServices.open(kiosk_config, station_config.simulation_dir / "sane"))
        return opened[-1]

    yield open_services
    for service in opened:
        service.close()


def texts(window: QWidget) -> str:
    """Every text a widget of the window holds, shown or not."""
    found = [w.text() for w in window.findChildren(QLabel)] + [w.text() for w in window.findChildren(QAbstractButton)]
    found += [w.accessibleName() for w in window.findChildren(QWidget)]
    return "\n".join(found)


def test_a_citizen_files_a_birth_registration_by_touch_alone(qtbot, qapp, languages, kiosk_config, services,
                                                           profile, station_config):
    languages.switch("vi")
    window = KioskWindow(kiosk_config, languages, qapp, idle=IdleTimer(qapp, timeout=600), services=services)
    qtbot.addWidget(window)
    window.resize(1280, 1024)
    window.show()
    touches = 0
    shots = Path(os.environ.get("KIOSK_SCREENSHOTS") or station_config.data_dir / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}

    def look(name: str) -> None:
        """What the citizen sees on this screen: a picture, and what the accessibility numbers say of it."""
        qtbot.wait(50)
        window.grab().save(str(shots / f"kiosk-{name}.png"))
        found[name] = problems(window)

    def touch(button):
        nonlocal touches
        qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=60_000)
        button.click()
        touches += 1

    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    with InsertedCard(card):
        look("welcome")
        touch(window.welcome.start)
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.identity, timeout=90_000)
        assert window.identity.name.text() == profile.full_name
        assert window.identity.id_number.text() == profile.id_number[:3] + "••••••" + profile.id_number[-3:]
        assert not window.identity.portrait.pixmap().isNull()
        look("identity")
        touch(window.identity.proceed)
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.procedure, timeout=60_000)
        assert window.intake.present and window.intake.citizen.presence[-1].method == "face"
        look("procedure")
        touch(window.procedure.tiles[BIRTH])
        look("unit")
        touch(window.unit.tiles[CENTRE])
        assert window.screens.currentWidget() is window.components
        assert not window.components.proceed.isEnabled()
        for line in (1, 2):
            touch(window.components.lines[line - 1]["scan"])
            qtbot.waitUntil(lambda line=line: len(window.intake.slot(line).pages) == 1
                            and window.components.lines[line - 1]["scan"].isEnabled(), timeout=60_000)
        look("components")
        touch(window.components.proceed)
        assert "đồng ý" in window.consent.text.text()
        look("consent")
        touch(window.consent.agree)
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.receipt, timeout=60_000)
        look("receipt")
        reference = window.intake.dossier.id
        assert reference in window.receipt.lines.text()
        touch(window.receipt.finish)
    assert window.screens.currentWidget() is window.welcome
    assert touches <= 9, touches
    assert {name: lines for name, lines in found.items() if lines} == {}  # touch targets, gaps, names, contrast

    store = window.services.store
    client = HttpProvincialClient(kiosk_config.endpoint, kiosk_config.ca_bundle, kiosk_config.client_certificate,
                                  kiosk_config.client_key)
    try:
        with Relay(store, client) as relay:
            code = relay.wait_for_code(reference, 60, poll=0.2)
    finally:
        client.close()
    assert code and store.load(reference).official_code == code

    held = texts(window)
    assert profile.full_name not in held and profile.id_number not in held
    assert window.identity.portrait.pixmap().isNull() and window.presence.preview.pixmap().isNull()

"""The whole kiosk visit on the simulated station, driven by touches: the card's QR code and the citizen's
face through the camera (a video), the virtual card behind real pcscd, SANE's test scanner, the
encrypted store, then the reference provincial server's official code. Afterwards no widget holds the
citizen's name, ID number or portrait, nor does any file the visit left in the temporary folder. The visit
runs in both languages, at 200 % text and in high contrast, each screen checked against the accessibility
numbers and saved as a screenshot."""

from __future__ import annotations

import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from drivers.card.virtual.card import VirtualCard
from kiosk.domain import Document, WalletItem
from kiosk.store import open_store
from sync.client import HttpProvincialClient
from sync.relay import Relay
from tests.helpers.cards import InsertedCard
from tests.helpers.kiosk import CENTRE, Services, camera_video, held_texts, kiosk_config, profile_with_portrait
from tests.sync.factories import pdf
from tests.ui.accessibility import problems
from ui.idle import IdleTimer
from ui.kiosk_window import KioskWindow

pytestmark = pytest.mark.station

BIRTH = "1.001193"  # Đăng ký khai sinh: two required documents, one optional
CERTIFICATE = "Giấy chứng sinh hoặc giấy tờ thay giấy chứng sinh"


@pytest.fixture
def profile(tmp_path):
    return profile_with_portrait(tmp_path)


@pytest.fixture
def config(station, station_config, profile, tmp_path):
    return kiosk_config(station_config, tmp_path, camera_video(profile, tmp_path / "camera.avi"))


@pytest.fixture
def services(config, station_config):
    opened = Services(config, station_config)
    yield opened
    opened.close()


# how the citizen set the kiosk up (language, larger text, high contrast) and the score given at the end
LOOKS = {
    "vi": ("vi", False, False, 5),
    "en": ("en", False, False, 4),
    "vi-200": ("vi", True, False, 2),  # a low score: the reasons are asked
    "en-200-contrast": ("en", True, True, 5),
}


@pytest.mark.parametrize("look_name", list(LOOKS))
def test_a_citizen_files_a_birth_registration_by_touch_alone(qtbot, qapp, languages, config, services, profile,
                                                           station_config, look_name):
    language, larger, contrast, score = LOOKS[look_name]
    languages.switch("vi")
    window = KioskWindow(config, languages, qapp, idle=IdleTimer(qapp, timeout=600), services=services)
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
        window.grab().save(str(shots / f"kiosk-{look_name}-{name}.png"))
        found[name] = problems(window)

    def touch(button):
        nonlocal touches
        qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=60_000)
        button.click()
        touches += 1

    temporary = set(Path(tempfile.gettempdir()).rglob("*"))
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        kept = WalletItem(profile.id_number, CERTIFICATE, Document.from_pdf(pdf(6_000), 1))
        store.save_wallet_item(kept)
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    with InsertedCard(card):
        if language != "vi":
            touch(window.language_buttons[language])
        for wanted, option in ((larger, window.welcome.larger), (contrast, window.welcome.contrast)):
            if wanted:
                touch(option)
        setup_touches = touches  # the citizen's own settings: not steps of the visit
        look("welcome")
        touch(window.welcome.start)
        look("card")  # while the camera looks for the card's QR code
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.identity, timeout=90_000)
        assert window.identity.name.text() == profile.full_name
        assert window.identity.id_number.text() == profile.id_number[:3] + "••••••" + profile.id_number[-3:]
        assert not window.identity.portrait.pixmap().isNull()
        look("identity")
        touch(window.identity.proceed)
        look("presence")  # while the face is compared
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.procedure, timeout=60_000)
        assert window.intake.present and window.intake.citizen.presence[-1].method == "face"
        qtbot.waitUntil(lambda: window.procedure.filled)  # tiles come a few per turn of the event loop
        look("procedure")
        touch(window.procedure.tiles[BIRTH])
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.unit, timeout=30_000)
        qtbot.waitUntil(lambda: window.unit.filled)
        look("unit")
        touch(window.unit.tiles[CENTRE])
        assert window.screens.currentWidget() is window.components
        assert not window.components.proceed.isEnabled()
        touch(window.components.lines[0]["scan"])
        qtbot.waitUntil(lambda: len(window.intake.slot(1).pages) == 1
                        and window.components.lines[0]["scan"].isEnabled(), timeout=60_000)
        # the birth certificate scanned at an earlier visit is in the citizen's e-wallet on this station
        qtbot.waitUntil(lambda: window.components.lines[1]["reuse"] is not None, timeout=10_000)
        touch(window.components.lines[1]["reuse"])
        assert window.intake.slot(2).wallet_item.id == kept.id
        look("components")
        window.components.lines[0]["pages"].itemAt(0).widget().click()  # a look at the page: not needed
        look("page")
        window.page.back.click()
        touch(window.components.proceed)
        assert ("đồng ý" if language == "vi" else "I agree") in window.consent.text.text()
        look("consent")
        touch(window.consent.agree)
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.receipt, timeout=60_000)
        qtbot.waitUntil(window.receipt.finish.isEnabled, timeout=30_000)  # printed, or kept in the store
        look("receipt")
        reference = window.intake.dossier.id
        assert reference in window.receipt.lines.text()
        # the station's relay delivers the dossier while the citizen reads the receipt: its code appears
        client = HttpProvincialClient(config.endpoint, config.ca_bundle, config.client_certificate,
                                      config.client_key)
        with open_store(config.store_dir, config.key_dir, config.station_id) as relay_store, \
                Relay(relay_store, client) as relay:
            code = relay.wait_for_code(reference, 60, poll=0.2)
            assert code
            qtbot.waitUntil(lambda: code in window.receipt.lines.text(), timeout=10_000)
        client.close()
        look("receipt-with-code")
        # no printer here: the receipt is sealed in the citizen's e-wallet for an officer to print
        assert ("giữ cùng hồ sơ" if language == "vi" else "kept with your dossier") in window.receipt.status.text()
        touch(window.receipt.finish)
        look("rating")
        touch(window.rating.scores[score])
        if score <= 3:
            look("rating-reasons")
            touch(window.rating.reasons["waiting_time"])
            touch(window.rating.send)
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.welcome, timeout=10_000)
    # start, identity, procedure, unit, scan, reuse, continue, agree, finish, the score (+ a reason and send)
    assert touches - setup_touches <= (10 if score > 3 else 12), touches - setup_touches
    ratings = window.services.store.rating_summary(date.today() - timedelta(days=1), date.today() + timedelta(days=1))
    assert ratings["ratings"] == 1 and ratings["scores"][score] == 1
    assert ratings["reasons"].get("waiting_time", 0) == (1 if score <= 3 else 0)
    assert window.languages.current == "vi" and not window.welcome.larger.isChecked()  # the next citizen's kiosk
    bad = [f"{name}: {line}" for name, lines in found.items() for line in lines]
    assert not bad, "\n".join(bad)  # touch targets, gaps, names, contrast, text cut off or overlapping
    assert window.services.store.load(reference).official_code == code

    held = held_texts(window)
    assert profile.full_name not in held and profile.id_number not in held
    assert window.identity.portrait.pixmap().isNull() and window.presence.preview.pixmap().isNull()
    portrait = Path(profile.photo).read_bytes()[-64:]
    for path in set(Path(tempfile.gettempdir()).rglob("*")) - temporary:  # what the visit left behind
        if path.is_file() and os.access(path, os.R_OK):
            data = path.read_bytes()
            assert profile.id_number.encode() not in data and profile.full_name.encode() not in data, path
            assert portrait not in data, path

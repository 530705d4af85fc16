"""The kiosk's ways out on the simulated station: a card that is not genuine, a face that is not the
card holder's, a blank page, the idle time and the card taken away. Each leaves the citizen a next step (an officer),
never a dead end, and each way the visit ends leaves nothing of the citizen in the window."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drivers.card.pcsc import PcscEvent
from drivers.card.virtual.card import VirtualCard
from tests.helpers.cards import READER, InsertedCard
from tests.helpers.kiosk import CENTRE, HOLDER, STRANGER, Services, camera_video, held_texts, kiosk_config, profile_with_portrait
from ui.idle import IdleTimer
from ui.kiosk_window import KioskWindow

pytestmark = pytest.mark.station

BIRTH = "1.001193"  # Đăng ký khai sinh


@pytest.fixture
def kiosk(qtbot, qapp, languages, card_events, station, station_config, tmp_path):
    """Makes a kiosk whose camera shows the holder's card, then `person`'s face."""
    made = []

    def make(person: str = HOLDER, clock=None, **settings):
        profile = profile_with_portrait(tmp_path)
        config = kiosk_config(station_config, tmp_path, camera_video(profile, tmp_path / f"camera-{person}.avi",
                                                                     person),
                              **settings)
        services = Services(config, station_config)
        made.append(services)
        idle = IdleTimer(qapp, timeout=600, **({"clock": clock} if clock else {}))
        languages.switch("vi")
        window = KioskWindow(config, languages, qapp, card_events, idle=idle, services=services)
        qtbot.addWidget(window)
        window.resize(1280, 1024)
        window.show()
        return window, profile, idle

    yield make
    for services in made:
        services.close()


def visit_to_identity(qtbot, window, card_events, card):
    """The card on the reader (the event begins the visit), then the chip read."""
    inserted = InsertedCard(card)
    inserted.__enter__()
    card_events.changed.emit(PcscEvent("card-inserted", READER, card.atr))
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.identity, timeout=90_000)
    return inserted


def test_a_card_not_proven_genuine_sends_the_citizen_to_an_officer(qtbot, kiosk, card_events, station_config):
    window, profile, _ = kiosk()
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys", cloned=True)
    with InsertedCard(card):
        card_events.changed.emit(PcscEvent("card-inserted", READER, card.atr))
        qtbot.waitUntil(lambda: "Không chứng minh được thẻ là thẻ thật" in window.card.status.text(), timeout=90_000)
    assert "Mời gặp cán bộ" in window.card.status.text()
    assert window.intake.ended is not None and window.officer_button.isVisible()
    window.cancel_button.click()
    assert window.screens.currentWidget() is window.welcome
    assert profile.full_name not in held_texts(window) and profile.id_number not in held_texts(window)


def test_a_face_that_is_not_the_holders_leaves_a_way_to_an_officer(qtbot, kiosk, card_events, station_config):
    window, profile, _ = kiosk(STRANGER)
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    inserted = visit_to_identity(qtbot, window, card_events, card)
    try:
        window.identity.proceed.click()
        qtbot.waitUntil(lambda: window.presence.again.isVisible(), timeout=60_000)
        assert "Khuôn mặt không khớp với ảnh trên thẻ" in window.presence.status.text()
        assert "Mời gặp cán bộ" in window.presence.status.text()
        assert not window.intake.present and window.screens.currentWidget() is window.presence
        window.officer_button.click()
        assert "Đã gọi cán bộ" in window.presence.status.text()
    finally:
        inserted.__exit__(None, None, None)
        window.end_session()


def test_where_the_face_does_not_match_a_fingerprint_reader_is_another_way(qtbot, kiosk, card_events,
                                                                           station_config):
    window, profile, _ = kiosk(STRANGER, fingerprint_reader="simulated")
    assert not window.presence.fingerprint.isVisible()
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    inserted = visit_to_identity(qtbot, window, card_events, card)
    try:
        window.identity.proceed.click()
        qtbot.waitUntil(lambda: window.presence.fingerprint.isVisible(), timeout=60_000)
        assert window.presence.again.isVisible() and not window.intake.present
        window.presence.fingerprint.click()
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.procedure, timeout=30_000)
        assert [p.method for p in window.intake.citizen.presence] == ["face", "fingerprint"]
        assert window.intake.present
    finally:
        inserted.__exit__(None, None, None)
        window.end_session()


def test_the_idle_time_ends_the_visit_and_wipes_the_window(qtbot, kiosk, card_events, clock, station_config):
    window, profile, idle = kiosk(clock=clock)
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    inserted = visit_to_identity(qtbot, window, card_events, card)
    try:
        assert profile.full_name in held_texts(window)
        clock.now += 600 - 19.5
        idle.tick()
        assert window.countdown_label.isVisible() and "20 giây" in window.countdown_label.text()
        clock.now += 20
        idle.tick()
        assert window.screens.currentWidget() is window.welcome
        qtbot.waitUntil(lambda: window.intake is None, timeout=10_000)
        assert profile.full_name not in held_texts(window) and profile.id_number not in held_texts(window)
        assert window.identity.portrait.pixmap().isNull()
    finally:
        inserted.__exit__(None, None, None)


def test_taking_the_card_away_asks_then_ends_the_visit(qtbot, kiosk, card_events, station_config):
    window, profile, _ = kiosk()
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    inserted = visit_to_identity(qtbot, window, card_events, card)
    inserted.__exit__(None, None, None)
    card_events.changed.emit(PcscEvent("card-removed", READER))
    assert window.screens.currentWidget() is window.left
    window.left.resume.click()
    assert window.screens.currentWidget() is window.identity and window.intake is not None
    card_events.changed.emit(PcscEvent("card-inserted", READER, card.atr))
    card_events.changed.emit(PcscEvent("card-removed", READER))
    assert window.screens.currentWidget() is window.left
    window._leave_timer.setInterval(200)  # unanswered: the visit ends by itself (30 s at a real kiosk)
    window._leave_timer.start()
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.welcome, timeout=5_000)
    qtbot.waitUntil(lambda: window.intake is None, timeout=10_000)
    assert profile.full_name not in held_texts(window)


def test_a_blank_page_is_shown_at_once_to_keep_retake_or_remove(qtbot, kiosk, card_events, station_config):
    window, profile, _ = kiosk()
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    inserted = visit_to_identity(qtbot, window, card_events, card)
    try:
        window.identity.proceed.click()
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.procedure, timeout=60_000)
        qtbot.waitUntil(lambda: BIRTH in window.procedure.tiles)  # tiles come a few per turn of the loop
        window.procedure.tiles[BIRTH].click()
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.unit, timeout=30_000)
        qtbot.waitUntil(lambda: CENTRE in window.unit.tiles)
        window.unit.tiles[CENTRE].click()
        window.scan_request = replace(window.scan_request, options_before_page={1: {"test-picture": "Solid white"}})
        window.components.lines[0]["scan"].click()
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.page, timeout=60_000)
        assert "trống" in window.page.status.text() and window.page.keep.isVisible()
        window.page.retake.click()  # the same white sheet again: asked again
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.page and bool(window.page.page_id),
                        timeout=60_000)
        (page,) = window.intake.slot(1).pages.pages
        assert window.page.page_id == page.id and page.blank
        window.page.keep.click()
        assert window.screens.currentWidget() is window.components and window.intake.unconfirmed() == []
        thumb = window.components.lines[0]["pages"].itemAt(0).widget()
        assert thumb.objectName() == "page"  # kept: no longer marked
        thumb.click()
        assert window.screens.currentWidget() is window.page and not window.page.keep.isVisible()
        window.page.remove.click()
        assert len(window.intake.slot(1).pages) == 0 and window.screens.currentWidget() is window.components
    finally:
        inserted.__exit__(None, None, None)
        window.end_session()


def test_a_kiosk_with_a_feeder_takes_the_whole_tray_at_one_touch(qtbot, kiosk, card_events, station_config):
    window, profile, _ = kiosk(kiosk_scanner="feeder", receipt_printer="none")
    assert window.components.guide.source == "feeder" and "khay nạp giấy" in window.components.guide_text.text()
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    inserted = visit_to_identity(qtbot, window, card_events, card)
    try:
        window.identity.proceed.click()
        qtbot.waitUntil(lambda: BIRTH in window.procedure.tiles, timeout=60_000)
        window.procedure.tiles[BIRTH].click()
        qtbot.waitUntil(lambda: CENTRE in window.unit.tiles, timeout=30_000)
        window.unit.tiles[CENTRE].click()
        # the test scanner's tray runs empty after three sheets
        window.scan_request = replace(window.scan_request,
                                      options_before_page={4: {"read-return-value": "SANE_STATUS_NO_DOCS"}})
        window.components.lines[0]["scan"].click()
        qtbot.waitUntil(lambda: len(window.intake.slot(1).pages) == 3, timeout=120_000)
    finally:
        inserted.__exit__(None, None, None)
        window.end_session()

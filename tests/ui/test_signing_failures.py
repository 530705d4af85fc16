"""A submit that cannot sign the copies: the centre's token is not plugged in. The counter's reception and
the kiosk each show the signing message (not the generic one), store nothing and keep the pages; once
the technician plugs the token in, the same submit stores the dossier with every copy signed. A real
store and a SoftHSM2 token that appears mid-test; the citizen set as a card read leaves it (the card
itself: test_counter_flow, test_kiosk_flow)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt

from drivers.signing.certificates import TrustAnchors
from drivers.signing.verify import verify_pdf
from kiosk.devices import DeviceSetup
from kiosk.intake import IntakeError, Step
from kiosk.signing import StationSigner
from tests.intake.test_pages import processed
from tests.store.conftest import make_citizen
from tests.ui.counter_helpers import activate
from tests.ui.signing_helpers import CENTRE_NAME, plug_token, screenshots, signing_config
from ui.counter.reception import SUBMIT_FAILED_STYLE
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists
from ui.idle import IdleTimer
from ui.kiosk_window import KioskWindow

BIRTH = "1.001193"  # the form (1) and the birth certificate (2) are required
MISSING_VI = "Không tìm thấy thiết bị ký số (token) của trung tâm"
MISSING_EN = "The centre's signing token is not found"


@pytest.fixture
def label() -> str:
    return f"later-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def config(softhsm, tmp_path, label):
    """The station signs with a token labelled `label`, which is not plugged in yet."""
    return signing_config(tmp_path / "station", softhsm, label, tmp_path / "trust")


@pytest.fixture
def signing_services(services, config):
    services.signer = StationSigner(config)  # closed with the services
    return services


def ready_to_submit(intake) -> None:
    """The citizen read and confirmed, the procedure and unit chosen, both required copies scanned."""
    intake.citizen = make_citizen()
    intake.step = Step.PRESENCE
    intake.confirm_by_officer()
    intake.choose_procedure(BIRTH)
    intake.confirm_unit("06970")
    intake.slot(1).pages.add(processed(300))
    intake.slot(2).pages.add(processed(420))


def stored_and_signed(store, intake, token, tmp_path) -> list[str]:
    """The signer of every copy of the stored dossier (each verified against the token's CA)."""
    trust = TrustAnchors.load(token.pki.trust_folder(tmp_path / "check-trust"))
    dossier = store.load(intake.dossier.id, with_content=True)
    signers = []
    for component in dossier.components:
        if component.document is not None:
            verification = verify_pdf(component.document.content, trust)
            assert verification.ok, verification.all_problems()
            signers.append(verification.signatures[0].signer)
    return signers


def test_the_counter_names_a_missing_token_keeps_the_pages_and_submits_once_it_is_back(
        qtbot, languages, config, signing_services, softhsm, label, tmp_path):
    languages.switch("vi")
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=signing_services,
                           officer="can-bo-01")
    qtbot.addWidget(window)
    window.show()
    activate(window)
    reception = window.new_reception()
    intake = reception.intake
    ready_to_submit(intake)
    reception._refresh_components()
    reception.consent.setChecked(True)
    assert reception.submit_button.isEnabled()
    qtbot.mouseClick(reception.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: MISSING_VI in reception.completeness.text(), timeout=30_000)
    window.resize(1280, 800)
    qtbot.wait(50)
    assert window.grab().save(str(screenshots(tmp_path) / "counter-vi-signing-token-missing.png"))
    assert "cắm lại token rồi nộp lại" in reception.completeness.text()  # its own next step
    assert "Không lưu được hồ sơ" not in reception.completeness.text()  # not the generic failure
    assert reception.completeness.styleSheet() == SUBMIT_FAILED_STYLE  # it stands out
    assert intake.dossier is None and signing_services.store.counter_count("") == 0  # nothing stored
    assert [len(intake.slot(n).pages) for n in (1, 2)] == [1, 1]  # the pages are kept

    token = plug_token(softhsm, tmp_path / "pki", label)  # the technician plugs the token in
    reception.consent.setChecked(True)
    assert reception.submit_button.isEnabled()
    qtbot.mouseClick(reception.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.dossier is not None, timeout=30_000)
    qtbot.waitUntil(lambda: reception.print_button.isEnabled(), timeout=10_000)  # the receipt is there
    assert MISSING_VI not in reception.completeness.text() and reception.completeness.styleSheet() == ""
    assert stored_and_signed(signing_services.store, intake, token, tmp_path) == [CENTRE_NAME, CENTRE_NAME]


def test_the_kiosk_names_a_missing_token_keeps_the_consent_and_pages_and_submits_once_it_is_back(
        qtbot, qapp, languages, card_events, config, signing_services, softhsm, label, tmp_path):
    languages.switch("vi")
    window = KioskWindow(config, languages, qapp, card_events, idle=IdleTimer(qapp, timeout=600))
    qtbot.addWidget(window)
    window.resize(1280, 1024)
    window.show()
    window.services = signing_services
    window.link.begin(signing_services.intake_setup(config.station_id))  # what the card's arrival begins
    intake = window.intake
    ready_to_submit(intake)
    window._show_consent()
    consent_text = window.consent.text.text()
    qtbot.mouseClick(window.consent.agree, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: MISSING_VI in window.consent.status.text(), timeout=30_000)
    assert "Không lưu được hồ sơ" not in window.consent.status.text()
    assert window.consent.text.text() == consent_text  # still there to read
    assert window.screens.currentWidget() is window.consent and window.consent.agree.isEnabled()
    assert window.officer_button.isVisible()  # a way to call an officer (the technician)
    assert intake.dossier is None and [len(intake.slot(n).pages) for n in (1, 2)] == [1, 1]
    qtbot.wait(50)
    assert window.grab().save(str(screenshots(tmp_path) / "kiosk-vi-signing-token-missing.png"))
    languages.switch("en")
    window._submit_failed(IntakeError("signing.token_missing"))  # as the failed submit reported it
    assert MISSING_EN in window.consent.status.text()  # the core's words in the citizen's language
    languages.switch("vi")

    token = plug_token(softhsm, tmp_path / "pki", label)
    qtbot.mouseClick(window.consent.agree, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.receipt, timeout=30_000)
    assert stored_and_signed(signing_services.store, intake, token, tmp_path) == [CENTRE_NAME, CENTRE_NAME]

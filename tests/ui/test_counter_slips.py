"""The other one-stop slips from a reception: the request for supplement for what is missing (the
reception goes on) and the refusal with its ground and reason (the reception ends); both made by the
intake and audited, then printed (no printer here: the officer is told)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QInputDialog

from kiosk.devices import DeviceSetup
from tests.store.conftest import make_citizen
from tests.ui.counter_helpers import activate
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def tab(qtbot, config, languages, services):
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="can-bo-01")
    qtbot.addWidget(window)
    window.show()
    activate(window)
    reception = window.new_reception()
    reception.intake.citizen = make_citizen()  # as a card read leaves it (the card itself: test_counter_flow)
    reception.intake.choose_procedure("1.001193")
    reception.intake.confirm_unit("06970")
    reception._refresh_components()
    return reception


def audited(services):
    QThreadPool.globalInstance().waitForDone(10_000)
    return [row["action"] for row in services.store.audit_log()]


def test_a_request_for_supplement_names_what_is_missing_and_the_reception_goes_on(qtbot, tab, services):
    assert tab.supplement_button.isEnabled() and "(Ctrl+Shift+B)" in tab.supplement_button.toolTip()
    qtbot.keyClick(tab, Qt.Key.Key_B, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "request for supplement is made" in tab.receipt_status.text(), timeout=30_000)
    assert "No printer took it" in tab.receipt_status.text()
    assert "supplement_requested" in audited(services)
    assert tab.link.active and tab.scan_button.isEnabled() is False  # no scanner here, the reception goes on


def test_a_refusal_asks_the_ground_and_reason_then_ends_the_reception(qtbot, tab, services, monkeypatch):
    from kiosk.intake.slips import REFUSAL_BASES

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (REFUSAL_BASES["not_eligible"], True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Thiếu điều kiện theo quy định", True))
    intake = tab.intake
    qtbot.keyClick(tab, Qt.Key.Key_X, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "refusal is made" in tab.receipt_status.text(), timeout=30_000)
    assert intake.ended is not None and intake.ended.value == "refused"
    assert not tab.submit_button.isEnabled() and not tab.refusal_button.isEnabled()
    assert {"refusal_issued", "intake_refused"} <= set(audited(services))


def test_a_refusal_without_a_reason_is_not_made(qtbot, tab, services, monkeypatch):
    from kiosk.intake.slips import REFUSAL_BASES

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (REFUSAL_BASES["other"], True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    qtbot.keyClick(tab, Qt.Key.Key_X, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "could not be made" in tab.receipt_status.text(), timeout=30_000)
    assert tab.link.active and tab.refusal_button.isEnabled()

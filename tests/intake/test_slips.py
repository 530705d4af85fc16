"""The request for supplement and the refusal on a real intake (a real store, the real catalogs): what each
slip holds, the completeness check before them, the audit, the refusal's end, and the citizen's name and ID
kept out of the log and the events."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.catalogs import load_procedures, load_units
from kiosk.domain import Document, WalletItem
from kiosk.intake import ConsentText, EndReason, Intake, IntakeError, IntakeSetup, Step
from kiosk.intake.messages import MESSAGES
from kiosk.intake.slips import DEFAULT_REQUEST, REFUSAL_BASES, Refusal, SupplementRequest
from kiosk.store import FileKeyStore, Store
from tests.store.conftest import ID_NUMBER, NAME, make_citizen, make_pdf

BIRTH = "1.001193"  # Đăng ký khai sinh: the form (1), the birth certificate (2), an authorisation (3, optional)
CENTRE = "06970"  # Xã Ba Chẽ, Quảng Ninh
NOW = datetime(2026, 2, 12, 9, 15, tzinfo=timezone(timedelta(hours=7)))


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "data", FileKeyStore(tmp_path / "keys"), station_id="SIM-01")
    yield opened
    opened.close()


def intake_with_procedure(store, events: list) -> Intake:
    """The citizen as the card gave them, confirmed by the officer, the birth registration chosen, and its
    first line reused from the e-wallet: the birth certificate (line 2) is missing."""
    setup = IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit=CENTRE,
                        received_by="officer1", consent=ConsentText.load(), channel="counter", clock=lambda: NOW)
    intake = Intake(setup, events.append)
    intake.citizen = make_citizen()  # what read_card sets
    intake.step = Step.PRESENCE
    intake.confirm_by_officer()
    intake.choose_procedure(BIRTH)
    intake.confirm_unit(CENTRE)
    item = WalletItem(ID_NUMBER, intake.slot(1).name, Document.from_pdf(make_pdf(1), 1))
    store.save_wallet_item(item)
    intake.reuse_wallet_item(1, item.id)
    return intake


def test_the_completeness_check_lists_every_line_and_how_it_is_provided(store):
    intake = intake_with_procedure(store, [])
    assert intake.completeness() == [
        ("Tờ khai đăng ký khai sinh", True, "e-wallet"),
        ("Giấy chứng sinh hoặc giấy tờ thay giấy chứng sinh", False, "not provided"),
        ("Văn bản ủy quyền (nếu nộp thay)", False, "not provided"),
    ]
    intake.end(EndReason.CANCELLED)


def test_the_supplement_asks_for_the_missing_required_components_by_default(store, caplog):
    events = []
    intake = intake_with_procedure(store, events)
    with caplog.at_level(logging.DEBUG):
        slip = intake.request_supplement(note="Liên hệ cán bộ tiếp nhận,  số máy lẻ 12.")
    assert isinstance(slip, SupplementRequest)
    assert [(i.component, i.asked) for i in slip.items] == [
        ("Giấy chứng sinh hoặc giấy tờ thay giấy chứng sinh", DEFAULT_REQUEST)]
    assert slip.note == "Liên hệ cán bộ tiếp nhận, số máy lẻ 12."
    who = slip.identity
    assert (who.procedure_code, who.procedure_name, who.receiving_unit, who.receiving_unit_name) == (
        BIRTH, "Đăng ký khai sinh", CENTRE, "Xã Ba Chẽ")
    assert (who.issued_at, who.officer, who.holder_name, who.holder_id) == (NOW, "officer1", NAME, ID_NUMBER)
    assert NAME not in repr(slip) and ID_NUMBER not in repr(slip)
    # the intake goes on; the request is audited under the slip's reference, by the officer
    assert intake.ended is None and intake.step is Step.COMPONENTS
    [row] = store.audit_log(who.local_reference)
    assert (row["action"], row["actor"]) == ("supplement_requested", "officer1")
    assert events[-1].code == "supplement.requested" and events[-1].data == {"components": 1}
    assert NAME not in caplog.text and ID_NUMBER not in caplog.text
    # a second slip of the same intake keeps its reference
    again = intake.request_supplement({"2": "Bản chính giấy chứng sinh", "tờ khai đăng ký khai sinh": "Ký tên"})
    assert again.identity.local_reference == who.local_reference
    assert [(i.component, i.asked) for i in again.items] == [
        ("Tờ khai đăng ký khai sinh", "Ký tên"),  # in the checklist's order, whatever the order asked
        ("Giấy chứng sinh hoặc giấy tờ thay giấy chứng sinh", "Bản chính giấy chứng sinh")]
    intake.end(EndReason.CANCELLED)


def test_a_supplement_is_refused_for_an_unknown_component_or_with_nothing_to_ask(store):
    events = []
    intake = intake_with_procedure(store, events)
    with pytest.raises(IntakeError) as unknown:
        intake.request_supplement({"Sổ hộ khẩu": "Bản sao"})
    assert unknown.value.code == "supplement.unknown_component"
    with pytest.raises(IntakeError) as nothing:
        intake.request_supplement({})
    assert nothing.value.code == "supplement.nothing"
    assert [e.code for e in events][-2:] == ["supplement.unknown_component", "supplement.nothing"]
    intake.end(EndReason.CANCELLED)


def test_no_slip_before_the_procedure_is_chosen(store):
    setup = IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit=CENTRE,
                        received_by="officer1", consent=ConsentText.load())
    intake = Intake(setup)
    with pytest.raises(IntakeError) as no_card:
        intake.request_supplement()
    assert no_card.value.code == "step.order"
    intake.citizen = make_citizen()
    with pytest.raises(IntakeError) as no_procedure:
        intake.refuse("Không thuộc thẩm quyền")
    assert no_procedure.value.code == "step.order" and intake.ended is None
    intake.end(EndReason.CANCELLED)


def test_the_refusal_gives_the_slip_then_ends_the_intake_refused(store, caplog):
    events = []
    intake = intake_with_procedure(store, events)
    with caplog.at_level(logging.DEBUG):
        slip = intake.refuse("  Giấy chứng sinh   đã bị tẩy xóa. ", basis="invalid_documents")
    assert isinstance(slip, Refusal)
    assert (slip.reason, slip.basis, slip.basis_text) == (
        "Giấy chứng sinh đã bị tẩy xóa.", "invalid_documents", REFUSAL_BASES["invalid_documents"])
    assert (slip.identity.holder_name, slip.identity.holder_id) == (NAME, ID_NUMBER)
    # then the intake ended and wiped what it held
    assert intake.ended is EndReason.REFUSED and intake.citizen is None and intake.slots == []
    actions = [(r["action"], r["dossier_id"]) for r in store.audit_log()]
    assert ("refusal_issued", slip.identity.local_reference) in actions
    assert actions[-1] == ("intake_refused", None)
    assert [e.code for e in events][-2:] == ["refusal.issued", "ended"]
    assert events[-1].data == {"reason": "refused"}
    assert NAME not in caplog.text and ID_NUMBER not in caplog.text
    with pytest.raises(IntakeError):
        intake.request_supplement()


@pytest.mark.parametrize("reason, basis, code", [
    ("", "", "refusal.no_reason"),
    ("   ", "not_eligible", "refusal.no_reason"),
    ("Không đủ điều kiện", "because", "refusal.unknown_basis"),
])
def test_a_refusal_without_a_reason_or_with_an_unknown_ground_is_not_made_and_the_intake_goes_on(
        store, reason, basis, code):
    intake = intake_with_procedure(store, [])
    with pytest.raises(IntakeError) as refused:
        intake.refuse(reason, basis)
    assert refused.value.code == code and intake.ended is None
    assert "refusal_issued" not in [r["action"] for r in store.audit_log()]
    intake.end(EndReason.CANCELLED)


def test_the_new_codes_have_both_languages():
    for code in ("supplement.requested", "supplement.nothing", "supplement.unknown_component", "refusal.issued",
                 "refusal.no_reason", "refusal.unknown_basis"):
        assert MESSAGES[code].vi and MESSAGES[code].en

import itertools

import pytest

from kiosk.domain import (
    DomainError, DossierState, IllegalTransition, IncompleteDossier, TRANSITIONS, validate_dossier_code,
)

from .conftest import T0, make_dossier

S = DossierState
LEGAL = {
    (S.DRAFT, S.READY), (S.READY, S.DRAFT), (S.READY, S.QUEUED), (S.QUEUED, S.DRAFT),
    (S.QUEUED, S.UPLOADING), (S.UPLOADING, S.QUEUED), (S.UPLOADING, S.ACCEPTED), (S.UPLOADING, S.REJECTED),
}


def test_transition_table_is_exactly_the_legal_set():
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == LEGAL


@pytest.mark.parametrize("current,target", list(itertools.product(S, S)))
def test_every_transition(current, target):
    dossier = make_dossier()
    dossier.state = current
    if (current, target) in LEGAL:
        dossier.transition(target, T0)
        assert dossier.state is target
    else:
        with pytest.raises(IllegalTransition) as error:
            dossier.transition(target, T0)
        assert current.value in str(error.value) and target.value in str(error.value)
        assert dossier.state is current


def test_mark_ready_needs_every_required_component():
    dossier = make_dossier(documents=1)
    from kiosk.domain import Component
    dossier.set_component(Component(name="Giấy chứng sinh", required=True))
    with pytest.raises(IncompleteDossier, match="Giấy chứng sinh"):
        dossier.mark_ready()
    assert dossier.state is S.DRAFT


def test_edit_needs_draft_and_reopen_goes_back():
    dossier = make_dossier()
    dossier.mark_ready(T0)
    from kiosk.domain import Component
    with pytest.raises(DomainError, match="reopen"):
        dossier.set_component(Component(name="x"))
    dossier.reopen(T0)
    assert dossier.state is S.DRAFT


def test_accept_validates_the_code_and_reject_keeps_the_reason():
    dossier = make_dossier()
    dossier.state = S.UPLOADING
    with pytest.raises(DomainError):
        dossier.accept("H22-250701-0001")
    assert dossier.state is S.UPLOADING
    dossier.accept("000.00.13.h22-250701-0001")
    assert dossier.official_code == "000.00.13.H22-250701-0001"
    other = make_dossier()
    other.state = S.UPLOADING
    other.reject("Thiếu giấy chứng sinh")
    assert other.state is S.REJECTED and other.rejection_reason == "Thiếu giấy chứng sinh"


@pytest.mark.parametrize("code", ["000.00.13.H22-250701-0001", "G01.01.05.H22-251231-9999", "000.26.25.H40-230403-0012"])
def test_valid_dossier_codes(code):
    assert validate_dossier_code(code) == code


@pytest.mark.parametrize("code", ["", "000.00.13.H22-250701-001", "000.00.13.H22-251301-0001", "00.00.13.H22-250701-0001",
                                  "000.00.13.22H-250701-0001", "000.00.13.H22_250701_0001", "000.00.13.H22-250230-0001"])
def test_invalid_dossier_codes(code):
    with pytest.raises(DomainError):
        validate_dossier_code(code)


def test_inputs_are_nfc():
    import unicodedata
    from .conftest import make_citizen
    citizen = make_citizen(name=unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung"))
    assert citizen.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Hồng Nhung")


def test_document_and_component_rules():
    from kiosk.domain import Component, Document
    from .conftest import make_document
    doc = make_document()
    with pytest.raises(DomainError, match="does not match"):
        Document(sha256=doc.sha256, size=doc.size, page_count=2, content=doc.content + b"x")
    with pytest.raises(DomainError, match="PDF"):
        Document.from_pdf(b"GIF89a", 1)
    with pytest.raises(DomainError, match="one of them"):
        Component(name="x", document=doc, wallet_item_id="w-1")
    assert not Component(name="x").provided and Component(name="x", wallet_item_id="w-1").provided


def test_citizen_needs_a_12_digit_id():
    from .conftest import make_citizen
    with pytest.raises(DomainError, match="12 digits"):
        make_citizen(id_number="12345")

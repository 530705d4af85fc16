"""The receipt's QR payload (Circular 01/2023/TT-VPCP: our field layout, read back by our parser), and the
receipt kept in the citizen's e-wallet when no printer took it: sealed in the store, linked to the dossier,
only after submit, never offered back for a checklist line."""

from __future__ import annotations

import io
import json
import unicodedata
from datetime import date, datetime, timezone

import pikepdf
import pytest

from kiosk import SYSTEM_NAME
from kiosk.catalogs import load_procedures, load_units
from kiosk.domain import Document, DomainError, WalletItem
from kiosk.intake import ConsentText, EndReason, Intake, IntakeError, IntakeSetup, Step
from kiosk.intake.receipt import RECEIPT_DOCUMENT_NAME, QrPayloadError, Receipt, parse_qr_payload, qr_payload
from kiosk.store import FileKeyStore, Store
from kiosk.text import fold
from tests.store.conftest import ID_NUMBER, NAME, make_citizen, make_pdf

BIRTH = "1.001193"  # Đăng ký khai sinh: the form (1), the birth certificate (2), an authorisation (3, optional)
CENTRE = "06970"  # Xã Ba Chẽ, Quảng Ninh
OFFICIAL = "000.00.13.H22-250701-0001"
ISSUED = datetime(2025, 7, 1, 8, 4, 5, tzinfo=timezone.utc)


def one_page_pdf() -> bytes:
    """A real one-page PDF standing in for ui.receipt_print's (this folder runs without Qt); its page's
    content, left uncompressed, holds the ID, to be looked for on disk."""
    document = pikepdf.new()
    document.add_blank_page(page_size=(420, 595))
    document.pages[0].Contents = document.make_stream(b"% RECEIPT-PAGE-" + ID_NUMBER.encode() + b"\n0 0 m\n")
    out = io.BytesIO()
    document.save(out, compress_streams=False)
    return out.getvalue()


RECEIPT_PDF = one_page_pdf()


def a_receipt(expected: date | None = date(2025, 7, 2)) -> Receipt:
    return Receipt("7c9e6679-7425-40de-944b-e07fc1f90ae7", BIRTH, "Đăng ký khai sinh", CENTRE, "Xã Ba Chẽ", CENTRE,
                   "Xã Ba Chẽ", ISSUED, expected, (), holidays_counted=False)


# --- the QR payload --------------------------------------------------------------------------------

def test_the_payload_carries_what_the_circular_asks_and_reads_back():
    text = qr_payload(a_receipt(), ID_NUMBER, OFFICIAL, ISSUED, SYSTEM_NAME)
    assert json.loads(text) == {
        "v": 1, "dc": OFFICIAL, "dk": "official", "pc": BIRTH, "id": ID_NUMBER, "doc": RECEIPT_DOCUMENT_NAME,
        "sys": SYSTEM_NAME, "at": "2025-07-01T15:04:05+07:00", "due": "2025-07-02"}
    assert parse_qr_payload(text) == parse_qr_payload(text.encode("utf-8")) == {
        "version": 1, "dossier_code": OFFICIAL, "dossier_code_kind": "official", "procedure_code": BIRTH,
        "holder_id": ID_NUMBER, "document_name": RECEIPT_DOCUMENT_NAME, "system_name": SYSTEM_NAME,
        "issued_at": ISSUED, "appointment": date(2025, 7, 2)}


def test_the_local_reference_stands_in_until_the_province_gives_its_code():
    receipt = a_receipt(expected=None)
    fields = parse_qr_payload(qr_payload(receipt, ID_NUMBER, None, ISSUED, SYSTEM_NAME))
    assert (fields["dossier_code"], fields["dossier_code_kind"]) == (receipt.local_reference, "local")
    assert fields["appointment"] is None
    assert "id" not in receipt.as_dict() and ID_NUMBER not in json.dumps(receipt.as_dict())  # the CLI prints it


@pytest.mark.parametrize("holder, official, issued", [
    ("12345", None, ISSUED),
    (ID_NUMBER, "H22-0001", ISSUED),
    (ID_NUMBER, None, datetime(2025, 7, 1, 15, 4, 5)),  # no time zone
])
def test_a_payload_is_not_made_of_wrong_values(holder, official, issued):
    with pytest.raises(DomainError):
        qr_payload(a_receipt(), holder, official, issued, SYSTEM_NAME)


@pytest.mark.parametrize("change", [
    {"v": 2}, {"dk": "other"}, {"dk": "official", "dc": "not-a-code"}, {"pc": "1001193"}, {"id": "0011900"},
    {"at": "01/07/2025"}, {"at": "2025-07-01T15:04:05"}, {"due": "02/07/2025"}, {"doc": ""}, {"sys": 7},
])
def test_the_parser_refuses_what_is_not_a_receipts_payload_and_never_repeats_it(change):
    fields = json.loads(qr_payload(a_receipt(), ID_NUMBER, None, ISSUED, SYSTEM_NAME))
    with pytest.raises(QrPayloadError) as refused:
        parse_qr_payload(json.dumps({**fields, **change}, ensure_ascii=False))
    assert ID_NUMBER not in str(refused.value)


@pytest.mark.parametrize("text", ["", "{}", "[1]", "001190012345|Nguyễn Văn A", b"\xff\xfe", '{"v":1}'])
def test_the_parser_refuses_other_codes(text):
    with pytest.raises(QrPayloadError):
        parse_qr_payload(text)


# --- the receipt kept in the e-wallet --------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "data", FileKeyStore(tmp_path / "keys"), station_id="SIM-01")
    yield opened
    opened.close()


def intake_at_submit(store, events: list) -> Intake:
    """An intake brought to the point before submit with no device: the citizen as the card would have
    given them, the officer's confirmation, the two required lines reused from the e-wallet."""
    setup = IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit=CENTRE,
                        received_by="SIM-01", consent=ConsentText.load())
    intake = Intake(setup, events.append)
    intake.citizen = make_citizen()  # what read_card sets
    intake.step = Step.PRESENCE
    intake.confirm_by_officer()
    intake.choose_procedure(BIRTH)
    intake.confirm_unit(CENTRE)
    for number in (1, 2):
        item = WalletItem(ID_NUMBER, intake.slot(number).name, Document.from_pdf(make_pdf(1), 1))
        store.save_wallet_item(item)
        intake.reuse_wallet_item(number, item.id)
    intake.accept_consent("vi")
    return intake


def test_the_receipt_is_kept_sealed_in_the_citizens_e_wallet_linked_to_the_dossier(store, tmp_path):
    events = []
    intake = intake_at_submit(store, events)
    intake.submit().result(30)
    dossier_id = intake.dossier.id
    kept = intake.keep_receipt(RECEIPT_PDF).result(30)
    intake.end(EndReason.FINISHED)

    assert (kept.title, kept.source_dossier_id, kept.document.page_count) == (RECEIPT_DOCUMENT_NAME, dossier_id, 1)
    assert kept.document.content is None  # the Future gives the metadata; the PDF is in the store only
    [stored] = [i for i in store.wallet_items(ID_NUMBER, with_content=True) if i.id == kept.id]
    assert stored.document.content == RECEIPT_PDF and stored.source_dossier_id == dossier_id
    assert [e.code for e in events][-2:] == ["receipt.kept", "ended"]
    assert [row["action"] for row in store.audit_log(dossier_id)].count("wallet_save") == 1  # the receipt
    # on disk: neither the PDF's bytes nor the citizen's ID or name in clear, in any file of the store
    assert b"RECEIPT-PAGE-" + ID_NUMBER.encode() in RECEIPT_PDF
    forbidden = {"the PDF": b"RECEIPT-PAGE-", "the ID": ID_NUMBER.encode(), "the name": NAME.encode(),
                 "the name (NFD)": unicodedata.normalize("NFD", NAME).encode(),
                 "the title": RECEIPT_DOCUMENT_NAME.encode()}
    store.close()
    files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for what, needle in forbidden.items():
            assert needle not in data, f"{what} in clear in {path.name}"


def test_the_receipt_is_refused_before_submit_and_after_the_end(store):
    events = []
    intake = intake_at_submit(store, events)
    with pytest.raises(IntakeError) as early:
        intake.keep_receipt(RECEIPT_PDF)
    assert early.value.code == "step.order"
    intake.submit().result(30)
    intake.end(EndReason.FINISHED)
    with pytest.raises(IntakeError) as late:
        intake.keep_receipt(RECEIPT_PDF)
    assert late.value.code == "step.order"
    assert [i.title for i in store.wallet_items(ID_NUMBER)].count(RECEIPT_DOCUMENT_NAME) == 0


def test_what_is_not_a_pdf_is_not_kept(store):
    intake = intake_at_submit(store, [])
    intake.submit().result(30)
    with pytest.raises(IntakeError) as refused:
        intake.keep_receipt(b"not a PDF " + ID_NUMBER.encode()).result(30)
    assert refused.value.code == "receipt.not_kept" and ID_NUMBER not in str(refused.value)
    intake.end(EndReason.FINISHED)


def test_a_kept_receipt_is_never_offered_for_a_checklist_line(store):
    first = intake_at_submit(store, [])
    first.submit().result(30)
    first.keep_receipt(RECEIPT_PDF).result(30)
    first.end(EndReason.FINISHED)

    later = intake_at_submit(store, [])  # the citizen comes back for the same procedure
    offered = later.reusable_items()
    assert offered and RECEIPT_DOCUMENT_NAME not in {item.title for item in offered.values()}
    later.end(EndReason.CANCELLED)
    # and no procedure of the catalog lists a component the e-wallet match would take it for
    names = {fold(c.name) for p in load_procedures().procedures.values() for c in p.components}
    assert fold(RECEIPT_DOCUMENT_NAME) not in names

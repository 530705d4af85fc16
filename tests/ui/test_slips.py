"""The one-stop slips printed from their templates: the receipt of a dossier received the Friday before Tết
2026 gives the right appointment date after the holiday, with the local reference first and the official
code on its reprint (its QR code too); the request for supplement and the refusal print what the officer
asked or decided; values are escaped; an A4 PDF in memory, or a file only where a folder is named.
Screenshots of each slip, in both languages, go to $KIOSK_SCREENSHOTS."""

from __future__ import annotations

import io
import os
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pikepdf
import pytest
from PySide6.QtGui import QTextDocument

from kiosk.catalogs import load_holidays, load_procedures, load_units
from kiosk.domain import Document, WalletItem
from kiosk.intake import ConsentText, Intake, IntakeSetup, Step
from kiosk.intake.receipt import parse_qr_payload
from kiosk.intake.slips import REFUSAL_BASES, SlipIdentity, SupplementItem, SupplementRequest
from kiosk.store import FileKeyStore, Store
from tests.store.conftest import ID_NUMBER, NAME, make_citizen, make_pdf
from tests.ui.test_receipt_print import gray, pdf_text, qr_in_top_left_quarter, squeezed
from ui.receipt_print import PrintResult
from ui.slips import SlipError, print_slip, slip_document, slip_image, slip_pdf

VIETNAM = timezone(timedelta(hours=7))
FRIDAY_BEFORE_TET = datetime(2026, 2, 13, 9, 30, tzinfo=VIETNAM)  # Tết Bính Ngọ: off 14/2 to 22/2/2026
GUARDIANSHIP = "1.004837"  # Đăng ký giám hộ: 3 working days
OFFICIAL = "000.00.13.H22-260213-0001"
A4_POINTS = (595, 842)


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "data", FileKeyStore(tmp_path / "keys"), station_id="SIM-01")
    yield opened
    opened.close()


def intake(store, procedure: str = GUARDIANSHIP) -> Intake:
    """An intake at the counter on the Friday before Tết 2026, with the shipped holiday calendar, the
    citizen confirmed by the officer and the procedure chosen; its first line reused from the e-wallet."""
    setup = IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit="06970",
                        received_by="officer1", consent=ConsentText.load(), holidays=load_holidays().days,
                        channel="counter", clock=lambda: FRIDAY_BEFORE_TET)
    made = Intake(setup)
    made.citizen = make_citizen()  # what read_card sets
    made.step = Step.PRESENCE
    made.confirm_by_officer()
    made.choose_procedure(procedure)
    made.confirm_unit("06970")
    item = WalletItem(ID_NUMBER, made.slot(1).name, Document.from_pdf(make_pdf(1), 1))
    store.save_wallet_item(item)
    made.reuse_wallet_item(1, item.id)
    return made


@pytest.fixture
def receipt(store):
    received = intake(store)
    item = WalletItem(ID_NUMBER, received.slot(2).name, Document.from_pdf(make_pdf(1), 1))
    store.save_wallet_item(item)
    received.reuse_wallet_item(2, item.id)
    received.accept_consent("vi")
    made = received.submit().result(30)
    received.end()
    return made


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def text_of(pdf: bytes) -> str:
    return squeezed("".join(pdf_text(pdf)))


def printed(text: str, pdf_text_squeezed: str) -> bool:
    return squeezed(text) in pdf_text_squeezed


RECEIPT_FIELDS = dict(holder_name=NAME, officer="Trần Văn Bình", issued_at=FRIDAY_BEFORE_TET + timedelta(minutes=1))


def test_the_receipt_before_tet_gives_the_appointment_after_it_with_the_local_reference(qapp, receipt):
    assert receipt.expected_result == date(2026, 2, 25)  # 3 working days: 23, 24 and 25 February
    pdf = slip_pdf("receipt", receipt, None, ID_NUMBER, **RECEIPT_FIELDS)
    text = text_of(pdf)
    for line in ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN", "XÃ BA CHẼ", "Ba Chẽ, ngày 13 tháng 02 năm 2026",
                 "5. Thời gian trả kết quả giải quyết hồ sơ: ngày 25 tháng 02 năm 2026",
                 "4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 13 tháng 02 năm 2026",
                 "3. Thời gian giải quyết hồ sơ theo quy định là: 3 ngày làm việc",
                 "Tiếp nhận hồ sơ của: " + NAME, "Số định danh cá nhân: " + ID_NUMBER,
                 "Số tham chiếu tại nơi tiếp nhận:", receipt.local_reference, "chưa có mã hồ sơ chính thức",
                 "(1) " + receipt.components[0].name, "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Văn Bình"):
        assert printed(line, text), line
    assert not printed("Mã hồ sơ:", text) and not printed("ngày nghỉ lễ, Tết chưa được trừ", text)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
        assert [round(float(v)) for v in document.pages[0].mediabox][2:] == list(A4_POINTS)
        assert str(document.docinfo.get("/Title")) == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
        assert NAME not in str(document.docinfo) and ID_NUMBER not in str(document.docinfo)


def test_the_receipt_reprinted_with_the_official_code_once_the_province_gave_it(qapp, receipt):
    text = text_of(slip_pdf("receipt", receipt, OFFICIAL, ID_NUMBER, **RECEIPT_FIELDS))
    assert printed("Mã hồ sơ: " + OFFICIAL, text) and printed("ngày 25 tháng 02 năm 2026", text)
    assert not printed(receipt.local_reference, text) and not printed("Số tham chiếu", text)
    # the QR code in the top-left corner gives the official code and the appointment (Circular 01/2023)
    image = slip_image("receipt", receipt, OFFICIAL, ID_NUMBER, dpi=200, **RECEIPT_FIELDS)
    fields = parse_qr_payload(qr_in_top_left_quarter(gray(image)).text)
    assert (fields["dossier_code"], fields["dossier_code_kind"], fields["appointment"], fields["holder_id"]) == (
        OFFICIAL, "official", date(2026, 2, 25), ID_NUMBER)
    before = parse_qr_payload(qr_in_top_left_quarter(gray(
        slip_image("receipt", receipt, None, ID_NUMBER, dpi=200, **RECEIPT_FIELDS))).text)
    assert (before["dossier_code"], before["dossier_code_kind"]) == (receipt.local_reference, "local")


def test_without_the_calendar_the_receipt_says_holidays_are_not_counted(qapp, receipt):
    from dataclasses import replace

    weekends_only = replace(receipt, expected_result=date(2026, 2, 18), holidays_counted=False)
    text = text_of(slip_pdf("receipt", weekends_only, None, ID_NUMBER, **RECEIPT_FIELDS))
    assert printed("ngày 18 tháng 02 năm 2026", text) and printed("ngày nghỉ lễ, Tết chưa được trừ", text)


def test_the_request_for_supplement_lists_what_is_asked_for_each_component(qapp, store):
    slip = intake(store).request_supplement(
        {"2": "Nộp bản chính văn bản cử người giám hộ"}, note="Văn bản cử người giám hộ chưa có chữ ký.")
    text = text_of(slip_pdf("supplement", slip))
    for line in ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Tiếp nhận hồ sơ của: " + NAME, "Số định danh cá nhân: " + ID_NUMBER,
                 "Nội dung yêu cầu giải quyết: Đăng ký giám hộ (mã thủ tục 1.004837)",
                 "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", slip.items[0].component,
                 "Nộp bản chính văn bản cử người giám hộ", "Lý do: Văn bản cử người giám hộ chưa có chữ ký.",
                 "NGƯỜI HƯỚNG DẪN", "officer1", slip.identity.local_reference):
        assert printed(line, text), line
    reprint = text_of(slip_pdf("supplement", slip, OFFICIAL))
    assert printed("Mã hồ sơ: " + OFFICIAL, reprint) and not printed(slip.identity.local_reference, reprint)


def test_the_refusal_prints_the_reason_and_its_ground(qapp, store):
    slip = intake(store).refuse("Người yêu cầu không phải là người giám hộ theo quy định.", "not_eligible")
    text = text_of(slip_pdf("refusal", slip))
    for line in ("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Tiếp nhận hồ sơ của: " + NAME,
                 "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
                 "Người yêu cầu không phải là người giám hộ theo quy định.",
                 "Căn cứ: " + REFUSAL_BASES["not_eligible"], "Xin thông báo cho Ông/Bà được biết và thực hiện./.",
                 "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", ID_NUMBER):
        assert printed(line, text), line


def identity(name: str = NAME) -> SlipIdentity:
    return SlipIdentity("5d1b2c3a-0000-4000-8000-000000000001", "1.001193", "Đăng ký khai sinh", "06970",
                        "Xã Ba Chẽ", FRIDAY_BEFORE_TET, "officer1", name, ID_NUMBER)


def test_values_are_escaped_into_the_template(qapp):
    slip = SupplementRequest(identity("Lê <b>Văn</b> & Con"), (SupplementItem("Tờ khai", "<i>ký</i> lại"),))
    document = slip_document("supplement", slip)
    assert isinstance(document, QTextDocument)
    plain = document.toPlainText()
    assert "Lê <b>Văn</b> & Con" in plain and "<i>ký</i> lại" in plain


def test_english_glosses_only_when_the_citizen_reads_english(qapp):
    slip = SupplementRequest(identity(), (SupplementItem("Tờ khai", "Ký lại"),))
    english = slip_document("supplement", slip, language="en").toPlainText()
    vietnamese = slip_document("supplement", slip).toPlainText()
    assert "Request to supplement and complete the dossier" in english
    assert "Request to supplement" not in vietnamese and "PHIẾU YÊU CẦU BỔ SUNG" in vietnamese


def test_a_long_request_runs_onto_a_second_a4_page(qapp):
    items = tuple(SupplementItem(f"Giấy tờ số {n}", "Nộp bản sao có chứng thực") for n in range(1, 41))
    pdf = slip_pdf("supplement", SupplementRequest(identity(), items))
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 2
    assert printed("Giấy tờ số 40", text_of(pdf))


@pytest.mark.parametrize("kind, data, holder, language", [
    ("certificate", None, None, "vi"),
    ("supplement", "not a slip", None, "vi"),
    ("supplement", SupplementRequest(identity(), ()), None, "fr"),
    ("receipt", SupplementRequest(identity(), ()), ID_NUMBER, "vi"),
])
def test_wrong_values_are_refused_before_anything_is_painted(qapp, kind, data, holder, language):
    with pytest.raises(SlipError):
        slip_pdf(kind, data, None, holder, language)


def test_a_receipt_needs_a_valid_holder_id_and_official_code(qapp, receipt):
    with pytest.raises(SlipError):
        slip_pdf("receipt", receipt, None, None)
    with pytest.raises(SlipError):
        slip_pdf("receipt", receipt, None, "12345")
    with pytest.raises(SlipError):
        slip_pdf("receipt", receipt, "H22-0001", ID_NUMBER)


def test_with_no_printer_the_slip_is_a_pdf_only_in_the_folder_named(qapp, tmp_path):
    slip = SupplementRequest(identity(), (SupplementItem("Tờ khai", "Ký lại"),))
    outcome = print_slip("supplement", slip, "none")
    assert outcome.result is PrintResult.NO_PRINTER and outcome.pdf_path is None and not outcome.printed
    folder = tmp_path / "slips"
    kept = print_slip("supplement", slip, "none", pdf_folder=folder)
    assert kept.result is PrintResult.NO_PRINTER and kept.pdf_path == folder / f"supplement-{slip.identity.local_reference}.pdf"
    assert [p.name for p in folder.iterdir()] == [kept.pdf_path.name]
    assert stat.S_IMODE(kept.pdf_path.stat().st_mode) == 0o600
    assert NAME not in kept.pdf_path.name and ID_NUMBER not in kept.pdf_path.name
    assert printed("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", text_of(kept.pdf_path.read_bytes()))
    missing = print_slip("supplement", slip, "Counter-Slips-Missing")
    assert (missing.result, missing.printer, missing.pdf_path) == (PrintResult.NO_PRINTER, "Counter-Slips-Missing", None)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_screenshots_of_each_slip(qapp, store, receipt, screenshots, language):
    supplement = intake(store).request_supplement(note="Bổ sung văn bản cử người giám hộ có chữ ký.")
    refusal = intake(store).refuse("Người yêu cầu không phải là người giám hộ theo quy định.", "not_eligible")
    for kind, data, extra in (("receipt", receipt, dict(holder_id=ID_NUMBER, **RECEIPT_FIELDS)),
                              ("supplement", supplement, {}), ("refusal", refusal, {})):
        with pikepdf.open(io.BytesIO(slip_pdf(kind, data, language=language, **extra))) as document:
            assert len(document.pages) == 1, f"the {kind} slip runs over one A4 page"
        image = slip_image(kind, data, language=language, dpi=150, **extra)
        target = screenshots / f"slip-{kind}-{language}.png"
        assert image.save(str(target))
        assert gray(image).min() == 0 and (gray(image) < 128).mean() > 0.01  # ink on the page
    reprint = slip_image("receipt", receipt, OFFICIAL, ID_NUMBER, language=language, dpi=150, **RECEIPT_FIELDS)
    assert reprint.save(str(screenshots / f"slip-receipt-reprint-{language}.png"))

"""A copy's signature check in words an officer reads: the verdict on one stored PDF (valid, not signed,
not valid, not checked), what each problem the verification names means, and what each PAdES level
means. The core holds both languages; a window picks one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterable

from drivers.signing.certificates import TrustAnchors
from drivers.signing.errors import PdfUnreadable, SigningError
from drivers.signing.verify import Verification
from kiosk import signing
from kiosk.config import Config
from kiosk.intake.messages import Message
from kiosk.store.errors import StoreError

VALID, UNSIGNED, INVALID, UNCHECKED = "valid", "unsigned", "invalid", "unchecked"
NOT_SIGNED = "the document is not signed"  # drivers.signing.verify's words for a copy without a signature

M = Message
# drivers.signing.verify's problems, word for word; a text ending in "(" also matches the details after it
PROBLEMS: dict[str, Message] = {
    NOT_SIGNED: M("Bản sao chưa được ký số.", "The copy is not signed."),
    "the document was changed after it was signed (its bytes no longer match the signature)": M(
        "Bản sao đã bị thay đổi sau khi ký: nội dung không còn khớp với chữ ký số.",
        "The copy was changed after it was signed: its content no longer matches the signature."),
    "the signature does not match the signer's certificate": M(
        "Chữ ký số không khớp với chứng thư số của người ký.",
        "The signature does not match the signer's certificate."),
    "the signer's certificate has been revoked": M(
        "Chứng thư số của người ký đã bị thu hồi.", "The signer's certificate has been revoked."),
    "the signer's certificate was not yet valid when it signed": M(
        "Chứng thư số của người ký chưa có hiệu lực tại thời điểm ký.",
        "The signer's certificate was not yet valid when it signed."),
    "the signer's certificate has expired (or was not valid when it signed)": M(
        "Chứng thư số của người ký đã hết hạn (hoặc không có hiệu lực tại thời điểm ký).",
        "The signer's certificate has expired (or was not valid when it signed)."),
    "the signer's certificate does not chain to a trusted certificate authority": M(
        "Chứng thư số của người ký không do tổ chức cung cấp dịch vụ chứng thực chữ ký số được tin cậy cấp.",
        "The signer's certificate is not issued by a trusted certificate authority."),
    "the signer's certificate chain breaks a rule (key usage or CA constraints)": M(
        "Chuỗi chứng thư số của người ký vi phạm quy tắc (mục đích sử dụng khóa hoặc ràng buộc của tổ chức cấp).",
        "The signer's certificate chain breaks a rule (key usage or the authority's constraints)."),
    "the revocation status of the signer's certificate is not known yet": M(
        "Chưa xác định được tình trạng thu hồi của chứng thư số người ký.",
        "The revocation status of the signer's certificate is not known yet."),
    "the signer's certificate is not trusted here (": M(
        "Chứng thư số của người ký không được tin cậy trên máy này.",
        "The signer's certificate is not trusted on this station."),
    "the signer's certificate is not trusted here": M(
        "Chứng thư số của người ký không được tin cậy trên máy này.",
        "The signer's certificate is not trusted on this station."),
    "content was added to the document after it was signed": M(
        "Bản sao đã bị thêm nội dung sau khi ký.", "Content was added to the copy after it was signed."),
    "the timestamp is not valid or its authority is not trusted": M(
        "Dấu thời gian không hợp lệ hoặc đơn vị cấp dấu thời gian không được tin cậy.",
        "The timestamp is not valid or its authority is not trusted."),
    "the signature cannot be read (": M("Không đọc được chữ ký số trong bản sao.",
                                        "The signature in the copy cannot be read."),
}
UNKNOWN_PROBLEM = M("Chữ ký số không được xác nhận.", "The signature is not confirmed.")
NOT_READ = M("Không đọc được bản sao từ kho dữ liệu của máy.", "The copy could not be read from the station's store.")
UNREADABLE = M("Tệp bản sao không đọc được như một tệp PDF.", "The copy's file cannot be read as a PDF.")
NO_TRUST = M("Chưa kiểm tra được chữ ký số: máy không có hoặc không đọc được danh sách tổ chức chứng thực "
             "được tin cậy (signature_trust). Mời cán bộ kỹ thuật kiểm tra (kiosk doctor).",
             "The signatures cannot be checked: this station has no readable list of trusted certificate "
             "authorities (signature_trust). Ask the technician to check it (kiosk doctor).")

LEVELS: dict[str, Message] = {
    "B-B": M("PAdES B-B: chữ ký cơ bản; thời điểm ký do máy ký tự ghi, không có dấu thời gian.",
             "PAdES B-B: a basic signature; the signing time is the station's own word, with no timestamp."),
    "B-T": M("PAdES B-T: có dấu thời gian của đơn vị cấp dấu thời gian, chứng thực thời điểm ký.",
             "PAdES B-T: a timestamp from a timestamp authority proves when it was signed."),
    "B-LT": M("PAdES B-LT: có dấu thời gian và kèm dữ liệu thu hồi chứng thư, kiểm tra được lâu dài cả khi "
              "không có mạng.",
              "PAdES B-LT: a timestamp and the certificates' revocation data are inside the file: it can be "
              "checked for years, even offline."),
}


def problem_message(problem: str) -> Message:
    """The words for one problem of a Verification (its `problems` or a SignatureCheck's)."""
    if problem in PROBLEMS:
        return PROBLEMS[problem]
    for english, message in PROBLEMS.items():
        if english.endswith("(") and problem.startswith(english):
            return message
    return UNKNOWN_PROBLEM


def level_message(level: str) -> Message | None:
    return LEVELS.get(level)


@dataclass(frozen=True)
class CopyVerdict:
    """One stored copy's signature as the counter shows it. `signer`, `signed_at` and `level` are the
    first signature's (the centre's); `problems` is empty exactly when `state` is VALID."""

    state: str  # VALID, UNSIGNED, INVALID or UNCHECKED
    signer: str = ""
    signed_at: dt.datetime | None = None
    level: str = ""
    problems: tuple[Message, ...] = ()


def verdict_of(verification: Verification) -> CopyVerdict:
    if not verification.signatures:
        if set(verification.problems) <= {NOT_SIGNED}:
            return CopyVerdict(UNSIGNED)
        return CopyVerdict(INVALID, problems=_unique(problem_message(p) for p in verification.problems))
    first = verification.signatures[0]
    signed_at = dt.datetime.fromisoformat(first.signed_at) if first.signed_at else None
    problems = [*verification.problems, *(p for check in verification.signatures for p in check.problems)]
    return CopyVerdict(VALID if verification.ok else INVALID, first.signer, signed_at, first.level,
                       _unique(problem_message(p) for p in problems))


def check_copy(data: bytes, trust: TrustAnchors) -> CopyVerdict:
    """The verdict on one stored copy (blocking: ~50 ms; call on a worker)."""
    try:
        return verdict_of(signing.verify_document(data, trust))
    except PdfUnreadable:
        return CopyVerdict(INVALID, problems=(UNREADABLE,))


def _unique(messages) -> tuple[Message, ...]:
    return tuple(dict.fromkeys(messages))


def check_copies(read_document: Callable[[str], bytes], config: Config,
                 document_ids: Iterable[str]) -> dict[str, CopyVerdict] | Message:
    """The verdict on each stored copy against the configured trusted CAs (`signature_trust`), or the
    one line saying why none can be checked. Blocking (the store decrypts, ~50 ms a copy): on a worker."""
    try:
        trust = signing.signature_trust(config)
    except SigningError:
        return NO_TRUST
    verdicts = {}
    for document_id in document_ids:
        try:
            data = read_document(document_id)
        except StoreError:  # a damaged copy is the store check's business; the others are still checked
            verdicts[document_id] = CopyVerdict(UNCHECKED, problems=(NOT_READ,))
            continue
        verdicts[document_id] = check_copy(data, trust)
    return verdicts

"""What a scan ended with, and what to tell the person at the station, in Vietnamese and in English.

python-sane reports a SANE status only as the English text of `sane_strstatus` (the worker runs with
LC_ALL=C so the text is never translated); `status_from_message` turns it back into a status. Two
outcomes are ours, not SANE's: the scanner program stopped (WORKER_CRASHED) or stopped answering
(WORKER_HUNG), and the device no longer being listed after an error (DEVICE_GONE).

Pages scanned before any of these are kept: every message says so when there are some.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ScanStatus(enum.Enum):
    GOOD = "good"
    UNSUPPORTED = "unsupported"
    CANCELLED = "cancelled"
    DEVICE_BUSY = "device_busy"
    INVAL = "invalid_argument"
    EOF = "eof"
    JAMMED = "jammed"
    NO_DOCS = "no_documents"
    COVER_OPEN = "cover_open"
    IO_ERROR = "io_error"
    NO_MEM = "no_memory"
    ACCESS_DENIED = "access_denied"
    DEVICE_GONE = "device_gone"
    WORKER_CRASHED = "worker_crashed"
    WORKER_HUNG = "worker_hung"
    UNKNOWN = "unknown"


# libsane's sane_strstatus texts in the C locale (checked against libsane itself in the tests).
_SANE_TEXTS = {
    "Success": ScanStatus.GOOD,
    "Operation not supported": ScanStatus.UNSUPPORTED,
    "Operation was canceled": ScanStatus.CANCELLED,
    "Operation was cancelled": ScanStatus.CANCELLED,
    "Device busy": ScanStatus.DEVICE_BUSY,
    "Invalid argument": ScanStatus.INVAL,
    "End of file reached": ScanStatus.EOF,
    "Document feeder jammed": ScanStatus.JAMMED,
    "Document feeder out of documents": ScanStatus.NO_DOCS,
    "Scanner cover is open": ScanStatus.COVER_OPEN,
    "Error during device I/O": ScanStatus.IO_ERROR,
    "Out of memory": ScanStatus.NO_MEM,
    "Access to resource has been denied": ScanStatus.ACCESS_DENIED,
}

# SANE_Status numbers (sane.h), for backends reached through ctypes and for the test backend's names
SANE_STATUS_NUMBERS = {
    0: ScanStatus.GOOD, 1: ScanStatus.UNSUPPORTED, 2: ScanStatus.CANCELLED, 3: ScanStatus.DEVICE_BUSY,
    4: ScanStatus.INVAL, 5: ScanStatus.EOF, 6: ScanStatus.JAMMED, 7: ScanStatus.NO_DOCS,
    8: ScanStatus.COVER_OPEN, 9: ScanStatus.IO_ERROR, 10: ScanStatus.NO_MEM, 11: ScanStatus.ACCESS_DENIED,
}


def status_from_message(message: str) -> ScanStatus:
    """The status behind a `_sane.error` text; UNKNOWN for python-sane's own messages."""
    return _SANE_TEXTS.get(message.strip(), ScanStatus.UNKNOWN)


@dataclass(frozen=True)
class StatusMessage:
    """A status as the station shows it. `kind`: "ok", "prompt" (waiting for the person, not a
    fault), "info" (the person's own doing, e.g. cancel) or "error"."""

    status: ScanStatus
    kind: str
    vi: str
    en: str
    next_vi: str
    next_en: str
    pages_kept: int

    def text(self, language: str = "vi") -> str:
        head, step = (self.vi, self.next_vi) if language == "vi" else (self.en, self.next_en)
        kept = ""
        if self.pages_kept and self.kind != "ok":
            kept = (f" Đã giữ {self.pages_kept} trang quét trước đó." if language == "vi"
                    else f" The {self.pages_kept} page(s) scanned before are kept.")
        return f"{head}{kept} {step}".strip()

    def as_dict(self) -> dict[str, object]:
        return {"status": self.status.value, "kind": self.kind, "vi": self.text("vi"), "en": self.text("en"),
                "pages_kept": self.pages_kept}


# status → (kind, vi, en, what to do next in vi, in en)
_MESSAGES: dict[ScanStatus, tuple[str, str, str, str, str]] = {
    ScanStatus.GOOD: ("ok", "Đã quét xong.", "Scanning finished.", "", ""),
    ScanStatus.JAMMED: (
        "error", "Giấy bị kẹt trong khay nạp.", "The paper is jammed in the document feeder.",
        "Mở nắp khay nạp, gỡ tờ bị kẹt, đặt lại các trang chưa quét rồi bấm Quét tiếp.",
        "Open the feeder cover, remove the jammed sheet, put back the pages not yet scanned and press Continue."),
    ScanStatus.COVER_OPEN: (
        "error", "Nắp máy quét đang mở.", "The scanner cover is open.",
        "Đóng nắp máy quét cho chặt rồi bấm Quét tiếp.", "Close the scanner cover firmly and press Continue."),
    ScanStatus.NO_DOCS: (
        "error", "Khay nạp giấy hết giấy giữa chừng.", "The document feeder ran out of paper part-way.",
        "Đặt các trang còn lại vào khay nạp rồi bấm Quét tiếp.",
        "Put the remaining pages in the feeder and press Continue."),
    ScanStatus.DEVICE_BUSY: (
        "error", "Máy quét đang bận với việc khác.", "The scanner is busy with another job.",
        "Chờ một lát rồi bấm Thử lại; nếu vẫn bận, tắt và bật lại máy quét.",
        "Wait a moment and press Retry; if it stays busy, switch the scanner off and on."),
    ScanStatus.IO_ERROR: (
        "error", "Mất liên lạc với máy quét giữa chừng.", "Communication with the scanner failed.",
        "Kiểm tra cáp USB và nguồn điện của máy quét rồi bấm Thử lại.",
        "Check the scanner's USB cable and power, then press Retry."),
    ScanStatus.DEVICE_GONE: (
        "error", "Không còn thấy máy quét.", "The scanner is no longer connected.",
        "Cắm lại cáp USB (hoặc bật máy quét); máy sẽ được nhận lại tự động, rồi bấm Quét tiếp.",
        "Plug the USB cable back in (or switch the scanner on); it is found again automatically. Then press Continue."),
    ScanStatus.ACCESS_DENIED: (
        "error", "Ứng dụng không được phép dùng máy quét.", "The application is not allowed to use the scanner.",
        "Báo kỹ thuật viên: cần cấp quyền cho tài khoản của trạm (nhóm scanner).",
        "Tell the technician: the station's account needs access to the scanner (scanner group)."),
    ScanStatus.NO_MEM: (
        "error", "Máy quét hoặc máy tính thiếu bộ nhớ.", "The scanner or the computer ran out of memory.",
        "Quét ở độ phân giải thấp hơn hoặc ít trang hơn mỗi lượt, rồi thử lại.",
        "Scan at a lower resolution or fewer pages at a time, then try again."),
    ScanStatus.CANCELLED: (
        "info", "Đã dừng quét theo yêu cầu.", "Scanning stopped as asked.",
        "Trang đang quét dở đã bị bỏ; bấm Quét để tiếp tục.",
        "The page being scanned was dropped; press Scan to go on."),
    ScanStatus.UNSUPPORTED: (
        "error", "Máy quét không hỗ trợ thao tác này.", "The scanner does not support this operation.",
        "Chọn nguồn giấy hoặc chế độ màu khác, hoặc báo kỹ thuật viên.",
        "Choose another paper source or colour mode, or tell the technician."),
    ScanStatus.INVAL: (
        "error", "Máy quét từ chối thiết lập quét.", "The scanner refused the scan settings.",
        "Báo kỹ thuật viên kiểm tra máy quét (kiosk scan options).",
        "Tell the technician to check the scanner's settings (kiosk scan options)."),
    ScanStatus.EOF: (
        "error", "Máy quét kết thúc trang sớm bất thường.", "The scanner ended the page early.",
        "Quét lại trang đó.", "Scan that page again."),
    ScanStatus.WORKER_CRASHED: (
        "error", "Chương trình điều khiển máy quét bị dừng đột ngột và đã được khởi động lại.",
        "The scanner program stopped unexpectedly and has been restarted.",
        "Bấm Quét tiếp; nếu lỗi lặp lại, tắt và bật lại máy quét rồi báo kỹ thuật viên.",
        "Press Continue; if it happens again, switch the scanner off and on and tell the technician."),
    ScanStatus.WORKER_HUNG: (
        "error", "Máy quét không phản hồi; chương trình điều khiển đã được khởi động lại.",
        "The scanner stopped responding; its program has been restarted.",
        "Tắt và bật lại máy quét, đợi đèn sẵn sàng rồi bấm Quét tiếp.",
        "Switch the scanner off and on, wait until it is ready, then press Continue."),
    ScanStatus.UNKNOWN: (
        "error", "Máy quét báo lỗi không xác định.", "The scanner reported an unknown error.",
        "Thử lại; nếu lỗi lặp lại, báo kỹ thuật viên (chi tiết trong nhật ký).",
        "Try again; if it happens again, tell the technician (details in the log)."),
}

# Nothing in the feeder before the first page: the person has not put the paper in yet.
_FEEDER_EMPTY_PROMPT = (
    "prompt", "Khay nạp giấy chưa có giấy.", "The document feeder is empty.",
    "Đặt giấy vào khay nạp (mặt cần quét theo hướng dẫn trên máy) rồi bấm Quét.",
    "Put the pages in the document feeder (the side to scan as shown on the scanner) and press Scan.")


def describe(status: ScanStatus, *, pages_kept: int = 0, before_first_page: bool = False) -> StatusMessage:
    """The message for `status`. An empty feeder before the first page is a prompt, not an error."""
    if status is ScanStatus.NO_DOCS and before_first_page and pages_kept == 0:
        kind, vi, en, next_vi, next_en = _FEEDER_EMPTY_PROMPT
    else:
        kind, vi, en, next_vi, next_en = _MESSAGES[status]
    return StatusMessage(status, kind, vi, en, next_vi, next_en, pages_kept)

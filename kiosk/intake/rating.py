"""The satisfaction rating the citizen gives after the dossier is submitted (`Intake.rate`): a score from
1 to 5 and, at 3 or below, the reasons, each shown in Vietnamese and English. The codes and what is valid
are the domain's (`kiosk.domain.rating`); the store keeps ratings without personal data."""

from __future__ import annotations

from kiosk.domain.rating import REASON_CODES, SCORES, reasons_asked

from .messages import Message

M = Message
REASONS: dict[str, Message] = {
    "waiting_time": M("Thời gian chờ đợi lâu", "Long waiting time"),
    "hard_to_use": M("Máy khó sử dụng", "The kiosk is hard to use"),
    "unclear_instructions": M("Hướng dẫn chưa rõ ràng", "The instructions are unclear"),
    "document_scanning": M("Quét giấy tờ gặp khó khăn", "Trouble scanning the documents"),
    "identity_check": M("Xác thực danh tính (thẻ, khuôn mặt) gặp khó khăn",
                        "Trouble with the identity check (card, face)"),
    "staff_attitude": M("Thái độ phục vụ của cán bộ chưa tốt", "The staff's attitude"),
    "other": M("Lý do khác", "Another reason"),
}
if tuple(REASONS) != REASON_CODES:  # one list: the texts follow the domain's codes, in their order
    raise RuntimeError("kiosk.intake.rating.REASONS must hold kiosk.domain.rating.REASON_CODES, in order")

__all__ = ["REASONS", "SCORES", "reasons_asked"]

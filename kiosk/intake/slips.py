"""What the one-stop desk gives a citizen whose dossier it does not receive as it is: the request for
supplement ("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", model form no. 02) and the refusal ("Phiếu từ chối
tiếp nhận giải quyết hồ sơ", model form no. 03) of Circular 01/2018/TT-VPCP. The receipt (form no. 01) is
`kiosk.intake.receipt.Receipt`. `ui.slips` prints all three.

These slips are handed to the citizen and carry the citizen's name and ID number, as the forms ask: the
objects hold them (never in their repr), nothing here logs or stores them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

SUPPLEMENT_DOCUMENT_NAME = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
REFUSAL_DOCUMENT_NAME = "Phiếu từ chối tiếp nhận giải quyết hồ sơ"

# What is asked for a required component that is missing, when the officer writes nothing else.
DEFAULT_REQUEST = "Nộp thành phần hồ sơ này theo quy định của thủ tục hành chính."

# The grounds an officer picks for a refusal; the reason written beside it says what exactly is wrong.
# Our own short list, in the terms the one-stop rules use (Decree 61/2018/NĐ-CP and its successor
# 118/2025/NĐ-CP: a dossier outside the unit's remit, not eligible, or not completed after guidance).
REFUSAL_BASES: dict[str, str] = {
    "outside_scope": "Yêu cầu không thuộc phạm vi giải quyết của thủ tục hành chính hoặc của cơ quan tiếp nhận.",
    "not_eligible": "Hồ sơ không đủ điều kiện giải quyết theo quy định của thủ tục hành chính.",
    "not_completed": "Hồ sơ đã được hướng dẫn bổ sung, hoàn thiện nhưng chưa được bổ sung, hoàn thiện theo yêu cầu.",
    "invalid_documents": "Giấy tờ trong hồ sơ không hợp lệ (hết hiệu lực, tẩy xóa, sửa chữa hoặc không đúng quy định).",
    "other": "Lý do khác (nêu tại phần lý do).",
}


@dataclass(frozen=True)
class SlipIdentity:
    """What every slip names: the dossier (its local reference until the province gives a code), the
    procedure, the receiving unit, when it was issued and by which officer, and the holder."""

    local_reference: str  # the intake's reference on the station (the dossier is not stored)
    procedure_code: str
    procedure_name: str
    receiving_unit: str  # official code
    receiving_unit_name: str
    issued_at: datetime  # aware
    officer: str  # the officer's login (received_by)
    holder_name: str = field(repr=False)  # personal data: on the slip, never in a log
    holder_id: str = field(repr=False)


@dataclass(frozen=True)
class SupplementItem:
    component: str  # the checklist line's name
    asked: str  # what the citizen is asked to bring or complete for it


@dataclass(frozen=True)
class SupplementRequest:
    identity: SlipIdentity
    items: tuple[SupplementItem, ...]
    note: str = ""  # the officer's note (how to complete, whom to call)

    document_name = SUPPLEMENT_DOCUMENT_NAME


@dataclass(frozen=True)
class Refusal:
    identity: SlipIdentity
    reason: str  # what exactly is wrong, written by the officer
    basis: str = ""  # a key of REFUSAL_BASES, or "" when none was chosen

    document_name = REFUSAL_DOCUMENT_NAME

    @property
    def basis_text(self) -> str:
        return REFUSAL_BASES.get(self.basis, "")

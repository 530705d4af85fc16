"""What one pipeline step did to a page: enough for the UI to show it and to undo it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StepResult:
    name: str  # "crop", "deskew", "orientation", "blank", "quality", "barcodes", "thumbnail", "encode"
    applied: bool  # False: measured only, or nothing to do (the values say why)
    values: dict[str, Any] = field(default_factory=dict)  # JSON-able; never barcode contents
    ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "applied": self.applied, "values": self.values, "ms": round(self.ms, 2)}

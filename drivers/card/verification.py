"""What a reading proved about the card, as the UI shows it: how it was opened, whether the data is
signed by a trusted state (passive authentication), and whether the chip is the original (chip or
active authentication). No personal data, no key material."""

from __future__ import annotations

from dataclasses import dataclass, is_dataclass
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class Verification:
    access: str  # the protocol that opened the chip, e.g. "PACE-ECDH-GM-AES-128 brainpoolP256r1" or "BAC"
    opened_with: str  # which key, e.g. "CAN (QR code)"
    passive: Any | None = None  # passive_auth.PassiveAuthResult; None: no trust store was given
    chip: Any | None = None  # chip_auth.ChipAuthResult; None: the card has no DG14 or it was not asked
    active: Any | None = None  # active_auth.ActiveAuthResult; None: the card has no DG15 or it was not asked
    resumed: int = 0  # times the reading continued after the card was lifted
    why_not_pace: str | None = None

    @property
    def data_signed(self) -> bool:
        """The data groups read are the ones a trusted issuing state signed."""
        return self.passive is not None and self.passive.valid

    @property
    def chip_genuine(self) -> bool:
        """The chip proved it holds the private key the signed data names: it is not a copy."""
        return any(result is not None and result.passed for result in (self.chip, self.active))

    @property
    def genuine(self) -> bool:
        return self.data_signed and self.chip_genuine

    def doubts(self) -> list[str]:
        """Why the card is not proven genuine, one plain sentence each (empty when it is)."""
        found = []
        if self.passive is None:
            found.append("passive authentication was not done: no trust store")
        elif not self.passive.valid:
            found.append(f"the data is not proven signed by a trusted state: {self.passive.message}")
        if not self.chip_genuine:
            tried = [f"{name}: {result.reason}" for name, result in (("chip authentication", self.chip),
                                                                     ("active authentication", self.active))
                     if result is not None]
            found.append("the chip did not prove it is the original, not a copy ("
                         + ("; ".join(tried) if tried else "it offers neither chip nor active authentication")
                         + ")")
        return found

    def summary(self) -> dict[str, Any]:
        """JSON-able, for the command line and the log (results hold no personal data)."""
        return {
            "access": self.access,
            "opened_with": self.opened_with,
            "why_not_pace": self.why_not_pace,
            "passive_authentication": _plain(self.passive) if self.passive else "not done: no trust store",
            "chip_authentication": _plain(self.chip) if self.chip else "not done: the card has no DG14",
            "active_authentication": _plain(self.active) if self.active else "not done: the card has no DG15",
            "resumed_after_lift": self.resumed,
            "genuine": self.genuine,
        }


def _plain(value: Any) -> Any:
    """A result dataclass as JSON-able values: enums by value, times in ISO 8601, empty fields left out."""
    if is_dataclass(value):
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclass_fields(value)}
        return {name: item for name, item in fields.items() if item not in (None, (), [], "")}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value

"""Helpers shared by the card tests (a unique module name: conftest.py names collide across folders)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # let `pytest tests/card` work without installing the project
    sys.path.insert(0, str(ROOT))

from drivers.card.apdu import ApduChannel  # noqa: E402
from drivers.card.mrz import AccessKey  # noqa: E402
from drivers.card.virtual.card import VirtualCard  # noqa: E402

PROFILE_DIR = ROOT / "resources" / "card_profiles"
PROFILES = sorted(PROFILE_DIR.glob("*.toml"))


class CardTransport:
    """The transport a reader would be: transmit = card.process."""

    def __init__(self, card: VirtualCard, supports_extended: bool | None = True) -> None:
        self.card = card
        self.supports_extended = supports_extended
        self.transmit = card.process


def access_key_for(profile) -> AccessKey:
    return AccessKey.from_vietnamese_id(profile.id_number, profile.birth_date, profile.expiry)


def channel_for(card: VirtualCard, supports_extended: bool | None = True) -> ApduChannel:
    return ApduChannel(CardTransport(card, supports_extended))

"""Helpers shared by the card tests (a unique module name: conftest.py names collide across folders)."""

from __future__ import annotations

from pathlib import Path

from drivers.card.apdu import ApduChannel
from drivers.card.identity import NO_EXPIRY
from drivers.card.mrz import AccessKey
from drivers.card.virtual.card import VirtualCard

ROOT = Path(__file__).resolve().parents[2]

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


def assert_identity_matches(i, profile) -> None:
    """Every field the chip gave equals the profile the virtual card was built from."""
    assert i.id_number == profile.id_number
    assert i.document_number == profile.id_number[-9:]
    assert i.full_name == profile.full_name
    assert i.birth_date == profile.birth_date
    assert i.sex == profile.sex
    assert i.mrz_sex == ("M" if profile.sex == "Nam" else "F")
    assert i.nationality == profile.nationality
    assert i.ethnicity == profile.ethnicity
    assert i.religion == profile.religion
    assert i.home_town == profile.home_town
    assert i.permanent_address == profile.permanent_address
    assert i.identifying_marks == profile.identifying_marks
    assert i.issue_date == profile.issue_date
    assert i.expiry == (profile.expiry if profile.expiry else NO_EXPIRY)
    assert i.no_expiry == (profile.expiry is None)
    assert i.father_name == profile.father
    assert i.mother_name == profile.mother
    assert i.spouse_name == profile.spouse
    assert i.old_id_number == profile.old_id
    assert i.photo is not None and i.photo.format == "JPEG" and (i.photo.width, i.photo.height) == (360, 480)
    assert 15_000 <= len(i.photo.data) <= 25_000


class ScriptedTransport:
    """Checks every command against a published transcript and answers the published response."""

    def __init__(self, script, supports_extended: bool | None = False) -> None:
        self.script = list(script)
        self.supports_extended = supports_extended

    def transmit(self, command: bytes) -> bytes:
        expected, response = self.script.pop(0)
        assert command.hex().upper() == expected
        return bytes.fromhex(response)

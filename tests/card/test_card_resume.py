"""A card lifted mid-read and put back: the reading resumes where it stopped, and data from before the
break is kept only where the SOD's hashes cover it."""

from __future__ import annotations

import pytest

from drivers.card.access import AccessKeys
from drivers.card.apdu import ApduChannel
from drivers.card.errors import CardRemoved
from drivers.card.reader import CardReading
from drivers.card.sod import DataGroupAltered
from drivers.card.trust import TrustStore
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.files import load_test_keys
from drivers.card.virtual.profile import load_profile
from tests.card.card_helpers import PROFILES, CardTransport, assert_identity_matches

PROFILE = load_profile(next(p for p in PROFILES if p.stem == "married-with-old-id"))


@pytest.fixture(scope="module")
def trust(key_folder):
    return TrustStore.from_certificates([load_test_keys(key_folder).csca_cert])


def lifted_after(key_folder, commands: int) -> VirtualCard:
    return VirtualCard.from_profile(PROFILE, key_folder, remove_after=commands)


def put_back(card: VirtualCard) -> None:
    card.remove_after = None
    card.power_on()


def commands_of_a_full_read(key_folder, **options) -> int:
    card = VirtualCard.from_profile(PROFILE, key_folder)
    CardReading(AccessKeys.from_can(PROFILE.id_number[-6:]), **options).read(ApduChannel(CardTransport(card)))
    return card.commands


@pytest.mark.parametrize("share", [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95])
def test_a_reading_resumes_after_the_card_is_lifted_at_any_step(key_folder, trust, share):
    card = lifted_after(key_folder, max(1, int(share * commands_of_a_full_read(key_folder))))
    reading = CardReading(AccessKeys.from_can(PROFILE.id_number[-6:]), trust=trust)
    with pytest.raises(CardRemoved):
        reading.read(ApduChannel(CardTransport(card)))
    read_before = set(reading.raw)
    put_back(card)
    result = reading.read(ApduChannel(CardTransport(card)))
    assert_identity_matches(result.identity, PROFILE)
    verification = result.verification
    assert verification.resumed == 1 and verification.genuine, verification.summary()
    assert verification.opened_with == "CAN (typed)"
    # nothing read before the break was read again, except COM (no hash covers it)
    assert set(result.files.names()) >= read_before


def test_data_from_before_the_break_must_match_the_sod(key_folder, trust):
    card = lifted_after(key_folder, commands_of_a_full_read(key_folder) - 3)
    reading = CardReading(AccessKeys.from_can(PROFILE.id_number[-6:]), trust=trust)
    with pytest.raises(CardRemoved):
        reading.read(ApduChannel(CardTransport(card)))
    assert "DG1" in reading.raw
    reading.raw["DG1"] = reading.raw["DG1"][:-1] + b"X"  # as if another card's data had been read
    put_back(card)
    with pytest.raises(DataGroupAltered) as info:
        reading.read(ApduChannel(CardTransport(card)))
    assert info.value.numbers == [1]


def test_without_an_sod_files_from_before_the_break_are_read_again(key_folder):
    files = ("COM", "DG1", "DG13")
    card = lifted_after(key_folder, commands_of_a_full_read(key_folder, files=files) - 1)
    reading = CardReading(AccessKeys.from_can(PROFILE.id_number[-6:]), files=files)
    with pytest.raises(CardRemoved):
        reading.read(ApduChannel(CardTransport(card)))
    before = set(reading.raw) - {"CardAccess", "COM"}
    assert before, "the card should have been lifted after a data group was read"
    reading.raw["DG1"] = b"stale"  # would break parsing if it were kept
    put_back(card)
    result = reading.read(ApduChannel(CardTransport(card)))
    assert_identity_matches_without_photo(result.identity)


def assert_identity_matches_without_photo(identity) -> None:
    assert identity.id_number == PROFILE.id_number and identity.full_name == PROFILE.full_name
    assert identity.photo is None

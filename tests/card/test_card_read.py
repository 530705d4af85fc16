"""Full reads through the virtual card (transmit = card.process), and the fault options."""

from __future__ import annotations

import hashlib

import pytest
from asn1crypto import cms
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from tests.card.card_helpers import PROFILES, access_key_for, assert_identity_matches, channel_for
from drivers.card.errors import CardRemoved, SecureMessagingError, WrongAccessKey
from drivers.card.mrz import AccessKey
from drivers.card.reader import read_card
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.chip import ChipKeys
from drivers.card.sod import DataGroupAltered, LDSSecurityObject
from drivers.card.virtual.files import load_test_keys
from drivers.card.virtual.profile import load_profile


@pytest.fixture(scope="module")
def cards(key_folder):
    """One built card file system per profile (building signs an SOD: do it once)."""
    return {p.stem: (load_profile(p), VirtualCard.from_profile(load_profile(p), key_folder).files) for p in PROFILES}


def make_card(cards, name="married-with-old-id", **options):
    profile, files = cards[name]
    options.setdefault("chip_keys", CHIP_KEYS[0])
    return profile, VirtualCard(files, access_key_for(profile), **options)


CHIP_KEYS: list = []


@pytest.fixture(scope="module", autouse=True)
def chip_keys(key_folder):
    CHIP_KEYS[:] = [ChipKeys.from_test_keys(load_test_keys(key_folder))]


def test_at_least_four_profiles_shipped():
    assert len(PROFILES) >= 4


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_full_read_matches_profile(path, cards):
    profile, card = make_card(cards, path.stem)
    result = read_card(channel_for(card), access_key_for(profile))
    assert_identity_matches(result.identity, profile)
    assert result.protocol == "PACE-ECDH-GM-AES-128 brainpoolP256r1"
    verification = result.verification
    assert verification.opened_with == "MRZ key (typed MRZ values)" and verification.passive is None
    assert verification.chip.passed and verification.active.passed and verification.chip_genuine
    assert set(result.files.names()) == {"CardAccess", "COM", "DG1", "DG2", "DG13", "DG14", "DG15", "SOD"}
    assert result.card_access is not None
    for name in ("DG14", "DG15", "SOD"):
        raw = result.files[name]
        assert raw.sha256 == hashlib.sha256(raw.data).digest() and raw.sha1 == hashlib.sha1(raw.data).digest()
    text = repr(result) + repr(result.identity) + repr(result.files)
    assert profile.id_number not in text and profile.full_name not in text


def test_sod_signs_every_data_group(cards, key_folder):
    profile, card = make_card(cards)
    result = read_card(channel_for(card), access_key_for(profile))
    hashes_ok = _sod_hashes(result.files["SOD"].data, key_folder)
    for n, data in result.files.data_groups().items():
        assert hashes_ok[n] == hashlib.sha256(data).digest()


def _sod_hashes(sod: bytes, key_folder) -> dict[int, bytes]:
    content = cms.ContentInfo.load(sod[4:] if sod[1] == 0x82 else sod[2:])
    signed = content["content"]
    signer = signed["signer_infos"][0]
    keys = load_test_keys(key_folder)
    # the SOD signature verifies with the document signer, whose certificate the CSCA signed
    keys.ds_cert.public_key().verify(signer["signature"].native, signer["signed_attrs"].untag().dump(),
                                     ec.ECDSA(hashes.SHA256()))
    keys.csca_cert.public_key().verify(keys.ds_cert.signature, keys.ds_cert.tbs_certificate_bytes,
                                       ec.ECDSA(hashes.SHA256()))
    lso = LDSSecurityObject.load(signed["encap_content_info"]["content"].native)
    return {v["data_group_number"].native: v["data_group_hash_value"].native
            for v in lso["data_group_hash_values"]}


def test_tampered_dg_is_refused_before_any_identity(key_folder):
    profile = load_profile(PROFILES[0])
    for number in (13, 2):
        card = VirtualCard.from_profile(profile, key_folder, tamper_dg=number)
        with pytest.raises(DataGroupAltered) as info:
            read_card(channel_for(card), access_key_for(profile))
        assert info.value.numbers == [number]
        assert str(info.value) == f"DG{number} does not match the card's security object (SOD): the data was altered"


def test_wrong_access_key(cards):
    profile, card = make_card(cards)
    wrong = AccessKey.from_vietnamese_id(profile.id_number, profile.birth_date.replace(day=1), profile.expiry)
    with pytest.raises(WrongAccessKey) as info:
        read_card(channel_for(card), wrong)
    assert "does not open this card" in str(info.value)


def test_corrupted_mac_gives_no_identity(cards):
    profile, card = make_card(cards, corrupt_mac=True)
    with pytest.raises(SecureMessagingError):
        read_card(channel_for(card), access_key_for(profile))


@pytest.mark.parametrize("after", [1, 4, 8, 12])
def test_card_removed(cards, after):
    profile, card = make_card(cards, remove_after=after)
    with pytest.raises(CardRemoved):
        read_card(channel_for(card), access_key_for(profile))


def _count(cards, supports_extended=True, **options):
    profile, card = make_card(cards, **options)
    channel = channel_for(card, supports_extended)
    result = read_card(channel, access_key_for(profile))
    assert result.identity.id_number == profile.id_number
    assert result.identity.photo is not None
    return channel.stats.commands, result


def test_extended_length_needs_far_fewer_commands(cards):
    extended, _ = _count(cards, True)
    short, result = _count(cards, False)
    assert extended <= 30  # PACE 5, chip authentication 3, active authentication 1, files 2 or 3 each
    assert short >= 3 * extended
    assert result.stats.step_downs == 0


def test_no_extended_card_steps_down(cards):
    commands, result = _count(cards, True, no_extended=True)
    short, _ = _count(cards, False)
    assert result.stats.step_downs >= 1
    assert commands < short + 20  # the failed sizes are tried once per session, not per file


@pytest.mark.parametrize("limit", [1000, 300, 200])
def test_max_response_steps_down(cards, limit):
    commands, result = _count(cards, True, max_response=limit)
    assert result.stats.step_downs >= 1


def test_delay_option(cards):
    import time
    profile, card = make_card(cards, delay=0.002)
    start = time.perf_counter()
    read_card(channel_for(card), access_key_for(profile), files=("COM", "DG1", "DG13"))
    assert time.perf_counter() - start >= 0.002 * 10


def test_partial_file_list_has_no_photo(cards):
    profile, card = make_card(cards)
    result = read_card(channel_for(card), access_key_for(profile), files=("COM", "DG1", "DG13"))
    assert result.identity.photo is None and "DG2" not in result.files


def test_trace_hook_sees_every_exchange(cards):
    from drivers.card.apdu import ApduChannel
    from tests.card.card_helpers import CardTransport

    profile, card = make_card(cards)
    seen = []
    channel = ApduChannel(CardTransport(card), on_exchange=lambda c, r, s: seen.append((len(c), len(r), s)))
    read_card(channel, access_key_for(profile))
    assert len(seen) == channel.stats.commands

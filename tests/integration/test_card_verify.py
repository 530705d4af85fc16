"""Proving the card genuine through the real stack (pyscard → pcscd → vpcd → the virtual card):
PACE with the CAN and the MRZ, BAC when PACE is refused or absent, every passive-authentication
outcome, a cloned chip, keys from the card's QR code, and a card lifted mid-read."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from drivers.camera.qr_reader import decode_qr
from drivers.card.access import AccessKeys
from drivers.card.apdu import ApduChannel
from drivers.card.errors import CardRemoved
from drivers.card.pcsc import PcscConnection
from drivers.card.qr import parse_card_qr
from drivers.card.reader import CardReading
from drivers.card.sod import DataGroupAltered
from drivers.card.trust import TrustStore
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.face import card_face
from drivers.card.virtual.files import SOD_FAULTS
from drivers.card.virtual.profile import load_profile
from kiosk.cli.card import SOD_FAULTS as CLI_SOD_FAULTS
from kiosk.errors import EXIT_NOT_GENUINE, EXIT_OK
from tests.card.card_helpers import PROFILES, access_key_for, assert_identity_matches
from tests.helpers.cards import READER, InsertedCard
from tests.integration.test_card_read import Simulated

pytestmark = pytest.mark.station

PROFILE = load_profile(next(p for p in PROFILES if p.stem == "married-with-old-id"))
PACE_NAME = "PACE-ECDH-GM-AES-128 brainpoolP256r1"


@pytest.fixture(scope="module")
def keys_dir(station_config):
    return station_config.simulation_dir / "card-keys"


@pytest.fixture(scope="module")
def trust(station, station_config):
    return TrustStore.load(station_config.simulation_dir / "trust")  # written by `kiosk stand up`


def read(card: VirtualCard, keys: AccessKeys, trust=None):
    with InsertedCard(card):
        with PcscConnection(READER) as connection:
            return CardReading(keys, trust=trust).read(ApduChannel(connection))


def can_of(profile) -> AccessKeys:
    return AccessKeys.from_can(profile.id_number[-6:])


def test_pace_with_the_can_proves_a_genuine_card(keys_dir, trust):
    result = read(VirtualCard.from_profile(PROFILE, keys_dir), can_of(PROFILE), trust)
    assert_identity_matches(result.identity, PROFILE)
    v = result.verification
    assert (v.access, v.opened_with) == (PACE_NAME, "CAN (typed)")
    assert v.passive.status.value == "valid" and v.passive.groups_checked == (1, 2, 13, 14, 15)
    assert v.chip.passed and v.chip.protocol == "CA-ECDH-AES-128" and v.active.passed
    assert v.genuine


def test_pace_with_the_mrz(keys_dir, trust):
    result = read(VirtualCard.from_profile(PROFILE, keys_dir), AccessKeys.from_mrz(access_key_for(PROFILE)), trust)
    assert (result.verification.access, result.verification.opened_with) == (PACE_NAME, "MRZ key (MRZ)")
    assert result.verification.genuine


@pytest.mark.parametrize("options, why", [({"pace_refuse": True}, "refused"), ({"pace": False}, "does not offer PACE")],
                         ids=["pace-refused", "no-card-access"])
def test_bac_when_pace_is_refused_or_absent(keys_dir, trust, options, why):
    keys = AccessKeys(can=PROFILE.id_number[-6:], mrz=(access_key_for(PROFILE),), source="test")
    result = read(VirtualCard.from_profile(PROFILE, keys_dir, **options), keys, trust)
    v = result.verification
    assert v.access == "BAC" and why in v.why_not_pace, v.why_not_pace
    assert v.genuine  # BAC opens the chip; the proofs do not depend on how


@pytest.mark.parametrize("fault, status, failed", [
    ("bad_signature", "bad signature", "SOD signature"),
    ("wrong_dsc", "bad signature", "SOD signature"),
    ("unknown_csca", "unknown CSCA", None),
    ("expired_dsc", "expired certificate", "document signer certificate"),
])
def test_every_passive_authentication_outcome(keys_dir, trust, fault, status, failed):
    result = read(VirtualCard.from_profile(PROFILE, keys_dir, sod_fault=fault), can_of(PROFILE), trust)
    passive = result.verification.passive
    assert passive.status.value == status and (passive.failed.value if passive.failed else None) == failed
    assert not result.verification.data_signed and not result.verification.genuine
    assert result.verification.chip_genuine  # the chip itself is the original


def test_altered_data_is_refused(keys_dir, trust):
    with pytest.raises(DataGroupAltered) as info:
        read(VirtualCard.from_profile(PROFILE, keys_dir, tamper_dg=2), can_of(PROFILE), trust)
    assert info.value.numbers == [2]


def test_a_cloned_chip_is_told_apart(keys_dir, trust):
    result = read(VirtualCard.from_profile(PROFILE, keys_dir, cloned=True), can_of(PROFILE), trust)
    v = result.verification
    assert v.data_signed  # the copied data is genuinely signed...
    assert v.chip.performed and not v.chip.passed and not v.active.passed  # ...but the chip is not the one
    assert not v.genuine
    assert_identity_matches(result.identity, PROFILE)


def test_without_a_trust_store_passive_authentication_is_not_done(keys_dir):
    result = read(VirtualCard.from_profile(PROFILE, keys_dir), can_of(PROFILE))
    assert result.verification.passive is None and not result.verification.genuine
    assert result.verification.summary()["passive_authentication"] == "not done: no trust store"


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_the_qr_code_of_every_shipped_card_unlocks_it(path, keys_dir, trust):
    profile = load_profile(path)
    texts = decode_qr(np.asarray(card_face(profile)))
    keys = AccessKeys.from_qr(parse_card_qr(texts[0]))
    result = read(VirtualCard.from_profile(profile, keys_dir), keys, trust)
    assert_identity_matches(result.identity, profile)
    assert result.verification.opened_with == "CAN (QR code)" and result.verification.genuine


def test_the_qr_code_opens_a_bac_card_with_an_expiry_candidate(keys_dir, trust):
    keys = AccessKeys.from_qr(parse_card_qr(decode_qr(np.asarray(card_face(PROFILE)))[0]))
    result = read(VirtualCard.from_profile(PROFILE, keys_dir, pace=False), keys, trust)
    assert result.verification.access == "BAC"
    assert result.verification.opened_with.startswith("MRZ key") and result.verification.opened_with.endswith("(QR code)")


def test_a_card_lifted_mid_read_resumes_when_put_back(keys_dir, trust):
    card = VirtualCard.from_profile(PROFILE, keys_dir, remove_after=18)
    reading = CardReading(can_of(PROFILE), trust=trust)
    with InsertedCard(card):
        with pytest.raises(CardRemoved):
            with PcscConnection(READER) as connection:
                reading.read(ApduChannel(connection))
    card.remove_after = None
    with InsertedCard(card):
        with PcscConnection(READER) as connection:
            result = reading.read(ApduChannel(connection))
    assert result.verification.resumed == 1 and result.verification.genuine
    assert_identity_matches(result.identity, PROFILE)


def test_command_line_reads_with_the_qr_code_and_prints_the_verification(station, station_config, kiosk_env, tmp_path):
    assert CLI_SOD_FAULTS == SOD_FAULTS
    face = tmp_path / "card.png"
    card_face(PROFILE).save(face)
    trust_dir = str(station_config.simulation_dir / "trust")
    runs = {}
    for name, options in (("genuine", ()), ("cloned", ("--cloned",)), ("unknown-csca", ("--sod-fault", "unknown_csca"))):
        with Simulated(kiosk_env, *options):
            runs[name] = subprocess.run(
                [sys.executable, "-m", "kiosk", "card", "read", "--qr", str(face), "--trust", trust_dir, "--json"],
                env=kiosk_env, capture_output=True, text=True, timeout=60)
    assert runs["genuine"].returncode == EXIT_OK, runs["genuine"].stderr
    assert runs["genuine"].stderr == ""
    for name, reason in (("cloned", "the chip did not prove it is the original, not a copy"),
                         ("unknown-csca", "the data is not proven signed by a trusted state")):
        assert runs[name].returncode == EXIT_NOT_GENUINE, (name, runs[name].stderr)
        last = runs[name].stderr.splitlines()[-1]
        assert last.startswith("kiosk: the card was read but is not proven genuine: ") and reason in last, last
        assert PROFILE.id_number not in runs[name].stderr and PROFILE.full_name not in runs[name].stderr
    genuine = json.loads(runs["genuine"].stdout)["verification"]
    assert genuine["genuine"] and genuine["opened_with"] == "CAN (QR code)" and genuine["access"] == PACE_NAME
    assert genuine["passive_authentication"]["status"] == "valid"
    cloned = json.loads(runs["cloned"].stdout)["verification"]
    assert not cloned["genuine"] and cloned["chip_authentication"]["passed"] is False
    unknown = json.loads(runs["unknown-csca"].stdout)["verification"]
    assert unknown["passive_authentication"]["status"] == "unknown CSCA"

"""Active authentication (DG15) against the virtual card over BAC: RSA ISO 9796-2 and ECDSA, clones, forgeries."""

from __future__ import annotations

import hashlib

import pytest
from asn1crypto import core
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.card import tlv
from drivers.card.active_auth import (ActiveAuthResult, authenticate_active, default_ecdsa_hash, parse_dg15,
                                      recover_iso9796_2)
from drivers.card.bac import BAC
from drivers.card.errors import ParseError
from drivers.card.files import dg_fid, select_aid
from drivers.card.virtual.card import EMRTD_AID, VirtualCard
from drivers.card.virtual.chip import ChipKeys, sign_ecdsa_plain, sign_iso9796_2
from drivers.card.virtual.files import load_test_keys
from drivers.card.virtual.profile import load_profile
from tests.card.card_helpers import PROFILES, access_key_for, channel_for

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OID_AA = "2.23.136.1.1.5"


@pytest.fixture(scope="module")
def genuine(key_folder):
    profile = load_profile(PROFILES[0])
    return profile, VirtualCard.from_profile(profile, key_folder).files, load_test_keys(key_folder)


@pytest.fixture(scope="module")
def small_rsa():
    return rsa.generate_private_key(65537, 1024)


def session(card: VirtualCard, profile, log: list | None = None):
    channel = channel_for(card)
    if log is not None:
        channel.on_exchange = lambda command, response, seconds: log.append((command, response))
    select_aid(channel, EMRTD_AID)
    return BAC(access_key_for(profile)).establish(channel)


def spki(key) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def dg14_with_aa(signature_oid: str) -> bytes:
    info = tlv.encode(0x30, core.ObjectIdentifier(OID_AA).dump() + tlv.encode(0x02, b"\x01")
                      + core.ObjectIdentifier(signature_oid).dump())
    return tlv.encode(0x6E, tlv.encode(0x31, info))


def run(genuine, **card_options) -> ActiveAuthResult:
    profile, files, _ = genuine
    card = VirtualCard(files, access_key_for(profile), **card_options)
    secure = session(card, profile)
    return authenticate_active(secure, files[dg_fid(15)])


# ---------------------------------------------------------------- through the card


def test_genuine_rsa_sha1_trailer_bc(genuine):
    profile, files, keys = genuine
    log: list = []
    card = VirtualCard(files, access_key_for(profile), chip_keys=ChipKeys.from_test_keys(keys))
    secure = session(card, profile, log)
    result = authenticate_active(secure, files[dg_fid(15)], dg14=files[dg_fid(14)])
    assert result == ActiveAuthResult(True, True, "RSA-2048 ISO 9796-2 with SHA-1",
                                      "the chip signed a fresh challenge with the DG15 key")
    internal = [c for c, _ in log if c[1] == 0x88]
    assert len(internal) == 1 and internal[0][0] == 0x0C  # sent protected inside the BAC session
    # the session goes on: a file still reads after active authentication
    assert secure.transmit(select_dg1()).sw == 0x9000


def select_dg1():
    from drivers.card.apdu import CommandAPDU

    return CommandAPDU(0x00, 0xA4, 0x02, 0x0C, dg_fid(1).to_bytes(2, "big"))


@pytest.mark.parametrize("hash_name,title", [("sha256", "SHA-256"), ("sha224", "SHA-224"), ("sha512", "SHA-512")])
def test_genuine_rsa_with_two_byte_trailer(genuine, hash_name, title):
    keys = genuine[2]
    result = run(genuine, chip_keys=ChipKeys(aa_key=keys.aa_key, aa_hash=hash_name))
    assert result.passed and result.algorithm == f"RSA-2048 ISO 9796-2 with {title}"


def test_cloned_chip_fails_with_a_plain_reason(genuine):
    keys = genuine[2]
    result = run(genuine, chip_keys=ChipKeys.from_test_keys(keys), cloned=True)
    assert result.performed and not result.passed
    assert "copy" in result.reason and "DG15" in result.reason


def test_card_without_the_key_refuses(genuine):
    result = run(genuine)  # no chip keys: INTERNAL AUTHENTICATE is answered 6D00
    assert result.performed and not result.passed and "6D00" in result.reason


def test_from_profile_cards_carry_the_test_keys(key_folder):
    profile = load_profile(PROFILES[1])
    card = VirtualCard.from_profile(profile, key_folder)
    result = authenticate_active(session(card, profile), card.files[dg_fid(15)])
    assert result.passed


@pytest.mark.parametrize("curve,signature_oid,hash_name", [
    (ec.BrainpoolP256R1(), None, "sha256"),  # no ActiveAuthenticationInfo: the hash fits the curve
    (ec.SECP384R1(), None, "sha384"),
    (ec.BrainpoolP256R1(), "0.4.0.127.0.7.1.1.4.1.4", "sha384"),  # ecdsa-plain-SHA384 from DG14
    (ec.SECP256R1(), "1.2.840.10045.4.3.2", "sha256"),
])
def test_ecdsa(genuine, curve, signature_oid, hash_name):
    profile, files, _ = genuine
    key = ec.generate_private_key(curve)
    ec_files = dict(files)
    ec_files[dg_fid(15)] = tlv.encode(0x6F, spki(key))
    dg14 = dg14_with_aa(signature_oid) if signature_oid else None
    card = VirtualCard(ec_files, access_key_for(profile), chip_keys=ChipKeys(aa_key=key, aa_hash=hash_name))
    result = authenticate_active(session(card, profile), ec_files[dg_fid(15)], dg14=dg14)
    assert result.passed, result.reason
    assert result.algorithm == f"ECDSA {curve.name} with SHA-{hash_name[3:]}"
    # the chip signing with another hash than DG14 names is caught
    card = VirtualCard(ec_files, access_key_for(profile), chip_keys=ChipKeys(aa_key=key, aa_hash="sha1"))
    assert not authenticate_active(session(card, profile), ec_files[dg_fid(15)], dg14=dg14).passed


def test_unknown_aa_signature_algorithm_is_not_tried(genuine):
    profile, files, _ = genuine
    key = ec.generate_private_key(ec.SECP256R1())
    dg15 = tlv.encode(0x6F, spki(key))
    card = VirtualCard(files, access_key_for(profile), chip_keys=ChipKeys(aa_key=key))
    result = authenticate_active(session(card, profile), dg15, dg14=dg14_with_aa("1.2.3.4"))
    assert not result.performed and not result.passed and "1.2.3.4" in result.reason


def test_garbage_dg15_is_reported_not_raised(genuine):
    profile, files, keys = genuine
    card = VirtualCard(files, access_key_for(profile), chip_keys=ChipKeys.from_test_keys(keys))
    result = authenticate_active(session(card, profile), b"\x6F\x03\x30\x01\x00")
    assert not result.performed and result.reason.startswith("DG15 cannot be used")


# ---------------------------------------------------------------- ISO/IEC 9796-2 itself


def test_signature_block_layout(small_rsa):
    challenge = bytes(range(8))
    m1 = bytes(128 - 1 - 20 - 1)
    signature = sign_iso9796_2(small_rsa, challenge, "sha1", m1=m1)
    numbers = small_rsa.public_key().public_numbers()
    j = pow(int.from_bytes(signature, "big"), numbers.e, numbers.n)
    j = j if j & 0xF == 0xC else numbers.n - j
    block = j.to_bytes(128, "big")
    assert block == b"\x6A" + m1 + hashlib.sha1(m1 + challenge).digest() + b"\xBC"
    assert recover_iso9796_2(small_rsa.public_key(), signature, challenge) == "sha1"


def test_both_signature_representatives_verify(small_rsa):
    # ISO 9796-2 signs min(s, n - s); signers that send s itself are accepted too
    challenge = b"12345678"
    signature = sign_iso9796_2(small_rsa, challenge, "sha256", random=lambda n: b"\x5A" * n)
    n = small_rsa.public_key().public_numbers().n
    other = (n - int.from_bytes(signature, "big")).to_bytes(128, "big")
    for s in (signature, other):
        assert recover_iso9796_2(small_rsa.public_key(), s, challenge) == "sha256"


def test_forgeries_fail(small_rsa):
    challenge = b"ABCDEFGH"
    signature = sign_iso9796_2(small_rsa, challenge, "sha1", random=lambda n: b"\x11" * n)
    public = small_rsa.public_key()
    with pytest.raises(InvalidSignature):  # replayed for another challenge
        recover_iso9796_2(public, signature, b"ABCDEFGX")
    for i in (0, 40, 127):
        forged = bytearray(signature)
        forged[i] ^= 0x01
        with pytest.raises(InvalidSignature):
            recover_iso9796_2(public, bytes(forged), challenge)
    other_key = rsa.generate_private_key(65537, 1024)
    with pytest.raises(InvalidSignature):  # signed by another chip
        recover_iso9796_2(public, sign_iso9796_2(other_key, challenge, "sha1", random=lambda n: b"\x11" * n),
                          challenge)
    n = public.public_numbers().n
    for value in (b"", b"\x00" * 128, n.to_bytes(128, "big"), b"\x01" * 129):
        with pytest.raises(InvalidSignature):
            recover_iso9796_2(public, value, challenge)


def test_raw_block_without_9796_structure_fails(small_rsa):
    # a correctly exponentiated block that is PKCS#1-like, not 9796-2, must not pass
    numbers = small_rsa.private_numbers()
    n = numbers.public_numbers.n
    block = b"\x00\x01" + b"\xFF" * 100 + b"\x00" + bytes(25)
    signature = pow(int.from_bytes(block, "big"), numbers.d, n).to_bytes(128, "big")
    with pytest.raises(InvalidSignature):
        recover_iso9796_2(small_rsa.public_key(), signature, bytes(8))


def test_ecdsa_forgery_fails(genuine):
    profile, files, _ = genuine
    key = ec.generate_private_key(ec.SECP256R1())
    signature = bytearray(sign_ecdsa_plain(key, b"challen!", "sha256"))
    signature[5] ^= 0x40

    class ForgingChannel:  # a chip that answers INTERNAL AUTHENTICATE with a tampered signature
        def transmit(self, command, **_):
            from drivers.card.apdu import ResponseAPDU
            return ResponseAPDU(bytes(signature), 0x9000)

    result = authenticate_active(ForgingChannel(), tlv.encode(0x6F, spki(key)), random=lambda n: b"challen!")
    assert result.performed and not result.passed
    assert default_ecdsa_hash(key.public_key()) == "sha256"


# ---------------------------------------------------------------- parsers on garbage


@SETTINGS
@given(st.binary(max_size=400))
def test_parse_dg15_raises_only_parse_error(data):
    try:
        parse_dg15(data)
    except ParseError:
        pass


@SETTINGS
@given(st.data())
def test_parse_dg15_mutations(genuine, data):
    sample = genuine[1][dg_fid(15)]
    raw = bytearray(sample)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    try:
        parse_dg15(bytes(raw))
    except ParseError:
        pass


@SETTINGS
@given(st.binary(min_size=0, max_size=130))
def test_recovery_raises_only_invalid_signature(small_rsa, signature):
    try:
        recover_iso9796_2(small_rsa.public_key(), signature, bytes(8))
    except InvalidSignature:
        pass


@pytest.mark.parametrize("card_options,extended,outer", [
    ({}, True, ["0C880000"]),  # a protected 2048-bit signature needs an extended answer
    ({"no_extended": True}, None, ["0C880000", "0C880000"]),  # refused extended: asked again, short
])
def test_internal_authenticate_length_handling(genuine, card_options, extended, outer):
    profile, files, keys = genuine
    card = VirtualCard(files, access_key_for(profile), chip_keys=ChipKeys.from_test_keys(keys), **card_options)
    channel = channel_for(card, extended)
    log: list = []
    channel.on_exchange = lambda command, response, seconds: log.append((command, response))
    select_aid(channel, EMRTD_AID)
    secure = BAC(access_key_for(profile)).establish(channel)
    result = authenticate_active(secure, files[dg_fid(15)])
    sent = [(c[:4].hex().upper(), c[4] == 0x00) for c, _ in log if c[1] == 0x88]  # Lc 00 xx xx: extended
    assert [h for h, _ in sent] == outer
    if not card_options:
        assert result.passed and sent[0][1]
    else:
        # the virtual card cannot send 61xx: a short reader cannot carry the protected 2048-bit signature
        assert result.performed and not result.passed and "6700" in result.reason
        assert [e for _, e in sent] == [True, False]


def test_broken_secure_messaging_is_reported_as_an_ended_session(genuine):
    keys = genuine[2]
    profile, files, _ = genuine
    card = VirtualCard(files, access_key_for(profile), chip_keys=ChipKeys.from_test_keys(keys))
    secure = session(card, profile)
    card.corrupt_mac = True  # from now on the card's protected answers carry a wrong MAC
    result = authenticate_active(secure, files[dg_fid(15)])
    assert result.performed and not result.passed and result.session_ended and secure.closed

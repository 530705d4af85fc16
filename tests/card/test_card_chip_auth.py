"""Chip authentication (DG14) against the virtual card over BAC: ECDH and DH, 3DES (MSE:Set KAT) and AES
(MSE:Set AT + GENERAL AUTHENTICATE), key ids, clones, and what goes over the wire."""

from __future__ import annotations

import warnings

import pytest
from asn1crypto import core
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.card import tlv
from drivers.card.apdu import CommandAPDU
from drivers.card.bac import BAC
from drivers.card.chip_auth import (ChipAuthResult, authenticate_chip,
                                    choose_chip_authentication, decode_public, encode_public, ephemeral_key,
                                    shared_secret)
from drivers.card.errors import ParseError, SecureMessagingError
from drivers.card.files import EF_COM, FileReader, dg_fid, select_aid
from drivers.card.security_infos import ID_PK_DH, ID_PK_ECDH, decode_protocol
from drivers.card.signatures import UnsupportedKey
from drivers.card.virtual.card import EMRTD_AID, VirtualCard
from drivers.card.virtual.chip import ChipKeys
from drivers.card.virtual.files import load_test_keys
from drivers.card.virtual.profile import load_profile
from tests.card.card_helpers import PROFILES, access_key_for, channel_for

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CA = "0.4.0.127.0.7.2.2.3"
ECDH_3DES, ECDH_AES128, ECDH_AES192, ECDH_AES256 = (f"{CA}.2.{n}" for n in (1, 2, 3, 4))
DH_3DES, DH_AES128 = f"{CA}.1.1", f"{CA}.1.2"

# RFC 5114 §2.3: 2048-bit MODP group with a 256-bit prime order subgroup (one of ICAO's standard DH groups)
RFC5114_P = int(
    "87A8E61DB4B6663CFFBBD19C651959998CEEF608660DD0F25D2CEED4435E3B00E00DF8F1D61957D4FAF7DF4561B2AA30"
    "16C3D91134096FAA3BF4296D830E9A7C209E0C6497517ABD5A8A9D306BCF67ED91F9E6725B4758C022E0B1EF4275BF7B"
    "6C5BFC11D45F9088B941F54EB1E59BB8BC39A0BF12307F5C4FDB70C581B23F76B63ACAE1CAA6B7902D52526735488A0E"
    "F13C6D9A51BFA4AB3AD8347796524D8EF6A167B5A41825D967E144E5140564251CCACB83E6B486F6B3CA3F7971506026"
    "C0B857F689962856DED4010ABD0BE621C3A3960A54E710C375F26375D7014103A4B54330C198AF126116D2276E11715F"
    "693877FAD7EF09CADB094AE91E1A1597", 16)
RFC5114_G = int(
    "3FB32C9B73134D0B2E77506660EDBD484CA7B18F21EF205407F4793A1A0BA12510DBC15077BE463FFF4FED4AAC0BB555"
    "BE3A6C1B0C6B47B1BC3773BF7E8C6F62901228F8C28CBB18A55AE31341000A650196F931C77A57F2DDF463E5E9EC144B"
    "777DE62AAAB8A8628AC376D282D6ED3864E67982428EBC831D14348F6F2F9193B5045AF2767164E1DFC967C1FB3F2E55"
    "A4BD1BFFE83B9C80D052B985D182EA0ADB2A3B7313D3FE14C8484B1E052588B9B7D2BBD2DF016199ECD06E1557CD0915"
    "B3353BBB64E0EC377FD028370DF92B52C7891428CDC67EB6184B523D1DB246C32F63078490F00EF8D647D148D4795451"
    "5E2327CFEF98C582664B4C0F6CC41659", 16)
RFC5114_Q = int("8CF83642A709A097B447997640129DA299B1A47D1EB3750BA308B0FE64F5FBD3", 16)


def dh_private_key():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from cryptography.hazmat.primitives.asymmetric import dh
        return dh.DHParameterNumbers(RFC5114_P, RFC5114_G, RFC5114_Q).parameters().generate_private_key()


# ---------------------------------------------------------------- DG14 as a card issuer writes it


def oid(dotted: str) -> bytes:
    return core.ObjectIdentifier(dotted).dump()


def integer(value: int) -> bytes:
    return tlv.encode(0x02, tlv.encode_int(value))


def spki(private_key) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo)


def pk_info(private_key, key_id: int | None = None) -> bytes:
    kind = ID_PK_ECDH if isinstance(private_key, ec.EllipticCurvePrivateKey) else ID_PK_DH
    return tlv.encode(0x30, oid(kind) + spki(private_key) + (integer(key_id) if key_id is not None else b""))


def ca_info(protocol: str, key_id: int | None = None, version: int = 1) -> bytes:
    return tlv.encode(0x30, oid(protocol) + integer(version) + (integer(key_id) if key_id is not None else b""))


def dg14(*infos: bytes) -> bytes:
    return tlv.encode(0x6E, tlv.encode(0x31, b"".join(infos)))


# ---------------------------------------------------------------- wiring


@pytest.fixture(scope="module")
def genuine(key_folder):
    profile = load_profile(PROFILES[0])
    return profile, VirtualCard.from_profile(profile, key_folder).files, load_test_keys(key_folder)


def open_session(card: VirtualCard, profile, log: list | None = None):
    channel = channel_for(card)
    if log is not None:
        channel.on_exchange = lambda command, response, seconds: log.append(command)
    select_aid(channel, EMRTD_AID)
    return BAC(access_key_for(profile)).establish(channel)


def card_with(genuine, dg14_file: bytes | None, chip_keys: ChipKeys | None, **options) -> VirtualCard:
    profile, files, _ = genuine
    files = dict(files)
    if dg14_file is not None:
        files[dg_fid(14)] = dg14_file
    return VirtualCard(files, access_key_for(profile), chip_keys=chip_keys, **options)


def authenticate(genuine, card: VirtualCard, log: list | None = None):
    secure = open_session(card, genuine[0], log)
    return secure, *authenticate_chip(secure, card.files[dg_fid(14)])


# ---------------------------------------------------------------- the genuine card


def test_genuine_card_ecdh_aes_passes_and_files_read_over_the_new_keys(genuine):
    profile, files, keys = genuine
    log: list = []
    card = card_with(genuine, None, ChipKeys.from_test_keys(keys))
    old, channel, result = authenticate(genuine, card, log)
    assert result == ChipAuthResult(True, True, "CA-ECDH-AES-128", None,
                                    "the chip proved it holds the private key of DG14", False)
    assert old.closed and not channel.closed and channel.sm.cipher.name == "AES"
    assert channel.inner is old.inner
    assert FileReader(channel).read_file(dg_fid(1)) == files[dg_fid(1)]
    with pytest.raises(SecureMessagingError):
        old.transmit(CommandAPDU(0x00, 0xA4, 0x02, 0x0C, b"\x01\x01"))


def test_commands_of_chip_authentication_go_out_protected(genuine):
    card = card_with(genuine, None, ChipKeys.from_test_keys(genuine[2]))
    log: list = []
    authenticate(genuine, card, log)
    after_bac = log[log.index(next(c for c in log if c[1] == 0x82)) + 1:]
    assert [c[:4].hex().upper() for c in after_bac] == ["0C2241A4", "0C860000", "0CA4020C"]
    # nothing travels in clear: the data of each command is secure-messaging objects only
    for raw in after_bac:
        assert {obj.tag for obj in tlv.decode_all(CommandAPDU.from_bytes(raw).data)} <= {0x85, 0x87, 0x97, 0x8E}


@pytest.mark.parametrize("protocol,curve,cipher", [
    (ECDH_3DES, ec.BrainpoolP256R1(), "3DES"),
    (ECDH_AES128, ec.SECP256R1(), "AES"),
    (ECDH_AES192, ec.BrainpoolP384R1(), "AES"),
    (ECDH_AES256, ec.SECP521R1(), "AES"),
    (ECDH_AES256, ec.BrainpoolP512R1(), "AES"),
])
def test_ecdh_protocols(genuine, protocol, curve, cipher):
    key = ec.generate_private_key(curve)
    log: list = []
    card = card_with(genuine, dg14(pk_info(key), ca_info(protocol)), ChipKeys(ca_key=key))
    _, channel, result = authenticate(genuine, card, log)
    assert result.passed and result.protocol == decode_protocol(protocol).name, result.reason
    assert channel.sm.cipher.name == cipher
    mse = [c[:4].hex().upper() for c in log if c[1] == 0x22]
    assert mse == (["0C2241A6"] if cipher == "3DES" else ["0C2241A4"])
    assert FileReader(channel).read_file(dg_fid(13)) == card.files[dg_fid(13)]


@pytest.mark.parametrize("protocol", [DH_3DES, DH_AES128])
def test_dh_protocols(genuine, protocol):
    key = dh_private_key()
    card = card_with(genuine, dg14(pk_info(key), ca_info(protocol)), ChipKeys(ca_key=key))
    _, channel, result = authenticate(genuine, card)
    assert result.passed and result.protocol.startswith("CA-DH-"), result.reason
    assert FileReader(channel).read_file(dg_fid(1)) == card.files[dg_fid(1)]


def test_key_agreement_both_sides_agree_for_dh_and_ecdh():
    for static in (dh_private_key(), ec.generate_private_key(ec.BrainpoolP256R1())):
        ephemeral = ephemeral_key(static.public_key())
        terminal = shared_secret(ephemeral, static.public_key())
        card = shared_secret(static, decode_public(static, encode_public(ephemeral.public_key())))
        assert terminal == card and len(terminal) in (32, 256)
    with pytest.raises(ValueError):  # a DH value outside the group is refused by the card side
        decode_public(dh_private_key(), (RFC5114_P - 1).to_bytes(256, "big"))
    with pytest.raises(ValueError):
        decode_public(ec.generate_private_key(ec.SECP256R1()), b"\x04" + bytes(64))


def test_ephemeral_key_from_a_random_source_is_reproducible():
    static = ec.generate_private_key(ec.SECP256R1()).public_key()
    same = [encode_public(ephemeral_key(static, lambda n: b"\x42" * n).public_key()) for _ in range(2)]
    assert same[0] == same[1]


def test_key_ids_are_sent_and_checked(genuine):
    key = ec.generate_private_key(ec.BrainpoolP256R1())
    other = ec.generate_private_key(ec.BrainpoolP256R1())
    file = dg14(pk_info(other, 3), pk_info(key, 7), ca_info(ECDH_AES128, 7))
    card = card_with(genuine, file, ChipKeys(ca_key=key, ca_key_id=7))
    _, channel, result = authenticate(genuine, card)
    assert result.passed and result.key_id == 7


def test_chip_refusing_the_key_reference_leaves_the_session_usable(genuine):
    key = ec.generate_private_key(ec.BrainpoolP256R1())
    file = dg14(pk_info(key, 7), ca_info(ECDH_AES128, 7))
    card = card_with(genuine, file, ChipKeys(ca_key=key, ca_key_id=8))  # the chip knows its key as 8
    old, channel, result = authenticate(genuine, card)
    assert result.performed and not result.passed and not result.session_ended
    assert "6A88" in result.reason and channel is old
    assert FileReader(channel).read_file(dg_fid(1)) == card.files[dg_fid(1)]


def test_strongest_protocol_is_chosen(genuine):
    key = ec.generate_private_key(ec.SECP384R1())
    file = dg14(pk_info(key), ca_info(ECDH_3DES), ca_info(ECDH_AES256), ca_info(ECDH_AES128), ca_info(f"{CA}.9.9"))
    assert choose_chip_authentication(file).protocol.name == "CA-ECDH-AES-256"


def test_old_dg14_without_chip_authentication_info_means_3des(genuine):
    key = ec.generate_private_key(ec.BrainpoolP256R1())
    card = card_with(genuine, dg14(pk_info(key)), ChipKeys(ca_key=key))
    _, _, result = authenticate(genuine, card)
    assert result.passed and result.protocol == "CA-ECDH-3DES"


# ---------------------------------------------------------------- clones and unusable files


@pytest.mark.parametrize("protocol", [ECDH_AES128, ECDH_3DES])
def test_cloned_chip_fails_and_the_caller_starts_again(genuine, protocol):
    profile = genuine[0]
    keys = genuine[2]
    file = dg14(pk_info(keys.ca_key), ca_info(protocol))
    card = card_with(genuine, file, ChipKeys.from_test_keys(keys), cloned=True)
    _, channel, result = authenticate(genuine, card)
    assert result.performed and not result.passed and result.session_ended
    assert "could not prove" in result.reason and "copied" in result.reason
    assert channel.closed
    # what the caller does next: access control again, read without chip authentication
    again = open_session(card, profile)
    assert FileReader(again).read_file(EF_COM) == card.files[EF_COM]


def test_nothing_usable_in_dg14_is_not_performed(genuine):
    card = card_with(genuine, None, ChipKeys.from_test_keys(genuine[2]))
    secure = open_session(card, genuine[0])
    sent = card.commands
    for file, words in [
        (b"\x6E\x03\x31\x01", "DG14 cannot be read"),
        (dg14(ca_info(ECDH_AES128)), "no chip authentication public key"),
        (dg14(pk_info(ec.generate_private_key(ec.SECP256R1())), ca_info(f"{CA}.2.9")), "not supported"),
        (dg14(pk_info(ec.generate_private_key(ec.SECP256R1()), 1), pk_info(ec.generate_private_key(ec.SECP256R1()), 2),
              ca_info(ECDH_AES128)), "does not say which"),
        (dg14(pk_info(ec.generate_private_key(ec.SECP256R1()), 1), ca_info(ECDH_AES128, 2)), "names key 2"),
        (dg14(pk_info(ec.generate_private_key(ec.SECP256R1())), ca_info(DH_AES128)), "does not fit"),
    ]:
        channel, result = authenticate_chip(secure, file)
        assert channel is secure and not result.performed and not result.passed, words
        assert words in result.reason
    assert card.commands == sent and not secure.closed


def test_result_carries_no_key_material(genuine):
    card = card_with(genuine, None, ChipKeys.from_test_keys(genuine[2]))
    _, channel, result = authenticate(genuine, card)
    assert repr(ChipKeys.from_test_keys(genuine[2])) == "ChipKeys(<hidden>)"
    assert channel.sm.cipher.k_enc.hex() not in repr(result)


# ---------------------------------------------------------------- DG14 garbage


@SETTINGS
@given(st.binary(max_size=300))
def test_choose_raises_only_parse_error_or_unsupported_key(data):
    for candidate in (data, tlv.encode(0x6E, data)):
        try:
            choose_chip_authentication(candidate)
        except (ParseError, UnsupportedKey):
            pass


@SETTINGS
@given(st.data())
def test_choose_on_mutated_dg14(genuine, data):
    raw = bytearray(genuine[1][dg_fid(14)])
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    try:
        choose_chip_authentication(bytes(raw))
    except (ParseError, UnsupportedKey):
        pass


# ---------------------------------------------------------------- keys as real documents write them


def explicit_spki(private_key) -> bytes:
    """The public key with its curve spelled out (explicit domain parameters), as many DG14s carry it."""
    from asn1crypto import keys as akeys

    from drivers.card.ecc import STANDARD_CURVES

    known = next(c for c in STANDARD_CURVES.values() if c.name == private_key.curve.name)
    size = (known.p.bit_length() + 7) // 8
    parameters = akeys.ECDomainParameters({"specified": {
        "version": "ecdpVer1",
        "field_id": {"field_type": "prime_field", "parameters": known.p},
        "curve": {"a": known.a.to_bytes(size, "big"), "b": known.b.to_bytes(size, "big")},
        "base": b"\x04" + known.gx.to_bytes(size, "big") + known.gy.to_bytes(size, "big"),
        "order": known.n,
        "cofactor": 1,
    }})
    point = private_key.public_key().public_bytes(serialization.Encoding.X962,
                                                  serialization.PublicFormat.UncompressedPoint)
    return akeys.PublicKeyInfo({"algorithm": {"algorithm": "ec", "parameters": parameters},
                                "public_key": point}).dump()


def test_key_with_explicit_domain_parameters(genuine):
    key = ec.generate_private_key(ec.BrainpoolP256R1())
    info = tlv.encode(0x30, oid(ID_PK_ECDH) + explicit_spki(key))
    card = card_with(genuine, dg14(info, ca_info(ECDH_AES128)), ChipKeys(ca_key=key))
    _, channel, result = authenticate(genuine, card)
    assert result.passed, result.reason
    assert FileReader(channel).read_file(dg_fid(1)) == card.files[dg_fid(1)]


def test_active_authentication_after_chip_authentication_over_aes(genuine):
    from drivers.card.active_auth import authenticate_active

    profile, files, keys = genuine
    card = card_with(genuine, None, ChipKeys.from_test_keys(keys))
    _, channel, result = authenticate(genuine, card)
    assert result.passed and channel.sm.cipher.name == "AES"
    assert authenticate_active(channel, files[dg_fid(15)], dg14=files[dg_fid(14)]).passed
    assert FileReader(channel).read_file(dg_fid(13)) == files[dg_fid(13)]


# ---------------------------------------------------------------- through pcscd and vpcd


@pytest.mark.station
@pytest.mark.parametrize("cloned", [False, True], ids=["genuine", "cloned"])
def test_chip_and_active_authentication_through_pcscd(cloned, station, station_config):
    from drivers.card.active_auth import authenticate_active
    from drivers.card.apdu import ApduChannel
    from drivers.card.pcsc import PcscConnection
    from tests.helpers.cards import READER, InsertedCard

    profile = load_profile(PROFILES[0])
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys", cloned=cloned)
    with InsertedCard(card):
        with PcscConnection(READER) as connection:
            channel = ApduChannel(connection)
            select_aid(channel, EMRTD_AID)
            secure = BAC(access_key_for(profile)).establish(channel)
            dg14_file, dg15_file = (FileReader(secure).read_file(dg_fid(n)) for n in (14, 15))
            active = authenticate_active(secure, dg15_file, dg14=dg14_file)  # before CA: it may end the session
            secure, chip = authenticate_chip(secure, dg14_file)
            if chip.passed:
                dg1 = FileReader(secure).read_file(dg_fid(1))
    assert (active.passed, chip.passed, chip.session_ended) == ((False, False, True) if cloned else (True, True, False))
    if not cloned:
        assert dg1 == card.files[dg_fid(1)]


# ---------------------------------------------------------------- the card side on garbage


_WRAPPINGS = (  # garbage inside the objects each step expects
    lambda b: tlv.encode(0x7C, tlv.encode(0x80, b)),
    lambda b: tlv.encode(0x91, b),
    lambda b: tlv.encode(0x80, b),
    lambda b: tlv.encode(0x91, b"\x04" + b) + tlv.encode(0x84, b[:2]),
)


@SETTINGS
@given(st.one_of(st.binary(max_size=200), *(st.binary(max_size=300).map(wrap) for wrap in _WRAPPINGS)),
       st.sampled_from(["kat", "at", "ga"]), st.booleans())
def test_virtual_chip_answers_garbage_with_a_status_word(genuine, data, step, use_dh):
    from drivers.card.virtual.chip import _KeyAgreementStep

    key = _DH_KEY if use_dh else _EC_KEY
    card = card_with(genuine, None, ChipKeys(ca_key=key))
    command = CommandAPDU(0x00, 0x86 if step == "ga" else 0x22, 0x41, 0xA6 if step == "kat" else 0xA4, data)
    if step == "ga":
        from drivers.card.security_infos import decode_protocol as suite
        answer = _KeyAgreementStep(card.chip, suite(DH_AES128 if use_dh else ECDH_AES128)).general_authenticate(
            command, True)
    else:
        answer = card.chip.set_kat(command, True) if step == "kat" else card.chip.set_at(command, True)
    assert answer.sw in (0x9000, 0x6A80, 0x6A88, 0x6884)
    assert (answer.sw == 0x9000) == (card.sm_after_response is not None or card.authentication is not None)


_EC_KEY = ec.generate_private_key(ec.BrainpoolP256R1())
_DH_KEY = dh_private_key()

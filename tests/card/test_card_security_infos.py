"""SecurityInfos parsing (EF.CardAccess, DG14) and the PACE/CA protocol OID decoder."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.card import tlv
from drivers.card.errors import ParseError
from drivers.card.security_infos import (ID_AA, ID_PK_ECDH, decode_protocol, oid_to_bytes, oid_to_str,
                                         parse_security_infos)
from drivers.card.virtual.files import card_access

H = bytes.fromhex

# EF.CardAccess of a German identity card test sample (PACE, CA domain parameters, CA, TA, a
# proprietary info); trailing bytes after the SET are part of the file as read and ignored
GERMAN_CARD_ACCESS = H(
    "318182300D060804007F00070202020201023012060A04007F000702020302020201020201413012060A04007F00070202"
    "04020202010202010D301C060904007F000702020302300C060704007F0007010202010D020141302B060804007F000702"
    "0206161F655041202D2042447220476D6248202D20546573746B617274652076322E3004491715411928800A01B421FA07"
    "000000000000000000000000000000000000201010291010")


def _info(oid: str, *parts: bytes) -> bytes:
    return tlv.encode(0x30, tlv.encode(0x06, oid_to_bytes(oid)) + b"".join(parts))


def _int(value: int) -> bytes:
    return tlv.encode(0x02, tlv.encode_int(value))


def test_virtual_card_access_offers_pace_gm_aes128_on_brainpool_p256r1():
    infos = parse_security_infos(card_access())
    assert len(infos.pace) == 1
    info = infos.pace[0]
    assert (info.oid, info.version, info.parameter_id) == ("0.4.0.127.0.7.2.2.4.2.2", 2, 13)
    suite = info.suite
    assert (suite.family, suite.agreement, suite.mapping, suite.cipher, suite.key_length) == (
        "PACE", "ECDH", "GM", "AES-128", 16)
    assert suite.name == "PACE-ECDH-GM-AES-128"


def test_multi_info_card_access():
    infos = parse_security_infos(GERMAN_CARD_ACCESS)
    assert [(i.oid, i.parameter_id) for i in infos.pace] == [("0.4.0.127.0.7.2.2.4.2.2", 13)]
    assert [(i.oid, i.version, i.key_id) for i in infos.chip_authentication] == [("0.4.0.127.0.7.2.2.3.2.2", 2, 65)]
    assert [(i.oid, i.version) for i in infos.terminal_authentication] == [("0.4.0.127.0.7.2.2.2", 2)]
    # the CA domain parameter info and the proprietary info are kept by OID
    assert [u.oid for u in infos.unknown] == ["0.4.0.127.0.7.2.2.3.2", "0.4.0.127.0.7.2.2.6"]


def test_every_kind_of_info_and_the_dg14_wrapper():
    spki = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    explicit = tlv.encode(0x30, tlv.encode(0x06, oid_to_bytes("1.2.840.10045.2.1")) + tlv.encode(0x06, b"\x2b\x24"))
    body = b"".join([
        _info("0.4.0.127.0.7.2.2.4.2.4", _int(2), _int(16)),  # PACE ECDH GM AES-256, brainpoolP384r1
        _info("0.4.0.127.0.7.2.2.4.4.2", _int(2)),  # PACE ECDH IM AES-128, no parameter id
        _info("0.4.0.127.0.7.2.2.4.2", explicit, _int(31)),  # PACEDomainParameterInfo
        _info(ID_PK_ECDH, spki, _int(7)),
        _info("0.4.0.127.0.7.2.2.3.2.4", _int(1), _int(7)),
        _info(ID_AA, _int(1), tlv.encode(0x06, oid_to_bytes("1.2.840.10045.4.3.2"))),
        _info("0.4.0.127.0.7.2.2.2", _int(1), tlv.encode(0x30, tlv.encode(0x04, b"\x01\x1C"))),
        _info("2.23.136.1.1.6", _int(1)),  # something this parser does not decode
    ])
    for data in (tlv.encode(0x31, body), tlv.encode(0x6E, tlv.encode(0x31, body))):
        infos = parse_security_infos(data)
        assert [(p.oid, p.parameter_id) for p in infos.pace] == [
            ("0.4.0.127.0.7.2.2.4.2.4", 16), ("0.4.0.127.0.7.2.2.4.4.2", None)]
        assert infos.pace[1].suite.mapping == "IM"
        assert infos.pace_domain_parameters[0].domain_parameter == explicit
        assert infos.pace_domain_parameters[0].parameter_id == 31
        key = infos.chip_authentication_keys[0]
        assert (key.oid, key.subject_public_key_info, key.key_id) == (ID_PK_ECDH, spki, 7)
        assert "subject_public_key_info" not in repr(key)
        assert (infos.chip_authentication[0].suite.cipher, infos.chip_authentication[0].key_id) == ("AES-256", 7)
        assert infos.active_authentication[0].signature_algorithm == "1.2.840.10045.4.3.2"
        assert infos.terminal_authentication[0].ef_cvca == tlv.encode(0x30, tlv.encode(0x04, b"\x01\x1C"))
        assert [u.oid for u in infos.unknown] == ["2.23.136.1.1.6"]


@pytest.mark.parametrize("oid, expected", [
    ("0.4.0.127.0.7.2.2.4.1.1", ("PACE", "DH", "GM", "3DES", 16)),
    ("0.4.0.127.0.7.2.2.4.2.3", ("PACE", "ECDH", "GM", "AES-192", 24)),
    ("0.4.0.127.0.7.2.2.4.3.4", ("PACE", "DH", "IM", "AES-256", 32)),
    ("0.4.0.127.0.7.2.2.4.6.2", ("PACE", "ECDH", "CAM", "AES-128", 16)),
    ("0.4.0.127.0.7.2.2.3.1.1", ("CA", "DH", None, "3DES", 16)),
    ("0.4.0.127.0.7.2.2.3.2.4", ("CA", "ECDH", None, "AES-256", 32)),
])
def test_protocol_decoder(oid, expected):
    suite = decode_protocol(oid)
    assert (suite.family, suite.agreement, suite.mapping, suite.cipher, suite.key_length) == expected


@pytest.mark.parametrize("oid", ["0.4.0.127.0.7.2.2.4.2", "0.4.0.127.0.7.2.2.4.2.9", "2.23.136.1.1.5",
                                 "0.4.0.127.0.7.2.2.4.5.2"])
def test_protocol_decoder_leaves_other_oids(oid):
    assert decode_protocol(oid) is None


def test_oid_encoding_round_trip():
    assert oid_to_bytes("0.4.0.127.0.7.2.2.4.2.2") == H("04007F00070202040202")
    assert oid_to_str(H("2A864886F70D010101")) == "1.2.840.113549.1.1.1"
    assert oid_to_str(oid_to_bytes("2.999.1")) == "2.999.1"


@pytest.mark.parametrize("data", [GERMAN_CARD_ACCESS[:133], card_access()])
def test_every_truncation_is_a_parse_error(data):
    for cut in range(len(data)):
        with pytest.raises(ParseError):
            parse_security_infos(data[:cut])


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (tlv.encode(0x30, b""), "SET"),
    (tlv.encode(0x31, tlv.encode(0x02, b"\x01")), "SEQUENCE"),
    (tlv.encode(0x31, tlv.encode(0x30, tlv.encode(0x02, b"\x01"))), "OBJECT IDENTIFIER"),
    (tlv.encode(0x31, _info("0.4.0.127.0.7.2.2.4.2.2")), "missing"),
    (tlv.encode(0x31, _info("0.4.0.127.0.7.2.2.4.2.2", tlv.encode(0x04, b"\x02"))), "INTEGER"),
    (tlv.encode(0x31, tlv.encode(0x30, tlv.encode(0x06, b"\x2b\x86"))), "truncated object identifier"),
])
def test_malformed_infos_say_what_is_wrong(data, words):
    with pytest.raises(ParseError, match=words):
        parse_security_infos(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_fuzz_random_bytes_only_parse_error(data):
    try:
        parse_security_infos(data)
    except ParseError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 132), st.integers(0, 255))
def test_fuzz_mutated_card_access_only_parse_error(position, value):
    data = bytearray(GERMAN_CARD_ACCESS[:133])
    data[position] = value
    try:
        parse_security_infos(bytes(data))
    except ParseError:
        pass

"""Secure messaging: AES known answers, key derivation, round trips both ways, MAC failures."""

from __future__ import annotations

import hashlib

import pytest

from drivers.card.apdu import ApduChannel, CommandAPDU, ResponseAPDU
from drivers.card.errors import SecureMessagingError
from drivers.card.mrz import AccessKey
from drivers.card.sm import (KDF_ENC, KDF_MAC, KDF_PACE, AESCipher, SecureChannel, SecureMessaging,
                             TDESCipher, cipher_from_secret, kdf, max_plaintext, pad,
                             protected_response_size, unpad)
from tests.card.card_helpers import ScriptedTransport

H = bytes.fromhex



def test_aes256_known_answer_read_ef_com():
    """AES-256 session reading EF.COM (vector from gmrtd's iso7816 tests)."""
    script = [
        ("0CA4020C1D8711011D35E7EB510E21A0DD12380D9AD2B92D8E0828CB68B81D3FAFC000",
         "990290008E08E083EAA61ADABFCE9000"),
        ("0CB000000D9701048E084AFC933E0CDBE5F000",
         "871101D8059A9CF835105082CA2B1837E4AEC0990290008E08B36DB56761D706BB9000"),
        ("0CB000040D9701168E0811F7EFC907D1F27400",
         "87210142E919C115FAF69350B01813D77A9E8D91912A7F717AFD073F199070E61B79C699029000"
         "8E083382E3D983F441369000"),
    ]
    cipher = AESCipher(H("74B94F408BBB2CD92571FD5B6370A94CCE7A2FA42AE3EB4DA47B97CE6EAA24C6"),
                       H("9E28D5D9FF1D979BE752E8926BF0E1D35A440FC0AEFC4AA3BC5610055AC8B113"))
    sm = SecureMessaging(cipher, H("00000000000000000000000000000020"))
    transport = ScriptedTransport(script, supports_extended=True)
    channel = SecureChannel(ApduChannel(transport), sm)
    channel.transmit(CommandAPDU(0x00, 0xA4, 0x02, 0x0C, H("011E"))).check()
    data = channel.transmit(CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=4)).check().data
    data += channel.transmit(CommandAPDU(0x00, 0xB0, 0x00, 0x04, le=0x16)).check().data
    assert data == H("60185F0104303130385F36063034303030305C06617563766D6E")
    assert sm.ssc == H("00000000000000000000000000000026")
    assert not transport.script


def test_pace_kdf_known_answers():
    """ICAO 9303-11 Appendix G (PACE ECDH GM): session keys from K, and K-pi from the MRZ."""
    shared = H("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925")
    assert kdf(shared, KDF_ENC, "AES-128") == H("F5F0E35C0D7161EE6724EE513A0D9A7F")
    assert kdf(shared, KDF_MAC, "AES-128") == H("FE251C7858B356B24514B3BD5F4297D1")
    mrz_info = AccessKey("T22000129", "640812", "101031").mrz_information
    password = hashlib.sha1(mrz_info.encode()).digest()
    assert kdf(password, KDF_PACE, "AES-128") == H("89DED1B26624EC1E634C1989302849DD")


def test_kdf_key_lengths_and_hashes():
    secret = b"\x01" * 20
    assert len(kdf(secret, 1, "AES-192")) == 24
    assert kdf(secret, 1, "AES-192") == hashlib.sha256(secret + b"\x00\x00\x00\x01").digest()[:24]
    assert kdf(secret, 1, "AES-256") == hashlib.sha256(secret + b"\x00\x00\x00\x01").digest()
    assert kdf(secret, 2, "AES-128") == hashlib.sha1(secret + b"\x00\x00\x00\x02").digest()[:16]
    with pytest.raises(ValueError):
        kdf(secret, 1, "RC4")


def test_padding():
    assert pad(b"", 8) == H("8000000000000000")
    assert pad(b"\x01" * 8, 8) == b"\x01" * 8 + H("8000000000000000")
    assert unpad(pad(b"abc", 16)) == b"abc"
    with pytest.raises(SecureMessagingError):
        unpad(b"\x00" * 8)


def _pair(cipher_name: str, ssc: int = 0):
    secret = bytes(range(24))
    return (SecureMessaging(cipher_from_secret(secret, cipher_name), ssc),
            SecureMessaging(cipher_from_secret(secret, cipher_name), ssc))


COMMANDS = [
    CommandAPDU(0x00, 0xA4, 0x02, 0x0C, H("0101")),
    CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=8),
    CommandAPDU(0x00, 0xB0, 0x12, 0x34, le=256),
    CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=4000),
    CommandAPDU(0x00, 0xB1, 0x00, 0x00, H("5403008000"), le=1000),
    CommandAPDU(0x00, 0x22, 0x41, 0xA4, bytes(300)),
]


@pytest.mark.parametrize("cipher_name", ["3DES", "AES-128", "AES-192", "AES-256"])
def test_round_trip_terminal_card_terminal(cipher_name):
    terminal, card = _pair(cipher_name, ssc=5)
    for i, command in enumerate(COMMANDS):
        protected = terminal.protect(command)
        assert protected.cla & 0x0C == 0x0C
        # what goes over the wire parses back to the same protected command
        wire = CommandAPDU.from_bytes(protected.to_bytes())
        inner = card.unprotect_command(wire)
        assert (inner.ins, inner.p1, inner.p2, inner.data, inner.le) == (
            command.ins, command.p1, command.p2, command.data, command.le)
        payload = bytes([i]) * (i * 37)
        response = card.protect_response(ResponseAPDU(payload, 0x9000), odd_ins=bool(command.ins & 1))
        assert terminal.unprotect(ResponseAPDU.from_bytes(response.to_bytes())) == ResponseAPDU(payload, 0x9000)
    assert terminal.ssc == card.ssc


def test_wrong_mac_in_response_raises_and_closes_channel():
    terminal, card = _pair("AES-128")

    class Card:
        supports_extended = True

        def transmit(self, raw: bytes) -> bytes:
            card.unprotect_command(CommandAPDU.from_bytes(raw))
            response = bytearray(card.protect_response(ResponseAPDU(b"data", 0x9000)).to_bytes())
            response[-3] ^= 0x01  # last byte of the MAC
            return bytes(response)

    channel = SecureChannel(ApduChannel(Card()), terminal)
    with pytest.raises(SecureMessagingError):
        channel.transmit(CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=4))
    with pytest.raises(SecureMessagingError):
        channel.transmit(CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=4))


def test_response_without_mac_is_rejected():
    terminal, _ = _pair("3DES")
    terminal.protect(CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=4))
    with pytest.raises(SecureMessagingError):
        terminal.unprotect(ResponseAPDU(H("8709019FF0EC34F992265199029000"), 0x9000))
    with pytest.raises(SecureMessagingError):
        terminal.unprotect(ResponseAPDU(b"", 0x9000))


def test_bare_error_status_passes_and_sm_errors_end_session():
    terminal, _ = _pair("3DES")
    assert terminal.unprotect(ResponseAPDU(b"", 0x6A82)).sw == 0x6A82
    with pytest.raises(SecureMessagingError):
        terminal.unprotect(ResponseAPDU(b"", 0x6988))


def test_card_rejects_tampered_command():
    terminal, card = _pair("3DES")
    raw = bytearray(terminal.protect(CommandAPDU(0x00, 0xA4, 0x02, 0x0C, H("011E"))).to_bytes())
    raw[2] ^= 0x01  # P1 is covered by the MAC
    with pytest.raises(SecureMessagingError):
        card.unprotect_command(CommandAPDU.from_bytes(bytes(raw)))


def test_max_plaintext_fits_short_response():
    assert max_plaintext(256, 8) == 231
    assert max_plaintext(256, 16) == 223
    for block in (8, 16):
        n = max_plaintext(256, block)
        assert protected_response_size(n, block) <= 256 < protected_response_size(n + 1, block)
        # and the real wrapping agrees with the computed size
        card = SecureMessaging(TDESCipher(b"k" * 16, b"m" * 16) if block == 8 else AESCipher(b"k" * 16, b"m" * 16))
        assert len(card.protect_response(ResponseAPDU(b"x" * n, 0x9000)).data) == protected_response_size(n, block)

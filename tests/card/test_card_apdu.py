"""Command/response APDUs, 61xx/6Cxx handling, status word errors, TLV."""

from __future__ import annotations

import pytest

from drivers.card import tlv
from drivers.card.apdu import ApduChannel, CommandAPDU, ResponseAPDU, check
from drivers.card.errors import ParseError, StatusWordError, describe_sw

H = bytes.fromhex


@pytest.mark.parametrize("command, encoded", [
    (CommandAPDU(0x00, 0xA4, 0x04, 0x0C, H("A0000002471001")), "00A4040C07A0000002471001"),
    (CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=4), "00B0000004"),
    (CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=256), "00B0000000"),
    (CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=257), "00B00000000101"),
    (CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=65536), "00B00000000000"),
    (CommandAPDU(0x00, 0x82, 0x00, 0x00, H("0102"), le=40), "0082000002010228"),
    (CommandAPDU(0x00, 0x82, 0x00, 0x00, H("0102"), le=65536), "00820000000002010200 00".replace(" ", "")),
    (CommandAPDU(0x00, 0x20, 0x00, 0x00), "00200000"),
])
def test_encoding_and_parsing(command, encoded):
    assert command.to_bytes().hex().upper() == encoded.upper()
    parsed = CommandAPDU.from_bytes(H(encoded))
    assert (parsed.data, parsed.le) == (command.data, command.le)


def test_extended_data():
    c = CommandAPDU(0x00, 0xD6, 0x00, 0x00, bytes(300))
    raw = c.to_bytes()
    assert raw[4:7] == H("00012C") and len(raw) == 307
    assert CommandAPDU.from_bytes(raw).data == bytes(300)


def test_bad_command_bytes():
    for raw in (b"", b"\x00\xa4", H("00A4040C05AA"), H("00B000000001")):
        with pytest.raises(ParseError):
            CommandAPDU.from_bytes(raw)


class Scripted:
    supports_extended = None

    def __init__(self, answers):
        self.answers = list(answers)
        self.sent = []

    def transmit(self, raw):
        self.sent.append(raw.hex().upper())
        return H(self.answers.pop(0))


def test_get_response_chaining_and_trace():
    seen = []
    t = Scripted(["01026103", "0304056102", "06079000"])
    ch = ApduChannel(t, on_exchange=lambda c, r, s: seen.append((c, r)))
    r = ch.transmit(CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=7))
    assert r == ResponseAPDU(H("01020304050607"), 0x9000)
    assert t.sent == ["00B0000007", "00C0000003", "00C0000002"]
    assert len(seen) == 3 and ch.stats.commands == 3


def test_wrong_le_retry():
    t = Scripted(["6C05", "01020304059000"])
    r = ApduChannel(t).transmit(CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=8))
    assert r.data == H("0102030405") and t.sent == ["00B0000008", "00B0000005"]


def test_status_word_errors_are_plain_language():
    with pytest.raises(StatusWordError) as info:
        check(ResponseAPDU(b"secret", 0x6A82), command="SELECT file")
    assert info.value.sw == 0x6A82 and "file or application not found" in str(info.value)
    assert "secret" not in str(info.value)
    for sw, words in [(0x6282, "end of file"), (0x6700, "wrong length"), (0x6982, "security status"),
                      (0x6985, "conditions of use"), (0x6A86, "P1-P2"), (0x6B00, "offset"),
                      (0x6D00, "instruction not supported"), (0x6E00, "class not supported"),
                      (0x6C10, "16 bytes"), (0x63C2, "2 tries"), (0x9000, "ok")]:
        assert words in describe_sw(sw)


def test_tlv_round_trip_and_multibyte():
    data = tlv.encode(0x5F1F, b"x" * 300) + tlv.encode(0x7F61, tlv.encode(0x02, b"\x01"))
    objs = tlv.decode_all(data)
    assert [o.tag for o in objs] == [0x5F1F, 0x7F61]
    assert objs[0].value == b"x" * 300
    assert objs[1].children()[0].value == b"\x01"
    assert tlv.header_and_total_length(data[:8]) == (5, 305)
    assert tlv.encode_length(0x12345) == H("83012345")
    for bad in (H("5F"), H("6182"), H("61820100"), H("6105010203"), H("6180"), H("6185FFFFFFFFFF")):
        with pytest.raises(ParseError):
            tlv.decode_all(bad)
    assert "xxxx" not in repr(objs[0])


def test_trace_line_masks_data():
    from drivers.card.apdu import describe_exchange
    line = describe_exchange(H("00A4020C02011E"), H("0102039000"))
    assert line.startswith("00 A4 02 0C") and "SW 9000" in line and "010203" not in line

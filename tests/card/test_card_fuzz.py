"""Property tests: parsers fed random and mutated input raise ParseError or succeed, nothing else."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.card import dg13 as f
from drivers.card import tlv
from drivers.card.dg13 import encode_dg13, parse_dg13
from drivers.card.errors import ParseError
from drivers.card.lds import parse_com, parse_dg1
from drivers.card.mrz import build_td1_vn, parse_mrz
from drivers.card.virtual.files import ef_com

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SAMPLE_DG13 = encode_dg13({
    f.ID_NUMBER: "001089012345", f.FULL_NAME: "Nguyễn Văn Thử", f.BIRTH_DATE: "15/03/1989",
    f.PARENTS: ("Bố", "Mẹ"), f.SPOUSE: None, f.EXPIRY: "Không thời hạn",
}, parents_nested=True)
SAMPLE_MRZ = build_td1_vn("001089012345", "Nguyễn Văn Thử", date(1989, 3, 15), "Nam", date(2029, 3, 15))


def mutated(sample: bytes):
    @st.composite
    def strategy(draw):
        data = bytearray(sample)
        for _ in range(draw(st.integers(1, 6))):
            kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
            if not data:
                break
            at = draw(st.integers(0, len(data) - 1))
            if kind == "flip":
                data[at] = draw(st.integers(0, 255))
            elif kind == "cut":
                del data[at:]
            elif kind == "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=4))
            else:
                del data[at]
        return bytes(data)
    return strategy()


def _only_parse_error(fn, data):
    try:
        fn(data)
    except ParseError:
        pass


@SETTINGS
@given(st.binary(max_size=300))
def test_tlv_random(data):
    _only_parse_error(tlv.decode_all, data)
    _only_parse_error(tlv.header_and_total_length, data)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from([0x02, 0x30, 0x5F1F, 0x7F61, 0x9F8101]), st.binary(max_size=200)),
                max_size=5))
def test_tlv_round_trip(items):
    data = b"".join(tlv.encode(t, v) for t, v in items)
    assert [(o.tag, o.value) for o in tlv.decode_all(data)] == items


@SETTINGS
@given(st.one_of(st.binary(max_size=400), mutated(SAMPLE_DG13)))
def test_dg13_random_and_mutated(data):
    _only_parse_error(parse_dg13, data)


@SETTINGS
@given(st.one_of(st.text(max_size=120), mutated(SAMPLE_MRZ.encode()).map(lambda b: b.decode("latin-1"))))
def test_mrz_random_and_mutated(text):
    try:
        result = parse_mrz(text)
    except ParseError:
        return
    assert isinstance(result.failed, tuple)


@SETTINGS
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<", min_size=90, max_size=90))
def test_mrz_any_td1_shape_parses(text):
    result = parse_mrz("\n".join((text[:30], text[30:60], text[60:])))
    assert result.format == "TD1"


@SETTINGS
@given(st.one_of(mutated(ef_com()), mutated(tlv.encode(0x61, tlv.encode(0x5F1F, SAMPLE_MRZ.replace("\n", "").encode())))))
def test_com_and_dg1_mutated(data):
    _only_parse_error(parse_com, data)
    _only_parse_error(parse_dg1, data)


def _small_dg2() -> bytes:
    import io

    from PIL import Image

    from drivers.card.virtual.files import dg2
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 20, 30)).save(out, "JPEG")
    return dg2(out.getvalue())


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=200), mutated(_small_dg2())))
def test_dg2_mutated(data):
    from drivers.card.lds import parse_dg2
    _only_parse_error(parse_dg2, data)


@SETTINGS
@given(st.binary(max_size=300))
def test_command_apdu_parser(data):
    from drivers.card.apdu import CommandAPDU
    try:
        command = CommandAPDU.from_bytes(data)
    except ParseError:
        return
    assert CommandAPDU.from_bytes(command.to_bytes()).data == command.data


@SETTINGS
@given(st.lists(st.one_of(
    st.binary(max_size=60),
    st.builds(lambda ins, p1, p2, body: bytes([0x00, ins, p1, p2]) + body,
              st.sampled_from([0xA4, 0xB0, 0xB1, 0x84, 0x82, 0x0E]), st.integers(0, 255), st.integers(0, 255),
              st.binary(max_size=50)),
    st.builds(lambda body: b"\x0c\xb0\x00\x00" + body, st.binary(max_size=40)),
), max_size=8))
def test_virtual_card_always_answers(commands):
    """Whatever a terminal sends, the card answers with a status word and never crashes."""
    from drivers.card.mrz import AccessKey
    from drivers.card.virtual.card import VirtualCard
    from drivers.card.virtual.files import card_access
    card = VirtualCard({0x011C: card_access(), 0x011E: ef_com()}, AccessKey("123456789", "900101", "300101"))
    card.process(bytes.fromhex("00A4040C07A0000002471001"))
    for raw in commands:
        response = card.process(raw)
        assert len(response) >= 2


def _sample_sod() -> bytes:
    import tempfile

    from drivers.card.virtual.files import load_test_keys, sod

    with tempfile.TemporaryDirectory() as folder:
        return sod({1: b"\x61\x03\x5f\x1f\x00", 13: SAMPLE_DG13}, load_test_keys(folder))


SAMPLE_SOD = _sample_sod()


@SETTINGS
@given(st.one_of(st.binary(max_size=400), mutated(SAMPLE_SOD)))
def test_sod_parser_raises_only_parse_error(data):
    from drivers.card.sod import parse_sod

    try:
        parse_sod(data)
    except ParseError:
        pass

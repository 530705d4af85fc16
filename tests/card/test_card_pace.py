"""PACE in process against the virtual card (VirtualCard.process is the transport): CAN and MRZ passwords,
wrong passwords, refusal and BAC fallback, every cipher suite and several groups, then files over the new SM."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.card.card_helpers import PROFILES, access_key_for, channel_for
from drivers.card import tlv
from drivers.card.apdu import CommandAPDU
from drivers.card.bac import BAC
from drivers.card.errors import ParseError, WrongAccessKey
from drivers.card.files import EF_CARD_ACCESS, FileReader, dg_fid, select_aid
from drivers.card.mrz import AccessKey
from drivers.card.pace import (PACE, PaceChannel, PaceNotSupported, PacePassword, PaceRefused, choose_pace)
from drivers.card.reader import EMRTD_AID, read_card_access
from drivers.card.security_infos import oid_to_bytes
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.files import build_files
from drivers.card.virtual.profile import load_profile

H = bytes.fromhex


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILES[0])


@pytest.fixture(scope="module")
def files(profile, key_folder):
    return build_files(profile, key_folder)


def make_card(files, profile, **options) -> VirtualCard:
    return VirtualCard(files, access_key_for(profile), **options)


def card_access_with(*infos: tuple[str, int | None]) -> bytes:
    body = b""
    for oid, parameter_id in infos:
        fields = tlv.encode(0x06, oid_to_bytes(oid)) + tlv.encode(0x02, b"\x02")
        if parameter_id is not None:
            fields += tlv.encode(0x02, tlv.encode_int(parameter_id))
        body += tlv.encode(0x30, fields)
    return tlv.encode(0x31, body)


def read_dg1(secure) -> bytes:
    select_aid(secure, EMRTD_AID)
    return FileReader(secure).read_file(dg_fid(1))


# ---------------------------------------------------------------- the passwords


def test_pace_with_the_can_then_files_over_the_new_secure_messaging(files, profile):
    card = make_card(files, profile)
    channel = channel_for(card)
    card_access = read_card_access(channel)
    pace = PACE(PacePassword.from_id_number(profile.id_number), card_access)
    assert pace.name == "PACE-ECDH-GM-AES-128 brainpoolP256r1"
    secure = pace.establish(channel)
    assert isinstance(secure, PaceChannel)
    assert secure.pace.password == "CAN" and secure.pace.description.startswith("opened with CAN")
    assert (secure.pace.protocol, secure.pace.group, secure.pace.parameter_id) == (
        "PACE-ECDH-GM-AES-128", "brainpoolP256r1", 13)
    assert read_dg1(secure) == files[dg_fid(1)]
    assert FileReader(secure).read_file(dg_fid(2)) == files[dg_fid(2)]


def test_pace_with_the_mrz(files, profile):
    card = make_card(files, profile)
    channel = channel_for(card)
    pace = PACE(PacePassword.from_mrz(access_key_for(profile)), read_card_access(channel))
    secure = pace.establish(channel)
    assert pace.outcome.password == "MRZ" and pace.password_kind == "MRZ"
    assert read_dg1(secure) == files[dg_fid(1)]


def test_wrong_can_is_a_wrong_access_key_and_the_card_still_opens(files, profile):
    card = make_card(files, profile)
    channel = channel_for(card)
    card_access = read_card_access(channel)
    wrong = f"{(int(profile.id_number[-6:]) + 1) % 1_000_000:06d}"
    with pytest.raises(WrongAccessKey, match="CAN"):
        PACE(PacePassword.from_can(wrong), card_access).establish(channel)
    assert card.sm is None and card.authentication is None
    secure = PACE(PacePassword.from_id_number(profile.id_number), card_access).establish(channel)
    assert read_dg1(secure) == files[dg_fid(1)]


def test_wrong_mrz_is_a_wrong_access_key(files, profile):
    card = make_card(files, profile)
    channel = channel_for(card)
    wrong = AccessKey(profile.id_number[-9:], "010101", "300101")
    with pytest.raises(WrongAccessKey, match="access key"):
        PACE(PacePassword.from_mrz(wrong), read_card_access(channel)).establish(channel)


def test_passwords_never_show_their_value(profile):
    can = PacePassword.from_id_number(profile.id_number)
    mrz = PacePassword.from_mrz(access_key_for(profile))
    assert repr(can) == "PacePassword(CAN, <hidden>)" and repr(mrz) == "PacePassword(MRZ, <hidden>)"
    pace = PACE(can, card_access_with(("0.4.0.127.0.7.2.2.4.2.2", 13)))
    assert profile.id_number[-6:] not in repr(pace)
    assert (can.reference, mrz.reference) == (0x02, 0x01)


@pytest.mark.parametrize("can", ["12345", "1234567", "12a456", "", "１２３４５６"])
def test_a_can_is_six_ascii_digits(can):
    with pytest.raises(ParseError, match="6 digits"):
        PacePassword.from_can(can)


# ---------------------------------------------------------------- refusal and fallback


def test_card_that_refuses_pace_lets_the_reader_fall_back_to_bac(files, profile):
    card = make_card(files, profile, pace_refuse=True)
    channel = channel_for(card)
    card_access = read_card_access(channel)
    assert card_access == files[EF_CARD_ACCESS]  # it still advertises PACE
    with pytest.raises(PaceRefused) as refused:
        PACE(PacePassword.from_id_number(profile.id_number), card_access).establish(channel)
    assert refused.value.sw == 0x6A80 and "MSE:Set AT" in str(refused.value)
    select_aid(channel, EMRTD_AID)
    secure = BAC(access_key_for(profile)).establish(channel)
    assert FileReader(secure).read_file(dg_fid(1)) == files[dg_fid(1)]


def test_bac_only_card_has_no_card_access_and_refuses_pace(files, profile):
    card = make_card(files, profile, pace=False)
    channel = channel_for(card)
    assert read_card_access(channel) is None
    # a terminal that tries PACE anyway (with a CardAccess from elsewhere) is refused
    with pytest.raises(PaceRefused):
        PACE(PacePassword.from_mrz(access_key_for(profile)), files[EF_CARD_ACCESS]).establish(channel)
    select_aid(channel, EMRTD_AID)
    assert FileReader(BAC(access_key_for(profile)).establish(channel)).read_file(dg_fid(1)) == files[dg_fid(1)]


def test_bac_still_works_on_a_pace_card(files, profile):
    card = make_card(files, profile)
    channel = channel_for(card)
    select_aid(channel, EMRTD_AID)
    assert FileReader(BAC(access_key_for(profile)).establish(channel)).read_file(dg_fid(1)) == files[dg_fid(1)]


@pytest.mark.parametrize("sw", [0x6A80, 0x6A88, 0x6985, 0x6D00])
def test_refusal_at_the_first_general_authenticate(sw):
    class Refusing:
        def transmit(self, command: CommandAPDU, **_):
            from drivers.card.apdu import ResponseAPDU
            return ResponseAPDU(b"", 0x9000 if command.ins == 0x22 else sw)

    pace = PACE(PacePassword.from_can("123456"), card_access_with(("0.4.0.127.0.7.2.2.4.2.2", 13)))
    with pytest.raises(PaceRefused) as refused:
        pace.establish(Refusing())
    assert refused.value.sw == sw


# ---------------------------------------------------------------- choosing the protocol


def test_integrated_mapping_is_named_and_refused():
    with pytest.raises(PaceNotSupported) as error:
        choose_pace(card_access_with(("0.4.0.127.0.7.2.2.4.4.2", 13)))
    assert str(error.value) == "PACE with integrated mapping (0.4.0.127.0.7.2.2.4.4.2) is not supported"


def test_chip_authentication_mapping_is_named_and_refused():
    with pytest.raises(PaceNotSupported, match=r"chip authentication mapping \(0.4.0.127.0.7.2.2.4.6.2\)"):
        choose_pace(card_access_with(("0.4.0.127.0.7.2.2.4.6.2", 13)))


@pytest.mark.parametrize("infos, words", [
    ((), "does not offer PACE"),
    ((("0.4.0.127.0.7.2.2.4.2.2", None),), "parameter id None"),
    ((("0.4.0.127.0.7.2.2.4.2.2", 32),), "parameter id 32"),
    ((("0.4.0.127.0.7.2.2.4.2.2", 0),), "does not fit"),
    ((("0.4.0.127.0.7.2.2.4.2.7", 13),), "unknown"),
])
def test_unusable_card_access_says_why(infos, words):
    with pytest.raises(PaceNotSupported, match=words):
        choose_pace(card_access_with(*infos))


def test_the_strongest_usable_protocol_is_chosen():
    choice = choose_pace(card_access_with(("0.4.0.127.0.7.2.2.4.4.4", 13), ("0.4.0.127.0.7.2.2.4.2.2", 13),
                                          ("0.4.0.127.0.7.2.2.4.1.4", 2), ("0.4.0.127.0.7.2.2.4.2.4", 16)))
    assert choice.name == "PACE-ECDH-GM-AES-256 brainpoolP384r1"


# ---------------------------------------------------------------- cipher suites and groups


@pytest.mark.parametrize("oid, parameter_id", [
    ("0.4.0.127.0.7.2.2.4.2.1", 13),  # 3DES
    ("0.4.0.127.0.7.2.2.4.2.3", 13),  # AES-192
    ("0.4.0.127.0.7.2.2.4.2.4", 13),  # AES-256
    ("0.4.0.127.0.7.2.2.4.2.2", 8),  # secp192r1
    ("0.4.0.127.0.7.2.2.4.2.2", 9),  # brainpoolP192r1 (not in cryptography: all by hand)
    ("0.4.0.127.0.7.2.2.4.2.2", 11),  # brainpoolP224r1
    ("0.4.0.127.0.7.2.2.4.2.2", 12),  # secp256r1
    ("0.4.0.127.0.7.2.2.4.2.2", 14),  # brainpoolP320r1
    ("0.4.0.127.0.7.2.2.4.2.4", 15),  # secp384r1
    ("0.4.0.127.0.7.2.2.4.2.4", 18),  # secp521r1
    ("0.4.0.127.0.7.2.2.4.1.1", 0),  # DH 1024/160, 3DES
    ("0.4.0.127.0.7.2.2.4.1.2", 2),  # DH 2048/256, AES-128
])
def test_suite_and_group_end_to_end(files, profile, oid, parameter_id):
    custom = dict(files)
    custom[EF_CARD_ACCESS] = card_access_with((oid, parameter_id))
    card = make_card(custom, profile)
    channel = channel_for(card)
    pace = PACE(PacePassword.from_id_number(profile.id_number), read_card_access(channel))
    secure = pace.establish(channel)
    assert secure.pace.parameter_id == parameter_id
    assert read_dg1(secure) == files[dg_fid(1)]


# ---------------------------------------------------------------- the card's side of the protocol


def test_card_rejects_protocols_it_does_not_offer_and_out_of_order_steps(files, profile):
    card = make_card(files, profile)
    mse = lambda data: card.process(H("0022C1A4") + bytes([len(data)]) + data)[-2:]
    oid = tlv.encode(0x80, oid_to_bytes("0.4.0.127.0.7.2.2.4.2.4"))  # AES-256: not in its CardAccess
    assert mse(oid + H("830102")) == H("6A80")
    good = tlv.encode(0x80, oid_to_bytes("0.4.0.127.0.7.2.2.4.2.2"))
    assert mse(good + H("830103")) == H("6A88")  # no such password
    assert mse(good + H("830102840108")) == H("6A80")  # parameter id it does not offer
    assert card.process(H("10860000027C0000"))[-2:] == H("6985")  # no MSE before
    assert mse(good + H("830102")) == H("9000")
    assert card.process(H("00860000027C0000"))[-2:] == H("6883")  # first step must be chained
    assert card.process(H("10860000027C0000"))[-2:] == H("6985")  # the run was abandoned


def test_plain_command_after_pace_ends_the_session(files, profile):
    card = make_card(files, profile)
    channel = channel_for(card)
    PACE(PacePassword.from_id_number(profile.id_number), read_card_access(channel)).establish(channel)
    assert card.sm is not None
    assert card.process(H("00A4040C07") + EMRTD_AID)[-2:] == H("6987")
    assert card.sm is None


# ---------------------------------------------------------------- a card that answers nonsense


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(step=st.integers(1, 4), answer=st.binary(max_size=90), sw=st.sampled_from([0x9000, 0x6300, 0x6A80, 0x6F00]))
def test_malformed_answers_end_in_a_card_error(step, answer, sw):
    """Whatever a broken card answers at any step, the terminal raises a CardError subclass, never crashes."""
    from drivers.card.apdu import ResponseAPDU
    from drivers.card.errors import CardError

    inner = VirtualCard({EF_CARD_ACCESS: card_access_with(("0.4.0.127.0.7.2.2.4.2.2", 13))},
                        AccessKey("123456789", "900101", "300101"))

    class Broken:
        seen = 0

        def transmit(self, command: CommandAPDU, **_):
            if command.ins == 0x86:
                self.seen += 1
                if self.seen == step:
                    return ResponseAPDU(answer, sw)
            return ResponseAPDU.from_bytes(inner.process(command.to_bytes()))

    try:
        PACE(PacePassword.from_can("456789"), inner.files[EF_CARD_ACCESS]).establish(Broken())
    except CardError:
        pass

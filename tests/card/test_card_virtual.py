"""The virtual card's own behaviour: SELECT rules, BAC gate, SM gate, power, ATR, big files (B1)."""

from __future__ import annotations

import json

import pytest

from tests.card.card_helpers import PROFILE_DIR, access_key_for, channel_for
from drivers.card import tlv
from drivers.card.apdu import CommandAPDU
from drivers.card.bac import BAC
from drivers.card.files import FileReader
from drivers.card.mrz import AccessKey
from drivers.card.reader import EMRTD_AID, read_card_access
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.files import card_access
from drivers.card.virtual.profile import load_profile

H = bytes.fromhex
KEY = AccessKey("123456789", "900101", "300101")


def small_card(**options) -> VirtualCard:
    big = tlv.encode(0x70, bytes(i % 251 for i in range(70_000)))  # DG16-sized test file beyond 64 KB
    files = {0x011C: card_access(), 0x011E: tlv.encode(0x60, tlv.encode(0x5C, b"\x61")), 0x0110: big}
    return VirtualCard(files, KEY, **options)


def test_select_mf_is_not_supported_and_card_access_comes_first():
    card = small_card()
    assert card.process(H("00A4000C023F00")) == H("6D00")
    assert card.process(H("00A4000C")) == H("6D00")
    channel = channel_for(card)
    assert read_card_access(channel) == card_access()
    assert card.process(H("00B09C0004"))[:2] == card_access()[:2]  # short file id 1C
    assert card.process(H("00A4040C07") + EMRTD_AID) == H("9000")


def test_card_access_absent_is_tolerated():
    card = VirtualCard({0x011E: b"\x60\x00"}, KEY)
    assert read_card_access(channel_for(card)) is None


def test_files_need_bac_then_sm():
    card = small_card()
    assert card.process(H("00A4020C02011E")) == H("6A82")  # application not selected yet
    assert card.process(H("00A4040C07") + EMRTD_AID) == H("9000")
    assert card.process(H("00A4020C02011E")) == H("6982")
    secure = BAC(KEY).establish(channel_for(card))
    assert FileReader(secure).read_file(0x011E) == H("6003") + H("5C0161")
    # a plain command inside the secure session ends the session
    assert card.process(H("00B0000004")) == H("6987")
    assert card.sm is None


def test_reset_and_power_drop_the_session():
    for action in ("reset", "power_off"):
        card = small_card()
        card.process(H("00A4040C07") + EMRTD_AID)
        secure = BAC(KEY).establish(channel_for(card))
        getattr(card, action)()
        assert card.sm is None and not card.app_selected
        raw = secure.sm.protect(CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=4)).to_bytes()
        assert card.process(raw) == H("6882")


def test_wrong_key_answers_6300():
    card = small_card()
    card.process(H("00A4040C07") + EMRTD_AID)
    from drivers.card.errors import WrongAccessKey
    with pytest.raises(WrongAccessKey):
        BAC(AccessKey("123456780", "900101", "300101")).establish(channel_for(card))


def test_atr_is_a_contactless_pcsc_atr():
    atr = VirtualCard.atr
    assert atr[0] == 0x3B and atr[2:4] == H("8001") and len(atr) == 4 + (atr[1] & 0x0F) + 1
    tck = 0
    for b in atr[1:]:
        tck ^= b
    assert tck == 0


@pytest.mark.parametrize("extended", [False, True])
def test_big_file_uses_odd_ins_beyond_32767(extended):
    card = small_card()
    card.process(H("00A4040C07") + EMRTD_AID)
    channel = channel_for(card, extended)
    sent = []
    channel.on_exchange = lambda c, r, s: sent.append(c[1])
    secure = BAC(KEY).establish(channel)
    reader = FileReader(secure, max_extended=20_000 if extended else 65536)
    data = reader.read_file(0x0110)
    assert data == card.files[0x0110]
    assert 0xB1 in sent
    assert reader.stats.bytes_read == len(data)


def test_read_by_short_file_id():
    card = small_card()
    card.process(H("00A4040C07") + EMRTD_AID)
    secure = BAC(KEY).establish(channel_for(card, False))
    assert FileReader(secure).read_file(sfi=0x1E) == card.files[0x011E]


def test_profile_json_and_photo(tmp_path, key_folder):
    from PIL import Image
    photo = tmp_path / "face.jpg"
    Image.new("RGB", (200, 260), (180, 140, 120)).save(photo, "JPEG")
    raw = {
        "id_number": "001099000111", "full_name": "Phạm Thị Thử Ảnh", "birth_date": "1999-01-31",
        "sex": "Nữ", "home_town": "Hà Nội", "permanent_address": "Hà Nội", "issue_date": "31/01/2021",
        "expiry": "2039-01-31", "father": "Phạm Văn A", "mother": "Vũ Thị B", "photo": "face.jpg",
    }
    (tmp_path / "p.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    profile = load_profile(tmp_path / "p.json")
    assert profile.religion == "Không" and profile.spouse is None and "Phạm" not in repr(profile)
    from drivers.card.reader import read_card
    card = VirtualCard.from_profile(profile, key_folder)
    identity = read_card(channel_for(card), access_key_for(profile)).identity
    assert identity.full_name == "Phạm Thị Thử Ảnh" and (identity.photo.width, identity.photo.height) == (200, 260)


def test_shipped_profiles_cover_the_cases():
    profiles = [load_profile(p) for p in sorted(PROFILE_DIR.glob("*.toml"))]
    assert any(p.spouse and p.old_id for p in profiles)
    assert any(not p.spouse and not p.old_id for p in profiles)
    assert any(p.expiry is None and p.birth_date.year <= 1965 for p in profiles)
    assert any(len(p.permanent_address) > 150 for p in profiles)
    assert {p.parents_nested for p in profiles} == {False, True}


def test_removal_signal_is_understood_by_both_sides():
    from drivers.card.errors import CardRemoved
    from drivers.card.vpcd import CardRemovedSignal
    card = small_card(remove_after=2)
    card.process(H("00A4040C07") + EMRTD_AID)
    card.process(H("0084000008"))
    with pytest.raises(CardRemoved) as info:
        card.process(H("0084000008"))
    assert isinstance(info.value, CardRemovedSignal)

"""ATRs as pcscd reports them: the structure's own length, without the padding or the stale bytes of an
earlier card seen with vpcd."""

import pytest

from drivers.card.pcsc import unpadded_atr
from drivers.card.virtual.card import VirtualCard
from tests.helpers.cards import EchoCard

CONTACTLESS = VirtualCard.atr  # 3B 87 80 01 + 7 historical bytes + TCK
T0_ONLY = bytes.fromhex("3B6800000073C84013009000")  # TD absent: T=0, no TCK; historical bytes end in 00


@pytest.mark.parametrize("atr", [CONTACTLESS, EchoCard.atr, T0_ONLY], ids=["cccd", "echo", "t0"])
def test_padding_is_cut_and_a_whole_atr_is_kept(atr):
    assert unpadded_atr(atr) == atr
    assert unpadded_atr(atr + bytes(33 - len(atr))) == atr


def test_an_earlier_cards_bytes_are_cut_and_what_is_not_an_atr_is_left_alone():
    stale = (EchoCard.atr + CONTACTLESS)[:33]  # the echo card's ATR over what the CCCD card left
    assert unpadded_atr(stale) == EchoCard.atr
    assert unpadded_atr(b"\x3B") == b"\x3B"
    assert unpadded_atr(b"") == b""

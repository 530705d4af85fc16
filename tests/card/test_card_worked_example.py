"""ICAO 9303-11 Appendix D (BAC and secure messaging worked example), byte for byte.

Values as published in the specification (and reproduced in JMRTD, gmrtd and other readers' tests).
"""

from __future__ import annotations


from drivers.card.apdu import ApduChannel, CommandAPDU
from drivers.card.bac import BAC, basic_keys, key_seed, session_keys
from drivers.card.mrz import AccessKey, parse_mrz
from drivers.card.sm import pad, retail_mac, tdes_cbc_encrypt
from drivers.card.virtual.card import VirtualCard
from tests.card.card_helpers import ScriptedTransport

H = bytes.fromhex

MRZ_INFO = "L898902C<369080619406236"
RND_IC = H("4608F91988702212")
RND_IFD = H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
K_IC = H("0B4F80323EB3191CB04970CB4052790B")
EF_COM = H("60145F0104303130365F36063034303030305C026175")

# (command sent, response received), in order
TRANSCRIPT = [
    ("0084000008", "4608F919887022129000"),
    ("0082000028" "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"
     "5F1448EEA8AD90A7" "28",
     "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F" "2F2D235D074D7449" "9000"),
    ("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800", "990290008E08FA855A5D4C50A8ED9000"),
    ("0CB000000D9701048E08ED6705417E96BA5500", "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"),
    ("0CB000040D9701128E082EA28A70F3C7B53500",
     "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000"),
]


def access_key() -> AccessKey:
    return AccessKey("L898902C<", "690806", "940623")


def test_mrz_information_and_keys():
    assert access_key().mrz_information == MRZ_INFO
    assert key_seed(MRZ_INFO) == H("239AB9CB282DAF66231DC5A4DF6BFBAE")
    k_enc, k_mac = basic_keys(access_key())
    assert k_enc == H("AB94FDECF2674FDFB9B391F85D7F76F2")
    assert k_mac == H("7962D9ECE03D1ACD4C76089DCE131543")


def test_mutual_authentication_values():
    k_enc, k_mac = basic_keys(access_key())
    s = RND_IFD + RND_IC + K_IFD
    assert s == H("781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B")
    e_ifd = tdes_cbc_encrypt(k_enc, s)
    assert e_ifd == H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2")
    assert retail_mac(k_mac, pad(e_ifd, 8)) == H("5F1448EEA8AD90A7")
    keys = session_keys(K_IFD, K_IC, RND_IC, RND_IFD)
    assert keys.k_enc == H("979EC13B1CBFE9DCD01AB0FED307EAE5")
    assert keys.k_mac == H("F1CB1F1FB5ADF208806B89DC579DC1F8")
    assert keys.ssc == H("887022120C06C226")



def _read_ef_com(secure) -> bytes:
    secure.transmit(CommandAPDU(0x00, 0xA4, 0x02, 0x0C, H("011E"))).check()
    head = secure.transmit(CommandAPDU(0x00, 0xB0, 0x00, 0x00, le=4)).check().data
    assert head == H("60145F01")
    rest = secure.transmit(CommandAPDU(0x00, 0xB0, 0x00, 0x04, le=0x12)).check().data
    assert rest == H("04303130365F36063034303030305C026175")
    return head + rest


def test_terminal_side_reproduces_the_transcript():
    transport = ScriptedTransport(TRANSCRIPT)
    randoms = [RND_IFD, K_IFD]
    secure = BAC(access_key(), random=lambda n: randoms.pop(0)).establish(ApduChannel(transport))
    assert secure.sm.ssc == H("887022120C06C226")
    assert _read_ef_com(secure) == EF_COM
    assert secure.sm.ssc == H("887022120C06C22C")
    assert not transport.script


def test_card_side_reproduces_the_transcript():
    """The virtual card, given the example's randoms, answers exactly the published responses."""
    card_randoms = [RND_IC, K_IC]
    card = VirtualCard({0x011E: EF_COM}, access_key(), random=lambda n: card_randoms.pop(0))
    assert card.process(H("00A4040C07A0000002471001")) == H("9000")
    for command, response in TRANSCRIPT:
        assert card.process(H(command)).hex().upper() == response


def test_specimen_mrz_gives_the_same_key():
    td3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
           "L898902C<3UTO6908061F9406236ZE184226B<<<<<14")
    mrz = parse_mrz(td3)
    assert mrz.access_key().mrz_information == MRZ_INFO
    assert "document_number" not in mrz.failed

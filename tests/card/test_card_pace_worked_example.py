"""ICAO 9303-11 Appendix G worked examples, byte for byte: G.1 (PACE ECDH generic mapping on
brainpoolP256r1, AES-128) and G.2 (PACE DH generic mapping on the 1024-bit RFC 5114 group, AES-128).

Both use the MRZ password of the appendix (document T22000129, born 640812, expiry 101031). The
terminal's (and the chip's) ephemeral private keys of the example are fed through the `random`
sources, so the exchange must reproduce every APDU of the appendix, from both sides: the terminal
against a scripted chip, and the terminal against our virtual card.
"""

from __future__ import annotations

import pytest

from drivers.card import tlv
from drivers.card.apdu import ApduChannel, CommandAPDU, ResponseAPDU
from drivers.card.files import EF_CARD_ACCESS
from drivers.card.mrz import AccessKey
from drivers.card.pace import (PACE, PacePassword, authentication_token, decrypt_nonce, encrypt_nonce,
                               password_key, public_key_data, session_keys)
from drivers.card.pace_groups import DH_GROUPS, ECGroup
from drivers.card import ecc
from drivers.card.errors import WrongAccessKey
from drivers.card.virtual.card import VirtualCard

H = bytes.fromhex
KEY = AccessKey("T22000129", "640812", "101031")

# ---------------------------------------------------------------- G.1: ECDH, brainpoolP256r1

G1_CARD_ACCESS = H("31143012060A04007F0007020204020202010202010D")
G1_OID = "0.4.0.127.0.7.2.2.4.2.2"
K = H("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD")  # SHA-1 of the MRZ information
K_PI = H("89DED1B26624EC1E634C1989302849DD")
G1 = dict(
    z=H("95A3A016522EE98D01E76CB6B98B42C3"),
    s=H("3F00C4D39D153F2B2A214A078D899B22"),
    sk_map_pcd=H("7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99"),
    pk_map_pcd=H("047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
                 "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"),
    sk_map_ic=H("498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560"),
    pk_map_ic=H("04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
                "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"),
    h=H("0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
        "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181"),
    mapped=H("048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
             "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"),
    sk_eph_pcd=H("A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595"),
    pk_eph_pcd=H("042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
                 "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"),
    sk_eph_ic=H("107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A"),
    pk_eph_ic=H("049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
                "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"),
    shared=H("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"),
    k_enc=H("F5F0E35C0D7161EE6724EE513A0D9A7F"),
    k_mac=H("FE251C7858B356B24514B3BD5F4297D1"),
    t_pcd=H("C2B0BD78D94BA866"),
    t_ic=H("3ABB9674BCE93C08"),
)
# The appendix's MSE:Set AT carries no parameter id; its EF.CardAccess advertises one (13), which we send
# as 84 01 0D (the form of 9303-11 §4.4.4.1); every other command and answer is the appendix's.
G1_TRANSCRIPT = [
    ("0022C1A412800A04007F0007020204020283010184010D", "9000"),  # 0F -> 12: + 84 01 0D
    ("10860000027C0000", "7C12801095A3A016522EE98D01E76CB6B98B42C39000"),
    ("10860000457C43814104" + G1["pk_map_pcd"][1:].hex() + "00", "7C43824104" + G1["pk_map_ic"][1:].hex() + "9000"),
    ("10860000457C43834104" + G1["pk_eph_pcd"][1:].hex() + "00", "7C43844104" + G1["pk_eph_ic"][1:].hex() + "9000"),
    ("008600000C7C0A8508C2B0BD78D94BA86600", "7C0A86083ABB9674BCE93C089000"),
]

# ---------------------------------------------------------------- G.2: DH, RFC 5114 1024-bit group

G2_CARD_ACCESS = H("31143012060A04007F00070202040102020102020100")
G2_OID = "0.4.0.127.0.7.2.2.4.1.2"
G2 = dict(
    z=H("854D8DF5827FA6852D1A4FA701CDDDCA"),
    s=H("FA5B7E3E49753A0DB9178B7B9BD898C8"),
    sk_map_pcd=H("5265030F751F4AD18B08AC565FC7AC952E41618D"),
    pk_map_pcd=H("23FB3749EA030D2A25B278D2A562047ADE3F01B74F17A15402CB7352CA7D2B3E"
                 "B71C343DB13D1DEBCE9A3666DBCFC920B49174A602CB47965CAA73DC702489A4"
                 "4D41DB914DE9613DC5E98C94160551C0DF86274B9359BC0490D01B03AD54022D"
                 "CB4F57FAD6322497D7A1E28D46710F461AFE710FBBBC5F8BA166F4311975EC6C"),
    sk_map_ic=H("66DDAFEAC1609CB5B963BB0CB3FF8B3E047F336C"),
    pk_map_ic=H("78879F57225AA8080D52ED0FC890A4B25336F699AA89A2D3A189654AF70729E6"
                "23EA5738B26381E4DA19E004706FACE7B235C2DBF2F38748312F3C98C2DD4882"
                "A41947B324AA1259AC22579DB93F7085655AF30889DBB845D9E6783FE42C9F24"
                "49400306254C8AE8EE9DD812A804C0B66E8CAFC14F84D8258950A91B44126EE6"),
    h=H("5BABEBEF5B74E5BA94B5C063FDA15F1F1CDE94873EE0A5D3A2FCAB49F258D07F"
        "544F13CB66658C3AFEE9E727389BE3F6CBBBD32128A8C21DD6EEA3CF7091CDDF"
        "B08B8D007D40318DCCA4FFBF51208790FB4BD111E5A968ED6B6F08B26CA87C41"
        "0B3CE0C310CE104EABD16629AA48620C1279270CB0750C0D37C57FFFE302AE7F"),
    mapped=H("7C9CBFE98F9FBDDA8D143506FA7D9306F4CB17E3C71707AFF5E1C1A123702496"
             "84D64EE37AF44B8DBD9D45BF6023919CBAA027AB97ACC771666C8E98FF483301"
             "BFA4872DEDE9034EDFACB70814166B7F360676829B826BEA57291B5AD69FBC84"
             "EF1E779032A305803F74341793E869742D401325B37EE8565FFCDEE618342DC5"),
    sk_eph_pcd=H("89CCD99B0E8D3B1F11E1296DCA68EC53411CF2CA"),
    pk_eph_pcd=H("907D89E2D425A178AA81AF4A7774EC8E388C115CAE67031E85EECE520BD91155"
                 "1B9AE4D04369F29A02626C86FBC6747CC7BC352645B6161A2A42D44EDA80A08F"
                 "A8D61B76D3A154AD8A5A51786B0BC07147057871A922212C5F67F43173172236"
                 "B7747D1671E6D692A3C7D40A0C3C5CE397545D015C175EB5130551EDBC2EE5D4"),
    sk_eph_ic=H("A5B780126B7C980E9FCEA1D4539DA1D27C342DFA"),
    pk_eph_ic=H("075693D9AE941877573E634B6E644F8E60AF17A0076B8B123D9201074D36152B"
                "D8B3A213F53820C42ADC79AB5D0AEEC3AEFB91394DA476BD97B9B14D0A65C1FC"
                "71A0E019CB08AF55E1F729005FBA7E3FA5DC41899238A250767A6D46DB974064"
                "386CD456743585F8E5D90CC8B4004B1F6D866C79CE0584E49687FF61BC29AEA1"),
    shared=H("6BABC7B3A72BCD7EA385E4C62DB2625BD8613B24149E146A629311C4CA6698E3"
             "8B834B6A9E9CD7184BA8834AFF5043D436950C4C1E7832367C10CB8C314D40E5"
             "990B0DF7013E64B4549E2270923D06F08CFF6BD3E977DDE6ABE4C31D55C0FA2E"
             "465E553E77BDF75E3193D3834FC26E8EB1EE2FA1E4FC97C18C3F6CFFFE2607FD"),
    k_enc=H("2F7F46ADCC9E7E521B45D192FAFA9126"),
    k_mac=H("805A1D27D45A5116F73C54469462B7D8"),
    t_pcd=H("B46DD9BD4D98381F"),
    t_ic=H("917F37B5C0E6D8D1"),
)
G2_TRANSCRIPT = [
    ("0022C1A412800A04007F00070202040102830101840100", "9000"),
    ("10860000027C0000", "7C128010854D8DF5827FA6852D1A4FA701CDDDCA9000"),
    ("10860000867C81838181" + "80" + G2["pk_map_pcd"].hex() + "00", "7C81838281" + "80" + G2["pk_map_ic"].hex() + "9000"),
    ("10860000867C81838381" + "80" + G2["pk_eph_pcd"].hex() + "00", "7C81838481" + "80" + G2["pk_eph_ic"].hex() + "9000"),
    # the appendix's chip adds its CVCA reference (87) after its token; the terminal ignores it
    ("008600000C7C0A8508B46DD9BD4D98381F00", "7C1B8608917F37B5C0E6D8D1870F4445544553544356434130303030339000"),
]


# ---------------------------------------------------------------- helpers


class Feed:
    """A random source that hands out the example's keys in order."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = list(chunks)

    def __call__(self, n: int) -> bytes:
        chunk = self.chunks.pop(0)
        assert len(chunk) == n, "the protocol asked for a key of an unexpected size"
        return chunk


class ScriptedChip:
    """Answers the appendix's responses and checks each command equals the appendix's."""

    def __init__(self, transcript) -> None:
        self.transcript = list(transcript)
        self.seen = 0

    def transmit(self, command: CommandAPDU, **_options) -> ResponseAPDU:
        expected, answer = self.transcript[self.seen]
        assert command.to_bytes().hex().upper() == expected.upper(), f"command {self.seen} differs"
        self.seen += 1
        return ResponseAPDU.from_bytes(H(answer))


class Recorder:
    """The virtual card behind a transport that records every exchange."""

    def __init__(self, card: VirtualCard) -> None:
        self.card = card
        self.supports_extended = True
        self.exchanges: list[tuple[str, str]] = []

    def transmit(self, raw: bytes) -> bytes:
        answer = self.card.process(raw)
        self.exchanges.append((raw.hex().upper(), answer.hex().upper()))
        return answer


# ---------------------------------------------------------------- G.1 step by step


def test_g1_password_key_and_nonce():
    password = PacePassword.from_mrz(KEY)
    assert password.key == K and password.reference == 0x01
    assert password_key(password, "AES-128") == K_PI
    assert decrypt_nonce(K_PI, "AES-128", G1["z"]) == G1["s"]
    assert encrypt_nonce(K_PI, "AES-128", G1["s"]) == G1["z"]


@pytest.mark.parametrize("group, g, oid, key_data_header", [
    (ECGroup(ecc.STANDARD_CURVES[13]), G1, G1_OID, "7F494F060A04007F00070202040202" "8641"),
    (DH_GROUPS[0], G2, G2_OID, "7F49818F060A04007F00070202040102848180"),
], ids=["G.1-ECDH", "G.2-DH"])
def test_mapping_key_agreement_keys_and_tokens(group, g, oid, key_data_header):
    assert decrypt_nonce(K_PI, "AES-128", g["z"]) == g["s"]
    sk_map_pcd, sk_map_ic = int.from_bytes(g["sk_map_pcd"], "big"), int.from_bytes(g["sk_map_ic"], "big")
    assert group.encode(group.public(sk_map_pcd, group.generator)) == g["pk_map_pcd"]
    assert group.encode(group.public(sk_map_ic, group.generator)) == g["pk_map_ic"]
    h = group.agree(sk_map_pcd, group.decode(g["pk_map_ic"]))
    assert group.encode(h) == g["h"]
    assert group.agree(sk_map_ic, group.decode(g["pk_map_pcd"])) == h  # both sides find the same H
    mapped = group.map_generator(int.from_bytes(g["s"], "big"), h)
    assert group.encode(mapped) == g["mapped"]

    sk_eph_pcd, sk_eph_ic = int.from_bytes(g["sk_eph_pcd"], "big"), int.from_bytes(g["sk_eph_ic"], "big")
    assert group.encode(group.public(sk_eph_pcd, mapped)) == g["pk_eph_pcd"]
    assert group.encode(group.public(sk_eph_ic, mapped)) == g["pk_eph_ic"]
    shared = group.secret_bytes(group.agree(sk_eph_pcd, group.decode(g["pk_eph_ic"])))
    assert shared == g["shared"]
    assert group.secret_bytes(group.agree(sk_eph_ic, group.decode(g["pk_eph_pcd"]))) == shared
    assert session_keys(shared, "AES-128") == (g["k_enc"], g["k_mac"])

    pk_eph_ic, pk_eph_pcd = group.decode(g["pk_eph_ic"]), group.decode(g["pk_eph_pcd"])
    assert public_key_data(oid, group, pk_eph_ic) == H(key_data_header) + g["pk_eph_ic"]
    assert authentication_token("AES-128", g["k_mac"], oid, group, pk_eph_ic) == g["t_pcd"]
    assert authentication_token("AES-128", g["k_mac"], oid, group, pk_eph_pcd) == g["t_ic"]


def test_g1_terminal_reproduces_the_appendix_exchange():
    pace = PACE(PacePassword.from_mrz(KEY), G1_CARD_ACCESS, random=Feed(G1["sk_map_pcd"], G1["sk_eph_pcd"]))
    chip = ScriptedChip(G1_TRANSCRIPT)
    secure = pace.establish(chip)
    assert chip.seen == len(G1_TRANSCRIPT)
    assert (secure.sm.cipher.k_enc, secure.sm.cipher.k_mac) == (G1["k_enc"], G1["k_mac"])
    assert secure.sm.ssc == bytes(16)  # AES secure messaging after PACE starts at SSC 0
    assert pace.name == "PACE-ECDH-GM-AES-128 brainpoolP256r1"
    assert secure.pace.password == "MRZ" and pace.outcome == secure.pace


def test_g1_virtual_card_answers_exactly_as_the_appendix_chip():
    card = VirtualCard({EF_CARD_ACCESS: G1_CARD_ACCESS}, KEY,
                       random=Feed(G1["s"], G1["sk_map_ic"], G1["sk_eph_ic"]))
    recorder = Recorder(card)
    pace = PACE(PacePassword.from_mrz(KEY), G1_CARD_ACCESS, random=Feed(G1["sk_map_pcd"], G1["sk_eph_pcd"]))
    pace.establish(ApduChannel(recorder))
    assert recorder.exchanges == [(c.upper(), r.upper()) for c, r in G1_TRANSCRIPT]
    assert card.sm is not None and card.sm.ssc == bytes(16)


# ---------------------------------------------------------------- G.2 exchange


def test_g2_terminal_reproduces_the_appendix_exchange():
    pace = PACE(PacePassword.from_mrz(KEY), G2_CARD_ACCESS, random=Feed(G2["sk_map_pcd"], G2["sk_eph_pcd"]))
    chip = ScriptedChip(G2_TRANSCRIPT)
    secure = pace.establish(chip)
    assert chip.seen == len(G2_TRANSCRIPT)
    assert (secure.sm.cipher.k_enc, secure.sm.cipher.k_mac) == (G2["k_enc"], G2["k_mac"])
    assert pace.name == "PACE-DH-GM-AES-128 1024-bit MODP group with 160-bit prime order subgroup"


def test_g2_virtual_card_answers_as_the_appendix_chip():
    card = VirtualCard({EF_CARD_ACCESS: G2_CARD_ACCESS}, KEY,
                       random=Feed(G2["s"], G2["sk_map_ic"], G2["sk_eph_ic"]))
    recorder = Recorder(card)
    pace = PACE(PacePassword.from_mrz(KEY), G2_CARD_ACCESS, random=Feed(G2["sk_map_pcd"], G2["sk_eph_pcd"]))
    pace.establish(ApduChannel(recorder))
    expected = [(c.upper(), r.upper()) for c, r in G2_TRANSCRIPT]
    # our card does not name a CVCA (it has no terminal authentication): its last answer is the token alone
    expected[-1] = (expected[-1][0], "7C0A8608917F37B5C0E6D8D19000")
    assert recorder.exchanges == expected


@pytest.mark.parametrize("transcript, keys", [(G1_TRANSCRIPT, G1), (G2_TRANSCRIPT, G2)])
def test_a_wrong_token_from_the_chip_is_a_wrong_access_key(transcript, keys):
    bad = list(transcript)
    command, answer = bad[-1]
    bad[-1] = (command, answer.replace(keys["t_ic"].hex().upper(), "00" * 8))
    access = G1_CARD_ACCESS if keys is G1 else G2_CARD_ACCESS
    pace = PACE(PacePassword.from_mrz(KEY), access, random=Feed(keys["sk_map_pcd"], keys["sk_eph_pcd"]))
    with pytest.raises(WrongAccessKey):
        pace.establish(ScriptedChip(bad))


def test_tlv_of_the_tokens_step():
    # the last command carries 7C { 85 T_PCD } and is not chained (CLA 00)
    command = H(G1_TRANSCRIPT[-1][0])
    assert command[0] == 0x00 and tlv.find(tlv.unwrap(command[5:-1], 0x7C), 0x85).value == G1["t_pcd"]


def test_g1_session_keys_protect_the_first_command_with_ssc_one():
    # Not in the appendix: SELECT of the eMRTD application under the G.1 keys as another independent
    # PACE implementation computes it (AES SM, SSC 0 before the command, so 1 for it)
    pace = PACE(PacePassword.from_mrz(KEY), G1_CARD_ACCESS, random=Feed(G1["sk_map_pcd"], G1["sk_eph_pcd"]))
    secure = pace.establish(ScriptedChip(G1_TRANSCRIPT))
    protected = secure.sm.protect(CommandAPDU(0x00, 0xA4, 0x04, 0x0C, H("A0000002471001")))
    assert protected.to_bytes() == H("0CA4040C1D871101752F676B09FAC86A87D632749A49C7CC8E08C18BA1FCE707BD9F00")

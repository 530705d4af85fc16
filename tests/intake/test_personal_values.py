"""What the card reading registers with the log redactor, and when: the access keys before the card is
touched, every personal value of the card as soon as it is read (no pcscd needed: the reading itself
is replaced)."""

from datetime import date
from types import SimpleNamespace

from drivers.card.access import AccessKeys
from drivers.card.identity import Identity
from drivers.card.mrz import AccessKey
from kiosk.intake import card as card_module
from kiosk.intake.card import key_values, personal_values, read_card
from kiosk.logs import MASK, Redactor

IDENTITY = Identity(
    id_number="022187004321", full_name="Nguyễn Thị Hồng Nhung", birth_date=date(1990, 3, 15), sex="Nữ",
    nationality="Việt Nam", ethnicity="Kinh", religion="Không", home_town="Xã Đồn Đạc, Tỉnh Quảng Ninh",
    permanent_address="Thôn Đồng Tâm, Xã Ba Chẽ, Tỉnh Quảng Ninh", identifying_marks="Sẹo chấm C:1cm dưới mắt trái",
    issue_date=date(2021, 4, 1), expiry=date(2030, 3, 15), father_name="Nguyễn Văn Bình", mother_name="Trần Thị Lan",
    spouse_name="Lê Minh Đạt", old_id_number="100234567", document_number="187004321")
KEYS = AccessKeys(can="004321", mrz=(AccessKey("187004321", "900315", "300315"),), source="QR code")


def test_every_personal_value_of_the_card_is_registered():
    values = personal_values(IDENTITY, KEYS)
    for value in ("022187004321", "004321", "187004321", "100234567", "Nguyễn Thị Hồng Nhung", "Nguyễn Văn Bình",
                  "Trần Thị Lan", "Lê Minh Đạt", "Thôn Đồng Tâm, Xã Ba Chẽ, Tỉnh Quảng Ninh",
                  "Xã Đồn Đạc, Tỉnh Quảng Ninh", "Sẹo chấm C:1cm dưới mắt trái", "15/03/1990", "1990-03-15",
                  "900315", "300315"):
        assert value in values, value
    redact = Redactor()
    redact.add(values)
    line = ("Nguyen Thi Hong Nhung (father NGUYEN VAN BINH, mother tran thi lan, spouse Le Minh Dat) born 1990/03/15 "
            "old ID 100 234 567 from Xa Don Dac Tinh Quang Ninh lives THON DONG TAM XA BA CHE TINH QUANG NINH")
    assert redact(line) == (f"{MASK} (father {MASK}, mother {MASK}, spouse {MASK}) born {MASK} old ID {MASK} "
                            f"from {MASK} lives {MASK}")


def test_keys_are_registered_before_the_card_is_read_and_the_card_right_after(monkeypatch):
    registered: list[list[str]] = []

    def reading(*args):
        assert registered == [key_values(KEYS)]  # the keys are masked while the card is being read
        return SimpleNamespace(identity=IDENTITY)

    monkeypatch.setattr(card_module, "_read", reading)
    read_card(KEYS, register=registered.append)
    assert registered == [key_values(KEYS), personal_values(IDENTITY)]
    assert set(key_values(KEYS)) == {"004321", "187004321", "900315", "300315"}

import unicodedata

from kiosk.text import fold, nfc


def test_nfc_joins_decomposed_marks():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    assert decomposed != "Nguyễn Thị Hồng"
    assert nfc("  " + decomposed + " ") == "Nguyễn Thị Hồng"


def test_fold_ignores_marks_case_and_stroke_d():
    assert fold("Đặng Văn Đức") == fold("dang van duc") == fold("DANG  VAN DUC") == "dang van duc"
    assert fold(unicodedata.normalize("NFD", "Hoà")) == fold("Hòa") == "hoa"

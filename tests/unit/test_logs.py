import logging

from kiosk.logs import MASK, Redactor, setup_logging

NAME = "Nguyễn Thị Hồng Nhung"
ID12 = "001190012345"
OLD_ID = "123456789"
MRZ = ["IDVNM1900123453001190012345<<8", "9001011F3001019VNM<<<<<<<<<<<6", "NGUYEN<<THI<HONG<NHUNG<<<<<<<<"]


def test_id_numbers_and_mrz_lines_are_masked():
    redact = Redactor()
    text = redact(f"read {ID12} old {OLD_ID} mrz {' '.join(MRZ)} station 06970 at 2026-11-25 12:00:01")
    assert ID12 not in text and OLD_ID not in text
    assert not any(line in text for line in MRZ)
    assert "06970" in text and "2026-11-25 12:00:01" in text  # codes and times stay readable


def test_registered_values_are_masked_in_every_spelling():
    redact = Redactor()
    redact.add([NAME])
    for spelling in (NAME, NAME.upper(), "Nguyen Thi Hong Nhung", "NGUYEN THI HONG NHUNG"):
        assert redact(f"citizen {spelling} waits") == f"citizen {MASK} waits"
    redact.clear()
    assert NAME in redact(f"citizen {NAME}")


def test_log_file_holds_neither_name_nor_id(tmp_path):
    from kiosk.logs import redactor

    path = setup_logging(tmp_path)
    redactor.add([NAME])
    log = logging.getLogger("kiosk.test")
    try:
        log.info("card read for %s with ID %s", NAME, ID12)
        try:
            raise ValueError(f"bad birth date for {NAME} {ID12}")
        except ValueError:
            log.exception("parsing failed")
    finally:
        redactor.clear()
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = path.read_text(encoding="utf-8")
    assert "card read for" in written and "ValueError" in written
    assert NAME not in written and "Nguyen Thi Hong Nhung".lower() not in written.lower()
    assert ID12 not in written

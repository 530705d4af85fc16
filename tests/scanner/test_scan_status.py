"""Every SANE status read back from libsane's own texts, and a message for each in both languages."""

from __future__ import annotations

import ctypes
import ctypes.util

import pytest

from drivers.scanner.status import SANE_STATUS_NUMBERS, ScanStatus, describe, status_from_message


def test_libsane_texts_map_back_to_their_status():
    lib = ctypes.CDLL(ctypes.util.find_library("sane") or "libsane.so.1")
    lib.sane_strstatus.restype = ctypes.c_char_p
    lib.sane_strstatus.argtypes = [ctypes.c_int]
    for number, status in SANE_STATUS_NUMBERS.items():
        assert status_from_message(lib.sane_strstatus(number).decode()) is status


def test_python_sane_own_messages_are_unknown():
    assert status_from_message("Scanner returned no data") is ScanStatus.UNKNOWN


@pytest.mark.parametrize("status", list(ScanStatus))
def test_every_status_says_what_happened_and_what_to_do(status):
    message = describe(status, pages_kept=3)
    assert message.vi and message.en
    if status is not ScanStatus.GOOD:
        assert message.next_vi and message.next_en and message.kind in ("error", "info")
        assert "3 trang" in message.text("vi") and "3 page(s)" in message.text("en")
    assert message.vi != message.en
    assert message.as_dict()["status"] == status.value


def test_empty_feeder_before_the_first_page_is_a_prompt_and_after_it_an_error():
    prompt = describe(ScanStatus.NO_DOCS, before_first_page=True)
    assert prompt.kind == "prompt" and "Đặt giấy" in prompt.text("vi") and "Put the pages" in prompt.text("en")
    later = describe(ScanStatus.NO_DOCS, pages_kept=4)
    assert later.kind == "error" and "4 trang" in later.text("vi")

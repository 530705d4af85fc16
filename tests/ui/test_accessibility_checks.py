"""The accessibility checker of tests/ui/accessibility.py, on small windows built to pass or break each rule."""

import re

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tests.ui.accessibility import check, contrast_ratio, problems


def shown(qtbot, *widgets, horizontal=False, spacing=16, style=""):
    """A white window with the widgets in a box layout, 20 px text, shown and exposed."""
    window = QWidget()
    window.setObjectName("win")
    window.setStyleSheet('QWidget { font: 20px "DejaVu Sans"; } #win { background: white; }' + style)
    layout = (QHBoxLayout if horizontal else QVBoxLayout)(window)
    layout.setSpacing(spacing)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def placed(qtbot, *widgets_at):
    """A window without a layout, each widget at the rectangle given with it."""
    window = shown(qtbot)
    for widget, rect in widgets_at:
        widget.setParent(window)
        widget.setGeometry(rect)
        widget.show()
    qtbot.wait(10)
    return window


def button(text="", name="", size=(160, 60)):
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setFixedSize(*size)
    return widget


def label(text, name="", style=""):
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setStyleSheet(style)
    return widget


def icon():
    pixmap = QPixmap(32, 32)
    pixmap.fill(QColor("#005a9c"))
    return QIcon(pixmap)


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio(QColor("white"), QColor("#767676")) == contrast_ratio((0x76,) * 3, (255,) * 3)
    assert contrast_ratio((0x89,) * 3, (255,) * 3) == pytest.approx(3.5, abs=0.05)


def test_a_window_that_keeps_every_rule_passes(qtbot):
    name = QLineEdit()
    name.setAccessibleName("Họ và tên")
    name.setMinimumHeight(50)
    choice = QComboBox()  # editable: its inner line edit is part of the control, not a control of its own
    choice.setEditable(True)
    choice.addItems(["Hà Nội", "Huế"])
    choice.setAccessibleName("Tỉnh")
    choice.setMinimumHeight(50)
    hidden = button(name="hidden", size=(10, 10))
    window = shown(qtbot, label("Xin chào", "greeting"), name, choice, button("Tiếp tục", "next"), hidden)
    hidden.hide()
    check(window)


def test_check_lists_every_problem_and_problems_wants_a_shown_window(qtbot):
    window = shown(qtbot, button(name="camera", size=(20, 20)))
    with pytest.raises(AssertionError, match=r"2 accessibility problem\(s\):\nQPushButton#camera: no accessible name\n"):
        check(window)
    with pytest.raises(ValueError, match="show the window"):
        problems(QWidget())


def test_an_icon_only_button_needs_an_accessible_name(qtbot):
    camera = button(name="camera", size=(60, 60))
    camera.setIcon(icon())
    window = shown(qtbot, camera, button("Chụp ảnh", "take"))
    assert problems(window) == ["QPushButton#camera: no accessible name"]  # the button with text has its text
    camera.setAccessibleName("Chụp ảnh")
    assert problems(window) == []


def test_a_field_without_a_name_is_reported(qtbot):
    field = QLineEdit()
    field.setObjectName("phone")
    field.setMinimumHeight(50)
    window = shown(qtbot, field)
    assert problems(window) == ["QLineEdit#phone: no accessible name"]


def test_touch_targets_are_at_least_44_px_both_ways(qtbot):
    window = shown(qtbot, button("OK", "small", size=(60, 30)), button("OK", "square", size=(44, 44)))
    assert problems(window) == ['QPushButton#small "OK": 60×30 px, smaller than 44×44 px']


def test_controls_closer_than_the_gap_are_reported(qtbot):
    close = shown(qtbot, button("Có", "yes"), button("Không", "no"), horizontal=True, spacing=6)
    assert problems(close) == ['QPushButton#yes "Có" and QPushButton#no "Không": 6 px apart, closer than 10 px']
    apart = shown(qtbot, button("Có", "yes"), button("Không", "no"), horizontal=True, spacing=10)
    assert problems(apart) == []


def test_overlapping_controls_and_labels_are_reported(qtbot):
    window = placed(
        qtbot,
        (button("Có", "yes"), QRect(10, 10, 160, 60)),
        (button("Không", "no"), QRect(100, 40, 160, 60)),
        (label("Họ và tên", "first"), QRect(10, 200, 150, 30)),
        (label("Ngày sinh", "second"), QRect(100, 210, 150, 30)),
    )
    assert problems(window) == [
        'QPushButton#yes "Có" and QPushButton#no "Không": overlap',
        'QLabel#first "Họ và tên" and QLabel#second "Ngày sinh": overlap',
    ]


def test_text_under_18_px_is_reported(qtbot):
    window = shown(qtbot, label("Ghi chú", "note", "font-size: 14px"), label("Hướng dẫn", "help", "font-size: 18px"))
    assert problems(window) == ['QLabel#note "Ghi chú": text 14 px, smaller than 18 px']


def test_cut_off_text_is_reported(qtbot):
    narrow = label("Vui lòng đặt căn cước lên đầu đọc", "narrow")
    narrow.setFixedWidth(120)
    wrapped = label("Vui lòng đặt căn cước công dân lên đầu đọc và giữ yên trong vài giây", "wrapped")
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(200, 30)
    roomy = label("Vui lòng đặt căn cước công dân lên đầu đọc", "roomy")
    roomy.setWordWrap(True)
    roomy.setFixedSize(200, 150)
    window = shown(qtbot, narrow, wrapped, roomy, button("Gửi hồ sơ trực tuyến", "send", size=(100, 60)))
    found = problems(window)
    assert len(found) == 3, found
    assert re.fullmatch(r'QLabel#narrow "Vui lòng đặt căn cước lên đầu…": text cut off, needs \d+×\d+ px, has 120×\d+ px', found[0])
    assert re.fullmatch(r'QLabel#wrapped "Vui lòng đặt căn cước công dâ…": text cut off, needs \d+ px high, has 30 px', found[1])
    assert re.fullmatch(r'QPushButton#send "Gửi hồ sơ trực tuyến": text cut off, needs \d+×\d+ px, has 9\d×\d+ px', found[2])


def test_style_sheets_set_the_palette_the_contrast_check_reads(qtbot):
    styled = label("Chào mừng", "styled")
    window = shown(qtbot, styled, style="#win { background: #202020; } QLabel#styled { color: #eeeeee; }")
    assert styled.palette().color(styled.foregroundRole()).name() == "#eeeeee"
    assert problems(window) == []


def test_the_background_is_what_the_parent_paints_behind_the_text(qtbot):
    window = shown(qtbot, label("Chào mừng", "dim"), style="#win { background: #202020; }")
    assert problems(window) == ['QLabel#dim "Chào mừng": contrast 1.29:1, below 4.5:1 (text #000000 on #202020)']


def test_small_text_needs_4_5_to_1_and_large_text_3_to_1(qtbot):
    grey = "color: #898989; font-size: {}px; font-weight: {};"
    window = shown(
        qtbot,
        label("Vừa đủ", "enough", "color: #767676;"),
        label("Nhạt", "faint", grey.format(20, "normal")),
        label("Lớn", "large", grey.format(24, "normal")),
        label("Đậm", "bold", grey.format(19, "bold")),
    )
    assert problems(window) == ['QLabel#faint "Nhạt": contrast 3.50:1, below 4.5:1 (text #898989 on #ffffff)']


def test_buttons_are_controls_and_need_3_to_1(qtbot):
    window = shown(
        qtbot,
        button("Được", "fine"),
        button("Quá nhạt", "pale"),
        style="QPushButton { background: white; border: 1px solid #767676; }"
        "#fine { color: #898989; } #pale { color: #aaaaaa; }",
    )
    assert problems(window) == ['QPushButton#pale "Quá nhạt": contrast 2.32:1, below 3:1 (text #aaaaaa on #ffffff)']

"""The trainer's panel over a training station (a fake one with the real TrainingRun): a scenario started,
the events arriving from other threads tick the expected actions, the simulated citizen's hands reach
the station off the GUI thread, stop shows the outcome, and the report is written as PDF and CSV; the
trainer is told what is missing (a name, a scenario) and when the station fails, and the panel goes on.
Training marked on the counter's and the kiosk's windows and on the slips. Screenshots of the panel
during and after a run, of the counter in training and of the report go to $KIOSK_SCREENSHOTS."""

from __future__ import annotations

import csv
import dataclasses
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt, QThreadPool
from PySide6.QtWidgets import QPushButton

from kiosk.devices import DeviceSetup
from kiosk.intake.slips import SupplementItem, SupplementRequest
from tests.ui.test_receipt_print import HOLDER, ISSUED, make_receipt
from tests.ui.test_slips import identity
from tests.ui.training_helpers import FakeTrainingStation
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists
from ui.kiosk_window import KioskWindow
from ui.receipt_print import receipt_pdf
from ui.slips import slip_pdf
from ui.training_panel import TrainerPanel
from ui.training_report import report_image

TRAINEE = "Nguyễn Thị  Hoa"  # two spaces: the run keeps one


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def training(tmp_path):
    return FakeTrainingStation(tmp_path)


@pytest.fixture
def panel(qtbot, training, languages):
    made = TrainerPanel(training, languages)
    qtbot.addWidget(made)
    made.show()
    yield made
    QThreadPool.globalInstance().waitForDone(10_000)


def pdf_text(path: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext is missing (poppler-utils): run packaging/dev setup"
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def choose(panel: TrainerPanel, scenario_id: str) -> None:
    panel.scenario_list.setCurrentRow([s.id for s in panel.scenarios].index(scenario_id))


def start(qtbot, panel: TrainerPanel, scenario_id: str, trainee: str = TRAINEE) -> None:
    panel.trainee.setText(trainee)
    choose(panel, scenario_id)
    with qtbot.waitSignal(panel.run_started, timeout=10_000):
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)


def record_elsewhere(run, event: str, **data) -> None:
    """As the intake's worker or the relay does: on a thread of its own."""
    thread = threading.Thread(target=lambda: run.record(event, **data))
    thread.start()
    thread.join()


def ticked(panel: TrainerPanel) -> list[bool]:
    return [bool(panel.expected.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(panel.expected.count())]


def stop(qtbot, panel: TrainerPanel):
    with qtbot.waitSignal(panel.run_ended, timeout=10_000) as ended:
        qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    return ended.args[0]


def test_a_run_ticks_each_expected_action_as_its_event_arrives_and_stop_shows_the_outcome(
        qtbot, panel, training, languages, shots):
    languages.switch("vi")
    start(qtbot, panel, "blank-page")
    run = training.run
    assert training.calls[0] == ("begin", "blank-page", "Nguyễn Thị Hoa") and run.trainee == "Nguyễn Thị Hoa"
    assert "MainThread" not in training.threads  # the station's calls run on workers
    assert not panel.start_button.isEnabled() and panel.stop_button.isEnabled()
    assert not panel.scenario_list.isEnabled()
    assert "run.started" in panel.events.item(0).text()
    assert panel.goal.text().startswith("Trang thứ 2 của tập quét là trang trắng")
    assert ticked(panel) == [False, False]

    qtbot.mouseClick(panel.place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("card.placed" in panel.events.item(i).text() for i in range(panel.events.count())),
                    timeout=10_000)
    assert ("place_card",) in training.calls
    training.clock.now = 75
    record_elsewhere(run, "scan.ended", pages=3)
    qtbot.waitUntil(lambda: ticked(panel) == [True, False], timeout=10_000)
    assert panel.expected.item(0).text() == "✔  Quét thành phần hồ sơ  (01:15)"
    training.clock.now = 130
    panel._tick()
    assert panel.elapsed.text() == "Đã qua 02:10 / 08:00"
    record_elsewhere(run, "page.deleted", blank=True)
    qtbot.waitUntil(lambda: ticked(panel) == [True, True], timeout=10_000)
    panel.resize(1100, 780)
    panel.grab().save(str(shots / "training-panel-during-run-vi.png"))

    training.clock.now = 150
    outcome = stop(qtbot, panel)
    assert ("end", "completed") in training.calls and outcome.passed
    assert panel.outcome_label.text().startswith('<b style="color:#0f5132; font-size:15pt">Đạt</b>')
    assert "02:30" in panel.outcome_label.text()
    assert panel.start_button.isEnabled() and not panel.stop_button.isEnabled()
    assert not panel.place_button.isEnabled()
    panel.grab().save(str(shots / "training-panel-after-run-vi.png"))


def test_a_forbidden_action_and_what_is_missing_are_named_in_the_outcome(qtbot, panel, training):
    start(qtbot, panel, "blank-page", "Trần Văn Nam")
    record_elsewhere(training.run, "scan.ended")
    record_elsewhere(training.run, "page.confirmed")  # the blank page kept
    qtbot.waitUntil(lambda: "happened" in panel.forbidden.item(0).text(), timeout=10_000)
    training.clock.now = 9 * 60  # the scenario gives 8 minutes
    panel._tick()
    assert panel.elapsed.text() == "Elapsed 09:00 of 08:00 — over the time limit"
    outcome = stop(qtbot, panel)
    assert ("end", "stopped") in training.calls and not outcome.passed
    text = panel.outcome_label.text()
    assert "Not passed" in text and "Missing: Remove the blank page" in text and "Over the time limit." in text
    assert "Must not happen, but did: Keep the blank page" in text


def test_a_run_outlives_a_closed_panel_without_a_word_to_it(qtbot, training, languages):
    panel = TrainerPanel(training, languages)
    qtbot.addWidget(panel)
    start(qtbot, panel, "card-lifted")
    run = training.run
    panel.close()
    assert run.listeners == []
    run.listeners.append(panel._listener)  # as if the panel had gone without closing: the Qt object deleted
    panel.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(panel), timeout=10_000)
    run.record("card.taken")  # the listener is told, and neither raises nor speaks to a deleted panel
    assert run.recorded[-1].event == "card.taken"


def test_the_report_is_written_as_pdf_and_csv_for_the_trainee(qtbot, panel, training, languages, shots):
    languages.switch("vi")
    start(qtbot, panel, "blank-page")
    record_elsewhere(training.run, "scan.ended")
    record_elsewhere(training.run, "page.deleted", blank=True)
    training.clock.now = 200
    stop(qtbot, panel)
    choose(panel, "feeder-jam")
    with qtbot.waitSignal(panel.run_started, timeout=10_000):
        panel.start()
    training.clock.now = 500
    stop(qtbot, panel)

    with qtbot.waitSignal(panel.report_written, timeout=30_000) as written:
        qtbot.mouseClick(panel.report_button, Qt.MouseButton.LeftButton)
    csv_path, pdf_path = written.args
    assert pdf_path == training.reports_dir / "training-nguyen-thi-hoa.pdf" and pdf_path.is_file()
    assert csv_path.parent == pdf_path.parent and csv_path.suffix == ".csv"
    assert not list(training.reports_dir.glob("*.partial"))
    assert str(pdf_path) in panel.report_note.text() and str(csv_path) in panel.report_note.text()
    text = pdf_text(pdf_path)
    assert "Nguyễn Thị Hoa" in text and "Một trang trắng trong tập quét" in text
    assert "BÁO CÁO ĐÀO TẠO" in text and "Đạt" in text and "Chưa đạt" in text  # one passed, one not
    with open(csv_path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert {row["trainee"] for row in rows} == {"Nguyễn Thị Hoa"}
    assert {row["scenario"] for row in rows} == {"blank-page", "feeder-jam"}

    assert shutil.which("pdftoppm"), "pdftoppm is missing (poppler-utils): run packaging/dev setup"
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf_path), str(shots / "training-report-vi")],
                   check=True)
    assert (shots / "training-report-vi.png").stat().st_size > 10_000
    image = report_image(training.outcomes, "Nguyễn Thị Hoa", "vi", dpi=60)
    assert (image.width(), image.height()) == (496, 702) and not image.isNull()


def test_the_trainer_is_told_what_is_missing_before_anything_starts(qtbot, panel, training, languages):
    languages.switch("vi")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Hãy nhập họ tên học viên trước."
    panel.trainee.setText("   ")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Hãy nhập họ tên học viên trước."
    panel.trainee.setText(TRAINEE)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Hãy chọn một tình huống trước."
    qtbot.mouseClick(panel.report_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Nguyễn Thị Hoa chưa hoàn thành tình huống nào: chưa có gì để báo cáo."
    assert not panel.place_button.isEnabled()  # the citizen's hands wait for a run
    panel.place_card()
    assert panel.message.text() == "Hãy bắt đầu một tình huống trước."
    assert training.calls == []


def test_a_station_call_that_fails_is_shown_and_the_panel_goes_on(qtbot, panel, training):
    training.failing["begin"] = RuntimeError("the virtual card did not start")
    panel.trainee.setText(TRAINEE)
    choose(panel, "card-lifted")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "did not start" in panel.message.text(), timeout=10_000)
    assert panel.message.text() == ("The training station could not start the scenario: "
                                    "the virtual card did not start")
    assert panel.run is None and panel.start_button.isEnabled()

    del training.failing["begin"]
    with qtbot.waitSignal(panel.run_started, timeout=10_000):
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == ""
    training.failing["set_network"] = OSError("no such network namespace")
    qtbot.mouseClick(panel.network_down_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "network namespace" in panel.message.text(), timeout=10_000)
    assert panel.message.text().startswith("The training station could not change the network")
    assert panel.running and panel.stop_button.isEnabled()
    stop(qtbot, panel)


def test_the_titles_follow_the_language(qtbot, panel, languages):
    languages.switch("vi")
    assert panel.scenario_list.item(0).text() == panel.scenarios[0].title.vi
    languages.switch("en")
    assert panel.scenario_list.item(0).text() == panel.scenarios[0].title.en
    assert panel.windowTitle() == "Training — trainer's panel"


# --- training marked on the windows and the slips ------------------------------------------------------

def training_config(config):
    """The configuration of a training station (Config.training, set by hand where the field is unknown)."""
    if "training" in {field.name for field in dataclasses.fields(config)}:
        return dataclasses.replace(config, training=True)
    marked = dataclasses.replace(config)
    object.__setattr__(marked, "training", True)
    return marked


def test_the_counter_window_shows_the_training_strip_above_everything(qtbot, config, languages, shots):
    languages.switch("vi")
    window = CounterWindow(training_config(config), languages, DeviceLists(DeviceSetup()))
    qtbot.addWidget(window)
    window.show()
    strip = window.training_strip
    assert strip.isVisible() and strip.text() == "ĐÀO TẠO — không phải hồ sơ thật"
    assert strip.geometry().bottom() < window.stack.mapTo(window.centralWidget(), window.stack.rect().topLeft()).y()
    assert window.windowTitle().startswith("ĐÀO TẠO")
    languages.switch("en")
    assert strip.text() == "TRAINING — not a real dossier"
    languages.switch("vi")
    window.grab().save(str(shots / "training-counter-vi.png"))

    plain = CounterWindow(config, languages, DeviceLists(DeviceSetup()))
    qtbot.addWidget(plain)
    assert plain.training_strip is None and plain.centralWidget() is plain.stack


def test_the_kiosk_window_shows_the_training_strip_on_every_screen(qtbot, qapp, config, languages, card_events,
                                                                    shots):
    config = training_config(dataclasses.replace(config, mode="kiosk"))
    languages.switch("vi")
    window = KioskWindow(config, languages, qapp, card_events)
    qtbot.addWidget(window)
    window.show()
    strip = window.training_strip
    assert strip.isVisible() and strip.text() == "ĐÀO TẠO — không phải hồ sơ thật"
    for index in range(window.screens.count()):  # above the stack of screens: on each of them
        window.screens.setCurrentIndex(index)
        assert strip.isVisible() and strip.geometry().bottom() < window.screens.geometry().top()
        buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
        assert buttons and not any(strip.geometry().intersects(QRect(b.mapTo(window, QPoint(0, 0)), b.size()))
                                   for b in buttons)  # it hides no control
    window.resize(1280, 800)
    window.screens.setCurrentWidget(window.welcome)
    window.grab().save(str(shots / "training-kiosk-vi.png"))


def test_every_slip_and_the_kiosk_receipt_say_training(qapp, tmp_path):
    slip = SupplementRequest(identity(), (SupplementItem("Tờ khai", "Ký lại"),))
    for name, pdf in (("supplement", slip_pdf("supplement", slip, training=True)),
                      ("plain", slip_pdf("supplement", slip)),
                      ("receipt", receipt_pdf(make_receipt(), HOLDER, None, ISSUED, "vi", training=True))):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
    assert "TRAINING" in pdf_text(tmp_path / "supplement.pdf")
    assert "BẢN IN ĐÀO TẠO" in pdf_text(tmp_path / "supplement.pdf")
    assert "TRAINING" not in pdf_text(tmp_path / "plain.pdf")
    assert "TRAINING" in pdf_text(tmp_path / "receipt.pdf")

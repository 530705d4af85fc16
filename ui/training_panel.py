"""The trainer's panel, a window beside the trainee's: who is trained, which scenario, the simulated citizen's
hands (the card on the reader and off it, the network down and back), the run as it goes (time against
the limit, the events recorded, each expected action ticked), its outcome, and the trainee's report.

A thin front end of the training station (`kiosk.training_station.TrainingStation`): every call into it
blocks (processes, network, files) and runs on a worker; the run tells its listeners on whichever thread
recorded the event (the intake's, the relay's), and the panel takes them to the GUI thread by a queued
signal. The outcome is the core's (`TrainingRun.outcome`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from kiosk.training import Outcome, Recorded, Scenario, TrainingRun, trainee_name
from ui.counter.fonts import COUNTER_POINTS, HEADING_POINTS, bold
from ui.i18n import Languages
from ui.training_report import write_report_pdf
from ui.workers import run_in_background

log = logging.getLogger(__name__)

BUTTON_HEIGHT = 40  # px: an easy target with the mouse or a touch screen
TICK_MS = 1000  # the elapsed time shown to the second
PASSED_INK, FAILED_INK, NOTE_INK = "#0f5132", "#842029", "#212529"  # on white: 9.6, 8.3 and 15.4 to 1
EVENT_DATA_CHARS = 80  # an event's data shown up to this length (events carry no personal data)


def _clock(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


class _Events(QObject):
    """Carries a run's events from the thread that recorded them to the GUI thread."""

    recorded = Signal(object)


class TrainerPanel(QWidget):
    """`training`: a TrainingStation (or anything with its methods and fields); `languages`: the
    application's, so that titles and goals follow the trainee's window."""

    run_started = Signal(object)  # the TrainingRun
    run_ended = Signal(object)  # its Outcome
    report_written = Signal(object, object)  # the CSV's and the PDF's paths

    def __init__(self, training: Any, languages: Languages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainer_panel")
        self.setWindowFlag(Qt.WindowType.Window)
        self.training = training
        self.languages = languages
        self.run: TrainingRun | None = None
        self.outcome: Outcome | None = None
        self._busy = False  # a start or stop under way on a worker
        self._seen: set[int] = set()  # the run's entries shown (told twice: read back, and by the listener)
        self._events = _Events(self)
        self._events.recorded.connect(self._on_recorded, Qt.ConnectionType.QueuedConnection)
        self._listener = self._make_listener()
        languages.changed.connect(self.retranslate)

        self.trainee_label = QLabel()
        self.trainee = QLineEdit(objectName="trainee")
        self.trainee_label.setBuddy(self.trainee)
        self.scenarios_label = QLabel(font=bold(HEADING_POINTS))
        self.scenario_list = QListWidget(objectName="scenarios")
        self.scenario_list.currentRowChanged.connect(self._show_scenario)
        self.problems = QLabel(objectName="problems", wordWrap=True)
        self.problems.setStyleSheet(f"color: {FAILED_INK};")
        self.goal = QLabel(objectName="goal", wordWrap=True)
        self.goal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.expected_label = QLabel(font=bold())
        self.expected = QListWidget(objectName="expected")
        self.forbidden_label = QLabel(font=bold())
        self.forbidden = QListWidget(objectName="forbidden")
        self.forbidden.setMaximumHeight(90)

        self.start_button = QPushButton(objectName="start", clicked=self.start)
        self.stop_button = QPushButton(objectName="stop", clicked=self.stop)
        self.hands = QGroupBox()
        self.place_button = QPushButton(objectName="place_card", clicked=self.place_card)
        self.take_button = QPushButton(objectName="take_card", clicked=self.take_card)
        self.network_down_button = QPushButton(objectName="network_down", clicked=lambda: self.set_network(False))
        self.network_back_button = QPushButton(objectName="network_back", clicked=lambda: self.set_network(True))
        hands = QGridLayout(self.hands)  # one under the other: whole labels in a panel a third of a screen wide
        for row, button in enumerate((self.place_button, self.take_button, self.network_down_button,
                                      self.network_back_button)):
            hands.addWidget(button, row, 0)
        self.elapsed = QLabel(objectName="elapsed", font=bold(HEADING_POINTS))
        self.events_label = QLabel(font=bold())
        self.events = QListWidget(objectName="events")
        self.outcome_label = QLabel(objectName="outcome", wordWrap=True)
        self.outcome_label.setTextFormat(Qt.TextFormat.RichText)
        self.report_button = QPushButton(objectName="write_report", clicked=self.write_report)
        self.report_note = QLabel(objectName="report_note", wordWrap=True)
        self.report_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.message.setStyleSheet(f"color: {FAILED_INK}; font-weight: bold;")

        left = QVBoxLayout()
        left.addWidget(self.trainee_label)
        left.addWidget(self.trainee)
        left.addWidget(self.scenarios_label)
        left.addWidget(self.scenario_list, 2)
        left.addWidget(self.problems)
        left.addWidget(self.goal)
        left.addWidget(self.expected_label)
        left.addWidget(self.expected, 2)
        left.addWidget(self.forbidden_label)
        left.addWidget(self.forbidden)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(buttons)
        right.addWidget(self.hands)
        right.addWidget(self.elapsed)
        right.addWidget(self.events_label)
        right.addWidget(self.events, 3)
        right.addWidget(self.outcome_label)
        report = QHBoxLayout()
        report.addWidget(self.report_button)
        report.addStretch(1)
        right.addLayout(report)
        right.addWidget(self.report_note)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.message)

        font = self.font()
        font.setPointSize(max(font.pointSize(), COUNTER_POINTS))
        self.setFont(font)
        for button in self.findChildren(QPushButton):
            button.setMinimumHeight(BUTTON_HEIGHT)
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._fill_scenarios()
        self.retranslate()
        self._enable()
        self.resize(1100, 780)

    # --- the scenarios -------------------------------------------------------------------------------

    @property
    def scenarios(self) -> list[Scenario]:
        return list(self.training.scenarios)

    def _fill_scenarios(self) -> None:
        row = self.scenario_list.currentRow()
        self.scenario_list.blockSignals(True)
        self.scenario_list.clear()
        for scenario in self.scenarios:
            self.scenario_list.addItem(scenario.title.text(self.languages.current))
        self.scenario_list.setCurrentRow(row)
        self.scenario_list.blockSignals(False)

    def selected(self) -> Scenario | None:
        row = self.scenario_list.currentRow()
        return self.scenarios[row] if 0 <= row < len(self.scenarios) else None

    def _shown(self) -> Scenario | None:
        """The scenario whose goal and actions are shown: the run's while one goes on, and after it until
        the trainer chooses another."""
        selected = self.selected()
        if self.run is not None and (self.running or selected is None or selected is self.run.scenario):
            return self.run.scenario
        return selected

    def _show_scenario(self, _row: int = -1) -> None:
        scenario = self._shown()
        language = self.languages.current
        self.expected.clear()
        self.forbidden.clear()
        if scenario is None:
            self.goal.setText(self.tr("Choose a scenario to see its goal and the actions expected."))
            return
        limit = self.tr("Time limit: %1 min").replace("%1", str(scenario.time_limit // 60))
        self.goal.setText(f"{scenario.goal.text(language)}\n{limit}")
        for action in scenario.expected:
            self.expected.addItem(QListWidgetItem(f"○  {action.says.text(language)}"))
        for action in scenario.forbidden:
            self.forbidden.addItem(QListWidgetItem(f"✕  {action.says.text(language)}"))
        if not scenario.forbidden:
            self.forbidden.addItem(self.tr("(none)"))
        self._tick_actions()

    # --- the run --------------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _failed(self, what: str) -> Callable[[Exception], None]:
        def show(error: Exception) -> None:
            self._busy = False
            log.warning("training station: %s failed (%s)", what, error.__class__.__name__)
            self._say(self.tr("The training station could not %1: %2").replace("%1", self._doing(what))
                      .replace("%2", str(error) or error.__class__.__name__))
            self._enable()
        return show

    def _doing(self, what: str) -> str:
        return {"begin": self.tr("start the scenario"), "end": self.tr("stop the scenario"),
                "place_card": self.tr("put the card on the reader"), "take_card": self.tr("take the card off"),
                "network": self.tr("change the network"), "report": self.tr("write the report")}.get(what, what)

    def _trainee(self) -> str:
        """The trainee's name, or "" with the trainer asked for it."""
        name = trainee_name(self.trainee.text())
        if not name:
            self._say(self.tr("Write the trainee's name first."))
            self.trainee.setFocus()
        return name

    def start(self) -> None:
        name = self._trainee()
        if not name:
            return
        scenario = self.selected()
        if scenario is None:
            self._say(self.tr("Choose a scenario first."))
            self.scenario_list.setFocus()
            return
        if self._busy or self.running:
            return
        self._say("")
        self._busy = True
        self._enable()
        training = self.training
        run_in_background(lambda: training.begin(scenario, name), self._begun, self._failed("begin"), self)

    def _begun(self, run: TrainingRun) -> None:
        self._busy = False
        self.run, self.outcome = run, None
        self._seen.clear()
        self.events.clear()
        self._show_outcome()
        self.report_note.clear()
        run.listeners.append(self._listener)
        for entry in run.recorded:  # those before the listener (run.started, the incident armed)
            self._on_recorded(entry)
        self._show_scenario()
        self._timer.start()
        self._tick()
        self._enable()
        self.run_started.emit(run)

    def stop(self) -> None:
        if self.run is None or self._busy:
            return
        self._busy = True
        self._enable()
        how = "completed" if self.run.outcome().completed else "stopped"
        training = self.training
        run_in_background(lambda: training.end(how), self._ended, self._failed("end"), self)

    def _ended(self, outcome: Outcome) -> None:
        self._busy = False
        self._timer.stop()
        if self.run is not None and self._listener in self.run.listeners:
            self.run.listeners.remove(self._listener)
        self.outcome = outcome
        self._tick()
        self._show_outcome()
        self._enable()
        self.run_ended.emit(outcome)

    @property
    def running(self) -> bool:
        return self.run is not None and self.outcome is None

    def _make_listener(self) -> Callable[[Recorded], None]:
        events = self._events

        def tell(entry: Recorded) -> None:  # on the recording thread: never raise into the run
            if shiboken6.isValid(events):
                events.recorded.emit(entry)
        return tell

    def _on_recorded(self, entry: Recorded) -> None:
        if id(entry) in self._seen:
            return
        self._seen.add(id(entry))
        data = ", ".join(f"{key}={value}" for key, value in entry.data.items())
        if len(data) > EVENT_DATA_CHARS:
            data = data[:EVENT_DATA_CHARS - 1] + "…"
        self.events.addItem(f"{_clock(entry.at)}  {entry.event}" + (f"  ({data})" if data else ""))
        self.events.scrollToBottom()
        self._tick_actions()

    def _tick(self) -> None:
        if self.run is None:
            self.elapsed.clear()
            return
        outcome = self.outcome or self.run.outcome()
        limit = self.run.scenario.time_limit
        text = self.tr("Elapsed %1 of %2").replace("%1", _clock(outcome.duration)).replace("%2", _clock(limit))
        over = outcome.duration > limit
        if over:
            text += " — " + self.tr("over the time limit")
        self.elapsed.setText(text)
        self.elapsed.setStyleSheet(f"color: {FAILED_INK if over else NOTE_INK};")

    def _tick_actions(self) -> None:
        """Each expected action of the run ticked when done, with when."""
        if self.run is None or self._shown() is not self.run.scenario:
            return
        outcome = self.outcome or self.run.outcome()
        language = self.languages.current
        for row, result in enumerate(outcome.expected):
            item = self.expected.item(row)
            if item is None:
                continue
            says = result.action.says.text(language)
            item.setText(f"✔  {says}  ({_clock(result.at)})" if result.done else f"○  {says}")
            item.setForeground(QColor(PASSED_INK if result.done else NOTE_INK))
            item.setData(Qt.ItemDataRole.UserRole, result.done)
        happened = {id(result.action) for result in outcome.forbidden}
        for row, action in enumerate(self.run.scenario.forbidden):
            item = self.forbidden.item(row)
            if item is not None and id(action) in happened:
                item.setForeground(QColor(FAILED_INK))
                item.setText(f"✕  {action.says.text(language)}  — " + self.tr("happened"))

    def _show_outcome(self) -> None:
        outcome = self.outcome
        if outcome is None:
            self.outcome_label.clear()
            self.outcome_label.setMinimumHeight(0)
            return
        language = self.languages.current
        verdict = self.tr("Passed") if outcome.passed else self.tr("Not passed")
        ink = PASSED_INK if outcome.passed else FAILED_INK
        lines = [f'<b style="color:{ink}; font-size:{HEADING_POINTS}pt">{verdict}</b>',
                 self.tr("Time: %1 (limit %2)").replace("%1", _clock(outcome.duration))
                 .replace("%2", _clock(outcome.scenario.time_limit))]
        if not outcome.within_time:
            lines.append(self.tr("Over the time limit."))
        if outcome.missing:
            lines.append(self.tr("Missing: %1").replace("%1", "; ".join(a.says.text(language) for a in outcome.missing)))
        if outcome.forbidden:
            lines.append(self.tr("Must not happen, but did: %1").replace(
                "%1", "; ".join(r.action.says.text(language) for r in outcome.forbidden)))
        self.outcome_label.setText("<br/>".join(lines))
        # a wrapped label's height is not asked again by the layout once shown: given here
        self.outcome_label.setMinimumHeight(self.outcome_label.heightForWidth(max(self.outcome_label.width(), 300)))
        self.layout().activate()

    # --- the citizen's hands ------------------------------------------------------------------------

    def _station_call(self, what: str, call: Callable[[], Any]) -> None:
        if not self.running:
            self._say(self.tr("Start a scenario first."))
            return
        self._say("")
        run_in_background(call, lambda _result: None, self._failed(what), self)

    def place_card(self) -> None:
        training = self.training
        self._station_call("place_card", lambda: training.place_card())

    def take_card(self) -> None:
        training = self.training
        self._station_call("take_card", lambda: training.take_card())

    def set_network(self, up: bool) -> None:
        training = self.training
        self._station_call("network", lambda: training.set_network(up))

    # --- the report -----------------------------------------------------------------------------------

    def write_report(self) -> None:
        name = self._trainee()
        if not name:
            return
        outcomes = [outcome for outcome in self.training.outcomes if outcome.trainee == name]
        if not outcomes:
            self._say(self.tr("%1 has not finished a scenario yet: nothing to report.").replace("%1", name))
            return
        self._say("")
        self.report_button.setEnabled(False)
        training, language, folder = self.training, self.languages.current, Path(self.training.reports_dir)

        def write() -> tuple[Path, Path]:
            return training.write_csv(name), write_report_pdf(outcomes, name, folder, language)

        run_in_background(write, self._report_written, self._report_failed, self)

    def _report_written(self, paths: tuple[Path, Path]) -> None:
        csv_path, pdf_path = paths
        self.report_button.setEnabled(True)
        self.report_note.setText(self.tr("Report written: %1 and %2").replace("%1", str(pdf_path))
                                 .replace("%2", str(csv_path)))
        self.report_written.emit(csv_path, pdf_path)

    def _report_failed(self, error: Exception) -> None:
        self.report_button.setEnabled(True)
        self._failed("report")(error)

    # --- the frame -------------------------------------------------------------------------------------

    def _enable(self) -> None:
        running, idle = self.running, not self._busy
        self.start_button.setEnabled(idle and not running)
        self.stop_button.setEnabled(idle and running)
        self.scenario_list.setEnabled(not running and idle)
        self.trainee.setReadOnly(running or not idle)
        for button in (self.place_button, self.take_button, self.network_down_button, self.network_back_button):
            button.setEnabled(running)

    def closeEvent(self, event) -> None:
        self._timer.stop()
        if self.run is not None and self._listener in self.run.listeners:
            self.run.listeners.remove(self._listener)
        super().closeEvent(event)

    def retranslate(self, _language: str | None = None) -> None:
        self.setWindowTitle(self.tr("Training — trainer's panel"))
        self.trainee_label.setText(self.tr("&Trainee's name"))
        self.trainee.setPlaceholderText(self.tr("Full name of the officer being trained"))
        self.trainee.setAccessibleName(self.tr("Trainee's name"))
        self.scenarios_label.setText(self.tr("Scenarios"))
        self.scenario_list.setAccessibleName(self.tr("Scenarios"))
        problems = list(getattr(self.training, "problems", []))
        self.problems.setText(self.tr("Not loaded: %1").replace("%1", "; ".join(problems)) if problems else "")
        self.problems.setVisible(bool(problems))
        self.expected_label.setText(self.tr("Expected of the trainee"))
        self.expected.setAccessibleName(self.tr("Expected of the trainee"))
        self.forbidden_label.setText(self.tr("Must not happen"))
        self.forbidden.setAccessibleName(self.tr("Must not happen"))
        self.start_button.setText(self.tr("Start"))
        self.stop_button.setText(self.tr("Stop"))
        self.hands.setTitle(self.tr("The citizen's hands"))
        self.place_button.setText(self.tr("Put the card on the reader"))
        self.take_button.setText(self.tr("Take the card off"))
        self.network_down_button.setText(self.tr("Network down"))
        self.network_back_button.setText(self.tr("Network back"))
        self.events_label.setText(self.tr("Recorded events"))
        self.events.setAccessibleName(self.tr("Recorded events"))
        self.report_button.setText(self.tr("Write report (PDF and CSV)"))
        self._fill_scenarios()
        self._show_scenario()
        self._tick()
        self._show_outcome()

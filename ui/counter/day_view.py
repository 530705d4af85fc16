"""The day at this station: dossiers received, by procedure and by hour, the non-territorial ones
(the citizen's address outside the receiving unit), the median handling time and the dossiers over the
wait threshold; as bar charts with their numbers, and as CSV (the core's DayReport.to_csv)."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QDateEdit, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from ui.counter.bar_chart import BarChart
from ui.counter.dossier_list import minutes_of
from ui.workers import run_in_background
from ui.counter.fonts import bold

log = logging.getLogger(__name__)


class DayView(QWidget):
    """`read(day) -> DayReport` runs on a worker. `exported(path)` after a CSV is written."""

    exported = Signal(str)

    def __init__(self, read, today: date, wait_alert_minutes: int = 20, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("day-view")
        self._read = read
        self.wait_alert_minutes = wait_alert_minutes
        self.report = None
        self.day_label = QLabel()
        self.day = QDateEdit(QDate(today.year, today.month, today.day), objectName="day", calendarPopup=True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day_label.setBuddy(self.day)
        self.day.dateChanged.connect(lambda _: self.load())
        self.export_button = QPushButton(objectName="export", clicked=self.export)
        self.figures = {name: QLabel(objectName=name) for name in
                        ("received", "non-territorial", "median", "over-threshold")}
        self.figure_names = {name: QLabel() for name in self.figures}
        self.procedure_box, self.hour_box = QGroupBox(), QGroupBox()
        self.by_procedure, self.by_hour = BarChart(), BarChart()
        self.by_procedure.setObjectName("by-procedure")
        self.by_hour.setObjectName("by-hour")
        for box, chart in ((self.procedure_box, self.by_procedure), (self.hour_box, self.by_hour)):
            QVBoxLayout(box).addWidget(chart)
        self.note = QLabel(objectName="note", wordWrap=True)
        top = QHBoxLayout()
        top.addWidget(self.day_label)
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(self.export_button)
        figures = QGridLayout()
        for row, name in enumerate(self.figures):
            figures.addWidget(self.figure_names[name], row, 0)
            figures.addWidget(self.figures[name], row, 1)
            self.figures[name].setFont(bold())
        figures.setColumnStretch(2, 1)
        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(figures)
        body.addWidget(self.procedure_box)
        body.addWidget(self.hour_box)
        body.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        self.retranslate()
        self.load()

    def selected_day(self) -> date:
        return self.day.date().toPython()

    def load(self) -> None:
        self.note.setText(self.tr("Counting the day's dossiers…"))
        day, read = self.selected_day(), self._read
        run_in_background(lambda: read(day), self._loaded, self._failed, self)

    def _loaded(self, report) -> None:
        if report.day != self.selected_day():
            return  # the officer has chosen another day since
        self.report = report
        self.note.clear()
        self._show()

    def _failed(self, error: Exception) -> None:
        log.error("day report not made: %s", error.__class__.__name__)
        self.note.setText(self.tr("The day's figures could not be counted: %1").replace("%1", str(error)))

    def _show(self) -> None:
        report = self.report
        if report is None:
            for label in self.figures.values():
                label.setText("—")
            self.by_procedure.set_bars([], self.tr("Dossiers by procedure"))
            self.by_hour.set_bars([], self.tr("Dossiers by hour"))
            return
        median = report.median_handling_seconds
        self.figures["received"].setText(str(report.received))
        self.figures["non-territorial"].setText(str(report.non_territorial))
        self.figures["median"].setText("—" if median is None else self.duration_text(median))
        self.figures["over-threshold"].setText(str(report.over_threshold))
        procedures = sorted(report.by_procedure.items(), key=lambda item: (-item[1], item[0]))
        self.by_procedure.set_bars([(code, count, str(count)) for code, count in procedures],
                                   self.tr("Dossiers by procedure"))
        self.by_hour.set_bars([(f"{int(hour):02d}:00", count, str(count)) for hour, count in
                               sorted(report.by_hour.items(), key=lambda item: int(item[0]))],
                              self.tr("Dossiers by hour"))
        if not report.received:
            self.note.setText(self.tr("No dossier was received on this day."))

    def duration_text(self, seconds: float) -> str:
        hours, minutes = minutes_of(timedelta(seconds=seconds))
        if not hours and not minutes:
            return self.tr("%1 s").replace("%1", str(int(seconds)))
        return (self.tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", f"{minutes:02d}") if hours
                else self.tr("%1 min %2 s").replace("%1", str(minutes)).replace("%2", f"{int(seconds) % 60:02d}"))

    def export(self) -> None:
        if self.report is None:
            self.note.setText(self.tr("Nothing to export yet."))
            return
        name = f"counter-day-{self.report.day.isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the day as CSV"), str(Path.home() / name),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.write_csv(Path(path))

    def write_csv(self, path: Path) -> None:
        """The day's figures as CSV (no personal data: counts and codes)."""
        try:
            path.write_text(self.report.to_csv(), encoding="utf-8")
        except OSError as error:
            self.note.setText(self.tr("The file could not be written: %1").replace("%1", error.strerror or str(error)))
            return
        self.note.setText(self.tr("Exported to %1").replace("%1", str(path)))
        self.exported.emit(str(path))

    def retranslate(self) -> None:
        self.day_label.setText(self.tr("&Day:"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Export the day's figures as CSV (Ctrl+E)"))
        names = {"received": self.tr("Dossiers received:"),
                 "non-territorial": self.tr("Non-territorial (address outside the receiving unit):"),
                 "median": self.tr("Median handling time:"),
                 "over-threshold": self.tr("Over the %1-minute wait:").replace("%1", str(self.wait_alert_minutes))}
        for name, text in names.items():
            self.figure_names[name].setText(text)
        self.procedure_box.setTitle(self.tr("Dossiers by procedure"))
        self.hour_box.setTitle(self.tr("Dossiers by hour"))
        self._show()

"""A trainee's report: every scenario they played, each expected action done or not and when.

The CSV is written here (one line per action, a summary line per run, for the trainer's spreadsheet);
the PDF is drawn by the trainer's panel from the same `ReportLine`s. Both go to the training folder,
which holds no citizen's data: the citizens are fictitious and the events carry none.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.text import fold

from .run import Outcome

COLUMNS = ("trainee", "started_at", "scenario", "title", "line", "action", "event", "result", "seconds",
           "time_limit_seconds")


@dataclass(frozen=True)
class ReportLine:
    outcome: Outcome
    line: str  # "expected", "forbidden" or "summary"
    action: str  # in the report's language
    event: str
    result: str  # "done", "missing", "happened", "passed", "failed"
    seconds: float | None


def report_lines(outcomes: list[Outcome], language: str = "vi") -> list[ReportLine]:
    lines = []
    for outcome in outcomes:
        for result in outcome.expected:
            lines.append(ReportLine(outcome, "expected", result.action.says.text(language), result.action.event,
                                    "done" if result.done else "missing", result.at))
        for result in outcome.forbidden:
            lines.append(ReportLine(outcome, "forbidden", result.action.says.text(language), result.action.event,
                                    "happened", result.at))
        lines.append(ReportLine(outcome, "summary", outcome.scenario.title.text(language), "",
                                "passed" if outcome.passed else "failed", outcome.duration))
    return lines


def report_name(trainee: str) -> str:
    """The trainee's file name (without suffix): their name folded to ASCII, with the training prefix."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(trainee).lower()).strip("-") or "trainee"
    return f"training-{slug[:60]}"


def write_csv(outcomes: list[Outcome], path: Path, language: str = "vi") -> Path:
    """Writes the trainee's runs as CSV (UTF-8 with a byte-order mark: spreadsheets then read the
    Vietnamese right); replaced whole, never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for line in report_lines(outcomes, language):
            outcome = line.outcome
            writer.writerow((outcome.trainee, outcome.started_at.isoformat(timespec="seconds"), outcome.scenario.id,
                             outcome.scenario.title.text(language), line.line, line.action, line.event, line.result,
                             "" if line.seconds is None else f"{line.seconds:.1f}", outcome.scenario.time_limit))
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, path)
    return path

"""One trainee playing one scenario: what happened, when, and how it compares with what was expected.

The run records events from whichever thread produces them (the intake's worker, the relay, the
trainer's panel); the outcome matches the scenario's expected actions in order, each after the one
before it, and names any forbidden one that happened. Events carry no personal data (the intake's
never do), so the recording may be kept and reported.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from kiosk.domain import utcnow
from kiosk.text import nfc

from .scenarios import Action, Scenario


@dataclass(frozen=True)
class Recorded:
    at: float  # seconds since the run started
    event: str
    data: dict[str, Any]


@dataclass(frozen=True)
class ActionResult:
    action: Action
    at: float | None  # seconds since the start when done (forbidden: when it happened); None: not

    @property
    def done(self) -> bool:
        return self.at is not None


@dataclass(frozen=True)
class Outcome:
    scenario: Scenario
    trainee: str
    started_at: datetime
    duration: float  # seconds, to the end (or to now, while the run goes on)
    expected: tuple[ActionResult, ...]
    forbidden: tuple[ActionResult, ...]  # only those that happened
    ended: str | None  # how the run ended: "completed", "stopped", "timed_out"; None while it goes on

    @property
    def completed(self) -> bool:
        return all(result.done for result in self.expected)

    @property
    def within_time(self) -> bool:
        return self.duration <= self.scenario.time_limit

    @property
    def passed(self) -> bool:
        return self.completed and not self.forbidden and self.within_time

    @property
    def missing(self) -> list[Action]:
        return [result.action for result in self.expected if not result.done]


def trainee_name(text: str) -> str:
    """The trainee's name as runs and reports keep it: NFC, spaces collapsed."""
    return nfc(" ".join((text or "").split()))


class TrainingRun:
    def __init__(self, scenario: Scenario, trainee: str, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = utcnow) -> None:
        trainee = trainee_name(trainee)
        if not trainee:
            raise ValueError("a training run needs the trainee's name")
        self.scenario = scenario
        self.trainee = trainee
        self._clock = clock
        self._start = clock()
        self.started_at = wall()
        self._lock = threading.Lock()
        self._recorded: list[Recorded] = []
        self._ended: tuple[str, float] | None = None
        self.listeners: list[Callable[[Recorded], None]] = []  # the trainer's panel, told of each event
        self.record("run.started", scenario=scenario.id)

    def record(self, event: str, **data: Any) -> None:
        with self._lock:
            if self._ended is not None:
                return
            entry = Recorded(round(self._clock() - self._start, 3), event, data)
            self._recorded.append(entry)
        for listener in list(self.listeners):
            listener(entry)

    def observe(self, event) -> None:
        """An intake's Event (kiosk.intake.Event: its code and data)."""
        self.record(event.code, **event.data)

    @property
    def recorded(self) -> list[Recorded]:
        with self._lock:
            return list(self._recorded)

    def end(self, how: str = "stopped") -> Outcome:
        """Ends the run (once: later calls keep the first end) and gives its outcome."""
        self.record("run.ended", how=how)
        with self._lock:
            if self._ended is None:
                self._ended = (how, self._clock() - self._start)
        return self.outcome()

    @property
    def ended(self) -> bool:
        with self._lock:
            return self._ended is not None

    def outcome(self) -> Outcome:
        with self._lock:
            recorded = list(self._recorded)
            ended = self._ended
        duration = ended[1] if ended else self._clock() - self._start
        expected, position = [], 0
        for action in self.scenario.expected:
            at = None
            for index in range(position, len(recorded)):
                if action.matches(recorded[index].event, recorded[index].data):
                    at, position = recorded[index].at, index + 1
                    break
            expected.append(ActionResult(action, at))
        forbidden = []
        for action in self.scenario.forbidden:
            happened = next((entry.at for entry in recorded if action.matches(entry.event, entry.data)), None)
            if happened is not None:
                forbidden.append(ActionResult(action, happened))
        return Outcome(self.scenario, self.trainee, self.started_at, round(duration, 3), tuple(expected),
                       tuple(forbidden), ended[0] if ended else None)

"""A training station for the trainer's panel's tests: the methods and fields of
kiosk.training_station.TrainingStation, no devices. It records every call, drives a real
kiosk.training.TrainingRun on a clock the test moves, and raises where a test asks it to."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.text import nfc
from kiosk.training import Outcome, Scenario, TrainingRun, load_scenarios, report_name, write_csv


class RunClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FakeTrainingStation:
    def __init__(self, folder: Path, config=None, mode: str = "counter") -> None:
        self.config = config
        self.mode = mode
        self.scenarios: list[Scenario] = [s for s in load_scenarios() if mode in s.modes]
        self.problems: list[str] = []
        self.run: TrainingRun | None = None
        self.outcomes: list[Outcome] = []
        self.reports_dir = folder / "reports"
        self.clock = RunClock()
        self.calls: list[tuple] = []
        self.failing: dict[str, Exception] = {}  # method name → what it raises
        self.threads: set[str] = set()  # the threads the calls ran on (never the GUI's)
        self.network_up = True

    def _call(self, name: str, *args) -> None:
        self.calls.append((name, *args))
        self.threads.add(threading.current_thread().name)
        if name in self.failing:
            raise self.failing[name]

    def up(self) -> None:
        self._call("up")

    def down(self) -> None:
        self._call("down")

    def begin(self, scenario: Scenario, trainee: str) -> TrainingRun:
        self._call("begin", scenario.id, trainee)
        if self.run is not None and not self.run.ended:
            self.end()
        self.run = TrainingRun(scenario, trainee, clock=self.clock)
        self.run.record("incident.armed", kind=scenario.incident)
        return self.run

    def place_card(self) -> None:
        self._call("place_card")
        self.run.record("card.placed")

    def take_card(self) -> None:
        self._call("take_card")
        self.run.record("card.taken")

    def set_network(self, up: bool) -> None:
        self._call("set_network", up)
        self.network_up = up
        self.run.record("network.back" if up else "network.down")

    def end(self, how: str = "stopped") -> Outcome:
        self._call("end", how)
        outcome = self.run.end(how)
        self.outcomes.append(outcome)
        return outcome

    def attach(self, services):
        self._call("attach")
        return services

    def relay_progress(self, dossier_id: str, progress) -> None:
        self._call("relay_progress", dossier_id)

    def write_csv(self, trainee: str) -> Path:
        self._call("write_csv", trainee)
        trainee = nfc(" ".join(trainee.split()))
        mine = [outcome for outcome in self.outcomes if outcome.trainee == trainee]
        return write_csv(mine, self.reports_dir / f"{report_name(trainee)}.csv")

"""Training scenarios: one TOML file each in `resources/training/`, read and checked here.

A scenario names the fictitious citizen whose virtual card the trainee receives, the incident the
simulated station injects (through the simulators' fault options), and the actions expected of the
trainee, in order, as the events the station records (the intake's own events, and the simulated
station's: the card put on the reader, the network back...). `forbid` lists events that must not happen
(a dossier submitted for a card that is not genuine). A file that does not parse is named with its
field, for the trainer who wrote it; the other scenarios still load.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.resources import CARD_PROFILES, TRAINING
from kiosk.text import nfc

# what the simulated station can inject, and the parameters each takes (with their defaults)
INCIDENTS: dict[str, dict[str, Any]] = {
    "none": {},  # the scenario is in the citizen's card or papers (another province's old address)
    "card_lifted": {"after_commands": 12},  # the card leaves the reader after this many commands
    "card_not_genuine": {"sod_fault": "unknown_csca"},  # a security object no trusted CSCA signed
    "card_cloned": {},  # the data copied to another chip: chip authentication fails
    "face_mismatch": {},  # the camera sees another person than the chip's portrait
    "feeder_jam": {"before_page": 3},  # the feeder jams at the start of this page
    "blank_page": {"page": 2},  # this page of the batch comes out blank
    "network_down": {"minutes": 60, "back_after_seconds": 90},  # an hour, played in seconds
    "missing_component": {"component": 2},  # the citizen did not bring this component of the checklist
    "queue": {"waited_minutes": 22, "waiting": 8},  # the citizen has waited; others wait behind
}
SOD_FAULTS = ("bad_signature", "wrong_dsc", "unknown_csca", "expired_dsc")
MODES = ("counter", "kiosk")
# events the simulated station records beside the intake's (kiosk.intake.messages names the intake's)
STATION_EVENTS = ("run.started", "run.ended", "card.placed", "card.taken", "network.down", "network.back",
                  "dossier.accepted", "dossier.refused")


class ScenarioError(KioskError):
    """A scenario file that cannot be used: the file and the field, for the trainer who wrote it."""


@dataclass(frozen=True)
class Text:
    vi: str
    en: str

    def text(self, language: str) -> str:
        return self.vi if language == "vi" else self.en


@dataclass(frozen=True)
class Action:
    """One thing the trainee should do (or, forbidden, must not), as the event that shows it was done:
    `event` with at least the `data` given (e.g. scan.problem with status jammed)."""

    event: str
    says: Text
    data: dict[str, Any] = field(default_factory=dict)

    def matches(self, event: str, data: dict[str, Any]) -> bool:
        return event == self.event and all(data.get(key) == value for key, value in self.data.items())


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Text
    goal: Text
    modes: tuple[str, ...]  # the station modes it is played in
    citizen: str  # a card profile of resources/card_profiles (fictitious citizens)
    procedure: str  # the procedure's code in the catalog
    incident: str  # a key of INCIDENTS
    parameters: dict[str, Any]  # the incident's, defaults filled in
    expected: tuple[Action, ...]
    forbidden: tuple[Action, ...]
    time_limit: int  # seconds the trainee has
    source: Path

    def parameter(self, name: str) -> Any:
        return self.parameters[name]


def load_scenarios(folder: Path = TRAINING, known_events: frozenset[str] | None = None) -> list[Scenario]:
    """Every scenario of `folder`, by file name; raises ScenarioError for the first file that is wrong
    (use `load_scenario` one by one to keep the others)."""
    return [load_scenario(path, known_events) for path in sorted(folder.glob("*.toml"))]


def load_scenario(path: Path, known_events: frozenset[str] | None = None) -> Scenario:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ScenarioError(f"{path.name}: not a readable TOML file: {error}") from None
    read = _Reader(path.name, data)
    scenario_id = read.text("id")
    if scenario_id != path.stem:
        raise ScenarioError(f"{path.name}: id {scenario_id!r} differs from the file's name")
    incident = read.table("incident")
    kind = incident.get("kind")
    if kind not in INCIDENTS:
        raise ScenarioError(f"{path.name}: incident.kind {kind!r} is not one of {', '.join(INCIDENTS)}")
    parameters = dict(INCIDENTS[kind])
    for name, value in incident.items():
        if name == "kind":
            continue
        if name not in parameters:
            raise ScenarioError(f"{path.name}: incident.{name} is not a parameter of {kind}")
        if type(value) is not type(parameters[name]):
            raise ScenarioError(f"{path.name}: incident.{name} must be {type(parameters[name]).__name__}")
        parameters[name] = value
    if kind == "card_not_genuine" and parameters["sod_fault"] not in SOD_FAULTS:
        raise ScenarioError(f"{path.name}: incident.sod_fault must be one of {', '.join(SOD_FAULTS)}")
    modes = tuple(read.list("modes"))
    if not modes or any(mode not in MODES for mode in modes):
        raise ScenarioError(f"{path.name}: modes must list counter and/or kiosk")
    citizen = read.text("citizen")
    if not (CARD_PROFILES / f"{citizen}.toml").is_file():
        raise ScenarioError(f"{path.name}: citizen {citizen!r} is not a card profile in {CARD_PROFILES}")
    expected = tuple(read.actions("expect", known_events))
    if not expected:
        raise ScenarioError(f"{path.name}: a scenario expects at least one action ([[expect]])")
    limit = data.get("time_limit_minutes")
    if not isinstance(limit, int) or not 1 <= limit <= 120:
        raise ScenarioError(f"{path.name}: time_limit_minutes must be a whole number from 1 to 120")
    return Scenario(scenario_id, read.both("title"), read.both("goal"), modes, citizen, read.text("procedure"),
                    kind, parameters, expected, tuple(read.actions("forbid", known_events)), limit * 60, path)


class _Reader:
    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name, self.data = name, data

    def text(self, key: str, table: dict[str, Any] | None = None, where: str = "") -> str:
        value = (self.data if table is None else table).get(key)
        if not isinstance(value, str) or not value.strip():
            raise ScenarioError(f"{self.name}: {where}{key} must be a non-empty string")
        return nfc(" ".join(value.split()))

    def table(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        if not isinstance(value, dict):
            raise ScenarioError(f"{self.name}: [{key}] is missing")
        return value

    def list(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if not isinstance(value, list):
            raise ScenarioError(f"{self.name}: {key} must be a list")
        return value

    def both(self, key: str, table: dict[str, Any] | None = None, where: str = "") -> Text:
        value = (self.data if table is None else table).get(key)
        if not isinstance(value, dict):
            raise ScenarioError(f"{self.name}: {where}{key} needs vi and en ({key}.vi = \"…\")")
        return Text(self.text("vi", value, f"{where}{key}."), self.text("en", value, f"{where}{key}."))

    def actions(self, key: str, known_events: frozenset[str] | None) -> list[Action]:
        actions = []
        for number, entry in enumerate(self.data.get(key, []), 1):
            where = f"{key} {number}: "
            if not isinstance(entry, dict):
                raise ScenarioError(f"{self.name}: {where}must be a table ([[{key}]])")
            event = self.text("event", entry, where)
            if known_events is not None and event not in known_events:
                raise ScenarioError(f"{self.name}: {where}event {event!r} is never recorded by the station")
            data = entry.get("data", {})
            if not isinstance(data, dict):
                raise ScenarioError(f"{self.name}: {where}data must be a table")
            actions.append(Action(event, self.both("says", entry, where), dict(data)))
        return actions


def known_events() -> frozenset[str]:
    """Every event a training run can record: the intake's messages and the simulated station's."""
    from kiosk.intake.messages import MESSAGES

    return frozenset(MESSAGES) | frozenset(STATION_EVENTS)

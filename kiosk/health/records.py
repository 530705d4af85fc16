"""What one process leaves for the exporter in another: on an installed station the window reads cards
and scans while the relay service (`kiosk sync run`) serves the metrics, so the last outcomes and the last
integrity check travel as small JSON files in the data folder, each replaced atomically (a reader sees the
old file or the new one, never half of one). Nothing personal is written: kinds, outcome codes, times and
counts of problems."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from drivers.scanner.status import ScanStatus
from kiosk.private_files import private_folder

log = logging.getLogger(__name__)

HEALTH_DIR = "health"
OUTCOMES_FILE = "outcomes.json"
INTEGRITY_FILE = "integrity.json"

# The closed sets of labels: an event code outside them is recorded as "other", never as itself.
CARD_OUTCOMES = ("genuine", "not_genuine", "wrong_key", "lifted", "not_back", "no_qr", "altered", "unreadable",
                 "no_reader", "other")
SCAN_OUTCOMES = tuple(status.value for status in ScanStatus) + ("other",)
OUTCOMES = {"card_read": CARD_OUTCOMES, "scan": SCAN_OUTCOMES}
_RECORDING = threading.Lock()  # one read-modify-write of the file at a time in this process (several intakes)


def health_dir(data_dir: Path) -> Path:
    return data_dir / HEALTH_DIR


def write_json_atomically(path: Path, data: Any) -> None:
    """A temporary file beside `path`, flushed to disk, then renamed over it (0600: the folder is private)."""
    private_folder(path.parent)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, sort_keys=True)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> Any:
    """The file's content, or None when it is missing or unreadable (the figures are then absent)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.warning("health record %s not read (%s)", path.name, error.__class__.__name__)
        return None


def outcome_of(code: str, data: dict[str, Any]) -> tuple[str, str] | None:
    """(kind, outcome) of an intake event that ends a card read or a scan; None for any other event."""
    if code.startswith("card.") and code.removeprefix("card.") in CARD_OUTCOMES:
        return "card_read", code.removeprefix("card.")
    if code in ("scan.ended", "scan.problem"):
        status = str(data.get("status", ""))
        return "scan", status if status in SCAN_OUTCOMES else "other"
    return None


class OutcomeRecorder:
    """An intake observer: the last outcome of each kind, and when each outcome last happened.

    Compose it with an existing observer (`chained`), never in its place: training records its trainee's
    actions through the same hook."""

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = health_dir(data_dir) / OUTCOMES_FILE
        self.clock = clock

    def __call__(self, event: Any) -> None:
        found = outcome_of(event.code, event.data)
        if found is None:
            return
        kind, outcome = found
        with _RECORDING:  # the file is replaced whole; another process's write may win, never mix
            record = read_outcomes(self.path.parent.parent)
            now = self.clock()
            entry = record.setdefault(kind, {"last": None, "at": None, "times": {}})
            entry.update(last=outcome, at=now)
            entry["times"][outcome] = now
            try:
                write_json_atomically(self.path, record)
            except OSError as error:  # the intake goes on; the exporter shows the previous outcome
                log.warning("intake outcome not recorded (%s)", error.__class__.__name__)

    def chained(self, other: Callable[[Any], None] | None) -> Callable[[Any], None]:
        """This recorder and `other` (if any), both called with every event."""
        if other is None:
            return self

        def both(event: Any) -> None:
            try:
                other(event)
            finally:
                self(event)

        return both


def read_outcomes(data_dir: Path) -> dict[str, Any]:
    """{kind: {"last": outcome, "at": unix time, "times": {outcome: unix time}}}, only known kinds and
    outcomes (a file edited by hand cannot put a free text into a label)."""
    raw = _read_json(health_dir(data_dir) / OUTCOMES_FILE)
    record: dict[str, Any] = {}
    if not isinstance(raw, dict):
        return record
    for kind, allowed in OUTCOMES.items():
        entry = raw.get(kind)
        if not isinstance(entry, dict) or entry.get("last") not in allowed or not _number(entry.get("at")):
            continue
        times = entry.get("times") if isinstance(entry.get("times"), dict) else {}
        record[kind] = {"last": entry["last"], "at": float(entry["at"]),
                        "times": {o: float(t) for o, t in times.items() if o in allowed and _number(t)}}
    return record


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class IntegrityRecord:
    at: float  # unix time the check ended
    problems: int  # how many problems it found (their texts stay with `kiosk store check`)
    seconds: float  # how long it took

    @property
    def ok(self) -> bool:
        return self.problems == 0


def record_integrity(data_dir: Path, problems: int, seconds: float, at: float | None = None) -> IntegrityRecord:
    record = IntegrityRecord(time.time() if at is None else at, problems, seconds)
    write_json_atomically(health_dir(data_dir) / INTEGRITY_FILE,
                          {"at": record.at, "problems": record.problems, "seconds": record.seconds})
    return record


def read_integrity(data_dir: Path) -> IntegrityRecord | None:
    raw = _read_json(health_dir(data_dir) / INTEGRITY_FILE)
    if not isinstance(raw, dict) or not all(_number(raw.get(k)) for k in ("at", "problems", "seconds")):
        return None
    return IntegrityRecord(float(raw["at"]), int(raw["problems"]), float(raw["seconds"]))

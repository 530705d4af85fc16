"""Training mode's core: scenarios, the record of a trainee's run against them, and their reports.

The simulated station that injects the incidents is an entry point (`kiosk.training_station`); the
trainer's panel is in `ui/`. Nothing here touches a device or the network."""

from .report import ReportLine, report_lines, report_name, write_csv
from .run import ActionResult, Outcome, Recorded, TrainingRun, trainee_name
from .scenarios import INCIDENTS, Action, Scenario, ScenarioError, Text, known_events, load_scenario, load_scenarios

__all__ = ["INCIDENTS", "Action", "ActionResult", "Outcome", "Recorded", "ReportLine", "Scenario", "ScenarioError",
           "Text", "TrainingRun", "known_events", "load_scenario", "load_scenarios", "report_lines", "report_name",
           "trainee_name", "write_csv"]

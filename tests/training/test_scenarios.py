"""The shipped scenarios load and name only events the station records; a wrong file is named with its
field, for the trainer who wrote it."""

from pathlib import Path

import pytest

from kiosk.training import INCIDENTS, ScenarioError, known_events, load_scenario, load_scenarios

SHIPPED = {"card-lifted", "card-not-genuine", "cloned-chip", "face-mismatch", "feeder-jam", "blank-page",
           "network-down", "incomplete-dossier", "queue-building", "other-province-address"}

GOOD = """
id = "drill"
title.vi = "Bài tập"
title.en = "Drill"
goal.vi = "Mục tiêu"
goal.en = "Goal"
modes = ["counter"]
citizen = "married-with-old-id"
procedure = "2.000635"
time_limit_minutes = 5

[incident]
kind = "feeder_jam"
before_page = 4

[[expect]]
event = "scan.problem"
data.status = "jammed"
says.vi = "Nhận biết kẹt giấy"
says.en = "Notice the jam"
"""


def test_every_incident_the_issue_names_has_its_scenario():
    scenarios = load_scenarios(known_events=known_events())
    assert {scenario.id for scenario in scenarios} == SHIPPED
    assert all(scenario.title.vi != scenario.title.en and scenario.goal.vi and scenario.expected
               for scenario in scenarios)
    assert {scenario.incident for scenario in scenarios} == set(INCIDENTS)


def test_a_scenario_s_incident_parameters_default_and_are_typed(tmp_path):
    path = tmp_path / "drill.toml"
    path.write_text(GOOD, encoding="utf-8")
    scenario = load_scenario(path, known_events())
    assert scenario.parameters == {"before_page": 4} and scenario.time_limit == 300
    assert scenario.expected[0].matches("scan.problem", {"status": "jammed", "pages": 2})
    assert not scenario.expected[0].matches("scan.problem", {"status": "cover_open"})


@pytest.mark.parametrize("change, named", [
    (('kind = "feeder_jam"', 'kind = "earthquake"'), "incident.kind 'earthquake' is not one of"),
    (("before_page = 4", 'before_page = "four"'), "incident.before_page must be int"),
    (("before_page = 4", "pages = 4"), "incident.pages is not a parameter of feeder_jam"),
    (('citizen = "married-with-old-id"', 'citizen = "nobody"'), "citizen 'nobody' is not a card profile"),
    (('event = "scan.problem"', 'event = "scan.exploded"'), "expect 1: event 'scan.exploded' is never recorded"),
    (('says.en = "Notice the jam"\n', ""), "expect 1: says.en must be a non-empty string"),
    (('modes = ["counter"]', 'modes = ["desk"]'), "modes must list counter and/or kiosk"),
    (("time_limit_minutes = 5", "time_limit_minutes = 0"), "time_limit_minutes must be a whole number"),
    (('id = "drill"', 'id = "other"'), "id 'other' differs from the file's name"),
    (("[incident]", "[incident"), "not a readable TOML file"),
])
def test_a_wrong_scenario_file_is_named_with_its_field(tmp_path, change, named):
    path = tmp_path / "drill.toml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path, known_events())
    assert str(raised.value).startswith("drill.toml: ") and named in str(raised.value)


def test_the_shipped_folder_is_the_resources_one():
    from kiosk.resources import TRAINING

    assert TRAINING == Path(__file__).resolve().parents[2] / "resources" / "training"

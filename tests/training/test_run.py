"""A trainee's run against a scenario: expected actions matched in order, forbidden ones named, time kept;
the CSV report holds every action and a summary per run."""

import csv
from datetime import datetime, timezone

import pytest

from kiosk.training import TrainingRun, load_scenario, report_name, write_csv
from kiosk.resources import TRAINING


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def scenario(name):
    return load_scenario(TRAINING / f"{name}.toml")


def test_expected_actions_count_only_in_their_order():
    clock = Clock()
    run = TrainingRun(scenario("card-lifted"), "  Nguyễn  Thị Học ", clock=clock)
    clock.now = 103.0
    run.record("card.genuine", access="PACE")  # before the card was lifted: not the expected one
    run.record("card.lifted")
    clock.now = 110.5
    run.record("card.placed")
    clock.now = 112.0
    assert run.outcome().missing[0].event == "card.genuine" and not run.outcome().passed
    run.record("card.genuine", access="PACE")
    outcome = run.end("completed")
    assert outcome.trainee == "Nguyễn Thị Học" and outcome.completed and outcome.passed
    assert [result.at for result in outcome.expected] == [3.0, 10.5, 12.0]
    assert outcome.duration == 12.0 and outcome.ended == "completed"


def test_a_forbidden_action_fails_the_run_even_with_every_expected_one_done():
    run = TrainingRun(scenario("card-not-genuine"), "Trainee", clock=Clock())
    run.record("card.not_genuine", reasons=["unknown CSCA"])
    run.record("presence.recorded", method="officer", decision="passed")
    run.record("ended", reason="not_genuine")
    outcome = run.end()
    assert outcome.completed and not outcome.passed
    assert [result.action.event for result in outcome.forbidden] == ["presence.recorded"]


def test_data_must_match_and_overtime_fails():
    clock = Clock()
    run = TrainingRun(scenario("feeder-jam"), "Trainee", clock=clock)
    run.record("scan.problem", status="cover_open", pages=0)
    run.record("scan.problem", status="jammed", pages=2)
    run.record("scan.ended", pages=1, status="good")
    clock.now += 8 * 60 + 1
    outcome = run.end()
    assert outcome.completed and not outcome.within_time and not outcome.passed


def test_nothing_is_recorded_after_the_end_and_a_name_is_needed():
    run = TrainingRun(scenario("feeder-jam"), "Trainee", clock=Clock())
    first = run.end("stopped")
    run.record("scan.ended")
    assert run.end("completed").ended == first.ended == "stopped"
    assert [entry.event for entry in run.recorded] == ["run.started", "run.ended"]
    with pytest.raises(ValueError):
        TrainingRun(scenario("feeder-jam"), "   ")


def test_the_csv_report_has_each_action_and_a_summary_per_run(tmp_path):
    clock = Clock()
    wall = lambda: datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)  # noqa: E731
    jam = TrainingRun(scenario("feeder-jam"), "Nguyễn Thị Học", clock=clock, wall=wall)
    jam.record("scan.problem", status="jammed", pages=2)
    clock.now += 30
    jam.record("scan.ended", status="good", pages=1)
    fake = TrainingRun(scenario("card-not-genuine"), "Nguyễn Thị Học", clock=clock, wall=wall)
    fake.record("submit.done")
    path = write_csv([jam.end("completed"), fake.end("stopped")],
                     tmp_path / f"{report_name('Nguyễn Thị Học')}.csv")
    assert path.name == "training-nguyen-thi-hoc.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert [(row["scenario"], row["line"], row["result"]) for row in rows] == [
        ("feeder-jam", "expected", "done"), ("feeder-jam", "expected", "done"), ("feeder-jam", "summary", "passed"),
        ("card-not-genuine", "expected", "missing"), ("card-not-genuine", "expected", "missing"),
        ("card-not-genuine", "forbidden", "happened"), ("card-not-genuine", "summary", "failed")]
    assert rows[1]["seconds"] == "30.0" and rows[0]["action"] == "Nhận biết giấy bị kẹt (2 trang đã được giữ lại)"
    assert rows[0]["started_at"] == "2026-11-30T09:00:00+00:00" and rows[2]["time_limit_seconds"] == "480"
    assert not list(tmp_path.glob("*.partial"))

"""What training needs of the intake, headless with a real store: an observer that sees every event
beside the front end, a wait that began before the intake (a queue), and a page thrown away as an event."""

from datetime import datetime, timedelta, timezone

import pytest

from kiosk.catalogs import load_procedures, load_units
from kiosk.intake import ConsentText, Intake, IntakeSetup
from kiosk.store import open_store
from kiosk.training import TrainingRun, load_scenario
from kiosk.resources import TRAINING
from tests.intake.test_pages import processed

COPY = "2.000635"  # one required component
START = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def setup(tmp_path):
    with open_store(tmp_path / "store", tmp_path / "keys", "TEST-01") as store:
        yield IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit="06970",
                          received_by="officer-a", consent=ConsentText.load(), clock=lambda: START)


def test_the_observer_sees_what_the_front_end_sees_and_a_deleted_blank_page(setup):
    run = TrainingRun(load_scenario(TRAINING / "blank-page.toml"), "Trainee")
    front = []
    setup.observer = run.observe
    intake = Intake(setup, front.append)
    intake.choose_procedure(COPY)
    kept = intake.slot(1).pages.add(processed(300))
    blank = intake.slot(1).pages.add(processed(340, blank=True))
    intake.delete_page(1, blank.id)
    assert [page.id for page in intake.slot(1).pages.pages] == [kept.id]
    intake.end()
    seen = [(entry.event, entry.data.get("blank")) for entry in run.recorded]
    assert [event.code for event in front] == [event for event, _ in seen[1:]]
    assert ("page.deleted", True) in seen and seen[-1][0] == "ended"


def test_an_observer_that_fails_does_not_stop_the_intake(setup):
    def broken(event):
        raise RuntimeError("panel gone")

    setup.observer = broken
    intake = Intake(setup)
    intake.choose_procedure(COPY)
    assert intake.procedure.code == COPY
    intake.end()


def test_a_wait_that_began_before_the_intake_counts(setup):
    setup.waited_before = timedelta(minutes=22)
    intake = Intake(setup)
    assert intake.first_contact == START - timedelta(minutes=22)
    assert intake.wait_alert(START) and intake.waited(START) == timedelta(minutes=22)
    intake.end()

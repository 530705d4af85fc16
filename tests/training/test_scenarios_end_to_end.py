"""Every training scenario end to end, headless: the training station injects the incident (virtual card
faults through `kiosk card simulate`, the SANE test backend's options, the province stopped and started),
a scripted trainee drives a real intake against it, and the run's outcome is checked against the
scenario's expected actions. For several scenarios, a trainee who does the wrong thing too, whose outcome
names the missing or forbidden action."""

from __future__ import annotations

import dataclasses
import os

import pytest

from kiosk.config import load_config
from kiosk.intake import CardNotGenuine, CardProblem, EndReason, IntakeError
from kiosk.intake.station import StationServices
from kiosk.training_station import TrainingStation
from sync.service import RelayService
from tests.conftest import write_config
from tests.training.trainee import FEEDER, FLATBED, choose, new_intake, read_card, receive, submit, typed_can, wait_for

pytestmark = pytest.mark.station

SCENARIOS = ("blank-page", "card-lifted", "card-not-genuine", "cloned-chip", "face-mismatch", "feeder-jam",
             "incomplete-dossier", "network-down", "other-province-address", "queue-building")


@pytest.fixture(scope="module")
def training(station, tmp_path_factory):
    folder = tmp_path_factory.mktemp("training-e2e")
    training = TrainingStation(load_config(write_config(folder), env={}), "counter", owner=os.getpid())
    training.up()
    yield training
    training.down()


@pytest.fixture(scope="module")
def services(training):
    services = training.attach(StationServices.open(training.config, training.config.simulation_dir / "sane"))
    yield services
    services.close()


def scenario(training, name):
    return next(s for s in training.scenarios if s.id == name)


def play(training, name, trainee="Trần Thị Học Viên"):
    return training.begin(scenario(training, name), trainee)


def assert_passed(outcome):
    assert [(r.action.event, r.done) for r in outcome.expected] == [(r.action.event, True) for r in outcome.expected]
    assert outcome.forbidden == () and outcome.passed


def missing(outcome) -> list[str]:
    return [action.event for action in outcome.missing]


def forbidden(outcome) -> list[str]:
    return [result.action.event for result in outcome.forbidden]


def test_the_counter_has_every_scenario(training):
    assert sorted(s.id for s in training.scenarios) == list(SCENARIOS) and training.problems == []


def test_card_lifted_and_put_back(training, services):
    run = play(training, "card-lifted")
    intake = new_intake(training, services)
    training.place_card()
    reading = intake.read_card(typed_can(run.scenario.citizen))
    wait_for(run, "card.lifted")
    training.place_card()  # put back: whole this time
    assert reading.result(90).id_number
    intake.end(EndReason.CANCELLED)
    assert_passed(training.end("completed"))


def test_card_lifted_and_not_put_back(training, services):
    run = play(training, "card-lifted")
    intake = new_intake(training, services, card_wait=2)
    with pytest.raises(CardProblem):
        read_card(training, intake)
    assert any(entry.event == "card.lifted" for entry in run.recorded)
    intake.end(EndReason.CANCELLED)
    outcome = training.end("stopped")
    assert not outcome.passed and missing(outcome) == ["card.placed", "card.genuine"]


@pytest.mark.parametrize("name", ["card-not-genuine", "cloned-chip"])
def test_a_card_not_genuine_ends_the_intake(training, services, name):
    play(training, name)
    intake = new_intake(training, services)
    with pytest.raises(CardNotGenuine):
        read_card(training, intake)
    assert intake.ended is EndReason.NOT_GENUINE
    assert_passed(training.end("completed"))


def test_face_mismatch_noticed(training, services):
    play(training, "face-mismatch")
    intake = new_intake(training, services)
    read_card(training, intake)
    intake.confirm_by_officer(False)  # the person at the counter is not the chip's portrait
    intake.end(EndReason.CANCELLED)
    assert_passed(training.end("completed"))


def test_face_mismatch_the_fingerprint_is_not_the_holders_either(training, services):
    play(training, "face-mismatch")
    intake = new_intake(training, services)
    read_card(training, intake)
    assert not intake.check_fingerprint().result(30).passed  # the kiosk's other way: it records presence.failed
    intake.end(EndReason.CANCELLED)
    assert_passed(training.end("completed"))
    play(training, "other-province-address")  # in another scenario the simulated reader takes the holder's finger
    intake = new_intake(training, services)
    read_card(training, intake)
    assert intake.check_fingerprint().result(30).passed
    intake.end(EndReason.CANCELLED)
    training.end("stopped")


def test_face_mismatch_confirmed_anyway(training, services):
    play(training, "face-mismatch")
    intake = new_intake(training, services)
    read_card(training, intake)
    intake.confirm_by_officer(True)
    intake.end(EndReason.CANCELLED)
    outcome = training.end("completed")
    assert not outcome.passed and missing(outcome) == ["presence.failed"]
    assert forbidden(outcome) == ["presence.recorded"]


def test_feeder_jam_then_the_rest_scanned(training, services):
    play(training, "feeder-jam")
    intake = new_intake(training, services)
    read_card(training, intake)
    intake.confirm_by_officer(True)
    choose(intake, training.run.scenario.procedure)
    jammed = intake.scan(1, FEEDER).result(180)
    assert jammed.ended.status.value == "jammed" and len(jammed.pages) == 2
    rest = intake.scan(1, dataclasses.replace(FEEDER, pages=2)).result(180)
    assert rest.ended.status.value == "good" and len(intake.slot(1).pages) == 4
    submit(intake)
    assert_passed(training.end("completed"))


def _scan_with_the_blank_page(training, services):
    intake = new_intake(training, services)
    read_card(training, intake)
    intake.confirm_by_officer(True)
    choose(intake, training.run.scenario.procedure)
    outcome = intake.scan(1, FEEDER).result(180)
    blank = [page for page in outcome.pages if page.blank]
    assert [outcome.pages.index(page) + 1 for page in blank] == [2] and intake.unconfirmed() == [(1, blank[0].id)]
    return intake, blank[0]


def test_blank_page_removed(training, services):
    play(training, "blank-page")
    intake, blank = _scan_with_the_blank_page(training, services)
    intake.delete_page(1, blank.id)
    submit(intake)
    assert_passed(training.end("completed"))


def test_blank_page_one_sheet_at_a_time(training, services):
    play(training, "blank-page")
    intake = new_intake(training, services)
    read_card(training, intake)
    intake.confirm_by_officer(True)
    choose(intake, training.run.scenario.procedure)
    first, second, third = (intake.scan(1, FLATBED).result(180).pages[0] for _ in range(3))
    assert [first.blank, second.blank, third.blank] == [False, True, False]  # the run's 2nd page, then no more
    intake.delete_page(1, second.id)
    submit(intake)
    assert_passed(training.end("completed"))


def test_blank_page_kept(training, services):
    play(training, "blank-page")
    intake, blank = _scan_with_the_blank_page(training, services)
    intake.confirm_page(1, blank.id)
    submit(intake)
    outcome = training.end("completed")
    assert missing(outcome) == ["page.deleted"] and forbidden(outcome) == ["page.confirmed"]


def test_incomplete_dossier_supplement_requested(training, services):
    play(training, "incomplete-dossier")
    intake = new_intake(training, services)
    read_card(training, intake)
    intake.confirm_by_officer(True)
    choose(intake, training.run.scenario.procedure)
    intake.scan(1, FLATBED).result(180)  # the declaration; no birth certificate
    slip = intake.request_supplement()
    assert [item.component for item in slip.items] == [intake.slot(2).name]
    intake.end(EndReason.CANCELLED)
    assert_passed(training.end("completed"))


def test_incomplete_dossier_submitted(training, services):
    play(training, "incomplete-dossier")
    intake = new_intake(training, services)
    read_card(training, intake)
    intake.confirm_by_officer(True)
    choose(intake, training.run.scenario.procedure)
    intake.scan(1, FLATBED).result(180)
    intake.scan(2, FLATBED).result(180)  # another paper filed as the missing birth certificate
    submit(intake)
    outcome = training.end("completed")
    assert missing(outcome) == ["supplement.requested"] and forbidden(outcome) == ["submit.done"]


def test_network_down_then_back(training, services):
    run = play(training, "network-down")
    assert not training.province.up and any(entry.event == "network.down" for entry in run.recorded)
    receipt = receive(training, new_intake(training, services))
    training.set_network(True)  # the trainer brings it back before the scenario's 90 s
    relay = RelayService(training.config, training.relay_progress)
    relay.start()
    try:
        wait_for(run, "dossier.accepted", 120)
    finally:
        relay.stop()
    assert services.store.official_code(receipt.local_reference)
    assert_passed(training.end("completed"))


def test_other_province_address(training, services):
    play(training, "other-province-address")
    intake = new_intake(training, services)
    read_card(training, intake)
    intake.confirm_by_officer(True)
    suggestion = intake.choose_procedure(training.run.scenario.procedure)
    assert suggestion.code is None  # no unit of our province from an address in Bắc Ninh
    with pytest.raises(IntakeError):
        intake.confirm_unit()  # nothing suggested: the officer has to choose
    intake.confirm_unit("06970")
    intake.end(EndReason.CANCELLED)
    assert_passed(training.end("completed"))


def test_queue_building(training, services):
    play(training, "queue-building")
    intake = new_intake(training, services)
    assert intake.wait_alert()  # 22 minutes already waited
    intake.set_queue_ticket("A-017")
    receive(training, intake)
    assert_passed(training.end("completed"))


def test_queue_without_the_ticket(training, services):
    play(training, "queue-building")
    receive(training, new_intake(training, services))
    outcome = training.end("completed")
    assert not outcome.passed and missing(outcome) == ["ticket.set"]


def test_the_trainees_report(training, services):
    play(training, "card-not-genuine", "Lê Văn Báo Cáo")
    intake = new_intake(training, services)
    with pytest.raises(CardNotGenuine):
        read_card(training, intake)
    training.end("completed")
    path = training.write_csv("Lê  Văn Báo Cáo ")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert path.parent == training.reports_dir and path.name == "training-le-van-bao-cao.csv"
    assert lines[-1].startswith("Lê Văn Báo Cáo,") and ",card-not-genuine," in lines[-1]
    assert lines[-1].split(",")[4:6] == ["summary", "Thẻ không xác thực được"] and "passed" in lines[-1]
    assert all(line.startswith("Lê Văn Báo Cáo,") for line in lines[1:])  # that trainee's runs alone

"""A scripted trainee: drives an intake on the training station as an officer at the counter would,
through the same calls the counter window makes (headless)."""

from __future__ import annotations

import time

from drivers.card.access import AccessKeys
from drivers.card.virtual.profile import load_profile
from drivers.scanner.options import Source
from kiosk.intake import BatchRequest, EndReason, Intake
from kiosk.resources import CARD_PROFILES

CENTRE = "06970"  # Xã Ba Chẽ, Quảng Ninh: the training station's centre in these tests
OFFICER = "canbo"  # the training store's sample officer
FLATBED = BatchRequest(source=Source.FLATBED, dpi=200)  # A4: a part of the test picture may look blank
FEEDER = BatchRequest(source=Source.ADF, dpi=200, pages=4)  # the 4 sheets of a scenario's component


def typed_can(citizen: str) -> AccessKeys:
    """The CAN the officer types: the last 6 digits of the ID number printed on the card."""
    return AccessKeys.from_can(load_profile(CARD_PROFILES / f"{citizen}.toml").id_number[-6:])


def new_intake(station, services, **setup) -> Intake:
    return Intake(services.intake_setup(OFFICER, channel="counter", **setup))


def read_card(station, intake: Intake, **wait):
    station.place_card()
    return intake.read_card(typed_can(station.run.scenario.citizen)).result(90)


def wait_for(run, event: str, seconds: float = 60) -> None:
    """Until the run has recorded `event` (a step the trainee reacts to, e.g. the card lifted)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(entry.event == event for entry in run.recorded):
            return
        time.sleep(0.05)
    raise AssertionError(f"{event} was not recorded within {seconds} s: {[e.event for e in run.recorded]}")


def choose(intake: Intake, procedure: str) -> None:
    intake.choose_procedure(procedure)
    intake.confirm_unit(CENTRE)


def scan_required(intake: Intake, request: BatchRequest = FLATBED) -> None:
    for number, slot in enumerate(list(intake.slots), 1):
        if slot.required and not slot.provided:
            intake.scan(number, request).result(180)


def submit(intake: Intake):
    intake.accept_consent("vi")
    receipt = intake.submit().result(120)
    intake.end(EndReason.FINISHED)
    return receipt


def receive(station, intake: Intake) -> object:
    """The whole ordinary intake: card, officer's comparison, procedure, scan, consent, submit."""
    scenario = station.run.scenario
    read_card(station, intake)
    intake.confirm_by_officer(True)
    choose(intake, scenario.procedure)
    scan_required(intake)
    return submit(intake)

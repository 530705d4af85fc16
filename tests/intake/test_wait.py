"""The citizen's wait through the intake, headless and without devices (as in test_rating.py): from the
first contact (the intake's start, or an earlier queue ticket) to the receipt, kept with the dossier."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.catalogs import load_procedures, load_units
from kiosk.config import load_config
from kiosk.domain import WalletItem
from kiosk.errors import ConfigError
from kiosk.intake import ConsentText, Intake, IntakeError, IntakeSetup
from kiosk.intake.messages import MESSAGES
from kiosk.store import MemoryKeyStore, Store
from tests.conftest import write_config
from tests.store.conftest import ID_NUMBER, make_citizen, make_document

BIRTH = "1.001193"
START = datetime(2025, 7, 1, 2, 0, tzinfo=timezone.utc)  # 9:00 in Vietnam


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def catalogs():
    return load_procedures(), load_units()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data", MemoryKeyStore(), "SIM-01") as opened:
        yield opened


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def intake(store, catalogs, clock):
    events: list = []
    setup = IntakeSetup(store=store, procedures=catalogs[0], units=catalogs[1], center_unit="06970",
                        received_by="officer-7", consent=ConsentText.load(), channel="counter", clock=clock,
                        wait_alert=timedelta(minutes=20))
    made = Intake(setup, events.append)
    made.events = events
    yield made
    made.end()


def receive(intake, store):
    """What the officer does once the citizen sits down: the card's citizen, the check, the components."""
    intake.citizen = make_citizen()
    intake.confirm_by_officer()
    intake.choose_procedure(BIRTH)
    intake.confirm_unit()
    for number, slot in enumerate(intake.slots, start=1):
        if slot.required:
            item = WalletItem(ID_NUMBER, slot.name, make_document(), START)
            store.save_wallet_item(item, now=START)
            intake.reuse_wallet_item(number, item.id)
    intake.accept_consent("vi")


def test_the_wait_runs_from_the_intakes_start_and_stops_at_the_receipt(intake, store, clock):
    assert intake.first_contact == START and intake.queue_ticket is None
    clock.now = START + timedelta(minutes=12)
    assert intake.waited() == timedelta(minutes=12) and not intake.wait_alert()
    assert intake.waited(START + timedelta(minutes=21)) == timedelta(minutes=21)
    assert intake.wait_alert(START + timedelta(minutes=21))
    receive(intake, store)
    intake.submit().result(60)
    clock.now = START + timedelta(hours=2)  # the receipt is issued: the wait no longer grows
    assert intake.waited() == timedelta(minutes=12)
    [row] = store.counter_rows()
    assert row["first_contact_at"] == START and row["created_at"] == START + timedelta(minutes=12)
    with pytest.raises(IntakeError) as error:  # too late: the wait is stored with the dossier
        intake.set_queue_ticket("A-001", issued_at=START - timedelta(hours=1))
    assert error.value.code == "step.order" and intake.first_contact == START


def test_a_queue_ticket_with_its_time_moves_the_first_contact_earlier(intake, store, clock):
    clock.now = START + timedelta(minutes=3)
    intake.set_queue_ticket("  B-042 ", issued_at=START - timedelta(minutes=25))
    assert intake.queue_ticket == "B-042" and intake.first_contact == START - timedelta(minutes=25)
    assert intake.wait_alert()
    intake.set_queue_ticket("B-042", issued_at=START + timedelta(minutes=1))  # a clock ahead: not shortened
    assert intake.first_contact == START - timedelta(minutes=25)
    assert "ticket.set" in [event.code for event in intake.events]
    receive(intake, store)
    intake.submit().result(60)
    dossier = store.load(intake.dossier.id)
    assert dossier.queue_ticket == "B-042" and dossier.first_contact_at == START - timedelta(minutes=25)
    assert store.counter_rows()[0]["queue_ticket"] == "B-042"


def test_a_ticket_without_its_time_keeps_the_first_contact(intake):
    intake.set_queue_ticket("17")
    assert intake.queue_ticket == "17" and intake.first_contact == START


@pytest.mark.parametrize("ticket", ["", "   ", "A" * 21, "A\x07B", "tab\there"])
def test_a_ticket_that_is_not_one_is_refused_with_its_message(intake, ticket):
    with pytest.raises(IntakeError) as error:
        intake.set_queue_ticket(ticket)
    assert error.value.code == "ticket.invalid" and intake.queue_ticket is None
    assert MESSAGES["ticket.invalid"].vi and MESSAGES["ticket.invalid"].next_en
    assert intake.events[-1].code == "ticket.invalid"


def test_a_ticket_time_without_a_time_zone_is_refused(intake):
    with pytest.raises(IntakeError, match="time zone"):
        intake.set_queue_ticket("A-1", issued_at=datetime(2025, 7, 1, 8, 0))
    assert intake.first_contact == START


def test_the_ticket_is_the_normalised_text(intake):
    intake.set_queue_ticket(unicodedata.normalize("NFD", "Số 7"))  # as some keyboards send it
    assert intake.queue_ticket == unicodedata.normalize("NFC", "Số 7") and len(intake.queue_ticket) == 4


def test_the_wait_alert_threshold_is_configured_in_minutes(tmp_path):
    assert load_config(write_config(tmp_path), env={}).wait_alert_minutes == 20
    assert load_config(write_config(tmp_path, wait_alert_minutes=15), env={}).wait_alert_minutes == 15
    with pytest.raises(ConfigError, match="wait_alert_minutes.*minutes between 1 and 240"):
        load_config(write_config(tmp_path, wait_alert_minutes=0), env={})

"""The citizen's rating through the intake, headless and without devices: the citizen is put where the
card read leaves it (reading the card is tested on the simulated station, tests/integration), the
officer confirms the person, both required components are reused from the e-wallet, and the dossier is
submitted into a real store; then `Intake.rate`."""

from __future__ import annotations

import logging
import sqlite3
import unicodedata
from datetime import datetime, timezone

import pytest

from kiosk.catalogs import load_procedures, load_units
from kiosk.domain import WalletItem
from kiosk.domain.rating import REASON_CODES
from kiosk.intake import ConsentText, EndReason, Intake, IntakeError, IntakeSetup, Step
from kiosk.intake.messages import MESSAGES
from kiosk.intake.rating import REASONS, SCORES, reasons_asked
from kiosk.store import MemoryKeyStore, Store
from tests.store.conftest import ID_NUMBER, NAME, make_citizen, make_document

BIRTH = "1.001193"  # Đăng ký khai sinh: two required components, one optional
CENTRE = "06970"
NOW = datetime(2025, 7, 1, 18, 0, tzinfo=timezone.utc)  # 1:00 on 2 July in Vietnam


@pytest.fixture(scope="module")
def catalogs():
    return load_procedures(), load_units()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data", MemoryKeyStore(), "SIM-01") as opened:
        yield opened


@pytest.fixture
def intakes(store, catalogs):
    """Makes intakes on `store`, each with its list of events, and ends those left open."""
    made: list[Intake] = []

    def make(channel: str | None = None, submit: bool = True) -> tuple[Intake, list]:
        events: list = []
        more = {} if channel is None else {"channel": channel}
        setup = IntakeSetup(store=store, procedures=catalogs[0], units=catalogs[1], center_unit=CENTRE,
                            received_by="SIM-01", consent=ConsentText.load(), clock=lambda: NOW, **more)
        intake = Intake(setup, events.append)
        made.append(intake)
        intake.citizen = make_citizen()  # what a genuine card's reading leaves
        intake.confirm_by_officer()
        intake.choose_procedure(BIRTH)
        intake.confirm_unit()
        for number, slot in enumerate(intake.slots, start=1):
            if slot.required:
                item = WalletItem(ID_NUMBER, slot.name, make_document(), NOW)
                store.save_wallet_item(item, now=NOW)
                intake.reuse_wallet_item(number, item.id)
        intake.accept_consent("vi")
        if submit:
            intake.submit().result(60)
        return intake, events

    yield make
    for intake in made:
        intake.end()


def ratings(store) -> list[tuple]:
    return store.conn.execute("SELECT day, station_id, channel, procedure_code, score, reasons FROM ratings").fetchall()


def codes(events) -> list[str]:
    return [event.code for event in events]


def test_the_reasons_are_one_list_in_both_languages():
    assert tuple(REASONS) == REASON_CODES and 5 <= len(REASONS) <= 7
    for code, text in REASONS.items():
        assert text.vi and text.en and text.vi != text.en, code
        assert unicodedata.is_normalized("NFC", text.vi) and not text.vi.isascii(), code
    assert list(SCORES) == [1, 2, 3, 4, 5]
    assert [reasons_asked(score) for score in (0, 1, 2, 3, 4, 5, 6)] == [False, True, True, True, False, False, False]
    for code in ("rating.done", "rating.invalid", "rating.twice", "rating.failed"):
        assert MESSAGES[code].vi and MESSAGES[code].en and unicodedata.is_normalized("NFC", MESSAGES[code].vi)


def test_a_rating_after_the_submit_is_stored_without_the_citizen_or_the_dossier(store, intakes, caplog):
    intake, events = intakes()
    caplog.set_level(logging.DEBUG, logger="kiosk")
    intake.rate(2, ["unclear_instructions", "waiting_time"])
    assert ratings(store) == [("2025-07-02", "SIM-01", "kiosk", BIRTH, 2, '["waiting_time", "unclear_instructions"]')]
    done = events[-1]
    assert (done.code, done.step, done.data) == ("rating.done", Step.ENDED, {})  # neither score nor reasons
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "rating.done" in logged and "score" not in logged and "waiting_time" not in logged
    row = " ".join(map(str, ratings(store)[0]))
    assert intake.dossier.id not in row and ID_NUMBER not in row and NAME not in row
    rated = [r for r in store.audit_log() if r["action"] == "rating_added"]
    assert [(r["actor"], r["dossier_id"]) for r in rated] == [("SIM-01", None)]


def test_the_channel_comes_from_the_setup(store, intakes):
    intakes(channel="counter")[0].rate(5)
    assert [(row[2], row[4], row[5]) for row in ratings(store)] == [("counter", 5, "[]")]


def test_no_rating_before_the_submit(store, intakes):
    intake, events = intakes(submit=False)
    with pytest.raises(IntakeError) as refused:
        intake.rate(5)
    assert refused.value.code == "step.order" and codes(events)[-1] == "step.order"
    assert ratings(store) == []
    intake.submit().result(60)
    intake.rate(5)  # once submitted, it is welcome
    assert len(ratings(store)) == 1


def test_one_rating_per_visit(store, intakes):
    intake, events = intakes()
    intake.rate(4)
    with pytest.raises(IntakeError) as refused:
        intake.rate(1, ["staff_attitude"])
    assert refused.value.code == "rating.twice" and codes(events)[-1] == "rating.twice"
    assert [row[4] for row in ratings(store)] == [4]
    second, _ = intakes()  # the next citizen rates their own visit
    second.rate(1, ["staff_attitude"])
    assert sorted(row[4] for row in ratings(store)) == [1, 4]


@pytest.mark.parametrize("score, reasons", [
    (4, ["waiting_time"]),  # reasons are not asked at 4
    (0, []),
    (6, []),
    (2, ["not_a_reason"]),
    (2, "waiting_time"),
])
def test_an_invalid_rating_is_refused_and_the_citizen_may_rate_again(store, intakes, score, reasons):
    intake, events = intakes()
    with pytest.raises(IntakeError) as refused:
        intake.rate(score, reasons)
    assert refused.value.code == "rating.invalid" and codes(events)[-1] == "rating.invalid"
    assert ratings(store) == [] and not [r for r in store.audit_log() if r["action"] == "rating_added"]
    intake.rate(3, ["document_scanning"])
    assert [row[4:] for row in ratings(store)] == [(3, '["document_scanning"]')]


def test_a_store_that_fails_is_reported_and_the_rating_may_be_given_again(store, intakes, monkeypatch):
    intake, events = intakes()

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "add_rating", broken)
    with pytest.raises(IntakeError) as refused:
        intake.rate(5)
    assert refused.value.code == "rating.failed" and codes(events)[-1] == "rating.failed"
    monkeypatch.undo()
    intake.rate(5)
    assert len(ratings(store)) == 1


def test_a_finished_intake_may_still_be_rated_but_not_one_that_ended_otherwise(store, intakes):
    finished, _ = intakes()
    finished.end(EndReason.FINISHED)  # the session is wiped; the receipt stays
    finished.rate(5)
    left, _ = intakes()
    left.end(EndReason.IDLE)  # the citizen walked away after the submit
    with pytest.raises(IntakeError) as refused:
        left.rate(5)
    assert refused.value.code == "step.order"
    assert [row[4] for row in ratings(store)] == [5]

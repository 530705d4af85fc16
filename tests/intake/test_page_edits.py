"""Splitting and merging components: pages scanned as one document that belong to two, or two that
belong together. On the component's pages (PageSet) and through the intake, with a real store."""

from __future__ import annotations

import pytest

from kiosk.catalogs import load_procedures, load_units
from kiosk.intake import ConsentText, Intake, IntakeError, IntakeSetup, PageNotFound, PageSet
from kiosk.store import open_store
from tests.intake.test_pages import processed, three, widths

BIRTH = "1.001193"  # the form (1), the birth certificate (2), an authorisation (3, optional)


def test_split_off_hands_over_the_page_and_those_after_it_in_order():
    pages, (a, b, c) = three()
    taken = pages.split_off(b.id)
    assert [p.id for p in taken] == [b.id, c.id] and [p.id for p in pages.pages] == [a.id]
    other = PageSet([])
    other.extend(taken)
    assert widths(other) == [340, 380] and other.document().page_count == 2
    with pytest.raises(PageNotFound):
        pages.split_off(b.id)
    assert [p.id for p in pages.pages] == [a.id]


def test_take_all_empties_the_set():
    pages, (a, b, c) = three()
    assert [p.id for p in pages.take_all()] == [a.id, b.id, c.id] and len(pages) == 0


@pytest.fixture
def intake(tmp_path):
    events = []
    with open_store(tmp_path / "store", tmp_path / "keys", "TEST-01") as store:
        setup = IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit="06970",
                            received_by="officer-a", consent=ConsentText.load())
        running = Intake(setup, events.append)
        running.events = events
        running.choose_procedure(BIRTH)
        yield running
        running.end()


def test_an_intake_splits_a_component_into_another(intake):
    first = intake.slot(1).pages
    pages = [first.add(processed(300 + 40 * n)) for n in range(3)]
    intake.slot(3).shown_in_original = True
    assert intake.split_component(1, pages[1].id, 3) == 2
    assert [p.id for p in intake.slot(1).pages.pages] == [pages[0].id]
    assert [p.id for p in intake.slot(3).pages.pages] == [pages[1].id, pages[2].id]
    assert intake.slot(3).how == "scanned" and not intake.slot(3).shown_in_original
    assert intake.events[-1].code == "component.split" and intake.events[-1].data["pages"] == 2


def test_an_intake_refuses_a_split_into_the_same_component_or_of_a_page_elsewhere(intake):
    page = intake.slot(1).pages.add(processed())
    with pytest.raises(IntakeError):
        intake.split_component(1, page.id, 1)
    with pytest.raises(PageNotFound):
        intake.split_component(2, page.id, 1)
    assert [p.id for p in intake.slot(1).pages.pages] == [page.id] and len(intake.slot(2).pages) == 0


def test_an_intake_merges_one_component_into_another(intake):
    a = intake.slot(1).pages.add(processed(300))
    b, c = (intake.slot(2).pages.add(processed(w)) for w in (340, 380))
    assert intake.merge_components(2, 1) == 2
    assert [p.id for p in intake.slot(1).pages.pages] == [a.id, b.id, c.id] and len(intake.slot(2).pages) == 0
    assert intake.missing() == [intake.slot(2).name]  # the emptied component is required again
    assert intake.events[-1].code == "component.merged"
    with pytest.raises(IntakeError):
        intake.merge_components(1, "1")

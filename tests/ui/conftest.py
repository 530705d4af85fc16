import pytest
from PySide6.QtCore import QObject, Signal

from ui.i18n import Languages


class FakeCardEvents(QObject):
    """Stands in for ui.card_events.CardEvents where a test plays the events itself."""

    changed = Signal(object)
    unavailable = Signal(str)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def languages(qapp):
    languages = Languages(qapp)
    yield languages
    languages.switch("en")


@pytest.fixture
def card_events():
    return FakeCardEvents()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def services(config):
    """The counter's station services on the test's own store, no devices (tests/ui/counter_helpers.py);
    closed after the test's counter windows."""
    from tests.ui.counter_helpers import close_services, store_services

    opened = store_services(config)
    yield opened
    close_services(opened)

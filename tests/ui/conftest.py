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


@pytest.fixture(scope="session")
def softhsm_ui(tmp_path_factory):
    """SoftHSM2's configuration for the counter's signing tests."""
    from drivers.signing.softhsm import softhsm_available, write_conf

    if not softhsm_available():
        pytest.fail("SoftHSM2 is not installed: run packaging/dev setup")
    return write_conf(tmp_path_factory.mktemp("softhsm-ui"))


@pytest.fixture
def softhsm(softhsm_ui):
    """This process's SoftHSM2 pointed at the counter tests' configuration for one test, then back to
    what it was (other test folders keep tokens in their own)."""
    import os

    from drivers.signing.softhsm import CONF_ENV, use_conf

    before = os.environ.get(CONF_ENV)
    use_conf(softhsm_ui)
    yield softhsm_ui
    if before is None:
        os.environ.pop(CONF_ENV, None)
    else:
        use_conf(type(softhsm_ui)(before))

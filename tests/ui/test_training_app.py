"""The application started with a training station (a fake one: tests/ui/training_helpers.py): the
trainee's window of the station's mode on its configuration, marked as training, its station services
handed to the training station, and the trainer's panel beside it; the relay's progress told to both."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QThreadPool

from kiosk.devices import DeviceSetup
from kiosk.intake.station import StationServices
from tests.ui.counter_helpers import close_services, store_services
from tests.ui.test_training_panel import training_config
from tests.ui.training_helpers import FakeTrainingStation
from ui.app import _relay_listeners, build_main_window
from ui.counter_window import CounterWindow
from ui.kiosk_window import KioskWindow
from ui.training_panel import TrainerPanel


@pytest.fixture
def no_devices(tmp_path) -> DeviceSetup:
    """SANE with no backend: the window lists no scanner, quickly."""
    folder = tmp_path / "sane"
    folder.mkdir()
    (folder / "dll.conf").write_text("")
    return DeviceSetup(sane_config_dir=folder)


@pytest.fixture
def opened(monkeypatch):
    """The station services the window opens: the store and catalogs, no devices."""
    made = []

    def open_services(cls, config, sane_config_dir=None, scanner=True):
        made.append(store_services(config))
        return made[-1]

    monkeypatch.setattr(StationServices, "open", classmethod(open_services))
    yield made
    QThreadPool.globalInstance().waitForDone(10_000)
    for services in made:
        close_services(services)


@pytest.mark.parametrize("mode, window_class", [("counter", CounterWindow), ("kiosk", KioskWindow)])
def test_the_trainees_window_of_the_training_mode_with_the_trainers_panel(
        qtbot, qapp, config, tmp_path, no_devices, opened, mode, window_class):
    real = dataclasses.replace(config, mode="counter")  # what the station would run, not used in training
    training = FakeTrainingStation(tmp_path, training_config(config), mode=mode)
    window, languages, card_events = build_main_window(real, no_devices, qapp, training)
    try:
        qtbot.addWidget(window)
        assert isinstance(window, window_class) and window.config is training.config
        assert window.training_strip is not None
        assert isinstance(window.trainer_panel, TrainerPanel) and window.trainer_panel.training is training
        qtbot.addWidget(window.trainer_panel)
        qtbot.waitUntil(lambda: window.services is not None, timeout=20_000)
        assert ("attach",) in training.calls and window.services is opened[0]
        assert [s.id for s in training.scenarios] == [item.id for item in window.trainer_panel.scenarios]
    finally:
        card_events.stop()
        window.close()
        languages.switch("en")  # its translator off the application: the next test reads English


def test_the_relays_progress_is_told_to_the_window_and_the_training_station():
    told = []
    both = _relay_listeners(lambda d, p: told.append(("window", d)), None, lambda d, p: told.append(("training", d)))
    both("dossier-1", object())
    assert told == [("window", "dossier-1"), ("training", "dossier-1")]
    assert _relay_listeners(None, None) is None

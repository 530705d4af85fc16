"""Starting the application: one QApplication, one main window for the configured mode; in training, the
trainee's window (counter or kiosk) on the training station and the trainer's panel beside it."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QThreadPool, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import Config
from kiosk.devices import DeviceSetup
from ui.card_events import CardEvents
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists
from ui.diagnostics_window import DiagnosticsWindow
from ui.i18n import Languages
from ui.kiosk_window import KioskWindow
from ui.service_heartbeat import ServiceHeartbeat
from ui.termination import QuitOnSignals
from ui.sign_in import SignInGuard, audit_recorder, authenticator

log = logging.getLogger(__name__)


def build_main_window(config: Config, setup: DeviceSetup, app: QApplication,
                      training=None) -> tuple[QWidget, Languages, CardEvents]:
    """The window of `config.mode`, with its language set and device lists loading (not yet shown).
    `training`: a kiosk.training_station.TrainingStation, already up: then the window of `training.mode`
    on `training.config`, its station services handed to `training.attach`, and the trainer's panel
    (`window.trainer_panel`, not yet shown)."""
    if training is not None:
        config = training.config
    mode = training.mode if training is not None else config.mode
    languages = Languages(app)
    languages.switch(config.language)
    card_events = CardEvents(app)

    def services():  # on a worker
        from kiosk.intake.station import StationServices

        opened = StationServices.open(config, setup.sane_config_dir)
        return opened if training is None else training.attach(opened)

    if mode == "kiosk":
        window: QWidget = KioskWindow(config, languages, app, card_events, services=services)
    else:
        device_lists = DeviceLists(setup, card_events, parent=app)
        if mode == "counter":
            from kiosk.store import open_station_store

            window = CounterWindow(config, languages, device_lists, officer="", services=services,
                                   reading_store=lambda: open_station_store(config))
            window.sign_in = SignInGuard(window, authenticator(config, "officer"), "officer",
                                         config.sign_out_idle_minutes, audit_recorder(config), languages)
            device_lists.refresh()
        else:
            window = DiagnosticsWindow(config, languages, device_lists, setup)
            window.sign_in = SignInGuard(window, authenticator(config, "technician"), "technician",
                                         config.sign_out_idle_minutes, audit_recorder(config), languages)
            device_lists.refresh()
    if training is not None:
        from ui.training_panel import TrainerPanel

        window.trainer_panel = TrainerPanel(training, languages)
    card_events.start()
    return window, languages, card_events


def run_application(config: Config, setup: DeviceSetup, screenshot: Path | None = None,
                    exit_after: float | None = None, training=None) -> int:
    """`training`: a TrainingStation, already up (its caller brings it down after): the trainee's window
    and the trainer's panel beside it, on the training station's own configuration."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("digitisation-point")
    window, _languages, card_events = build_main_window(config, setup, app, training)
    if training is not None:
        config = training.config
    mode = training.mode if training is not None else config.mode
    panel = getattr(window, "trainer_panel", None)
    if panel is not None:  # side by side: the trainer watches what the trainee does
        panel.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # the trainee's window ends the session
        show_beside(window, panel)
    elif mode == "kiosk":
        window.setGeometry(window.screen().geometry())  # without a window manager, full screen is ours to size
        window.showFullScreen()
    else:
        window.show()
    if screenshot is not None:
        QTimer.singleShot(1500, lambda: save_screenshot(window, screenshot))
    if exit_after is not None:
        QTimer.singleShot(int(exit_after * 1000), app.quit)
    relay = _start_relay(config, _relay_listeners(getattr(window, "on_relay_progress", None),
                                                   getattr(training, "relay_progress", None)), setup)
    heartbeat = ServiceHeartbeat()
    heartbeat.start(window, f"{mode} window open")
    log.info("%s window open%s", mode, " (training)" if training is not None else "")
    with QuitOnSignals(app):  # systemd's SIGTERM ends the loop as a quit does: STOPPING=1, then cleanup
        code = app.exec()
    heartbeat.stop()
    if relay is not None:
        relay.stop()
    card_events.stop()
    QThreadPool.globalInstance().waitForDone(10_000)
    services = getattr(window, "services", None)
    if services is not None:
        services.close()
    reading_store = getattr(window, "reading_store", None)  # the counter's own connection for its list
    if reading_store is not None:
        reading_store.close()
    return code


def _relay_listeners(*listeners):
    """One progress callback for the relay that tells each of `listeners` (None ones left out)."""
    wanted = [listener for listener in listeners if listener is not None]
    if not wanted:
        return None
    if len(wanted) == 1:
        return wanted[0]

    def tell(dossier_id: str, progress) -> None:
        for listener in wanted:
            listener(dossier_id, progress)

    return tell


def show_beside(window: QWidget, panel: QWidget) -> None:
    """The trainee's window on the left of the screen, the trainer's panel on its right (overlapping
    where the screen is too small for both)."""
    area = window.screen().availableGeometry()
    width = min(panel.width(), max(area.width() * 2 // 5, 560))
    window.setGeometry(area.x(), area.y(), max(area.width() - width, 640), area.height())
    window.show()
    panel.setGeometry(area.x() + area.width() - width, area.y(), width, area.height())
    panel.show()


def _start_relay(config: Config, on_progress=None, devices: DeviceSetup | None = None):
    """Finished dossiers go to the province while the application runs, when a province is configured.
    `on_progress(dossier_id, Progress)` is called on the relay's thread (the counter's list forwards it);
    `devices`: where the station's health counts the scanners (the window's own setup)."""
    from sync.service import RelayService, relay_configured

    if not config.relay_in_window:  # an installed station: digitisation-point-relay.service delivers
        log.info("dossiers are delivered by the relay service, not by this window")
        return None
    if not relay_configured(config):
        log.info("no provincial endpoint with certificates: dossiers stay queued")
        return None
    service = RelayService(config, on_progress, devices)
    service.start()
    return service


def save_screenshot(window: QWidget, path: Path) -> None:
    """What a person would see: the whole screen where there is one (Xvfb), else the window itself."""
    path.parent.mkdir(parents=True, exist_ok=True)
    screen = window.screen()
    picture = screen.grabWindow(0) if QApplication.platformName() == "xcb" else window.grab()
    if picture.isNull():
        picture = window.grab()
    if not picture.save(str(path), "PNG"):
        log.error("could not save the screenshot to %s", path)

"""Shared by the counter window's tests: the station's services on a real store without devices, and
dossiers put in that store."""

from __future__ import annotations

import warnings

from PySide6.QtWidgets import QApplication

from kiosk.catalogs import load_procedures, load_units
from kiosk.intake import ConsentText
from kiosk.intake.station import StationServices
from kiosk.store import open_store


def store_services(config) -> StationServices:
    """Store and catalogs, no scanner, camera or face engine (close with `.close()`)."""
    return StationServices(config, open_store(config.store_dir, config.key_dir, config.station_id), load_procedures(),
                           load_units(), ConsentText.load())


def close_services(services) -> None:
    """After the test, before the store closes: the counter windows close (their receptions end, which
    is audited in the store on a worker) and every worker is done."""
    from PySide6.QtCore import QThreadPool

    from ui.counter_window import CounterWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, CounterWindow)]
    for window in windows:
        window.close()
    QThreadPool.globalInstance().waitForDone(30_000)
    for window in windows:
        if window.reading_store is not None:  # the window's own connection for its list, as the app closes it
            window.reading_store.close()
            window.reading_store = None
    services.close()


def activate(window) -> None:
    """Offscreen has no window manager to activate a window; shortcuts need an active one."""
    with warnings.catch_warnings(category=DeprecationWarning, action="ignore"):
        QApplication.setActiveWindow(window)


def submit(store, name: str, id_number: str, now, first_contact=None):
    from tests.store.conftest import make_citizen, make_dossier

    dossier = make_dossier(make_citizen(name, id_number), documents=1, pages=1, now=now)
    dossier.first_contact_at = first_contact
    store.submit(dossier, now=now)
    return dossier

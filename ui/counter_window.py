"""Counter mode: an officer's desktop window, keyboard first. Today's dossiers with their sync state,
several citizens received at once (one tab each), dossiers opened in tabs, the day's figures. A thin
front end: each reception drives the core's intake; the list and the day view read the store on workers.

The window's central widget is a stack: the work (`content`) on one page, so that a sign-in page can be
put in front of it (`add_front_page`, `signed_in_as`, `sign_out`)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from kiosk import __version__, signing_messages
from kiosk.config import Config
from kiosk.intake import EndReason
from ui.counter.day_view import DayView
from ui.counter.dossier_list import VIETNAM, DossierListModel
from ui.counter.dossier_panel import DossierPanel
from ui.counter.dossier_tab import DossierTab
from ui.counter.fonts import COUNTER_POINTS
from ui.counter.reception import ReceptionTab, receipt_printer, slip_printer
from ui.counter.source import DossierSource, Query
from ui.devices import DeviceLists
from ui.i18n import Languages
from ui.training_mark import TrainingStrip
from ui.workers import run_in_background

log = logging.getLogger(__name__)

REFRESH_MS = 30_000  # the list read again (when the officer is at its top), beside the relay's live word


class CounterWindow(QMainWindow):
    """`services`: the station's StationServices, or what opens them (called on a worker); None: the window
    shows its menus only. `officer`: the login received dossiers are attributed to (`signed_in_as`
    changes it). `relay_progress(dossier_id, Progress)` may be called from any thread (the relay's)."""

    relay_progress = Signal(str, object)

    def __init__(self, config: Config, languages: Languages, device_lists: DeviceLists, services: Any = None,
                 officer: str = "demo", *, today: Callable[[], Any] | None = None,
                 clock: Callable[[], datetime] | None = None, reading_store: Callable[[], Any] | None = None) -> None:
        """`reading_store`: opens a store connection of its own for the list, the day view and the dossier
        tabs (on a worker), so that their reads never meet the intakes' writes on one connection; None:
        they read the services' store."""
        super().__init__()
        self.setObjectName("counter")
        self.config = config
        self.officer = officer
        self.languages = languages
        self.wait_alert_minutes = int(getattr(config, "wait_alert_minutes", 20) or 20)
        self._today = today or (lambda: datetime.now(VIETNAM).date())
        self._clock = clock
        languages.changed.connect(self.retranslate)
        self.device_lists = device_lists
        self._device_counts: dict[str, str] = {}
        self.services = None
        self._source: DossierSource | None = None
        self._services_factory = services if callable(services) else None
        self._reading_store_factory = reading_store
        self.reading_store = None  # the connection the reads use, when it is one of the window's own

        self.model = DossierListModel(self._read_rows, self.wait_alert_minutes, self)
        self.panel = DossierPanel(self.model, today=self._today)
        self.panel.open_dossier.connect(self.open_dossier)
        self.heading, self.empty_note, self.dossiers = self.panel.heading, self.panel.note, self.panel.table
        self.tabs = QTabWidget(objectName="tabs", documentMode=True, tabsClosable=True, movable=True)
        self.tabs.addTab(self.panel, "")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)  # the list stays
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.day_view: DayView | None = None
        self.stack = QStackedWidget(objectName="stack")
        self.content = self.tabs
        self.stack.addWidget(self.content)
        self.training_strip = TrainingStrip() if config.training else None
        if self.training_strip is None:
            self.setCentralWidget(self.stack)
        else:  # the strip takes a row of its own above everything, the sign-in page too
            framed = QWidget(objectName="training_frame")
            column = QVBoxLayout(framed)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(self.training_strip)
            column.addWidget(self.stack, 1)
            self.setCentralWidget(framed)
        self.relay_progress.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

        self.station_status = QLabel()
        self.officer_status = QLabel(objectName="officer")
        self.device_status = QLabel()
        self.statusBar().addWidget(self.station_status)
        self.statusBar().addWidget(self.officer_status)
        self.statusBar().addPermanentWidget(self.device_status)

        def action(keys: str, slot, **more) -> QAction:
            return QAction(self, shortcut=QKeySequence(keys), triggered=slot, **more)

        self.file_menu = self.menuBar().addMenu("")
        self.new_action = action("Ctrl+N", self.new_reception)
        self.export_action = action("Ctrl+E", self.export_day)
        self.close_tab_action = action("Ctrl+W", lambda: self.close_tab(self.tabs.currentIndex()))
        self.quit_action = action("Ctrl+Q", self.close)
        for item in (self.new_action, self.export_action, self.close_tab_action):
            self.file_menu.addAction(item)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.list_action = action("Ctrl+L", self.show_list)
        self.search_action = action("Ctrl+F", self.focus_search)
        self.day_action = action("Ctrl+D", self.show_day)
        self.next_tab_action = action("Ctrl+PgDown", lambda: self._step_tab(1))
        self.previous_tab_action = action("Ctrl+PgUp", lambda: self._step_tab(-1))
        self.refresh_action = action("F5", self.refresh)
        for item in (self.list_action, self.search_action, self.day_action, self.next_tab_action,
                     self.previous_tab_action, self.refresh_action):
            self.view_menu.addAction(item)
        self.language_menu = self.menuBar().addMenu("")
        self.language_actions = {}
        for code, label, keys in (("vi", "Tiếng Việt", "Ctrl+Shift+V"), ("en", "English", "Ctrl+Shift+E")):
            item = QAction(label, self, checkable=True, shortcut=QKeySequence(keys),
                           triggered=lambda _=False, c=code: self.set_language(c))
            self.language_menu.addAction(item)
            self.language_actions[code] = item
        self.help_menu = self.menuBar().addMenu("")
        self.keys_action = action("Ctrl+?", self.show_keys)
        self.about_action = action("F1", self.show_about)
        self.help_menu.addAction(self.keys_action)
        self.help_menu.addAction(self.about_action)

        self._refresh_timer = QTimer(self, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self._periodic_refresh)
        # Bound methods, not lambdas: Qt drops these connections when the window is destroyed.
        device_lists.listed.connect(self._devices_listed)
        device_lists.failed.connect(self._devices_failed)
        self._sync_language_actions()
        self.retranslate()
        font = self.font()
        font.setPointSize(max(font.pointSize(), COUNTER_POINTS))
        self.setFont(font)
        for menu in (self.file_menu, self.view_menu, self.language_menu, self.help_menu):
            menu.setFont(font)
        self.resize(1280, 800)
        if services is not None and not callable(services):
            self._services_ready(services)
        elif self._services_factory is not None:
            run_in_background(self._services_factory, self._services_ready, self._services_failed, self)

    # --- the station's services --------------------------------------------------------------------

    def _services_ready(self, services) -> None:
        self.services = services
        if self._reading_store_factory is None:
            self._reads_from(services.store)
        else:
            run_in_background(self._reading_store_factory, self._reading_store_ready,
                              lambda error: self._reads_from(services.store), self)

    def _reading_store_ready(self, store) -> None:
        self.reading_store = store
        self._reads_from(store)

    def _reads_from(self, store) -> None:
        self._reads = store
        self._source = DossierSource(store)
        self._refresh_timer.start()
        self.panel.apply()

    def _services_failed(self, error: Exception) -> None:
        log.error("station services unavailable: %s", error.__class__.__name__)
        self.statusBar().showMessage(self.tr("The station could not open its store: %1").replace(
            "%1", error.__class__.__name__))

    def _read_rows(self, query: Query, offset: int, limit: int) -> list[dict]:
        return [] if self._source is None else self._source.rows(query, offset, limit)

    # --- sign-in ----------------------------------------------------------------------------------

    def add_front_page(self, page: QWidget) -> None:
        """A page shown instead of the work (the sign-in page): `show_front_page` / `show_content`."""
        self.stack.addWidget(page)

    def show_front_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)

    def show_content(self) -> None:
        self.stack.setCurrentWidget(self.content)

    def signed_in_as(self, officer_login: str) -> None:
        """Dossiers received from now on are attributed to this officer (the intake's received_by and the
        audit's actor)."""
        self.officer = officer_login
        self._show_officer()
        self.show_content()

    def sign_out(self) -> None:
        """Ends every open reception (each intake wipes what it held) and closes the dossier tabs."""
        for index in reversed(range(1, self.tabs.count())):
            self.close_tab(index, force=True)
        self.officer = ""
        self._show_officer()

    # --- tabs ----------------------------------------------------------------------------------------

    def receptions(self) -> list[ReceptionTab]:
        return [w for w in (self.tabs.widget(i) for i in range(self.tabs.count())) if isinstance(w, ReceptionTab)]

    def new_reception(self) -> ReceptionTab | None:
        if self.services is None:
            self.statusBar().showMessage(self.tr("The station is still opening: try again in a moment."), 5000)
            return None
        more = {"clock": self._clock} if self._clock is not None else {}
        tab = ReceptionTab(self.services, self.config, self.officer, lambda: self.languages.current,
                           wait_alert_minutes=self.wait_alert_minutes,
                           printer=receipt_printer(self.config.receipt_printer, self.config.training),
                           slip_printer=slip_printer(self.config.receipt_printer, self.config.training), **more)
        tab.submitted.connect(self._submitted)
        tab.finished.connect(lambda: self.close_tab(self.tabs.indexOf(tab), force=True))
        tab.title_changed.connect(lambda title: self._retitle(tab, title))
        tab.wait_alert.connect(lambda text: self._wait_alert(tab, text))
        index = self.tabs.addTab(tab, "")
        self._retitle(tab, "")
        self.tabs.setCurrentIndex(index)
        tab.ticket.setFocus()
        return tab

    def _retitle(self, tab: QWidget, title: str) -> None:
        index = self.tabs.indexOf(tab)
        if index < 0:
            return
        tab.setProperty("citizen_title", title)
        alert = bool(tab.property("alert"))
        text = title or self.tr("New reception")
        self.tabs.setTabText(index, ("⚠ " if alert else "") + text)
        self.tabs.setTabToolTip(index, text + (" — " + self.tr("waited too long") if alert else ""))

    def _wait_alert(self, tab: ReceptionTab, text: str) -> None:
        tab.setProperty("alert", bool(text))
        self._retitle(tab, tab.property("citizen_title") or "")
        if text:
            self.statusBar().showMessage(text)
        elif not any(t.property("alert") for t in self.receptions()):
            self.statusBar().clearMessage()

    def open_dossier(self, dossier_id: str) -> DossierTab | None:
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if isinstance(widget, DossierTab) and widget.dossier_id == dossier_id:
                self.tabs.setCurrentIndex(index)
                return widget
        if self._source is None:
            return None
        store = self._reads

        def read(wanted: str):
            history = store.dossier_history(wanted) if hasattr(store, "dossier_history") else store.audit_log(wanted)
            return store.load(wanted), history

        config = self.config

        def check_copies(document_ids):
            return signing_messages.check_copies(store.read_document, config, document_ids)

        tab = DossierTab(dossier_id, read, badge_text=self.model.badge_text,
                         damaged_text=self.model.damaged_text, check_copies=check_copies,
                         language=lambda: self.languages.current)
        index = self.tabs.addTab(tab, self.tr("Dossier %1").replace("%1", dossier_id[:8]))
        tab.loaded.connect(lambda title: self.tabs.setTabText(self.tabs.indexOf(tab), title))
        self.tabs.setCurrentIndex(index)
        tab.components.setFocus()
        return tab

    def show_day(self) -> DayView | None:
        if self._source is None:
            return None
        if self.day_view is None:
            store, minutes = self._reads, self.wait_alert_minutes
            self.day_view = DayView(lambda day: store.day_report(day, wait_alert_minutes=minutes), self._today(),
                                    minutes)
            self.day_view.exported.connect(
                lambda path: self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", path), 10_000))
            self.tabs.addTab(self.day_view, self.tr("Day view"))
        else:
            self.day_view.load()
        self.tabs.setCurrentWidget(self.day_view)
        self.day_view.day.setFocus()
        return self.day_view

    def export_day(self) -> None:
        view = self.show_day()
        if view is not None:
            view.export()

    def close_tab(self, index: int, force: bool = False) -> None:
        widget = self.tabs.widget(index)
        if widget is None or widget is self.panel:
            return
        if isinstance(widget, ReceptionTab):
            if not force and widget.link.active and widget._receipt is None and widget.intake.citizen is not None:
                answer = QMessageBox.question(self, self.tr("Close the reception"),
                                              self.tr("This citizen's dossier is not submitted. Close the reception "
                                                      "and discard what was read and scanned?"))
                if answer != QMessageBox.StandardButton.Yes:
                    return
            ending = widget.end(EndReason.FINISHED if widget._receipt is not None else EndReason.CANCELLED)
        else:
            ending = False
        if widget is self.day_view:
            self.day_view = None
        self.tabs.removeTab(index)
        if ending:  # the intake's last event goes to the tab: it lives until the intake has ended
            widget.link.ended.connect(widget.deleteLater)
        else:
            widget.deleteLater()

    def show_list(self) -> None:
        self.tabs.setCurrentWidget(self.panel)
        self.panel.table.setFocus()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.panel)
        self.panel.search.setFocus()
        self.panel.search.selectAll()

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    # --- the list ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Devices and dossiers, both read on workers."""
        self.device_lists.refresh()
        if self._source is not None:
            self.model.reload()

    def _periodic_refresh(self) -> None:
        if self.panel.table.verticalScrollBar().value() == 0 and not self.model.loading:
            self.model.reload()

    def _submitted(self, _dossier_id: str) -> None:
        self.model.reload()

    def _show_progress(self, dossier_id: str, progress) -> None:
        self.model.show_progress(dossier_id, progress.state, progress.percent, progress.code)

    def on_relay_progress(self, dossier_id: str, progress) -> None:
        """For sync.service.RelayService(config, on_progress): called on the relay's thread."""
        self.relay_progress.emit(dossier_id, progress)

    # --- language, devices, help ---------------------------------------------------------------------

    def set_language(self, code: str) -> None:
        self.languages.switch(code)
        self._sync_language_actions()

    def _sync_language_actions(self) -> None:
        for code, item in self.language_actions.items():
            item.setChecked(code == self.languages.current)

    def _devices_listed(self, kind: str, items: list) -> None:
        self._set_device_count(kind, str(len(items)))

    def _devices_failed(self, kind: str, _message: str) -> None:
        self._set_device_count(kind, "!")

    def _set_device_count(self, kind: str, count: str) -> None:
        self._device_counts[kind] = count
        self._show_device_status()

    def _show_device_status(self) -> None:
        counts = {kind: self._device_counts.get(kind, "…") for kind in ("readers", "scanners", "cameras")}
        self.device_status.setText(self.tr("Readers: %1 · Scanners: %2 · Cameras: %3")
                                   .replace("%1", counts["readers"]).replace("%2", counts["scanners"])
                                   .replace("%3", counts["cameras"]))

    def _show_officer(self) -> None:
        self.officer_status.setText("· " + self.tr("Officer: %1").replace("%1", self.officer) if self.officer
                                    else self.tr("No officer signed in"))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About"), self.tr("Digitisation point, version %1").replace("%1", __version__))

    def show_keys(self) -> None:
        lines = [f"{item.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t{item.text().replace('&', '')}"
                 for menu in (self.file_menu, self.view_menu, self.language_menu, self.help_menu)
                 for item in menu.actions() if not item.isSeparator()]
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), "\n".join(lines))

    def closeEvent(self, event) -> None:
        for tab in self.receptions():
            tab.end(EndReason.CANCELLED)
        super().closeEvent(event)

    def retranslate(self) -> None:
        title = self.tr("Digitisation point — counter")
        if self.training_strip is not None:
            self.training_strip.retranslate()
            title = f"{self.training_strip.text()} · {title}"
        self.setWindowTitle(title)
        self.tabs.setTabText(0, self.tr("Dossiers"))
        self.tabs.setTabToolTip(0, self.tr("Dossiers received at this station (Ctrl+L)"))
        self.panel.retranslate()
        for index in range(1, self.tabs.count()):
            widget = self.tabs.widget(index)
            widget.retranslate()
            if isinstance(widget, ReceptionTab):
                self._retitle(widget, widget.property("citizen_title") or "")
            elif isinstance(widget, DayView):
                self.tabs.setTabText(index, self.tr("Day view"))
        self.station_status.setText(self.tr("Station %1 · center unit %2")
                                    .replace("%1", self.config.station_id).replace("%2", self.config.center_unit))
        self._show_officer()
        self.file_menu.setTitle(self.tr("&File"))
        self.new_action.setText(self.tr("&New reception"))
        self.export_action.setText(self.tr("&Export the day as CSV…"))
        self.close_tab_action.setText(self.tr("&Close tab"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.list_action.setText(self.tr("Dossier &list"))
        self.search_action.setText(self.tr("&Search dossiers"))
        self.day_action.setText(self.tr("&Day view"))
        self.next_tab_action.setText(self.tr("Ne&xt tab"))
        self.previous_tab_action.setText(self.tr("&Previous tab"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.keys_action.setText(self.tr("&Keyboard shortcuts"))
        self.about_action.setText(self.tr("&About"))
        for menu in (self.file_menu, self.view_menu, self.language_menu, self.help_menu):
            menu.setToolTipsVisible(True)
            for item in menu.actions():
                if not item.isSeparator():
                    keys = item.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                    item.setToolTip(f"{item.text().replace('&', '')} ({keys})")
        self._show_device_status()

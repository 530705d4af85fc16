"""Sync: the outbox (counts, the oldest dossier waiting, the last error as its kind only) and the
connectivity test to the province, step by step with the TLS facts."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.config import Config
from kiosk.diagnostics.sync_status import SyncStatus, sync_status
from sync.connectivity import ConnectivityReport, connectivity_test
from ui.diagnostics.common import add_shortcut, fill, ms, table
from ui.workers import run_in_background


def _status(config: Config) -> SyncStatus:
    from kiosk.store import open_station_store

    with open_station_store(config) as store:
        return sync_status(store)


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


class SyncPage(QWidget):
    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.queue = table(2, "sync-queue")
        self.refresh_button = QPushButton(objectName="sync-refresh", clicked=self.refresh)
        self.test_button = QPushButton(objectName="sync-test", clicked=self.test_connection)
        add_shortcut(self, "Ctrl+K", self.test_connection)
        self.status = QLabel(objectName="sync-status", wordWrap=True)
        self.steps = table(4, "sync-steps")
        self.tls = table(2, "sync-tls")
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.queue, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.tls, 1)
        self.sync: SyncStatus | None = None
        self.report: ConnectivityReport | None = None
        self._state: tuple[str, object] = ("idle", None)
        self._queue_problem = ""

    def refresh(self) -> None:
        run_in_background(lambda: _status(self.config), self._status_came, self._status_failed, self)

    def _status_came(self, status: SyncStatus) -> None:
        self.sync, self._queue_problem = status, ""
        self._render()

    def _status_failed(self, error: Exception) -> None:
        self._queue_problem = str(error)
        self._render()

    def test_connection(self) -> None:
        if not self.test_button.isEnabled():
            return
        self.test_button.setEnabled(False)
        self._state = ("testing", None)
        self._render()
        run_in_background(lambda: connectivity_test(self.config), self._tested, self._test_failed, self)

    def _tested(self, report: ConnectivityReport) -> None:
        self.test_button.setEnabled(True)
        self.report, self._state = report, ("tested", report)
        self._render()

    def _test_failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self._state = ("failed", error)
        self._render()

    def _render(self) -> None:
        kinds = {"interrupted": self.tr("interrupted (the station stopped while sending)"),
                 "audit_refused": self.tr("the province refuses this station's audit log (gone back or "
                                          "rewritten); dossiers stay queued: run 'kiosk audit verify'"),
                 "damaged": self.tr("a dossier's stored data fails its integrity check (altered or damaged): "
                                    "it stays queued, not sent, not deleted: run 'kiosk store check'"),
                 "tls": self.tr("TLS: the secure connection failed"),
                 "not_the_province": self.tr("something else answers in the province's place (a portal, a proxy)"),
                 "timeout": self.tr("no answer in time"), "connection": self.tr("the connection failed"),
                 "checksum": self.tr("a file arrived damaged (sent again)"),
                 "rate_limited": self.tr("the province asked the station to slow down"),
                 "server_error": self.tr("the province's server failed"),
                 "refused": self.tr("the province refused the request"), "other": self.tr("another error")}
        status = self.sync
        if status is not None:
            error = "—"
            if status.last_error_class:
                error = kinds.get(status.last_error_class, status.last_error_class)
                if status.last_error_status:
                    error += f" (HTTP {status.last_error_status})"
            states = {"draft": self.tr("Drafts"), "ready": self.tr("Ready"), "queued": self.tr("Queued"),
                      "uploading": self.tr("Uploading"), "accepted": self.tr("Accepted"),
                      "rejected": self.tr("Rejected")}
            rows = [[self.tr("Waiting to be sent"), str(status.queue)],
                    [self.tr("Bytes waiting"), f"{status.bytes_pending:,}"],
                    [self.tr("Oldest waiting for"), "—" if status.oldest_waiting_seconds is None
                     else _duration(status.oldest_waiting_seconds)],
                    [self.tr("Last accepted"), status.last_success or "—"],
                    [self.tr("Last error"), error],
                    [self.tr("Next attempt"), status.next_attempt or "—"]]
            rows += [[states.get(state, state), str(count)] for state, count in status.states.items()]
            fill(self.queue, rows)
        elif self._queue_problem:
            fill(self.queue, [[self.tr("The store cannot be opened"), self._queue_problem]])
        state, detail = self._state
        if state == "idle":
            text = self.tr("Endpoint: %1").replace("%1", self.config.endpoint or self.tr("none configured"))
        elif state == "testing":
            text = self.tr("Testing the connection…")
        elif state == "failed":
            text = self.tr("The test cannot run: %1").replace("%1", str(detail))
        elif detail.ok:
            text = self.tr("The province answers the pre-check over TLS: connection OK.")
        else:
            text = self.tr("The connection test failed at the step marked failed.")
        self.status.setText(text)
        report = self.report
        if report is not None:
            names = {"dns": self.tr("Name lookup"), "tcp": self.tr("TCP connection"),
                     "tls": self.tr("TLS handshake"), "precheck": self.tr("Pre-check")}
            fill(self.steps, [[names.get(s.name, s.name), self.tr("ok") if s.ok else self.tr("failed"), ms(s.ms),
                               s.detail] for s in report.steps])
            days = report.server_expires_in_days
            fill(self.tls, [[self.tr("Endpoint"), report.endpoint], [self.tr("TLS version"), report.tls_version],
                            [self.tr("Cipher"), report.cipher], [self.tr("Server certificate"), report.server_subject],
                            [self.tr("Issued by"), report.server_issuer],
                            [self.tr("Expires in"), "" if days is None else self.tr("%n day(s)", "", days)]])

    def retranslate(self) -> None:
        self.queue.setHeaderLabels([self.tr("Outbox"), self.tr("Value")])
        self.steps.setHeaderLabels([self.tr("Step"), self.tr("Result"), self.tr("Time"), self.tr("Detail")])
        self.tls.setHeaderLabels([self.tr("Connection"), self.tr("Value")])
        self.refresh_button.setText(self.tr("Refresh the queue"))
        self.test_button.setText(self.tr("Test the connection (Ctrl+K)"))
        self.test_button.setToolTip(self.tr("Name lookup, TCP, TLS with the station's certificate, then the "
                                            "province's pre-check, each timed (Ctrl+K)"))
        self._render()

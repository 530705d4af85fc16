"""The station's devices as seen by every window: listed on workers, refreshed on card events."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk import devices
from kiosk.devices import DeviceSetup
from ui.card_events import CardEvents
from ui.workers import run_in_background

KINDS = ("readers", "scanners", "cameras")


class DeviceLists(QObject):
    """`listed(kind, items)` or `failed(kind, message)` after each refresh of a kind of device.

    Refreshes run side by side on the thread pool and may finish out of order (a card event's refresh
    before the one a reader event started just earlier); an answer older than one already shown is
    dropped, so the list never goes back to a past state.
    """

    listed = Signal(str, list)
    failed = Signal(str, str)
    loading = Signal(str)

    def __init__(self, setup: DeviceSetup, card_events: CardEvents | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._asked = dict.fromkeys(KINDS, 0)
        self._shown = dict.fromkeys(KINDS, 0)
        self._sources = {
            "readers": devices.readers,
            "scanners": lambda: devices.scanners(setup),
            "cameras": lambda: devices.cameras(setup),
        }
        if card_events is not None:
            card_events.changed.connect(lambda _event: self.refresh("readers"))
            card_events.unavailable.connect(lambda message: self.failed.emit("readers", message))

    def refresh(self, kind: str | None = None) -> None:
        for name in (kind,) if kind else KINDS:
            self._asked[name] += 1
            self.loading.emit(name)
            run_in_background(
                self._sources[name],
                lambda items, name=name, n=self._asked[name]: self._answer(name, n, self.listed, list(items)),
                lambda error, name=name, n=self._asked[name]: self._answer(name, n, self.failed, str(error)),
                self,
            )

    def _answer(self, kind: str, number: int, signal: Signal, value: object) -> None:
        if number < self._shown[kind]:
            return
        self._shown[kind] = number
        signal.emit(kind, value)

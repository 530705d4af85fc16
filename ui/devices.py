"""The station's devices as seen by every window: listed on workers, refreshed on card events."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from drivers.card.pcsc import PcscEvent, ReaderInfo
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

    The card on each reader follows the card events themselves: a listing connects to each reader, and
    right after a card leaves pcscd may still let it connect, so a listing made then would show the card
    that has gone, and nothing would ask again. What the events last said about a reader wins over any
    listing; the listing still brings the readers' names before the events start.
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
        self._listed_readers: list[ReaderInfo] | None = None
        self._cards: dict[str, bytes | None] = {}  # reader → ATR of its card (None: none), from the events
        self._gone: set[str] = set()  # readers the events said were unplugged
        if card_events is not None:
            card_events.changed.connect(self._card_event)
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

    def _card_event(self, event: PcscEvent) -> None:
        if event.kind == "reader-removed":
            self._cards.pop(event.reader, None)
            self._gone.add(event.reader)
        else:
            self._gone.discard(event.reader)
            if event.kind == "card-inserted":
                self._cards[event.reader] = event.atr
            elif event.kind == "card-removed" or event.reader not in self._cards:
                self._cards[event.reader] = None
        if self._listed_readers is not None:
            self.listed.emit("readers", self._readers_now())
        if event.kind in ("reader-added", "reader-removed"):
            self.refresh("readers")  # a reader's name and order come from pcscd's own list

    def _readers_now(self) -> list[ReaderInfo]:
        listed = self._listed_readers or []
        shown = [ReaderInfo(r.name, self._cards.get(r.name, r.atr)) for r in listed if r.name not in self._gone]
        names = {r.name for r in listed}
        shown += [ReaderInfo(name, atr) for name, atr in self._cards.items() if name not in names]
        return shown

    def _answer(self, kind: str, number: int, signal: Signal, value: object) -> None:
        if number < self._shown[kind]:
            return
        self._shown[kind] = number
        if kind == "readers" and signal is self.listed:
            if all(isinstance(item, ReaderInfo) for item in value):
                self._listed_readers = value
                value = self._readers_now()
        signal.emit(kind, value)

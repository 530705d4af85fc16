"""The windows' hold on the core's intake: its events and the results of its device work arrive on the
GUI thread as signals, so a screen only shows them and never waits."""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Signal

from kiosk.intake import EndReason, Intake, IntakeSetup
from ui.workers import run_in_background

log = logging.getLogger(__name__)


class _Delivery(QObject):
    done = Signal(object, object)  # callback, value


class IntakeLink(QObject):
    """`event(kiosk.intake.Event)` for everything the intake reports, from whichever thread it runs on."""

    event = Signal(object)
    ended = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.intake: Intake | None = None
        self._delivery = _Delivery(self)
        self._delivery.done.connect(lambda callback, value: callback(value))

    @property
    def active(self) -> bool:
        return self.intake is not None and self.intake.ended is None

    def begin(self, setup: IntakeSetup) -> Intake:
        self.end()
        self.intake = Intake(setup, self.event.emit)
        return self.intake

    def follow(self, future: Future, on_done: Callable[[Any], None], on_error: Callable[[Exception], None],
               owner: QObject) -> None:
        """Calls on_done(result) or on_error(exception) on the GUI thread when the intake's work ends,
        while `owner` still exists and the intake that started the work is still this link's (work that
        ends after the visit, say a scan finishing after Cancel, is not delivered to the next one)."""
        started = self.intake

        def deliver(callback: Callable[[Any], None], value: Any) -> None:
            if shiboken6.isValid(owner) and self.intake is started:
                callback(value)

        def finished(done: Future) -> None:
            if done.cancelled():
                return
            error = done.exception()
            callback = on_error if error is not None else on_done
            value = error if error is not None else done.result()
            if shiboken6.isValid(self) and shiboken6.isValid(owner):
                self._delivery.done.emit(lambda v: deliver(callback, v), value)

        future.add_done_callback(finished)

    def end(self, reason: EndReason | str = EndReason.CANCELLED) -> None:
        """Ends the intake (it wipes what it holds) on a worker: it waits for its device work to stop."""
        intake, self.intake = self.intake, None
        if intake is None or intake.ended is not None:
            return
        reason = EndReason(reason)
        run_in_background(lambda: intake.end(reason), lambda _: self.ended.emit(reason.value),
                          lambda error: log.error("intake end failed: %s", error.__class__.__name__), self)

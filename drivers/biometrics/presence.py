"""The presence check: the person turns their head to one side, then the other, within a few seconds.

Judged from the five landmarks frame by frame: the nose moves across the line of the eyes when a head
turns, and does not when a photograph is held up and turned, or when a still image is shown. It raises
the bar against a printed photo; it is a presence check, not certified presentation-attack detection
(a screen replaying a video of the card holder turning would pass it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from statistics import median

from .face import FaceFinding

TURN = 0.15  # yaw index change from the person's own frontal pose that counts as a turn
WITHIN = 10.0  # seconds from the first frontal face to the end of the second turn
STEADY_FRAMES = 3  # frontal frames that set the person's own "facing the camera" pose
MAX_JUMP = 0.5  # face widths the face may move between two frames and still be the same person


class Stage(str, Enum):
    FACE_CAMERA = "face.face_camera"  # waiting for a steady frontal face
    TURN_LEFT = "face.turn_left"
    TURN_RIGHT = "face.turn_right"
    PASSED = "face.presence_passed"
    FAILED = "face.presence_failed"


@dataclass
class HeadTurnChallenge:
    """Fed one finding (or None: no usable face in that frame) per frame, with the frame's time; `stage`
    says what the person should do next. Turns are the person's own: left first, then right."""

    turn: float = TURN
    within: float = WITHIN
    stage: Stage = Stage.FACE_CAMERA
    failure: str = ""  # why it failed: "timeout" or "face_changed"
    _baseline: list[float] = field(default_factory=list)
    _started: float | None = None
    _last: FaceFinding | None = None

    @property
    def done(self) -> bool:
        return self.stage in (Stage.PASSED, Stage.FAILED)

    def feed(self, at: float, finding: FaceFinding | None) -> Stage:
        if self.done:
            return self.stage
        if self._started is not None and at - self._started > self.within:
            return self._fail("timeout")
        if finding is None:
            return self.stage
        if self._last is not None and self._jumped(self._last, finding):
            if self.stage is not Stage.FACE_CAMERA:
                return self._fail("face_changed")  # another face took the place of the first mid-challenge
            self._baseline = []
        self._last = finding
        if self.stage is Stage.FACE_CAMERA:
            if finding.frontal:
                self._baseline.append(finding.yaw)
                if len(self._baseline) >= STEADY_FRAMES:
                    self._started = at
                    self.stage = Stage.TURN_LEFT
            else:
                self._baseline = []
            return self.stage
        moved = finding.yaw - median(self._baseline)
        if self.stage is Stage.TURN_LEFT and moved >= self.turn:
            self.stage = Stage.TURN_RIGHT
        elif self.stage is Stage.TURN_RIGHT and moved <= -self.turn:
            self.stage = Stage.PASSED
        return self.stage

    @staticmethod
    def _jumped(before: FaceFinding, now: FaceFinding) -> bool:
        (x0, y0), (x1, y1) = before.centre, now.centre
        return ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 > MAX_JUMP * max(before.width, now.width)

    def _fail(self, why: str) -> Stage:
        self.stage, self.failure = Stage.FAILED, why
        return self.stage

"""Is the person at the station the card holder? The face check (a head turn, then the most frontal face
of it against the chip's portrait) and the fingerprint check, as the intake's presence step and
`kiosk face verify` run them. Frames, embeddings and fingerprint samples stay in memory and are
overwritten when a check ends; only the method, decision, score, threshold and time are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import numpy as np

from drivers.biometrics.face import FaceFinding, FaceProblem, FaceVerifier
from drivers.biometrics.presence import HeadTurnChallenge, Stage
from drivers.camera.capture import Camera, CameraError, Frame

GIVE_UP_AFTER = 30.0  # seconds of frames without a finished check before it fails
FRAMES_WITHOUT_CHALLENGE = 5  # frames looked at for the most frontal face when no head turn is asked


@dataclass(frozen=True)
class FaceOutcome:
    """How a face check ended. `reason` is the message code: face.matched, face.mismatch,
    face.presence_failed, a face.* guidance code that never cleared, face.portrait_*, or camera.*.
    `decided` is False when nothing was judged about the person (no portrait, the camera failed)."""

    passed: bool
    reason: str
    threshold: float
    score: float | None = None
    presence: bool = False  # the head turn was seen (always False when it was not asked)
    decided: bool = True


def camera_frames(camera: Camera) -> Iterator[Frame]:
    """The camera's frames until it ends; a frame that does not decode is skipped."""
    while True:
        try:
            yield camera.read()
        except CameraError as error:
            if error.code == "camera.corrupt_frame":
                continue
            if error.code == "camera.ended":
                return
            raise


class FaceCheck:
    def __init__(self, verifier: FaceVerifier, *, challenge: bool = True, give_up_after: float = GIVE_UP_AFTER,
                 on_guide: Callable[[str], None] = lambda code: None) -> None:
        self.verifier = verifier
        self.challenge = challenge
        self.give_up_after = give_up_after
        self._on_guide = on_guide
        self._said = ""

    def _guide(self, code: str) -> None:
        if code != self._said:  # say each change once, not once per frame
            self._said = code
            self._on_guide(code)

    def _outcome(self, passed: bool, reason: str, **more) -> FaceOutcome:
        self._guide(reason)
        return FaceOutcome(passed, reason, self.verifier.threshold, **more)

    def run(self, portrait: bytes | None, frames: Iterable[Frame]) -> FaceOutcome:
        """The check on camera frames (BGR): the head turn when asked, then the comparison of its most
        frontal face with the portrait."""
        if not portrait:
            return self._outcome(False, "face.no_portrait", decided=False)
        try:
            reference = self.verifier.portrait_embedding(portrait)
        except FaceProblem as problem:
            return self._outcome(False, problem.code, decided=False)
        challenge = HeadTurnChallenge() if self.challenge else None
        best: tuple[FaceFinding, np.ndarray] | None = None
        problem, start, seen = "face.no_face", None, 0
        try:
            for frame in frames:
                start = frame.at if start is None else start
                if frame.at - start > self.give_up_after:
                    break
                image = frame.image[:, :, ::-1].copy()  # OpenCV's BGR to the RGB dlib expects
                try:
                    finding = self.verifier.find(image)
                except FaceProblem as found:
                    problem = found.code
                    self._guide(found.code)
                    image.fill(0)
                    if challenge:
                        challenge.feed(frame.at, None)
                    continue
                seen += 1
                if finding.frontal and (best is None or abs(finding.yaw) < abs(best[0].yaw)):
                    if best is not None:
                        best[1].fill(0)
                    best = (finding, image)
                else:
                    image.fill(0)
                if challenge is None:
                    if best is not None and seen >= FRAMES_WITHOUT_CHALLENGE:
                        break
                    self._guide("face.face_camera" if best is None else "face.hold_still")
                    continue
                stage = challenge.feed(frame.at, finding)
                self._guide(stage.value)
                if challenge.done:
                    break
        except CameraError as error:
            return self._outcome(False, error.code, decided=False)
        try:
            if challenge is not None and challenge.stage is not Stage.PASSED:
                never_faced = challenge.stage is Stage.FACE_CAMERA and best is None
                return self._outcome(False, problem if never_faced else "face.presence_failed")
            if best is None:
                return self._outcome(False, problem if seen == 0 else "face.turned_away")
            live = self.verifier.embed(best[1], best[0])
            match = self.verifier.compare(reference, live)
            live.fill(0)
            return self._outcome(match.matched, "face.matched" if match.matched else "face.mismatch",
                                 score=match.score, presence=challenge is not None)
        finally:
            reference.fill(0)
            if best is not None:
                best[1].fill(0)

    def compare_still(self, portrait: bytes, image: np.ndarray) -> FaceOutcome:
        """One still (RGB) against the portrait, with no presence check: for the technician's checks."""
        try:
            reference = self.verifier.portrait_embedding(portrait)
        except FaceProblem as problem:
            return self._outcome(False, problem.code, decided=False)
        try:
            finding = self.verifier.find(image)
            if not finding.frontal:
                return self._outcome(False, "face.turned_away")
            live = self.verifier.embed(image, finding)
            match = self.verifier.compare(reference, live)
            live.fill(0)
            return self._outcome(match.matched, "face.matched" if match.matched else "face.mismatch",
                                 score=match.score)
        except FaceProblem as problem:
            return self._outcome(False, problem.code)
        finally:
            reference.fill(0)

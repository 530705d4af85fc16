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
        watch = _Watch()
        try:
            try:
                self._watch(frames, challenge, watch)
            except CameraError as error:
                return self._outcome(False, error.code, decided=False)
            if challenge is not None and challenge.stage is not Stage.PASSED:
                never_faced = challenge.stage is Stage.FACE_CAMERA and watch.best is None
                return self._outcome(False, watch.problem if never_faced else "face.presence_failed")
            if watch.best is None:
                return self._outcome(False, watch.problem if watch.seen == 0 else "face.turned_away")
            return self._compare(reference, *watch.best, presence=challenge is not None)
        finally:
            reference.fill(0)
            watch.wipe()

    def _watch(self, frames: Iterable[Frame], challenge: HeadTurnChallenge | None, watch: "_Watch") -> None:
        """Follows the frames until the head turn is seen (or, with no challenge, a few frontal frames),
        keeping a copy of the most frontal face in `watch`."""
        start = None
        for frame in frames:
            start = frame.at if start is None else start
            if frame.at - start > self.give_up_after:
                return
            image = None
            try:
                image = _rgb(frame.image)
                finding = self.verifier.find(image)
            except FaceProblem as found:
                if image is not None:
                    image.fill(0)
                watch.problem = found.code
                self._guide(found.code)
                if challenge:
                    challenge.feed(frame.at, None)
                continue
            watch.seen += 1
            watch.offer(finding, image)
            if challenge is None:
                if watch.best is not None and watch.seen >= FRAMES_WITHOUT_CHALLENGE:
                    return
                self._guide("face.face_camera" if watch.best is None else "face.hold_still")
                continue
            self._guide(challenge.feed(frame.at, finding).value)
            if challenge.done:
                return

    def _compare(self, reference: np.ndarray, finding: FaceFinding, image: np.ndarray,
                 presence: bool = False) -> FaceOutcome:
        live = self.verifier.embed(image, finding)
        try:
            match = self.verifier.compare(reference, live)
        finally:
            live.fill(0)
        return self._outcome(match.matched, "face.matched" if match.matched else "face.mismatch",
                             score=match.score, presence=presence)

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
            return self._compare(reference, finding, image)
        except FaceProblem as problem:
            return self._outcome(False, problem.code)
        finally:
            reference.fill(0)


class _Watch:
    """What following the frames found: the most frontal face with a copy of its frame (overwritten when
    a better one comes, and by `wipe`), how many frames had a usable face, and the last problem seen."""

    def __init__(self) -> None:
        self.best: tuple[FaceFinding, np.ndarray] | None = None
        self.seen = 0
        self.problem = "face.no_face"

    def offer(self, finding: FaceFinding, image: np.ndarray) -> None:
        if finding.frontal and (self.best is None or abs(finding.yaw) < abs(self.best[0].yaw)):
            self.wipe()
            self.best = (finding, image)
        else:
            image.fill(0)

    def wipe(self) -> None:
        if self.best is not None:
            self.best[1].fill(0)
            self.best = None


def _rgb(image: np.ndarray) -> np.ndarray:
    """A camera frame (OpenCV's BGR) as the RGB copy dlib expects."""
    if not isinstance(image, np.ndarray) or image.ndim != 3 or image.shape[2] != 3:
        raise FaceProblem("face.corrupt_frame", "not a colour frame")
    return image[:, :, ::-1].copy()

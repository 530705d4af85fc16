"""FaceCheck end to end: rendered head turns (and a video file of one) through the real dlib verifier,
against chip portraits as DG2 holds them."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from drivers.biometrics.face import DlibFaceVerifier
from drivers.camera.capture import CameraError, Frame, open_camera
from kiosk.intake.presence import FRAMES_WITHOUT_CHALLENGE, FaceCheck, camera_frames
from tests.helpers.faces import (
    dg2_portrait,
    head_turn_frames,
    live_frame,
    photo,
    write_video,
)

HOLDER, OTHER = "030", "087"


@pytest.fixture(scope="module")
def verifier() -> DlibFaceVerifier:
    return DlibFaceVerifier()


@cache
def turning(person: str, flat: bool = False) -> tuple[np.ndarray, ...]:
    return tuple(head_turn_frames(person, flat=flat))


def frames(images, fps: float = 10.0) -> list[Frame]:
    """Camera frames (BGR) of RGB images, timed at fps."""
    return [Frame(image[:, :, ::-1].copy(), i / fps) for i, image in enumerate(images)]


def still(person: str = HOLDER) -> np.ndarray:
    return live_frame(photo(person, "smiling"))


class FakeCamera:
    """Gives its frames, then raises the error (or camera.ended)."""

    id = "fake"

    def __init__(self, frames, error: CameraError | None = None, corrupt_at: int | None = None) -> None:
        self._frames, self._error, self._corrupt_at, self.reads = list(frames), error, corrupt_at, 0

    def read(self) -> Frame:
        self.reads += 1
        if self.reads - 1 == self._corrupt_at:
            raise CameraError("camera.corrupt_frame", "camera fake: a frame does not decode")
        if not self._frames:
            raise self._error or CameraError("camera.ended", "camera fake has no more frames")
        return self._frames.pop(0)

    def close(self) -> None:
        pass


class Recording:
    """The real verifier, keeping every array that FaceCheck hands it or gets from it."""

    def __init__(self, verifier: DlibFaceVerifier) -> None:
        self.verifier, self.threshold, self.arrays = verifier, verifier.threshold, []

    def find(self, image, *, live=True):
        self.arrays.append(image)
        return self.verifier.find(image, live=live)

    def embed(self, image, finding):
        self.arrays.append(image)
        embedding = self.verifier.embed(image, finding)
        self.arrays.append(embedding)
        return embedding

    def portrait_embedding(self, portrait):
        embedding = self.verifier.portrait_embedding(portrait)
        self.arrays.append(embedding)
        return embedding

    def compare(self, portrait, live):
        return self.verifier.compare(portrait, live)


def test_the_holder_turning_their_head_passes(verifier):
    said = []
    outcome = FaceCheck(verifier, on_guide=said.append).run(dg2_portrait(HOLDER), frames(turning(HOLDER)))
    assert outcome.passed and outcome.decided and outcome.presence
    assert outcome.reason == "face.matched"
    assert outcome.score >= outcome.threshold == verifier.threshold
    assert said == ["face.face_camera", "face.turn_left", "face.turn_right", "face.presence_passed", "face.matched"]


def test_another_persons_portrait_is_a_mismatch(verifier):
    outcome = FaceCheck(verifier).run(dg2_portrait(OTHER), frames(turning(HOLDER)))
    assert not outcome.passed and outcome.decided and outcome.presence
    assert outcome.reason == "face.mismatch"
    assert outcome.score < outcome.threshold


@pytest.mark.parametrize("images", [lambda: turning(HOLDER, flat=True), lambda: [still()] * 100],
                         ids=["photo turned in the hands", "still image for 10 s"])
def test_a_photo_of_the_holder_fails_the_presence_check(verifier, images):
    outcome = FaceCheck(verifier).run(dg2_portrait(HOLDER), frames(images()))
    assert not outcome.passed and outcome.decided and not outcome.presence
    assert outcome.reason == "face.presence_failed"
    assert outcome.score is None  # the face was not compared at all


@pytest.mark.parametrize("portrait", [None, b""])
def test_no_portrait_decides_nothing(verifier, portrait):
    outcome = FaceCheck(verifier).run(portrait, frames([still()]))
    assert (outcome.passed, outcome.reason, outcome.decided) == (False, "face.no_portrait", False)


@pytest.mark.parametrize("portrait, reason", [
    (np.random.default_rng(3).bytes(5000), "face.portrait_unreadable"),
    (dg2_portrait(HOLDER)[:2500], "face.portrait_unreadable"),
    (dg2_portrait(HOLDER, contrast=0.0), "face.portrait_no_face"),  # a flat grey image
], ids=["random bytes", "truncated JPEG 2000", "no face"])
def test_a_bad_portrait_decides_nothing(verifier, portrait, reason):
    outcome = FaceCheck(verifier).run(portrait, frames([still()]))
    assert (outcome.passed, outcome.reason, outcome.decided) == (False, reason, False)


def test_no_face_for_30_seconds_gives_up(verifier):
    wall = np.full((480, 640, 3), 90, np.uint8)
    given = []

    def camera():  # 40 s at 2 fps
        for frame in frames([wall] * 80, fps=2):
            given.append(frame.at)
            yield frame

    said = []
    outcome = FaceCheck(verifier, on_guide=said.append).run(dg2_portrait(HOLDER), camera())
    assert (outcome.passed, outcome.reason, outcome.decided) == (False, "face.no_face", True)
    assert given[-1] == 30.5  # the first frame past 30 s ended it
    assert said == ["face.no_face"]


def test_without_the_challenge_a_still_face_matches(verifier):
    given = []

    def camera():
        for frame in frames([still()] * 100):
            given.append(frame)
            yield frame

    outcome = FaceCheck(verifier, challenge=False).run(dg2_portrait(HOLDER), camera())
    assert outcome.passed and outcome.reason == "face.matched" and not outcome.presence
    assert outcome.score >= outcome.threshold
    assert len(given) == FRAMES_WITHOUT_CHALLENGE


def test_a_camera_lost_midway_decides_nothing(verifier):
    camera = FakeCamera(frames(turning(HOLDER))[:6], CameraError("camera.lost", "camera fake stopped giving frames"))
    outcome = FaceCheck(verifier).run(dg2_portrait(HOLDER), camera_frames(camera))
    assert (outcome.passed, outcome.reason, outcome.decided) == (False, "camera.lost", False)
    assert camera.reads == 7


@pytest.mark.parametrize("bad", [np.zeros((10, 10, 3), np.uint8), np.zeros((480, 640, 3), np.float32)],
                         ids=["10x10", "float32"])
def test_a_corrupt_frame_in_the_middle_is_skipped(verifier, bad):
    sequence = frames(turning(HOLDER))
    sequence.insert(8, Frame(bad, sequence[7].at + 0.05))
    outcome = FaceCheck(verifier).run(dg2_portrait(HOLDER), sequence)
    assert outcome.passed and outcome.presence and outcome.reason == "face.matched"


def test_a_frame_the_camera_cannot_decode_is_skipped(verifier):
    camera = FakeCamera(frames(turning(HOLDER)), corrupt_at=8)
    outcome = FaceCheck(verifier).run(dg2_portrait(HOLDER), camera_frames(camera))
    assert outcome.passed and outcome.presence and outcome.reason == "face.matched"


def test_a_grey_frame_in_the_middle_is_skipped(verifier):
    sequence = frames(turning(HOLDER))
    sequence.insert(8, Frame(np.zeros((480, 640), np.uint8), sequence[7].at + 0.05))
    outcome = FaceCheck(verifier).run(dg2_portrait(HOLDER), sequence)
    assert outcome.passed


def test_frames_are_left_as_given_and_its_own_copies_are_wiped(verifier):
    sequence = frames(turning(HOLDER))
    before = [frame.image.copy() for frame in sequence]
    recording = Recording(verifier)
    outcome = FaceCheck(recording).run(dg2_portrait(HOLDER), sequence)
    assert outcome.passed
    assert all(np.array_equal(frame.image, kept) for frame, kept in zip(sequence, before))
    assert len(recording.arrays) > 10
    assert not any(array.any() for array in recording.arrays)  # frames, portrait and live embeddings


def test_copies_are_wiped_when_the_camera_is_lost(verifier):
    camera = FakeCamera(frames(turning(HOLDER))[:6], CameraError("camera.lost", "camera fake stopped giving frames"))
    recording = Recording(verifier)
    outcome = FaceCheck(recording).run(dg2_portrait(HOLDER), camera_frames(camera))
    assert outcome.reason == "camera.lost"
    assert not any(array.any() for array in recording.arrays)


def test_a_video_of_the_holder_turning_passes(verifier, tmp_path):
    video = write_video(tmp_path / "turn.avi", list(turning(HOLDER)))
    camera = open_camera(video)
    try:
        said = []
        outcome = FaceCheck(verifier, on_guide=said.append).run(dg2_portrait(HOLDER), camera_frames(camera))
    finally:
        camera.close()
    assert outcome.passed and outcome.presence and outcome.reason == "face.matched"
    assert said[-2:] == ["face.presence_passed", "face.matched"]


def test_a_video_of_someone_else_turning_is_a_mismatch(verifier, tmp_path):
    camera = open_camera(write_video(tmp_path / "turn.avi", list(turning(HOLDER))))
    try:
        outcome = FaceCheck(verifier).run(dg2_portrait(OTHER), camera_frames(camera))
    finally:
        camera.close()
    assert outcome.reason == "face.mismatch" and outcome.presence

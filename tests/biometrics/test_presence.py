"""HeadTurnChallenge: first on hand-made findings (the rules, without dlib), then on rendered frames through
DlibFaceVerifier (a head turning passes; a photograph turned in the hands, or a still image, does not)."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.biometrics.face import DlibFaceVerifier, FaceFinding, FaceProblem
from drivers.biometrics.presence import TURN, WITHIN, HeadTurnChallenge, Stage
from tests.helpers.faces import head_turn_frames, live_frame, photo

EYES = 60.0  # pixels between the eyes' middles of the hand-made face; its box is 150 wide


def face(yaw: float = 0.0, x: float = 320.0, y: float = 260.0) -> FaceFinding:
    """A face centred on (x, y) whose nose sits `yaw` eye distances right of the eyes' middle."""
    landmarks = np.array([(x - 45, y - 40), (x - 15, y - 40), (x + 45, y - 40), (x + 15, y - 40),
                          (x + yaw * EYES, y)], dtype=np.float64)
    return FaceFinding((int(x - 75), int(y - 75), int(x + 75), int(y + 75)), landmarks, 120.0)


def feed(challenge: HeadTurnChallenge, yaws, start: float = 0.0, fps: float = 10.0) -> list[Stage]:
    """Feeds one frame per yaw (None: no face in that frame); the stage after each."""
    return [challenge.feed(start + i / fps, None if yaw is None else face(yaw)) for i, yaw in enumerate(yaws)]


def test_the_hand_made_face_has_the_yaw_asked_for():
    assert face(0.2).yaw == pytest.approx(0.2)
    assert face(0).frontal and not face(0.2).frontal


def test_left_then_right_passes():
    challenge = HeadTurnChallenge()
    stages = feed(challenge, [0, 0, 0, 0.1, 0.2, 0.05, -0.1, -0.2])
    assert stages == [Stage.FACE_CAMERA, Stage.FACE_CAMERA, Stage.TURN_LEFT,
                      Stage.TURN_LEFT,  # 0.1 is less than a turn
                      Stage.TURN_RIGHT, Stage.TURN_RIGHT, Stage.TURN_RIGHT, Stage.PASSED]
    assert challenge.done and challenge.failure == ""


def test_turns_count_from_the_persons_own_frontal_pose():
    challenge = HeadTurnChallenge()
    base = 0.1  # this person's "facing the camera" is a little to the side
    stages = feed(challenge, [base, base, base, base + TURN - 0.02, base + TURN + 0.01, base - TURN - 0.01])
    assert stages[3:] == [Stage.TURN_LEFT, Stage.TURN_RIGHT, Stage.PASSED]


def test_right_then_left_does_not_pass():
    challenge = HeadTurnChallenge()
    stages = feed(challenge, [0, 0, 0, -0.2, -0.25, 0, 0.2, 0.25, 0])
    assert Stage.PASSED not in stages
    assert stages[-1] is Stage.TURN_RIGHT  # the left turn was seen; the right one has to come after it


def test_it_times_out_within_seconds_of_the_baseline():
    challenge = HeadTurnChallenge()
    feed(challenge, [0, 0, 0], start=5.0)  # the baseline is set by the third frame, at 5.2 s
    assert challenge.feed(5.2 + WITHIN, face(0.2)) is Stage.TURN_RIGHT
    assert challenge.feed(5.2 + WITHIN + 0.1, face(-0.2)) is Stage.FAILED  # the turn came too late
    assert challenge.failure == "timeout"
    assert challenge.feed(5.2 + WITHIN + 0.2, face(-0.2)) is Stage.FAILED  # and stays failed


def test_waiting_for_a_face_does_not_time_out():
    challenge = HeadTurnChallenge()
    feed(challenge, [None] * 5 + [0, 0.3] * 60, start=0.0, fps=5.0)  # 25 s without a steady frontal face
    assert challenge.stage is Stage.FACE_CAMERA and challenge.failure == ""


def test_a_face_jumping_elsewhere_mid_challenge_fails():
    challenge = HeadTurnChallenge()
    feed(challenge, [0, 0, 0, 0.2])
    assert challenge.feed(0.4, face(0, x=320 + 80)) is Stage.FAILED  # more than half a face width away
    assert challenge.failure == "face_changed"


def test_a_face_moving_a_little_is_the_same_face():
    challenge = HeadTurnChallenge()
    stages = [challenge.feed(i / 10, face(yaw, x=320 + 10 * i)) for i, yaw in enumerate([0, 0, 0, 0.2, -0.2])]
    assert stages[-1] is Stage.PASSED


def test_frames_with_no_face_keep_the_stage():
    challenge = HeadTurnChallenge()
    stages = feed(challenge, [0, None, 0, None, None, 0, None, 0.2, None, None, -0.2])
    assert stages == [Stage.FACE_CAMERA] * 5 + [Stage.TURN_LEFT] * 2 + [Stage.TURN_RIGHT] * 3 + [Stage.PASSED]


def test_a_turned_face_before_the_baseline_keeps_it_at_face_camera():
    challenge = HeadTurnChallenge()
    stages = feed(challenge, [0, 0, 0.3, 0, 0, -0.3, 0, 0])
    assert stages == [Stage.FACE_CAMERA] * 8  # never three frontal frames in a row
    assert feed(challenge, [0], start=0.8) == [Stage.TURN_LEFT]


def test_another_face_before_the_baseline_starts_it_again():
    challenge = HeadTurnChallenge()
    stages = [challenge.feed(0.0, face(0)), challenge.feed(0.1, face(0)), challenge.feed(0.2, face(0, x=500)),
              challenge.feed(0.3, face(0, x=500)), challenge.feed(0.4, face(0, x=500))]
    assert stages == [Stage.FACE_CAMERA] * 4 + [Stage.TURN_LEFT]


# --- rendered frames through dlib ---


@pytest.fixture(scope="module")
def verifier() -> DlibFaceVerifier:
    return DlibFaceVerifier()


def run(verifier: DlibFaceVerifier, frames, fps: float = 10.0) -> HeadTurnChallenge:
    challenge = HeadTurnChallenge()
    for i, frame in enumerate(frames):
        try:
            finding = verifier.find(frame)
        except FaceProblem:
            finding = None
        challenge.feed(i / fps, finding)
        if challenge.done:
            break
    return challenge


@pytest.mark.parametrize("person", ["002", "008", "025", "034", "045", "061"])
def test_a_head_turning_passes(verifier, person):
    challenge = run(verifier, head_turn_frames(person))
    assert challenge.stage is Stage.PASSED


@pytest.mark.parametrize("person", ["002", "034", "061"])
def test_a_photo_turned_in_the_hands_does_not_pass(verifier, person):
    challenge = run(verifier, head_turn_frames(person, flat=True))
    assert challenge.stage is Stage.TURN_LEFT  # the face was seen, the nose never crossed


def test_a_still_image_does_not_pass(verifier):
    frame = live_frame(photo("045", "smiling"))
    challenge = run(verifier, [frame] * 100)  # 10 s at 10 fps
    assert challenge.stage is Stage.TURN_LEFT
    assert challenge.feed(10.3, verifier.find(frame)) is Stage.FAILED
    assert challenge.failure == "timeout"

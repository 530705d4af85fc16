"""DlibFaceVerifier on the fixture photographs: the genuine and impostor figures at the default threshold,
each problem code from a realistic input, and the yaw index that the presence check relies on.

The genuine pairs are two photographs of each person taken the same day (neutral as the chip portrait,
smiling as the live face); the `lisa` images are one person at several distances, lights and cameras.
"""

from __future__ import annotations

import io

import cv2
import face_recognition_models
import numpy as np
import pytest
from PIL import Image

from drivers.biometrics import face as face_module
from drivers.biometrics.face import (
    DEFAULT_THRESHOLD,
    FRONTAL_YAW,
    MIN_BRIGHTNESS,
    MIN_FACE_WIDTH,
    DlibFaceVerifier,
    FaceProblem,
)
from tests.helpers.faces import (
    PEOPLE,
    dg2_portrait,
    flat_turned,
    live_frame,
    photo,
    turned,
)

LISA = ("1", "4", "15cm", "60cm")
# one or two of each group in the set's own description; for 042 the detector loses the face turned by -25°
SAMPLE = ("001", "006", "025", "030", "061", "119")


@pytest.fixture(scope="module")
def verifier() -> DlibFaceVerifier:
    return DlibFaceVerifier()


@pytest.fixture(scope="module")
def portraits(verifier) -> dict[str, np.ndarray]:
    return {p: verifier.portrait_embedding(dg2_portrait(p)) for p in PEOPLE}


@pytest.fixture(scope="module")
def live(verifier) -> dict[str, tuple]:
    """Each person's smiling frame: (frame, finding, embedding)."""
    out = {}
    for p in PEOPLE:
        frame = live_frame(photo(p, "smiling"))
        finding = verifier.find(frame)
        out[p] = (frame, finding, verifier.embed(frame, finding))
    return out


@pytest.fixture(scope="module")
def lisa(verifier) -> dict[str, np.ndarray]:
    out = {}
    for view in LISA:
        image = photo("lisa", view)
        out[view] = verifier.embed(image, verifier.find(image))
    return out


def problem(call, *args, **kwargs) -> str:
    with pytest.raises(FaceProblem) as raised:
        call(*args, **kwargs)
    return raised.value.code


def wall(height: int = 480, width: int = 640) -> np.ndarray:
    return np.full((height, width, 3), 90, np.uint8)


def jpeg(image: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(image).save(out, "JPEG", quality=85)
    return out.getvalue()


# --- the test set: FNMR 0/24, FMR 0/552 at DEFAULT_THRESHOLD ---


def test_every_holder_matches_their_jpeg2000_portrait(verifier, portraits, live):
    results = {p: verifier.compare(portraits[p], live[p][2]) for p in PEOPLE}
    assert len(results) == 24
    assert all(r.threshold == DEFAULT_THRESHOLD for r in results.values())
    misses = {p: r.score for p, r in results.items() if not r.matched}
    assert misses == {}, "false non-matches"


def test_no_one_matches_another_persons_portrait(verifier, portraits, live):
    pairs = [(p, q) for p in PEOPLE for q in PEOPLE if p != q]
    assert len(pairs) == 552
    false_matches = {(p, q): verifier.compare(portraits[p], live[q][2]).score for p, q in pairs}
    false_matches = {pair: score for pair, score in false_matches.items() if score >= DEFAULT_THRESHOLD}
    assert false_matches == {}


@pytest.mark.parametrize("person", ["002", "008", "024", "043", "127"])
def test_a_jpeg_portrait_matches_as_well(verifier, live, person):
    data = dg2_portrait(person, jpeg2000=False)
    assert data[:2] == b"\xff\xd8"  # JPEG, not JPEG 2000
    assert verifier.compare(verifier.portrait_embedding(data), live[person][2]).matched


def test_every_pair_of_lisas_images_matches(verifier, lisa):
    for i, a in enumerate(LISA):
        for b in LISA[i + 1:]:
            assert verifier.compare(lisa[a], lisa[b]).matched, (a, b)


def test_lisa_matches_none_of_the_24(verifier, lisa, portraits, live):
    others = list(portraits.values()) + [embedding for _, _, embedding in live.values()]
    assert len(others) == 48
    assert not any(verifier.compare(mine, other).matched for mine in lisa.values() for other in others)


def test_scores_are_one_minus_the_distance(verifier, portraits, live):
    result = verifier.compare(portraits["001"], live["001"][2])
    distance = float(np.linalg.norm(portraits["001"] - live["001"][2]))
    assert result.score == pytest.approx(1 - distance, abs=1e-4)
    assert verifier.compare(live["001"][2], live["001"][2]).score == 1.0


def test_a_threshold_outside_0_1_is_refused():
    with pytest.raises(ValueError):
        DlibFaceVerifier(threshold=1.5)


# --- problem codes ---


def test_no_face_on_the_wall(verifier):
    assert problem(verifier.find, wall()) == "face.no_face"


def test_no_face_in_a_picture_of_something_else(verifier):
    rng = np.random.default_rng(7)
    picture = cv2.GaussianBlur(rng.integers(0, 255, (480, 640, 3), dtype=np.uint8), (0, 0), 6)
    for _ in range(12):  # boxes and discs: a desk with things on it
        x, y = int(rng.integers(0, 600)), int(rng.integers(0, 440))
        colour = tuple(int(c) for c in rng.integers(0, 255, 3))
        cv2.rectangle(picture, (x, y), (x + int(rng.integers(20, 200)), y + int(rng.integers(20, 150))), colour, -1)
        cv2.circle(picture, (int(rng.integers(0, 640)), int(rng.integers(0, 480))), int(rng.integers(10, 60)), colour, -1)
    assert problem(verifier.find, picture) == "face.no_face"


@pytest.mark.parametrize("a, b", [("001", "005"), ("025", "038"), ("030", "119")])
def test_two_people_side_by_side_are_several_faces(verifier, a, b):
    frame = wall()
    frame[90:390, 10:310] = cv2.resize(photo(a, "smiling"), (300, 300), interpolation=cv2.INTER_AREA)
    frame[90:390, 330:630] = cv2.resize(photo(b, "smiling"), (300, 300), interpolation=cv2.INTER_AREA)
    assert problem(verifier.find, frame) == "face.several_faces"


def test_a_person_far_behind_is_not_a_second_face(verifier):
    frame = wall()
    frame[:, 0:430] = cv2.resize(photo("001", "smiling"), (480, 480), interpolation=cv2.INTER_AREA)[:, 25:455]
    frame[60:260, 440:640] = cv2.resize(photo("005", "smiling"), (200, 200), interpolation=cv2.INTER_AREA)
    boxes = sorted(verifier._models.detector(frame, 0), key=lambda b: b.width())
    assert len(boxes) == 2 and boxes[0].width() < boxes[1].width() / 2  # both faces are seen
    finding = verifier.find(frame)
    assert finding.centre[0] < 430  # the big face, on the left


@pytest.mark.parametrize("person", ["001", "024", "043"])
def test_a_face_too_far_away_is_too_small(verifier, person):
    # at face_size 120 the face (about 45 px) is below what the HOG detector sees at all: face.no_face
    frame = live_frame(photo(person, "smiling"), face_size=180)
    assert verifier.find(frame, live=False).width < MIN_FACE_WIDTH
    assert problem(verifier.find, frame) == "face.too_small"


@pytest.mark.parametrize("person", ["001", "024", "043", "061"])
def test_a_face_in_a_dark_room_is_too_dark(verifier, person):
    frame = live_frame(photo(person, "smiling"), brightness=0.25)
    assert verifier.find(frame, live=False).brightness < MIN_BRIGHTNESS
    assert problem(verifier.find, frame) == "face.too_dark"


@pytest.mark.parametrize("image", [
    live_frame(photo("001", "smiling")).astype(np.float32),
    cv2.cvtColor(live_frame(photo("001", "smiling")), cv2.COLOR_RGB2GRAY),
    np.zeros((16, 16, 3), np.uint8),
    cv2.cvtColor(live_frame(photo("001", "smiling")), cv2.COLOR_RGB2RGBA),
    None,
], ids=["float32", "grey 2-D", "16x16", "RGBA", "None"])
def test_a_frame_that_is_not_an_8_bit_rgb_image_is_corrupt(verifier, image):
    assert problem(verifier.find, image) == "face.corrupt_frame"


@pytest.mark.parametrize("data", [
    np.random.default_rng(1).bytes(6000),
    dg2_portrait("001")[:3000],
    dg2_portrait("001")[:40],
    b"",
], ids=["random", "JPEG 2000 cut in half", "JPEG 2000 header only", "empty"])
def test_a_portrait_that_does_not_decode_is_unreadable(verifier, data):
    assert problem(verifier.portrait_embedding, data) == "face.portrait_unreadable"


def test_a_portrait_of_a_wall_has_no_face(verifier):
    assert problem(verifier.portrait_embedding, jpeg(wall(320, 240))) == "face.portrait_no_face"


def test_a_portrait_too_small_to_hold_a_face_has_no_face(verifier):
    assert problem(verifier.portrait_embedding, jpeg(wall(20, 20))) == "face.portrait_no_face"


def test_a_channel_reversed_view_is_found_and_embedded_like_the_image_itself(verifier):
    rgb = live_frame(photo("030", "smiling"))
    view = rgb[:, :, ::-1].copy()[:, :, ::-1]  # the same pixels, not in one block: what frame[:, :, ::-1] gives
    assert not view.flags.c_contiguous
    finding = verifier.find(view)
    assert finding.box == verifier.find(rgb).box
    assert np.allclose(verifier.embed(view, finding), verifier.embed(rgb, finding))


def test_a_portrait_of_two_people_has_no_face(verifier):
    image = np.hstack([cv2.resize(photo(p, "neutral"), (240, 240)) for p in ("002", "030")])
    assert problem(verifier.portrait_embedding, jpeg(image)) == "face.portrait_no_face"


def test_a_missing_model_file_is_model_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(face_module._Models, "_loaded", None)  # restored after the test
    monkeypatch.setattr(face_recognition_models, "pose_predictor_five_point_model_location",
                        lambda: str(tmp_path / "shape_predictor_5_face_landmarks.dat"))
    assert problem(DlibFaceVerifier) == "face.model_missing"


# --- yaw index ---


@pytest.mark.parametrize("view", ["neutral", "smiling"])
def test_the_fixture_faces_look_at_the_camera(verifier, view):
    yaws = {p: verifier.find(live_frame(photo(p, view))).yaw for p in PEOPLE}
    assert {p: y for p, y in yaws.items() if abs(y) > FRONTAL_YAW} == {}


@pytest.mark.parametrize("person", SAMPLE)
def test_yaw_follows_the_nose_of_a_turned_head(verifier, live, person):
    frame, finding, _ = live[person]
    left = verifier.find(turned(frame, finding.landmarks, finding.box, 25))
    right = verifier.find(turned(frame, finding.landmarks, finding.box, -25))
    assert left.yaw > 0 > right.yaw


@pytest.mark.parametrize("person", SAMPLE)
def test_yaw_stays_put_on_a_flat_photo_turned_in_the_hands(verifier, live, person):
    frame, finding, _ = live[person]
    for degrees in (-30, -20, 20, 30):
        assert abs(verifier.find(flat_turned(frame, degrees)).yaw - finding.yaw) <= 0.08, degrees

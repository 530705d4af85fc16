"""Is the live face the chip's portrait? Offline, with dlib: its HOG face detector (built into the
library), its 5-point landmark model and its ResNet face embedding, both files of the
`face_recognition_models` package, which its author released into the public domain.

dlib's 68-point landmark model is deliberately not used: it was trained on the iBUG 300-W set, whose
licence excludes commercial use. Five points (the eye corners and the base of the nose) are enough to
align a face, to judge whether it looks at the camera, and to follow a head turn.

The score is 1 − the embeddings' Euclidean distance (higher is closer); a match is score ≥ threshold.
The default threshold and the figures behind it are in the README (Biometrics).
"""

from __future__ import annotations

import io
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Protocol

import numpy as np

DEFAULT_THRESHOLD = 0.55  # distance 0.45; dlib's own 0.6 let same-ethnicity strangers match (README: Biometrics)
MIN_FACE_WIDTH = 90  # pixels of the face box in a live frame: below it the person is asked to come closer
FRONTAL_YAW = 0.12  # |yaw index| up to which a face counts as looking at the camera
MIN_BRIGHTNESS = 40  # mean luma of the face box (0-255) below which more light is asked for
SMALL_PORTRAIT = 400  # portraits smaller than this (pixels, shorter side) are searched at double size


class FaceProblem(Exception):
    """Why a face cannot be used; `code` names the guidance for the person (kiosk.intake.messages)."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        super().__init__(detail or code)

    def __reduce__(self):  # crosses from the face engine's process with its code
        return FaceProblem, (self.code, str(self))


@dataclass(frozen=True)
class FaceFinding:
    """One face found in an image: its box, its five landmarks (x, y) and what they say."""

    box: tuple[int, int, int, int]  # left, top, right, bottom
    landmarks: np.ndarray  # 5 × 2: dlib's order (one eye's outer and inner corner, the other's, the nose)
    brightness: float

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2

    @property
    def yaw(self) -> float:
        return yaw_index(self.landmarks)

    @property
    def frontal(self) -> bool:
        return abs(self.yaw) <= FRONTAL_YAW


def yaw_index(landmarks: np.ndarray) -> float:
    """How far the nose sits sideways from the middle of the eyes, in eye distances, along the eye line:
    about 0 facing the camera, positive when the nose moves to the image's right (the person turned to
    their own left, camera not mirrored). A flat photograph turned in the hands keeps this ratio (an
    affine map keeps ratios along a line), a real head does not: the nose stands out from the face."""
    eyes = sorted((landmarks[0:2].mean(axis=0), landmarks[2:4].mean(axis=0)), key=lambda p: p[0])
    axis = eyes[1] - eyes[0]
    distance = float(np.hypot(*axis))
    if distance == 0:
        return 0.0
    middle = (eyes[0] + eyes[1]) / 2
    return float(np.dot(landmarks[4] - middle, axis / distance) / distance)


@dataclass(frozen=True)
class FaceMatch:
    matched: bool
    score: float
    threshold: float


class FaceVerifier(Protocol):
    """What the presence step needs of a face engine."""

    threshold: float

    def find(self, image: np.ndarray, *, live: bool = True) -> FaceFinding:
        """The one usable face in an RGB image (turned or not: the caller judges the pose), or
        FaceProblem with the guidance code."""

    def embed(self, image: np.ndarray, finding: FaceFinding) -> np.ndarray:
        """The face's embedding (kept in memory only, wiped by the caller)."""

    def portrait_embedding(self, portrait: bytes) -> np.ndarray:
        """The embedding of the chip's DG2 image (JPEG or JPEG 2000)."""

    def compare(self, portrait: np.ndarray, live: np.ndarray) -> FaceMatch: ...


def decode_portrait(data: bytes) -> np.ndarray:
    """The DG2 image (JPEG or JPEG 2000) as RGB pixels."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return np.array(image.convert("RGB"))  # a copy the caller may wipe
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise FaceProblem("face.portrait_unreadable", f"the chip's portrait does not decode "
                          f"({error.__class__.__name__})") from None


class _Models:
    """dlib's models, loaded once per process (about 1 s, 32 MB of files) and shared by threads:
    dlib's detector and networks are safe to call concurrently once built."""

    _lock = threading.Lock()
    _loaded: "_Models | None" = None

    def __init__(self) -> None:
        import dlib
        import face_recognition_models as files

        self.detector = dlib.get_frontal_face_detector()
        self.landmarks = dlib.shape_predictor(files.pose_predictor_five_point_model_location())
        self.embedding = dlib.face_recognition_model_v1(files.face_recognition_model_location())
        self.rectangle = dlib.rectangle

    @classmethod
    def get(cls) -> "_Models":
        with cls._lock:
            if cls._loaded is None:
                try:
                    cls._loaded = cls()
                except (ImportError, RuntimeError) as error:
                    raise FaceProblem("face.model_missing", f"the face model does not load "
                                      f"({error.__class__.__name__}: {error})") from None
            return cls._loaded


@contextmanager
def _contiguous(image: np.ndarray) -> Iterator[np.ndarray]:
    """The pixels as dlib needs them, in one block (a view such as frame[:, :, ::-1] is not); a copy made
    for that is overwritten afterwards, as it shows a face."""
    pixels = np.ascontiguousarray(image)
    try:
        yield pixels
    finally:
        if pixels is not image:
            pixels.fill(0)


class DlibFaceVerifier:
    def __init__(self, threshold: float = DEFAULT_THRESHOLD, min_face_width: int = MIN_FACE_WIDTH) -> None:
        self.threshold = checked_threshold(threshold)
        self.min_face_width = min_face_width
        self._models = _Models.get()

    def find(self, image: np.ndarray, *, live: bool = True) -> FaceFinding:
        if not isinstance(image, np.ndarray) or image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8 \
                or min(image.shape[:2]) < 32:
            raise FaceProblem("face.corrupt_frame", "not an 8-bit RGB image")
        with _contiguous(image) as pixels:
            return self._find(pixels, live)

    def _find(self, image: np.ndarray, live: bool) -> FaceFinding:
        models = self._models
        scale = 1 if live or min(image.shape[:2]) >= SMALL_PORTRAIT else 2
        boxes = list(models.detector(image, scale - 1))  # upsampling once finds faces half as large
        if not boxes:
            raise FaceProblem("face.no_face")
        boxes.sort(key=lambda b: b.width(), reverse=True)
        # someone far behind in the queue is not a second person at the station
        if len(boxes) > 1 and boxes[1].width() >= boxes[0].width() / 2:
            raise FaceProblem("face.several_faces")
        box = boxes[0]
        shape = models.landmarks(image, box)
        points = np.array([(shape.part(i).x, shape.part(i).y) for i in range(5)], dtype=np.float64)
        left, top = max(box.left(), 0), max(box.top(), 0)
        right, bottom = min(box.right(), image.shape[1]), min(box.bottom(), image.shape[0])
        region = image[top:bottom, left:right]
        brightness = float(region.mean()) if region.size else 0.0
        finding = FaceFinding((box.left(), box.top(), box.right(), box.bottom()), points, brightness)
        if live:
            if finding.width < self.min_face_width:
                raise FaceProblem("face.too_small")
            if brightness < MIN_BRIGHTNESS:
                raise FaceProblem("face.too_dark")
        return finding

    def embed(self, image: np.ndarray, finding: FaceFinding) -> np.ndarray:
        models = self._models
        with _contiguous(image) as pixels:
            shape = models.landmarks(pixels, models.rectangle(*finding.box))
            return np.array(models.embedding.compute_face_descriptor(pixels, shape))  # aligns on the 5 points

    def portrait_embedding(self, portrait: bytes) -> np.ndarray:
        image = decode_portrait(portrait)
        try:
            try:
                finding = self.find(image, live=False)
            except FaceProblem:
                raise FaceProblem("face.portrait_no_face", "no single usable face in the chip's portrait") from None
            return self.embed(image, finding)
        finally:
            image.fill(0)

    def compare(self, portrait: np.ndarray, live: np.ndarray) -> FaceMatch:
        return match(portrait, live, self.threshold)


def checked_threshold(threshold: float) -> float:
    if not 0 < threshold < 1:
        raise ValueError("the face threshold is a score between 0 and 1")
    return threshold


def match(portrait: np.ndarray, live: np.ndarray, threshold: float) -> FaceMatch:
    score = round(1.0 - float(np.linalg.norm(portrait - live)), 4)
    return FaceMatch(score >= threshold, score, threshold)

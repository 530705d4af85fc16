"""Faces for the biometrics tests, from the photographs in tests/fixtures/faces (sources and licences in
SOURCES.md there): chip portraits as DG2 holds them, live camera frames, and head-turn sequences.

A head turn is rendered from one frontal photograph by giving the face a depth (an ellipsoid with a
nose standing out of it) and turning that relief about the vertical axis; a flat photograph turned in
the hands is rendered by a plane's perspective instead. The nose moves across the eyes in the first and
not in the second, which is what the presence check looks for.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

FACES = Path(__file__).resolve().parent.parent / "fixtures" / "faces"
PEOPLE = sorted({p.name.split("-")[0] for p in FACES.glob("[0-9][0-9][0-9]-neutral.jpg")})
FRAME_SIZE = (640, 480)


def photo(person: str, view: str = "neutral") -> np.ndarray:
    """RGB pixels of a fixture photograph (`view`: neutral or smiling; for `lisa`, 1, 4, 15cm, 60cm)."""
    return np.array(Image.open(FACES / f"{person}-{view}.jpg").convert("RGB"))


def dg2_portrait(person: str, contrast: float = 0.6, jpeg2000: bool = True) -> bytes:
    """The person's neutral photograph as a chip stores it: head and shoulders cropped, 240 × 320,
    low contrast, JPEG 2000 of about 6 KB (or JPEG)."""
    image = Image.fromarray(photo(person, "neutral"))
    width, height = image.size
    image = image.crop((int(width * 0.2), int(height * 0.1), int(width * 0.8), int(height * 0.9)))
    pixels = np.asarray(image.resize((240, 320), Image.LANCZOS)).astype(np.float32)
    pixels = (128 + (pixels - 128) * contrast).clip(0, 255).astype(np.uint8)
    out = io.BytesIO()
    if jpeg2000:
        Image.fromarray(pixels).save(out, "JPEG2000", quality_mode="rates", quality_layers=[40])
    else:
        Image.fromarray(pixels).save(out, "JPEG", quality=75)
    return out.getvalue()


def live_frame(face: np.ndarray, face_size: int = 400, brightness: float = 1.0) -> np.ndarray:
    """A 640 × 480 RGB camera frame with the photograph in the middle on a grey wall."""
    frame = np.full((FRAME_SIZE[1], FRAME_SIZE[0], 3), 90, np.uint8)
    scaled = cv2.resize(face, (face_size, face_size), interpolation=cv2.INTER_AREA)
    scaled = scaled[: FRAME_SIZE[1], : FRAME_SIZE[0]]
    top, left = (FRAME_SIZE[1] - scaled.shape[0]) // 2, (FRAME_SIZE[0] - scaled.shape[1]) // 2
    frame[top: top + scaled.shape[0], left: left + scaled.shape[1]] = scaled
    return (frame.astype(np.float32) * brightness).clip(0, 255).astype(np.uint8)


def turned(frame: np.ndarray, landmarks: np.ndarray, box: tuple[int, int, int, int], degrees: float) -> np.ndarray:
    """The frame with the head turned by `degrees` (positive: to the person's left, the nose moving to the
    image's right), from a frontal frame and its face's landmarks and box."""
    left, top, right, bottom = box
    cx, cy = (left + right) / 2, (top + bottom) / 2 + 0.1 * (bottom - top)
    a, b = 0.62 * (right - left), 0.85 * (bottom - top)  # the head, a little larger than the face box
    eye_distance = float(np.linalg.norm(landmarks[0:2].mean(axis=0) - landmarks[2:4].mean(axis=0)))
    nose = landmarks[4] - np.array([0, 0.25 * eye_distance])  # the tip sits above the nose's base
    ys, xs = np.mgrid[0: frame.shape[0], 0: frame.shape[1]].astype(np.float32)

    def depth(x: np.ndarray) -> np.ndarray:
        inside = 1 - ((x - cx) / a) ** 2 - ((ys - cy) / b) ** 2
        head = 0.6 * a * np.sqrt(np.clip(inside, 0, None))
        bump = 0.55 * eye_distance * np.exp(-(((x - nose[0]) ** 2) + ((ys - nose[1]) * 0.6) ** 2)
                                             / (2 * (0.28 * eye_distance) ** 2))
        return head + bump * (inside > 0)

    angle = math.radians(degrees)
    source_x = xs.copy()
    for _ in range(6):  # solve x' = cx + (x - cx)·cos θ + z(x)·sin θ for x, pixel by pixel
        source_x = cx + (xs - cx - depth(source_x) * math.sin(angle)) / math.cos(angle)
    return cv2.remap(frame, source_x.astype(np.float32), ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def flat_turned(frame: np.ndarray, degrees: float, focal: float = 700.0) -> np.ndarray:
    """The frame as a flat print turned by `degrees` about its vertical middle, seen by the camera."""
    height, width = frame.shape[:2]
    angle = math.radians(degrees)
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    moved = []
    for x, y in corners:
        dx, dy = x - width / 2, y - height / 2
        z = focal + dx * math.sin(angle)
        moved.append([width / 2 + focal * dx * math.cos(angle) / z, height / 2 + focal * dy / z])
    matrix = cv2.getPerspectiveTransform(corners, np.float32(moved))
    return cv2.warpPerspective(frame, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE)


TURN = (0, 0, 0, 8, 16, 24, 30, 30, 24, 12, 0, -12, -24, -30, -30, -24, -12, 0, 0, 0)  # degrees, frame by frame


def head_turn_frames(person: str, view: str = "smiling", angles=TURN, flat: bool = False) -> list[np.ndarray]:
    """RGB frames of the person facing the camera, turning to their left, then to their right, then back;
    `flat`: the same with a printed photograph turned instead of a head."""
    from drivers.biometrics.face import DlibFaceVerifier

    frame = live_frame(photo(person, view))
    if flat:
        return [flat_turned(frame, degrees) for degrees in angles]
    finding = DlibFaceVerifier().find(frame)
    return [frame if degrees == 0 else turned(frame, finding.landmarks, finding.box, degrees) for degrees in angles]


def write_video(path: Path, frames: list[np.ndarray], fps: float = 10.0) -> Path:
    """An MJPG .avi of RGB frames, which OpenCV reads back without any codec from outside."""
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    try:
        for frame in frames:
            writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    finally:
        writer.release()
    return path

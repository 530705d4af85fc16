"""The face model check: the model loads from the installed package, and a sample face (a CC0
photograph shipped for this check, never shown) is found and encoded, each step timed."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.resources import RESOURCES

FACE_SAMPLE = RESOURCES / "diagnostics" / "face-sample.jpg"


@dataclass(frozen=True)
class FaceCheckResult:
    load_ms: float
    find_ms: float
    encode_ms: float
    values: int  # the length of the face's embedding
    threshold: float


class FaceCheckFailed(Exception):
    """The model did not load or did not encode the sample: `str()` says which, for the technician."""


def face_model_check(threshold: float, sample: Path = FACE_SAMPLE, *, own_process: bool = False) -> FaceCheckResult:
    """`own_process`: the model runs in a child process (drivers.biometrics.face_process), as a program
    with a window needs: dlib holds the interpreter lock while it works. The load time then includes
    starting that process."""
    from drivers.biometrics.face import DlibFaceVerifier, FaceProblem
    from drivers.biometrics.face_process import FaceProcess

    started = time.perf_counter()
    try:
        verifier = (FaceProcess if own_process else DlibFaceVerifier)(threshold)
    except FaceProblem as problem:
        raise FaceCheckFailed(f"the face model does not load: {problem}") from None
    try:
        return _encode_sample(verifier, sample, started, threshold)
    finally:
        close = getattr(verifier, "close", None)
        if close is not None:
            close()


def _encode_sample(verifier, sample: Path, started: float, threshold: float) -> FaceCheckResult:
    import numpy as np
    from PIL import Image

    from drivers.biometrics.face import FaceProblem

    loaded = time.perf_counter()
    try:
        with Image.open(sample) as picture:
            image = np.array(picture.convert("RGB"))
    except OSError as error:
        raise FaceCheckFailed(f"the sample face {sample.name} cannot be read ({error.__class__.__name__})") from None
    try:
        finding = verifier.find(image, live=False)
        found = time.perf_counter()
        embedding = verifier.embed(image, finding)
    except FaceProblem as problem:
        raise FaceCheckFailed(f"the model found no face in the sample ({problem.code})") from None
    encoded = time.perf_counter()
    return FaceCheckResult(round((loaded - started) * 1000, 1), round((found - loaded) * 1000, 1),
                           round((encoded - found) * 1000, 1), int(np.asarray(embedding).size), threshold)

"""The face engine in a process of its own, for programs with a window.

dlib's calls keep Python's interpreter lock while they work: about 0.1 s for an embedding, over a second
to load the models. On any thread of a windowed program that freezes the window for as long. Here they
run in a spawned process behind the same interface as DlibFaceVerifier; frames, portraits and
embeddings cross a pipe and stay in memory, and the process overwrites its copies after each call.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import numpy as np

from .face import DEFAULT_THRESHOLD, MIN_FACE_WIDTH, DlibFaceVerifier, FaceFinding, FaceMatch, FaceProblem, checked_threshold, match

_engine: DlibFaceVerifier | None = None
_problem: FaceProblem | None = None


def _load(threshold: float, min_face_width: int) -> None:
    global _engine, _problem
    try:
        _engine = DlibFaceVerifier(threshold, min_face_width)
    except FaceProblem as problem:
        _problem = problem


def _ready() -> None:
    if _problem is not None:
        raise _problem


def _call(method: str, args: tuple, kwargs: dict):
    _ready()
    try:
        return getattr(_engine, method)(*args, **kwargs)
    finally:
        for arg in args:
            if isinstance(arg, np.ndarray):
                arg.fill(0)  # this process's copy of a frame


class FaceProcess:
    """A FaceVerifier whose dlib work runs in a child process. `close` ends the process."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, min_face_width: int = MIN_FACE_WIDTH) -> None:
        self.threshold = checked_threshold(threshold)
        self._min_face_width = min_face_width
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._run(_ready)  # loads the models now: a missing model is told at start, not mid-visit

    def _run(self, function, *args):
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_load, initargs=(self.threshold, self._min_face_width))
            pool = self._pool
        try:
            return pool.submit(function, *args).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None  # started again at the next call
            raise FaceProblem("face.unavailable", "the face engine's process ended") from None

    def find(self, image: np.ndarray, *, live: bool = True) -> FaceFinding:
        return self._run(_call, "find", (image,), {"live": live})

    def embed(self, image: np.ndarray, finding: FaceFinding) -> np.ndarray:
        return self._run(_call, "embed", (image, finding), {})

    def portrait_embedding(self, portrait: bytes) -> np.ndarray:
        return self._run(_call, "portrait_embedding", (portrait,), {})

    def compare(self, portrait: np.ndarray, live: np.ndarray) -> FaceMatch:
        return match(portrait, live, self.threshold)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

"""Camera capture through OpenCV: a video device, a video file, a folder of images or one image, each
read as the same kind of Frame; and FrameStream, which reads one on its own thread for a preview."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from drivers.camera.sources import IMAGE_SUFFIXES, folder_images

log = logging.getLogger(__name__)

STREAMING = "camera.streaming"
MISSING = "camera.missing"
BUSY = "camera.busy"
LOST = "camera.lost"
CORRUPT_FRAME = "camera.corrupt_frame"
ENDED = "camera.ended"
CODES = (MISSING, BUSY, LOST, CORRUPT_FRAME, ENDED)


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # BGR, full size, uint8
    at: float  # seconds: position in a video or folder, time.monotonic() for a live device


class CameraError(Exception):
    """code is one of CODES; the message names the source by its id and never holds image data."""

    def __init__(self, code: str, message: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown camera error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message


class Camera(Protocol):
    id: str

    def read(self) -> Frame: ...

    def close(self) -> None: ...


def open_camera(source: str | int | os.PathLike, *, loop: bool = False, fps: float = 10.0) -> Camera:
    """A camera for the source: an int or digit string N (/dev/videoN), a device path, "folder:/path" or a
    directory, "video:/path" or a video file, "image:/path" or one image file (a still camera).

    loop: a video file or folder starts again at its end instead of raising camera.ended. fps: the frame
    rate that times a folder's or a still image's frames (a video has its own)."""
    if isinstance(source, int) and not isinstance(source, bool):
        return DeviceCamera(f"/dev/video{source}")
    text = os.fspath(source) if isinstance(source, os.PathLike) else str(source)
    if text.isdigit():
        return DeviceCamera(f"/dev/video{text}")
    for prefix, kind in (("folder:", FolderCamera), ("video:", VideoFileCamera), ("image:", ImageCamera)):
        if text.startswith(prefix):
            return kind(Path(text[len(prefix):]), loop=loop, fps=fps)
    if text.startswith("/dev/"):
        return DeviceCamera(text)
    path = Path(text)
    if path.is_dir():
        return FolderCamera(path, loop=loop, fps=fps)
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return ImageCamera(path, loop=loop, fps=fps)
    return VideoFileCamera(path, loop=loop, fps=fps)


class DeviceCamera:
    """A V4L2 video device. Frames are timed by time.monotonic() when they arrive."""

    live = True

    def __init__(self, device: str) -> None:
        self.id = device
        # checked before OpenCV is asked: opening a missing or broken device can block
        if not os.path.exists(device):
            raise CameraError(MISSING, f"camera {device} is not connected")
        match = re.fullmatch(r"/dev/video(\d+)", os.path.realpath(device))
        if match is None:
            raise CameraError(BUSY, f"{device} is not a video capture device")
        # this OpenCV build's V4L2 backend opens devices by index only, not by path
        self._capture = cv2.VideoCapture(int(match.group(1)), cv2.CAP_V4L2)
        if not self._capture.isOpened():
            self._capture.release()
            raise CameraError(BUSY, f"camera {device} cannot be opened: in use by another program, or no permission")
        self._gave_frames = False

    def read(self) -> Frame:
        ok, image = self._capture.read()
        if not ok or image is None:
            if self._gave_frames:
                raise CameraError(LOST, f"camera {self.id} stopped giving frames (unplugged?)")
            raise CameraError(BUSY, f"camera {self.id} gives no frames: in use by another program, or no permission")
        self._gave_frames = True
        return Frame(image, time.monotonic())

    def close(self) -> None:
        self._capture.release()


class VideoFileCamera:
    """A video file, read as fast as it decodes. Frames are timed by their position in the video; when
    looping, the times of each new pass go on from the end of the last one (they keep increasing)."""

    live = False

    def __init__(self, path: Path, *, loop: bool = False, fps: float = 10.0) -> None:
        self.id = f"video:{path}"
        self._path = path
        self._loop = loop
        self._default_fps = fps  # for a video that does not say its frame rate
        self._offset = 0.0  # the length of the passes before this one
        self._capture = self._open()

    def _open(self) -> cv2.VideoCapture:
        if not self._path.is_file():
            raise CameraError(MISSING, f"camera {self.id}: no such video file")
        capture = cv2.VideoCapture(str(self._path))
        if not capture.isOpened():
            capture.release()
            raise CameraError(BUSY, f"camera {self.id} cannot be opened: not a video OpenCV reads, or no permission")
        video_fps = capture.get(cv2.CAP_PROP_FPS)
        self._fps = video_fps if video_fps > 0 else self._default_fps
        self._index = 0
        self._last_at = None
        return capture

    def read(self) -> Frame:
        ok, image = self._capture.read()
        if not ok and self._loop and self._index > 0:
            self._offset = self._last_at + 1 / self._fps
            self._capture.release()
            self._capture = self._open()
            ok, image = self._capture.read()
        if not ok or image is None:
            raise CameraError(ENDED, f"camera {self.id} reached the end of the video")
        position = self._capture.get(cv2.CAP_PROP_POS_MSEC) / 1000
        if position <= 0 and self._index > 0:  # some containers give no timestamps
            position = self._index / self._fps
        self._index += 1
        self._last_at = self._offset + position
        return Frame(image, self._last_at)

    def close(self) -> None:
        self._capture.release()


class FolderCamera:
    """The folder's images in name order, frame n timed n / fps; when looping, n keeps counting across
    passes (times keep increasing). The folder is listed again at each pass and when an image vanishes,
    so images added or removed while it runs are seen."""

    live = False

    def __init__(self, folder: Path, *, loop: bool = False, fps: float = 10.0) -> None:
        self.id = f"folder:{folder}"
        self._folder = folder
        self._loop = loop
        self._fps = fps
        self._images = folder_images(folder)
        if not self._images:
            state = "has no images" if folder.is_dir() else "does not exist"
            raise CameraError(MISSING, f"camera {self.id}: the folder {state}")
        self._next = 0  # in self._images
        self._count = 0  # images stepped through since opening, over all passes
        self._gave_frames = False

    def read(self) -> Frame:
        while True:
            if self._next >= len(self._images):
                if not self._loop:
                    raise CameraError(ENDED, f"camera {self.id} reached the last image of the folder")
                self._next = 0
                self._relist()
            path = self._images[self._next]
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if image is not None or path.is_file():
                break
            self._relist()  # the image vanished; raises once the folder has none left
        at = self._count / self._fps
        self._next += 1
        self._count += 1
        if image is None:
            raise CameraError(CORRUPT_FRAME, f"camera {self.id}: image {path.name} does not decode")
        self._gave_frames = True
        return Frame(image, at)

    def _relist(self) -> None:
        self._images = folder_images(self._folder)
        if not self._images:
            code = LOST if self._gave_frames else MISSING
            raise CameraError(code, f"camera {self.id}: the folder has no images any more")
        self._next = min(self._next, len(self._images) - 1)

    def close(self) -> None:
        self._images = []


class ImageCamera:
    """One image as a still camera: the same image at each read, frame n timed n / fps."""

    live = False

    def __init__(self, path: Path, *, loop: bool = False, fps: float = 10.0) -> None:
        self.id = f"image:{path}"
        if not path.is_file():
            raise CameraError(MISSING, f"camera {self.id}: no such image file")
        self._image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if self._image is None:
            raise CameraError(BUSY, f"camera {self.id} cannot be read: not an image OpenCV decodes, or no permission")
        self._fps = fps
        self._count = 0

    def read(self) -> Frame:
        if self._image is None:
            raise CameraError(LOST, f"camera {self.id} is closed")
        at = self._count / self._fps
        self._count += 1
        return Frame(self._image.copy(), at)

    def close(self) -> None:
        if self._image is not None:
            self._image.fill(0)
            self._image = None


class FrameStream:
    """Reads a camera on its own daemon thread and hands out previews: on_frame(preview, at) with the
    preview at most preview_width pixels wide, and on_status(code) when the state changes (STREAMING or
    a CameraError code; a code is not repeated while it stays the same).

    A missing, busy or lost camera is opened again every retry_every seconds. A corrupt frame is skipped:
    its code is reported, then STREAMING again with the next good frame. camera.ended (a video or folder
    that does not loop, or has no frames at all) ends the thread. Files and folders are paced to max_fps;
    live devices pace themselves. The callbacks run on the stream's thread."""

    def __init__(
        self,
        source: str | int | os.PathLike,
        on_frame: Callable[[np.ndarray, float], None],
        on_status: Callable[[str], None],
        *,
        preview_width: int = 640,
        max_fps: float = 15.0,
        retry_every: float = 1.0,
        loop: bool = True,
    ) -> None:
        self._source = source
        self._on_frame = on_frame
        self._on_status = on_status
        self._preview_width = preview_width
        self._period = 1 / max_fps
        self._max_fps = max_fps
        self._retry_every = retry_every
        self._loop = loop
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._latest: Frame | None = None
        self._status: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("a FrameStream starts once")
        self._thread = threading.Thread(target=self._run, name=f"camera {self._source}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Ends the thread, which closes the camera, and zero-fills the frame held (it may show a face)."""
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
        with self._lock:
            if self._latest is not None:
                self._latest.image.fill(0)
                self._latest = None

    def still(self) -> Frame | None:
        with self._lock:
            latest = self._latest
            return None if latest is None else Frame(latest.image.copy(), latest.at)

    def _run(self) -> None:
        camera = None
        try:
            while not self._stopping.is_set():
                if camera is None:
                    try:
                        camera = open_camera(self._source, loop=self._loop, fps=self._max_fps)
                    except CameraError as error:
                        self._report(error.code)
                        self._stopping.wait(self._retry_every)
                        continue
                started = time.monotonic()
                try:
                    frame = camera.read()
                except CameraError as error:
                    self._report(error.code)
                    if error.code == CORRUPT_FRAME:
                        self._pace(camera, started)
                        continue
                    camera.close()
                    camera = None
                    if error.code == ENDED:
                        return
                    self._stopping.wait(self._retry_every)
                    continue
                self._keep(frame)
                self._report(STREAMING)
                self._call(self._on_frame, self._preview(frame.image), frame.at)
                self._pace(camera, started)
        finally:
            if camera is not None:
                camera.close()

    def _keep(self, frame: Frame) -> None:
        with self._lock:
            previous, self._latest = self._latest, frame
        if previous is not None:
            previous.image.fill(0)

    def _preview(self, image: np.ndarray) -> np.ndarray:
        height, width = image.shape[:2]
        if width <= self._preview_width:
            return image.copy()
        size = (self._preview_width, max(1, round(height * self._preview_width / width)))
        return cv2.resize(image, size, interpolation=cv2.INTER_AREA)

    def _pace(self, camera: Camera, started: float) -> None:
        if not getattr(camera, "live", False):
            self._stopping.wait(max(0.0, started + self._period - time.monotonic()))

    def _report(self, code: str) -> None:
        if code != self._status:
            self._status = code
            self._call(self._on_status, code)

    def _call(self, callback: Callable, *args) -> None:
        # a failing receiver must not end the stream: the kiosk would lose its camera until restarted
        try:
            callback(*args)
        except Exception:
            log.exception("camera stream receiver failed")

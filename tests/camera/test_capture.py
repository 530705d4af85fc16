"""Camera capture on real files made here: MJPG videos, PNG folders and images; no device is needed."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.camera.capture import CameraError, Frame, FrameStream, open_camera
from drivers.camera.sources import list_cameras

WAIT = 10.0  # seconds; generous, only an upper bound for things that should happen


def grey(value: int, size: tuple[int, int] = (64, 48)) -> np.ndarray:
    width, height = size
    return np.full((height, width, 3), value, np.uint8)


def write_video(path: Path, values: list[int], *, fps: float = 20.0, size: tuple[int, int] = (64, 48)) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    assert writer.isOpened()
    for value in values:
        writer.write(grey(value, size))
    writer.release()
    return path


def write_png(path: Path, value: int, size: tuple[int, int] = (64, 48)) -> Path:
    # written beside and renamed in, so that a running reader never sees half a file
    partial = path.with_suffix(".partial")
    ok, data = cv2.imencode(".png", grey(value, size))
    assert ok
    partial.write_bytes(data.tobytes())
    os.replace(partial, path)
    return path


def write_folder(folder: Path, values: list[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, value in enumerate(values):
        write_png(folder / f"frame-{number:03d}.png", value)
    return folder


def level(image: np.ndarray) -> int:
    return round(float(image.mean()))


def error_of(source, **options) -> CameraError:
    with pytest.raises(CameraError) as raised:
        camera = open_camera(source, **options)
        try:
            while True:
                camera.read()
        finally:
            camera.close()
    return raised.value


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT} s for {what}")
        time.sleep(0.01)


class Receiver:
    """What a FrameStream delivered, from its thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: list[str] = []
        self.previews: list[tuple[np.ndarray, float]] = []
        self.threads: set[str] = set()

    def on_frame(self, preview: np.ndarray, at: float) -> None:
        with self.lock:
            self.previews.append((preview, at))
            self.threads.add(threading.current_thread().name)

    def on_status(self, code: str) -> None:
        with self.lock:
            self.statuses.append(code)

    def frame_count(self) -> int:
        with self.lock:
            return len(self.previews)

    def saw(self, *codes: str) -> bool:
        """The codes were reported in this order (others may come between)."""
        with self.lock:
            rest = iter(self.statuses)
            return all(code in rest for code in codes)


@pytest.fixture
def streams():
    started: list[FrameStream] = []

    def make(source, receiver: Receiver, **options) -> FrameStream:
        options = {"max_fps": 50.0, "retry_every": 0.05, **options}
        stream = FrameStream(source, receiver.on_frame, receiver.on_status, **options)
        started.append(stream)
        stream.start()
        return stream

    yield make
    for stream in started:
        stream.stop()


# --- opening --------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["/dev/video987", 987, "987"])
def test_a_missing_device_is_missing(source):
    error = error_of(source)
    assert error.code == "camera.missing"
    assert "/dev/video987" in str(error)


def test_a_device_file_that_is_no_camera_is_busy():
    assert error_of("/dev/null").code == "camera.busy"


def test_missing_files_and_folders_are_missing(tmp_path):
    for source in (tmp_path / "none.mp4", f"video:{tmp_path}/none.avi", f"folder:{tmp_path}/none",
                   tmp_path / "none", f"image:{tmp_path}/none.png", tmp_path / "none.png"):
        error = error_of(source)
        assert error.code == "camera.missing", source
        assert str(Path(os.fspath(source).split(":")[-1])) in str(error)


def test_a_folder_without_images_is_missing(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no images here")
    assert error_of(tmp_path / "empty").code == "camera.missing"


def test_files_that_do_not_decode_are_busy(tmp_path):
    (tmp_path / "text.mp4").write_text("not a video")
    (tmp_path / "text.png").write_text("not an image")
    assert error_of(tmp_path / "text.mp4").code == "camera.busy"
    assert error_of(f"image:{tmp_path}/text.png").code == "camera.busy"


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError):
        CameraError("camera.on_fire", "no such state")


# --- video files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["path", "text", "prefixed"])
def test_a_video_gives_its_frames_timed_by_position_then_ends(tmp_path, form):
    path = write_video(tmp_path / "clip.avi", [0, 60, 120, 180, 240], fps=20.0)
    source = {"path": path, "text": str(path), "prefixed": f"video:{path}"}[form]
    camera = open_camera(source)
    assert camera.id == f"video:{path}"
    frames = [camera.read() for _ in range(5)]
    assert all(isinstance(frame, Frame) for frame in frames)
    assert [level(frame.image) for frame in frames] == pytest.approx([0, 60, 120, 180, 240], abs=3)
    assert frames[0].image.shape == (48, 64, 3) and frames[0].image.dtype == np.uint8
    assert [frame.at for frame in frames] == pytest.approx([0.0, 0.05, 0.1, 0.15, 0.2])
    with pytest.raises(CameraError) as ended:
        camera.read()
    assert ended.value.code == "camera.ended"
    camera.close()


def test_a_looping_video_starts_again_with_times_still_increasing(tmp_path):
    camera = open_camera(write_video(tmp_path / "clip.avi", [0, 100, 200], fps=10.0), loop=True)
    frames = [camera.read() for _ in range(8)]
    camera.close()
    assert [level(frame.image) for frame in frames] == pytest.approx([0, 100, 200] * 2 + [0, 100], abs=3)
    # documented choice: the times of a new pass go on from the last one, they do not restart at 0
    assert [frame.at for frame in frames] == pytest.approx([n / 10 for n in range(8)])


# --- folders and still images ---------------------------------------------------------------------


def test_a_folder_gives_its_images_in_name_order_then_ends(tmp_path):
    folder = tmp_path / "camera"
    folder.mkdir()
    for name, value in (("b.png", 20), ("a.png", 10), ("c.jpg", 30)):
        write_png(folder / name, value)
    camera = open_camera(f"folder:{folder}", fps=4.0)
    assert camera.id == f"folder:{folder}"
    assert camera.id in [info.id for info in list_cameras(folder)]  # the listed id opens it
    frames = [camera.read() for _ in range(3)]
    assert [level(frame.image) for frame in frames] == [10, 20, 30]
    assert [frame.at for frame in frames] == pytest.approx([0.0, 0.25, 0.5])
    with pytest.raises(CameraError) as ended:
        camera.read()
    assert ended.value.code == "camera.ended"


def test_a_plain_directory_opens_as_a_looping_folder(tmp_path):
    camera = open_camera(write_folder(tmp_path / "camera", [10, 20]), loop=True)
    frames = [camera.read() for _ in range(5)]
    assert [level(frame.image) for frame in frames] == [10, 20, 10, 20, 10]
    assert [frame.at for frame in frames] == pytest.approx([0.0, 0.1, 0.2, 0.3, 0.4])  # default fps 10


def test_a_corrupt_image_in_a_folder_is_one_bad_frame(tmp_path):
    folder = write_folder(tmp_path / "camera", [10, 20, 30])
    (folder / "frame-001.png").write_bytes(b"\x89PNG but not really")
    camera = open_camera(folder, fps=10.0)
    assert level(camera.read().image) == 10
    with pytest.raises(CameraError) as corrupt:
        camera.read()
    assert corrupt.value.code == "camera.corrupt_frame"
    assert "frame-001.png" in str(corrupt.value)
    last = camera.read()
    assert level(last.image) == 30 and last.at == pytest.approx(0.2)  # the bad frame kept its slot in time


def test_a_folder_emptied_while_read_is_lost(tmp_path):
    folder = write_folder(tmp_path / "camera", [10, 20])
    camera = open_camera(folder, loop=True)
    camera.read()
    for image in folder.iterdir():
        image.unlink()
    with pytest.raises(CameraError) as lost:
        camera.read()
    assert lost.value.code == "camera.lost"


@pytest.mark.parametrize("form", ["path", "prefixed"])
def test_one_image_is_a_still_camera(tmp_path, form):
    path = write_png(tmp_path / "face.png", 77)
    camera = open_camera(path if form == "path" else f"image:{path}", fps=5.0)
    assert camera.id == f"image:{path}"
    frames = [camera.read() for _ in range(3)]
    assert [level(frame.image) for frame in frames] == [77, 77, 77]
    assert [frame.at for frame in frames] == pytest.approx([0.0, 0.2, 0.4])
    frames[0].image[:] = 0  # each read is its own copy
    assert level(camera.read().image) == 77
    camera.close()


# --- FrameStream ----------------------------------------------------------------------------------


def test_a_stream_delivers_previews_off_the_callers_thread_and_keeps_the_full_frame(tmp_path, streams):
    video = write_video(tmp_path / "clip.avi", [50, 100, 150], size=(320, 240))
    receiver = Receiver()
    stream = streams(video, receiver, preview_width=100)
    wait_until(lambda: receiver.frame_count() >= 5, "five previews")
    assert receiver.statuses[0] == "camera.streaming"
    assert threading.current_thread().name not in receiver.threads
    with receiver.lock:
        preview, _at = receiver.previews[0]
        times = [at for _preview, at in receiver.previews]
    assert preview.shape == (75, 100, 3)  # aspect kept
    assert times == sorted(times)  # looping by default, times go on increasing

    still = stream.still()
    assert still is not None and still.image.shape == (240, 320, 3)
    still.image[:] = 0  # a copy: the stream's frame is untouched
    again = stream.still()
    assert again is not None and level(again.image) > 0


def test_a_narrow_image_is_previewed_as_it_is(tmp_path, streams):
    receiver = Receiver()
    streams(write_png(tmp_path / "small.png", 90), receiver, preview_width=640)
    wait_until(lambda: receiver.frame_count() >= 1, "a preview")
    assert receiver.previews[0][0].shape == (48, 64, 3)


def test_a_stream_that_does_not_loop_ends_with_the_video(tmp_path, streams):
    receiver = Receiver()
    stream = streams(write_video(tmp_path / "clip.avi", [0, 80, 160, 240]), receiver, loop=False)
    wait_until(lambda: receiver.saw("camera.streaming", "camera.ended"), "the end of the video")
    assert receiver.frame_count() == 4
    assert stream.still() is not None  # the last frame stays until stop()


def test_a_stream_skips_a_corrupt_image_and_goes_on(tmp_path, streams):
    folder = write_folder(tmp_path / "camera", [10, 20, 30])
    (folder / "frame-001.png").write_bytes(b"garbage")
    receiver = Receiver()
    streams(folder, receiver)
    wait_until(lambda: receiver.saw("camera.streaming", "camera.corrupt_frame", "camera.streaming"),
               "streaming again after the corrupt frame")
    wait_until(lambda: receiver.frame_count() >= 6, "frames after the corrupt one")
    with receiver.lock:
        assert {level(preview) for preview, _at in receiver.previews} == {10, 30}


def test_a_stream_reports_a_lost_folder_and_recovers_when_images_come_back(tmp_path, streams):
    folder = write_folder(tmp_path / "camera", [10, 20, 30])
    receiver = Receiver()
    streams(folder, receiver)
    wait_until(lambda: receiver.saw("camera.streaming"), "streaming")
    for image in folder.iterdir():
        image.unlink()
    wait_until(lambda: receiver.saw("camera.streaming", "camera.lost"), "the folder to be lost")
    seen = receiver.frame_count()
    write_folder(folder, [200])
    wait_until(lambda: receiver.saw("camera.streaming", "camera.lost", "camera.streaming"), "recovery")
    wait_until(lambda: receiver.frame_count() > seen, "frames after recovery")
    with receiver.lock:
        assert level(receiver.previews[-1][0]) == 200


def test_a_stream_waits_for_a_missing_folder_to_appear(tmp_path, streams):
    folder = tmp_path / "camera"
    receiver = Receiver()
    streams(f"folder:{folder}", receiver)
    wait_until(lambda: receiver.saw("camera.missing"), "the folder to be missing")
    write_folder(folder, [40])
    wait_until(lambda: receiver.saw("camera.missing", "camera.streaming"), "the folder to appear")
    assert receiver.statuses.count("camera.missing") == 1  # not repeated at each retry


def test_a_stream_on_a_missing_device_reports_it_and_stops_cleanly(streams):
    receiver = Receiver()
    stream = streams("/dev/video987", receiver)
    wait_until(lambda: receiver.saw("camera.missing"), "the device to be missing")
    stream.stop()
    assert receiver.frame_count() == 0 and stream.still() is None


def test_a_failing_receiver_does_not_end_the_stream(tmp_path, caplog):
    calls = []

    def on_frame(preview, at):
        calls.append(at)
        raise RuntimeError("receiver bug")

    stream = FrameStream(write_folder(tmp_path / "camera", [10]), on_frame, lambda code: None, max_fps=50.0)
    stream.start()
    try:
        wait_until(lambda: len(calls) >= 3, "frames after a failing call")
    finally:
        stream.stop()
    assert "receiver failed" in caplog.text


def test_stop_joins_the_thread_and_wipes_the_frame_it_held(tmp_path, streams):
    receiver = Receiver()
    stream = streams(write_folder(tmp_path / "camera", [99]), receiver)
    wait_until(lambda: receiver.frame_count() >= 2, "frames")
    held = stream._latest  # the stream's own frame, looked at to check it is wiped
    assert held is not None and level(held.image) == 99
    stream.stop()
    assert not stream._thread.is_alive()
    assert not held.image.any()
    assert stream.still() is None
    count = receiver.frame_count()
    time.sleep(0.1)
    assert receiver.frame_count() == count
    stream.stop()  # twice is harmless

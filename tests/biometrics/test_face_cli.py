"""`kiosk face verify` as the technician runs it: files and a video in, the decision out, exit codes
that a script can act on, and nothing of the face written anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import write_config
from tests.helpers.faces import dg2_portrait, head_turn_frames, live_frame, photo, write_video

HOLDER, STRANGER = "045", "067"  # two young east Asian men of the fixture set


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("face")
    (folder / "portrait.jp2").write_bytes(dg2_portrait(HOLDER))
    Image.fromarray(live_frame(photo(HOLDER, "smiling"))).save(folder / "holder.jpg")
    Image.fromarray(live_frame(photo(STRANGER, "smiling"))).save(folder / "stranger.jpg")
    write_video(folder / "turn.avi", head_turn_frames(HOLDER))
    write_video(folder / "print.avi", head_turn_frames(HOLDER, flat=True))
    return folder


def kiosk(tmp_path: Path, *words: str) -> subprocess.CompletedProcess:
    config = write_config(tmp_path)
    env = {**os.environ, "KIOSK_CONFIG": str(config)}
    return subprocess.run([sys.executable, "-m", "kiosk", "face", "verify", *words], capture_output=True, text=True,
                          timeout=120, env=env)


def test_the_holders_photo_matches_and_a_strangers_does_not(files, tmp_path):
    done = kiosk(tmp_path, "--portrait", str(files / "portrait.jp2"), "--live", str(files / "holder.jpg"), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["matched"] and result["reason"] == "face.matched" and result["threshold"] == 0.55
    assert result["score"] >= 0.55 and result["presence_check"] is False
    done = kiosk(tmp_path, "--portrait", str(files / "portrait.jp2"), "--live", str(files / "stranger.jpg"), "--json")
    assert done.returncode == 8
    assert json.loads(done.stdout)["reason"] == "face.mismatch"


def test_a_video_of_a_head_turn_passes_the_presence_check_and_a_turned_print_does_not(files, tmp_path):
    done = kiosk(tmp_path, "--portrait", str(files / "portrait.jp2"), "--video", str(files / "turn.avi"))
    assert done.returncode == 0, done.stderr
    assert "presence_check   True" in done.stdout
    assert "face.turn_left: Slowly turn your head to your left." in done.stderr
    done = kiosk(tmp_path, "--portrait", str(files / "portrait.jp2"), "--video", str(files / "print.avi"))
    assert done.returncode == 8
    assert "face.presence_failed" in done.stdout
    assert set(os.listdir(tmp_path)) == {"config.toml", "data"}  # no frame or face written beside the store
    assert not list((tmp_path / "data").rglob("*.jpg")) and not list((tmp_path / "data").rglob("*.png"))


def test_bad_input_gets_a_clear_answer(files, tmp_path):
    done = kiosk(tmp_path, "--portrait", str(files / "portrait.jp2"), "--camera", "/dev/video987")
    assert done.returncode == 4 and "camera /dev/video987 is not connected" in done.stderr
    broken = tmp_path / "broken.jp2"
    broken.write_bytes(dg2_portrait(HOLDER)[:200])
    done = kiosk(tmp_path, "--portrait", str(broken), "--live", str(files / "holder.jpg"))
    assert done.returncode == 8 and "face.portrait_unreadable: The card's portrait cannot be read." in done.stderr
    done = kiosk(tmp_path, "--portrait", str(tmp_path / "none.jp2"), "--live", str(files / "holder.jpg"))
    assert done.returncode == 2 and "cannot read the portrait" in done.stderr
    done = kiosk(tmp_path, "--portrait", str(files / "portrait.jp2"), "--live", str(files / "holder.jpg"),
                 "--threshold", "1.5")
    assert done.returncode == 2 and "--threshold" in done.stderr

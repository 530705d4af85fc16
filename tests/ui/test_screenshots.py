"""The application in a real window on Xvfb: each mode starts, shows, is photographed, and exits with 0.

Screenshots go to $KIOSK_SCREENSHOTS (the test's temporary folder when unset) for people to look at.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

pytestmark = [pytest.mark.station, pytest.mark.xvfb]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("mode", ["kiosk", "counter", "diagnostics"])
def test_each_mode_starts_shows_and_exits_cleanly(mode, station, kiosk_env, screenshots):
    assert shutil.which("xvfb-run"), "xvfb-run is missing: run `packaging/dev setup`"
    target = screenshots / f"{mode}.png"
    target.unlink(missing_ok=True)
    env = {k: v for k, v in kiosk_env.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
         sys.executable, "-m", "kiosk", "start", "--simulated", "--mode", mode,
         "--screenshot", str(target), "--exit-after", "4"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, f"exit code {done.returncode}: {done.stderr[-2000:]}"
    with Image.open(target) as image:
        assert image.size == (1280, 800)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 20  # a drawn window, not an empty screen
        if mode == "kiosk":  # full screen: no black Xvfb background left in the corners
            assert image.getpixel((1279, 799))[:3] != (0, 0, 0)

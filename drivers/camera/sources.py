"""Which cameras there are: video devices, and a folder of images standing in for one, listed without
opening them. Reading frames from one is drivers.camera.capture."""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff")


@dataclass(frozen=True)
class CameraInfo:
    id: str  # "/dev/video0" or "folder:/path"
    name: str
    simulated: bool


def list_cameras(image_folder: Path | None = None) -> list[CameraInfo]:
    """Video capture devices of the machine, plus the image folder when one is given and has images.

    Devices are listed from /dev without opening them: opening a busy or broken camera can block.
    """
    cameras = []
    for device in sorted(glob.glob("/dev/video*"), key=_device_number):
        name_file = Path("/sys/class/video4linux") / Path(device).name / "name"
        name = name_file.read_text().strip() if name_file.is_file() else Path(device).name
        cameras.append(CameraInfo(device, name, simulated=False))
    if image_folder is not None and folder_images(image_folder):
        cameras.append(CameraInfo(f"folder:{image_folder}", "Simulated camera (image folder)", simulated=True))
    return cameras


def folder_images(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)


def _device_number(device: str) -> int:
    match = re.search(r"(\d+)$", device)
    return int(match.group(1)) if match else 0

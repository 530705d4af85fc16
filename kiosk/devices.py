"""One way to the devices for every mode and for `kiosk doctor`: real or simulated, same calls.

All of these block (pcscd, a SANE child process, the file system): the UI calls them from workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drivers.camera.sources import CameraInfo, list_cameras
from drivers.card.pcsc import PcscUnavailable, ReaderInfo, list_readers
from drivers.scanner.discovery import ScannerInfo, ScannerUnavailable, list_devices
from kiosk.config import Config

__all__ = ["DeviceSetup", "PcscUnavailable", "ScannerUnavailable", "readers", "scanners", "cameras"]


@dataclass(frozen=True)
class DeviceSetup:
    """Where the devices come from: the system's configuration, or the simulated station's."""

    sane_config_dir: Path | None = None  # None: SANE's own configuration (/etc/sane.d)
    camera_folder: Path | None = None  # a folder of images standing in for a camera

    @classmethod
    def for_config(cls, config: Config, simulated: bool) -> "DeviceSetup":
        if not simulated:
            return cls()
        return cls(sane_config_dir=config.simulation_dir / "sane", camera_folder=config.simulation_dir / "camera")


def readers() -> list[ReaderInfo]:
    return list_readers()


def scanners(setup: DeviceSetup) -> list[ScannerInfo]:
    return list_devices(str(setup.sane_config_dir) if setup.sane_config_dir else None)


def cameras(setup: DeviceSetup) -> list[CameraInfo]:
    return list_cameras(setup.camera_folder)

"""Which scanner is ours: the station's backend list, a device's identity, and finding it again.

A SANE device name is often a USB path ("fujitsu:libusb:001:004") that changes when the cable moves
to another port or the scanner is switched off and on. The station remembers the scanner by vendor,
model and, where the backend puts one in the name, serial number ("hpaio:/usb/…?serial=CN0AT3",
"pixma:04A9176D_3EBCC9"), and finds it again under whatever name it comes back with.

Listing every backend Debian ships takes seconds, so the station's SANE configuration names only the
backends of document scanners it may meet, those installed here; sane-airscan (network scanners,
eSCL/WSD) is added when installed, never installed by us.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from .discovery import ScannerInfo

SANE_LIB_DIRS = (Path("/usr/lib/x86_64-linux-gnu/sane"), Path("/usr/lib/aarch64-linux-gnu/sane"),
                 Path("/usr/lib/sane"), Path("/usr/local/lib/sane"))
SYSTEM_SANE_DIR = Path("/etc/sane.d")

# Backends of the document scanners found at service centers (sheet-fed and flatbed office models).
# Order matters a little: SANE lists devices backend by backend.
STATION_BACKENDS = ("fujitsu", "epjitsu", "canon_dr", "avision", "kodakaio", "kvs1025", "kvs20xx", "epsonds",
                    "epson2", "pixma", "genesys", "plustek", "hpaio", "brother4", "brother5", "escl")
NETWORK_BACKEND = "airscan"  # sane-airscan: eSCL and WSD scanners on the network, when installed


def installed_backends(lib_dirs: Sequence[Path] = SANE_LIB_DIRS) -> set[str]:
    """Backends whose library is present (libsane-NAME.so.1)."""
    found = set()
    for folder in lib_dirs:
        if folder.is_dir():
            for lib in folder.glob("libsane-*.so*"):
                found.add(lib.name[len("libsane-"):].split(".so")[0])
    return found


def station_backends(installed: set[str] | None = None) -> list[str]:
    """The station's backend list: our document-scanner backends that are installed, plus airscan
    when sane-airscan is (its eSCL support then replaces the `escl` backend, which would list the
    same network scanners twice)."""
    installed = installed_backends() if installed is None else installed
    chosen = [b for b in STATION_BACKENDS if b in installed]
    if NETWORK_BACKEND in installed:
        chosen = [b for b in chosen if b != "escl"] + [NETWORK_BACKEND]
    return chosen


def write_sane_config(folder: Path, backends: Sequence[str], system_dir: Path = SYSTEM_SANE_DIR) -> Path:
    """A SANE_CONFIG_DIR naming only `backends`, with each backend's own settings copied from the
    system's (they hold the USB ids and network options the backend needs)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("".join(f"{b}\n" for b in backends))
    for backend in backends:
        own = system_dir / f"{backend}.conf"
        if own.is_file():
            shutil.copyfile(own, folder / own.name)
    return folder


_SERIAL_PATTERNS = (
    re.compile(r"[?&]serial=([^&]+)", re.I),  # hpaio:/usb/Model?serial=CN0AT3T0N305KR
    re.compile(r"^pixma:[0-9A-F]{8}_([0-9A-Z]+)$", re.I),  # pixma:04A9176D_3EBCC9 (USB id, serial)
    re.compile(r"[:;]serial[=:]([^:;]+)", re.I),
)
_PATH_PATTERNS = (re.compile(r"libusb:\d+:\d+"), re.compile(r"bus\d+;dev\d+", re.I), re.compile(r"/dev/"))


def serial_from_name(name: str) -> str | None:
    for pattern in _SERIAL_PATTERNS:
        found = pattern.search(name)
        if found:
            return found.group(1)
    return None


def name_is_a_port(name: str) -> bool:
    """True when the device name says where the scanner is plugged in rather than what it is."""
    return any(p.search(name) for p in _PATH_PATTERNS)


@dataclass(frozen=True)
class DeviceIdentity:
    vendor: str
    model: str
    serial: str | None = None

    @classmethod
    def of(cls, info: ScannerInfo) -> "DeviceIdentity":
        return cls(info.vendor.strip(), info.model.strip(), serial_from_name(info.name))

    def matches(self, info: ScannerInfo) -> bool:
        other = DeviceIdentity.of(info)
        if (other.vendor.casefold(), other.model.casefold()) != (self.vendor.casefold(), self.model.casefold()):
            return False
        return self.serial is None or other.serial is None or self.serial == other.serial

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, str | None]) -> "DeviceIdentity":
        return cls(str(data["vendor"]), str(data["model"]), data.get("serial"))

    def __str__(self) -> str:
        return f"{self.vendor} {self.model}" + (f" (serial {self.serial})" if self.serial else "")


class AmbiguousDevice(LookupError):
    """Several connected scanners match a remembered identity that has no serial number."""


def find_device(identity: DeviceIdentity, devices: Sequence[ScannerInfo]) -> ScannerInfo | None:
    """The connected device that is the remembered scanner: an exact serial match first; without a
    serial, the only device of that vendor and model (two of them: AmbiguousDevice)."""
    if identity.serial is not None:
        exact = [d for d in devices if serial_from_name(d.name) == identity.serial]
        if exact:
            return exact[0]
    candidates = [d for d in devices if identity.matches(d)]
    if len(candidates) > 1:
        raise AmbiguousDevice(f"{len(candidates)} scanners {identity.vendor} {identity.model} are connected and "
                              "their backend gives no serial number: choose one by name")
    return candidates[0] if candidates else None


@dataclass(frozen=True)
class DeviceChange:
    kind: str  # "gone", "back" (found again, maybe under a new name), "renamed" (still there, new name)
    identity: DeviceIdentity
    name: str | None  # the device name to use now; None when gone


class DeviceWatcher:
    """Polls the device list for the remembered scanner and reports when it leaves and comes back.

    `list_devices` is called on each poll (ScannerWorker.list_devices with rescan, in the worker
    process, so a backend that hangs while probing cannot freeze the caller)."""

    def __init__(self, identity: DeviceIdentity, list_devices: Callable[[], Sequence[ScannerInfo]],
                 current_name: str | None = None):
        self.identity = identity
        self._list = list_devices
        self.name = current_name

    def poll(self) -> DeviceChange | None:
        try:
            found = find_device(self.identity, self._list())
        except AmbiguousDevice:
            found = None
        if found is None:
            if self.name is None:
                return None
            self.name = None
            return DeviceChange("gone", self.identity, None)
        if self.name == found.name:
            return None
        kind = "back" if self.name is None else "renamed"
        self.name = found.name
        return DeviceChange(kind, self.identity, found.name)

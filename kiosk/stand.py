"""The simulated station: the same stack as real hardware, with simulated devices at the bottom.

- PC/SC: the real `pcscd`, loading vsmartcard's `vpcd` driver from a reader configuration folder of
  ours, so card programs (the virtual CCCD card) connect to it as if a card touched a reader;
- scanner: libsane's own `test` backend, enabled through a SANE_CONFIG_DIR of ours (never /etc);
- camera: a folder of sample images;
- the provincial system: the reference server (`kiosk server`) on loopback, with a test CA and the
  station's client certificate.

A pcscd that was already running (the system's) is used as it is, and never stopped by us.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from drivers.camera.sources import folder_images
from drivers.card.pcsc import PcscUnavailable, list_readers
from drivers.scanner.discovery import ScannerUnavailable, list_devices
from kiosk.config import Config
from kiosk.errors import StationError
from kiosk.resources import CARD_PROFILES

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
VPCD_PORT = 35963  # first of the two readers vpcd offers; the second listens on the next port
VIRTUAL_READER_PREFIX = "Virtual PCD"
SANE_TEST_DEVICE = "test:0"


@dataclass(frozen=True)
class PartStatus:
    name: str
    up: bool
    detail: str


class Stand:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.root = config.simulation_dir
        self.reader_conf_dir = self.root / "reader.conf.d"
        self.sane_dir = self.root / "sane"
        self.camera_dir = self.root / "camera"
        self.pcscd = OwnProcess(self.root / "pcscd.pid", "pcscd")
        self.pcscd_log = self.root / "pcscd.log"
        self.province = OwnProcess(self.root / "province.pid", "kiosk", "server", str(self.root))
        self.province_dir = self.root / "province"
        self.pki_dir = self.root / "pki"
        self.card_keys_dir = self.root / "card-keys"  # the virtual cards' test keys (`kiosk card simulate`)
        self.trust_dir = self.root / "trust"

    # --- the whole station -------------------------------------------------------------------

    def up(self, sane_backend: str = "test") -> list[PartStatus]:
        """Starts or configures every part; raises StationError naming the first part that fails."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._write_sane_config(sane_backend)
        self._write_camera_images()
        self._write_trust_store()
        self._ensure_pcscd()
        self._check_sane()
        self._ensure_province()
        return self.status()

    def down(self) -> list[PartStatus]:
        """Stops the processes this stand started; a pcscd we did not start is left alone."""
        self.pcscd.stop()
        self.province.stop()
        return self.status()

    def status(self) -> list[PartStatus]:
        return [self._pcscd_status(), self._sane_status(), self._camera_status(), self._province_status()]

    # --- pcscd with vpcd ---------------------------------------------------------------------

    def _virtual_readers(self) -> list[str]:
        return [r.name for r in list_readers() if r.name.startswith(VIRTUAL_READER_PREFIX)]

    def _ensure_pcscd(self) -> None:
        try:
            readers = self._virtual_readers()
        except PcscUnavailable:
            self._start_pcscd()
            return
        if readers:
            return
        if self.pcscd.pid() is not None:  # ours but without readers: start it afresh
            self.pcscd.stop()
            self._start_pcscd()
            return
        raise StationError(
            "pcscd is running without vsmartcard's vpcd reader driver: restart it so it loads "
            "/etc/reader.conf.d/vpcd (sudo systemctl restart pcscd), then run `kiosk stand up` again"
        )

    def _start_pcscd(self) -> None:
        binary = _find_pcscd()
        if not VPCD_DRIVER.is_file():
            raise StationError(f"vsmartcard's vpcd driver is not installed ({VPCD_DRIVER} is missing): "
                               "install the Debian package vsmartcard-vpcd")
        self.reader_conf_dir.mkdir(parents=True, exist_ok=True)
        (self.reader_conf_dir / "vpcd").write_text(
            'FRIENDLYNAME "Virtual PCD"\n'
            f"DEVICENAME   /dev/null:0x{VPCD_PORT:04X}\n"
            f"LIBPATH      {VPCD_DRIVER}\n"
            f"CHANNELID    0x{VPCD_PORT:04X}\n"
        )
        process = self.pcscd.start([binary, "--foreground", "--config", str(self.reader_conf_dir)], self.pcscd_log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.pcscd.stop()
                raise StationError(f"pcscd stopped at start (exit code {process.returncode}): "
                                   f"{_last_line(self.pcscd_log)}; see {self.pcscd_log}")
            try:
                if self._virtual_readers():
                    return
            except PcscUnavailable:
                pass
            time.sleep(0.1)
        self.pcscd.stop()
        raise StationError(f"pcscd started but showed no Virtual PCD reader within 10 s; see {self.pcscd_log}")

    def _pcscd_status(self) -> PartStatus:
        owner = "started by this stand" if self.pcscd.pid() else "not started by this stand"
        try:
            readers = self._virtual_readers()
        except PcscUnavailable:
            return PartStatus("pcscd", False, "pcscd is not running")
        if not readers:
            return PartStatus("pcscd", False, f"pcscd runs ({owner}) but has no Virtual PCD reader")
        return PartStatus("pcscd", True, f"{owner}; readers: {', '.join(readers)}")

    # --- SANE test backend -------------------------------------------------------------------

    def _write_sane_config(self, backend: str) -> None:
        self.sane_dir.mkdir(parents=True, exist_ok=True)
        # One backend only: letting SANE try every installed backend takes seconds.
        (self.sane_dir / "dll.conf").write_text(backend + "\n")
        # An A4 page needs more than the test backend's default 200 mm of height.
        (self.sane_dir / "test.conf").write_text(
            "number_of_devices 1\ngeometry_max 300\nenable-test-options true\n"
        )

    def _check_sane(self) -> None:
        status = self._sane_status()
        if not status.up:
            raise StationError(f"SANE test scanner: {status.detail}")

    def _sane_status(self) -> PartStatus:
        if not (self.sane_dir / "dll.conf").is_file():
            return PartStatus("sane", False, "not configured: run `kiosk stand up`")
        try:
            devices = [d.name for d in list_devices(str(self.sane_dir))]
        except ScannerUnavailable as error:
            return PartStatus("sane", False, str(error))
        if SANE_TEST_DEVICE not in devices:
            return PartStatus("sane", False, "libsane's test backend did not load: install the Debian "
                                             "package libsane1 (SANE backends)")
        return PartStatus("sane", True, f"device {SANE_TEST_DEVICE}; SANE_CONFIG_DIR={self.sane_dir}")

    # --- camera folder -----------------------------------------------------------------------

    def _write_camera_images(self) -> None:
        """What the kiosk's camera would see: the face of each shipped virtual card, with its QR code."""
        from drivers.card.virtual.face import card_face
        from drivers.card.virtual.profile import load_profile

        self.camera_dir.mkdir(parents=True, exist_ok=True)
        for profile in sorted(CARD_PROFILES.glob("*.toml")):
            path = self.camera_dir / f"card-{profile.stem}.png"
            if not path.exists():
                card_face(load_profile(profile)).save(path)

    def _write_trust_store(self) -> None:
        """The simulated station trusts the virtual cards' test CSCA, and nothing else."""
        from drivers.card.virtual.files import write_test_trust_store

        write_test_trust_store(self.card_keys_dir, self.trust_dir)

    def _camera_status(self) -> PartStatus:
        images = folder_images(self.camera_dir)
        if not images:
            return PartStatus("camera", False, "no images: run `kiosk stand up`")
        return PartStatus("camera", True, f"{len(images)} images in {self.camera_dir}")


    # --- the provincial system ---------------------------------------------------------------

    def _ensure_province(self) -> None:
        from sync.certs import make_test_pki

        make_test_pki(self.pki_dir, stations=(self.config.station_id,))
        if self._province_status().up:
            return
        endpoint = urlsplit(self.config.endpoint or "")
        if endpoint.hostname not in ("127.0.0.1", "localhost"):
            raise StationError(f"the simulated station's endpoint must be on this machine, not {self.config.endpoint}")
        self.province.stop()
        argv = [sys.executable, "-m", "kiosk"]
        if Path(self.config.source).is_file():
            argv += ["--config", self.config.source]
        argv += ["server", "--port", str(endpoint.port or 443), "--data", str(self.province_dir),
                 "--pki", str(self.pki_dir)]
        process = self.province.start(argv, self.root / "province.log")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.province.stop()
                raise StationError(f"the reference provincial server stopped at start: "
                                   f"{_last_line(self.root / 'province.log')}")
            if self._province_status().up:
                return
            time.sleep(0.2)
        self.province.stop()
        raise StationError("the reference provincial server did not answer within 15 s; "
                           f"see {self.root / 'province.log'}")

    def _province_status(self) -> PartStatus:
        from sync.client import HttpProvincialClient, SyncError

        config = self.config
        if not all(path and Path(path).is_file() for path in (config.ca_bundle, config.client_certificate,
                                                              config.client_key)):
            return PartStatus("province", False, "no test certificates: run `kiosk stand up`")
        client = HttpProvincialClient(config.endpoint, config.ca_bundle, config.client_certificate,
                                      config.client_key, timeout=2)
        try:
            client.precheck()
        except SyncError as error:
            return PartStatus("province", False, f"{config.endpoint} does not answer: {error}")
        finally:
            client.close()
        owner = "started by this stand" if self.province.pid() else "not started by this stand"
        return PartStatus("province", True, f"{config.endpoint} ({owner})")


def _find_pcscd() -> str:
    named = os.environ.get("KIOSK_PCSCD")
    if named:
        if not os.access(named, os.X_OK):
            raise StationError(f"pcscd not found at {named} (named by KIOSK_PCSCD)")
        return named
    # pcscd lives in /usr/sbin, which is not on an ordinary user's PATH.
    found = shutil.which("pcscd", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
    if not found:
        raise StationError("pcscd is not installed: install the Debian packages pcscd and vsmartcard-vpcd")
    return found


class OwnProcess:
    """A background process the stand started, known by its pid file and words of its command line.

    Checking the command line keeps a recycled pid (after a reboot) from being taken for ours.
    """

    def __init__(self, pidfile: Path, *words: str) -> None:
        self.pidfile = pidfile
        self.words = words

    def start(self, argv: list[str], log: Path) -> subprocess.Popen:
        with open(log, "ab") as output:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                       start_new_session=True)  # outlives `kiosk stand up`
        self.pidfile.write_text(str(process.pid))
        return process

    def pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text())
        except (OSError, ValueError):
            return None
        return pid if self._runs(pid) else None

    def stop(self, grace: float = 5.0) -> None:
        pid = self.pid()
        self.pidfile.unlink(missing_ok=True)
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if not self._runs(pid) or _is_zombie(pid):
                return
            time.sleep(0.05)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def _runs(self, pid: int) -> bool:
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            return False
        return all(any(word in arg for arg in args) for word in self.words)


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def _last_line(path: Path) -> str:
    try:
        lines = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "no log"
    return lines[-1] if lines else "no log"

"""The simulated station: the same stack as real hardware, with simulated devices at the bottom.

- PC/SC: the real `pcscd`, loading vsmartcard's `vpcd` driver from a reader configuration folder of
  ours, so card programs (the virtual CCCD card) connect to it as if a card touched a reader;
- scanner: libsane's own `test` backend, enabled through a SANE_CONFIG_DIR of ours (never /etc);
- camera: a folder of sample images;
- the provincial system: the reference server (`kiosk server`) on loopback, with a test CA and the
  station's client certificate.

A pcscd that was already running (the system's) is used as it is, and never stopped by us.

The ports are the machine's, so the processes a stand starts are recorded machine-wide (`records_dir`),
with the stand's folder and the process that keeps them (a test run; none for `kiosk stand up`). A stand
coming up after a crashed run adopts the pcscd it left and ends its reference server and card programs,
by the pid it recorded, saying which in `notes`; what another live run holds is shared or refused.
"""

from __future__ import annotations

import json
import secrets
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from drivers.camera.sources import folder_images
from drivers.card.pcsc import PcscUnavailable, list_readers
from drivers.scanner.discovery import ScannerUnavailable, list_devices
from kiosk.config import Config
from kiosk.errors import StationError
from kiosk.private_files import private_folder
from kiosk.resources import CARD_PROFILES

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
VPCD_PORT = 35963  # first of the two readers vpcd offers; the second listens on the next port
VIRTUAL_READER_PREFIX = "Virtual PCD"
SANE_TEST_DEVICE = "test:0"

log = logging.getLogger(__name__)


def records_dir() -> Path:
    """Where the stands of this user record their processes: one folder for the machine, like its ports."""
    return Path(tempfile.gettempdir()) / f"digitisation-point-stand-{os.getuid()}"


@dataclass(frozen=True)
class PartStatus:
    name: str
    up: bool
    detail: str


class Stand:
    def __init__(self, config: Config, owner: int | None = None) -> None:
        """owner: the process whose life the stand's processes should not outlive (a test run), if any."""
        self.config = config
        self.root = config.simulation_dir
        self.owner = owner
        self.notes: list[str] = []  # what `up` did about processes an earlier run left, one line each
        self.reader_conf_dir = self.root / "reader.conf.d"
        self.sane_dir = self.root / "sane"
        self.camera_dir = self.root / "camera"
        self.pcscd = RecordedProcess("pcscd", "pcscd")
        self.pcscd_log = self.root / "pcscd.log"
        self.province_port = urlsplit(config.endpoint or "").port or 443
        self.province = RecordedProcess(f"province-{self.province_port}", "kiosk", "server")
        self.province_dir = self.root / "province"
        self.pki_dir = self.root / "pki"
        self.card_keys_dir = self.root / "card-keys"  # the virtual cards' test keys (`kiosk card simulate`)
        self.trust_dir = self.root / "trust"
        # the province's signed content (README: Content from the province): its source folder, its test
        # keys, the repository the reference server serves at /content/, and the root stations install
        self.content_source = self.root / "content-source"
        self.content_keys = self.root / "content-keys"
        self.content_repo = self.root / "content-repo"

    # --- the whole station -------------------------------------------------------------------

    def up(self, sane_backend: str = "test") -> list[PartStatus]:
        """Starts or configures every part; raises StationError naming the first part that fails."""
        private_folder(self.root)  # the province's copies and the cards' faces: simulated citizens' data
        self.notes = []
        self._write_sane_config(sane_backend)
        self._write_camera_images()
        self._write_trust_store()
        self._end_orphaned_card_programs()
        self._ensure_pcscd()
        self._check_sane()
        self._ensure_signing_token()
        self.publish_content()
        self._ensure_province()
        return self.status()

    def down(self) -> list[PartStatus]:
        """Stops the processes this stand started; a pcscd we did not start is left alone."""
        for process in (self.pcscd, self.province):
            if self._owns(process.record()):
                process.stop()
        return self.status()

    # --- what earlier runs left ----------------------------------------------------------------

    def _owns(self, record: Record | None) -> bool:
        return record is not None and record.root == str(self.root)

    def _note(self, text: str) -> None:
        self.notes.append(text)
        log.info("stand: %s", text)

    def _left_over(self, record: Record | None) -> bool:
        """Recorded by another stand whose run is over: no keeper, or a keeper that has gone."""
        return record is not None and not self._owns(record) and not (record.owner and _alive(record.owner))

    def _end_orphaned_card_programs(self) -> None:
        for card in RecordedProcess.all("card-", "kiosk", "card", "simulate"):
            record = card.record()
            if record is not None and record.owner and not _alive(record.owner):
                card.stop()
                self._note(f"ended a card program left by an earlier run (pid {record.pid})")

    def status(self) -> list[PartStatus]:
        return [self._pcscd_status(), self._sane_status(), self._camera_status(), self._signing_status(),
                self._province_status()]

    # --- pcscd with vpcd ---------------------------------------------------------------------

    def _virtual_readers(self) -> list[str]:
        return [r.name for r in list_readers() if r.name.startswith(VIRTUAL_READER_PREFIX)]

    def _ensure_pcscd(self) -> None:
        record = self.pcscd.record()
        if self._left_over(record):
            self.pcscd.write(Record(record.pid, str(self.root), self.owner or 0))
            self._note(f"adopted the pcscd left by an earlier run (pid {record.pid})")
        try:
            readers = self._virtual_readers()
        except PcscUnavailable:
            self._start_pcscd()
            return
        if readers:
            return
        if self._owns(self.pcscd.record()):  # ours but without readers: start it afresh
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
        process = self.pcscd.start([binary, "--foreground", "--config", str(self.reader_conf_dir)], self.pcscd_log,
                                   str(self.root), self.owner)
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
        owner = "started by this stand" if self._owns(self.pcscd.record()) else "not started by this stand"
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
        # An A4 page needs more than the test backend's default 200 mm of height; its default picture,
        # solid black, is a page our pipeline rightly calls blank: a page of colour bars is not.
        (self.sane_dir / "test.conf").write_text(
            'number_of_devices 1\ngeometry_max 300\nenable-test-options true\ntest-picture "Color pattern"\n'
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

        private_folder(self.camera_dir)
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


    # --- the centre's signing token ----------------------------------------------------------

    def _ensure_signing_token(self) -> None:
        """SoftHSM2 holding the centre's key, made on the token and certified by the province's test
        signing CA; the PINs are random, the user PIN kept in the 0600 file `signing_pin_file` names.
        The CA and its CRL go to `signature_trust`, where verifiers look."""
        from drivers.signing.errors import SigningError
        from drivers.signing.softhsm import (generate_key, init_token, softhsm_available, store_certificate,
                                             write_conf)
        from kiosk.signing import token_spec
        from kiosk.store.keystores import create_once
        from sync.reference_pki import make_signing_pki

        config = self.config
        pki = make_signing_pki(self.pki_dir)
        pki.trust_folder(private_folder(config.signature_trust))
        if not softhsm_available():
            raise StationError("SoftHSM2 is not installed (the simulated signing token): run packaging/dev setup")
        spec = token_spec(config)
        if config.signing_pin_file is not None and config.signing_pin_file.is_file():
            try:
                self._signing_status_or_raise()
                return
            except SigningError:
                self._note("made the simulated signing token again (the one found did not answer)")
        folder = private_folder(config.softhsm2_conf.parent)
        shutil.rmtree(folder / "tokens", ignore_errors=True)
        conf = write_conf(folder)
        pin, so_pin = secrets.token_hex(8), secrets.token_hex(8)
        config.signing_pin_file.unlink(missing_ok=True)
        create_once(config.signing_pin_file, pin.encode())
        init_token(conf, spec.token_label, pin, so_pin)
        provisioning = replace(spec, key_label=spec.key_label or "signing")
        public_key = generate_key(provisioning, pin)
        store_certificate(provisioning, pin, pki.issue(
            public_key, f"TTPVHCC {config.center_unit} - {config.station_id} (mô phỏng)"))

    def _signing_status_or_raise(self):
        from drivers.signing.token import token_status
        from kiosk.signing import token_spec

        return token_status(token_spec(self.config))

    def _signing_status(self) -> PartStatus:
        from drivers.signing.errors import SigningError

        try:
            status = self._signing_status_or_raise()
        except SigningError as error:
            return PartStatus("signing", False, f"{error}: run `kiosk stand up`")
        return PartStatus("signing", True, f"SoftHSM2 token {status.token_label!r}, certificate "
                          f"valid {status.days_left()} more days")

    # --- the provincial system ---------------------------------------------------------------

    def publish_content(self, source: Path | None = None):
        """Publishes the province's content with the stand's test keys: `source`, else the shipped procedure
        catalog and holiday calendar with the virtual cards' test CSCA (written to `content_source`). The
        root goes where the simulated configuration's `content_root` points. Returns the publication."""
        from kiosk.resources import CATALOGS
        from sync.content_repository import publish

        if self.content_repo.exists() and not (self.content_keys / "root.pem").exists():
            shutil.rmtree(self.content_repo)  # its keys are gone: a new repository, with new test keys
        if source is None:
            source = self.content_source
            if source.exists():
                shutil.rmtree(source)
            (source / "catalogs").mkdir(parents=True)
            shutil.copytree(self.trust_dir, source / "trust")
            shutil.copyfile(CATALOGS / "procedures_commune.json", source / "catalogs" / "procedures_commune.json")
            shutil.copyfile(CATALOGS / "holidays_vn.toml", source / "catalogs" / "holidays.toml")
        published = publish(source, self.content_repo, self.content_keys)
        if self.config.content_root is not None:
            private_folder(self.config.content_root.parent)
            root = self.config.content_root.with_suffix(".new")
            shutil.copyfile(published.root, root)
            os.replace(root, self.config.content_root)
        return published

    def _ensure_province(self) -> None:
        from sync.reference_pki import make_test_pki

        make_test_pki(self.pki_dir, stations=(self.config.station_id,))
        endpoint = urlsplit(self.config.endpoint or "")
        if endpoint.hostname not in ("127.0.0.1", "localhost"):
            raise StationError(f"the simulated station's endpoint must be on this machine, not {self.config.endpoint}")
        port = self.province_port
        record = self.province.record()
        if record is not None and not self._owns(record):
            if not self._left_over(record):
                raise StationError(f"port {port} is taken by the reference server of another run that is still "
                                   f"going (process {record.owner}): wait for it to end, or choose another port "
                                   "in `endpoint`")
            self.province.stop()
            self._note(f"ended the reference server left by an earlier run (pid {record.pid})")
        if self._province_status().up:
            return
        self.province.stop()
        if _listening(port):
            raise StationError(f"port {port} on 127.0.0.1 is in use by a program this stand did not start: stop "
                               "it, or choose another port in `endpoint`")
        argv = [sys.executable, "-m", "kiosk"]
        if Path(self.config.source).is_file():
            argv += ["--config", self.config.source]
        argv += ["server", "--port", str(port), "--data", str(self.province_dir), "--pki", str(self.pki_dir),
                 "--content", str(self.content_repo)]
        process = self.province.start(argv, self.root / "province.log", str(self.root), self.owner)
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
        owner = "started by this stand" if self._owns(self.province.record()) else "not started by this stand"
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


@dataclass(frozen=True)
class Record:
    pid: int
    root: str  # the folder of the stand that started it
    owner: int  # the process it should not outlive (0: none, kept until `kiosk stand down`)


class RecordedProcess:
    """A background process a stand started, known by its record and words of its command line.

    Checking the command line keeps a recycled pid (after a reboot) from being taken for ours.
    """

    def __init__(self, name: str, *words: str) -> None:
        self.path = records_dir() / f"{name}.json"
        self.words = words

    @classmethod
    def all(cls, prefix: str, *words: str) -> list["RecordedProcess"]:
        return [cls(path.stem, *words) for path in sorted(records_dir().glob(f"{prefix}*.json"))]

    def start(self, argv: list[str], log: Path, root: str, owner: int | None) -> subprocess.Popen:
        with open(log, "ab") as output:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                       start_new_session=True)  # outlives `kiosk stand up`
        self.write(Record(process.pid, root, owner or 0))
        return process

    def write(self, record: Record) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = self.path.with_suffix(".part")
        partial.write_text(json.dumps(record.__dict__))
        partial.replace(self.path)

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)

    def record(self) -> Record | None:
        """The record, if its process still runs; a stale record is removed."""
        try:
            record = Record(**json.loads(self.path.read_text()))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError):
            self.forget()
            return None
        if not self._runs(record.pid):
            self.forget()
            return None
        return record

    def stop(self, grace: float = 5.0) -> None:
        record = self.record()
        self.forget()
        if record is None:
            return
        pid = record.pid
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


def record_card_program(port: int, root: Path) -> RecordedProcess:
    """`kiosk card simulate` records itself, kept by whoever started it, so that a stand coming up after
    that one is gone ends it instead of leaving the reader taken."""
    card = RecordedProcess(f"card-{port}", "kiosk", "card", "simulate")
    card.write(Record(os.getpid(), str(root), os.getppid()))
    return card


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and not _is_zombie(pid)


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


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


# The simulated station's sample accounts, so that the counter and diagnostics modes can be tried at once.
# Only `kiosk start --simulated` adds them, to the simulated station's own store; a real station's
# accounts are made with `kiosk officer add`.
SAMPLE_ACCOUNTS = (("canbo", "Cán bộ mẫu", "officer"), ("kythuat", "Kỹ thuật viên mẫu", "technician"))
SAMPLE_PASSWORD = "tram-mo-phong"


def add_sample_accounts(config: Config) -> list[str]:
    """Adds each sample account the store does not hold yet (one left disabled or reset stays so);
    returns the logins added."""
    from kiosk.store import open_station_store

    added = []
    with open_station_store(config) as store:
        known = {officer.login for officer in store.officers()}
        for login, name, role in SAMPLE_ACCOUNTS:
            if login not in known:
                store.add_officer(login, name, role, SAMPLE_PASSWORD, actor="simulated-station")
                added.append(login)
    return added

"""`kiosk doctor`: checks a real or simulated station, each check ending ok / warning / failed with a fix."""

from __future__ import annotations

import shutil
import socket
import ssl
import tempfile
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from kiosk import devices
from kiosk.config import Config

OK, WARNING, FAILED = "ok", "warning", "failed"
MIN_FREE_BYTES = 2 * 1024**3  # a day of scans at a busy center, with room to spare
CRITICAL_FREE_BYTES = 200 * 1024**2


@dataclass(frozen=True)
class Check:
    name: str
    result: str  # ok / warning / failed
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def run_checks(config: Config, setup: devices.DeviceSetup) -> list[Check]:
    return [
        *check_pcsc(),
        check_scanners(setup),
        check_cameras(setup),
        check_endpoint(config),
        check_data_dir(config),
    ]


def check_pcsc() -> list[Check]:
    try:
        readers = devices.readers()
    except devices.PcscUnavailable:
        return [
            Check("pcsc-service", FAILED, "the PC/SC service (pcscd) does not answer",
                  "start it: `sudo systemctl start pcscd` (simulated station: `kiosk stand up`)"),
            Check("pcsc-readers", FAILED, "readers cannot be listed without pcscd", "start pcscd first"),
        ]
    service = Check("pcsc-service", OK, "pcscd answers")
    if not readers:
        return [service, Check("pcsc-readers", WARNING, "no card reader is connected",
                               "plug in the card reader; if it is plugged in, check its driver (pcsc_scan)")]
    described = ", ".join(f"{r.name} (card {r.atr_hex})" if r.atr else r.name for r in readers)
    return [service, Check("pcsc-readers", OK, f"{len(readers)} reader(s): {described}")]


def check_scanners(setup: devices.DeviceSetup) -> Check:
    try:
        found = devices.scanners(setup)
    except devices.ScannerUnavailable as error:
        return Check("sane-devices", FAILED, str(error),
                     "install the Debian packages libsane1 and sane-utils; `scanimage -L` must list the scanner")
    if not found:
        return Check("sane-devices", WARNING, "SANE sees no scanner",
                     "switch the scanner on and connect it; `scanimage -L` must list it")
    return Check("sane-devices", OK, ", ".join(f"{s.name} ({s.vendor} {s.model})" for s in found))


def check_cameras(setup: devices.DeviceSetup) -> Check:
    found = devices.cameras(setup)
    if not found:
        return Check("cameras", WARNING, "no camera found",
                     "connect the camera (card QR codes then have to be typed or read from the MRZ)")
    return Check("cameras", OK, ", ".join(c.name for c in found))


def check_endpoint(config: Config, timeout: float = 3.0) -> Check:
    if not config.endpoint:
        return Check("provincial-endpoint", WARNING, "no provincial endpoint is configured",
                     f"set endpoint in {config.source}; dossiers stay queued on the station until then")
    parts = urlsplit(config.endpoint)
    host, port = parts.hostname or "", parts.port or 443
    context = ssl.create_default_context(cafile=str(config.ca_bundle) if config.ca_bundle else None)
    try:
        with socket.create_connection((host, port), timeout=timeout) as raw:
            with context.wrap_socket(raw, server_hostname=host):
                pass
    except ssl.SSLCertVerificationError as error:
        return Check("provincial-endpoint", FAILED, f"{host}:{port} presents a certificate we do not trust "
                     f"({error.verify_message})", "set ca_bundle to the province's CA bundle")
    except (OSError, ssl.SSLError) as error:
        return Check("provincial-endpoint", WARNING, f"{host}:{port} cannot be reached ({error.__class__.__name__})",
                     "check the network; dossiers are kept and sent when it is back")
    return Check("provincial-endpoint", OK, f"{host}:{port} answers over TLS with a trusted certificate")


def check_data_dir(config: Config) -> Check:
    folder = config.data_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as error:
        return Check("data-folder", FAILED, f"{folder} is not writable ({error.strerror})",
                     f"give the station's user write access to {folder} or set data_dir")
    mode = folder.stat().st_mode & 0o777
    free = shutil.disk_usage(folder).free
    detail = f"{folder}: {free / 1024**3:.1f} GiB free, mode {mode:o}"
    if free < CRITICAL_FREE_BYTES:
        return Check("data-folder", FAILED, detail, "free disk space: dossiers cannot be stored safely")
    if mode & 0o007:
        return Check("data-folder", WARNING, detail + ", readable by every user",
                     f"chmod o-rwx {folder}")
    if free < MIN_FREE_BYTES:
        return Check("data-folder", WARNING, detail, "free disk space soon: less than 2 GiB left")
    return Check("data-folder", OK, detail)


def worst(checks: list[Check]) -> str:
    results = {c.result for c in checks}
    return FAILED if FAILED in results else WARNING if WARNING in results else OK


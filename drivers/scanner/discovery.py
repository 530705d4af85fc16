"""Finding SANE scanners without risking the caller: the backends are asked in a child process.

python-sane holds the GIL in `init` and `get_devices`; a hung vendor backend would freeze every
thread of the application, so discovery runs `python -m drivers.scanner.discovery` with a timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass


class ScannerUnavailable(Exception):
    """SANE itself cannot be used: binding missing, no backend loads, or discovery hung."""


@dataclass(frozen=True)
class ScannerInfo:
    name: str  # SANE device name, e.g. "test:0"
    vendor: str
    model: str
    kind: str  # SANE's type: "flatbed scanner", "virtual device", …


def list_devices(sane_config_dir: str | None = None, timeout: float = 20.0) -> list[ScannerInfo]:
    """SANE devices seen with the given SANE_CONFIG_DIR (None: the process's own environment)."""
    env = dict(os.environ)
    if sane_config_dir is not None:
        env["SANE_CONFIG_DIR"] = sane_config_dir
    try:
        done = subprocess.run(
            [sys.executable, "-m", "drivers.scanner.discovery"],
            env=env, capture_output=True, text=True, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired:
        raise ScannerUnavailable(f"SANE device discovery did not finish within {timeout:.0f} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ScannerUnavailable(f"SANE could not be used: {last}")
    return [ScannerInfo(**item) for item in json.loads(done.stdout)]


def _discover() -> list[dict[str, str]]:
    import sane  # python-sane; imported here so the parent never loads libsane

    sane.init()
    try:
        return [asdict(ScannerInfo(name, vendor, model, kind)) for name, vendor, model, kind in sane.get_devices()]
    finally:
        sane.exit()


def _main() -> int:
    try:
        devices = _discover()
    except ImportError:
        print("the python-sane binding is not installed", file=sys.stderr)
        return 3
    except Exception as error:  # _sane.error carries only an English message
        print(f"{error}", file=sys.stderr)
        return 4
    json.dump(devices, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(_main())

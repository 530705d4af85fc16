"""The technician's log export: the redacted logs and a manifest of the station, in one archive."""

from __future__ import annotations

import platform
from datetime import datetime, timezone
from pathlib import Path

from kiosk import __version__
from kiosk.config import Config
from kiosk.devices import DeviceSetup
from kiosk.logs import export_logs


def manifest(config: Config, doctor: list | None = None) -> dict:
    """Who made the archive and what the station looked like (doctor's checks hold device facts only)."""
    return {
        "station_id": config.station_id, "center_unit": config.center_unit, "mode": config.mode,
        "version": __version__, "python": platform.python_version(), "system": platform.platform(),
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "doctor": [check.as_dict() for check in doctor or []],
    }


def export_station_logs(config: Config, setup: DeviceSetup, destination: Path, run_doctor: bool = True) -> Path:
    """Runs `kiosk doctor`'s checks (when asked) and writes the archive. Raises OSError."""
    from kiosk.doctor import run_checks

    checks = run_checks(config, setup) if run_doctor else []
    return export_logs(config.log_dir, destination, manifest(config, checks))

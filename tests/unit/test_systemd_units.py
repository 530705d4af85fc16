"""The station's systemd units and menu entries: accepted by systemd's and freedesktop's own checkers,
and holding the settings the station's safety rests on."""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

UNITS = sorted((ROOT / "packaging" / "systemd").glob("*.service"))
ENTRIES = sorted((ROOT / "packaging" / "desktop").glob("*.desktop"))
CONFIG = "KIOSK_CONFIG=/etc/digitisation-point/config.toml"


def _settings(path: Path) -> dict[str, dict[str, list[str]]]:
    """section → key → every value given (systemd allows a key several times)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key, []).append(value)
    return sections


def test_both_units_are_there():
    assert [unit.name for unit in UNITS] == ["digitisation-point-kiosk.service", "digitisation-point-relay.service"]


def test_systemd_analyze_verify_passes_without_a_warning(tmp_path):
    """Verified as installed, except that /usr/bin/kiosk (installed by the package) is this checkout's
    entry point: systemd-analyze checks every ExecStart binary exists and is executable."""
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing: run `packaging/dev setup`"
    assert Path("/usr/bin/cage").is_file(), "cage is missing: run `packaging/dev setup`"
    kiosk = Path(sys.executable).with_name("kiosk")
    assert kiosk.is_file()
    for unit in UNITS:
        (tmp_path / unit.name).write_text(unit.read_text(encoding="utf-8").replace("/usr/bin/kiosk", str(kiosk)),
                                          encoding="utf-8")
    done = subprocess.run([analyze, "verify", *sorted(str(path) for path in tmp_path.glob("*.service"))],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_verify_does_fail_on_a_mistake(tmp_path):
    """The check above can fail: a misspelt setting is reported."""
    unit = tmp_path / "digitisation-point-relay.service"
    unit.write_text(UNITS[1].read_text(encoding="utf-8").replace("/usr/bin/kiosk", "/bin/true")
                    .replace("RestartSec=", "RestartSecs="), encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=120)
    assert "RestartSecs" in done.stdout + done.stderr


def test_kiosk_unit_is_a_locked_down_watched_session_on_tty7():
    unit = _settings(UNITS[0])
    service = unit["Service"]
    # no -s: no VT switching; the kiosk's stdin is not the compositor's tty
    assert service["ExecStart"] == ["/usr/bin/cage -- /bin/sh -c 'exec /usr/bin/kiosk start --mode kiosk </dev/null'"]
    assert (service["Type"], service["NotifyAccess"], service["WatchdogSec"]) == (["notify"], ["all"], ["30s"])
    assert service["Restart"] == ["always"] and service["RestartSec"]
    assert unit["Unit"]["StartLimitIntervalSec"] and unit["Unit"]["StartLimitBurst"]
    assert "getty@tty7.service" in unit["Unit"]["Conflicts"]
    assert (service["TTYPath"], service["PAMName"], service["StandardInput"]) == (["/dev/tty7"], ["login"],
                                                                                 ["tty-fail"])
    assert service["User"] == ["digitisation-point"]
    assert service["StandardOutput"] == service["StandardError"] == ["journal"]
    assert (service["NoNewPrivileges"], service["ProtectSystem"], service["PrivateTmp"]) == (["yes"], ["strict"],
                                                                                             ["yes"])
    assert "/var/lib/digitisation-point /etc/digitisation-point/keys" in service["ReadWritePaths"]
    assert CONFIG in service["Environment"]
    assert unit["Install"]["WantedBy"] == ["graphical.target"]


def test_relay_unit_runs_the_relay_alone_and_restarts():
    unit = _settings(UNITS[1])
    service = unit["Service"]
    assert service["ExecStart"] == ["/usr/bin/kiosk sync run"]
    assert service["Restart"] == ["always"] and service["RestartSec"]
    assert unit["Unit"]["StartLimitIntervalSec"] and unit["Unit"]["StartLimitBurst"]
    assert service["User"] == ["digitisation-point"] and service["NoNewPrivileges"] == ["yes"]
    assert CONFIG in service["Environment"]
    assert unit["Install"]["WantedBy"] == ["multi-user.target"]


def test_no_setting_systemd_252_does_not_know():
    """Debian 12's systemd: RestartSteps and RestartMaxDelaySec came in 254."""
    for unit in UNITS:
        text = unit.read_text(encoding="utf-8")
        assert "RestartSteps=" not in text and "RestartMaxDelaySec=" not in text


@pytest.mark.parametrize("mode", ["counter", "diagnostics"])
def test_menu_entry_starts_its_mode_with_the_station_configuration(mode):
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "packaging" / "desktop" / f"digitisation-point-{mode}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == f"env {CONFIG} kiosk start --mode {mode}"
    assert section["Name"] and section["Name[vi]"] and section["Categories"].endswith(";")


def test_menu_entries_pass_desktop_file_validate():
    validate = shutil.which("desktop-file-validate")
    assert validate, "desktop-file-validate is missing: run `packaging/dev setup`"
    assert [entry.name for entry in ENTRIES] == ["digitisation-point-counter.desktop",
                                                 "digitisation-point-diagnostics.desktop"]
    done = subprocess.run([validate, *map(str, ENTRIES)], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")

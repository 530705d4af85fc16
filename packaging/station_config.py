"""Writes an installed station's /etc/digitisation-point/config.toml from `kiosk.config.KEYS`, so the file
cannot drift from the program: every key comes with its help as a `# ` comment line; the keys the package
sets have their value, the others stay commented out with their default.

    python station_config.py --template                      the package's template (build-deb ships it)
    python station_config.py --station-id ID --center-unit CODE   a filled-in file

In the template, station_id and center_unit read "@STATION_ID@" and "@CENTER_UNIT@": the package's
postinst fills them from debconf (or comments them out when they were not given).
Run with the packaged environment's Python, whose `kiosk` is the one shipped.
"""

import argparse
import json
import sys
import textwrap
from typing import Any

from kiosk.config import KEYS

STATION_ID = "@STATION_ID@"
CENTER_UNIT = "@CENTER_UNIT@"
DATA_DIR = "/var/lib/digitisation-point"

# What the package sets: the folders of the agreed layout; the relay service sends, not the windows.
PACKAGE_SETTINGS: dict[str, Any] = {
    "data_dir": DATA_DIR,
    "key_dir": "/etc/digitisation-point/keys",
    "trust_store": f"{DATA_DIR}/trust",
    "signature_trust": f"{DATA_DIR}/signature-trust",
    "relay_in_window": False,
}

HEADER = """\
# The digitisation point's station configuration, read by every service and by /usr/bin/kiosk
# (KIOSK_CONFIG). Written by the package at its first install and never overwritten on upgrades.
# Every key of the program is listed with its help; a line "# key = value" shows the default of a
# key left unset. KIOSK_<KEY> environment variables override this file. Check it with `kiosk doctor`.
"""


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps("" if value is None else str(value), ensure_ascii=False)  # a TOML basic string


def render(settings: dict[str, Any]) -> str:
    """The file: every key of KEYS, set when `settings` has it (keys KEYS lacks are left out)."""
    parts = [HEADER]
    for name, key in KEYS.items():
        comment = textwrap.wrap(key.help, width=98) or [name]
        lines = [f"# {line}" for line in comment]
        if name in settings:
            lines.append(f"{name} = {toml_value(settings[name])}")
        elif key.default is None:
            lines.append(f'# {name} = ""  (must be set)')
        else:
            lines.append(f"# {name} = {toml_value(key.default())}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def station_settings(station_id: str, center_unit: str) -> dict[str, Any]:
    return {"station_id": station_id, "center_unit": center_unit, **PACKAGE_SETTINGS}


def main(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--template", action="store_true", help="the package's template, with placeholders")
    parser.add_argument("--station-id")
    parser.add_argument("--center-unit")
    options = parser.parse_args(arguments)
    if options.template:
        sys.stdout.write(render(station_settings(STATION_ID, CENTER_UNIT)))
    elif options.station_id and options.center_unit:
        sys.stdout.write(render(station_settings(options.station_id, options.center_unit)))
    else:
        parser.error("give --template, or --station-id and --center-unit")


if __name__ == "__main__":
    main(sys.argv[1:])

"""`kiosk doctor [--json]`: checks the station."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.cli.common import configure, on_simulated_station
from kiosk.devices import DeviceSetup
from kiosk.doctor import FAILED, run_checks, worst
from kiosk.errors import EXIT_CHECKS_FAILED, EXIT_OK

HELP = ("check card readers, scanners, cameras, the provincial endpoint, the data folder, the station key, "
        "the trust store, the signing token, the catalogs, the province's signed content and the metrics endpoint")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("doctor", help=HELP, description=HELP[0].upper() + HELP[1:] + ". "
                                 "Each check ends ok, warning or failed, with a one-line fix. "
                                 "Exit code 5 when a check failed.")
    parser.add_argument("--json", action="store_true", help="print the checks as a JSON document")
    parser.add_argument("--simulated", action="store_true",
                        help="check the simulated station (its SANE configuration and camera folder); "
                        "the default when there is no configuration file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    simulated = on_simulated_station(args)
    if simulated and not args.simulated:
        print("kiosk: no configuration file: checking the simulated station", file=sys.stderr)
    config = configure(args, simulated=simulated)
    checks = run_checks(config, DeviceSetup.for_config(config, simulated))
    overall = worst(checks)
    if args.json:
        print(json.dumps({"result": overall, "checks": [c.as_dict() for c in checks]}, ensure_ascii=False, indent=2))
    else:
        for check in checks:
            print(f"{check.result:<8} {check.name:<20} {check.detail}")
            if check.fix:
                print(f"{'':<8} {'':<20} fix: {check.fix}")
    return EXIT_CHECKS_FAILED if overall == FAILED else EXIT_OK

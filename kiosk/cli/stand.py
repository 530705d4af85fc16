"""`kiosk stand up|down|status`: the simulated station."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.common import configure
from kiosk.errors import EXIT_OK, EXIT_STATION
from kiosk.simulated_station import PartStatus, Stand

HELP = ("start, stop or report the simulated station (pcscd with vpcd, SANE test scanner, camera images, "
        "reference provincial server)")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("stand", help=HELP, description=HELP[0].upper() + HELP[1:] + ". "
                                 "A pcscd that was already running is used, never stopped. Processes that an earlier run "
                                 "left (a crashed test run, another stand's folder) are adopted (pcscd) or ended "
                                 "(the reference server, card programs) by the pid they recorded, one line each.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, text in (("up", "start every part and wait until it answers"),
                       ("down", "stop the processes this stand started"),
                       ("status", "print each part as up or down with the reason (exit 4 if one is down)")):
        action = actions.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        action.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    stand = Stand(configure(args, simulated=True))
    parts = {"up": stand.up, "down": stand.down, "status": stand.status}[args.action]()
    for note in stand.notes:
        print(f"kiosk: {note}", file=sys.stderr)
    _print(parts)
    if args.action == "down":
        return EXIT_OK
    return EXIT_OK if all(p.up for p in parts) else EXIT_STATION


def _print(parts: list[PartStatus]) -> None:
    for part in parts:
        print(f"{part.name:<8} {'up' if part.up else 'down':<5} {part.detail}")

"""`kiosk report day`: the station's day (dossiers received, by procedure, non-territorial, the wait),
printed or exported as CSV. No personal data in either."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path

from kiosk.cli.common import configure
from kiosk.errors import EXIT_OK, KioskError
from kiosk.store import open_station_store
from kiosk.store.counter import VIETNAM

HELP = "the day's report: dossiers received, by procedure, non-territorial, and the citizens' wait"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date YYYY-MM-DD") from None


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("report", help="reports of the station's work (no personal data)",
                                 description="Reports of the station's work. They hold counts, procedure codes "
                                 "and durations only: no citizen's name or ID number.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    day = actions.add_parser("day", help=HELP, description=HELP[0].upper() + HELP[1:] + ". The wait is counted "
                             "from the first contact (queue ticket or card) to the receipt; the threshold is the "
                             "configuration's wait_alert_minutes.")
    day.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="the day, in Vietnam time (default: today)")
    day.add_argument("--csv", type=Path, metavar="FILE", help="write the report as CSV (UTF-8) to FILE, '-' for "
                     "standard output")
    day.add_argument("--json", action="store_true", help="print the report as JSON")
    day.set_defaults(run=run_day)


def run_day(args: argparse.Namespace) -> int:
    config = configure(args, simulated=None)
    day = args.date or datetime.now(VIETNAM).date()
    with open_station_store(config) as store:
        report = store.day_report(day, config.wait_alert_minutes)
    if args.csv is not None:
        text = report.to_csv()
        if str(args.csv) == "-":
            print(text, end="")
            return EXIT_OK
        try:
            args.csv.write_text(text, encoding="utf-8")
        except OSError as error:
            raise KioskError(f"cannot write the report to {args.csv}: {error.strerror}") from None
        print(f"day report of {day.isoformat()} written to {args.csv}")
        return EXIT_OK
    if args.json:
        print(json.dumps({"day": day.isoformat(), "received": report.received, "by_procedure": report.by_procedure,
                          "non_territorial": report.non_territorial,
                          "median_handling_seconds": report.median_handling_seconds,
                          "wait_alert_minutes": report.wait_alert_minutes, "over_threshold": report.over_threshold,
                          "by_hour": report.by_hour}, indent=2))
        return EXIT_OK
    median = report.median_handling_seconds
    print(f"day                 {day.isoformat()}")
    print(f"received            {report.received}")
    print(f"non-territorial     {report.non_territorial}")
    print(f"median wait         {'—' if median is None else f'{median / 60:.1f} min'}"
          f" (over {report.with_first_contact} dossiers with a first contact)")
    print(f"over {report.wait_alert_minutes} min         {report.over_threshold}")
    for code, count in report.by_procedure.items():
        print(f"procedure {code:<10}{count}")
    for hour, count in report.by_hour.items():
        print(f"{hour:02d}:00–{hour:02d}:59         {count}")
    return EXIT_OK

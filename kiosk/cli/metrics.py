"""`kiosk metrics [--json]`: one scrape of the station's health, as the province's Prometheus sees it."""

from __future__ import annotations

import argparse
import json

from kiosk.cli.common import configure, on_simulated_station
from kiosk.errors import EXIT_OK

HELP = "print the station's health metrics once (what the province's Prometheus scrapes)"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("metrics", help=HELP, description=HELP[0].upper() + HELP[1:] + ". The relay "
                                 "service (`kiosk sync run`) serves them at metrics_address; this command gathers "
                                 "them in its own process, so the relay's error counts are absent here.")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON: name, type, help and "
                        "samples (labels, value)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.devices import DeviceSetup
    from kiosk.health.collector import StationCollector, scrape_text

    simulated = on_simulated_station(args)
    config = configure(args, simulated=simulated)
    collector = StationCollector(config, DeviceSetup.for_config(config, simulated))
    if not args.json:
        print(scrape_text(collector).decode(), end="")
        return EXIT_OK
    families = [{"name": family.name, "type": family.type, "help": family.documentation,
                 "samples": [{"name": sample.name, "labels": sample.labels, "value": sample.value}
                             for sample in family.samples]} for family in collector.collect()]
    print(json.dumps(families, ensure_ascii=False, indent=2))
    return EXIT_OK

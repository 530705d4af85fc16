"""`kiosk server`: the reference provincial server, for tests, demos and the simulated station."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from kiosk.cli.common import configure
from kiosk.config import SIMULATED_SERVER_PORT
from kiosk.errors import EXIT_OK, StationError

HELP = "run the reference provincial server (HTTPS with client certificates) until interrupted"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("server", help=HELP, description=HELP[0].upper() + HELP[1:] + ". It implements "
                                 "sync/PROTOCOL.md, stores dossiers in its own SQLite database, and creates a test "
                                 "CA with server and station certificates in --pki when they are missing, and a test "
                                 "signing CA whose certificates every uploaded PDF's signature must chain to, with "
                                 "the timestamp server's key (POST /tsa) "
                                 "(test keys only: never use them for a real station).")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=SIMULATED_SERVER_PORT, help=f"port (default {SIMULATED_SERVER_PORT})")
    parser.add_argument("--data", type=Path, metavar="DIR", help="the server's database and files "
                        "(default: the simulated station's province folder)")
    parser.add_argument("--pki", type=Path, metavar="DIR", help="test certificates (default: the simulated "
                        "station's pki folder)")
    parser.add_argument("--content", type=Path, metavar="DIR", help="a signed content repository (`kiosk content "
                        "publish --repo DIR`) to serve at /content/")
    parser.add_argument("--station", action="append", default=[], metavar="ID",
                        help="also make a client certificate for this station id (repeatable)")
    faults = parser.add_argument_group("faults, for tests and demos")
    faults.add_argument("--fail-rate", type=float, default=0.0, metavar="F", help="answer this share of requests 503")
    faults.add_argument("--drop-after", type=int, metavar="BYTES", help="drop the connection once, when BYTES of upload data have arrived")
    faults.add_argument("--latency", type=float, default=0.0, metavar="SECONDS", help="delay every answer")
    faults.add_argument("--captive-portal", action="store_true", help="answer everything with a login page")
    faults.add_argument("--refuse-station", action="append", default=[], metavar="ID", help="refuse this station")
    faults.add_argument("--seed", type=int, help="seed of the random faults")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from sync.reference_pki import make_signing_pki, make_test_pki
    from sync.reference_server import Faults, ReferenceServer

    config = configure(args, simulated=None)
    data = args.data or config.simulation_dir / "province"
    pki = make_test_pki(args.pki or config.simulation_dir / "pki", stations=(config.station_id, *args.station))
    signing = make_signing_pki(pki.folder)  # the signing CA its uploads must chain to, and its TSA's key
    faults = Faults(fail_rate=args.fail_rate, drop_after=args.drop_after, latency=args.latency,
                    captive_portal=args.captive_portal, refused_stations=set(args.refuse_station), seed=args.seed)
    try:
        server = ReferenceServer(data, pki.server_cert, pki.server_key, pki.ca, args.host, args.port, faults,
                                 signing=signing, content=args.content)
    except OSError as error:
        raise StationError(f"cannot listen on {args.host}:{args.port}: {error.strerror}") from None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"reference provincial server on https://{args.host}:{server.port} (CA {pki.ca})", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.httpd.server_close()
    return EXIT_OK

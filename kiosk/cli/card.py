"""`kiosk card read|trace|simulate`: the chip ID card from the command line."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from dataclasses import fields
from datetime import date
from pathlib import Path

from kiosk.cli.common import configure
from kiosk.errors import EXIT_OK, CardReadError, KioskError, StationError
from kiosk.resources import CARD_PROFILES as PROFILES

HELP = "read a chip ID card, trace its APDUs, or simulate one on the virtual reader"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("card", help=HELP, description=HELP[0].upper() + HELP[1:] + ".")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    read = actions.add_parser("read", help="read the card on a reader and print the holder's identity",
                              description="Read the card (BAC) and print the identity it holds. Exit code 6 "
                              "on a wrong access key, a removed card or a secure-messaging failure.")
    _key_arguments(read)
    read.add_argument("--json", action="store_true", help="print the identity as JSON")
    read.add_argument("--photo-out", type=Path, metavar="FILE", help="write the chip's portrait to FILE")
    read.add_argument("--redact", action="store_true",
                      help="print no personal data: only the files read, their sizes, commands and timings")
    read.set_defaults(run=run_read)

    trace = actions.add_parser("trace", help="read the card and print every APDU with its data masked",
                               description="Read the card and print each command and response: header, "
                               "sizes, status word and time. Data fields are never printed.")
    _key_arguments(trace)
    trace.set_defaults(run=run_trace)

    simulate = actions.add_parser(
        "simulate", help="put a virtual CCCD card on a Virtual PCD reader until interrupted",
        description="Connect a virtual Vietnamese chip ID card to vsmartcard's vpcd (run `kiosk stand up` "
        "first) and answer as the card would, until Ctrl-C. Profiles shipped: "
        + ", ".join(sorted(p.stem for p in PROFILES.glob("*.toml"))) + ".")
    simulate.add_argument("--profile", required=True, metavar="FILE",
                          help="TOML or JSON profile of the card holder, or the name of a shipped profile")
    simulate.add_argument("--reader-port", type=int, default=35963, metavar="N",
                          help="vpcd port: 35963 for Virtual PCD 00 00 (default), 35964 for 00 01")
    simulate.add_argument("--remove-after", type=int, metavar="N", help="fault: lift the card after N commands")
    simulate.add_argument("--corrupt-mac", action="store_true", help="fault: send responses with a wrong MAC")
    simulate.add_argument("--tamper-dg", type=int, metavar="N",
                          help="fault: data group N no longer matches its hash in the SOD")
    simulate.add_argument("--no-extended", action="store_true", help="fault: refuse extended-length APDUs")
    simulate.add_argument("--max-response", type=int, metavar="BYTES", help="fault: longest response data")
    simulate.add_argument("--delay", type=float, default=0.0, metavar="SECONDS", help="delay before each answer")
    simulate.set_defaults(run=run_simulate)


def _key_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reader", metavar="NAME", help="reader name (default: the first with a card)")
    parser.add_argument("--mrz", metavar="TEXT", help="the three MRZ lines of the card's back (newlines or spaces)")
    parser.add_argument("--document", metavar="N", help="document number: the last 9 digits of the ID number")
    parser.add_argument("--birth", metavar="YYMMDD", help="birth date")
    parser.add_argument("--expiry", metavar="YYMMDD", help="expiry date ('none' for a card that does not expire)")


def _access_key(args: argparse.Namespace):
    from drivers.card.errors import ParseError
    from drivers.card.mrz import AccessKey

    values = (args.document, args.birth, args.expiry)
    if bool(args.mrz) == any(values):
        raise KioskError("give either --mrz, or --document, --birth and --expiry")
    try:
        if args.mrz:
            return AccessKey.from_mrz(args.mrz)
        if not all(values):
            raise KioskError("--document, --birth and --expiry go together")
        expiry = None if args.expiry.lower() == "none" else args.expiry
        return AccessKey.from_values(args.document, args.birth, expiry)
    except ParseError as error:
        raise KioskError(f"the access key is not valid: {error}") from None


def _read(args: argparse.Namespace, on_exchange=None):
    """Reads the card; every card failure becomes one plain line for the officer (exit code 6)."""
    from drivers.card.apdu import ApduChannel
    from drivers.card.errors import CardError, CardRemoved, SecureMessagingError, WrongAccessKey
    from drivers.card.pcsc import PcscConnection, PcscUnavailable
    from drivers.card.reader import read_card

    key = _access_key(args)
    try:
        with PcscConnection(args.reader) as connection:
            return read_card(ApduChannel(connection, on_exchange), key)
    except PcscUnavailable as error:
        raise StationError(f"{error}: start it (`kiosk stand up` on the simulated station)") from None
    except WrongAccessKey:
        raise CardReadError("the access key (document number, birth date, expiry) does not open this card: "
                            "check the values against the card and try again") from None
    except CardRemoved as error:
        raise CardReadError(f"{error}: place the card on the reader again and keep it still") from None
    except SecureMessagingError:
        raise CardReadError("the card's answers failed their integrity check (secure messaging); nothing read "
                            "is used: place the card on the reader again") from None
    except CardError as error:
        raise CardReadError(f"the card could not be read: {error}") from None


def run_read(args: argparse.Namespace) -> int:
    configure(args, simulated=None)
    result = _read(args)
    if args.photo_out and result.identity.photo is not None:
        args.photo_out.write_bytes(result.identity.photo.data)
    if args.redact:
        summary = {
            "protocol": result.protocol,
            "files": {name: len(result.files[name].data) for name in result.files.names()},
            "commands": result.stats.commands,
            "bytes_read": result.stats.bytes_read,
            "seconds": round(result.seconds, 3),
            "timings": {name: round(value, 3) for name, value in result.timings.items()},
        }
        print(json.dumps(summary, indent=2) if args.json else _lines(summary))
        return EXIT_OK
    identity = _identity_dict(result.identity)
    print(json.dumps(identity, ensure_ascii=False, indent=2) if args.json else _lines(identity))
    return EXIT_OK


def run_trace(args: argparse.Namespace) -> int:
    from drivers.card.apdu import describe_exchange

    configure(args, simulated=None)
    started = time.perf_counter()

    def show(command: bytes, response: bytes, seconds: float) -> None:
        print(f"{(time.perf_counter() - started) * 1000:9.1f} ms  {describe_exchange(command, response)}  "
              f"({seconds * 1000:.1f} ms)", flush=True)

    result = _read(args, on_exchange=show)
    print(f"{result.stats.commands} file commands, {result.stats.bytes_read} bytes read in {result.seconds:.3f} s")
    return EXIT_OK


def run_simulate(args: argparse.Namespace) -> int:
    from drivers.card.errors import CardError
    from drivers.card.virtual.card import VirtualCard
    from drivers.card.virtual.profile import load_profile
    from drivers.card.vpcd import VpcdLink

    config = configure(args, simulated=True)  # the card keys live with the simulated station
    path = Path(args.profile)
    if not path.is_file() and (PROFILES / f"{args.profile}.toml").is_file():
        path = PROFILES / f"{args.profile}.toml"
    if not path.is_file():
        raise KioskError(f"no card profile at {args.profile}")
    try:
        profile = load_profile(path)
    except CardError as error:
        raise KioskError(f"the card profile {path.name} is not valid: {error}") from None
    card = VirtualCard.from_profile(
        profile, config.simulation_dir / "card-keys", tamper_dg=args.tamper_dg, remove_after=args.remove_after,
        corrupt_mac=args.corrupt_mac, no_extended=args.no_extended, max_response=args.max_response,
        delay=args.delay,
    )
    link = VpcdLink(card, port=args.reader_port)
    try:
        link.connect()
    except OSError:
        raise StationError(f"no Virtual PCD reader listens on port {args.reader_port}: run `kiosk stand up`") from None
    signal.signal(signal.SIGTERM, lambda *_: link.close())
    print(f"virtual card {path.stem} is on the reader (port {args.reader_port}); Ctrl-C lifts it", flush=True)
    try:
        link.serve()
    except KeyboardInterrupt:
        link.close()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # leaving anyway: a late SIGTERM must not change the exit code
    print(f"card lifted after {card.commands} commands", file=sys.stderr)
    return EXIT_OK


def _identity_dict(identity) -> dict:
    values = {}
    for field in fields(identity):
        value = getattr(identity, field.name)
        if field.name == "photo":
            value = None if value is None else {"format": value.format, "width": value.width,
                                                "height": value.height, "bytes": len(value.data)}
        elif isinstance(value, date):
            value = value.isoformat()
        elif field.name == "expiry" and identity.no_expiry:
            value = "none"
        values[field.name] = value
    return values


def _lines(values: dict) -> str:
    return "\n".join(f"{key:<20} {value}" for key, value in values.items())


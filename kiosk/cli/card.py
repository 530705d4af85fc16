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

from kiosk.cli.card_keys import add_key_options, given, read_key_values
from kiosk.cli.common import configure
from kiosk.cli.scan import UsageError
from kiosk.errors import EXIT_NOT_GENUINE, EXIT_OK, KioskError, StationError
from kiosk.private_files import private_opener
from kiosk.resources import CARD_PROFILES as PROFILES

# the virtual card's security-object faults (drivers.card.virtual.files.SOD_FAULTS; not imported at start)
SOD_FAULTS = ("bad_signature", "wrong_dsc", "unknown_csca", "expired_dsc")

HELP = "read a chip ID card, trace its APDUs, or simulate one on the virtual reader"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("card", help=HELP, description=HELP[0].upper() + HELP[1:] + ".")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    read = actions.add_parser("read", help="read the card on a reader and print the holder's identity",
                              description="Open the card (PACE with the CAN or the MRZ, else BAC), read it, prove "
                              "it genuine (passive authentication against the trust store, chip and active "
                              "authentication) and print the identity with the verification results. A card "
                              "lifted mid-read is waited for and the reading resumes. Exit code 0: read and proven "
                              "genuine; 6: not read (a wrong access key, a card not put back, altered data or a "
                              "secure-messaging failure); 7: read but not proven genuine (untrusted or invalid "
                              "signer, a chip that is a copy, no trust store), the reasons on stderr.")
    _key_arguments(read)
    read.add_argument("--json", action="store_true", help="print the identity as JSON")
    read.add_argument("--photo-out", type=Path, metavar="FILE", help="write the chip's portrait to FILE")
    read.add_argument("--redact", action="store_true",
                      help="print no personal data: only the files read, their sizes, commands and timings")
    read.set_defaults(run=run_read)

    trace = actions.add_parser("trace", help="read the card and print every APDU with its data masked",
                               description="Read the card and print each command and response: header, "
                               "sizes, status word and time. Data fields are never printed. Exit codes as "
                               "for `card read`.")
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
    simulate.add_argument("--no-pace", action="store_true",
                          help="an older card: no EF.CardAccess, BAC only")
    simulate.add_argument("--pace-refuse", action="store_true",
                          help="fault: EF.CardAccess offers PACE but the card refuses it (the reader falls back to BAC)")
    simulate.add_argument("--cloned", action="store_true",
                          help="fault: a copy of the card's data on another chip (chip and active authentication fail)")
    simulate.add_argument("--sod-fault", choices=SOD_FAULTS, metavar="FAULT",
                          help="fault in the security object: " + ", ".join(SOD_FAULTS))
    simulate.set_defaults(run=run_simulate)


def _key_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reader", metavar="NAME", help="reader name (default: the first with a card)")
    keys = parser.add_argument_group(
        "access key", "one way to open the chip: --qr, --qr-camera, --can, --mrz, or --document with --birth and "
        "--expiry (--can may go with an MRZ key, for BAC cards). A key is never written on the command line (every "
        "user sees it there, the shell keeps it): `--can -` reads it from standard input, `--can` alone asks for it "
        "on the terminal without echo. Several keys on standard input come one a line in the order CAN, MRZ (ended "
        "by a blank line), document, birth, expiry")
    keys.add_argument("--qr", type=Path, metavar="IMAGE",
                      help="a photo or scan of the card's front: its QR code gives the CAN and the MRZ keys")
    keys.add_argument("--qr-camera", nargs="?", const="", metavar="CAMERA",
                      help="the card's front shown to the configured camera (or CAMERA: a number, /dev/video "
                           "path, video file or folder): its QR code is read in memory, no image is kept")
    add_key_options(keys)
    parser.add_argument("--trust", type=Path, metavar="DIR",
                        help="trust store: a folder of CSCA certificates and ICAO master lists "
                             "(default: the province's content's, else the configured trust_store)")
    parser.add_argument("--wait", type=float, default=30.0, metavar="SECONDS",
                        help="how long to wait for a card lifted mid-read to be put back (default 30)")


def _access_keys(args: argparse.Namespace, config):
    from drivers.card.access import AccessKeys
    from drivers.card.errors import ParseError
    from drivers.card.mrz import AccessKey

    typed = [name for name in ("can", "mrz", "document", "birth", "expiry") if given(args, name)]
    mrz_fields = {"document", "birth", "expiry"} & set(typed)
    qr = args.qr is not None or args.qr_camera is not None
    if args.qr is not None and args.qr_camera is not None:
        raise UsageError("give either --qr IMAGE or --qr-camera")
    if qr and typed:
        raise UsageError("the QR code gives every key the card needs: give --qr or --qr-camera alone")
    if "mrz" in typed and mrz_fields:
        raise UsageError("give either --mrz, or --document, --birth and --expiry")
    if mrz_fields and len(mrz_fields) != 3:
        raise UsageError("--document, --birth and --expiry go together")
    if not (qr or typed):
        raise UsageError("give an access key: --qr IMAGE, --qr-camera, --can, --mrz, or --document, --birth and "
                         "--expiry (`-` after a key option reads it from standard input; alone, it is asked for)")
    if args.qr is not None:
        return _keys_from_qr(args.qr)
    if args.qr_camera is not None:
        return _keys_from_camera(args.qr_camera or config.camera or 0)
    values, source = read_key_values(args)
    try:
        mrz = ()
        if "mrz" in values:
            mrz = (AccessKey.from_mrz(values["mrz"]),)
        elif mrz_fields:
            expiry = values["expiry"]
            mrz = (AccessKey.from_values(values["document"], values["birth"],
                                         None if expiry.lower() == "none" else expiry),)
        can = AccessKeys.from_can(values["can"]).can if "can" in values else None
    except ParseError as error:
        raise KioskError(f"the access key is not valid: {error}") from None
    return AccessKeys(can=can, mrz=mrz, source=source)


def _keys_from_qr(image: Path):
    from kiosk.intake.card import keys_from_qr

    return keys_from_qr(image)


def _keys_from_camera(source):
    from kiosk.intake.card import keys_from_camera

    print("show the card's front (its QR code) to the camera", file=sys.stderr, flush=True)
    return keys_from_camera(source)


def _trust_store(args: argparse.Namespace, config):
    from drivers.card.trust import TrustStore, TrustStoreError
    from kiosk.content import active_content

    folder = args.trust or active_content(config).trust_store
    if not folder.is_dir():
        if args.trust:
            raise KioskError(f"--trust {folder}: no such folder")
        return None  # reported as "passive authentication not done: no trust store"
    try:
        return TrustStore.load(folder)
    except TrustStoreError as error:
        raise KioskError(f"the trust store {folder} cannot be used: {error}") from None


def _read(args: argparse.Namespace, config, on_exchange=None):
    """Reads the card, resuming when it is lifted and put back; every card failure is one plain line for
    the officer (exit code 6)."""
    from kiosk.intake.card import read_card
    from kiosk.logs import redactor

    def lifted() -> None:
        print(f"the card was lifted: put it back on the reader (waiting {args.wait:.0f} s)", file=sys.stderr,
              flush=True)

    return read_card(_access_keys(args, config), reader=args.reader, trust=_trust_store(args, config), wait=args.wait,
                     on_lifted=lifted, on_exchange=on_exchange, register=redactor.add)  # for the process's life


def run_read(args: argparse.Namespace) -> int:
    config = configure(args, simulated=None)
    result = _read(args, config)
    if args.photo_out and result.identity.photo is not None:
        with open(args.photo_out, "wb", opener=private_opener) as photo:  # a face: the owner's eyes only
            photo.write(result.identity.photo.data)
    verification = result.verification.summary()
    if args.redact:
        summary = {
            "protocol": result.protocol,
            "verification": verification,
            "files": {name: len(result.files[name].data) for name in result.files.names()},
            "commands": result.stats.commands,
            "bytes_read": result.stats.bytes_read,
            "seconds": round(result.seconds, 3),
            "timings": {name: round(value, 3) for name, value in result.timings.items()},
        }
        print(json.dumps(summary, indent=2) if args.json else _lines(summary))
        return _genuineness(result.verification)
    identity = _identity_dict(result.identity)
    if args.json:
        print(json.dumps({**identity, "verification": verification}, ensure_ascii=False, indent=2))
    else:
        print(_lines(identity))
        print(_lines(verification))
    return _genuineness(result.verification)


def _genuineness(verification) -> int:
    """Exit 0 for a genuine card; 7, with the reasons on stderr, for one read but not proven genuine."""
    doubts = verification.doubts()
    if not doubts:
        return EXIT_OK
    print("kiosk: the card was read but is not proven genuine: " + "; ".join(doubts)
          + ". Do not accept it as proof of identity.", file=sys.stderr)
    return EXIT_NOT_GENUINE


def run_trace(args: argparse.Namespace) -> int:
    from drivers.card.apdu import describe_exchange

    config = configure(args, simulated=None)
    started = time.perf_counter()

    def show(command: bytes, response: bytes, seconds: float) -> None:
        print(f"{(time.perf_counter() - started) * 1000:9.1f} ms  {describe_exchange(command, response)}  "
              f"({seconds * 1000:.1f} ms)", flush=True)

    result = _read(args, config, on_exchange=show)
    print(f"{result.stats.commands} file commands, {result.stats.bytes_read} bytes read in {result.seconds:.3f} s")
    return _genuineness(result.verification)


def run_simulate(args: argparse.Namespace) -> int:
    from drivers.card.errors import CardError
    from drivers.card.virtual.card import VirtualCard
    from drivers.card.virtual.profile import load_profile
    from drivers.card.vpcd import VpcdLink
    from kiosk.simulated_station import record_card_program

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
        delay=args.delay, pace=not args.no_pace, pace_refuse=args.pace_refuse, cloned=args.cloned,
        sod_fault=args.sod_fault,
    )
    link = VpcdLink(card, port=args.reader_port)
    try:
        link.connect()
    except OSError:
        raise StationError(f"no Virtual PCD reader listens on port {args.reader_port}: run `kiosk stand up`") from None
    signal.signal(signal.SIGTERM, lambda *_: link.close())
    record = record_card_program(args.reader_port, config.simulation_dir)
    print(f"virtual card {path.stem} is on the reader (port {args.reader_port}); Ctrl-C lifts it", flush=True)
    try:
        link.serve()
    except KeyboardInterrupt:
        link.close()
    finally:
        record.forget()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # leaving anyway: a late SIGTERM must not change the exit code
    print(f"card lifted after {card.commands} commands", file=sys.stderr)
    return EXIT_OK


def _identity_dict(identity) -> dict:
    values = {}
    for field in fields(identity):
        value = getattr(identity, field.name)
        if field.name == "verification":
            continue  # printed on its own
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


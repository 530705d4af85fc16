"""The `kiosk` command line. Each command group lives in its own module and registers itself here."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Sequence

from kiosk import __version__
from kiosk.cli import (card, content, doctor, dossier, face, intake, metrics, officer, pdf, report, scan, server,
                       stand, start, sync)
from kiosk.errors import EXIT_FAILURE, KioskError

COMMAND_GROUPS = (start, stand, doctor, card, face, intake, dossier, officer, report, scan, pdf, sync, content, metrics,
                  server)

EXIT_CODES = """exit codes:
  0  success
  1  unexpected error (details in the log file)
  2  wrong command line
  3  configuration missing or invalid (the message names the key)
  4  a service or device the command needs is missing or broken
  5  `kiosk doctor` found a failed check
  6  the card could not be read (wrong access key, card removed, integrity failure)
  7  the card was read but is not proven genuine (untrusted signer, a chip that is a copy, no trust store)
     `kiosk pdf verify`: the PDF is not signed, or one of its signatures is not ok
  8  `kiosk face verify`: the face is not confirmed as the portrait's (a mismatch, no usable face, no head turn)"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="The digitisation point of a Public Administration Service Center: reads chip ID cards, "
        "scans dossiers, keeps them encrypted on the station and syncs them to the provincial system.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="configuration file (default: $KIOSK_CONFIG, else config.toml in the "
                        "platform's config folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for group in COMMAND_GROUPS:
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KioskError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception:
        logging.getLogger("kiosk").exception("unexpected error in `kiosk %s`", args.command)
        print(f"kiosk: unexpected error in `{args.command}`; the details are in the log file", file=sys.stderr)
        return EXIT_FAILURE

"""`kiosk content publish|rotate|status|update`: the signed content from the province (README: Content from
the province). `publish` and `rotate` run on the province's machine; `status` and `update` on a station."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

from kiosk.cli.common import configure
from kiosk.errors import EXIT_OK, EXIT_STATION, KioskError

HELP = ("the signed content from the province: publish it or replace its keys (the province), or see and update it "
        "(a station)")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("content", help=HELP, description=HELP[0].upper() + HELP[1:] + ".")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    publish = actions.add_parser(
        "publish", help="build or update the signed repository from a folder (on the province's machine)",
        description="Check SOURCE with the station's own loaders, then build or update the TUF repository in "
        "--repo (roles root, targets, snapshot and timestamp, each with its key in --keys, made on the first "
        "publish; consistent snapshots; versions that only increase). SOURCE holds any of: trust/ (CSCA "
        ".pem/.der/.cer/.crt and master lists .ml), catalogs/procedures_commune.json, "
        "catalogs/unit_amendments.json, catalogs/holidays.toml, settings.toml; anything else is refused. "
        "Publish again before --expires days pass: stations refuse a repository whose timestamp expired.")
    publish.add_argument("source", type=Path, metavar="SOURCE", help="the folder of content to publish")
    publish.add_argument("--repo", type=Path, required=True, metavar="DIR", help="the repository folder (served "
                         "to stations at <endpoint>/content/)")
    publish.add_argument("--keys", type=Path, required=True, metavar="DIR", help="the signing keys (made 0700 with "
                         "0600 keys when absent; keep them off the web server)")
    publish.add_argument("--expires", type=_days, default=7, metavar="DAYS", help="days the snapshot and timestamp "
                         "stay valid (default 7; targets at least 90, root 365)")
    publish.add_argument("--json", action="store_true", help="print the outcome as JSON")
    publish.set_defaults(run=run_publish)
    rotate = actions.add_parser(
        "rotate", help="replace the repository's signing keys; stations follow without reinstalling",
        description="Write the next root version of the repository in --repo naming new keys for --roles, signed "
        "by the root key in --keys (which stations trust) and, when root is rotated, by the new root key too; "
        "then sign new versions of the rotated targets, snapshot and timestamp roles (and of those above them) "
        "with their new keys. --new-keys must be a new or empty folder: it gets the new keys and copies of the "
        "kept ones (0700, each key 0600), and from then on publish takes --keys NEWDIR; --keys is left as it "
        "is, and publish refuses it. Stations installed with any earlier root.json follow at their next check.")
    rotate.add_argument("--repo", type=Path, required=True, metavar="DIR", help="the repository folder")
    rotate.add_argument("--keys", type=Path, required=True, metavar="DIR", help="the repository's current keys")
    rotate.add_argument("--new-keys", type=Path, required=True, metavar="NEWDIR", help="a new or empty folder for "
                        "the full set of keys after the rotation")
    rotate.add_argument("--roles", type=_roles, metavar="ROLE,...", help="the roles whose key is replaced, "
                        "comma-separated, from root, targets, snapshot, timestamp (default: all four)")
    rotate.add_argument("--expires", type=_days, default=7, metavar="DAYS", help="days the re-signed snapshot and "
                        "timestamp stay valid (default 7)")
    rotate.add_argument("--json", action="store_true", help="print the outcome as JSON")
    rotate.set_defaults(run=run_rotate)
    status = actions.add_parser("status", help="the content in use on this station, the last check and its error")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.set_defaults(run=run_status)
    update = actions.add_parser("update", help="check the province's repository now and bring in a new version")
    update.add_argument("--json", action="store_true", help="print the outcome as JSON")
    update.set_defaults(run=run_update)


def _days(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 365:
        raise argparse.ArgumentTypeError("a whole number of days between 1 and 365")
    return int(value)


def _roles(value: str) -> tuple[str, ...]:
    """Split only: `rotate` itself refuses an unknown role, with the names it knows."""
    return tuple(role.strip() for role in value.split(",") if role.strip())


def run_publish(args: argparse.Namespace) -> int:
    from sync.content_repository import publish

    if not args.source.is_dir():
        raise KioskError(f"content {args.source}: no such folder")
    published = publish(args.source, args.repo, args.keys, timedelta(days=args.expires))
    if args.json:
        print(json.dumps({"version": published.version, "changed": published.changed,
                          "files": list(published.summary.files), "root": str(published.root),
                          "generated_keys": published.generated_keys,
                          "expires": published.timestamp_expires.isoformat()}, indent=2))
    else:
        what = "published" if published.changed else "unchanged, expiry renewed"
        print(f"version {published.version} {what}: {', '.join(published.summary.lines())} "
              f"({len(published.summary.files)} files); the timestamp expires {published.timestamp_expires:%Y-%m-%d %H:%M} UTC")
    for key in published.generated_keys:
        print(f"kiosk: made the key {key}", file=sys.stderr)
    if published.generated_keys:
        print(f"kiosk: a new repository: install {published.root} on every station (its content_root); "
              f"stations trust only the keys it names. Keep {args.keys} safe and offline if you can.", file=sys.stderr)
    return EXIT_OK


def run_rotate(args: argparse.Namespace) -> int:
    from sync.content_repository import rotate

    rotated = rotate(args.repo, args.keys, args.new_keys, args.roles, timedelta(days=args.expires))
    if args.json:
        print(json.dumps({"root_version": rotated.root_version, "rotated": list(rotated.roles),
                          "resigned": rotated.resigned, "keys": str(rotated.keys), "root": str(rotated.root)},
                         indent=2))
    else:
        signed = "the old and the new root key" if "root" in rotated.roles else "the root key"
        resigned = ", ".join(f"{role} {version}" for role, version in rotated.resigned.items()) or "none"
        print(f"root version {rotated.root_version} names new keys for {', '.join(rotated.roles)}, signed by "
              f"{signed}; re-signed with the new keys: {resigned}")
    print(f"kiosk: the keys are now in {rotated.keys}: publish with --keys {rotated.keys} from now on ({args.keys} is "
          "refused). Stations installed with an earlier root.json follow at their next check; new stations may be "
          f"installed with {rotated.root}.", file=sys.stderr)
    return EXIT_OK


def _print_status(status: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(status, indent=2))
        return
    for key in ("configured", "version", "folder", "updated_at", "last_check", "last_success", "expires",
                "error_kind", "error"):
        value = status[key]
        print(f"{key.replace('_', ' '):<13} {'—' if value is None else value}")


def run_status(args: argparse.Namespace) -> int:
    from kiosk.content import content_status

    config = configure(args, simulated=None)
    _print_status(content_status(config), args.json)
    return EXIT_OK


def run_update(args: argparse.Namespace) -> int:
    from kiosk.content import content_status
    from sync.content_updater import ContentUpdater

    config = configure(args, simulated=None)
    state = ContentUpdater(config).check()
    _print_status(content_status(config), args.json)
    return EXIT_STATION if state.error_kind else EXIT_OK

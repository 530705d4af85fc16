"""`kiosk dossier list|show|export`, `kiosk store check|purge` and `kiosk audit verify`: the local store."""

from __future__ import annotations

import argparse
import getpass
import json
import re
from pathlib import Path

from kiosk.cli.common import configure
from kiosk.config import Config
from kiosk.domain import DossierState
from kiosk.errors import EXIT_OK, EXIT_STATION
from kiosk.store import Retention, open_store


def register(commands: argparse._SubParsersAction) -> None:
    dossier = commands.add_parser("dossier", help="list, show or export the dossiers kept on this station",
                                  description="The dossiers kept (encrypted) on this station. Showing and "
                                  "exporting are recorded in the audit log.")
    actions = dossier.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="dossiers, newest first (no personal data)")
    listing.add_argument("--state", choices=[s.value for s in DossierState], help="only dossiers in this state")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=run_list)
    show = actions.add_parser("show", help="one dossier, decrypted (audited)")
    show.add_argument("id", help="the dossier's local id (UUID)")
    show.set_defaults(run=run_show)
    export = actions.add_parser("export", help="the decrypted PDFs and a JSON manifest into a folder (audited)")
    export.add_argument("id", help="the dossier's local id (UUID)")
    export.add_argument("--to", required=True, type=Path, metavar="FOLDER", help="where to write <id>/")
    export.set_defaults(run=run_export)

    store = commands.add_parser("store", help="check or purge the local store",
                                description="The encrypted store of dossier drafts on this station.")
    actions = store.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="every file present and matching its hash, every key opens "
                               "(exit 4 on a problem)")
    check.set_defaults(run=run_check)
    purge = actions.add_parser("purge", help="remove abandoned drafts and dossiers the province closed "
                               "(days from the configuration)")
    purge.set_defaults(run=run_purge)

    audit = commands.add_parser("audit", help="verify the hash-chained audit log")
    actions = audit.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="detect any edited or deleted audit row (exit 4 if one is found)")
    verify.set_defaults(run=run_verify)


def _open(config: Config):
    return open_store(config.store_dir, config.key_dir, config.station_id)


def _actor() -> str:
    """Who is at the keyboard, as the audit log names actors (letters, digits, '.', '_', '-', '@')."""
    return "cli@" + re.sub(r"[^A-Za-z0-9._-]", "_", getpass.getuser())


def run_list(args: argparse.Namespace) -> int:
    with _open(configure(args, simulated=None)) as store:
        rows = store.list_dossiers(args.state)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif not rows:
        print("no dossiers")
    else:
        for row in rows:
            print(f"{row['id']}  {row['state']:<9} {row['procedure_code']:<10} {row['created_at']}  "
                  f"{row.get('official_code') or ''}")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    with _open(configure(args, simulated=None)) as store:
        details = store.show(args.id, actor=_actor())
    print(json.dumps(details, ensure_ascii=False, indent=2, default=str))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    with _open(configure(args, simulated=None)) as store:
        target = store.export(args.id, args.to, actor=_actor())
    print(f"exported to {target}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    with _open(configure(args, simulated=None)) as store:
        return _report(store.check(), "store ok", "in the store")


def run_purge(args: argparse.Namespace) -> int:
    config = configure(args, simulated=None)
    retention = Retention(draft_days=config.draft_retention_days, accepted_days=config.accepted_retention_days,
                          rejected_days=config.accepted_retention_days)
    with _open(config) as store:
        purged = store.purge(retention=retention, actor=_actor())
    print(f"{len(purged)} dossier(s) purged")
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    with _open(configure(args, simulated=None)) as store:
        return _report(store.verify_audit(), "audit log intact", "in the audit log")


def _report(problems: list, fine: str, where: str) -> int:
    for problem in problems:
        print(problem)
    print(fine if not problems else f"{len(problems)} problem(s) {where}")
    return EXIT_OK if not problems else EXIT_STATION

"""`kiosk dossier list|show|export`, `kiosk store check|purge` and `kiosk audit verify`: the local store.

Showing and exporting a dossier are this command's own (`show`, `export`); the store only loads
the dossier and records each of them in its audit log."""

from __future__ import annotations

import argparse
import getpass
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.cli import station_key
from kiosk.cli.common import configure
from kiosk.config import Config
from kiosk.domain import Dossier, DossierState
from kiosk.errors import EXIT_OK, EXIT_STATION
from kiosk.private_files import private_folder
from kiosk.store import Retention, Store, StoreError, open_station_store
from kiosk.store.files import write_new_file
from kiosk.text import fold


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

    store = commands.add_parser("store", help="check or purge the local store, or seal its key",
                                description="The encrypted store of dossier drafts on this station.")
    actions = store.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="every file present and matching its hash, every key opens, "
                               "every row matching its keyed MAC, every queued dossier in the outbox, and the "
                               "audit log (exit 4 on a problem)")
    check.set_defaults(run=run_check)
    purge = actions.add_parser("purge", help="remove abandoned drafts and dossiers the province closed "
                               "(days from the configuration)")
    purge.set_defaults(run=run_purge)
    station_key.register_store_actions(actions)

    audit = commands.add_parser("audit", help="verify the hash-chained audit log")
    actions = audit.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="detect any edited or deleted audit row, and a log emptied, cut back "
                                "or behind the head the province acknowledged (exit 4 if one is found)")
    verify.set_defaults(run=run_verify)


def _open(config: Config):
    return open_station_store(config)


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
        details = show_dossier(store, args.id, actor=_actor())
    print(json.dumps(details, ensure_ascii=False, indent=2, default=str))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    with _open(configure(args, simulated=None)) as store:
        target = export_dossier(store, args.id, args.to, actor=_actor())
    print(f"exported to {target}")
    return EXIT_OK


def show_dossier(store: Store, dossier_id: str, actor: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    """Everything about one dossier, decrypted, as a plain dict (no PDF bytes). Audited as 'view'."""
    dossier = store.load(dossier_id)
    store.record("view", actor, dossier_id, now)
    return dossier_details(store, dossier)


def dossier_details(store: Store, dossier: Dossier) -> dict[str, Any]:
    return {
        "id": dossier.id,
        "procedure_code": dossier.procedure_code,
        "receiving_unit": dossier.receiving_unit,
        "competent_unit": dossier.competent_unit,
        "received_by": dossier.received_by,
        "state": dossier.state.value,
        "official_code": dossier.official_code,
        "rejection_reason": dossier.rejection_reason,
        "created_at": dossier.created_at.isoformat(),
        "updated_at": dossier.updated_at.isoformat() if dossier.updated_at else None,
        "citizen": dossier.citizen.to_dict(),
        "components": [
            {
                "id": c.id,
                "name": c.name,
                "required": c.required,
                "provided": c.provided,
                "wallet_item_id": c.wallet_item_id,
                "document": None if c.document is None else {
                    "id": c.document.id, "sha256": c.document.sha256, "size": c.document.size,
                    "page_count": c.document.page_count, "media_type": c.document.media_type,
                },
            }
            for c in dossier.components
        ],
        "outbox": store.outbox_entry(dossier.id),
    }


def export_dossier(store: Store, dossier_id: str, folder: Path | str, actor: str | None = None,
           now: datetime | None = None) -> Path:
    """Write the dossier's decrypted PDFs and a JSON manifest into `folder/<dossier id>/`.
    The folder must not exist yet or be empty. Audited as 'export'. Returns the folder written."""
    dossier = store.load(dossier_id, with_content=True)
    target = Path(folder) / dossier.id
    if target.exists() and any(target.iterdir()):
        raise StoreError(f"{target} already exists and is not empty")
    private_folder(target)
    manifest = dossier_details(store, dossier)
    for number, (component, entry) in enumerate(zip(dossier.components, manifest["components"]), start=1):
        if component.document is None:
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", fold(component.name)).strip("-")[:60] or "document"
        name = f"{number:02d}-{slug}.pdf"
        write_new_file(target / name, component.document.content or b"")
        entry["file"] = name
    write_new_file(target / "manifest.json",
                   json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode())
    store.record("export", actor, dossier_id, now)
    return target


def run_check(args: argparse.Namespace) -> int:
    from kiosk.health.service import check_and_record

    config = configure(args, simulated=None)
    with _open(config) as store:
        problems, _ = check_and_record(store, config.data_dir)  # its result is exported (kiosk metrics)
    return _report(problems, "store ok", "in the store")


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

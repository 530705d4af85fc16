"""`kiosk store seal-key --to tpm|credential|passphrase`: the plain station key sealed, then removed."""

from __future__ import annotations

import argparse

from kiosk.cli.common import configure
from kiosk.errors import EXIT_OK
from kiosk.store.key_sealing import seal_plain_key
from kiosk.store.keystores import SEALED_KINDS


def register_store_actions(actions: argparse._SubParsersAction) -> None:
    seal = actions.add_parser(
        "seal-key", help="seal the plain station key (TPM, systemd credential or passphrase), then remove the file",
        description="Seals the plain station key of key_dir, reads it back and opens the store with it, and "
        "only then overwrites and removes the plain file. Then set station_key in the configuration.")
    seal.add_argument("--to", required=True, choices=SEALED_KINDS,
                      help="tpm: this station's TPM 2.0 (tpm_tcti); credential: systemd-creds (run as root); "
                      "passphrase: typed at every start")
    seal.set_defaults(run=run_seal_key)


def run_seal_key(args: argparse.Namespace) -> int:
    config = configure(args, simulated=None)
    seal_plain_key(config, args.to)
    print(f"the station key in {config.key_dir} is sealed ({args.to}); the plain key file was overwritten and "
          f"removed. Set station_key = \"{args.to}\" in {config.source}.")
    return EXIT_OK

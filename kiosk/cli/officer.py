"""`kiosk officer add|disable|enable|reset|list`: the accounts that sign in at the counter and in diagnostics.

A password never comes from the command line (other users see it in the process list, shells keep it in
their history): it is asked twice on the terminal, or read as one line from standard input with
`--password-stdin` for scripts."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import asdict

from kiosk.cli.common import configure
from kiosk.cli.dossier import _actor
from kiosk.errors import EXIT_OK
from kiosk.store import AccountError, open_station_store
from kiosk.store.officers import PASSWORD_MIN, ROLES

HELP = "add, disable, enable, reset or list the officers' and technicians' accounts of this station"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("officer", help=HELP, description=HELP[0].upper() + HELP[1:] + ". Passwords "
                                 f"(at least {PASSWORD_MIN} characters) are asked on the terminal, never taken "
                                 "from the command line; every change is recorded in the audit log.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="a new account (asks for its password)")
    add.add_argument("login", help="3 to 32 lower-case letters, digits, '.', '_' or '-'")
    add.add_argument("--name", required=True, help="the name shown in the window, e.g. \"Nguyễn Thị Lan\"")
    add.add_argument("--role", choices=ROLES, default="officer",
                     help="officer (signs in at the counter, the default) or technician (diagnostics)")
    _password_stdin(add)
    add.set_defaults(run=run_add)
    for name, text, run in (("disable", "the account can no longer sign in", run_disable),
                            ("enable", "a disabled account can sign in again", run_enable)):
        action = actions.add_parser(name, help=text)
        action.add_argument("login")
        action.set_defaults(run=run)
    reset = actions.add_parser("reset", help="a new password (asked for); also unlocks a locked account")
    reset.add_argument("login")
    _password_stdin(reset)
    reset.set_defaults(run=run_reset)
    listing = actions.add_parser("list", help="every account: login, role, state, name")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=run_list)


def _password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password as one line from standard input (for scripts) instead of asking")


def _store(args: argparse.Namespace):
    config = configure(args, simulated=None)
    return open_station_store(config)


def read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise AccountError("account.password_missing", "--password-stdin: no password on standard input")
        return line.removesuffix("\n").removesuffix("\r")
    if not sys.stdin.isatty():
        raise AccountError("account.password_missing", "no terminal to ask the password on: pipe it with "
                           "--password-stdin")
    first = getpass.getpass(f"Password for {args.login} (at least {PASSWORD_MIN} characters): ")
    if getpass.getpass("The same password again: ") != first:
        raise AccountError("account.password_mismatch", "the two passwords differ; nothing was changed")
    return first


def run_add(args: argparse.Namespace) -> int:
    with _store(args) as store:
        password = read_password(args)
        officer = store.add_officer(args.login, args.name, args.role, password, actor=_actor())
    print(f"added {officer.role} {officer.login}")
    return EXIT_OK


def run_disable(args: argparse.Namespace) -> int:
    with _store(args) as store:
        officer = store.disable_officer(args.login, actor=_actor())
    print(f"disabled {officer.login}")
    return EXIT_OK


def run_enable(args: argparse.Namespace) -> int:
    with _store(args) as store:
        officer = store.enable_officer(args.login, actor=_actor())
    print(f"enabled {officer.login}")
    return EXIT_OK


def run_reset(args: argparse.Namespace) -> int:
    with _store(args) as store:
        store.officer(args.login)  # an unknown login is named before the password is asked for
        officer = store.reset_password(args.login, read_password(args), actor=_actor())
    print(f"new password set for {officer.login}; the account is unlocked")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        officers = store.officers()
    if args.json:
        print(json.dumps([asdict(o) for o in officers], ensure_ascii=False, indent=2))
    elif not officers:
        print("no accounts")
    else:
        for o in officers:
            print(f"{o.login:<32} {o.role:<10} {'disabled' if o.disabled else 'enabled ':<8}  {o.display_name}")
    return EXIT_OK

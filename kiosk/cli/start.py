"""`kiosk start`: opens the application window of the configured mode."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from kiosk.cli.common import configure
from kiosk.cli.scan import UsageError
from kiosk.config import MODES
from kiosk.devices import DeviceSetup

HELP = "open the application (kiosk, counter or diagnostics mode, or training)"
TRAINING_HELP = ("training: the counter (or, with --as kiosk, the kiosk) on the simulated station in a training "
                 "folder of its own (<data_dir>/training: its own store, virtual cards of fictitious citizens, the "
                 "SANE test scanner, a camera from files, a training province on this machine), with the trainer's "
                 "scenarios; nothing is ever sent to the configured province")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("start", help=HELP, description=HELP[0].upper() + HELP[1:] + ".")
    parser.add_argument("--mode", choices=(*MODES, "training"),
                        help="the mode to open (default: the configured mode); " + TRAINING_HELP)
    parser.add_argument("--as", dest="training_as", choices=("counter", "kiosk"),
                        help="with --mode training: the window the trainee uses (default: counter)")
    parser.add_argument("--simulated", action="store_true",
                        help="run on the simulated station: bring it up first (`kiosk stand up`) and use its "
                        "scanner and camera; station id and center default to a sample station")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="save a PNG of the screen once the window is shown (for reviews and tests)")
    parser.add_argument("--exit-after", type=float, metavar="SECONDS",
                        help="close the application after this many seconds (for smoke tests)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.mode == "training":
        return run_training(args)
    if args.training_as:
        raise UsageError("--as goes with --mode training")
    config = configure(args, simulated=args.simulated, mode=args.mode)
    if args.simulated:
        import sys

        from kiosk.simulated_station import SAMPLE_ACCOUNTS, SAMPLE_PASSWORD, Stand, add_sample_accounts

        Stand(config).up()
        add_sample_accounts(config)
        logins = ", ".join(f"{login} ({role})" for login, _name, role in SAMPLE_ACCOUNTS)
        print(f"simulated station: sign in as {logins} with the password {SAMPLE_PASSWORD}", file=sys.stderr)
    from kiosk.store import key_store_for

    # unsealed (or its passphrase asked, on the terminal or the boot console) before any window opens,
    # once for the whole process: the windows' workers then open the store without asking
    key_store_for(config).station_key()
    unlock_signing_token(config)
    from ui.app import run_application  # Qt is loaded only when a window is wanted

    return run_application(config, DeviceSetup.for_config(config, args.simulated),
                           screenshot=args.screenshot, exit_after=args.exit_after)


def run_training(args: argparse.Namespace) -> int:
    """The training station up (its own processes, ended when the window closes), then the trainee's window
    with the trainer's panel."""
    import os
    import sys

    from kiosk.simulated_station import SAMPLE_ACCOUNTS, SAMPLE_PASSWORD
    from kiosk.store import key_store_for
    from kiosk.training_station import TrainingStation

    # the station's own configuration names the station and its centre; with none (a development machine),
    # the simulated station's sample ones
    config = configure(args, simulated=None)
    station = TrainingStation(config, args.training_as or "counter", owner=os.getpid())
    for problem in station.problems:
        print(f"kiosk: training scenario not loaded: {problem}", file=sys.stderr)
    print("training: bringing the simulated station up…", file=sys.stderr, flush=True)
    station.up()
    try:
        training = station.config
        if station.mode == "counter":
            logins = ", ".join(f"{login} ({role})" for login, _name, role in SAMPLE_ACCOUNTS)
            print(f"training station: sign in as {logins} with the password {SAMPLE_PASSWORD}", file=sys.stderr)
        key_store_for(training).station_key()
        unlock_signing_token(training)
        from ui.app import run_application

        setup = DeviceSetup(sane_config_dir=training.simulation_dir / "sane", camera_folder=station.camera_dir)
        return run_application(training, setup, screenshot=args.screenshot, exit_after=args.exit_after,
                               training=station)
    finally:
        station.down()


def unlock_signing_token(config) -> None:
    """The signing token's PIN asked now, on the terminal, once for the whole process (the windows'
    intakes sign with the same signer). A token missing or refusing does not stop the station: it is
    named here, in the log and by `kiosk doctor`, and no copy is accepted until it signs."""
    import sys

    from kiosk.signing import station_signer

    say = (lambda text: print(text, file=sys.stderr, flush=True))
    problem = station_signer(config).unlock_with_retries(say=say)
    if problem is not None:
        logging.getLogger("kiosk").warning("signing token not unlocked at start: %s", problem.code)
        say(f"kiosk: signing token: {problem} — the station starts, but no copy can be signed until this is "
            "fixed (see `kiosk doctor`)")

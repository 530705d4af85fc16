"""`kiosk sync status|run|test`: the outbox relay to the provincial system."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading

from kiosk import service_manager
from kiosk.cli.common import configure, on_simulated_station
from kiosk.config import Config
from kiosk.errors import EXIT_OK, EXIT_STATION, ConfigError, StationError

HELP = "deliver queued dossiers to the provincial system, or report the queue"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("sync", help=HELP, description=HELP[0].upper() + HELP[1:] + ".")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="queue length, bytes pending, last success, last error, next attempt")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.set_defaults(run=run_status)
    relay = actions.add_parser("run", help="run the relay (for a service manager); Ctrl-C or SIGTERM stops it",
                               description="Deliver queued dossiers in order of submission, waiting with backoff "
                               "while the province cannot be reached. While it runs, the station's health is served "
                               "at metrics_address (when set) and the store's integrity is checked at start and "
                               "daily.")
    relay.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
    relay.set_defaults(run=run_relay)
    test = actions.add_parser("test", help="check the connection and TLS to the province, with a plain verdict")
    test.set_defaults(run=run_test)


def _client(config: Config):
    from sync.client import HttpProvincialClient
    from sync.service import refuse_real_endpoint

    refuse_real_endpoint(config)

    for key in ("endpoint", "ca_bundle", "client_certificate", "client_key"):
        if getattr(config, key) is None:
            raise ConfigError(key, f"missing: the station cannot reach the province without it (in {config.source})")
    return HttpProvincialClient(config.endpoint, config.ca_bundle, config.client_certificate, config.client_key,
                                bandwidth=config.upload_bandwidth or None)


def _store(config: Config):
    from kiosk.store import open_station_store

    return open_station_store(config)


def run_status(args: argparse.Namespace) -> int:
    config = configure(args, simulated=None)
    with _store(config) as store:
        summary = store.outbox_summary()
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for key, value in summary.items():
            print(f"{key.replace('_', ' '):<16} {'—' if value is None else value}")
    return EXIT_OK


def run_relay(args: argparse.Namespace) -> int:
    from kiosk.devices import DeviceSetup
    from kiosk.health import RelayFigures
    from kiosk.health.service import HealthService
    from sync.content_updater import ContentUpdater
    from sync.relay import Relay

    simulated = on_simulated_station(args)
    config = configure(args, simulated=simulated)
    client = _client(config)
    figures = RelayFigures()
    health = None
    if not args.once:  # the station's health is served for as long as the relay runs
        figures.running = True
        health = HealthService(config, figures, DeviceSetup.for_config(config, simulated))
        try:
            endpoint = health.start()
        except StationError as error:  # the relay matters more: it runs, the technician is told
            print(f"kiosk: {error}", file=sys.stderr, flush=True)
        else:
            if endpoint is not None:
                print(f"metrics at {endpoint.url}", flush=True)
    content = ContentUpdater(config)
    # the province's content: checked every cycle once content_check_minutes have passed; --once checks now
    chores = [content.check if args.once else content.check_if_due] if content.configured else []
    with _store(config) as store, Relay(store, client, chores=chores, figures=figures) as relay:
        relay.listeners.append(lambda dossier_id, progress: print(
            f"{dossier_id} {progress.state}"
            + (f" {progress.code}" if progress.code else "")
            + (f" until {progress.until:%H:%M:%S}" if progress.until else "")
            + (f": {progress.reason}" if progress.reason else ""), flush=True))
        if args.once:
            store.recover_interrupted_uploads()
            relay.run_once()
            if relay.offline_until is None:
                relay.run_chores()
                _print_content(content)
        else:
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            interval = service_manager.watchdog_interval()
            # pings from the relay's own loop, and from each upload's progress (a long file is no hang)
            if interval:
                relay.listeners.append(lambda _dossier_id, _progress: service_manager.watchdog_ping())
            service_manager.notify("READY=1", f"STATUS=delivering to {config.endpoint}")
            try:
                relay.run(stop, heartbeat=service_manager.watchdog_ping if interval else None,
                          heartbeat_every=interval / 2 if interval else None)
            except KeyboardInterrupt:
                stop.set()
            service_manager.stopping()
    if health is not None:
        health.close()
    client.close()
    return EXIT_OK


def _print_content(content) -> None:
    if not content.configured:
        return
    from kiosk.content import ContentState

    state = ContentState.read(content.content)
    print(f"content version {state.version or 'none'}"
          + (f": not updated ({state.error_kind}): {state.error}" if state.error_kind else ""), flush=True)


def run_test(args: argparse.Namespace) -> int:
    from sync.client import SyncError

    config = configure(args, simulated=None)
    client = _client(config)
    try:
        limits = client.precheck()
    except SyncError as error:
        print(f"failed: {config.endpoint}: {error}")
        return EXIT_STATION
    finally:
        client.close()
    print(f"ok: {config.endpoint} answers as the province over TLS with a trusted certificate and accepts station "
          f"{config.station_id} (files up to {limits.max_file_size // 2**20} MiB, {limits.chunk_size // 1024} KiB chunks)")
    return EXIT_OK

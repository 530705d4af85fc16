"""`kiosk intake run`: the whole intake headless, on the simulated station or a real one: the card, the
procedure, the components (scanned or reused from the citizen's e-wallet), consent, submit, and with
`--wait-code` the official dossier code. A thin shell over `kiosk.intake`, like the windows."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.cli.card import _access_keys, _key_arguments, _trust_store
from kiosk.cli.common import configure
from kiosk.cli.scan import UsageError
from kiosk.errors import EXIT_OK, KioskError, StationError

HELP = "receive one citizen's dossier from the command line (card, procedure, scans, consent, submit)"
SOURCES = ("flatbed", "adf", "duplex")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("intake", help=HELP, description=HELP[0].upper() + HELP[1:] + ".")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    run = actions.add_parser(
        "run", help="run one intake from the card to the stored dossier",
        description="Read and verify the card (a card not proven genuine stops the intake: exit 7), record the "
        "presence check, choose the procedure and the deciding unit (suggested from the permanent address on the "
        "chip), fill each component of the procedure's checklist by a scan or an e-wallet item, record the "
        "citizen's consent, and store the dossier with its outbox entry and the new e-wallet items in one "
        "transaction. Prints the receipt (the local reference, units, expected result date).")
    _key_arguments(run)
    run.add_argument("--procedure", required=True, metavar="CODE", help="the procedure's code, e.g. 1.001193")
    run.add_argument("--unit", metavar="CODE", help="the deciding unit (default: the one suggested from the "
                     "permanent address on the chip)")
    run.add_argument("--face", nargs="?", const="", metavar="CAMERA",
                     help="check the person's face against the chip's portrait: a head turn, then the comparison, "
                     "from the configured camera or CAMERA (a number, /dev/video path, video file or folder)")
    run.add_argument("--fingerprint", action="store_true",
                     help="check the person's fingerprint with the configured reader (`fingerprint_reader`)")
    run.add_argument("--present", action="store_true", help="the officer confirms that the person at the "
                     "station is the card holder (compared with the chip's portrait). One passed check, face, "
                     "fingerprint or officer, is required to submit")
    run.add_argument("--scan", action="append", default=[], metavar="COMPONENT=SOURCE[:PAGES]",
                     help="scan a component (its number in the checklist, from 1, or its name) from flatbed, adf "
                     "or duplex; PAGES limits a feeder batch (repeatable)")
    run.add_argument("--wallet-reuse", action="append", default=[], metavar="COMPONENT",
                     help="reuse the citizen's newest e-wallet item titled like the component (repeatable)")
    run.add_argument("--original", action="append", default=[], metavar="COMPONENT",
                     help="an optional component whose original was shown: nothing is kept (repeatable)")
    run.add_argument("--dpi", type=int, default=300, help="scan resolution (default 300; 200 is the least a "
                     "digitised copy may have)")
    run.add_argument("--device", metavar="NAME", help="the scanner (default: the first found)")
    run.add_argument("--keep-flagged", action="store_true",
                     help="keep pages the pipeline finds blank or blurred (without it the intake stops at the "
                     "first one: a dossier is never submitted with such a page nobody looked at)")
    run.add_argument("--consent", action="store_true", help="the citizen accepted the consent text (printed "
                     "on stderr); required to submit")
    run.add_argument("--wait-code", type=float, nargs="?", const=120.0, metavar="SECONDS",
                     help="after submitting, deliver the dossier and wait (default 120 s) for its official code")
    run.add_argument("--json", action="store_true", help="print the receipt as JSON")
    run.add_argument("--simulated", action="store_true", help="use the simulated station's scanner")
    run.set_defaults(run=run_intake)


def _component_scans(values: list[str]) -> list[tuple[str, str, int | None]]:
    scans = []
    for value in values:
        component, sep, rest = value.rpartition("=")
        source, _, pages = rest.partition(":")
        if not sep or not component or source not in SOURCES or (pages and not pages.isdigit()):
            raise UsageError(f"--scan {value}: expected COMPONENT=SOURCE[:PAGES] with SOURCE one of "
                             + ", ".join(SOURCES))
        scans.append((component, source, int(pages) if pages else None))
    return scans


def run_intake(args: argparse.Namespace) -> int:
    from kiosk.content import active_content
    from kiosk.health import OutcomeRecorder
    from kiosk.intake import ConsentText, EndReason, Intake, IntakeSetup
    from kiosk.signing import StationSigner
    from kiosk.store import open_station_store

    scans = _component_scans(args.scan)
    config = configure(args, simulated=None)
    keys = _access_keys(args, config)
    say = (lambda text: print(text, file=sys.stderr, flush=True))
    consent = ConsentText.load()
    store = open_station_store(config)
    signer = StationSigner(config)
    worker = pipeline = None
    intake = None
    ended = EndReason.CANCELLED
    try:
        if scans:
            from drivers.scanner.pipeline import PagePipeline
            from kiosk.cli.scan import _worker

            worker = _worker(args)
            pipeline = PagePipeline().__enter__()
        content = active_content(config)  # the province's catalogs when the station has its content
        setup = IntakeSetup(store=store, procedures=content.procedures(), units=content.units(),
                            center_unit=config.center_unit, received_by=config.station_id, consent=consent,
                            trust=_trust_store(args, config), reader=args.reader, card_wait=args.wait,
                            scanner=worker, pipeline=pipeline, camera=args.face or config.camera,
                            face=_face_verifier(config) if args.face is not None else None,
                            fingerprint=_fingerprint_reader(config) if args.fingerprint else None,
                            signer=signer, observer=OutcomeRecorder(config.data_dir))
        intake = Intake(setup, lambda event: say(f"{event.code}: {event.message.en}"))
        intake.read_card(keys).result()
        if args.face is not None:
            intake.check_face().result()
        if args.fingerprint:
            intake.check_fingerprint().result()
        if args.present:
            intake.confirm_by_officer()
        intake.choose_procedure(args.procedure)
        intake.confirm_unit(args.unit)
        for component, source, pages in scans:
            _scan(intake, component, source, pages, args)
        for component in args.wallet_reuse:
            _reuse(intake, component)
        for component in args.original:
            intake.mark_shown_in_original(component)
        if args.consent:
            say(consent.text(config.language))
            intake.accept_consent(config.language)
        receipt = intake.submit().result()
        ended = EndReason.FINISHED
        result = receipt.as_dict()
        if args.wait_code is not None:
            result["official_code"] = _wait_for_code(config, store, receipt.local_reference, args.wait_code, say)
    finally:
        if intake is not None:
            intake.end(ended)
        if pipeline is not None:
            pipeline.close()
        if intake is not None and intake.setup.fingerprint is not None:
            intake.setup.fingerprint.close()
        if worker is not None:
            worker.close()
        signer.close()
        store.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for key, value in result.items():
            if key == "components":
                for component in value:
                    print(f"{'component':<20} {component['name']}: {component['how']}"
                          + (f", {component['pages']} page(s)" if component["pages"] else ""))
            else:
                print(f"{key:<20} {value}")
    return EXIT_OK


def _face_verifier(config):
    from drivers.biometrics.face import DlibFaceVerifier, FaceProblem

    try:
        return DlibFaceVerifier(config.face_threshold)
    except FaceProblem as problem:
        raise StationError(str(problem)) from None


def _fingerprint_reader(config):
    from drivers.biometrics.fingerprint import FingerprintError, load_reader

    try:
        reader = load_reader(config.fingerprint_reader)
    except FingerprintError as error:
        raise StationError(str(error)) from None
    if reader is None:
        raise StationError("--fingerprint: no fingerprint reader is configured (fingerprint_reader = none)")
    return reader


def _scan(intake, component: str, source: str, pages: int | None, args: argparse.Namespace) -> None:
    from drivers.scanner.options import Source
    from kiosk.intake import BatchRequest, ScanPageReady

    request = BatchRequest(device=args.device, source=Source(source), dpi=args.dpi, pages=pages)

    def progress(event) -> None:
        if isinstance(event, ScanPageReady):
            print(f"page {event.index} of '{component}' scanned", file=sys.stderr, flush=True)

    outcome = intake.scan(component, request, progress).result()
    if outcome.ended.status.value != "good":
        detail = f" ({outcome.ended.detail})" if outcome.ended.detail else ""
        raise StationError(f"{outcome.ended.message.text('en')}{detail}")
    slot = intake.slot(component)
    for index, page in enumerate(slot.pages.pages, start=1):
        if not page.needs_confirmation:
            continue
        looks = " and ".join(sorted(page.flags & {"blank", "blurred"}))
        if not args.keep_flagged:
            raise KioskError(f"page {index} of '{slot.name}' looks {looks}: scan it again, or pass "
                             "--keep-flagged to keep it")
        intake.confirm_page(component, page.id)
        print(f"page {index} of '{slot.name}' looks {looks}: kept (--keep-flagged)", file=sys.stderr, flush=True)


def _reuse(intake, component: str) -> None:
    slot = intake.slot(component)
    number = next(n for n, line in enumerate(intake.slots, start=1) if line is slot)
    item = intake.reusable_items().get(number)
    if item is None:
        raise KioskError(f"the citizen's e-wallet on this station holds no item titled '{slot.name}'")
    intake.reuse_wallet_item(number, item.id)


def _wait_for_code(config, store, dossier_id: str, seconds: float, say) -> str | None:
    """Delivers the outbox now and waits for the province's code; None when it did not come in time."""
    from sync.client import HttpProvincialClient
    from sync.relay import Relay

    if not config.endpoint:
        raise KioskError("--wait-code: no provincial endpoint is configured")
    client = HttpProvincialClient(config.endpoint, config.ca_bundle, config.client_certificate, config.client_key)
    try:
        with Relay(store, client) as relay:
            code = relay.wait_for_code(dossier_id, seconds)
    finally:
        client.close()
    if code:
        return code
    say(f"no official code within {seconds:g} s: the dossier stays queued and is sent when the relay runs")
    return None

"""`kiosk scan devices|options|run`: the scanner from the command line (for the technician).

SANE runs in the scanner worker process (drivers.scanner.worker), never in this one. Which SANE
configuration: $SANE_CONFIG_DIR when set; else the simulated station's (libsane's test backend,
written by `kiosk stand up`) when there is no configuration file or with --simulated; else the
station's own, naming only the backends of document scanners installed here (plus sane-airscan).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import configure, on_simulated_station
from kiosk.errors import EXIT_OK, EXIT_USAGE, KioskError, StationError

HELP = "list scanners, show a scanner's options, or scan pages into a PDF"
EXIT_CANCELLED = 130


class UsageError(KioskError):
    exit_code = EXIT_USAGE


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("scan", help=HELP, description=HELP[0].upper() + HELP[1:] + ". SANE runs in a "
                                 "separate process: a scanner driver that hangs or crashes is restarted, never "
                                 "taking this command with it.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    devices = actions.add_parser("devices", help="list the scanners SANE sees",
                                 description="List the scanners SANE sees, with vendor, model and type.")
    devices.add_argument("--json", action="store_true", help="print the list as JSON")
    _setup_arguments(devices)
    devices.set_defaults(run=run_devices)

    options = actions.add_parser("options", help="show a scanner's options and the values it accepts",
                                 description="Show every option of the scanner DEVICE (as `kiosk scan devices` "
                                 "names it): current value, and the values or range it accepts.")
    options.add_argument("device", metavar="DEVICE", help="SANE device name, e.g. test:0")
    options.add_argument("--json", action="store_true", help="print the options as JSON")
    _setup_arguments(options)
    options.set_defaults(run=run_options)

    run = actions.add_parser(
        "run", help="scan a batch into a PDF, printing each page's pipeline results",
        description="Scan one batch (the flatbed, or the document feeder until it is empty or --pages sheets), "
        "run every page through the page pipeline (crop, deskew, orientation, blank and barcode checks) and write "
        "the pages kept to a PDF. Ctrl-C cancels: the page being scanned is dropped, the others are written. "
        "Exit code 4 when the scanner stopped with an error (jam, cover open…); the pages scanned before it are "
        "still written.")
    run.add_argument("--device", metavar="D", help="SANE device name (default: the first scanner listed)")
    run.add_argument("--source", choices=("flatbed", "adf", "duplex"), default="flatbed",
                     help="where the paper is: flatbed (default), adf (document feeder), duplex (both sides)")
    run.add_argument("--dpi", type=int, default=300, metavar="N",
                     help="resolution; snapped to what the scanner offers (default 300; 200 or more for a "
                     "compliant digitised copy)")
    run.add_argument("--mode", choices=("color", "gray"), default="color", help="colour mode (default color)")
    run.add_argument("--pages", type=int, metavar="N",
                     help="flatbed: pages to scan (default 1); feeder: stop after N sheets (default: until empty)")
    run.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write")
    run.add_argument("--pdfa", action="store_true", help="write PDF/A-2b")
    run.add_argument("--draft", action="store_true",
                     help="an internal draft, NOT a digitised copy: colour kept at 100 and 50 dpi (about half the "
                     "bytes); never for a citizen's dossier. Without it every colour image is at 200 dpi or more")
    run.add_argument("--title", metavar="TEXT", help="document title in the PDF's metadata (no personal data)")
    run.add_argument("--set", action="append", default=[], metavar="[N:]OPTION=VALUE", dest="settings",
                     help="set a SANE option (as `kiosk scan options` names it) before page N (default 1); may be "
                     "repeated. For the technician: e.g. the test scanner's 3:read-return-value=SANE_STATUS_JAMMED")
    run.add_argument("--json", action="store_true", help="print the results as JSON")
    _setup_arguments(run)
    run.set_defaults(run=run_scan)


def _setup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--simulated", action="store_true",
                        help="use the simulated station's scanner (libsane's test backend); the default when there "
                        "is no configuration file")


def _sane_dir(args: argparse.Namespace) -> Path | None:
    """The SANE_CONFIG_DIR the worker gets (None: the environment's own $SANE_CONFIG_DIR)."""
    if os.environ.get("SANE_CONFIG_DIR"):
        configure(args, simulated=None)
        return None
    simulated = on_simulated_station(args)
    config = configure(args, simulated=simulated)
    if simulated:
        folder = config.simulation_dir / "sane"
        if not (folder / "dll.conf").is_file():
            raise StationError("the simulated scanner is not configured: run `kiosk stand up` first")
        return folder
    from drivers.scanner.devices import station_backends, write_sane_config

    backends = station_backends()
    if not backends:
        raise StationError("no SANE backend for document scanners is installed: install the Debian package "
                           "libsane1 (and sane-airscan for network scanners)")
    return write_sane_config(config.data_dir / "sane", backends)


def _worker(args: argparse.Namespace):
    from drivers.scanner.worker import ScannerWorker, ScannerWorkerError

    try:
        return ScannerWorker(_sane_dir(args)).__enter__()
    except ScannerWorkerError as error:
        raise StationError(str(error)) from None


def _failed(error) -> StationError:
    return StationError(f"{error.message.en} ({error})")


def run_devices(args: argparse.Namespace) -> int:
    from drivers.scanner.devices import DeviceIdentity, name_is_a_port
    from drivers.scanner.worker import ScannerWorkerError

    worker = _worker(args)
    try:
        found = worker.list_devices()
    except ScannerWorkerError as error:
        raise _failed(error) from None
    finally:
        worker.close()
    if args.json:
        print(json.dumps([{"name": d.name, "vendor": d.vendor, "model": d.model, "kind": d.kind,
                           "identity": DeviceIdentity.of(d).as_dict(), "name_is_a_port": name_is_a_port(d.name)}
                          for d in found], ensure_ascii=False, indent=2))
    elif not found:
        print("no scanner found (check the cable and power; `kiosk doctor` checks SANE)")
    else:
        for d in found:
            print(f"{d.name:<32} {d.vendor} {d.model} ({d.kind})")
    return EXIT_OK


def run_options(args: argparse.Namespace) -> int:
    from drivers.scanner.worker import ScannerWorkerError

    worker = _worker(args)
    try:
        options = worker.options(args.device)
    except ScannerWorkerError as error:
        raise _failed(error) from None
    finally:
        worker.close()
    if args.json:
        print(json.dumps([o.as_dict() for o in options], ensure_ascii=False, indent=2))
    else:
        for option in options:
            if option.name:
                print(option.describe())
    return EXIT_OK


def run_scan(args: argparse.Namespace) -> int:
    from drivers.scanner.acquisition import AcquiredPage
    from drivers.scanner.batch import BatchEnded, PageDropped, ScanRequest
    from drivers.scanner.encoding import DEFAULT_ENCODING, DRAFT_ENCODING
    from kiosk.intake.scanning import processed_or_redone
    from drivers.scanner.options import ColourMode, Source
    from drivers.scanner.pdf import PdfError, write_pdf
    from drivers.scanner.pipeline import PagePipeline
    from drivers.scanner.status import ScanStatus
    from drivers.scanner.worker import ScannerWorkerError

    if args.pages is not None and args.pages < 1:
        raise UsageError("--pages must be at least 1")
    if not 10 <= args.dpi <= 1200:
        raise UsageError("--dpi must be between 10 and 1200")
    if args.out.suffix.lower() != ".pdf":
        raise UsageError("--out must name a .pdf file")
    if not args.out.parent.is_dir():
        raise UsageError(f"the folder {args.out.parent} does not exist")
    _settings(args.settings)  # a wrong --set is refused before the scanner is touched
    say = (lambda text: print(text, file=sys.stderr)) if args.json else print

    worker = _worker(args)
    pages: list[tuple[AcquiredPage, Any]] = []
    dropped: list[dict[str, Any]] = []
    ended: BatchEnded | None = None
    previous = signal.signal(signal.SIGINT, lambda *_: worker.cancel())  # Ctrl-C: cancel for real
    try:
        device = args.device
        if device is None:
            try:
                listed = worker.list_devices()
            except ScannerWorkerError as error:
                raise _failed(error) from None
            if not listed:
                raise StationError("no scanner found: check the cable and power, then `kiosk scan devices`")
            device = listed[0].name
        request = ScanRequest(device, Source(args.source), args.dpi, ColourMode(args.mode), args.pages,
                              options_before_page=_settings(args.settings))
        encoding = DRAFT_ENCODING if args.draft else DEFAULT_ENCODING
        with PagePipeline(encoding=encoding) as pipeline:
            for event in worker.scan(request):
                if isinstance(event, AcquiredPage):
                    pages.append((event, pipeline.submit(event.image, event.dpi, source=event.pipeline_source)))
                    say(f"page {event.index} scanned: {event.side}, {event.size[0]}×{event.size[1]} px, "
                        f"{event.dpi} dpi")
                elif isinstance(event, PageDropped):
                    dropped.append({"number": event.number, "status": event.status.value, "lines": event.lines,
                                    "expected_lines": event.expected_lines})
                    say(f"page {event.number} dropped ({event.status.value}) after {event.lines} of "
                        f"{event.expected_lines} lines")
                elif isinstance(event, BatchEnded):
                    ended = event
            processed = [processed_or_redone(page, future, {"keep_image": False, "encoding": encoding})
                         for page, future in pages]
    finally:
        signal.signal(signal.SIGINT, previous)
        worker.close()
    assert ended is not None

    pdf = None
    if processed:
        try:
            made = write_pdf(processed, args.out, pdfa=args.pdfa, title=args.title, require_compliant=False)
        except PdfError as error:
            raise KioskError(f"the PDF could not be written: {error}") from None
        pdf = {"path": str(made.path), "sha256": made.sha256, "size": made.size, "pages": made.pages,
               "compliant": made.compliant, "pdfa": made.pdfa}

    if args.json:
        print(json.dumps({
            "device": request.device, "source": request.source.value, "dpi": ended.dpi, "mode": request.mode.value,
            "status": ended.message.as_dict(), "detail": ended.detail,
            "pages": [{"acquired": page.summary(), "pipeline": result.summary()}
                      for (page, _), result in zip(pages, processed)],
            "dropped": dropped, "pdf": pdf}, ensure_ascii=False, indent=2))
    else:
        for (page, _), result in zip(pages, processed):
            print(_page_line(page, result.summary()))
        print(ended.message.text("en"))
        if pdf:
            print(f"{pdf['path']}: {pdf['pages']} page(s), {pdf['size']} bytes, sha256 {pdf['sha256']}"
                  + ("" if pdf["compliant"] else " (not a compliant digitised copy: colour and 200 dpi or more "
                     "for every colour image are needed" + (", and a draft keeps less)" if args.draft else ")")))
    if ended.status is ScanStatus.GOOD:
        return EXIT_OK
    if ended.status is ScanStatus.CANCELLED:
        return EXIT_CANCELLED
    if not args.json:
        detail = f" ({ended.detail})" if ended.detail else ""
        print(f"kiosk: {ended.message.text('en')}{detail}", file=sys.stderr)
    return StationError.exit_code


def _settings(values: list[str]) -> dict[int, dict[str, Any]]:
    """--set [N:]OPTION=VALUE → {page: {option: value}}; yes/no become booleans, numbers numbers."""
    out: dict[int, dict[str, Any]] = {}
    for text in values:
        page, _, rest = text.rpartition(":") if ":" in text.split("=", 1)[0] else ("1", "", text)
        name, sep, raw = rest.partition("=")
        if not sep or not name or not page.isdigit() or int(page) < 1:
            raise UsageError(f"--set {text}: expected [N:]OPTION=VALUE, e.g. 3:read-return-value=SANE_STATUS_JAMMED")
        value: Any = raw
        if raw.lower() in ("yes", "true", "no", "false"):
            value = raw.lower() in ("yes", "true")
        else:
            for kind in (int, float):
                try:
                    value = kind(raw)
                    break
                except ValueError:
                    pass
        out.setdefault(int(page), {})[name] = value
    return out


def _page_line(page, summary: dict[str, Any]) -> str:
    steps = {s["name"]: s for s in summary["steps"]}
    parts = [f"page {page.index} ({page.side})", f"{summary['size'][0]}×{summary['size'][1]} px"]
    if "deskew" in steps and steps["deskew"]["values"].get("angle") is not None:
        parts.append(f"skew {steps['deskew']['values']['angle']}°")
    if "orientation" in steps:
        parts.append(f"rotation {steps['orientation']['values'].get('rotation', 0)}°")
    if summary["flags"]:
        parts.append("flags: " + ", ".join(sorted(summary["flags"])))
    parts.append(f"barcodes {len(summary['barcodes'])}")
    parts.append(f"{summary['timings_ms'].get('total', 0):.0f} ms")
    return "  ".join(parts)

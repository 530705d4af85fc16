"""Benchmark: the intake workflow on the simulated station (a script, not a test).

    .venv/bin/python -m tests.bench.intake [--runs 10] [--dpi 300]

Prints two medians (targets in brackets):
- card placed → citizen snapshot ready [≤ 1.0 s]: from the moment the virtual card connects to vpcd
  (the card touching the reader) until the intake's Future gives the verified citizen: pcscd noticing
  the card, PACE, chip and active authentication, passive authentication, the conversion to the snapshot;
- scan of a 3-page component → stored compliant document [≤ 1.5 s]: three A4 colour pages from the SANE
  test backend's feeder at `--dpi`, through the page pipeline, into the component's compliant PDF, and
  the draft dossier holding it written to the encrypted store.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from drivers.card.pcsc import list_readers
from drivers.card.trust import TrustStore
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.face import card_face
from drivers.card.virtual.profile import load_profile
from drivers.card.vpcd import VpcdLink
from drivers.scanner.options import Source
from drivers.scanner.pipeline import PagePipeline
from drivers.scanner.worker import ScannerWorker
from kiosk.catalogs import load_procedures, load_units
from kiosk.config import load_config
from kiosk.domain import Component, Dossier
from kiosk.intake import BatchRequest, ConsentText, EndReason, Intake, IntakeSetup, keys_from_qr
from kiosk.resources import CARD_PROFILES
from kiosk.simulated_station import Stand
from kiosk.store import open_store

READER = "Virtual PCD 00 00"
CENTRE = "06970"


def _reader_empty(timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if next((r.atr for r in list_readers() if r.name == READER), None) is None:
            return
        time.sleep(0.05)
    raise SystemExit("the virtual reader did not empty")


def card_to_citizen(setup: IntakeSetup, card_keys: Path, runs: int) -> list[float]:
    profile = load_profile(CARD_PROFILES / "married-with-old-id.toml")
    keys = keys_from_qr(np.asarray(card_face(profile)))
    times = []
    for _ in range(runs):
        _reader_empty()
        intake = Intake(setup)
        link = VpcdLink(VirtualCard.from_profile(profile, card_keys))
        serving = threading.Thread(target=link.serve, daemon=True)
        placed = time.perf_counter()
        link.connect()
        serving.start()
        try:
            citizen = None
            deadline = time.monotonic() + 10
            while citizen is None:  # a front end starts the reading on pcscd's card event
                if any(r.name == READER and r.atr for r in list_readers()):
                    citizen = intake.read_card(keys).result(30)
                elif time.monotonic() > deadline:
                    raise SystemExit("pcscd did not see the card")
                else:
                    time.sleep(0.01)
            times.append(time.perf_counter() - placed)
        finally:
            intake.end(EndReason.CANCELLED)
            link.close()
            serving.join(5)
    return times


def scan_to_document(setup: IntakeSetup, runs: int, dpi: int) -> list[float]:
    times = []
    for _ in range(runs):
        intake = Intake(setup)
        intake.choose_procedure("1.001193")
        started = time.perf_counter()
        outcome = intake.scan(1, BatchRequest(source=Source.ADF, dpi=dpi, pages=3)).result(120)
        if len(outcome.pages) != 3:  # the test feeder empties after 10 sheets: scan again
            outcome = intake.scan(1, BatchRequest(source=Source.ADF, dpi=dpi, pages=3)).result(120)
        slot = intake.slots[0]
        document = slot.pages.document(title=slot.name)
        draft = Dossier("1.001193", CENTRE, CENTRE, _citizen(), setup.received_by)
        draft.set_component(Component(slot.name, True, document=document))
        setup.store.save(draft)
        times.append(time.perf_counter() - started)
        intake.end(EndReason.CANCELLED)
    return times


def _citizen():
    from kiosk.domain import CitizenSnapshot

    return CitizenSnapshot(id_number="001089012345", full_name="Nguyễn Văn Thử")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args()

    config = load_config(simulated=True)
    Stand(config).up()
    with tempfile.TemporaryDirectory() as folder, \
            open_store(Path(folder) / "store", Path(folder) / "keys", config.station_id) as store, \
            ScannerWorker(config.simulation_dir / "sane") as worker, PagePipeline() as pipeline:
        setup = IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit=CENTRE,
                            received_by=config.station_id, consent=ConsentText.load(),
                            trust=TrustStore.load(config.trust_store), reader=READER, scanner=worker,
                            pipeline=pipeline, require_presence=False)
        card = card_to_citizen(setup, config.simulation_dir / "card-keys", args.runs)
        scan = scan_to_document(setup, args.runs, args.dpi)
    print(f"card placed → citizen snapshot ready: median {statistics.median(card):.3f} s "
          f"(min {min(card):.3f}, max {max(card):.3f}; {args.runs} runs; target ≤ 1.0 s)")
    print(f"3-page component scan → stored compliant document ({args.dpi} dpi A4 colour): median "
          f"{statistics.median(scan):.3f} s (min {min(scan):.3f}, max {max(scan):.3f}; {args.runs} runs; "
          "target ≤ 1.5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

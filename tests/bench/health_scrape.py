"""Benchmark of one scrape of the station's health (a script, not a test).

    .venv/bin/python -m tests.bench.health_scrape [--count 2000] [--runs 20]

Fills a store with N submitted dossiers (one small document each, half of them with a wait), all still
queued, then prints the median time of a whole scrape (`scrape_text`, caches warm: the SANE and certificate
probes run on their own thread and are not in it) and of each collector part, over `--runs` scrapes.
A province scrapes every 30 s or so: a scrape should cost milliseconds, whatever the queue.

Measured on the development machine (2 CPUs shared with other work), 30 November 2026, `--count 2000`:
a whole scrape 69 ms, of which the day's waits 62 ms (all 2,000 dossiers received "today": the day
report reads each; a busy station's 200 a day cost a tenth of it) and the outbox 5.8 ms; every other
part under 0.1 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from kiosk.config import load_config
from kiosk.devices import DeviceSetup
from kiosk.domain import CitizenSnapshot, Component, Document, Dossier
from kiosk.health.collector import StationCollector, scrape_text
from kiosk.store import open_store
from tests.conftest import write_config
from tests.sync.factories import Clock, unsigned_pdf


def fill(config, count: int) -> None:
    clock = Clock()
    content = unsigned_pdf(6_000)
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        for number in range(count):
            dossier = Dossier(procedure_code="1.001193", receiving_unit="06970", competent_unit="06970",
                              citizen=CitizenSnapshot(id_number="001190012345", full_name="Nguyễn Thị Hồng Nhung"),
                              received_by="officer-7", created_at=clock(),
                              first_contact_at=clock() - timedelta(minutes=10) if number % 2 else None)
            dossier.set_component(Component(name="Giấy tờ", document=Document.from_pdf(content, 1)), clock())
            dossier.mark_ready(clock())
            store.submit(dossier, now=clock())
            clock.advance(1)


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        config = load_config(write_config(root, key_dir=str(root / "keys"), trust_store=str(root / "trust")), env={})
        started = time.perf_counter()
        fill(config, args.count)
        print(f"{args.count} dossiers queued in {time.perf_counter() - started:.1f} s")
        (root / "sane").mkdir()
        (root / "sane" / "dll.conf").write_text("")
        collector = StationCollector(config, DeviceSetup(sane_config_dir=root / "sane"))
        scrape_text(collector)  # the probes' first answers
        print(f"whole scrape: {median_ms(lambda: scrape_text(collector), args.runs):.1f} ms (median of {args.runs})")
        for name, part in collector.parts.items():
            print(f"  {name:<13} {median_ms(lambda: list(part()), args.runs):.2f} ms")


if __name__ == "__main__":
    main()

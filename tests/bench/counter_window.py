"""Benchmark of the counter window's dossier list (a script, not a test): a store of 100,000 dossiers
(built by tests/bench/counter.py's `build`, reused with --keep), the window made and shown offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.bench.counter_window [--count 100000] [--keep DIR] [--runs 5]

Prints the median over `--runs` of:
- first paint: from making the window (its services already open) to the list's viewport painted with
  its first page of rows (target ≤ 100 ms), for today's dossiers and for every day's;
- a search typed in the box, from `apply` (the debounce's end) to the rows painted (target ≤ 50 ms),
  for a name word, an ID number and a code prefix;
- the rows held by the model after the first paint (never the whole store: a page).

Measured on the development machine (2 CPUs, offscreen), 100,000 dossiers, median of 5: first paint
20.6 ms today, 20.8 ms every day (100 rows held); searches: a name word 10.3 ms, an ID number 2.8 ms, a
code prefix of one day 14.0 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.bench.counter import KEY, VIETNAM, build  # noqa: E402


class _Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None
        self.model = None

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.at is None and self.model is not None \
                and self.model.rowCount() > 0:
            self.at = time.perf_counter()
        return False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from kiosk.catalogs import load_procedures, load_units
    from kiosk.config import load_config
    from kiosk.devices import DeviceSetup
    from kiosk.intake import ConsentText
    from kiosk.intake.station import StationServices
    from kiosk.store import MemoryKeyStore, Store
    from tests.conftest import write_config
    from ui.counter_window import CounterWindow
    from ui.devices import DeviceLists
    from ui.i18n import Languages

    today = datetime.now(VIETNAM).date()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="counter-window-bench-"))
    if not (folder / "marker").exists():
        folder.mkdir(parents=True, exist_ok=True)
        wanted = build(folder, args.count, 7, today)
        (folder / "marker").write_text(repr(wanted), encoding="utf-8")
    import ast
    wanted = ast.literal_eval((folder / "marker").read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="counter-window-config-"))
    config = load_config(write_config(work, key_dir=str(work / "keys")), env={})
    store = Store(folder, MemoryKeyStore(KEY), "SIM-01")
    services = StationServices(config, store, load_procedures(), load_units(), ConsentText.load())
    languages = Languages(app)
    print(f"{store.counter_count()} dossiers in the store")

    def first_paint(scope: int) -> tuple[float, int]:
        painted = _Painted()
        start = time.perf_counter()
        window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="bench",
                               today=lambda: today)
        painted.model = window.model
        window.panel.table.viewport().installEventFilter(painted)
        if scope:
            window.panel.scope.setCurrentIndex(scope)
        window.show()
        while painted.at is None:
            app.processEvents()
        rows = window.model.rowCount()
        window.close()
        window.deleteLater()
        app.processEvents()
        return (painted.at - start) * 1000, rows

    def search(window, text: str) -> float:
        painted = _Painted()
        painted.model = window.model
        window.panel.table.viewport().installEventFilter(painted)
        window.panel.search.blockSignals(True)
        window.panel.search.setText(text)
        window.panel.search.blockSignals(False)
        start = time.perf_counter()
        window.panel.apply()
        while painted.at is None and (window.model.loading or window.model.rowCount() > 0):
            app.processEvents()
        end = painted.at or time.perf_counter()
        window.panel.table.viewport().removeEventFilter(painted)
        return (end - start) * 1000

    for scope, label in ((0, "today"), (1, "every day")):
        results = [first_paint(scope) for _ in range(args.runs)]
        print(f"first paint, {label}: {statistics.median(r[0] for r in results):.1f} ms "
              f"(rows held: {results[0][1]})")
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="bench",
                           today=lambda: today)
    window.panel.scope.setCurrentIndex(1)
    window.show()
    while window.model.rowCount() == 0:
        app.processEvents()
    searches = {"a name word": "nguyen", "an ID number": wanted["id_number"],
                "a code prefix (one day)": wanted["day_prefix"]}
    for label, text in searches.items():
        times = []
        for _ in range(args.runs):
            window.panel.search.setText("")
            window.panel.apply()
            while window.model.loading:
                app.processEvents()
            times.append(search(window, text))
        print(f"search, {label}: {statistics.median(times):.1f} ms ({window.model.rowCount()} rows shown)")
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of the counter officer's list (a script, not a test): the store with 100,000 dossiers.

    .venv/bin/python -m tests.bench.counter [--count 100000] [--keep DIR] [--runs 7]

Builds a store of N dossiers through the store's own write path (`Store.submit`, then the relay's
`begin_upload`/`upload_accepted`, `upload_failed`, `upload_rejected` and `set_province_state`), with
`PRAGMA synchronous = OFF` set on its connection for the build alone (no fsync per commit; the station
itself writes FULL; the measures reopen the store as the station does) and components shown in original
instead of scanned files: the list reads neither documents nor files. 100,000 take 3 to 5 minutes
here (400 to 500 a second: three transactions each, the upload's load included), hence `--keep`.
About 200 dossiers a day over the past days; most accepted with an official code, the rest queued,
waiting, rejected, in conflict or needing a supplement; names drawn with Vietnamese frequencies (Nguyễn for ~4 in 10).

With `--keep DIR` the store is built once in DIR and reused by later runs (same count and seed).

Then prints the median over `--runs` of:
- first paint: open the store + `counter_rows(limit=50)` (target ≤ 100 ms), and `counter_count()`;
- today's page, a deep page, a search within today, the day report;
- each kind of search, count + first page of 50 (target ≤ 50 ms each): ID number, one name word,
  two common name words, three words, two common words that rarely meet (the worst case of the plan
  in kiosk/store/counter.py), the commonest family name, an official code prefix (one day), a full
  official code, a local reference.

Measured on the development machine (2 CPUs, warm page cache), 100,000 dossiers, median of 7: first
paint 3-8 ms, counter_count 2-3 ms; searches: ID 0.1-0.3 ms, one name word 3-8 ms, two common words
17-35 ms, three words 10-18 ms, two words that never meet 15-43 ms, "nguyen" (38,917 found) 6-11 ms,
code prefix 2-8 ms; day report 4-11 ms. The spread is the machine's load between runs.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.domain import CitizenSnapshot, Component, Dossier  # noqa: E402
from kiosk.store import MemoryKeyStore, Store  # noqa: E402

VIETNAM = timezone(timedelta(hours=7))
KEY = b"counter-benchmark-station-key-32"
# family names with roughly their share in Vietnam; middle and given names uniform
FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4), ("Phan", 4),
          ("Vũ", 4), ("Võ", 4), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1),
          ("Lý", 1)]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thu", "Đức", "Hồng", "Thanh", "Quốc", "Xuân", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Lan", "Nhung", "Phúc", "Quân", "Sơn", "Tâm", "Hùng",
         "Hương", "Linh", "Long", "Mai", "Nam", "Oanh", "Phương", "Thảo", "Trang", "Tuấn", "Vy", "Yến",
         "Khánh", "Giang", "Hiếu", "Duy", "Thắng", "Thủy", "Loan", "Hải", "Huy", "Kiên", "Quang", "Trung",
         "Việt", "Anh", "Châu"]
PROCEDURES = ["1.001193", "1.000656", "2.000908", "1.004227", "1.001612", "2.001023"]
UNITS = ["06970", "06970", "06970", "06970", "07012", "06982"]  # most citizens live in the centre's unit
PER_DAY = 200


def name(rnd: random.Random) -> str:
    family = rnd.choices([f for f, _ in FAMILY], weights=[w for _, w in FAMILY])[0]
    return f"{family} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"


def build(folder: Path, count: int, seed: int, today: date) -> dict:
    """The store, through its own write path; returns what the searches look for."""
    rnd = random.Random(seed)
    store = Store(folder, MemoryKeyStore(KEY), "SIM-01", synchronous="NORMAL")
    store.conn.execute("PRAGMA synchronous = OFF")  # the build only: see the docstring
    days = (count + PER_DAY - 1) // PER_DAY
    first_day = today - timedelta(days=days - 1)
    wanted: dict = {}
    start = time.perf_counter()
    for i in range(count):
        day = first_day + timedelta(days=i // PER_DAY)
        seq = i % PER_DAY
        created = datetime(day.year, day.month, day.day, 7, 30, tzinfo=VIETNAM) + timedelta(minutes=2 * seq)
        citizen = CitizenSnapshot(id_number=f"{rnd.randrange(10**12):012d}", full_name=name(rnd),
                                  birth_date="01/01/1990", sex="Nam", address="Xã Ba Chẽ, Tỉnh Quảng Ninh")
        dossier = Dossier(rnd.choice(PROCEDURES), "06970", rnd.choice(UNITS), citizen, "officer-1",
                          created_at=created, first_contact_at=created - timedelta(minutes=rnd.randrange(3, 40)),
                          queue_ticket=f"A-{seq:03d}")
        for n in range(3):
            dossier.set_component(Component(name=f"Thành phần {n + 1}", shown_in_original=True), created)
        store.submit(dossier, now=created)
        fate = rnd.random()
        at = created + timedelta(minutes=1)
        sent = fate < (0.97 if day < today else 0.6)  # today's are still on their way, some of them
        if sent:
            store.begin_upload(dossier.id, now=at)
            if fate < 0.005:
                store.upload_rejected(dossier.id, "conflict: different content", now=at, conflict=True)
            elif fate < 0.01:
                store.upload_rejected(dossier.id, "procedure not handled here", now=at)
            else:
                code = f"000.00.13.H22-{day:%y%m%d}-{seq + 1:04d}"
                store.upload_accepted(dossier.id, code, now=at)
                if fate < 0.03:
                    store.set_province_state(dossier.id, "needs_supplement", now=at)
                wanted.setdefault("code", code)
                wanted.setdefault("day_prefix", f"000.00.13.H22-{day:%y%m%d}")
        elif fate < 0.8:
            store.begin_upload(dossier.id, now=at)
            store.upload_failed(dossier.id, "the connection failed", now=at)
        if i == count // 2:
            wanted["id_number"] = citizen.id_number
            wanted["reference"] = dossier.id[:8]
        if i and i % 10_000 == 0:
            print(f"  … {i} dossiers, {i / (time.perf_counter() - start):.0f}/s", file=sys.stderr)
    store.close()
    wanted["build_seconds"] = time.perf_counter() - start
    return wanted


def median_ms(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the store here once and reuse it")
    parser.add_argument("--runs", type=int, default=7, help="runs of each measure (the median is printed)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-counter-"))
    folder, marker = base / "store", base / "built.json"
    today = datetime.now(VIETNAM).date()
    built = json.loads(marker.read_text()) if marker.is_file() else None
    if built is None or built["count"] != args.count or built["seed"] != args.seed or built["today"] != str(today):
        shutil.rmtree(folder, ignore_errors=True)
        print(f"building a store of {args.count} dossiers in {folder}", file=sys.stderr)
        wanted = build(folder, args.count, args.seed, today)
        built = {"count": args.count, "seed": args.seed, "today": str(today), **wanted}
        base.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps(built))
        print(f"built in {built['build_seconds']:.0f} s ({args.count / built['build_seconds']:.0f} dossiers/s)")
    else:
        print(f"reusing the store of {args.count} dossiers in {folder}")

    def first_paint():
        store = Store(folder, MemoryKeyStore(KEY), "SIM-01")
        try:
            return store.counter_rows(limit=50)
        finally:
            store.close()

    t, rows = median_ms(first_paint, args.runs)
    print(f"first paint (open + counter_rows(limit=50)): {t:.1f} ms ({len(rows)} rows)  target ≤ 100 ms")
    store = Store(folder, MemoryKeyStore(KEY), "SIM-01")
    try:
        t, total = median_ms(store.counter_count, args.runs)
        print(f"counter_count(): {t:.1f} ms ({total} dossiers)")
        t, rows = median_ms(lambda: store.counter_rows(day=today, limit=50), args.runs)
        print(f"today's page (counter_rows(day=today, limit=50)): {t:.1f} ms ({len(rows)} rows)")
        t, rows = median_ms(lambda: store.counter_rows(offset=5000, limit=50), args.runs)
        print(f"page 101 (offset 5000, limit 50): {t:.1f} ms")
        t, (found, rows) = median_ms(lambda: (store.counter_count("nguyen", day=today),
                                              store.counter_rows("nguyen", day=today, limit=50)), args.runs)
        print(f"search 'nguyen' within today: {t:.1f} ms (count + first 50; {found} found)")
        t, report = median_ms(lambda: store.day_report(today), args.runs)
        print(f"day report of today: {t:.1f} ms ({report.received} received)")
        searches = [("ID number", built["id_number"]), ("name, one word", "nhung"),
                    ("name, two common words", "nguyen van"), ("name, three words", "Nguyễn Thị Lan"),
                    ("name, two common words that rarely meet", "thi van"), ("name, a common family name", "nguyen"),
                    ("code prefix (one day)", built["day_prefix"]), ("full code", built["code"]),
                    ("local reference prefix", built["reference"])]
        worst = 0.0
        for label, text in searches:
            t, (found, rows) = median_ms(lambda: (store.counter_count(text), store.counter_rows(text, limit=50)),
                                         args.runs)
            worst = max(worst, t)
            print(f"search {label}: {t:.1f} ms (count + first 50; {found} found)  target ≤ 50 ms")
        print(f"slowest search: {worst:.1f} ms")
    finally:
        store.close()
    if not args.keep:
        shutil.rmtree(base)
    return 0


if __name__ == "__main__":
    sys.exit(main())

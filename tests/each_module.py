"""Runs every test module alone, each in its own pytest, and names those that fail.

    .venv/bin/python -m tests.each_module [--jobs 2]

A test that leans on what an earlier test set up passes in the whole suite and fails here. Modules
that use the simulated station (fixed ports, one pcscd) run one at a time; the others run side by side.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USES_STATION = re.compile(r"\bstation\b")


def run(module: Path, station_lock: threading.Lock) -> tuple[Path, int, str, float]:
    started = time.monotonic()
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
            str(module.relative_to(ROOT))]
    if USES_STATION.search(module.read_text(encoding="utf-8")):
        with station_lock:
            done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    else:
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    return module, done.returncode, done.stdout + done.stderr, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="modules run side by side (default 2)")
    args = parser.parse_args()
    modules = sorted((ROOT / "tests").rglob("test_*.py"))
    lock = threading.Lock()
    failed = []
    with ThreadPoolExecutor(args.jobs) as pool:
        for module, code, output, seconds in pool.map(lambda m: run(m, lock), modules):
            name = module.relative_to(ROOT)
            last = output.strip().splitlines()[-1] if output.strip() else ""
            print(f"{'ok  ' if code == 0 else 'FAIL'} {name} ({seconds:.0f} s): {last}", flush=True)
            if code != 0:
                failed.append(name)
                print(output[-4000:], flush=True)
    if failed:
        print(f"each module alone: {len(failed)} of {len(modules)} modules fail: " + " ".join(map(str, failed)))
        return 1
    print(f"each module alone: all {len(modules)} modules pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of an officer's sign-in (a script, not a test).

    .venv/bin/python -m tests.bench.sign_in [--runs 10]

Prints the station's Argon2id parameters and the median (and min, max) time of one `verify` with them,
then the median of a whole `Store.authenticate` on a real store in a temporary folder: a right password,
a wrong one, and an unknown login (which verifies against a decoy hash, so it should cost the same).
The parameters are meant to keep one verify between about 50 and 200 ms on the 2-core stations.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.store import MemoryKeyStore, SignInRefused, Store  # noqa: E402
from kiosk.store.officers import HASHER  # noqa: E402

PASSWORD = "mật khẩu rất dài 7"


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            function()
        except SignInRefused:
            pass
        times.append((time.perf_counter() - start) * 1000)
    return times


def line(name: str, times: list[float]) -> str:
    return f"{name:<34} median {statistics.median(times):6.1f} ms  (min {min(times):.1f}, max {max(times):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    print(f"Argon2id m={HASHER.memory_cost} KiB ({HASHER.memory_cost / 1024:.0f} MiB), t={HASHER.time_cost}, "
          f"p={HASHER.parallelism}; {runs} runs each")
    encoded = HASHER.hash(PASSWORD)
    print(line("argon2 verify", timed(lambda: HASHER.verify(encoded, PASSWORD), runs)))
    with tempfile.TemporaryDirectory() as folder, Store(folder, MemoryKeyStore(), "BENCH-01") as store:
        store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD)
        print(line("authenticate, right password", timed(lambda: store.authenticate("lan.nt", PASSWORD), runs)))
        # a large lockout threshold: the failures are timed, not locked out
        print(line("authenticate, wrong password", timed(
            lambda: store.authenticate("lan.nt", "wrong password", max_attempts=10 * runs), runs)))
        print(line("authenticate, unknown login", timed(lambda: store.authenticate("nobody", PASSWORD), runs)))


if __name__ == "__main__":
    main()

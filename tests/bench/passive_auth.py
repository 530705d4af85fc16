"""Benchmark: loading the trust store (German and Dutch master lists, Vietnam's CSCA) and passive
authentication of the nine real SODs and of the virtual card's SOD.

    .venv/bin/python -m tests.bench.passive_auth [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from drivers.card.files import EF_SOD, dg_fid
from drivers.card.passive_auth import verify_sod
from drivers.card.trust import TrustStore
from drivers.card.virtual.files import build_files, write_test_trust_store
from drivers.card.virtual.profile import load_profile
from tests.card.card_helpers import PROFILES
from tests.card.pki_helpers import DE_LIST, NL_LIST, VN_CSCA, icao_file, real_sods

AT = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def _median_ms(action, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "icao"
        folder.mkdir()
        for name in (DE_LIST, NL_LIST, VN_CSCA):
            shutil.copy(icao_file(name), folder / name)
        store = TrustStore.load(folder)
        load_ms = _median_ms(lambda: TrustStore.load(folder), args.rounds)
        print(f"trust store load (DE + NL master lists + VN CSCA): {load_ms:.0f} ms median of {args.rounds}; "
              f"{store!r}, {store.summary.duplicates} duplicates, {store.summary.skipped} skipped")
        for item in real_sods():
            sod = bytes.fromhex(item["sod_hex"])
            result = verify_sod(sod, {}, store, at=AT)
            ms = _median_ms(lambda: verify_sod(sod, {}, store, at=AT), args.rounds)
            print(f"  {item['country']}: {result.status.value:<8} {result.signature_algorithm:<46} {ms:6.2f} ms")

        keys = Path(tmp) / "keys"
        write_test_trust_store(keys, Path(tmp) / "trust")
        test_store = TrustStore.load(Path(tmp) / "trust")
        files = build_files(load_profile(PROFILES[0]), keys)
        groups = {n: files[dg_fid(n)] for n in (1, 2, 13, 14, 15)}
        result = verify_sod(files[EF_SOD], groups, test_store)
        ms = _median_ms(lambda: verify_sod(files[EF_SOD], groups, test_store), args.rounds)
        size = sum(len(data) for data in groups.values())
        print(f"virtual card (5 data groups, {size} bytes hashed): {result.status.value}, "
              f"{result.signature_algorithm}, {ms:.2f} ms")


if __name__ == "__main__":
    main()

"""Benchmark: the full verified card read through the simulated station (pyscard → pcscd → vpcd →
virtual card): PACE with the CAN, COM, DG14, chip authentication, DG1, DG2 (a ~20 KB portrait), DG13,
DG15, SOD, active authentication and passive authentication against the station's trust store.

Prints, for each file-read strategy, the APDUs sent (all of them: PACE and the proofs included), bytes
read, wall time and this (reader) process's CPU time per read, the ratios to fixed 223-byte reads (the
common default of other readers), and where the time of the extended-length read goes. The virtual
card runs in its own process (`kiosk card simulate`), so the CPU time is the reader's alone.

    .venv/bin/python -m tests.bench.card_read [--reads N] [--profile NAME]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from drivers.card.access import AccessKeys
from drivers.card.apdu import ApduChannel
from drivers.card.pcsc import PcscConnection
from drivers.card.reader import CardReading
from drivers.card.trust import TrustStore
from drivers.card.virtual.profile import load_profile
from kiosk.config import load_config
from kiosk.simulated_station import Stand

ROOT = Path(__file__).resolve().parents[2]
READER = "Virtual PCD 00 00"
STRATEGIES = {
    "extended length": dict(use_extended=None),
    "short reads (largest that fits SM)": dict(use_extended=False),
    "fixed 223-byte reads (baseline)": dict(use_extended=False, max_read=223),
}


def measure(keys: AccessKeys, trust: TrustStore, reads: int, options: dict) -> dict:
    commands, wall, cpu, steps = [], [], [], []
    bytes_read = 0
    for _ in range(reads):
        with PcscConnection(READER) as connection:
            channel = ApduChannel(connection)
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            result = CardReading(keys, trust=trust, **options).read(channel)
            wall.append(time.perf_counter() - wall_start)
            cpu.append(time.process_time() - cpu_start)
        if not result.verification.genuine:
            raise SystemExit(f"the read did not prove the card genuine: {result.verification.summary()}")
        commands.append(channel.stats.commands)
        steps.append(result.timings)
        bytes_read = result.stats.bytes_read
    return {"commands": statistics.median(commands), "bytes": bytes_read,
            "wall_ms": statistics.median(wall) * 1000, "cpu_ms": statistics.median(cpu) * 1000,
            "portrait": len(result.identity.photo.data) if result.identity.photo else 0,
            "protocol": result.protocol,
            "steps_ms": {name: statistics.median(t.get(name, 0.0) for t in steps) * 1000 for name in steps[0]}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reads", type=int, default=20, help="full reads per strategy (medians are printed)")
    parser.add_argument("--profile", default="married-with-old-id")
    args = parser.parse_args()

    config = load_config(simulated=True)
    stand = Stand(config)
    was_up = all(part.up for part in stand.status())
    stand.up()
    profile = load_profile(ROOT / "resources" / "card_profiles" / f"{args.profile}.toml")
    keys = AccessKeys.from_can(profile.id_number[-6:])
    trust = TrustStore.load(config.trust_store)
    card = subprocess.Popen([sys.executable, "-m", "kiosk", "card", "simulate", "--profile", args.profile],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        card.stdout.readline()
        time.sleep(1.5)  # pcscd notices the card
        figures = {name: measure(keys, trust, args.reads, options) for name, options in STRATEGIES.items()}
    finally:
        card.terminate()
        card.wait(10)
        if not was_up:
            stand.down()

    base = figures["fixed 223-byte reads (baseline)"]
    print(f"profile {args.profile}: {base['protocol']}, portrait {base['portrait']} bytes, {base['bytes']} bytes "
          f"of files; median of {args.reads} full verified reads each")
    print(f"{'strategy':<38}{'APDUs':>7}{'wall ms':>10}{'CPU ms':>9}{'APDUs/base':>12}{'wall/base':>11}")
    for name, f in figures.items():
        print(f"{name:<38}{f['commands']:>7.0f}{f['wall_ms']:>10.1f}{f['cpu_ms']:>9.1f}"
              f"{f['commands'] / base['commands']:>12.2f}{f['wall_ms'] / base['wall_ms']:>11.2f}")
    extended = figures["extended length"]
    print("extended-length read, wall ms per step: "
          + ", ".join(f"{name} {ms:.1f}" for name, ms in extended["steps_ms"].items()))
    print(f"targets: reader CPU {extended['cpu_ms']:.1f} ms (<= 100), "
          f"APDUs {extended['commands'] / base['commands']:.2f} of the baseline (<= 0.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

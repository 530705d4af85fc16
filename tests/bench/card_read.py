"""Benchmark: a full card read through the simulated station (pyscard → pcscd → vpcd → virtual card).

Prints, for each read strategy, the APDUs sent, bytes read, wall time and this (reader) process's CPU
time per full read (COM, DG1, DG2 with a ~20 KB portrait, DG13, DG14, DG15, SOD), and the ratios to a
fixed 223-byte read size, the common default of other readers. The virtual card runs in its own
process (`kiosk card simulate`), so the CPU time is the reader's alone.

    .venv/bin/python -m tests.bench.card_read [--reads N] [--profile NAME]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from drivers.card.apdu import ApduChannel
from drivers.card.pcsc import PcscConnection
from drivers.card.reader import read_card
from drivers.card.virtual.profile import load_profile
from drivers.card.mrz import AccessKey
from kiosk.config import load_config
from kiosk.stand import Stand

ROOT = Path(__file__).resolve().parents[2]
READER = "Virtual PCD 00 00"
STRATEGIES = {
    "extended length": dict(use_extended=None),
    "short reads (largest that fits SM)": dict(use_extended=False),
    "fixed 223-byte reads (baseline)": dict(use_extended=False, max_read=223),
}


def measure(key: AccessKey, reads: int, options: dict) -> dict[str, float]:
    commands, wall, cpu = [], [], []
    bytes_read = 0
    for _ in range(reads):
        with PcscConnection(READER) as connection:
            channel = ApduChannel(connection)
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            result = read_card(channel, key, **options)
            wall.append(time.perf_counter() - wall_start)
            cpu.append(time.process_time() - cpu_start)
        commands.append(channel.stats.commands)
        bytes_read = result.stats.bytes_read
    return {"commands": statistics.median(commands), "bytes": bytes_read,
            "wall_ms": statistics.median(wall) * 1000, "cpu_ms": statistics.median(cpu) * 1000,
            "portrait": len(result.identity.photo.data) if result.identity.photo else 0}


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
    key = AccessKey.from_vietnamese_id(profile.id_number, profile.birth_date, profile.expiry)
    card = subprocess.Popen([sys.executable, "-m", "kiosk", "card", "simulate", "--profile", args.profile],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        card.stdout.readline()
        time.sleep(1.5)  # pcscd notices the card
        figures = {name: measure(key, args.reads, options) for name, options in STRATEGIES.items()}
    finally:
        card.terminate()
        card.wait(10)
        if not was_up:
            stand.down()

    base = figures["fixed 223-byte reads (baseline)"]
    print(f"profile {args.profile}: portrait {base['portrait']} bytes, {base['bytes']} bytes of files; "
          f"median of {args.reads} full reads each")
    print(f"{'strategy':<38}{'APDUs':>7}{'wall ms':>10}{'CPU ms':>9}{'APDUs/base':>12}{'wall/base':>11}")
    for name, f in figures.items():
        print(f"{name:<38}{f['commands']:>7.0f}{f['wall_ms']:>10.1f}{f['cpu_ms']:>9.1f}"
              f"{f['commands'] / base['commands']:>12.2f}{f['wall_ms'] / base['wall_ms']:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

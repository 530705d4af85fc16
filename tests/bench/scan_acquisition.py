"""Benchmark of acquisition through the scanner worker process (a script, not a test).

    .venv/bin/python -m tests.bench.scan_acquisition [--pages 10] [--dpi 300]

With libsane's test backend (a private SANE_CONFIG_DIR), prints:
- the worker's start-up and a device listing (ms);
- a feeder batch of N A4 colour pages: ms/page from the request to the page in the caller's numpy
  array, MB/s, and the same pages read by python-sane in one process (no worker) for comparison;
- the pixel hand-off alone: one A4 300 dpi colour page (26 MB) through the socket pair, ms;
- cancel: ms from `cancel()` to the end of the batch on a slow scanner;
- a frozen worker (SIGSTOP): ms until it is found hung, killed and restarted (hang_timeout 1 s).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

import numpy as np

from drivers.scanner.acquisition import AcquiredPage
from drivers.scanner.batch import BatchEnded, PageProgress, ScanRequest
from drivers.scanner.options import Source
from drivers.scanner.worker import ScannerWorker, _read_exactly, _write_all
from tests.scanner.conftest import write_sane_test_config

IN_PROCESS = """
import sys, time, sane
sane.init(); d = sane.open("test:0")
d.source = "Automatic Document Feeder"; d.mode = "Color"; d.resolution = float(sys.argv[1])
d.br_x = 210.0; d.br_y = 297.0
t = time.perf_counter(); n = 0
for _ in range(int(sys.argv[2])):
    d.start(); d.dev.snap(True, False, None); n += 1
d.cancel()
print((time.perf_counter() - t) * 1000 / n)
"""


def handoff_ms(nbytes: int, rounds: int = 5) -> tuple[float, float]:
    """Median ms to move `nbytes` over a socket pair: raw into the array (what the worker does), and
    through Connection.send_bytes/recv_bytes_into for comparison."""
    a, b = socket.socketpair()
    left, right = Connection(a.detach()), Connection(b.detach())
    data = memoryview(bytearray(os.urandom(1024)) * (nbytes // 1024))
    target = memoryview(np.empty(len(data), np.uint8)).cast("B")
    results = []
    for send, receive in ((lambda: _write_all(left.fileno(), data), lambda: _read_exactly(right.fileno(), target)),
                          (lambda: left.send_bytes(data), lambda: right.recv_bytes_into(target))):
        times = []
        for _ in range(rounds):
            sender = threading.Thread(target=send)
            t = time.perf_counter()
            sender.start()
            receive()
            sender.join()
            times.append((time.perf_counter() - t) * 1000)
        results.append(statistics.median(times))
    return results[0], results[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args()
    folder = write_sane_test_config(Path(tempfile.mkdtemp(prefix="bench-sane-")))

    t = time.perf_counter()
    worker = ScannerWorker(folder, hang_timeout=1.0)
    worker.start()
    print(f"worker start-up: {(time.perf_counter() - t) * 1000:.0f} ms")
    t = time.perf_counter()
    worker.list_devices()
    print(f"device listing: {(time.perf_counter() - t) * 1000:.1f} ms")

    request = ScanRequest("test:0", Source.ADF, dpi=args.dpi, pages=args.pages)
    t = time.perf_counter()
    pages = [e for e in worker.scan(request) if isinstance(e, AcquiredPage)]
    elapsed = time.perf_counter() - t
    size = pages[0].image.nbytes
    print(f"feeder batch: {len(pages)} pages A4 colour {args.dpi} dpi ({size / 1e6:.1f} MB each): "
          f"{elapsed * 1000 / len(pages):.1f} ms/page, {size * len(pages) / elapsed / 1e6:.0f} MB/s")
    env = dict(os.environ, SANE_CONFIG_DIR=str(folder))
    baseline = subprocess.run([sys.executable, "-c", IN_PROCESS, str(args.dpi), str(args.pages)], env=env,
                              capture_output=True, text=True, check=True)
    print(f"same pages read by python-sane in one process: {float(baseline.stdout):.1f} ms/page")
    raw, framed = handoff_ms(size)
    print(f"pixel hand-off alone, socket pair into the numpy array: {raw:.1f} ms/page raw "
          f"(Connection.send_bytes/recv_bytes_into: {framed:.1f} ms)")

    slow = {"read-delay": True, "read-delay-duration": 100000}
    cancel_at: list[float] = []
    request = ScanRequest("test:0", Source.FLATBED, dpi=100, area_mm=(100.0, 100.0), options_before_page={1: slow})
    for event in worker.scan(request):
        if isinstance(event, PageProgress) and event.lines > 0 and not cancel_at:
            cancel_at.append(time.perf_counter())
            worker.cancel()
        if isinstance(event, BatchEnded):
            print(f"cancel to end of batch (slow scanner, 100 ms per 64 KiB): "
                  f"{(time.perf_counter() - cancel_at[0]) * 1000:.0f} ms ({event.status.value})")

    frozen: list[float] = []
    for event in worker.scan(ScanRequest("test:0", Source.FLATBED, dpi=100, area_mm=(100.0, 100.0),
                                         options_before_page={1: slow})):
        if isinstance(event, PageProgress) and not frozen:
            frozen.append(time.perf_counter())
            os.kill(worker.pid, signal.SIGSTOP)
        if isinstance(event, BatchEnded):
            print(f"frozen worker found hung, killed and restarted: {(time.perf_counter() - frozen[0]) * 1000:.0f} ms "
                  f"({event.status.value}; hang_timeout {worker.hang_timeout:g} s)")
    worker.close()


if __name__ == "__main__":
    main()

"""Benchmark of the installed package (a script, not a test; as root, like the package tests).

    .venv/bin/python -m tests.bench.install [--deb dist/digitisation-point_0.1.0_amd64.deb] [--runs 3]

Builds the package with `packaging/build-deb` (or takes --deb), installs it into a fresh Debian 12 root
(tests/packaging/chroot.py: the daily debootstrapped base, apt's .debs cached), and prints:
- the build's time (a second build of the same lock reuses the staged environment: seconds),
- the .deb's size, its Installed-Size and `du` of /opt/digitisation-point,
- the install's time (apt-get install ./x.deb, dependencies from the cached .debs),
- per mode (kiosk, counter, diagnostics): the start time from exec to the window shown, i.e. until the
  program's READY=1 reaches a notify socket as systemd's would (sent from the event loop's first turn
  after the window is shown), on an Xvfb already running; the first run after the install (cold: the
  package's files never read) and the median of --runs more (warm).

Measured on the development machine (2 CPUs shared with other work), 30 November 2026, package 0.1.0:
build 42-70 s with the staged environment cached (zstd level 3); .deb 309 MiB, Installed-Size 774.5 MiB,
du /opt/digitisation-point 798.6 MiB; install 44.5 s. Start to window shown, `--runs 2`: kiosk cold
2.12 s / warm 1.54 s, counter 3.71 / 1.90 s, diagnostics 1.81 / 1.77 s; with `--drop-caches` (every
mode read from disk): kiosk 2.79 / 1.85 s, counter 3.44 / 2.39 s, diagnostics 4.61 / 2.63 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.packaging import chroot  # noqa: E402
from tests.packaging.conftest import build_package, preseed_station  # noqa: E402

MODES = ("kiosk", "counter", "diagnostics")
USER = "digitisation-point"
CONFIG = "/etc/digitisation-point/config.toml"
EXIT_AFTER = 3.0  # seconds the window stays open after it was shown


def start_xvfb(root: Path) -> tuple[subprocess.Popen, str]:
    """An Xvfb inside the root, as the station user, on a display number it picks itself."""
    server = subprocess.Popen(
        ["chroot", str(root), "/usr/bin/env", "-i", f"PATH={chroot.PATH}", "runuser", "-u", USER, "--",
         "Xvfb", "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    display = server.stdout.readline().strip()
    if not display.isdigit():
        server.kill()
        raise SystemExit(f"Xvfb did not start in the root (printed {display!r})")
    return server, f":{display}"


def drop_caches() -> None:
    """Every clean page out of the kernel's cache (the whole machine's), so the next start reads from disk."""
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def time_to_window(root: Path, mode: str, display: str, timeout: float = 120) -> tuple[float, bool]:
    """Seconds from exec of `kiosk start --mode MODE` to its READY=1, and True; from a version that sends
    no READY=1, its run time less the --exit-after delay (an upper bound: teardown included), and False."""
    name = f"digitisation-point-bench-{os.getpid()}-{mode}-{time.monotonic_ns()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind("\0" + name)  # abstract: reachable from inside the chroot (same network namespace)
        notify.settimeout(0.2)
        started = time.monotonic()
        program = subprocess.Popen(
            ["chroot", str(root), "/usr/bin/env", "-i", f"PATH={chroot.PATH}", "LANG=C.UTF-8",
             f"KIOSK_CONFIG={CONFIG}", f"DISPLAY={display}", "QT_QPA_PLATFORM=xcb", f"NOTIFY_SOCKET=@{name}",
             "runuser", "-u", USER, "--", "kiosk", "start", "--mode", mode, "--exit-after", str(EXIT_AFTER)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        shown = None
        while shown is None and program.poll() is None and time.monotonic() - started < timeout:
            try:
                if b"READY=1" in notify.recv(4096).split(b"\n"):
                    shown = time.monotonic() - started
            except socket.timeout:
                pass
        _, errors = program.communicate(timeout=timeout)
        ended = time.monotonic() - started
    if program.returncode != 0:
        raise SystemExit(f"{mode}: exit {program.returncode}:\n{errors[-2000:]}")
    return (shown, True) if shown is not None else (ended - EXIT_AFTER, False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deb", type=Path, help="an already built package (default: build one now)")
    parser.add_argument("--runs", type=int, default=3, help="warm starts per mode after the cold one (default 3)")
    parser.add_argument("--drop-caches", action="store_true",
                        help="empty the kernel's page cache before each mode's cold start (the whole machine's: "
                        "without it only the first mode started reads the shared libraries from disk)")
    args = parser.parse_args()
    reason = chroot.why_not_available()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="bench-install-") as out:
        if args.deb:
            deb = args.deb.resolve()
            print(f"package: {deb.name} (given, not built)")
        else:
            built = build_package(Path(out))
            deb = built.path
            print(f"build:                 {built.seconds:6.1f} s  (packaging/build-deb)")
        print(f".deb size:             {deb.stat().st_size / 2**20:6.1f} MiB  ({deb.name})")
        measure_installed(deb, args.runs, args.drop_caches)
    return 0


def measure_installed(deb: Path, runs: int, cold_from_disk: bool) -> None:
    with chroot.fresh_root() as root:
        preseed_station(root)
        chroot.apt_install(root, "xvfb", "xauth")  # not the package's: the display of this benchmark
        shutil.copy(deb, root / "tmp" / deb.name)
        started = time.monotonic()
        chroot.apt_install(root, f"/tmp/{deb.name}")
        installed_in = time.monotonic() - started
        installed_size = int(chroot.run_in(root, ["dpkg-query", "-W", "-f=${Installed-Size}",
                                                  "digitisation-point"]).stdout)  # KiB
        opt = int(chroot.run_in(root, ["du", "-sk", "/opt/digitisation-point"]).stdout.split()[0])
        print(f"Installed-Size:        {installed_size / 1024:6.1f} MiB")
        print(f"du /opt/digitisation-point: {opt / 1024:6.1f} MiB")
        print(f"install (apt-get install ./x.deb, dependencies from cached .debs): {installed_in:.1f} s")

        server, display = start_xvfb(root)
        try:
            cold_means = "page cache dropped before" if cold_from_disk else "first run of the mode after install"
            print(f"start → window shown (READY=1), Xvfb {display}, cold = {cold_means}:")
            for mode in MODES:
                if cold_from_disk:
                    drop_caches()
                cold, ready = time_to_window(root, mode, display)
                warm = [time_to_window(root, mode, display)[0] for _ in range(runs)]
                how = "" if ready else f"   (no READY=1 from this version: run time less {EXIT_AFTER:.0f} s)"
                print(f"  {mode:<12} cold {cold:5.2f} s   warm median {statistics.median(warm):5.2f} s "
                      f"(of {runs}: {', '.join(f'{w:.2f}' for w in warm)}){how}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())

"""A fresh Debian 12 root for the package tests: debootstrapped once a day, then extracted per test.

The base (`debootstrap --variant=minbase bookworm` from this machine's own Debian mirror, with apt's
lists fetched) is cached as a tarball, and apt's downloaded .debs in a folder bind-mounted into every
root, both under CACHE (outside the repository), so a test pays for an extraction and an unpack, not for
the downloads. Each root is a fresh extraction; /proc, /sys, /dev, /dev/pts, /dev/shm and the .deb cache
are mounted into it and always unmounted, also those a crashed earlier run left behind.
"""

from __future__ import annotations

import datetime
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CACHE = Path(os.environ.get("DP_TEST_CACHE", "/var/cache/digitisation-point-tests"))
ROOTS = Path("/var/tmp")  # each root is ROOTS/ROOT_PREFIX…, with the id of the process that made it
ROOT_PREFIX = "digitisation-point-root-"
SUITE = "bookworm"
HOST_SOURCES = (Path("/etc/apt/sources.list.d/debian.sources"), Path("/etc/apt/sources.list"))
# Services must never start inside the root: invoke-rc.d (and deb-systemd-invoke) ask this script
POLICY_RC_D = "#!/bin/sh\n# the package tests' root: no service starts here\nexit 101\n"
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class ChrootError(RuntimeError):
    pass


def why_not_available() -> str | None:
    """Why a root cannot be made on this machine, or None when it can."""
    if os.geteuid() != 0:
        return "making a Debian root (debootstrap, chroot, mount) needs root"
    if shutil.which("debootstrap") is None:
        return "debootstrap is not installed (packaging/dev setup installs it)"
    if host_mirror() is None:
        return "no Debian mirror named in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
    return None


def host_mirror(sources: tuple[Path, Path] = HOST_SOURCES) -> str | None:
    """The URI of this machine's Debian archive for SUITE (deb822 or one-line format)."""
    deb822, one_line = sources
    if deb822.is_file():
        for stanza in re.split(r"\n\s*\n", deb822.read_text()):
            fields = dict(re.findall(r"^(\w[\w-]*):\s*(.*)$", stanza, re.MULTILINE))
            if "deb" in fields.get("Types", "").split() and SUITE in fields.get("Suites", "").split():
                return fields.get("URIs", "").split()[0]
    if one_line.is_file():
        for line in one_line.read_text().splitlines():
            match = re.match(r"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+" + SUITE + r"\s", line)
            if match:
                return match.group(1)
    return None


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise ChrootError(f"{' '.join(argv)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


@contextmanager
def _locked(name: str) -> Iterator[None]:
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def debs_folder() -> Path:
    """apt's downloaded .debs, shared by every root (apt's own lock inside serialises writers)."""
    folder = CACHE / "archives"
    (folder / "partial").mkdir(parents=True, exist_ok=True)
    return folder


def base_tarball() -> Path:
    """Today's base root as a tarball, made once (atomically: a temporary name, then a rename)."""
    mirror = host_mirror()
    key = hashlib.sha256(f"{SUITE} {mirror} {_host_sources_text()} {POLICY_RC_D}".encode()).hexdigest()[:10]
    tarball = CACHE / f"{SUITE}-minbase-{datetime.date.today():%Y%m%d}-{key}.tar"
    with _locked("base"):
        if tarball.is_file():
            return tarball
        for stale in CACHE.glob("base-*"):  # a build that crashed (we hold the lock: none is running)
            unmount_all(stale)
            shutil.rmtree(stale, ignore_errors=True)
        started = time.monotonic()
        building = Path(tempfile.mkdtemp(prefix="base-", dir=CACHE))
        try:
            _run(["debootstrap", "--variant=minbase", f"--cache-dir={debs_folder()}", SUITE, str(building), mirror])
            building.chmod(0o755)  # the root's "/" (mkdtemp made it 0700: no user but root could run anything)
            _configure_base(building)
            with mounted(building):
                run_in(building, ["apt-get", "update", "-qq"])
                run_in(building, ["apt-get", "clean"])  # its .debs live in the shared cache instead
            _run(["tar", "-C", str(building), "--numeric-owner", "-cf", f"{tarball}.part", "."])
            os.replace(f"{tarball}.part", tarball)
        finally:
            shutil.rmtree(building, ignore_errors=True)
            Path(f"{tarball}.part").unlink(missing_ok=True)
        for old in CACHE.glob(f"{SUITE}-minbase-*.tar"):  # earlier days' bases
            if old != tarball:
                old.unlink(missing_ok=True)
        print(f"[chroot] debootstrapped the base in {time.monotonic() - started:.0f} s")
    return tarball


def _host_sources_text() -> str:
    return "".join(path.read_text() for path in HOST_SOURCES if path.is_file())


def _configure_base(root: Path) -> None:
    """apt reads the same archive as this machine; no service starts; no docs or translations kept."""
    deb822, one_line = HOST_SOURCES
    if deb822.is_file():
        shutil.copy(deb822, root / "etc/apt/sources.list.d/debian.sources")
        (root / "etc/apt/sources.list").unlink(missing_ok=True)
    elif one_line.is_file():
        shutil.copy(one_line, root / "etc/apt/sources.list")
    policy = root / "usr/sbin/policy-rc.d"
    policy.write_text(POLICY_RC_D)
    policy.chmod(0o755)
    (root / "etc/apt/apt.conf.d/90digitisation-point-tests").write_text(
        'APT::Install-Recommends "false";\nAPT::Keep-Downloaded-Packages "true";\n'
        'Dpkg::Use-Pty "false";\nAcquire::Retries "3";\n')


# --- mounts ------------------------------------------------------------------------------------

_MOUNTS = [  # (source, target inside the root, mount arguments), mounted in this order
    ("proc", "proc", ["-t", "proc"]),
    ("sysfs", "sys", ["-t", "sysfs", "-o", "ro"]),
    ("/dev", "dev", ["--bind"]),
    ("/dev/pts", "dev/pts", ["--bind"]),
    ("/dev/shm", "dev/shm", ["--bind"]),
]


def _mount_points_under(root: Path) -> list[str]:
    """What is mounted at or under `root` now, deepest first (/proc/mounts escapes spaces as \\040)."""
    prefix = str(root.resolve())
    points = []
    for line in Path("/proc/mounts").read_text().splitlines():
        point = line.split()[1].replace("\\040", " ")
        if point == prefix or point.startswith(prefix + "/"):
            points.append(point)
    return sorted(points, key=len, reverse=True)


def unmount_all(root: Path) -> None:
    for point in _mount_points_under(root):
        if subprocess.run(["umount", point], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", point], capture_output=True)  # busy: detach it now, freed later
    left = _mount_points_under(root)
    if left:
        raise ChrootError(f"still mounted after unmounting: {left}")


@contextmanager
def mounted(root: Path, debs: Path | None = None) -> Iterator[Path]:
    try:
        for source, target, how in _MOUNTS:
            (root / target).mkdir(parents=True, exist_ok=True)
            _run(["mount", *how, source, str(root / target)])
        if debs is not None:
            _run(["mount", "--bind", str(debs), str(root / "var/cache/apt/archives")])
        yield root
    finally:
        unmount_all(root)


def clean_stale_roots() -> None:
    """Unmount and remove the roots of earlier runs whose process is gone (a crash, a kill)."""
    for root in ROOTS.glob(ROOT_PREFIX + "*"):
        owner = root / ".owner-pid"
        try:
            pid = int(owner.read_text())
            os.kill(pid, 0)
            continue  # a live run's root
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            if time.time() - root.stat().st_mtime < 3600:
                continue  # being made right now (no owner written yet)
        unmount_all(root)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_root() -> Iterator[Path]:
    """A new root extracted from today's base, mounted; unmounted and removed afterwards."""
    clean_stale_roots()
    tarball = base_tarball()
    holder = Path(tempfile.mkdtemp(prefix=ROOT_PREFIX, dir=ROOTS))
    (holder / ".owner-pid").write_text(str(os.getpid()))
    root = holder / "root"
    root.mkdir()
    try:
        _run(["tar", "-C", str(root), "--numeric-owner", "-xf", str(tarball)])
        root.chmod(0o755)
        with mounted(root, debs_folder()):
            yield root
    finally:
        unmount_all(holder)
        shutil.rmtree(holder, ignore_errors=True)


# --- running things inside ---------------------------------------------------------------------

def run_in(root: Path, argv: list[str], user: str | None = None, env: dict[str, str] | None = None,
           check: bool = True, timeout: float = 900, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`argv` inside the root with a clean environment (as `user` via runuser when given)."""
    environment = {"PATH": PATH, "HOME": "/root", "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive",
                   "DEBCONF_NONINTERACTIVE_SEEN": "true", **(env or {})}
    inner = ["runuser", "-u", user, "--", *argv] if user else argv
    command = ["chroot", str(root), "/usr/bin/env", "-i", *(f"{k}={v}" for k, v in environment.items()), *inner]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, input=stdin)
    if check and done.returncode != 0:
        raise ChrootError(f"in the root: {' '.join(argv)} exited {done.returncode}:\n"
                          f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return done


def preseed(root: Path, answers: dict[str, tuple[str, str]]) -> None:
    """debconf answers {question: (type, value)} set inside the root before a package asks them."""
    lines = "".join(f"{question.split('/')[0]} {question} {kind} {value}\n"
                    for question, (kind, value) in answers.items())
    run_in(root, ["debconf-set-selections"], stdin=lines)


def apt(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    """apt-get inside the root, one at a time on this machine: every root shares the .deb cache, whose
    lock apt-get does not wait for (a second test run at the same time would fail at once)."""
    with _locked("apt"):
        return run_in(root, ["apt-get", "-y", "-q", *arguments])


def apt_install(root: Path, *packages: str) -> subprocess.CompletedProcess:
    return apt(root, "install", *packages)


class Stages:
    """How long each stage of a test took, printed as it goes (visible with -s)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.times: dict[str, float] = {}

    @contextmanager
    def stage(self, what: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.times[what] = time.monotonic() - started
            print(f"[{self.name}] {what}: {self.times[what]:.1f} s", flush=True)

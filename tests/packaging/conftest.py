"""Fixtures of the package tests: the packages built from this tree, and a fresh Debian 12 root.

The root tests run as root on a machine with debootstrap (CI does; `packaging/dev setup` installs it)
and are skipped with the reason elsewhere. See tests/packaging/chroot.py for what is cached where.
"""

from __future__ import annotations

import os
import subprocess
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.packaging import chroot

REPO = Path(__file__).resolve().parents[2]
BUILD_DEB = REPO / "packaging" / "build-deb"
PREVIOUS_VERSION = "0.0.9"  # there is no earlier release: the same tree, built under an earlier version
STATION_ID = "QNI-BACHE-01"
CENTER_UNIT = "06970"


def project_version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


@dataclass(frozen=True)
class Built:
    path: Path
    version: str
    seconds: float


def build_package(out: Path, version: str | None = None, zstd_level: int | None = None) -> Built:
    """`packaging/build-deb`, whose last line of output is the .deb's path."""
    started = time.monotonic()
    argv = [str(BUILD_DEB), "--out", str(out), *(["--version", version] if version else [])]
    env = {**os.environ, **({"ZSTD_LEVEL": str(zstd_level)} if zstd_level else {})}
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=1800, env=env)
    assert done.returncode == 0, f"build-deb exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    path = Path(done.stdout.strip().splitlines()[-1])
    assert path.is_file(), f"build-deb printed {path}, which is not a file"
    return Built(path, version or project_version(), time.monotonic() - started)


@pytest.fixture(scope="session")
def chroot_available():
    reason = chroot.why_not_available()
    if reason:
        pytest.skip(reason)
    if not BUILD_DEB.is_file():
        pytest.skip("packaging/build-deb is not in this tree")


@pytest.fixture(scope="session")
def station_packages(chroot_available, tmp_path_factory) -> dict[str, Built]:
    """{"previous": the tree built as PREVIOUS_VERSION, "current": as pyproject's version}."""
    out = tmp_path_factory.mktemp("debs")
    # The fastest compression: the same files (tests/packaging/test_deb.py and the benchmark build at the
    # default level), and a minute less per package on CI's two cores
    current = build_package(out, zstd_level=1)
    previous = build_package(out, PREVIOUS_VERSION, zstd_level=1)
    print(f"[packages] built {current.path.name} in {current.seconds:.1f} s, "
          f"{previous.path.name} in {previous.seconds:.1f} s", flush=True)
    return {"previous": previous, "current": current}


@pytest.fixture
def debian_root(chroot_available):
    """A fresh root (minbase bookworm), mounted, with the station's debconf answers preseeded."""
    with chroot.fresh_root() as root:
        preseed_station(root)
        yield root


def preseed_station(root: Path, remove_data_on_purge: bool = False) -> None:
    chroot.preseed(root, {
        "digitisation-point/station_id": ("string", STATION_ID),
        "digitisation-point/center_unit": ("string", CENTER_UNIT),
        "digitisation-point/purge_data": ("boolean", "true" if remove_data_on_purge else "false"),
    })

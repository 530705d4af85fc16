"""The package tests' Debian root helpers: which mirror they read, and what a crashed run left behind."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.packaging import chroot

DEB822 = """Types: deb
# a comment
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main

Types: deb-src
URIs: http://src.example/debian
Suites: bookworm

Types: deb
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
"""


def test_the_mirror_is_read_from_a_deb822_sources_file(tmp_path):
    (tmp_path / "debian.sources").write_text(DEB822)
    assert chroot.host_mirror((tmp_path / "debian.sources", tmp_path / "none")) == "http://mirror.example/debian"


def test_the_mirror_is_read_from_a_one_line_sources_list(tmp_path):
    (tmp_path / "sources.list").write_text("# old style\ndeb-src http://src.example/debian bookworm main\n"
                                           "deb [arch=amd64] http://mirror.example/debian bookworm main contrib\n")
    assert chroot.host_mirror((tmp_path / "none", tmp_path / "sources.list")) == "http://mirror.example/debian"


def test_no_bookworm_archive_gives_no_mirror(tmp_path):
    (tmp_path / "sources.list").write_text("deb http://mirror.example/debian trixie main\n")
    assert chroot.host_mirror((tmp_path / "none", tmp_path / "sources.list")) is None


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting needs root")
def test_a_crashed_runs_root_is_unmounted_and_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(chroot, "ROOTS", tmp_path)
    dead = subprocess.Popen(["true"])
    dead.wait()  # a process id that no longer runs
    live_root = tmp_path / f"{chroot.ROOT_PREFIX}live"
    (live_root / "root/proc").mkdir(parents=True)
    (live_root / ".owner-pid").write_text(str(os.getpid()))
    stale = tmp_path / f"{chroot.ROOT_PREFIX}stale"
    (stale / "root/dev/shm").mkdir(parents=True)
    (stale / ".owner-pid").write_text(str(dead.pid))
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(stale / "root/dev/shm")], check=True)
    try:
        chroot.clean_stale_roots()
        assert not stale.exists()
        assert live_root.is_dir(), "a running test's root was removed"
        assert str(tmp_path) not in open("/proc/mounts").read()
    finally:
        chroot.unmount_all(tmp_path)

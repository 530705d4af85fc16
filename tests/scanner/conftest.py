"""Scanner fixtures: libsane's `test` backend through a SANE_CONFIG_DIR of ours (no pcscd needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.scanner.worker import ScannerWorker

TEST_DEVICE = "test:0"
SMALL_AREA = (50.0, 50.0)  # mm: most tests scan small pages at low resolution to stay fast


def write_sane_test_config(folder: Path) -> Path:
    """A SANE configuration with the single `test` backend (listing every backend takes seconds)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    # an A4 page needs more than the default 200 mm; test options expose read-return-value and read-delay
    (folder / "test.conf").write_text("number_of_devices 1\ngeometry_max 300\nenable-test-options true\n")
    return folder


@pytest.fixture(scope="session")
def sane_dir(tmp_path_factory) -> Path:
    return write_sane_test_config(tmp_path_factory.mktemp("sane"))


@pytest.fixture
def scanner(sane_dir):
    """A fresh worker per test: the test backend's feeder count lives in the worker process."""
    with ScannerWorker(sane_dir, hang_timeout=10.0, stall_timeout=30.0) as worker:
        yield worker


def expected_pixels(mm: float, dpi: int) -> int:
    """The test backend's pixel count for a length in mm (SANE rounds mm × dpi / 25.4 down)."""
    return int(mm * dpi / 25.4)

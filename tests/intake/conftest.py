"""The scanner fixtures of tests/scanner (libsane's `test` backend in a private SANE_CONFIG_DIR, a fresh
worker per test) and one page pipeline for the module."""

from __future__ import annotations

import pytest

from drivers.scanner.pipeline import PagePipeline
from tests.scanner.conftest import sane_dir, scanner  # noqa: F401  (fixtures, shared as they are)


@pytest.fixture(scope="module")
def pipeline():
    with PagePipeline(workers=2) as running:
        yield running

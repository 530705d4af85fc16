"""Fixtures for the card tests: the virtual card behind an in-process transport (no pcscd)."""

from __future__ import annotations

from pathlib import Path

import pytest



@pytest.fixture(scope="session")
def key_folder(tmp_path_factory) -> Path:
    """Test PKI generated once per run (never real keys)."""
    return tmp_path_factory.mktemp("card-test-keys")

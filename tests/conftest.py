"""Shared fixtures: a configuration in a temporary folder, and the simulated station for the session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # widget tests need no screen

import pytest

from kiosk.config import load_config
from kiosk.simulated_station import Stand

ROOT = Path(__file__).resolve().parents[1]


def signing_settings(station_config) -> dict[str, str]:
    """The config keys that sign with the stand's token (its PIN file, its trust, the reference server's
    TSA): for a test's own configuration whose intakes submit."""
    return {key: str(getattr(station_config, key)) for key in (
        "signing_token", "signing_pin", "signing_pin_file", "softhsm2_conf", "tsa_url", "signature_trust")}


def write_config(folder: Path, **values) -> Path:
    values = {"station_id": "TEST-01", "center_unit": "06970", "data_dir": str(folder / "data"), **values}
    lines = [f'{key} = {value!r}' if isinstance(value, int) else f'{key} = "{value}"' for key, value in values.items()]
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return write_config(tmp_path)


@pytest.fixture
def config(config_file: Path):
    return load_config(config_file, env={})


@pytest.fixture(scope="session")
def station_config(tmp_path_factory):
    folder = tmp_path_factory.mktemp("station")
    # the trust store named in the file too, so that `kiosk card read` in a child process proves cards genuine
    trust = folder / "data" / "simulated" / "trust"
    return load_config(write_config(folder, trust_store=str(trust)), env={}, simulated=True)


@pytest.fixture(scope="session")
def station(station_config):
    """The simulated station (real pcscd with vpcd, SANE test backend), up for the whole run and kept by
    it: the next run ends or adopts what a crashed one left."""
    if not shutil.which("pcscd", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin"):
        pytest.fail("pcscd is not installed: run `packaging/dev setup`")
    stand = Stand(station_config, owner=os.getpid())
    stand.up()
    for note in stand.notes:
        print(f"\nstation: {note}")
    yield stand
    stand.down()


@pytest.fixture(autouse=True)
def _station_for_marked_tests(request):
    """A test marked `station` has the station up, whichever fixtures it asks for and whatever ran before."""
    if request.node.get_closest_marker("station"):
        request.getfixturevalue("station")


@pytest.fixture
def kiosk_env(station_config) -> dict[str, str]:
    """Environment for running `kiosk` in a child process against the session's station."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["KIOSK_CONFIG"] = str(station_config.source)
    return env

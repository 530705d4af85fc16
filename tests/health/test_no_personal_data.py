"""Nothing on the metrics endpoint identifies a citizen: after a full intake on the simulated station
(`kiosk intake run`: the virtual card behind real pcscd, libsane's test scanner, the reference server's
official code), neither `kiosk metrics` nor its JSON holds the profile's name (as read, NFC, or with its
marks folded) or any of its numbers (the 12-digit ID, its last 9 digits, the old 9-digit ID); nor does the
province's content repository, or the station's copy of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata

import pytest

from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.face import card_face
from drivers.card.virtual.profile import load_profile
from kiosk.config import load_config
from kiosk.text import fold
from tests.card.card_helpers import PROFILES
from tests.conftest import signing_settings, write_config
from tests.helpers.cards import InsertedCard
from tests.health.scrape import samples, value

pytestmark = pytest.mark.station

PROFILE = load_profile(next(p for p in PROFILES if p.stem == "married-with-old-id"))
BIRTH = "1.001193"  # Đăng ký khai sinh: the form (1), the birth certificate (2), an authorisation (3, optional)


def secrets() -> list[str]:
    name = PROFILE.full_name
    found = {name, unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name), fold(name),
             fold(name).upper(), PROFILE.id_number, PROFILE.id_number[-9:]}
    assert PROFILE.old_id, "the profile chosen has an old ID"
    found.add(PROFILE.old_id)
    return sorted(found)


def test_a_scrape_after_a_full_intake_holds_nothing_of_the_citizen(station, station_config, tmp_path):
    file = write_config(tmp_path, endpoint=station_config.endpoint, ca_bundle=str(station_config.ca_bundle),
                        client_certificate=str(station_config.client_certificate),
                        client_key=str(station_config.client_key), key_dir=str(tmp_path / "keys"),
                        station_id=station_config.station_id, trust_store=str(station_config.simulation_dir / "trust"),
                        content_root=str(station_config.content_root), **signing_settings(station_config))
    face = tmp_path / "card.png"
    card_face(PROFILE).save(face)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_CONFIG=str(file), SANE_CONFIG_DIR=str(station_config.simulation_dir / "sane"))
    card = VirtualCard.from_profile(PROFILE, station_config.simulation_dir / "card-keys")
    with InsertedCard(card):
        intake = subprocess.run(
            [sys.executable, "-m", "kiosk", "intake", "run", "--procedure", BIRTH, "--qr", str(face), "--present",
             "--unit", "06970", "--scan", "1=adf:2", "--scan", "2=adf:1", "--dpi", "200", "--consent",
             "--wait-code", "60", "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert intake.returncode == 0, intake.stderr
    assert json.loads(intake.stdout)["official_code"]

    text = subprocess.run([sys.executable, "-m", "kiosk", "metrics"], env=env, capture_output=True, text=True,
                          timeout=120)
    as_json = subprocess.run([sys.executable, "-m", "kiosk", "metrics", "--json"], env=env, capture_output=True,
                             text=True, timeout=120)
    assert text.returncode == 0 and as_json.returncode == 0, text.stderr + as_json.stderr
    found = samples(text.stdout)
    # the intake is there, as outcomes and counts only
    assert value(found, "last_outcome", kind="card_read", outcome="genuine") == 1
    assert value(found, "last_outcome", kind="scan", outcome="good") == 1
    assert value(found, "dossiers_received_today") == 1
    for secret in secrets():
        for output in (text.stdout, as_json.stdout, json.dumps(json.loads(as_json.stdout), ensure_ascii=True)):
            assert secret not in output and secret.casefold() not in output.casefold(), "a citizen's datum in a scrape"

    # nor the province's content, as served and as this station keeps it after a check
    update = subprocess.run([sys.executable, "-m", "kiosk", "content", "update"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert update.returncode == 0, update.stdout + update.stderr
    kept = load_config(file, env={}).data_dir / "content"
    files = [path for folder in (station.content_repo, kept) for path in folder.rglob("*") if path.is_file()]
    assert any(path.name.endswith("procedures_commune.json") for path in files)
    for path in files:
        data = path.read_bytes()
        for secret in secrets():
            assert secret.encode() not in data and secret.casefold().encode() not in data.lower(), \
                f"a citizen's datum in {path.name}"

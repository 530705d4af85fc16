"""The intake's presence step on the simulated station: a virtual card behind real pcscd whose DG2 holds a
real person's portrait, and a camera that is a video of a person turning their head (OpenCV reads it as
it would a webcam). The holder passes; another person, a camera that is not there and a station without a
face model each end with the officer's comparison, never a dead end. Nothing of the face is kept."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import subprocess
import sys

import numpy as np
import pytest

from drivers.biometrics.face import DlibFaceVerifier
from drivers.biometrics.fingerprint import SimulatedFingerprintReader
from drivers.card.trust import TrustStore
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.face import card_face
from drivers.card.virtual.profile import load_profile
from kiosk.catalogs import load_procedures, load_units
from kiosk.domain import Check
from kiosk.intake import ConsentText, Intake, IntakeError, IntakeSetup, keys_from_qr
from kiosk.store import open_store
from tests.card.card_helpers import PROFILES
from tests.conftest import signing_settings, write_config
from tests.helpers.cards import READER, InsertedCard
from tests.helpers.faces import dg2_portrait, head_turn_frames, write_video

pytestmark = pytest.mark.station

HOLDER, STRANGER = "030", "034"  # two young east Asian women of the fixture set


@pytest.fixture
def profile(tmp_path):
    portrait = tmp_path / "portrait.jp2"
    portrait.write_bytes(dg2_portrait(HOLDER))
    base = load_profile(next(p for p in PROFILES if p.stem == "married-with-old-id"))
    return dataclasses.replace(base, photo=portrait)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store", tmp_path / "keys", "TEST-01") as store:
        yield store


def intake_with(store, station_config, events, **presence) -> Intake:
    setup = IntakeSetup(store=store, procedures=load_procedures(), units=load_units(), center_unit="06970",
                        received_by="TEST-01", consent=ConsentText.load(),
                        trust=TrustStore.load(station_config.simulation_dir / "trust"), reader=READER, card_wait=2,
                        **presence)
    return Intake(setup, events.append)


def read(intake, profile, station_config):
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    with InsertedCard(card):
        intake.read_card(keys_from_qr(np.asarray(card_face(profile)))).result(60)


def video_of(person: str, tmp_path):
    return str(write_video(tmp_path / f"camera-{person}.avi", head_turn_frames(person)))


def test_the_card_holder_turns_their_head_and_matches_the_chip_portrait(station, station_config, store, profile,
                                                                       tmp_path, caplog):
    events = []
    intake = intake_with(store, station_config, events, camera=video_of(HOLDER, tmp_path), face=DlibFaceVerifier())
    read(intake, profile, station_config)
    caplog.set_level(logging.DEBUG)
    outcome = intake.check_face().result(60)
    assert outcome.passed and outcome.presence and outcome.score >= outcome.threshold
    codes = [e.code for e in events]
    guidance = ["face.face_camera", "face.turn_left", "face.turn_right", "face.presence_passed", "face.matched",
                "presence.recorded"]
    assert [c for c in codes if c in guidance] == guidance
    check = intake.citizen.presence[-1]
    assert (check.method, check.decision, check.score, check.threshold) == ("face", Check.PASSED, outcome.score, 0.55)
    assert set(check.to_dict()) == {"method", "decision", "at", "score", "threshold", "by"}  # never a sample
    assert intake.present
    assert profile.full_name not in caplog.text and profile.id_number not in caplog.text
    intake.end()


def test_another_persons_face_fails_and_the_officer_compares_instead(station, station_config, store, profile,
                                                                   tmp_path):
    events = []
    intake = intake_with(store, station_config, events, camera=video_of(STRANGER, tmp_path), face=DlibFaceVerifier())
    read(intake, profile, station_config)
    outcome = intake.check_face().result(60)
    assert not outcome.passed and outcome.reason == "face.mismatch" and outcome.score < outcome.threshold
    assert {"face.mismatch", "presence.failed"} <= {e.code for e in events}
    assert not intake.present
    intake.confirm_by_officer()
    assert [(p.method, p.decision) for p in intake.citizen.presence] == [("face", Check.FAILED),
                                                                         ("officer", Check.PASSED)]
    assert intake.present
    intake.end()


def test_no_camera_or_no_face_model_records_nothing_and_leaves_the_officers_way(station, station_config, store,
                                                                                profile):
    events = []
    intake = intake_with(store, station_config, events, camera="/dev/video987", face=DlibFaceVerifier())
    read(intake, profile, station_config)
    outcome = intake.check_face().result(30)
    assert (outcome.passed, outcome.decided, outcome.reason) == (False, False, "camera.missing")
    assert "camera.missing" in [e.code for e in events] and intake.citizen.presence == ()
    intake.setup.face = None
    assert intake.check_face().result(30).reason == "face.unavailable"
    intake.confirm_by_officer()
    assert intake.present
    intake.end()


def test_a_fingerprint_reader_is_another_way_through(station, station_config, store, profile):
    events = []
    reader = SimulatedFingerprintReader(score=0.82, quality=[20, 75])
    intake = intake_with(store, station_config, events, fingerprint=reader, fingerprint_threshold=0.6)
    read(intake, profile, station_config)
    outcome = intake.check_fingerprint().result(30)
    assert outcome.passed and outcome.attempts == 2
    assert [e.code for e in events if e.code.startswith("fingerprint.")] == [
        "fingerprint.place_finger", "fingerprint.poor_quality", "fingerprint.matched"]
    check = intake.citizen.presence[-1]
    assert (check.method, check.decision, check.score, check.threshold) == ("fingerprint", Check.PASSED, 0.82, 0.6)
    intake.setup.fingerprint = SimulatedFingerprintReader(reference=False)
    with pytest.raises(IntakeError) as raised:
        intake.check_fingerprint().result(30)
    assert raised.value.code == "fingerprint.no_reference"
    intake.end()


def test_kiosk_intake_run_checks_the_face_from_a_camera(station, station_config, profile, tmp_path):
    """`kiosk intake run --face CAMERA`: the check the windows run; a stranger's face alone cannot submit,
    the holder's does."""
    file = write_config(tmp_path, key_dir=str(tmp_path / "keys"),
                        trust_store=str(station_config.simulation_dir / "trust"), **signing_settings(station_config))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_CONFIG=str(file), SANE_CONFIG_DIR=str(station_config.simulation_dir / "sane"))
    face = tmp_path / "card-face.png"
    card_face(profile).save(face)

    def intake_run(person: str, *scans: str) -> subprocess.CompletedProcess:
        card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
        with InsertedCard(card):
            return subprocess.run(
                [sys.executable, "-m", "kiosk", "intake", "run", "--procedure", "1.001193", "--qr", str(face),
                 "--reader", READER, "--face", video_of(person, tmp_path), "--unit", "06970", *scans,
                 "--dpi", "200", "--consent", "--json"], env=env, capture_output=True, text=True, timeout=300)

    done = intake_run(STRANGER)
    assert done.returncode == 1 and "face.mismatch" in done.stderr
    assert "kiosk: The person at the station is not confirmed as the card holder" in done.stderr
    done = intake_run(HOLDER, "--scan", "1=flatbed", "--scan", "2=flatbed")
    assert done.returncode == 0, done.stderr
    assert "face.matched: Your face matches the card's portrait." in done.stderr
    assert [c["how"] for c in json.loads(done.stdout)["components"]][:2] == ["scanned", "scanned"]
    assert profile.full_name not in done.stderr and profile.id_number not in done.stderr

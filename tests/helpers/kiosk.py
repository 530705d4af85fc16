"""A kiosk visit on the simulated station, shared by the kiosk's tests and its benchmark: a virtual card
whose chip portrait is a fixture person's, and a camera that is a video of the card's front held up, then
that person's face turning left and right."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import cv2
import numpy as np

from drivers.card.virtual.face import card_face
from drivers.card.virtual.profile import CardProfile, load_profile
from kiosk.config import Config, load_config
from kiosk.intake.station import StationServices
from tests.card.card_helpers import PROFILES
from tests.conftest import signing_settings, write_config
from tests.helpers.faces import FRAME_SIZE, dg2_portrait, head_turn_frames, write_video

HOLDER, STRANGER = "030", "034"
CENTRE = "06970"


def profile_with_portrait(folder: Path, person: str = HOLDER) -> CardProfile:
    portrait = folder / f"portrait-{person}.jp2"
    portrait.write_bytes(dg2_portrait(person))
    base = load_profile(next(p for p in PROFILES if p.stem == "married-with-old-id"))
    return dataclasses.replace(base, photo=portrait)


def camera_video(profile: CardProfile, path: Path, person: str = HOLDER) -> Path:
    """What the kiosk's camera sees: the card's front held up (its QR code), then `person` turning their
    head left and right."""
    card = np.asarray(card_face(profile).convert("RGB"))
    scale = min(FRAME_SIZE[0] / card.shape[1], FRAME_SIZE[1] / card.shape[0])
    card = cv2.resize(card, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    frame = np.full((FRAME_SIZE[1], FRAME_SIZE[0], 3), 90, np.uint8)
    top, left = (FRAME_SIZE[1] - card.shape[0]) // 2, (FRAME_SIZE[0] - card.shape[1]) // 2
    frame[top: top + card.shape[0], left: left + card.shape[1]] = card
    return write_video(path, [frame] * 10 + head_turn_frames(person))


def kiosk_config(station_config: Config, folder: Path, camera: Path, **settings) -> Config:
    file = write_config(folder, mode="kiosk", endpoint=station_config.endpoint,
                        ca_bundle=str(station_config.ca_bundle),
                        client_certificate=str(station_config.client_certificate),
                        client_key=str(station_config.client_key), key_dir=str(folder / "keys"),
                        station_id=station_config.station_id, center_unit=CENTRE,
                        trust_store=str(station_config.simulation_dir / "trust"), camera=str(camera),
                        **{**signing_settings(station_config), **settings})
    return load_config(file, env={})


def held_texts(window) -> str:
    """Every text a widget of the window holds, shown or not, and every accessible name."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    found = [w.text() for w in window.findChildren(QLabel)] + [w.text() for w in window.findChildren(QAbstractButton)]
    return "\n".join(found + [w.accessibleName() for w in window.findChildren(QWidget)])


class Services:
    """Opens the station's services the way the kiosk does (on its worker), and closes what it opened."""

    def __init__(self, config: Config, station_config: Config) -> None:
        self._config, self._sane = config, station_config.simulation_dir / "sane"
        self.opened: list[StationServices] = []

    def __call__(self) -> StationServices:
        self.opened.append(StationServices.open(self._config, self._sane))
        return self.opened[-1]

    def close(self) -> None:
        for services in self.opened:
            services.close()

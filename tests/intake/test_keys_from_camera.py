"""The card's keys from its QR code shown to a camera (kiosk.intake.card.keys_from_camera), through the
camera driver on folders of images and a video, as the simulated station's camera plays them."""

import cv2
import numpy as np
import pytest
import segno

from drivers.card.virtual.face import card_face
from drivers.card.virtual.profile import load_profile
from kiosk.errors import StationError
from kiosk.intake.card import CardProblem, keys_from_camera
from kiosk.resources import CARD_PROFILES

PROFILE = load_profile(CARD_PROFILES / "married-with-old-id.toml")


def _card(path):
    card_face(PROFILE).save(path)


def _wall(path, text="nothing to read"):
    wall = np.full((480, 640, 3), 160, np.uint8)
    cv2.putText(wall, text, (40, 240), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (0, 0, 0), 3)
    cv2.imwrite(str(path), wall)


def test_the_card_is_found_after_frames_without_it(tmp_path):
    _wall(tmp_path / "1-wall.png")
    segno.make("https://dichvucong.gov.vn/receipt/42", error="m").save(str(tmp_path / "2-receipt.png"), scale=8,
                                                                      border=4)
    _card(tmp_path / "3-card.png")
    keys = keys_from_camera(f"folder:{tmp_path}")
    assert keys.can == PROFILE.id_number[-6:] and keys.mrz and keys.source == "QR code"


def test_another_qr_code_alone_is_named_as_not_a_cards(tmp_path):
    segno.make("https://dichvucong.gov.vn/receipt/42", error="m").save(str(tmp_path / "receipt.png"), scale=8,
                                                                      border=4)
    with pytest.raises(CardProblem) as problem:
        keys_from_camera(f"folder:{tmp_path}")
    assert problem.value.code == "card.no_qr"
    assert str(problem.value).startswith("the QR code in the image from the camera is not a chip ID card's")


def test_a_camera_without_a_card_says_what_to_do(tmp_path):
    _wall(tmp_path / "wall.png")
    with pytest.raises(CardProblem) as problem:
        keys_from_camera(f"folder:{tmp_path}")
    assert str(problem.value) == (f"camera folder:{tmp_path} saw no card's QR code: hold the card's front flat and "
                                  "still, QR code whole and in the light, and try again")


def test_a_video_of_the_card_held_up_gives_its_keys(tmp_path):
    face = np.array(card_face(PROFILE))[:, :, ::-1]
    video = tmp_path / "card.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10, (face.shape[1], face.shape[0]))
    for frame in [np.full_like(face, 90)] * 3 + [face] * 3:
        writer.write(np.ascontiguousarray(frame))
    writer.release()
    assert keys_from_camera(str(video)).can == PROFILE.id_number[-6:]


def test_a_missing_camera_is_a_station_problem():
    with pytest.raises(StationError, match="^camera /dev/video97 is not connected$"):
        keys_from_camera("/dev/video97")

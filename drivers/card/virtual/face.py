"""The printed face of a virtual card: its QR code, and a picture of the card for the simulated camera."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw

from .profile import CardProfile


def qr_text(profile: CardProfile, fields_2024: bool = True) -> str:
    """`ID12|old ID|name|birth ddmmyyyy|sex|address|issue ddmmyyyy`, with the 2024 cards' empty tail."""
    text = "|".join([profile.id_number, profile.old_id or "", profile.full_name, profile.birth_date.strftime("%d%m%Y"),
                     profile.sex, profile.permanent_address, profile.issue_date.strftime("%d%m%Y")])
    return text + ("||" if fields_2024 else "")


def qr_image(text: str, module_pixels: int = 6) -> Image.Image:
    modules = cv2.QRCodeEncoder.create().encode(text)
    big = cv2.resize(modules, None, fx=module_pixels, fy=module_pixels, interpolation=cv2.INTER_NEAREST)
    return Image.fromarray(np.pad(big, 4 * module_pixels, constant_values=255))


def card_face(profile: CardProfile) -> Image.Image:
    """A card-sized picture (85.6 × 54 mm at about 12 px/mm) with the QR where CCCD cards carry it."""
    card = Image.new("RGB", (1024, 646), (226, 236, 244))
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, 1023, 90), fill=(180, 40, 40))
    draw.text((24, 30), "CAN CUOC - SIMULATED CARD (not a real document)", fill=(255, 255, 255))
    draw.rectangle((24, 130, 264, 450), outline=(90, 90, 90), width=3)  # where the portrait sits
    qr = qr_image(qr_text(profile), module_pixels=5)
    card.paste(qr.convert("RGB"), (1024 - qr.width - 24, 110))
    return card

"""The citizen from the card: the access keys (from the QR code on the card's face, the CAN or the MRZ),
the reading with its resume after a lift, and the one conversion from the chip's Identity to the
core's CitizenSnapshot. Blocking (pcscd, the card): callers run it off any GUI thread."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import numpy as np

from drivers.card.access import AccessKeys
from drivers.card.identity import NO_EXPIRY, Identity, format_date
from drivers.card.verification import Verification
from kiosk.domain import CitizenSnapshot, Check
from kiosk.errors import CardReadError, StationError

from .messages import Message, message

NO_EXPIRY_TEXT = "Không thời hạn"


class CardProblem(CardReadError):
    """The card could not be read (exit code 6): `str()` is the sentence for the officer, `code` names the
    intake message (both languages) for the citizen."""

    def __init__(self, code: str, text: str) -> None:
        self.code = code
        super().__init__(text)

    @property
    def message(self) -> Message:
        return message(self.code)


def keys_from_qr(image: Path | np.ndarray) -> AccessKeys:
    """The card's keys from a photo of its face (a file or a camera frame)."""
    from drivers.camera.qr_reader import UnreadableImage, decode_qr

    where = f" {image}" if isinstance(image, Path) else ""
    try:
        texts = decode_qr(image)
    except (UnreadableImage, OSError) as error:
        raise CardProblem("card.no_qr", f"the image{where} cannot be used: {error}") from None
    if not texts:
        raise CardProblem("card.no_qr", f"no QR code found in the image{where}: photograph the card's front, "
                                        "flat and sharp, QR code whole")
    return _keys_from_texts(texts, where)


def _keys_from_texts(texts: list[str], where: str) -> AccessKeys:
    from drivers.card.errors import ParseError
    from drivers.card.qr import parse_card_qr

    problems = []
    for text in texts:
        try:
            return AccessKeys.from_qr(parse_card_qr(text))
        except ParseError as error:
            problems.append(str(error))
    raise CardProblem("card.no_qr", f"the QR code in the image{where} is not a chip ID card's ({problems[0]})")


def keys_from_camera(source: str | int, *, seconds: float = 20.0) -> AccessKeys:
    """The card's keys from its front shown to the camera (drivers.camera: a device, a video, a folder of
    images). Each frame is decoded in memory and zero-filled once tried (it may show a face): no image is
    written anywhere. A live camera is watched for `seconds`; a video or folder is read once through.
    Raises CardProblem (card.no_qr) when no frame held a card's QR code, StationError for a camera that
    cannot be used."""
    from drivers.camera.capture import CORRUPT_FRAME, ENDED, CameraError, open_camera
    from drivers.camera.qr_reader import decode_qr

    try:
        camera = open_camera(source)
    except CameraError as error:
        raise StationError(error.message) from None
    deadline = time.monotonic() + seconds
    refused: CardProblem | None = None  # a QR code that is not a chip ID card's
    try:
        while time.monotonic() < deadline:
            try:
                frame = camera.read()
            except CameraError as error:
                if error.code == CORRUPT_FRAME:
                    continue
                if error.code == ENDED:
                    break
                raise StationError(error.message) from None
            try:
                texts = decode_qr(frame.image)
            finally:
                frame.image.fill(0)
            if texts:
                try:
                    return _keys_from_texts(texts, " from the camera")
                except CardProblem as problem:  # another QR code (a receipt's?): the card may come next
                    refused = problem
    finally:
        camera.close()
    if refused is not None:
        raise refused
    raise CardProblem("card.no_qr", f"camera {camera.id} saw no card's QR code: hold the card's front flat and "
                                    "still, QR code whole and in the light, and try again")


def read_card(keys: AccessKeys, *, reader: str | None = None, trust=None, wait: float = 30.0,
              on_lifted: Callable[[], None] = lambda: None, on_exchange=None, attempts: int = 3,
              register: Callable[[list[str]], None] = lambda values: None):
    """Reads and verifies the card, waiting up to `wait` s for a lifted card to come back and resuming
    where it stopped. Raises CardProblem or StationError (no pcscd). `register` is given the personal
    values as they arrive, for the log redactor: the keys' before the reading, the card's after it."""
    register(key_values(keys))
    result = _read(keys, reader, trust, wait, on_lifted, on_exchange, attempts)
    register(personal_values(result.identity))
    return result


def _read(keys: AccessKeys, reader, trust, wait, on_lifted, on_exchange, attempts: int):
    from drivers.card.apdu import ApduChannel
    from drivers.card.errors import CardError, CardRemoved, SecureMessagingError, WrongAccessKey
    from drivers.card.pcsc import PcscConnection, PcscUnavailable, wait_for_card
    from drivers.card.reader import CardReading
    from drivers.card.sod import DataGroupAltered

    reading = CardReading(keys, trust=trust)
    try:
        for attempt in range(attempts):
            if attempt:
                on_lifted()
                if wait_for_card(reader, wait) is None:
                    raise CardProblem("card.not_back", "the card was not put back in time: nothing read is kept")
            try:
                with PcscConnection(reader) as connection:
                    return reading.read(ApduChannel(connection, on_exchange))
            except CardRemoved:
                if attempt == attempts - 1:
                    raise
    except PcscUnavailable as error:
        raise StationError(f"{error}: start it (`kiosk stand up` on the simulated station)") from None
    except WrongAccessKey:
        raise CardProblem("card.wrong_key", f"no access key from the {keys.source} opens this card: check the "
                          "values against the card (or photograph its QR code again) and try again") from None
    except CardRemoved as error:
        raise CardProblem("card.lifted", f"{error}: place the card on the reader again and keep it still") from None
    except DataGroupAltered as error:
        raise CardProblem("card.altered", f"the card's data is not what its issuer signed ({error}): do not "
                          "accept this card") from None
    except SecureMessagingError:
        raise CardProblem("card.unreadable", "the card's answers failed their integrity check (secure "
                          "messaging); nothing read is used: place the card on the reader again") from None
    except CardError as error:
        raise CardProblem("card.unreadable", f"the card could not be read: {error}") from None


def _check(result, performed: bool = True) -> Check:
    if result is None:
        return Check.UNAVAILABLE
    if not performed:
        return Check.NOT_DONE
    return Check.PASSED if result.passed else Check.FAILED


def verification_checks(verification: Verification | None) -> dict[str, Check]:
    """What the reading proved, as the dossier keeps it."""
    if verification is None:
        return {}
    passive = verification.passive
    return {
        "passive_auth": Check.UNAVAILABLE if passive is None else Check.PASSED if passive.valid else Check.FAILED,
        "chip_auth": _check(verification.chip, getattr(verification.chip, "performed", True)),
        "active_auth": _check(verification.active, getattr(verification.active, "performed", True)),
    }


def citizen_from_identity(identity: Identity) -> CitizenSnapshot:
    """The one conversion from what the chip said to the citizen the core works with."""
    return CitizenSnapshot(
        id_number=identity.id_number,
        full_name=identity.full_name,
        birth_date=format_date(identity.birth_date),
        sex=identity.sex,
        nationality=identity.nationality,
        ethnicity=identity.ethnicity,
        religion=identity.religion,
        home_town=identity.home_town,
        address=identity.permanent_address,
        issue_date=format_date(identity.issue_date),
        expiry=NO_EXPIRY_TEXT if identity.expiry is NO_EXPIRY else format_date(identity.expiry),
        old_id_number=identity.old_id_number or "",
        father_name=identity.father_name,
        mother_name=identity.mother_name,
        spouse_name=identity.spouse_name or "",
        verification=verification_checks(identity.verification),
    )


def personal_values(identity: Identity, keys: AccessKeys | None = None) -> list[str]:
    """Every personal value the reading brought, for the log redactor (registered while the intake
    lasts). One spelling of each is enough: the redactor matches any case, diacritics and separators
    ("15/03/1990" also masks 15-03-1990 and 15031990); the birth date's other orders are listed."""
    birth = identity.birth_date
    values = [identity.id_number, identity.id_number[-6:],  # the ID, and the CAN: its last 6 digits
              identity.document_number, identity.old_id_number or "",
              identity.full_name, identity.father_name, identity.mother_name, identity.spouse_name or "",
              identity.permanent_address, identity.home_town, identity.identifying_marks,
              format_date(birth), birth.isoformat(), birth.strftime("%y%m%d")]
    values += key_values(keys) if keys is not None else []
    return [value for value in values if value]


def key_values(keys: AccessKeys) -> list[str]:
    """The personal values in a card's access keys: the CAN, and each MRZ key's document number and
    dates (birth, expiry: yymmdd)."""
    values = [keys.can or ""]
    for key in keys.mrz:
        values += [key.document_number] + [day for day in (key.birth_date, key.expiry_date) if day.strip("0<")]
    return [value for value in values if value]

"""The verification's verdict in words: why a card read is not proven genuine."""

from drivers.card.active_auth import ActiveAuthResult
from drivers.card.chip_auth import ChipAuthResult
from drivers.card.passive_auth import PassiveAuthResult, PassiveAuthStatus
from drivers.card.verification import Verification

SIGNED = PassiveAuthResult(PassiveAuthStatus.VALID, "signed by CSCA VN")
UNKNOWN = PassiveAuthResult(PassiveAuthStatus.UNKNOWN_CSCA, "the signer's CSCA is not in the trust store")
CHIP_OK = ChipAuthResult(True, True, "CA-ECDH-AES-128", None, "the chip proved its key")
CHIP_FAILED = ChipAuthResult(True, False, "CA-ECDH-AES-128", None, "the chip's answer does not match the DG14 key")


def verification(**results) -> Verification:
    return Verification("PACE", "CAN (QR code)", **results)


def test_a_genuine_card_has_no_doubts():
    assert verification(passive=SIGNED, chip=CHIP_OK).doubts() == []


def test_each_missing_proof_is_named():
    assert verification(passive=None, chip=CHIP_OK).doubts() == [
        "passive authentication was not done: no trust store"]
    assert verification(passive=UNKNOWN, chip=CHIP_OK).doubts() == [
        "the data is not proven signed by a trusted state: the signer's CSCA is not in the trust store"]
    assert verification(passive=SIGNED, chip=CHIP_FAILED).doubts() == [
        "the chip did not prove it is the original, not a copy "
        "(chip authentication: the chip's answer does not match the DG14 key)"]
    assert verification(passive=SIGNED).doubts() == [
        "the chip did not prove it is the original, not a copy "
        "(it offers neither chip nor active authentication)"]


def test_active_authentication_alone_proves_the_chip():
    active = ActiveAuthResult(True, True, "RSA", "signature verified")
    assert verification(passive=SIGNED, chip=CHIP_FAILED, active=active).doubts() == []

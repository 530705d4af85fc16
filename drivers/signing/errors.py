"""What can go wrong with a signature, in words for the technician or the officer who can fix it."""

from __future__ import annotations


class SigningError(Exception):
    """A document could not be signed. `code` is stable (events, logs); the message is for people."""

    code = "signing.failed"


class TokenMissing(SigningError):
    code = "signing.token_missing"


class TokenLocked(SigningError):
    code = "signing.token_locked"


class WrongPin(SigningError):
    code = "signing.wrong_pin"

    def __init__(self, tries: str) -> None:
        super().__init__(f"wrong PIN for the signing token: {tries}")
        self.tries = tries


class CertificateUnusable(SigningError):
    code = "signing.certificate_unusable"


class PdfUnreadable(SigningError):
    code = "signing.pdf_unreadable"

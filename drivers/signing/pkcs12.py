"""A signing key from a PKCS#12 file: for development only (the key sits in a file a copy can take)."""

from __future__ import annotations

from pathlib import Path

from pyhanko.sign.signers import SimpleSigner

from drivers.signing.certificates import check_can_sign
from drivers.signing.errors import CertificateUnusable, WrongPin


class Pkcs12Key:
    """Same shape as token.TokenSession: `certificate`, `signer`, a context manager."""

    def __init__(self, path: Path, passphrase: str | None) -> None:
        if not path.is_file():
            raise CertificateUnusable(f"no PKCS#12 file at {path}")
        secret = passphrase.encode() if passphrase else None
        try:
            signer = SimpleSigner.load_pkcs12(str(path), passphrase=secret)
        except ValueError:
            signer = None
        if signer is None:
            raise WrongPin("the PKCS#12 file does not open with this passphrase (or is not a PKCS#12 file)")
        self.signer = signer
        self.certificate = signer.signing_cert
        check_can_sign(self.certificate)

    def close(self) -> None:
        pass

    def __enter__(self) -> "Pkcs12Key":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

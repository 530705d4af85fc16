"""The checks a signing certificate must pass before it signs, and the trust anchors that verify one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

from drivers.signing.errors import CertificateUnusable

CERTIFICATE_SUFFIXES = (".pem", ".crt", ".cer", ".der")
CRL_SUFFIXES = (".crl",)


def subject_name(certificate: asn1_x509.Certificate) -> str:
    """The certificate's common name (an organisation or an officer: never a citizen's)."""
    return certificate.subject.native.get("common_name") or certificate.subject.human_friendly


def days_left(certificate: asn1_x509.Certificate, now: dt.datetime | None = None) -> int:
    now = now or dt.datetime.now(dt.timezone.utc)
    return (certificate["tbs_certificate"]["validity"]["not_after"].native - now).days


def signing_problems(certificate: asn1_x509.Certificate, now: dt.datetime | None = None) -> list[str]:
    """Why this certificate must not sign now; empty when it may."""
    now = now or dt.datetime.now(dt.timezone.utc)
    validity = certificate["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    problems = []
    if now < not_before:
        problems.append(f"the signing certificate is not valid yet (from {not_before:%Y-%m-%d %H:%M} UTC)")
    if now > not_after:
        problems.append(f"the signing certificate expired on {not_after:%Y-%m-%d}")
    usage = certificate.key_usage_value
    if usage is not None and not ({"digital_signature", "non_repudiation"} & set(usage.native)):
        problems.append("the certificate is not for signatures (its key usage has neither digitalSignature "
                        "nor nonRepudiation)")
    return problems


def check_can_sign(certificate: asn1_x509.Certificate, now: dt.datetime | None = None) -> None:
    if problems := signing_problems(certificate, now):
        raise CertificateUnusable("; ".join(problems))


@dataclass(frozen=True)
class TrustAnchors:
    """The certificate authorities whose certificates are trusted to sign, with the CRLs known here."""

    roots: tuple[asn1_x509.Certificate, ...]
    crls: tuple[asn1_crl.CertificateList, ...] = ()
    source: str = ""

    @classmethod
    def load(cls, folder: Path) -> "TrustAnchors":
        """Every certificate (PEM or DER) and CRL in `folder`. A file that does not parse is an error
        naming it: a trust folder that silently lost an anchor would refuse every signature later."""
        if not folder.is_dir():
            raise FileNotFoundError(f"no trust folder at {folder}")
        roots, crls = [], []
        for path in sorted(folder.iterdir()):
            suffix = path.suffix.lower()
            if suffix not in CERTIFICATE_SUFFIXES + CRL_SUFFIXES:
                continue
            try:
                blocks = _der_blocks(path.read_bytes())
                if suffix in CRL_SUFFIXES:
                    crls.extend(asn1_crl.CertificateList.load(block) for block in blocks)
                else:
                    for block in blocks:
                        certificate = asn1_x509.Certificate.load(block)
                        certificate.native  # parse now, not when a signature is checked
                        roots.append(certificate)
            except ValueError as error:
                raise ValueError(f"{path.name} in the trust folder does not parse: {error}") from None
        return cls(tuple(roots), tuple(crls), str(folder))

    def own_copies(self) -> "TrustAnchors":
        """The same anchors as new objects, for one signature or verification: asn1crypto parses a
        value's fields at their first use, filling a list another thread may be reading, so objects shared
        by threads working side by side (the province's server judging a dossier's files) break."""
        return TrustAnchors(tuple(type(root).load(root.dump()) for root in self.roots),
                            tuple(type(crl).load(crl.dump()) for crl in self.crls), self.source)


def _der_blocks(data: bytes) -> list[bytes]:
    if pem.detect(data):
        return [der for _type, _headers, der in pem.unarmor(data, multiple=True)]
    return [data]


def load_certificate(data: bytes) -> asn1_x509.Certificate:
    """One certificate from PEM or DER bytes."""
    return asn1_x509.Certificate.load(_der_blocks(data)[0])

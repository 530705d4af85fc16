"""The station's trust store: CSCA certificates and ICAO master lists (ICAO 9303-12) from one folder.

A province installs the CSCAs it trusts as certificate files (.der/.cer/.crt/.pem) or as ICAO master
lists (.ml: CMS SignedData over `CscaMasterList { version, certList SET OF Certificate }`). Loading never
fails because of one bad file or one bad certificate: a file that cannot be read is listed with a one-line
reason, a certificate `cryptography` refuses (not strict DER, unusable key) is skipped and counted. A master
list's own signature is checked and the outcome recorded, for the technician: installing the file is the
trust decision, so an unverifiable list is still loaded.

Lookups serve passive authentication: the CSCAs that may have issued a document signer certificate (by its
authority key identifier, else by issuer name) and certificates by issuer and serial or key identifier.
"""

from __future__ import annotations

import hashlib
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterable, Iterator

from asn1crypto import cms, core
from asn1crypto import x509 as ax509
from cryptography import utils as crypto_utils
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from . import signatures
from .errors import CardError, ParseError
from .signatures import PublicKey

OID_CSCA_MASTER_LIST = "2.23.136.1.1.2"
CERTIFICATE_SUFFIXES = (".der", ".cer", ".crt", ".pem")
MASTER_LIST_SUFFIXES = (".ml",)


class TrustStoreError(CardError):
    """The trust store folder itself cannot be used (missing, not a folder, unreadable)."""


class _CertificateSet(core.SetOf):
    _child_spec = core.Any  # each certificate's DER goes to `cryptography` as is


class CscaMasterList(core.Sequence):
    _fields = [("version", core.Integer), ("cert_list", _CertificateSet)]


# ---------------------------------------------------------------- names and certificates


def name_key(name: x509.Name | ax509.Name) -> tuple:
    """A comparable form of a distinguished name: attribute types with values case-folded and spaces
    collapsed (RFC 5280 §7.1 in short), so PrintableString and UTF8String spellings of one name match.

    The order of the RDNs is ignored: some signers write them in another order in the SOD's signer
    identifier than in the certificate itself (a Malaysian SOD does). Names only choose candidates;
    signatures decide.
    """
    if isinstance(name, x509.Name):
        rdns = [[(a.oid.dotted_string, a.value) for a in rdn] for rdn in name.rdns]
    else:
        rdns = [[(a["type"].dotted, a["value"].native) for a in rdn] for rdn in name.chosen]
    return tuple(sorted(tuple(sorted((oid, _fold(value)) for oid, value in rdn)) for rdn in rdns))


def _fold(value) -> str:
    if isinstance(value, str):
        return " ".join(value.casefold().split())
    return bytes(value).hex() if isinstance(value, (bytes, bytearray)) else repr(value)


def _extension(certificate: x509.Certificate, kind):
    try:
        return certificate.extensions.get_extension_for_class(kind).value
    except (x509.ExtensionNotFound, x509.DuplicateExtension, x509.UnsupportedGeneralNameType, ValueError):
        return None  # absent, or extensions that cannot be parsed: lookups fall back to names


def subject_key_identifier(certificate: x509.Certificate) -> bytes | None:
    value = _extension(certificate, x509.SubjectKeyIdentifier)
    return value.digest if value is not None else None


def authority_key_identifier(certificate: x509.Certificate) -> bytes | None:
    value = _extension(certificate, x509.AuthorityKeyIdentifier)
    return value.key_identifier if value is not None else None


def country_of(name: x509.Name) -> str:
    try:
        values = name.get_attributes_for_oid(NameOID.COUNTRY_NAME)
    except ValueError:
        return "??"
    return str(values[0].value).strip().upper() if values else "??"


@contextmanager
def tolerant_parsing() -> Iterator[None]:
    """`cryptography` warns (lazily, at any access) about negative serial numbers, which old CSCAs have."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", crypto_utils.CryptographyDeprecationWarning)
        yield


def load_certificate(der: bytes) -> x509.Certificate:
    """A DER certificate through `cryptography`; ParseError if it refuses it (e.g. not strict DER)."""
    try:
        with tolerant_parsing():
            certificate = x509.load_der_x509_certificate(der)
            certificate.serial_number  # noqa: B018 - parsed lazily: fail here, not at first use
            certificate.issuer, certificate.subject  # noqa: B018
    except (ValueError, TypeError) as error:
        raise ParseError(f"certificate cannot be read ({_first_line(error)})") from None
    return certificate


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else error.__class__.__name__)[:120]


def signature_algorithm_of(certificate: x509.Certificate) -> signatures.SignatureAlgorithm:
    parsed = ax509.Certificate.load(certificate.public_bytes(Encoding.DER))
    return signatures.signature_algorithm(parsed["signature_algorithm"])


def issued_by(certificate: x509.Certificate, issuer_key: PublicKey) -> bool:
    """True if `issuer_key` signed `certificate` (any supported algorithm, explicit EC parameters included)."""
    try:
        signatures.verify(issuer_key, certificate.signature, certificate.tbs_certificate_bytes,
                          signature_algorithm_of(certificate))
    except (signatures.InvalidSignature, signatures.UnsupportedKey):
        return False
    return True


@dataclass(frozen=True, repr=False)
class TrustAnchor:
    """One certificate of the trust store with its usable public key."""

    certificate: x509.Certificate
    public_key: PublicKey
    source: str  # the file it came from
    country: str
    key_identifier: bytes | None  # subject key identifier
    fingerprint: bytes  # SHA-256 of the DER

    @classmethod
    def from_certificate(cls, certificate: x509.Certificate, source: str) -> "TrustAnchor":
        key = signatures.public_key_of(certificate)  # UnsupportedKey: the caller skips the certificate
        der = certificate.public_bytes(Encoding.DER)
        return cls(certificate, key, source, country_of(certificate.subject), subject_key_identifier(certificate),
                   hashlib.sha256(der).digest())

    @property
    def serial_number(self) -> int:
        return self.certificate.serial_number

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    def __repr__(self) -> str:
        return f"TrustAnchor({self.country}, serial {self.serial_number:X}, from {self.source})"


# ---------------------------------------------------------------- summary


class MasterListSignature(Enum):
    VERIFIED = "verified"  # signature good, the signer's certificate issued by a CSCA we hold
    SIGNER_NOT_TRUSTED = "signer not trusted"  # signature good, no CSCA we hold issued the signer's certificate
    BAD_SIGNATURE = "bad signature"
    NOT_CHECKED = "not checked"  # no signer certificate, or an algorithm we cannot check


@dataclass(frozen=True)
class MasterListReport:
    name: str
    certificates: int  # in the list
    loaded: int
    skipped: int
    signature: MasterListSignature
    detail: str  # one line: who signed, or why it was not checked

    def line(self) -> str:
        return (f"{self.name}: master list of {self.certificates} certificates, {self.loaded} loaded, "
                f"{self.skipped} skipped; signature {self.signature.value} ({self.detail})")


@dataclass(frozen=True)
class FailedFile:
    name: str
    reason: str

    def line(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass(frozen=True)
class TrustSummary:
    countries: dict[str, int] = field(default_factory=dict)  # unique certificates per subject country
    certificates: int = 0  # unique certificates loaded
    duplicates: int = 0  # the same certificate met again (master lists overlap)
    skipped: int = 0  # certificates inside readable files that cannot be used
    skip_reasons: dict[str, int] = field(default_factory=dict)
    files: int = 0  # files that gave at least one certificate
    failed_files: tuple[FailedFile, ...] = ()
    ignored_files: tuple[str, ...] = ()  # neither a certificate nor a master list by their suffix
    master_lists: tuple[MasterListReport, ...] = ()

    def lines(self) -> list[str]:
        """Plain lines for the diagnostics screen and `kiosk doctor`."""
        top = sorted(self.countries.items(), key=lambda item: (-item[1], item[0]))
        out = [f"{self.certificates} CSCA certificates from {self.files} files, {len(self.countries)} countries"
               + (f" ({', '.join(f'{c} {n}' for c, n in top)})" if top else "")]
        if self.duplicates:
            out.append(f"{self.duplicates} duplicate certificates ignored")
        if self.skipped:
            reasons = ", ".join(f"{reason}: {count}" for reason, count in sorted(self.skip_reasons.items()))
            out.append(f"{self.skipped} certificates skipped ({reasons})")
        out += [report.line() for report in self.master_lists]
        out += [f"failed: {failed.line()}" for failed in self.failed_files]
        if self.ignored_files:
            out.append(f"ignored (not .der/.cer/.crt/.pem/.ml): {', '.join(self.ignored_files)}")
        return out


# ---------------------------------------------------------------- the store


class TrustStore:
    """CSCA certificates indexed by subject name and subject key identifier."""

    def __init__(self, anchors: Iterable[TrustAnchor] = (), summary: TrustSummary | None = None) -> None:
        self.anchors: tuple[TrustAnchor, ...] = tuple(anchors)
        self._by_name: dict[tuple, list[TrustAnchor]] = {}
        self._by_key_id: dict[bytes, list[TrustAnchor]] = {}
        for anchor in self.anchors:
            self._by_name.setdefault(name_key(anchor.certificate.subject), []).append(anchor)
            if anchor.key_identifier:
                self._by_key_id.setdefault(anchor.key_identifier, []).append(anchor)
        self.summary = summary or _summarise(self.anchors)

    def __len__(self) -> int:
        return len(self.anchors)

    def __iter__(self) -> Iterator[TrustAnchor]:
        return iter(self.anchors)

    def __repr__(self) -> str:
        return f"TrustStore({len(self.anchors)} certificates, {len(self.summary.countries)} countries)"

    # -- building

    @classmethod
    def load(cls, folder: str | Path) -> "TrustStore":
        """Every certificate and master list in `folder` and its subfolders (hidden files aside)."""
        folder = Path(folder)
        if not folder.is_dir():
            raise TrustStoreError(f"trust store folder {folder} does not exist or is not a folder")
        loader = _Loader()
        try:
            paths = sorted(p for p in folder.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(folder).parts))
        except OSError as error:
            raise TrustStoreError(f"trust store folder {folder} cannot be listed ({error.strerror})") from None
        with tolerant_parsing():
            for path in paths:
                loader.add_file(path, str(path.relative_to(folder)))
            return loader.store()

    @classmethod
    def from_certificates(cls, certificates: Iterable[bytes | x509.Certificate], source: str = "memory"
                          ) -> "TrustStore":
        loader = _Loader()
        with tolerant_parsing():
            for certificate in certificates:
                der = certificate if isinstance(certificate, bytes) else certificate.public_bytes(Encoding.DER)
                loader.add_certificate_der(der, source)
            return loader.store()

    # -- lookups

    def by_name(self, name: x509.Name | ax509.Name) -> list[TrustAnchor]:
        return list(self._by_name.get(name_key(name), ()))

    def by_key_identifier(self, key_identifier: bytes) -> list[TrustAnchor]:
        return list(self._by_key_id.get(key_identifier, ()))

    def issuer_candidates(self, certificate: x509.Certificate) -> list[TrustAnchor]:
        """CSCAs that may have issued `certificate`: key identifier matches first, then issuer-name matches."""
        found: list[TrustAnchor] = []
        aki = authority_key_identifier(certificate)
        if aki:
            found += self.by_key_identifier(aki)
        found += [a for a in self.by_name(certificate.issuer) if a not in found]
        return found

    def issuers_of(self, certificate: x509.Certificate) -> list[TrustAnchor]:
        """The candidates whose key verifies the signature on `certificate`."""
        with tolerant_parsing():
            return [a for a in self.issuer_candidates(certificate) if issued_by(certificate, a.public_key)]

    def find_certificate(self, issuer: x509.Name | ax509.Name, serial_number: int) -> TrustAnchor | None:
        """A certificate of the store by issuer name and serial (a DSC a province installed, for example)."""
        wanted = name_key(issuer)
        for anchor in self.anchors:
            if anchor.serial_number == serial_number and name_key(anchor.certificate.issuer) == wanted:
                return anchor
        return None


def _summarise(anchors: Iterable[TrustAnchor], **extra) -> TrustSummary:
    anchors = list(anchors)
    countries = Counter(a.country for a in anchors)
    return TrustSummary(countries=dict(sorted(countries.items())), certificates=len(anchors), **extra)


class _Loader:
    """Accumulates anchors and problems while a folder is read; master list signatures are checked last."""

    def __init__(self) -> None:
        self.anchors: dict[bytes, TrustAnchor] = {}
        self.duplicates = 0
        self.skip_reasons: Counter[str] = Counter()
        self.files: set[str] = set()
        self.failed: list[FailedFile] = []
        self.ignored: list[str] = []
        self.master_lists: list[tuple[str, cms.SignedData, int, int, int]] = []

    def store(self) -> TrustStore:
        reports = tuple(self._check_master_list(*entry) for entry in self.master_lists)
        summary = _summarise(self.anchors.values(), duplicates=self.duplicates,
                             skipped=sum(self.skip_reasons.values()), skip_reasons=dict(self.skip_reasons),
                             files=len(self.files), failed_files=tuple(self.failed),
                             ignored_files=tuple(self.ignored), master_lists=reports)
        return TrustStore(self.anchors.values(), summary)

    def add_file(self, path: Path, name: str) -> None:
        suffix = path.suffix.lower()
        if suffix not in CERTIFICATE_SUFFIXES + MASTER_LIST_SUFFIXES:
            self.ignored.append(name)
            return
        try:
            data = path.read_bytes()
        except OSError as error:
            self.failed.append(FailedFile(name, f"cannot be read ({error.strerror})"))
            return
        try:
            if suffix in MASTER_LIST_SUFFIXES:
                self.add_master_list(data, name)
            else:
                self.add_certificate_file(data, name)
        except ParseError as error:
            self.failed.append(FailedFile(name, str(error)))

    def add_certificate_file(self, data: bytes, name: str) -> None:
        if data.lstrip().startswith(b"-----BEGIN"):
            try:
                certificates = x509.load_pem_x509_certificates(data)
            except ValueError as error:
                raise ParseError(f"not a PEM certificate that can be read ({_first_line(error)})") from None
            ders = [c.public_bytes(Encoding.DER) for c in certificates]
        else:
            try:
                load_certificate(data)
            except ParseError:
                try:  # a master list saved under a certificate's suffix
                    self.add_master_list(data, name)
                except ParseError:
                    raise ParseError("not a DER or PEM certificate, nor a master list") from None
                return
            ders = [data]
        reasons = [self.add_certificate_der(der, name, count_skips=False) for der in ders]
        if all(reasons):  # nothing usable in the file: the file fails with the first reason
            raise ParseError(f"certificate cannot be used ({reasons[0]})")
        for reason in filter(None, reasons):
            self.skip_reasons[reason] += 1

    def add_certificate_der(self, der: bytes, source: str, count_skips: bool = True) -> str | None:
        """Add one certificate; the reason it cannot be used, or None when it was added."""
        if hashlib.sha256(der).digest() in self.anchors:  # master lists overlap: no need to parse it again
            self.duplicates += 1
            self.files.add(source)
            return None
        try:
            certificate = load_certificate(der)
            anchor = TrustAnchor.from_certificate(certificate, source)
        except ParseError:
            reason = "not strict DER"
        except signatures.UnsupportedKey as error:
            reason = str(error)
        else:
            if anchor.fingerprint in self.anchors:
                self.duplicates += 1
            else:
                self.anchors[anchor.fingerprint] = anchor
            self.files.add(source)
            return None
        if count_skips:
            self.skip_reasons[reason] += 1
        return reason

    def add_master_list(self, data: bytes, name: str) -> None:
        signed, items = parse_master_list(data)
        before = sum(self.skip_reasons.values())
        loaded = sum(self.add_certificate_der(der, name) is None for der in items)
        skipped = sum(self.skip_reasons.values()) - before
        # checked once every file is in: the signer's CSCA may come from this list or from another file
        self.master_lists.append((name, signed, len(items), loaded, skipped))
        self.files.add(name)

    def _check_master_list(self, name: str, signed: cms.SignedData, count: int, loaded: int, skipped: int
                           ) -> MasterListReport:
        def report(outcome: MasterListSignature, detail: str) -> MasterListReport:
            return MasterListReport(name, count, loaded, skipped, outcome, detail)

        try:
            signers = list(signed["signer_infos"])
            carried = [c.chosen.dump() for c in (signed["certificates"] or []) if c.name == "certificate"]
            content = bytes(signed["encap_content_info"]["content"])
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            return report(MasterListSignature.NOT_CHECKED, f"signer data cannot be read ({error.__class__.__name__})")
        if len(signers) != 1:
            return report(MasterListSignature.NOT_CHECKED, f"{len(signers)} signers, expected one")
        signer_cert = None
        for der in carried:
            try:
                certificate = load_certificate(der)
            except ParseError:
                continue
            if matches_signer(signers[0]["sid"], certificate):
                signer_cert = certificate
                break
        if signer_cert is None:
            return report(MasterListSignature.NOT_CHECKED, "the signer's certificate is not in the list")
        who = signer_cert.subject.rfc4514_string()
        try:
            key = signatures.public_key_of(signer_cert)
            signatures.verify_signer_info(signers[0], content, OID_CSCA_MASTER_LIST, key)
        except signatures.UnsupportedKey as error:
            return report(MasterListSignature.NOT_CHECKED, f"signed by {who}: {error}")
        except signatures.InvalidSignature as error:
            return report(MasterListSignature.BAD_SIGNATURE, f"signed by {who}: {str(error) or 'signature invalid'}")
        wanted = name_key(signer_cert.issuer)
        for issuer in self.anchors.values():
            if name_key(issuer.certificate.subject) == wanted and issued_by(signer_cert, issuer.public_key):
                return report(MasterListSignature.VERIFIED, f"signed by {who}, issued by {issuer.subject}")
        return report(MasterListSignature.SIGNER_NOT_TRUSTED,
                      f"signed by {who}, whose issuer is not in the trust store")


def parse_master_list(data: bytes) -> tuple[cms.SignedData, list[bytes]]:
    """An ICAO CSCA master list: its CMS SignedData and the DER of every certificate it lists.

    Certificates are not parsed here (one that `cryptography` refuses must not sink the list).
    """
    try:
        content = cms.ContentInfo.load(data, strict=False)
        if content["content_type"].native != "signed_data":
            raise ParseError("not an ICAO master list (not CMS SignedData)")
        signed = content["content"]
        encapsulated = signed["encap_content_info"]
        if encapsulated["content_type"].dotted != OID_CSCA_MASTER_LIST:
            raise ParseError("not an ICAO master list (wrong content type)")
        listed = CscaMasterList.load(bytes(encapsulated["content"]))
        items = [item.dump() for item in listed["cert_list"]]
    except ParseError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
        raise ParseError(f"not an ICAO master list that can be read ({error.__class__.__name__})") from None
    return signed, items


def matches_signer(sid: cms.SignerIdentifier, certificate: x509.Certificate) -> bool:
    """Does a CMS SignerIdentifier (issuer and serial, or subject key identifier) name this certificate?"""
    try:
        if sid.name == "issuer_and_serial_number":
            return (sid.chosen["serial_number"].native == certificate.serial_number
                    and name_key(sid.chosen["issuer"]) == name_key(certificate.issuer))
        return sid.chosen.native == subject_key_identifier(certificate)
    except (ValueError, TypeError, KeyError, AttributeError):
        return False

"""Passive authentication (ICAO 9303-11 §5.1): is the data read from the chip what the issuing state signed?

`verify_sod` checks, in order: the SOD parses (tag 77, CMS SignedData, LDS security object); the signed
attributes' message digest matches the LDS security object; the document signer's signature over the
signed attributes verifies with the document signer certificate (DSC) the SOD carries, or one the trust
store holds; a CSCA of the trust store signed the DSC; DSC and CSCA were valid at the signing time (the
signing-time attribute, else `at`, else now); every data group read hashes to the SOD's value.

Every check runs and the result reports the most telling failure first:
MALFORMED > BAD_SIGNATURE (SOD) > DATA_ALTERED > BAD_SIGNATURE (DSC) > UNKNOWN_CSCA > EXPIRED_CERTIFICATE.
Altered data groups are reported as soon as the SOD's own signature holds, even when its signer is not
trusted, because they show a change on the card whoever signed it. Messages are one plain English line
for the officer (the UI translates) and never carry personal data: an SOD holds only hashes, and the
certificates' countries and serial numbers are all we name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from asn1crypto import cms, core
from cryptography import x509

from . import signatures
from .errors import ParseError
from .sod import DataGroupAltered, SecurityObject, altered_data_groups, parse_sod
from .trust import (TrustAnchor, TrustStore, country_of, load_certificate, matches_signer, signature_algorithm_of,
                    tolerant_parsing)


class PassiveAuthStatus(Enum):
    VALID = "valid"
    DATA_ALTERED = "data altered"
    UNKNOWN_CSCA = "unknown CSCA"
    EXPIRED_CERTIFICATE = "expired certificate"
    BAD_SIGNATURE = "bad signature"
    NO_SOD = "no SOD"
    MALFORMED = "malformed"


class FailedPart(Enum):
    """Which signature or certificate a BAD_SIGNATURE or EXPIRED_CERTIFICATE result is about."""

    SOD_SIGNATURE = "SOD signature"  # the document signer's signature on the security object
    DSC_SIGNATURE = "DSC signature"  # the CSCA's signature on the document signer certificate
    DOCUMENT_SIGNER = "document signer certificate"
    CSCA = "CSCA certificate"


@dataclass(frozen=True)
class PassiveAuthResult:
    status: PassiveAuthStatus
    message: str  # one line for the officer, no personal data
    failed: FailedPart | None = None
    altered_groups: tuple[int, ...] = ()  # read, and not matching (or not covered by) the SOD
    groups_checked: tuple[int, ...] = ()  # read and compared with the SOD
    groups_not_read: tuple[int, ...] = ()  # listed in the SOD, not read
    hash_algorithm: str | None = None  # of the data group hashes (hashlib name)
    signature_algorithm: str | None = None  # of the SOD signature, e.g. "ECDSA with SHA-256"
    dsc_country: str | None = None
    dsc_serial: int | None = None
    csca_country: str | None = None
    csca_serial: int | None = None
    signing_time: dt.datetime | None = None  # from the SOD's signed attributes, if present
    checked_at: dt.datetime | None = None  # the time certificate validity was judged at

    @property
    def valid(self) -> bool:
        return self.status is PassiveAuthStatus.VALID


_NO_SOD_MESSAGE = "The card has no security object (SOD): its data cannot be verified"


def verify_sod(sod_bytes: bytes | None, data_groups: dict[int, bytes], trust: TrustStore, *,
               at: dt.datetime | None = None) -> PassiveAuthResult:
    """Passive authentication of the data groups read (`{number: file bytes}`) against the card's EF.SOD."""
    if not sod_bytes:
        return PassiveAuthResult(PassiveAuthStatus.NO_SOD, _NO_SOD_MESSAGE,
                                 groups_checked=(), groups_not_read=())
    with tolerant_parsing():
        check = _Check(sod_bytes, data_groups, trust, at)
        try:
            return check.run()
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
            # a structure no step above foresaw: the SOD is not trusted, and the station carries on
            return _malformed(f"unexpected structure ({error.__class__.__name__})", **check.fields)


def _malformed(reason: str, **fields) -> PassiveAuthResult:
    return PassiveAuthResult(PassiveAuthStatus.MALFORMED,
                             f"The card's security object (SOD) cannot be checked: {reason}", **fields)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


def _valid_at(certificate: x509.Certificate, moment: dt.datetime) -> bool:
    return certificate.not_valid_before_utc <= moment <= certificate.not_valid_after_utc


class _Check:
    def __init__(self, sod_bytes: bytes, data_groups: dict[int, bytes], trust: TrustStore,
                 at: dt.datetime | None) -> None:
        self.sod_bytes = sod_bytes
        self.data_groups = data_groups
        self.trust = trust
        self.at = at
        self.fields: dict = {}

    def result(self, status: PassiveAuthStatus, message: str, failed: FailedPart | None = None
               ) -> PassiveAuthResult:
        return PassiveAuthResult(status, message, failed, **self.fields)

    def run(self) -> PassiveAuthResult:
        try:
            sod = parse_sod(self.sod_bytes)
        except ParseError as error:
            return _malformed(str(error))
        read = sorted(self.data_groups)
        altered = altered_data_groups(sod, self.data_groups)
        self.fields.update(altered_groups=tuple(altered), groups_checked=tuple(read),
                           groups_not_read=tuple(sorted(set(sod.hashes) - set(read))),
                           hash_algorithm=sod.hash_algorithm)
        try:
            signer, signing_time, dsc = self._signer(sod)
        except ParseError as error:
            return _malformed(str(error), **self.fields)
        moment = signing_time or _utc(self.at or dt.datetime.now(dt.timezone.utc))
        dsc_country = country_of(dsc.subject)
        self.fields.update(signing_time=signing_time, checked_at=moment, dsc_country=dsc_country,
                           dsc_serial=dsc.serial_number)

        # 1. the document signer signed this LDS security object
        try:
            algorithm = signatures.verify_signer_info(signer, sod.encapsulated, sod.content_type,
                                                      signatures.public_key_of(dsc))
        except signatures.UnsupportedKey as error:
            return _malformed(str(error), **self.fields)
        except signatures.MessageDigestMismatch:
            return self.result(PassiveAuthStatus.BAD_SIGNATURE,
                               "The security object's (SOD) content does not match its signed digest: "
                               "the SOD was changed after signing", FailedPart.SOD_SIGNATURE)
        except signatures.InvalidSignature:
            return self.result(PassiveAuthStatus.BAD_SIGNATURE,
                               "The security object's (SOD) signature does not verify with its document "
                               "signer certificate: the SOD was changed or forged", FailedPart.SOD_SIGNATURE)
        self.fields["signature_algorithm"] = str(algorithm)

        # 2. a trusted CSCA issued the document signer certificate
        chain = self._chain(dsc, moment)
        if altered:  # the signature holds, so these groups differ from what the signer signed
            return self.result(PassiveAuthStatus.DATA_ALTERED, str(DataGroupAltered(altered)))
        if chain is not None:
            return chain
        return self.result(PassiveAuthStatus.VALID,
                           f"Passive authentication passed: the data is signed by a document signer of "
                           f"{dsc_country} under a trusted CSCA")

    def _signer(self, sod: SecurityObject) -> tuple[cms.SignerInfo, dt.datetime | None, x509.Certificate]:
        try:
            signers = list(sod.signed_data["signer_infos"])
            if len(signers) != 1:
                raise ParseError(f"it has {len(signers)} signers, ICAO 9303 requires one")
            signer = signers[0]
            sid = signer["sid"]
            signing_time = None
            attributes = signer["signed_attrs"]
            for attribute in () if isinstance(attributes, core.Void) else attributes:
                if attribute["type"].native == "signing_time":
                    signing_time = _utc(attribute["values"][0].native)
            carried = [c.chosen.dump() for c in (sod.signed_data["certificates"] or []) if c.name == "certificate"]
        except ParseError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
            raise ParseError(f"its signer information cannot be read ({error.__class__.__name__})") from None
        unreadable = 0
        for der in carried:
            try:
                certificate = load_certificate(der)
            except ParseError:
                unreadable += 1
                continue
            if matches_signer(sid, certificate):
                return signer, signing_time, certificate
        anchor = self._dsc_from_store(sid)
        if anchor is not None:
            return signer, signing_time, anchor.certificate
        if unreadable:
            raise ParseError("its document signer certificate cannot be read")
        raise ParseError("the document signer certificate it names is neither in the SOD nor in the trust store")

    def _dsc_from_store(self, sid: cms.SignerIdentifier) -> TrustAnchor | None:
        try:
            if sid.name == "issuer_and_serial_number":
                return self.trust.find_certificate(sid.chosen["issuer"], sid.chosen["serial_number"].native)
            found = self.trust.by_key_identifier(sid.chosen.native)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        return found[0] if found else None

    def _chain(self, dsc: x509.Certificate, moment: dt.datetime) -> PassiveAuthResult | None:
        """None when a trusted CSCA issued the DSC and both were valid at `moment`; else the failure."""
        country = self.fields["dsc_country"]
        candidates = self.trust.issuer_candidates(dsc)
        if not candidates:
            if not len(self.trust):
                return self.result(PassiveAuthStatus.UNKNOWN_CSCA,
                                   f"No CSCA certificates are installed on this station: the document signer "
                                   f"of {country} cannot be checked")
            return self.result(PassiveAuthStatus.UNKNOWN_CSCA,
                               f"The document signer of {country} was not issued by any CSCA in this "
                               f"station's trust store")
        try:
            algorithm = signature_algorithm_of(dsc)
        except signatures.UnsupportedKey as error:
            return _malformed(f"document signer certificate: {error}", **self.fields)
        issuers = []
        for anchor in candidates:
            try:
                signatures.verify(anchor.public_key, dsc.signature, dsc.tbs_certificate_bytes, algorithm)
            except (signatures.InvalidSignature, signatures.UnsupportedKey):
                continue
            issuers.append(anchor)
        if not issuers:
            first = candidates[0]
            self.fields.update(csca_country=first.country, csca_serial=first.serial_number)
            return self.result(PassiveAuthStatus.BAD_SIGNATURE,
                               f"The document signer certificate of {country} does not verify with the CSCA it "
                               f"names: it was not issued by that CSCA", FailedPart.DSC_SIGNATURE)
        # a CSCA renewed with the same key appears twice (self-signed and link): prefer one valid then
        csca = next((a for a in issuers if _valid_at(a.certificate, moment)), issuers[0])
        self.fields.update(csca_country=csca.country, csca_serial=csca.serial_number)
        day = moment.date().isoformat()
        if not _valid_at(dsc, moment):
            return self.result(PassiveAuthStatus.EXPIRED_CERTIFICATE,
                               f"The document signer certificate ({country}, serial {dsc.serial_number:X}) "
                               f"was not valid on {day}, when the data was signed or checked",
                               FailedPart.DOCUMENT_SIGNER)
        if not _valid_at(csca.certificate, moment):
            return self.result(PassiveAuthStatus.EXPIRED_CERTIFICATE,
                               f"The CSCA certificate ({csca.country}, serial {csca.serial_number:X}) was not "
                               f"valid on {day}, when the data was signed or checked", FailedPart.CSCA)
        return None

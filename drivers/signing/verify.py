"""Verifying a signed PDF: is each signature sound, by a trusted certificate, over the unchanged
document, with a valid timestamp? Each failure in words an officer can act on."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict, dataclass, field

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from drivers.signing import cms_names_ready
from drivers.signing.certificates import TrustAnchors, subject_name
from drivers.signing.errors import PdfUnreadable
from drivers.signing.pades import B_B, B_LT, B_T

_TRUST_WORDS = {
    AdESFailure.REVOKED: "the signer's certificate has been revoked",
    AdESFailure.NOT_YET_VALID: "the signer's certificate was not yet valid when it signed",
    AdESIndeterminate.REVOKED_NO_POE: "the signer's certificate has been revoked",
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE: "the signer's certificate has expired (or was not valid when it signed)",
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED: "the signer's certificate has expired (or was not valid when it signed)",
    AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND: "the signer's certificate does not chain to a trusted certificate authority",
    AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE: "the signer's certificate does not chain to a trusted certificate authority",
    AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE: "the signer's certificate chain breaks a rule (key usage or CA constraints)",
    AdESIndeterminate.TRY_LATER: "the revocation status of the signer's certificate is not known yet",
}

_ALLOWED_LATER = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


@dataclass(frozen=True)
class SignatureCheck:
    """One signature's verdict. `problems` is empty exactly when `ok`."""

    field: str
    signer: str  # the certificate's common name: the centre or an officer
    signed_at: str | None  # ISO 8601: the timestamp's time where there is one, else the signer's claim
    level: str  # B-B, B-T or B-LT
    reason: str
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the signature matches the certificate's key
    trusted: bool  # the certificate chains to a trust anchor and is in force
    covers_document: bool  # nothing but allowed additions came after the signature
    timestamp_ok: bool | None  # None: no timestamp
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Verification:
    signatures: tuple[SignatureCheck, ...] = ()
    problems: tuple[str, ...] = field(default=())  # about the document as a whole

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and not self.problems and all(s.ok for s in self.signatures)

    def all_problems(self) -> list[str]:
        return list(self.problems) + [f"{s.field}: {p}" for s in self.signatures for p in s.problems]

    def as_dict(self) -> dict:
        return {"ok": self.ok, "problems": list(self.problems),
                "signatures": [asdict(s) | {"ok": s.ok, "problems": list(s.problems)} for s in self.signatures]}


def verify_pdf(data: bytes, trust: TrustAnchors, at: dt.datetime | None = None) -> Verification:
    """Every signature of the PDF, against `trust` (and the revocation data the document carries)."""
    cms_names_ready()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_regular_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise PdfUnreadable(f"the file is not a readable PDF ({error.__class__.__name__})") from None
    if not signatures:
        return Verification(problems=("the document is not signed",))
    dss = _dss(reader)
    trust = trust.own_copies()
    checks = []
    for signature in signatures:
        settings = dict(trust_roots=list(trust.roots), crls=list(trust.crls), allow_fetching=False,
                        revocation_mode="soft-fail", moment=at)
        context = dss.as_validation_context(settings) if dss is not None else ValidationContext(**settings)
        try:
            status = validate_pdf_signature(signature, context)
        except (PdfError, ValueError, KeyError, TypeError) as error:
            checks.append(SignatureCheck(signature.field_name, "", None, B_B, "", False, False, False, False, None,
                                         (f"the signature cannot be read ({error.__class__.__name__})",)))
            continue
        checks.append(_check(signature, status, dss))
    return Verification(tuple(checks))


def _dss(reader) -> DocumentSecurityStore | None:
    """The revocation data the document carries (PAdES B-LT), or None."""
    try:
        return DocumentSecurityStore.read_dss(reader)
    except (NoDSSFoundError, PdfError, KeyError, TypeError, ValueError):
        return None


def _check(signature, status, dss: DocumentSecurityStore | None) -> SignatureCheck:
    problems = []
    if not status.intact:
        problems.append("the document was changed after it was signed (its bytes no longer match the signature)")
    elif not status.valid:
        problems.append("the signature does not match the signer's certificate")
    if status.intact and status.valid and not status.trusted:
        problems.append(_TRUST_WORDS.get(status.trust_problem_indic,
                                         "the signer's certificate is not trusted here"
                                         + (f" ({status.trust_problem_indic.standard_name})"
                                            if status.trust_problem_indic else "")))
    # later revisions may add signatures, timestamps and revocation data, nothing else
    covers = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and status.docmdp_ok is not False
        and status.modification_level in _ALLOWED_LATER)
    if not covers:
        problems.append("content was added to the document after it was signed")
    timestamp = status.timestamp_validity
    timestamp_ok = None
    if timestamp is not None:
        timestamp_ok = bool(timestamp.intact and timestamp.valid and timestamp.trusted)
        if not timestamp_ok:
            problems.append("the timestamp is not valid or its authority is not trusted")
    signed_at = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    level = B_B if timestamp is None else B_LT if dss is not None and (dss.crls or dss.ocsps) else B_T
    reason = str(signature.sig_object.get("/Reason", ""))
    return SignatureCheck(signature.field_name, subject_name(status.signing_cert),
                          signed_at.isoformat() if signed_at else None, level, reason,
                          bool(status.intact), bool(status.valid), bool(status.trusted), covers, timestamp_ok,
                          tuple(problems))

"""Signing a PDF with PAdES: baseline B-B, B-T with an RFC 3161 timestamp, B-LT with revocation data.

The signature is an incremental update: the scanned pages, their images and the PDF/A metadata stay
byte for byte what they were, so a compliant copy stays compliant. What cannot be reached (the
timestamp server, the revocation data) lowers the level with a warning and never stops the signature.
"""

from __future__ import annotations

import asyncio
import functools
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import requests
from pkcs11.exceptions import PKCS11Error
from asn1crypto import tsp
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.general import SigningError as PyhankoSigningError
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

from drivers.signing import cms_names_ready
from drivers.signing.certificates import TrustAnchors
from drivers.signing.errors import PdfUnreadable, SigningError, TokenMissing

log = logging.getLogger(__name__)

B_B, B_T, B_LT = "B-B", "B-T", "B-LT"
LEVELS = (B_B, B_T, B_LT)
FIELD_PREFIX = "Signature"


@dataclass(frozen=True)
class SignatureDetails:
    """What the signature records besides the certificate: the reason (the dossier's local reference)
    and where and by whom (the centre, and the officer signed in). No citizen's data."""

    reason: str
    location: str = ""
    name: str = ""


@dataclass(frozen=True)
class Timestamping:
    """The province's timestamp server (RFC 3161 over HTTP or HTTPS)."""

    url: str
    ca_bundle: Path | None = None  # for an https:// server with a private CA
    timeout: float = 5.0
    # (certificate, key) for a TSA that asks for the client's certificate, as the province's server does
    client_certificate: tuple[Path, Path] | None = None


@dataclass
class Signed:
    data: bytes
    level: str
    warnings: list[str] = field(default_factory=list)


class _HttpTimeStamper(TimeStamper):
    """pyhanko's timestamp client, with the CA bundle an https:// TSA of the province needs."""

    def __init__(self, settings: Timestamping) -> None:
        super().__init__()
        self.settings = settings

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        def post() -> bytes:
            response = requests.post(self.settings.url, data=req.dump(), timeout=self.settings.timeout,
                                     headers={"Content-Type": "application/timestamp-query"},
                                     verify=str(self.settings.ca_bundle) if self.settings.ca_bundle else True,
                                     cert=tuple(map(str, client)) if (client := self.settings.client_certificate) else None)
            if response.status_code != 200 or response.headers.get("Content-Type") != "application/timestamp-reply":
                raise TimestampRequestError(f"the timestamp server answered {response.status_code}")
            return response.content

        try:
            return tsp.TimeStampResp.load(await asyncio.to_thread(post))
        except requests.RequestException as error:
            raise TimestampRequestError(f"the timestamp server is unreachable ({error.__class__.__name__})") from None


@functools.lru_cache(maxsize=4)
def _timestamper(settings: Timestamping) -> _HttpTimeStamper:
    """One client per server: pyhanko keeps its first (size-estimating) answer, so each later signature
    asks the server once instead of twice."""
    return _HttpTimeStamper(settings)


def sign_pdf(data: bytes, signer: signers.Signer, details: SignatureDetails, *,
             timestamping: Timestamping | None = None, revocation: TrustAnchors | None = None) -> Signed:
    """Signs the whole document in a new signature field. B-T when `timestamping` answers, B-LT when
    `revocation` (the trust anchors and CRLs known here) also gives the chain's revocation data."""
    warnings: list[str] = []
    timestamper = _timestamper(timestamping) if timestamping else None
    attempts = []
    if timestamper is not None and revocation is not None:  # B-LT builds on B-T: no timestamp, no B-LT
        revocation = revocation.own_copies()
        attempts.append((timestamper, ValidationContext(
            trust_roots=list(revocation.roots), crls=list(revocation.crls), allow_fetching=False,
            revocation_mode="hard-fail")))
    if timestamper is not None:
        attempts.append((timestamper, None))
    attempts.append((None, None))
    timestamp_failed = False
    for stamp, embed in attempts:
        if stamp is not None and timestamp_failed:
            continue  # the timestamp server is asked once
        try:
            signed = _sign(data, signer, details, stamp, embed)
        except TimestampRequestError as error:
            timestamp_failed = True
            warnings.append(f"{error}: signed without a timestamp (PAdES B-B)")
            log.warning("timestamp server unreachable: signing without a timestamp")
            continue
        except (PathBuildingError, PathValidationError, PyhankoSigningError) as error:
            if embed is None:
                raise SigningError(f"the signature could not be made: {error}") from None
            warnings.append("the revocation data for the signing certificate is not available here: "
                            "signed without it (no PAdES B-LT)")
            log.warning("revocation data unavailable: signing without embedding it (%s)", error.__class__.__name__)
            continue
        level = B_LT if embed is not None and stamp is not None else B_T if stamp is not None else B_B
        return Signed(signed, level, warnings)
    raise SigningError("the signature could not be made")  # unreachable: the last attempt raises or returns


def _sign(data: bytes, signer, details: SignatureDetails, timestamper, context) -> bytes:
    cms_names_ready()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise PdfUnreadable(f"the file is not a PDF that can be signed ({error.__class__.__name__})") from None
    if "/Metadata" in writer.root:
        _producer_as_in_xmp(writer)
    existing = {name for name, _value, _ref in _fields(writer)}
    number = 1
    while f"{FIELD_PREFIX}{number}" in existing:
        number += 1
    metadata = signers.PdfSignatureMetadata(
        field_name=f"{FIELD_PREFIX}{number}", subfilter=SigSeedSubFilter.PADES, reason=details.reason,
        location=details.location or None, name=details.name or None,
        embed_validation_info=context is not None, validation_context=context,
        use_pades_lta=False)
    try:
        out = signers.sign_pdf(writer, metadata, signer=signer, timestamper=timestamper)
    except PdfError as error:
        raise PdfUnreadable(f"the PDF could not be signed: {error}") from None
    except PKCS11Error as error:
        raise TokenMissing(f"the signing token failed while signing ({error.__class__.__name__}): "
                           "check that it is plugged in") from None
    return out.getvalue()


def _producer_as_in_xmp(writer: IncrementalPdfFileWriter) -> None:
    """A PDF/A copy stays PDF/A: pyhanko's update writes its own name as the XMP's pdf:Producer but appends
    it to the document information's /Producer, and PDF/A wants the two to agree (ISO 19005-2, 6.6.2.3).
    The information then says what the XMP says (the scanner's producer stays in the first revision)."""
    try:
        reference = writer.trailer.raw_get("/Info")
    except KeyError:
        return
    if isinstance(reference, generic.IndirectObject):
        info = reference.get_object()
        info["/Producer"] = generic.TextStringObject(VENDOR)
        writer.update_container(info)


def _fields(writer):
    try:
        return list(enumerate_sig_fields(writer, filled_status=None))
    except (PdfError, KeyError, TypeError):
        return []

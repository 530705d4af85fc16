"""Dossiers with real PDFs-to-be for the sync tests, stored in a real store."""

from __future__ import annotations

import atexit
import hashlib
import io
import os
import shutil
import tempfile
import threading
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from drivers.signing import cms_names_ready
from drivers.signing.certificates import load_certificate
from kiosk.domain import CitizenSnapshot, Component, Document, Dossier, WalletItem
from sync.protocol import AuditChain
from sync.reference_pki import SigningPki, make_signing_pki


class Clock:
    def __init__(self, start: datetime | None = None) -> None:
        # An hour ago: dossiers submitted "now" by real-clock code are due at once
        self.now = start or datetime.now(timezone.utc) - timedelta(hours=1)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Chain:
    """A station's audit log for tests that call the client without a store: a row more at each `next()`."""

    def __init__(self) -> None:
        self.id = uuid.uuid4().hex
        self.hashes: list[str] = []

    def hash_at(self, seq: int) -> str | None:
        return self.hashes[seq - 1] if 0 < seq <= len(self.hashes) else None

    def next(self) -> AuditChain:
        self.hashes.append(hashlib.sha256(f"{self.id}/{len(self.hashes)}".encode()).hexdigest())
        return AuditChain(self.id, (len(self.hashes), self.hashes[-1]), None, self.hash_at)


# --- signed PDFs: the reference server refuses a file whose signature does not verify ---------------

MIN_PDF = 4_700  # a page and a PAdES signature (its CMS with the certificate chain) take about 4.7 kB
_signing_lock = threading.Lock()
_signing_ca: SigningPki | None = None
_signers: dict[Path, SimpleSigner] = {}
# pyhanko as drivers/signing/pades.py calls it, with a fixed room for the signature: the same payload
# then always gives the same size (an estimated room varies by a few bytes)
_SIGNATURE = signers.PdfSignatureMetadata(field_name="Signature1", subfilter=SigSeedSubFilter.PADES,
                                          reason="sync test")
_payload: dict[int, int] = {}  # size of the signed PDF → the payload that last gave it


def signing_ca() -> SigningPki:
    """The sync tests' signing CA: one per test process, in a temporary folder removed at exit. The
    tests' reference servers trust it, and `pdf()` signs with a key it certified."""
    global _signing_ca
    with _signing_lock:
        if _signing_ca is None:
            folder = Path(tempfile.mkdtemp(prefix="sync-signing-ca-"))
            atexit.register(shutil.rmtree, folder, True)
            _signing_ca = make_signing_pki(folder)
        return _signing_ca


def _signer(pki: SigningPki) -> SimpleSigner:
    """An in-memory key certified by `pki` (fast: no token); one per CA and process."""
    with _signing_lock:
        if pki.folder not in _signers:
            key = ec.generate_private_key(ec.SECP256R1())
            certificate = pki.issue(key.public_key(), "Test centre (sync tests)")
            _signers[pki.folder] = SimpleSigner(
                signing_cert=load_certificate(certificate.public_bytes(serialization.Encoding.DER)),
                signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
                    serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
                cert_registry=SimpleCertificateStore.from_certs([load_certificate(pki.ca.read_bytes())]))
        return _signers[pki.folder]


def unsigned_pdf(payload: int) -> bytes:
    """A one-page PDF carrying `payload` random bytes in a stream of its own (so that every one differs)."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
               b"<</Length %d>>stream\n" % payload + os.urandom(payload) + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf(size: int, signing: SigningPki | None = None) -> bytes:
    """A PDF of exactly `size` bytes (at least MIN_PDF), random, signed (PAdES B-B) by a key that the
    signing CA `signing` certified (default: `signing_ca()`, which the sync tests' servers trust)."""
    if size < MIN_PDF:
        raise ValueError(f"a signed test PDF takes at least {MIN_PDF} bytes")
    signer = _signer(signing or signing_ca())
    payload = _payload.get(size) or size - 4_690
    for _ in range(5):  # what signing adds depends a little on the offsets, hence on the payload: aim again
        cms_names_ready()
        signed = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(unsigned_pdf(payload))), _SIGNATURE,
                                  signer=signer, bytes_reserved=2600).getvalue()
        if len(signed) == size:
            _payload[size] = payload
            return signed
        payload -= len(signed) - size
    raise AssertionError(f"no signed PDF of exactly {size} bytes")


def submitted(store, clock: Clock, sizes=(20_000, 5_000), unit: str = "06970", wallet=(),
              signing: SigningPki | None = None) -> Dossier:
    """A dossier submitted with e-wallet items: `wallet` lists, per item, None for one made from the
    first component's PDF, or the size of a PDF of its own. Its PDFs are signed by a key `signing`
    (default `signing_ca()`) certified."""
    dossier = Dossier(procedure_code="1.001193", receiving_unit=unit, competent_unit=unit,
                      citizen=CitizenSnapshot(id_number="001190012345", full_name="Nguyễn Thị Hồng Nhung"),
                      received_by="officer-7", created_at=clock())
    for number, size in enumerate(sizes, start=1):
        dossier.set_component(Component(name=f"Giấy tờ {number}", document=Document.from_pdf(pdf(size, signing), 1)), clock())
    dossier.mark_ready(clock())
    items = [WalletItem(owner_id_number=dossier.citizen.id_number, title=f"Kết quả {number}",
                        document=dossier.documents[0] if size is None else Document.from_pdf(pdf(size, signing), 1),
                        created_at=clock() + timedelta(microseconds=number), source_dossier_id=dossier.id)
             for number, size in enumerate(wallet)]
    store.submit(dossier, now=clock(), wallet_items=items)
    clock.advance(1)
    return dossier

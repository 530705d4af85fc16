"""Test PKI for passive authentication: document signers of every algorithm under the virtual card's test
CSCA, certificates with explicit EC parameters, our own master lists, and the real ICAO fixtures."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from asn1crypto import cms, core, keys
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from drivers.card.trust import OID_CSCA_MASTER_LIST, CscaMasterList
from drivers.card.virtual.files import TEST_VALID_FROM, TEST_VALID_UNTIL, DocumentSigner, TestKeys

ICAO = Path(__file__).resolve().parents[1] / "fixtures" / "icao"  # public data, copied with its source
DE_LIST = "DE_masterlist_2026-05-28.ml"
NL_LIST = "NL_masterlist_2026-07-22.ml"
VN_CSCA = "VN_CSCA_ePassport_2022.der"
REAL_SOD_COUNTRIES = ("AU", "CN", "FR", "MY", "NZ", "PH", "SG", "GB", "US")
DER = serialization.Encoding.DER


def icao_file(name: str) -> Path:
    """A file of the shared ICAO fixtures; fails (never skips) when it is missing."""
    path = ICAO / name
    assert path.is_file(), f"ICAO fixture missing: {path} (the real-data tests need tests/fixtures/icao)"
    return path


@lru_cache(maxsize=1)
def real_sods() -> tuple[dict, ...]:
    return tuple(json.loads(icao_file("real_sods.json").read_text()))


def name(cn: str, country: str = "VN") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, country),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TEST ONLY - not a real authority"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def certificate(subject_key, issuer_key, subject: x509.Name, issuer: x509.Name, *, ca: bool, serial: int,
                start: dt.datetime = TEST_VALID_FROM, end: dt.datetime = TEST_VALID_UNTIL,
                digest=hashes.SHA256) -> x509.Certificate:
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
               .public_key(subject_key.public_key()).serial_number(serial)
               .not_valid_before(start).not_valid_after(end)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(subject_key.public_key()), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                              critical=False)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True))
    return builder.sign(issuer_key, digest())


def ec_key(curve: ec.EllipticCurve) -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(curve)


@lru_cache(maxsize=None)
def rsa_key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(65537, bits)


def issue_dsc(keys_: TestKeys, key, *, serial: int, digest: str = "sha256", pss: bool = False,
              explicit: bool = False, start: dt.datetime = TEST_VALID_FROM,
              end: dt.datetime = TEST_VALID_UNTIL) -> DocumentSigner:
    """A document signer with `key`, its certificate issued by the virtual card's test CSCA."""
    cert = certificate(key, keys_.csca_key, name(f"TEST DS {serial}"), keys_.csca_cert.subject, ca=False,
                       serial=serial, start=start, end=end)
    der = cert.public_bytes(DER)
    if explicit:
        der = with_explicit_parameters(der, keys_.csca_key)
    return DocumentSigner(key, der, digest=digest, pss=pss)


def explicit_parameters() -> keys.ECDomainParameters:
    """brainpoolP512r1 spelt out, exactly as Vietnam's CSCA carries it."""
    vn = ax509.Certificate.load(icao_file(VN_CSCA).read_bytes())
    parameters = vn["tbs_certificate"]["subject_public_key_info"]["algorithm"]["parameters"]
    assert parameters.name == "specified"
    return keys.ECDomainParameters.load(parameters.dump())


def with_explicit_parameters(der: bytes, issuer_key) -> bytes:
    """The certificate re-encoded with its brainpoolP512r1 key's parameters spelt out, re-signed by issuer_key."""
    cert = ax509.Certificate.load(der)
    tbs = cert["tbs_certificate"]
    point = tbs["subject_public_key_info"]["public_key"].native
    tbs["subject_public_key_info"] = keys.PublicKeyInfo({
        "algorithm": {"algorithm": "ec", "parameters": explicit_parameters()}, "public_key": point})
    tbs_der = tbs.dump(force=True)
    if isinstance(issuer_key, ec.EllipticCurvePrivateKey):
        signature = issuer_key.sign(tbs_der, ec.ECDSA(hashes.SHA256()))
        algorithm = {"algorithm": "sha256_ecdsa"}
    else:
        from cryptography.hazmat.primitives.asymmetric import padding
        signature = issuer_key.sign(tbs_der, padding.PKCS1v15(), hashes.SHA256())
        algorithm = {"algorithm": "sha256_rsa"}
    return ax509.Certificate({"tbs_certificate": ax509.TbsCertificate.load(tbs_der),
                              "signature_algorithm": algorithm, "signature_value": signature}).dump()


def master_list(certificates: list[bytes], signer_key: ec.EllipticCurvePrivateKey, signer_cert: x509.Certificate,
                *, corrupt_signature: bool = False) -> bytes:
    """An ICAO master list of `certificates`, signed the way the German and Dutch ones are."""
    content = CscaMasterList({"version": 0, "cert_list": [core.Any.load(c) for c in certificates]}).dump()
    attributes = cms.CMSAttributes([
        {"type": "content_type", "values": [OID_CSCA_MASTER_LIST]},
        {"type": "message_digest", "values": [hashlib.sha256(content).digest()]},
    ])
    signature = signer_key.sign(attributes.dump(), ec.ECDSA(hashes.SHA256()))
    if corrupt_signature:
        signature = signature[:-1] + bytes([signature[-1] ^ 1])
    signer = ax509.Certificate.load(signer_cert.public_bytes(DER))
    signed = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [{"algorithm": "sha256"}],
        "encap_content_info": {"content_type": OID_CSCA_MASTER_LIST, "content": core.ParsableOctetString(content)},
        "certificates": [signer],
        "signer_infos": [{
            "version": "v1",
            "sid": {"issuer_and_serial_number": {"issuer": signer.issuer, "serial_number": signer.serial_number}},
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": attributes,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": signature,
        }],
    })
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def resign_sod(sod: bytes, key, *, content: bytes | None = None, algorithm: str | None = None,
               plain_ecdsa: bool = False) -> bytes:
    """Rebuild an SOD with its LDS security object replaced (`content`) and/or signed anew by an EC `key`.

    With `content` and no `key`, the old signed attributes stay: their message digest no longer matches.
    """
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    from drivers.card import tlv

    info = cms.ContentInfo.load(tlv.unwrap(sod, 0x77))
    signed = info["content"]
    if content is not None:
        signed["encap_content_info"] = {"content_type": signed["encap_content_info"]["content_type"].dotted,
                                        "content": core.ParsableOctetString(content)}
    if key is not None:
        signer = signed["signer_infos"][0]
        attributes = signer["signed_attrs"]
        signature = key.sign(tlv.encode(0x31, attributes.contents), ec.ECDSA(hashes.SHA256()))
        if plain_ecdsa:
            r, s = decode_dss_signature(signature)
            size = (key.curve.key_size + 7) // 8
            signature = r.to_bytes(size, "big") + s.to_bytes(size, "big")
        signer["signature"] = signature
        if algorithm:
            signer["signature_algorithm"] = {"algorithm": algorithm}
    return tlv.encode(0x77, cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump(force=True))

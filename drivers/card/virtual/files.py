"""The virtual card's files, built from a profile: CardAccess, COM, DG1, DG2, DG13, DG14, DG15, SOD.

Test keys (CSCA, document signer, chip authentication, active authentication) are generated with
`cryptography` on first use and cached in a folder the caller passes: they are never real keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import random
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms, core
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from .. import dg13, tlv
from ..files import EF_CARD_ACCESS, EF_COM, EF_SOD, dg_fid
from ..lds import DG_TAGS
from ..mrz import build_td1_vn
from ..sod import OID_LDS_SECURITY_OBJECT, LDSSecurityObject
from .profile import CardProfile

OID_PACE_ECDH_GM_AES_128 = bytes.fromhex("04007F00070202040202")
OID_PK_ECDH = bytes.fromhex("04007F000702020102")
OID_CA_ECDH_AES_128 = bytes.fromhex("04007F00070202030202")
PACE_PARAM_BRAINPOOL_P256R1 = 13
DATA_GROUPS = (1, 2, 13, 14, 15)


# ---------------------------------------------------------------- test keys


@dataclass(frozen=True, repr=False)
class TestKeys:
    csca_key: ec.EllipticCurvePrivateKey
    csca_cert: x509.Certificate
    ds_key: ec.EllipticCurvePrivateKey
    ds_cert: x509.Certificate
    ca_key: ec.EllipticCurvePrivateKey  # chip authentication (DG14)
    aa_key: rsa.RSAPrivateKey  # active authentication (DG15)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _key(folder: Path, name: str, make):
    path = folder / f"{name}.pem"
    if path.exists():
        return serialization.load_pem_private_key(path.read_bytes(), None)
    key = make()
    _write_atomic(path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return key


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TEST ONLY - not a real authority"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


TEST_VALID_FROM = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
TEST_VALID_UNTIL = TEST_VALID_FROM + dt.timedelta(days=365 * 30)


def _cert(folder: Path, name: str, subject_key, issuer_key, subject: str, issuer: str, ca: bool, serial: int,
          start: dt.datetime = TEST_VALID_FROM, end: dt.datetime = TEST_VALID_UNTIL):
    path = folder / f"{name}.pem"
    if path.exists():
        return x509.load_pem_x509_certificate(path.read_bytes())
    builder = (x509.CertificateBuilder()
               .subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(subject_key.public_key()).serial_number(serial)
               .not_valid_before(start).not_valid_after(end)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(subject_key.public_key()), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                              critical=False)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=not ca, content_commitment=False,
                                            key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                                            encipher_only=False, decipher_only=False), critical=True))
    cert = builder.sign(issuer_key, hashes.SHA256())
    _write_atomic(path, cert.public_bytes(serialization.Encoding.PEM))
    return cert


def load_test_keys(folder: str | Path) -> TestKeys:
    """Generate the test PKI at first use and cache it in `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    curve = ec.BrainpoolP256R1
    csca_key = _key(folder, "test-csca-key", lambda: ec.generate_private_key(curve()))
    ds_key = _key(folder, "test-ds-key", lambda: ec.generate_private_key(curve()))
    csca_cert = _cert(folder, "test-csca-cert", csca_key, csca_key, "TEST CSCA VN", "TEST CSCA VN", True, 1)
    ds_cert = _cert(folder, "test-ds-cert", ds_key, csca_key, "TEST DS VN", "TEST CSCA VN", False, 2)
    ca_key = _key(folder, "test-chip-auth-key", lambda: ec.generate_private_key(curve()))
    aa_key = _key(folder, "test-active-auth-key", lambda: rsa.generate_private_key(65537, 2048))
    return TestKeys(csca_key, csca_cert, ds_key, ds_cert, ca_key, aa_key)


def write_test_trust_store(key_folder: str | Path, dest_folder: str | Path) -> Path:
    """Put the test CSCA certificate (DER) in `dest_folder`, the simulated station's trust store; its path."""
    keys = load_test_keys(key_folder)
    dest = Path(dest_folder)
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "test-csca-vn.der"
    _write_atomic(path, keys.csca_cert.public_bytes(serialization.Encoding.DER))
    return path


# ---------------------------------------------------------------- the portrait


def portrait_jpeg(seed: str, size: tuple[int, int] = (360, 480)) -> bytes:
    """A deterministic, obviously synthetic portrait JPEG of roughly 15-25 KB."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    w, h = size
    img = Image.new("RGB", size, (230, 235, 240))
    draw = ImageDraw.Draw(img)
    skin = (rng.randint(200, 240), rng.randint(160, 200), rng.randint(130, 170))
    draw.rectangle((0, int(h * 0.8), w, h), fill=(40, 60, rng.randint(90, 150)))  # shirt
    draw.ellipse((w * 0.15, h * 0.72, w * 0.85, h * 1.2), fill=(40, 60, 120))
    draw.rectangle((w * 0.42, h * 0.6, w * 0.58, h * 0.8), fill=skin)  # neck
    draw.ellipse((w * 0.25, h * 0.15, w * 0.75, h * 0.68), fill=skin)  # face
    draw.chord((w * 0.23, h * 0.1, w * 0.77, h * 0.45), 180, 360, fill=(25, 20, 20))  # hair
    for x in (0.38, 0.62):
        draw.ellipse((w * x - 12, h * 0.38 - 7, w * x + 12, h * 0.38 + 7), fill=(255, 255, 255))
        draw.ellipse((w * x - 5, h * 0.38 - 5, w * x + 5, h * 0.38 + 5), fill=(40, 30, 20))
    draw.line((w * 0.5, h * 0.42, w * 0.48, h * 0.5, w * 0.52, h * 0.5), fill=(150, 110, 90), width=3)
    draw.arc((w * 0.4, h * 0.5, w * 0.6, h * 0.6), 20, 160, fill=(150, 60, 60), width=4)
    img = img.filter(ImageFilter.GaussianBlur(1.5))
    # seeded grain gives the JPEG a realistic size
    noise = Image.frombytes("L", size, bytes(rng.getrandbits(8) for _ in range(w * h)))
    img = Image.blend(img, Image.merge("RGB", (noise, noise, noise)), 0.08)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return out.getvalue()


# ---------------------------------------------------------------- the files


def card_access() -> bytes:
    pace_info = tlv.encode(0x30, tlv.encode(0x06, OID_PACE_ECDH_GM_AES_128) + tlv.encode(0x02, b"\x02")
                           + tlv.encode(0x02, bytes([PACE_PARAM_BRAINPOOL_P256R1])))
    return tlv.encode(0x31, pace_info)


def ef_com(groups=DATA_GROUPS) -> bytes:
    body = (tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000")
            + tlv.encode(0x5C, bytes(DG_TAGS[n] for n in groups)))
    return tlv.encode(0x60, body)


def dg1(profile: CardProfile) -> bytes:
    mrz = build_td1_vn(profile.id_number, profile.full_name, profile.birth_date, profile.sex, profile.expiry)
    return tlv.encode(0x61, tlv.encode(0x5F1F, mrz.replace("\n", "").encode("ascii")))


def face_record(image: bytes, jpeg2000: bool, width: int, height: int, gender: int) -> bytes:
    """ISO/IEC 19794-5 facial record with one face and no feature points."""
    info = (bytes([1, 1 if jpeg2000 else 0]) + width.to_bytes(2, "big") + height.to_bytes(2, "big")
            + bytes([1, 2]) + b"\x00\x00" + b"\x00\x00")
    facial = (bytes([gender, 0, 0]) + b"\x00\x00\x00" + b"\x00\x00" + b"\x00\x00\x00" + b"\x00\x00\x00")
    block = facial + info + image
    block = (len(block) + 6).to_bytes(4, "big") + b"\x00\x00" + block
    header = b"FAC\x00" + b"010\x00"
    return header + (len(block) + 14).to_bytes(4, "big") + b"\x00\x01" + block


def dg2(image: bytes, gender: int = 0) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(image)) as im:
        width, height, fmt = im.width, im.height, im.format
    record = face_record(image, fmt == "JPEG2000", width, height, gender)
    header = (tlv.encode(0x80, b"\x01\x01") + tlv.encode(0x81, b"\x02") + tlv.encode(0x87, b"\x01\x01")
              + tlv.encode(0x88, b"\x00\x08"))
    template = tlv.encode(0x7F60, tlv.encode(0xA1, header) + tlv.encode(0x5F2E, record))
    return tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01") + template))


def dg13_for(profile: CardProfile) -> bytes:
    expiry = profile.expiry.strftime("%d/%m/%Y") if profile.expiry else "Không thời hạn"
    values: dict = {
        dg13.ID_NUMBER: profile.id_number,
        dg13.FULL_NAME: profile.full_name,
        dg13.BIRTH_DATE: profile.birth_date.strftime("%d/%m/%Y"),
        dg13.SEX: profile.sex,
        dg13.NATIONALITY: profile.nationality,
        dg13.ETHNICITY: profile.ethnicity,
        dg13.RELIGION: profile.religion,
        dg13.HOME_TOWN: profile.home_town,
        dg13.PERMANENT_ADDRESS: profile.permanent_address,
        dg13.IDENTIFYING_MARKS: profile.identifying_marks,
        dg13.ISSUE_DATE: profile.issue_date.strftime("%d/%m/%Y"),
        dg13.EXPIRY: expiry,
        dg13.PARENTS: (profile.father, profile.mother),
        dg13.SPOUSE: profile.spouse,  # None: present but empty, as on unmarried holders' cards
        dg13.OLD_ID_NUMBER: profile.old_id,
        dg13.UNKNOWN_16: profile.unknown_16 or hashlib.sha256(profile.id_number.encode()).hexdigest()[:16].upper(),
    }
    return dg13.encode_dg13(values, parents_nested=profile.parents_nested)


def _spki(key) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)


def dg14(keys: TestKeys) -> bytes:
    pk_info = tlv.encode(0x30, tlv.encode(0x06, OID_PK_ECDH) + _spki(keys.ca_key))
    ca_info = tlv.encode(0x30, tlv.encode(0x06, OID_CA_ECDH_AES_128) + tlv.encode(0x02, b"\x01"))
    return tlv.encode(0x6E, tlv.encode(0x31, pk_info + ca_info))


def dg15(keys: TestKeys) -> bytes:
    return tlv.encode(0x6F, _spki(keys.aa_key))


SOD_FAULTS = ("bad_signature", "wrong_dsc", "unknown_csca", "expired_dsc")
_HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
           "sha512": hashes.SHA512}


@dataclass(frozen=True, repr=False)
class DocumentSigner:
    """A key and its certificate (DER) that sign SODs: EC keys sign ECDSA, RSA keys PKCS#1 v1.5 or PSS."""

    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    certificate: bytes
    digest: str = "sha256"  # hashlib name, for the signature and the signed attributes' digest
    pss: bool = False

    @classmethod
    def of(cls, keys: TestKeys) -> "DocumentSigner":
        return cls(keys.ds_key, keys.ds_cert.public_bytes(serialization.Encoding.DER))

    def sign(self, data: bytes) -> tuple[bytes, dict]:
        """The signature and the CMS signature algorithm identifier."""
        digest = _HASHES[self.digest]()
        if isinstance(self.key, ec.EllipticCurvePrivateKey):
            return self.key.sign(data, ec.ECDSA(digest)), {"algorithm": f"{self.digest}_ecdsa"}
        if self.pss:
            salt = digest.digest_size
            signature = self.key.sign(data, padding.PSS(padding.MGF1(digest), salt), digest)
            return signature, {"algorithm": "rsassa_pss", "parameters": {
                "hash_algorithm": {"algorithm": self.digest},
                "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": self.digest}},
                "salt_length": salt, "trailer_field": "trailer_field_bc"}}
        return self.key.sign(data, padding.PKCS1v15(), digest), {"algorithm": f"{self.digest}_rsa"}


def sign_sod(data_groups: dict[int, bytes], signer: DocumentSigner, *, lds_hash: str = "sha256",
             signing_time: dt.datetime | None = None, carried_certificate: bytes | None = None,
             corrupt_signature: bool = False, content_type: str = OID_LDS_SECURITY_OBJECT) -> bytes:
    """EF.SOD: CMS SignedData over the hashes of `data_groups`, signed by `signer`.

    `carried_certificate` replaces the signer's own certificate in the SOD (and in its signer identifier);
    `corrupt_signature` flips a bit of the signature's last byte.
    """
    lso = LDSSecurityObject({
        "version": 0,
        "hash_algorithm": {"algorithm": lds_hash},
        "data_group_hash_values": [
            {"data_group_number": n, "data_group_hash_value": hashlib.new(lds_hash, data).digest()}
            for n, data in sorted(data_groups.items())
        ],
    }).dump()
    attributes = [
        {"type": "content_type", "values": [content_type]},
        {"type": "message_digest", "values": [hashlib.new(signer.digest, lso).digest()]},
    ]
    if signing_time is not None:
        attributes.insert(1, {"type": "signing_time", "values": [cms.Time({"utc_time": signing_time})]})
    signed_attrs = cms.CMSAttributes(attributes)
    signature, algorithm = signer.sign(signed_attrs.dump())
    if corrupt_signature:
        signature = signature[:-1] + bytes([signature[-1] ^ 0x01])
    ds_cert = ax509.Certificate.load(carried_certificate or signer.certificate)
    signer_info = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": {
            "issuer": ds_cert.issuer, "serial_number": ds_cert.serial_number}}),
        "digest_algorithm": {"algorithm": signer.digest},
        "signed_attrs": signed_attrs,
        "signature_algorithm": algorithm,
        "signature": signature,
    })
    signed_data = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [{"algorithm": signer.digest}],
        "encap_content_info": {"content_type": content_type, "content": core.ParsableOctetString(lso)},
        "certificates": [ds_cert],
        "signer_infos": [signer_info],
    })
    content_info = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
    return tlv.encode(0x77, content_info.dump())


def sod(data_groups: dict[int, bytes], keys: TestKeys, *, fault: str | None = None,
        key_folder: str | Path | None = None, signer: DocumentSigner | None = None,
        signing_time: dt.datetime | None = None) -> bytes:
    """EF.SOD signed by the test DS (or `signer`), optionally with one of SOD_FAULTS.

    bad_signature  the signature bytes are altered
    wrong_dsc      the SOD carries another test DSC, whose key did not sign it
    unknown_csca   signed by a DS whose certificate a second ("rogue") test CSCA issued
    expired_dsc    signed at a time the DSC was no longer valid (signing-time attribute)
    The faults other than bad_signature need `key_folder` to keep their extra test keys.
    """
    signer = signer or DocumentSigner.of(keys)
    if fault is None:
        return sign_sod(data_groups, signer, signing_time=signing_time)
    if fault == "bad_signature":
        return sign_sod(data_groups, signer, signing_time=signing_time, corrupt_signature=True)
    if fault not in SOD_FAULTS:
        raise ValueError(f"unknown SOD fault {fault!r}; expected one of {', '.join(SOD_FAULTS)}")
    if key_folder is None:
        raise ValueError(f"the SOD fault {fault} needs the key folder")
    folder = Path(key_folder)
    curve = ec.BrainpoolP256R1
    if fault == "wrong_dsc":
        other_key = _key(folder, "test-ds-other-key", lambda: ec.generate_private_key(curve()))
        other = _cert(folder, "test-ds-other-cert", other_key, keys.csca_key, "TEST DS VN 2", "TEST CSCA VN",
                      False, 3)
        return sign_sod(data_groups, signer, signing_time=signing_time,
                        carried_certificate=other.public_bytes(serialization.Encoding.DER))
    if fault == "unknown_csca":
        rogue_key = _key(folder, "test-rogue-csca-key", lambda: ec.generate_private_key(curve()))
        rogue_ds_key = _key(folder, "test-rogue-ds-key", lambda: ec.generate_private_key(curve()))
        rogue_ds = _cert(folder, "test-rogue-ds-cert", rogue_ds_key, rogue_key, "TEST DS VN",
                         "TEST ROGUE CSCA VN", False, 2)
        return sign_sod(data_groups, DocumentSigner(rogue_ds_key, rogue_ds.public_bytes(serialization.Encoding.DER)),
                        signing_time=signing_time)
    # expired_dsc: a DSC of the test DS key that ended a year after it began, used five years later
    expired = _cert(folder, "test-ds-expired-cert", keys.ds_key, keys.csca_key, "TEST DS VN", "TEST CSCA VN",
                    False, 4, end=TEST_VALID_FROM + dt.timedelta(days=365))
    return sign_sod(data_groups, DocumentSigner(keys.ds_key, expired.public_bytes(serialization.Encoding.DER)),
                    signing_time=signing_time or TEST_VALID_FROM + dt.timedelta(days=5 * 365))


def tamper(data: bytes) -> bytes:
    """Change one character of the file so it still parses but no longer matches its SOD hash."""
    buf = bytearray(data)
    if data[:1] == b"\x75":  # DG2: the facial expression field of the 19794-5 record
        at = data.find(b"FAC\x00") + 14 + 6 + 6
        buf[at] ^= 0x01
        return bytes(buf)
    for i in range(len(buf) - 1, -1, -1):
        c = buf[i]
        if 0x30 <= c <= 0x38 or 0x41 <= c <= 0x59 or 0x61 <= c <= 0x79:
            buf[i] = c + 1
            return bytes(buf)
    buf[-1] ^= 0x01
    return bytes(buf)


def build_files(profile: CardProfile, key_folder: str | Path, tamper_dg: int | None = None,
                sod_fault: str | None = None) -> dict[int, bytes]:
    """{file id: bytes} for the whole card; `sod_fault` is one of SOD_FAULTS (see `sod`)."""
    keys = load_test_keys(key_folder)
    image = profile.photo.read_bytes() if profile.photo else portrait_jpeg(profile.id_number)
    gender = {"nam": 1, "nữ": 2}.get(profile.sex.lower(), 0)
    groups = {1: dg1(profile), 2: dg2(image, gender), 13: dg13_for(profile), 14: dg14(keys), 15: dg15(keys)}
    files = {EF_CARD_ACCESS: card_access(), EF_COM: ef_com(tuple(groups)),
             EF_SOD: sod(groups, keys, fault=sod_fault, key_folder=key_folder)}
    for n, data in groups.items():
        files[dg_fid(n)] = tamper(data) if n == tamper_dg else data
    return files

"""Test certificates for the reference server and the simulated station: a CA, a server, stations.

For tests and the simulated station only: real stations get their certificates from the province.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class TestPki:
    folder: Path

    @property
    def ca(self) -> Path:
        return self.folder / "ca.pem"

    @property
    def server_cert(self) -> Path:
        return self.folder / "server.pem"

    @property
    def server_key(self) -> Path:
        return self.folder / "server.key"

    def station_cert(self, station_id: str) -> Path:
        return self.folder / f"station-{station_id}.pem"

    def station_key(self, station_id: str) -> Path:
        return self.folder / f"station-{station_id}.key"


def make_test_pki(folder: Path, stations: tuple[str, ...] = ("SIM-01",), name: str = "Test provincial CA") -> TestPki:
    """Creates what is missing in `folder` (keys 0600); existing files are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    pki = TestPki(folder)
    ca_key_path = folder / "ca.key"
    if not pki.ca.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        _write_key(ca_key_path, key)
        cert = _certificate(name, key, name, key, ca=True)
        pki.ca.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    ca_key = serialization.load_pem_private_key(ca_key_path.read_bytes(), None)
    ca_cert = x509.load_pem_x509_certificate(pki.ca.read_bytes())
    issuer = ca_cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    if not pki.server_cert.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        _write_key(pki.server_key, key)
        cert = _certificate("localhost", key, issuer, ca_key, server=True)
        pki.server_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    for station in stations:
        if not pki.station_cert(station).exists():
            key = ec.generate_private_key(ec.SECP256R1())
            _write_key(pki.station_key(station), key)
            cert = _certificate(station, key, issuer, ca_key)
            pki.station_cert(station).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return pki


def _write_key(path: Path, key) -> None:
    path.touch(mode=0o600)
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))


def _certificate(subject: str, key, issuer: str, issuer_key, ca: bool = False, server: bool = False):
    now = dt.datetime.now(dt.timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650 if ca else 825))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        builder = builder.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                                        critical=True)
    else:
        usage = ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    if server:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


# --- the province's signing CA: certificates for the centres' signing tokens, and the timestamp server ---

SIGNING_CA_NAME = "Test provincial signing CA"


@dataclass(frozen=True)
class SigningPki:
    """The test signing CA in `folder`: `signing-ca.pem` is the trust anchor verifiers load (with its
    CRL `signing-ca.crl`); `tsa.pem`/`tsa.key` sign the reference server's timestamps."""

    folder: Path

    @property
    def ca(self) -> Path:
        return self.folder / "signing-ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.folder / "signing-ca.key"

    @property
    def crl(self) -> Path:
        return self.folder / "signing-ca.crl"

    @property
    def tsa_cert(self) -> Path:
        return self.folder / "tsa.pem"

    @property
    def tsa_key(self) -> Path:
        return self.folder / "tsa.key"

    def answer_timestamp(self, request: bytes) -> bytes:
        """An RFC 3161 reply to a DER TimeStampReq, signed by the test TSA (ValueError: not a request)."""
        from asn1crypto import keys as asn1_keys, tsp
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        from drivers.signing import cms_names_ready
        from drivers.signing.certificates import load_certificate

        cms_names_ready()
        key = serialization.load_pem_private_key(self.tsa_key.read_bytes(), None)
        stamper = DummyTimeStamper(
            load_certificate(self.tsa_cert.read_bytes()),
            asn1_keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER,
                                                            serialization.PrivateFormat.PKCS8,
                                                            serialization.NoEncryption())),
            certs_to_embed=[load_certificate(self.ca.read_bytes())])
        parsed = tsp.TimeStampReq.load(request)
        parsed.native  # a malformed request fails here, as ValueError
        return stamper.request_tsa_response(parsed).dump()

    def trust_folder(self, into: Path) -> Path:
        """A folder holding only what a verifier trusts (the CA and its CRL), as `--trust DIR` takes."""
        into.mkdir(parents=True, exist_ok=True)
        for path in (self.ca, self.crl):
            (into / path.name).write_bytes(path.read_bytes())
        return into

    def issue(self, public_key, name: str, *, days: int = 730, starts_in_days: int = -1,
              signing_usage: bool = True) -> x509.Certificate:
        """A certificate for `public_key` (a token's key), PEM-less; `signing_usage=False` gives one
        whose key usage is not for signatures, `starts_in_days`/`days` one not yet or no longer valid."""
        ca_key = serialization.load_pem_private_key(self.ca_key.read_bytes(), None)
        ca_cert = x509.load_pem_x509_certificate(self.ca.read_bytes())
        now = dt.datetime.now(dt.timezone.utc)
        start = now + dt.timedelta(days=starts_in_days)
        usage = (x509.KeyUsage(True, True, False, False, False, False, False, False, False) if signing_usage
                 else x509.KeyUsage(False, False, True, False, False, False, False, False, False))
        return (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test province")]))
                .issuer_name(ca_cert.subject).public_key(public_key)
                .serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(usage, critical=True)
                .sign(ca_key, hashes.SHA256()))


def make_signing_pki(folder: Path) -> SigningPki:
    """Creates what is missing in `folder` (keys 0600): the signing CA, its CRL, the TSA."""
    folder.mkdir(parents=True, exist_ok=True)
    pki = SigningPki(folder)
    now = dt.datetime.now(dt.timezone.utc)
    if not pki.ca.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        _write_key(pki.ca_key, key)
        pki.ca.write_bytes(_certificate(SIGNING_CA_NAME, key, SIGNING_CA_NAME, key, ca=True)
                           .public_bytes(serialization.Encoding.PEM))
    ca_key = serialization.load_pem_private_key(pki.ca_key.read_bytes(), None)
    ca_cert = x509.load_pem_x509_certificate(pki.ca.read_bytes())
    if not pki.crl.exists():
        crl = (x509.CertificateRevocationListBuilder().issuer_name(ca_cert.subject)
               .last_update(now - dt.timedelta(hours=1)).next_update(now + dt.timedelta(days=365))
               .add_extension(x509.CRLNumber(1), critical=False)
               .sign(ca_key, hashes.SHA256()))
        pki.crl.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    if not pki.tsa_cert.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyhanko's test TSA signs RSA only
        _write_key(pki.tsa_key, key)
        cert = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test provincial timestamp server")]))
                .issuer_name(ca_cert.subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=825))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
                .sign(ca_key, hashes.SHA256()))
        pki.tsa_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return pki

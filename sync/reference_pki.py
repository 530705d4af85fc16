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
from cryptography.hazmat.primitives.asymmetric import ec
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

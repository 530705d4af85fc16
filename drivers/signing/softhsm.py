"""SoftHSM2 as the simulated station's signing token: the same PKCS#11 path as a real token.

A token is a folder of ours named by a SoftHSM2 configuration file; the key pair is generated on the
token (the private key never exists outside it) and the certificate is written next to it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from asn1crypto import keys as asn1_keys
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
from pkcs11.util.rsa import encode_rsa_public_key

from drivers.signing.token import SOFTHSM2_CONF as CONF_ENV, SOFTHSM2_MODULE, TokenSpec, _token, rescan

KEY_ID = b"\x01"


def softhsm_available() -> bool:
    return SOFTHSM2_MODULE.is_file() and shutil.which("softhsm2-util") is not None


def write_conf(folder: Path) -> Path:
    """A SoftHSM2 configuration keeping its tokens in `folder/tokens` (0700)."""
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True, mode=0o700)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
                    "slots.removable = false\n")
    return conf


def use_conf(conf: Path) -> None:
    """Points this process's SoftHSM2 at `conf`, and makes a loaded module read it again."""
    os.environ[CONF_ENV] = str(conf)
    rescan(SOFTHSM2_MODULE)


def init_token(conf: Path, label: str, pin: str, so_pin: str) -> None:
    """A new token in the first free slot. softhsm2-util takes PINs only on its command line or a
    terminal: this is for the simulated token and its published test PINs, never a real token's."""
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", so_pin, "--pin", pin],
                   env={**os.environ, CONF_ENV: str(conf)}, check=True, capture_output=True, timeout=60)
    rescan(SOFTHSM2_MODULE)


def generate_key(spec: TokenSpec, pin: str):
    """An RSA-2048 signing key pair made on the token; gives its public key (cryptography)."""
    with _token(spec).open(rw=True, user_pin=pin) as session:
        public, _private = session.generate_keypair(
            KeyType.RSA, 2048, store=True, label=spec.key_label, id=KEY_ID,
            public_template={Attribute.VERIFY: True},
            private_template={Attribute.SIGN: True, Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False})
        info = asn1_keys.PublicKeyInfo({"algorithm": {"algorithm": "rsa"},
                                        "public_key": asn1_keys.RSAPublicKey.load(encode_rsa_public_key(public))})
    return serialization.load_der_public_key(info.dump())


def store_certificate(spec: TokenSpec, pin: str, certificate: x509.Certificate, label: str | None = None,
                      key_id: bytes = KEY_ID) -> None:
    """Writes a certificate object on the token (the key's own, under its label and id, or a CA's)."""
    with _token(spec).open(rw=True, user_pin=pin) as session:
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.LABEL: label or spec.key_label, Attribute.ID: key_id,
            Attribute.SUBJECT: certificate.subject.public_bytes(),
            Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER)})


def remove_certificates(spec: TokenSpec, pin: str) -> None:
    """Removes the token's certificates (a renewed certificate replaces the old one)."""
    with _token(spec).open(rw=True, user_pin=pin) as session:
        for obj in list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})):
            obj.destroy()

"""Public keys and signatures of eMRTD PKI objects (ICAO 9303-11/-12): SOD signers, DSCs, CSCAs.

`cryptography` loads EC keys on named curves only (and maps explicit parameters to the NIST curves
alone), while many CSCAs and DSCs - Vietnam's among them - spell out brainpool parameters in full.
`load_public_key` recognises those parameters and loads the key on the named curve they describe.
`verify` checks a signature given its X.509/CMS algorithm identifier (RSA PKCS#1 v1.5, RSA-PSS with
its parameters, ECDSA in DER or in the BSI plain r||s form), with SHA-1/224/256/384/512.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from asn1crypto import algos, cms, core, keys
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.serialization import load_der_public_key

from . import tlv
from .ecc import STANDARD_CURVES

PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey

__all__ = ["InvalidSignature", "MessageDigestMismatch", "PublicKey", "SignatureAlgorithm", "UnsupportedKey",
           "curve_for_parameters", "load_public_key", "public_key_of", "signature_algorithm", "verify",
           "verify_signer_info"]


class UnsupportedKey(ValueError):
    """A public key or algorithm this station cannot use (the message says which, without key bytes)."""


# ---------------------------------------------------------------- explicit EC domain parameters


def _base_point(encoded: bytes, p: int, a: int, b: int) -> tuple[int, int]:
    size = (p.bit_length() + 7) // 8
    if len(encoded) == 1 + 2 * size and encoded[0] == 4:
        return int.from_bytes(encoded[1:1 + size], "big"), int.from_bytes(encoded[1 + size:], "big")
    if len(encoded) == 1 + size and encoded[0] in (2, 3):  # compressed: y from the curve equation
        x = int.from_bytes(encoded[1:], "big")
        if p % 4 != 3:
            raise UnsupportedKey("compressed base point on a curve this station does not decompress")
        y = pow((x ** 3 + a * x + b) % p, (p + 1) // 4, p)
        if y & 1 != encoded[0] & 1:
            y = p - y
        return x, y
    raise UnsupportedKey("the EC base point is not a valid point encoding")


def curve_for_parameters(parameters: keys.SpecifiedECDomain) -> ec.EllipticCurve:
    """The named curve whose prime, a, b, generator, order and cofactor equal these explicit parameters."""
    if parameters["field_id"]["field_type"].native != "prime_field":
        raise UnsupportedKey("EC key over a binary field")
    p = parameters["field_id"]["parameters"].native
    a = int.from_bytes(parameters["curve"]["a"].native, "big")
    b = int.from_bytes(parameters["curve"]["b"].native, "big")
    n = parameters["order"].native
    cofactor = parameters["cofactor"].native if parameters["cofactor"].native is not None else 1
    for known in STANDARD_CURVES.values():  # ICAO's standard curves; those `cryptography` can verify on
        if known.crypto_curve is None or (known.p, known.a, known.b, known.n, known.h) != (p, a, b, n, cofactor):
            continue
        if _base_point(parameters["base"].native, p, a, b) == known.generator:
            return known.crypto_curve
    raise UnsupportedKey(f"EC key with explicit parameters of a {p.bit_length()}-bit curve that is not "
                         "among the supported named curves")


# ---------------------------------------------------------------- public keys


def load_public_key(spki_der: bytes) -> PublicKey:
    """A SubjectPublicKeyInfo as a `cryptography` key: RSA (also under the RSA-PSS OID) or EC, named or explicit."""
    try:
        info = keys.PublicKeyInfo.load(spki_der)
        algorithm = info["algorithm"]["algorithm"].native
        if algorithm == "ec":
            parameters = info["algorithm"]["parameters"]
            if parameters.name == "specified":
                curve = curve_for_parameters(parameters.chosen)
                return ec.EllipticCurvePublicKey.from_encoded_point(curve, info["public_key"].native)
        elif algorithm == "rsassa_pss":  # key restricted to PSS: the numbers are those of any RSA key
            numbers = info["public_key"].parsed
            return rsa.RSAPublicNumbers(numbers["public_exponent"].native, numbers["modulus"].native).public_key()
        elif algorithm != "rsa":  # DH, DSA, EdDSA…: not a signer's key (and not worth a loader's warning)
            raise UnsupportedKey(f"{algorithm} keys are not used by eMRTD signers")
        key = load_der_public_key(spki_der)
    except UnsupportedKey:
        raise
    except UnsupportedAlgorithm as error:
        raise UnsupportedKey(f"public key not supported ({error})") from None
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
        raise UnsupportedKey(f"public key cannot be read ({error.__class__.__name__})") from None
    if not isinstance(key, (rsa.RSAPublicKey, ec.EllipticCurvePublicKey)):
        raise UnsupportedKey(f"{type(key).__name__} keys are not used by eMRTD signers")
    return key


def public_key_of(certificate: x509.Certificate) -> PublicKey:
    try:
        key = certificate.public_key()
    except (UnsupportedAlgorithm, ValueError):
        return load_public_key(_spki(certificate))
    if not isinstance(key, (rsa.RSAPublicKey, ec.EllipticCurvePublicKey)):
        raise UnsupportedKey(f"{type(key).__name__} keys are not used by eMRTD signers")
    return key


def _spki(certificate: x509.Certificate) -> bytes:
    from asn1crypto import x509 as ax509
    from cryptography.hazmat.primitives.serialization import Encoding

    parsed = ax509.Certificate.load(certificate.public_bytes(Encoding.DER))
    return parsed["tbs_certificate"]["subject_public_key_info"].dump()


# ---------------------------------------------------------------- signature algorithms

_HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
           "sha512": hashes.SHA512}
_HASH_TITLES = {"sha1": "SHA-1", "sha224": "SHA-224", "sha256": "SHA-256", "sha384": "SHA-384",
                "sha512": "SHA-512"}

# dotted OID -> (scheme, hash or None when the hash comes from the separate digest algorithm)
_ALGORITHMS: dict[str, tuple[str, str | None]] = {
    "1.2.840.113549.1.1.1": ("pkcs1v15", None),  # rsaEncryption, as some SOD signers write it
    "1.2.840.113549.1.1.5": ("pkcs1v15", "sha1"),
    "1.2.840.113549.1.1.14": ("pkcs1v15", "sha224"),
    "1.2.840.113549.1.1.11": ("pkcs1v15", "sha256"),
    "1.2.840.113549.1.1.12": ("pkcs1v15", "sha384"),
    "1.2.840.113549.1.1.13": ("pkcs1v15", "sha512"),
    "1.2.840.113549.1.1.10": ("pss", None),  # hash in the parameters
    "1.2.840.10045.2.1": ("ecdsa", None),  # ecPublicKey in place of a signature algorithm
    "1.2.840.10045.4.1": ("ecdsa", "sha1"),
    "1.2.840.10045.4.3.1": ("ecdsa", "sha224"),
    "1.2.840.10045.4.3.2": ("ecdsa", "sha256"),
    "1.2.840.10045.4.3.3": ("ecdsa", "sha384"),
    "1.2.840.10045.4.3.4": ("ecdsa", "sha512"),
    # BSI TR-03111 ecdsa-plain-signatures: r || s instead of a DER SEQUENCE
    "0.4.0.127.0.7.1.1.4.1.1": ("ecdsa-plain", "sha1"),
    "0.4.0.127.0.7.1.1.4.1.2": ("ecdsa-plain", "sha224"),
    "0.4.0.127.0.7.1.1.4.1.3": ("ecdsa-plain", "sha256"),
    "0.4.0.127.0.7.1.1.4.1.4": ("ecdsa-plain", "sha384"),
    "0.4.0.127.0.7.1.1.4.1.5": ("ecdsa-plain", "sha512"),
}


@dataclass(frozen=True)
class SignatureAlgorithm:
    scheme: str  # "pkcs1v15" | "pss" | "ecdsa" | "ecdsa-plain"
    hash: str  # hashlib name
    mgf_hash: str | None = None  # PSS only
    salt_length: int | None = None  # PSS only

    def __str__(self) -> str:
        title = _HASH_TITLES[self.hash]
        if self.scheme == "pss":
            return f"RSA-PSS with {title} (MGF1 {_HASH_TITLES[self.mgf_hash or 'sha1']}, salt {self.salt_length})"
        if self.scheme == "pkcs1v15":
            return f"RSA PKCS#1 v1.5 with {title}"
        return f"ECDSA with {title}" + (" (plain)" if self.scheme == "ecdsa-plain" else "")


def signature_algorithm(identifier: algos.SignedDigestAlgorithm, digest: str | None = None) -> SignatureAlgorithm:
    """Read an AlgorithmIdentifier; `digest` is the CMS digest algorithm, used when the identifier has none."""
    try:
        oid = identifier["algorithm"].dotted
        if oid not in _ALGORITHMS:
            raise UnsupportedKey(f"signature algorithm {oid} is not supported")
        scheme, hash_name = _ALGORITHMS[oid]
        if scheme == "pss":
            params = identifier["parameters"]
            hash_name = params["hash_algorithm"]["algorithm"].native
            mgf = params["mask_gen_algorithm"]
            if mgf["algorithm"].native != "mgf1":
                raise UnsupportedKey("RSA-PSS with a mask generation function other than MGF1")
            mgf_hash = mgf["parameters"]["algorithm"].native
            if params["trailer_field"].native not in ("trailer_field_bc", 1):
                raise UnsupportedKey("RSA-PSS with a trailer field other than 0xBC")
            algorithm = SignatureAlgorithm("pss", hash_name, mgf_hash, params["salt_length"].native)
            if mgf_hash not in _HASHES:
                raise UnsupportedKey(f"MGF1 hash {mgf_hash} is not supported")
        else:
            hash_name = hash_name or digest
            if hash_name is None:
                raise UnsupportedKey("signature algorithm without a hash algorithm")
            algorithm = SignatureAlgorithm(scheme, hash_name)
    except UnsupportedKey:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise UnsupportedKey(f"signature algorithm cannot be read ({error.__class__.__name__})") from None
    if algorithm.hash not in _HASHES:
        raise UnsupportedKey(f"hash algorithm {algorithm.hash} is not supported")
    return algorithm


def verify(key: PublicKey, signature: bytes, data: bytes, algorithm: SignatureAlgorithm) -> None:
    """Raise InvalidSignature unless `signature` over `data` verifies; UnsupportedKey if key and scheme differ."""
    digest = _HASHES[algorithm.hash]()
    if algorithm.scheme in ("pkcs1v15", "pss"):
        if not isinstance(key, rsa.RSAPublicKey):
            raise UnsupportedKey(f"{algorithm} needs an RSA key")
        if algorithm.scheme == "pss":
            pad = padding.PSS(mgf=padding.MGF1(_HASHES[algorithm.mgf_hash or "sha1"]()),
                              salt_length=algorithm.salt_length if algorithm.salt_length is not None else 20)
        else:
            pad = padding.PKCS1v15()
        key.verify(signature, data, pad, digest)
        return
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise UnsupportedKey(f"{algorithm} needs an EC key")
    if algorithm.scheme == "ecdsa-plain":
        if len(signature) % 2 or not signature:
            raise InvalidSignature()
        half = len(signature) // 2
        signature = encode_dss_signature(int.from_bytes(signature[:half], "big"),
                                         int.from_bytes(signature[half:], "big"))
    key.verify(signature, data, ec.ECDSA(digest))


# ---------------------------------------------------------------- CMS signers (SOD, master lists)


class MessageDigestMismatch(InvalidSignature):
    """The signed attributes do not describe the encapsulated content (it was changed after signing)."""


def verify_signer_info(signer: cms.SignerInfo, content: bytes, content_type: str, key: PublicKey) -> SignatureAlgorithm:
    """Check a CMS SignerInfo over `content` (RFC 5652 §5.4): message digest, content type, signature.

    Raises MessageDigestMismatch, InvalidSignature, or UnsupportedKey for algorithms we cannot check.
    """
    try:
        digest_name = signer["digest_algorithm"]["algorithm"].native
        algorithm = signature_algorithm(signer["signature_algorithm"], digest_name)
        if digest_name not in _HASHES:
            raise UnsupportedKey(f"digest algorithm {digest_name} is not supported")
        attributes = signer["signed_attrs"]
        signature = signer["signature"].native
        has_attributes = not isinstance(attributes, core.Void)
        if not has_attributes:  # no signed attributes: the signature covers the content itself
            signed = content
        else:
            digests = [a["values"][0].native for a in attributes if a["type"].native == "message_digest"]
            types = [a["values"][0].dotted for a in attributes if a["type"].native == "content_type"]
            # the signature covers the attributes as a DER SET, whatever tag they carry in the SignerInfo
            signed = tlv.encode(0x31, attributes.contents)
    except UnsupportedKey:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
        raise UnsupportedKey(f"signer information cannot be read ({error.__class__.__name__})") from None
    if has_attributes:
        if len(digests) != 1 or digests[0] != hashlib.new(digest_name, content).digest():
            raise MessageDigestMismatch("the message digest does not match the signed content")
        if types and types != [content_type]:
            raise MessageDigestMismatch("the content type attribute does not match the signed content")
    verify(key, signature, signed, algorithm)
    return algorithm

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

PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey

__all__ = ["InvalidSignature", "MessageDigestMismatch", "PublicKey", "SignatureAlgorithm", "UnsupportedKey",
           "curve_for_parameters", "load_public_key", "public_key_of", "signature_algorithm", "verify",
           "verify_signer_info"]


class UnsupportedKey(ValueError):
    """A public key or algorithm this station cannot use (the message says which, without key bytes)."""


# ---------------------------------------------------------------- explicit EC domain parameters


@dataclass(frozen=True)
class _Curve:
    curve: type[ec.EllipticCurve]
    p: int
    a: int
    b: int
    gx: int
    gy: int
    n: int


def _hex(*parts: str) -> int:
    return int("".join(parts), 16)


# SEC 2 and RFC 5639 values for every prime curve `cryptography` supports (generator and order checked
# against cryptography's own arithmetic in tests/card/test_card_trust.py).
_CURVES = (
    _Curve(ec.SECP192R1,
           p=_hex("fffffffffffffffffffffffffffffffeffffffffffffffff"),
           a=_hex("fffffffffffffffffffffffffffffffefffffffffffffffc"),
           b=_hex("64210519e59c80e70fa7e9ab72243049feb8deecc146b9b1"),
           gx=_hex("188da80eb03090f67cbf20eb43a18800f4ff0afd82ff1012"),
           gy=_hex("07192b95ffc8da78631011ed6b24cdd573f977a11e794811"),
           n=_hex("ffffffffffffffffffffffff99def836146bc9b1b4d22831")),
    _Curve(ec.SECP224R1,
           p=_hex("ffffffffffffffffffffffffffffffff000000000000000000000001"),
           a=_hex("fffffffffffffffffffffffffffffffefffffffffffffffffffffffe"),
           b=_hex("b4050a850c04b3abf54132565044b0b7d7bfd8ba270b39432355ffb4"),
           gx=_hex("b70e0cbd6bb4bf7f321390b94a03c1d356c21122343280d6115c1d21"),
           gy=_hex("bd376388b5f723fb4c22dfe6cd4375a05a07476444d5819985007e34"),
           n=_hex("ffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3d")),
    _Curve(ec.SECP256R1,
           p=_hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
           a=_hex("ffffffff00000001000000000000000000000000fffffffffffffffffffffffc"),
           b=_hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
           gx=_hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
           gy=_hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"),
           n=_hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")),
    _Curve(ec.SECP384R1,
           p=_hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
                  "ffffffff0000000000000000ffffffff"),
           a=_hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
                  "ffffffff0000000000000000fffffffc"),
           b=_hex("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a"
                  "c656398d8a2ed19d2a85c8edd3ec2aef"),
           gx=_hex("aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38"
                  "5502f25dbf55296c3a545e3872760ab7"),
           gy=_hex("3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c0"
                  "0a60b1ce1d7e819d7a431d7c90ea0e5f"),
           n=_hex("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
                  "581a0db248b0a77aecec196accc52973")),
    _Curve(ec.SECP521R1,
           p=_hex("1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                  "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                  "fff"),
           a=_hex("1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                  "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                  "ffc"),
           b=_hex("051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef10"
                  "9e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503"
                  "f00"),
           gx=_hex("0c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3"
                  "dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5b"
                  "d66"),
           gy=_hex("11839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e6"
                  "62c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16"
                  "650"),
           n=_hex("1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                  "ffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386"
                  "409")),
    _Curve(ec.SECP256K1,
           p=_hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"),
           a=_hex("0000000000000000000000000000000000000000000000000000000000000000"),
           b=_hex("0000000000000000000000000000000000000000000000000000000000000007"),
           gx=_hex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
           gy=_hex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"),
           n=_hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")),
    _Curve(ec.BrainpoolP256R1,
           p=_hex("a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377"),
           a=_hex("7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9"),
           b=_hex("26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6"),
           gx=_hex("8bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262"),
           gy=_hex("547ef835c3dac4fd97f8461a14611dc9c27745132ded8e545c1d54c72f046997"),
           n=_hex("a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7")),
    _Curve(ec.BrainpoolP384R1,
           p=_hex("8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b412b1da197fb71123"
                  "acd3a729901d1a71874700133107ec53"),
           a=_hex("7bc382c63d8c150c3c72080ace05afa0c2bea28e4fb22787139165efba91f90f"
                  "8aa5814a503ad4eb04a8c7dd22ce2826"),
           b=_hex("04a8c7dd22ce28268b39b55416f0447c2fb77de107dcd2a62e880ea53eeb62d5"
                  "7cb4390295dbc9943ab78696fa504c11"),
           gx=_hex("1d1c64f068cf45ffa2a63a81b7c13f6b8847a3e77ef14fe3db7fcafe0cbd10e8"
                  "e826e03436d646aaef87b2e247d4af1e"),
           gy=_hex("8abe1d7520f9c2a45cb1eb8e95cfd55262b70b29feec5864e19c054ff9912928"
                  "0e4646217791811142820341263c5315"),
           n=_hex("8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b31f166e6cac0425a7"
                  "cf3ab6af6b7fc3103b883202e9046565")),
    _Curve(ec.BrainpoolP512R1,
           p=_hex("aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330871"
                  "7d4d9b009bc66842aecda12ae6a380e62881ff2f2d82c68528aa6056583a48f3"),
           a=_hex("7830a3318b603b89e2327145ac234cc594cbdd8d3df91610a83441caea9863bc"
                  "2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94ca"),
           b=_hex("3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a7"
                  "2bf2c7b9e7c1ac4d77fc94cadc083e67984050b75ebae5dd2809bd638016f723"),
           gx=_hex("81aee4bdd82ed9645a21322e9c4c6a9385ed9f70b5d916c1b43b62eef4d0098e"
                  "ff3b1f78e2d0d48d50d1687b93b97d5f7c6d5047406a5e688b352209bcb9f822"),
           gy=_hex("7dde385d566332ecc0eabfa9cf7822fdf209f70024a57b1aa000c55b881f8111"
                  "b2dcde494a5f485e5bca4bd88a2763aed1ca2b2fa8f0540678cd1e0f3ad80892"),
           n=_hex("aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870"
                  "553e5c414ca92619418661197fac10471db1d381085ddaddb58796829ca90069")),
)


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
    for known in _CURVES:
        if (known.p, known.a, known.b, known.n) == (p, a, b, n) and cofactor == 1:
            if _base_point(parameters["base"].native, p, a, b) == (known.gx, known.gy):
                return known.curve()
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

"""EF.SOD: the LDS security object (ICAO 9303-10 §4.6.2), hashes of every data group inside CMS SignedData.

This module reads the hashes and compares them with the data groups read. Verifying the signature
and its chain to a CSCA (passive authentication proper) is `passive_auth.verify_sod`, built on `parse_sod`.
Real SODs vary: some use indefinite lengths inside the CMS structure, some name the content `id-data`
instead of the LDS security object OID; both are accepted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from asn1crypto import algos, cms, core

from . import tlv
from .errors import CardError, ParseError

OID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
OID_DATA = "1.2.840.113549.1.7.1"  # id-data: some states' SODs carry the LDS security object under it
SOD_TAG = 0x77


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LDSVersionInfo(core.Sequence):
    _fields = [("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]


class LDSSecurityObject(core.Sequence):
    _fields = [("version", core.Integer), ("hash_algorithm", algos.DigestAlgorithm),
               ("data_group_hash_values", DataGroupHashValues),
               ("lds_version_info", LDSVersionInfo, {"optional": True})]  # LDS 1.8 (version 1)


class DataGroupAltered(CardError):
    """A data group read does not hash to the value the card's security object holds."""

    def __init__(self, numbers: list[int]) -> None:
        self.numbers = numbers
        names = ", ".join(f"DG{n}" for n in numbers)
        verb = "does" if len(numbers) == 1 else "do"
        super().__init__(f"{names} {verb} not match the card's security object (SOD): the data was altered")


@dataclass(frozen=True)
class SecurityObject:
    hash_algorithm: str  # hashlib name: "sha256", "sha1", …
    hashes: dict[int, bytes]
    signed_data: cms.SignedData
    content_type: str = OID_LDS_SECURITY_OBJECT  # dotted OID of the encapsulated content
    encapsulated: bytes = b""  # the DER of the LDS security object, as signed


_HASH_NAMES = ("sha1", "sha224", "sha256", "sha384", "sha512")


def _content_info(data: bytes) -> bytes:
    if data[:2] == bytes([SOD_TAG, 0x80]):  # indefinite outer length: the CMS parser finds the end
        return data[2:]
    return tlv.unwrap(data, SOD_TAG)


def parse_sod(data: bytes) -> SecurityObject:
    try:
        content = cms.ContentInfo.load(_content_info(data), strict=False)
        if content["content_type"].native != "signed_data":
            raise ParseError("EF.SOD is not CMS SignedData")
        signed = content["content"]
        encapsulated = signed["encap_content_info"]
        content_type = encapsulated["content_type"].dotted
        if content_type not in (OID_LDS_SECURITY_OBJECT, OID_DATA):
            raise ParseError("EF.SOD does not hold an LDS security object")
        if encapsulated["content"].native is None:
            raise ParseError("EF.SOD holds no LDS security object (detached content)")
        lso_bytes = bytes(encapsulated["content"])
        lso = LDSSecurityObject.load(lso_bytes)
        algorithm = lso["hash_algorithm"]["algorithm"].native
        if algorithm not in _HASH_NAMES:
            raise ParseError("EF.SOD uses a hash algorithm that is not supported")
        hashes = {}
        for item in lso["data_group_hash_values"]:
            number = int(item["data_group_number"].native)
            value = item["data_group_hash_value"].native
            if not 1 <= number <= 16 or number in hashes:
                raise ParseError("EF.SOD lists a data group number twice or out of range")
            hashes[number] = value
    except ParseError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
        raise ParseError(f"EF.SOD cannot be parsed ({error.__class__.__name__})") from None
    return SecurityObject(algorithm, hashes, signed, content_type, lso_bytes)


def altered_data_groups(sod: SecurityObject, data_groups: dict[int, bytes]) -> list[int]:
    """Numbers of the data groups whose hash differs from the SOD's, or that the SOD does not cover."""
    return sorted(n for n, data in data_groups.items()
                  if sod.hashes.get(n) != hashlib.new(sod.hash_algorithm, data).digest())


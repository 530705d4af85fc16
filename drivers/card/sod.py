"""EF.SOD: the LDS security object (ICAO 9303-10 §4.6.2), hashes of every data group inside CMS SignedData.

This module reads the hashes and compares them with the data groups read. Verifying the signature
and its chain to a CSCA (passive authentication proper) builds on `parse_sod`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from asn1crypto import algos, cms, core

from . import tlv
from .errors import CardError, ParseError

OID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
SOD_TAG = 0x77


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LDSSecurityObject(core.Sequence):
    _fields = [("version", core.Integer), ("hash_algorithm", algos.DigestAlgorithm),
               ("data_group_hash_values", DataGroupHashValues)]


class DataGroupAltered(CardError):
    """A data group read does not hash to the value the card's security object holds."""

    def __init__(self, numbers: list[int]) -> None:
        self.numbers = numbers
        names = ", ".join(f"DG{n}" for n in numbers)
        super().__init__(f"{names} does not match the card's security object (SOD): the data was altered")


@dataclass(frozen=True)
class SecurityObject:
    hash_algorithm: str  # hashlib name: "sha256", "sha1", …
    hashes: dict[int, bytes]
    signed_data: cms.SignedData


def parse_sod(data: bytes) -> SecurityObject:
    try:
        content = cms.ContentInfo.load(tlv.unwrap(data, SOD_TAG))
        if content["content_type"].native != "signed_data":
            raise ParseError("EF.SOD is not CMS SignedData")
        signed = content["content"]
        encapsulated = signed["encap_content_info"]
        if encapsulated["content_type"].dotted != OID_LDS_SECURITY_OBJECT:
            raise ParseError("EF.SOD does not hold an LDS security object")
        lso = LDSSecurityObject.load(encapsulated["content"].native)
        algorithm = lso["hash_algorithm"]["algorithm"].native
        hashes = {int(item["data_group_number"].native): item["data_group_hash_value"].native
                  for item in lso["data_group_hash_values"]}
        hashlib.new(algorithm)
    except ParseError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise ParseError(f"EF.SOD cannot be parsed ({error.__class__.__name__})") from None
    return SecurityObject(algorithm, hashes, signed)


def altered_data_groups(sod: SecurityObject, data_groups: dict[int, bytes]) -> list[int]:
    """Numbers of the data groups whose hash differs from the SOD's, or that the SOD does not cover."""
    return sorted(n for n, data in data_groups.items()
                  if sod.hashes.get(n) != hashlib.new(sod.hash_algorithm, data).digest())


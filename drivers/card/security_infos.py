"""SecurityInfos (ICAO 9303-11 §9.2): the set that EF.CardAccess and DG14 hold.

Each SecurityInfo is SEQUENCE { protocol OBJECT IDENTIFIER, requiredData ANY, optionalData ANY OPTIONAL };
the protocol OID says what the rest is. Known kinds are decoded into small dataclasses, the others are
kept with their OID and raw bytes. Object identifiers are dotted strings ("0.4.0.127.0.7.2.2.4.2.2").
Every malformed input raises ParseError with a plain message (the data is never echoed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import tlv
from .errors import ParseError

# ---------------------------------------------------------------- object identifiers

BSI_DE = "0.4.0.127.0.7"
ID_PK = BSI_DE + ".2.2.1"
ID_PK_DH = ID_PK + ".1"
ID_PK_ECDH = ID_PK + ".2"
ID_TA = BSI_DE + ".2.2.2"
ID_CA = BSI_DE + ".2.2.3"
ID_CA_DH = ID_CA + ".1"
ID_CA_ECDH = ID_CA + ".2"
ID_PACE = BSI_DE + ".2.2.4"
ID_PACE_DH_GM = ID_PACE + ".1"
ID_PACE_ECDH_GM = ID_PACE + ".2"
ID_PACE_DH_IM = ID_PACE + ".3"
ID_PACE_ECDH_IM = ID_PACE + ".4"
ID_PACE_ECDH_CAM = ID_PACE + ".6"
ID_AA = "2.23.136.1.1.5"

# the last arc of a PACE or CA protocol OID names the secure-messaging cipher suite
_CIPHERS = {1: "3DES", 2: "AES-128", 3: "AES-192", 4: "AES-256"}
_KEY_LENGTH = {"3DES": 16, "AES-128": 16, "AES-192": 24, "AES-256": 32}
_PACE_MAPPINGS = {
    ID_PACE_DH_GM: ("DH", "GM"), ID_PACE_ECDH_GM: ("ECDH", "GM"),
    ID_PACE_DH_IM: ("DH", "IM"), ID_PACE_ECDH_IM: ("ECDH", "IM"),
    ID_PACE_ECDH_CAM: ("ECDH", "CAM"),
}
_CA_AGREEMENTS = {ID_CA_DH: "DH", ID_CA_ECDH: "ECDH"}


def oid_to_str(contents: bytes) -> str:
    """Dotted form of an OBJECT IDENTIFIER's DER contents."""
    if not contents:
        raise ParseError("security info: empty object identifier")
    if contents[-1] & 0x80:
        raise ParseError("security info: truncated object identifier")
    arcs: list[int] = []
    value = 0
    for b in contents:
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(value)
            value = 0
    first = arcs[0]
    head = [min(first // 40, 2), first - 40 * min(first // 40, 2)]
    return ".".join(str(a) for a in head + arcs[1:])


def oid_to_bytes(dotted: str) -> bytes:
    """DER contents of a dotted OBJECT IDENTIFIER (what MSE:Set AT carries in tag 80)."""
    try:
        arcs = [int(a) for a in dotted.split(".")]
    except ValueError:
        raise ValueError("object identifier must be dotted digits") from None
    if len(arcs) < 2 or arcs[0] > 2 or any(a < 0 for a in arcs):
        raise ValueError("object identifier must have at least two non-negative arcs")
    out = bytearray()
    for arc in [40 * arcs[0] + arcs[1]] + arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out += bytes(reversed(chunk))
    return bytes(out)


@dataclass(frozen=True)
class ProtocolSuite:
    """What a PACE or CA protocol OID stands for."""

    oid: str
    family: str  # "PACE" or "CA"
    agreement: str  # "DH" or "ECDH"
    mapping: str | None  # PACE: "GM", "IM" or "CAM"; CA: None
    cipher: str  # "3DES", "AES-128", "AES-192", "AES-256" (names of sm.kdf)
    key_length: int  # bytes of the session keys

    @property
    def name(self) -> str:
        mode = "3DES" if self.cipher == "3DES" else self.cipher
        if self.family == "PACE":
            return f"PACE-{self.agreement}-{self.mapping}-{mode}"
        return f"CA-{self.agreement}-{mode}"


def decode_protocol(oid: str) -> ProtocolSuite | None:
    """Decode a PACE or CA protocol OID; None for anything else (including PACE domain parameter OIDs)."""
    head, _, last = oid.rpartition(".")
    if not last.isdigit() or int(last) not in _CIPHERS:
        return None
    cipher = _CIPHERS[int(last)]
    if head in _PACE_MAPPINGS:
        agreement, mapping = _PACE_MAPPINGS[head]
        return ProtocolSuite(oid, "PACE", agreement, mapping, cipher, _KEY_LENGTH[cipher])
    if head in _CA_AGREEMENTS:
        return ProtocolSuite(oid, "CA", _CA_AGREEMENTS[head], None, cipher, _KEY_LENGTH[cipher])
    return None


# ---------------------------------------------------------------- the infos


@dataclass(frozen=True)
class PACEInfo:
    oid: str
    version: int
    parameter_id: int | None

    @property
    def suite(self) -> ProtocolSuite | None:
        return decode_protocol(self.oid)


@dataclass(frozen=True)
class PACEDomainParameterInfo:
    oid: str  # id-PACE-{DH,ECDH}-{GM,IM}, id-PACE-ECDH-CAM
    domain_parameter: bytes  # the AlgorithmIdentifier, DER
    parameter_id: int | None


@dataclass(frozen=True)
class ChipAuthenticationInfo:
    oid: str
    version: int
    key_id: int | None

    @property
    def suite(self) -> ProtocolSuite | None:
        return decode_protocol(self.oid)


@dataclass(frozen=True)
class ChipAuthenticationPublicKeyInfo:
    oid: str  # id-PK-DH or id-PK-ECDH
    subject_public_key_info: bytes  # DER
    key_id: int | None

    def __repr__(self) -> str:
        return f"ChipAuthenticationPublicKeyInfo({self.oid}, key_id={self.key_id})"


@dataclass(frozen=True)
class ActiveAuthenticationInfo:
    oid: str
    version: int
    signature_algorithm: str


@dataclass(frozen=True)
class TerminalAuthenticationInfo:
    oid: str
    version: int
    ef_cvca: bytes | None  # the optional FileID, DER


@dataclass(frozen=True)
class UnknownSecurityInfo:
    oid: str
    data: bytes  # the whole SecurityInfo, DER

    def __repr__(self) -> str:
        return f"UnknownSecurityInfo({self.oid}, {len(self.data)} bytes)"


@dataclass
class SecurityInfos:
    pace: list[PACEInfo] = field(default_factory=list)
    pace_domain_parameters: list[PACEDomainParameterInfo] = field(default_factory=list)
    chip_authentication: list[ChipAuthenticationInfo] = field(default_factory=list)
    chip_authentication_keys: list[ChipAuthenticationPublicKeyInfo] = field(default_factory=list)
    active_authentication: list[ActiveAuthenticationInfo] = field(default_factory=list)
    terminal_authentication: list[TerminalAuthenticationInfo] = field(default_factory=list)
    unknown: list[UnknownSecurityInfo] = field(default_factory=list)


# ---------------------------------------------------------------- parsing


def _integer(obj: tlv.TLV, what: str) -> int:
    if obj.tag != 0x02 or not obj.value:
        raise ParseError(f"security info: {what} is not an INTEGER")
    if len(obj.value) > 8:
        raise ParseError(f"security info: {what} is too large")
    return int.from_bytes(obj.value, "big", signed=True)


def _oid(obj: tlv.TLV, what: str) -> str:
    if obj.tag != 0x06:
        raise ParseError(f"security info: {what} is not an OBJECT IDENTIFIER")
    return oid_to_str(obj.value)


def _optional_integer(items: list[tlv.TLV], index: int, what: str) -> int | None:
    return _integer(items[index], what) if len(items) > index else None


def _need(items: list[tlv.TLV], count: int, kind: str) -> None:
    if len(items) < count:
        raise ParseError(f"security info: {kind} is missing required fields")


def _parse_one(info: tlv.TLV, out: SecurityInfos) -> None:
    if info.tag != 0x30:
        raise ParseError("security info: an element of the set is not a SEQUENCE")
    items = info.children()
    if not items:
        raise ParseError("security info: empty SEQUENCE")
    oid = _oid(items[0], "protocol")
    head = oid.rpartition(".")[0]
    if head in _PACE_MAPPINGS:  # id-PACE-xx-yy-cipher: PACEInfo
        _need(items, 2, "PACEInfo")
        out.pace.append(PACEInfo(oid, _integer(items[1], "PACE version"),
                                 _optional_integer(items, 2, "PACE parameter id")))
    elif oid in _PACE_MAPPINGS:  # id-PACE-xx-yy alone: PACEDomainParameterInfo
        _need(items, 2, "PACEDomainParameterInfo")
        if items[1].tag != 0x30:
            raise ParseError("security info: PACE domain parameters are not an AlgorithmIdentifier")
        out.pace_domain_parameters.append(PACEDomainParameterInfo(
            oid, items[1].encode(), _optional_integer(items, 2, "PACE parameter id")))
    elif head in _CA_AGREEMENTS:
        _need(items, 2, "ChipAuthenticationInfo")
        out.chip_authentication.append(ChipAuthenticationInfo(
            oid, _integer(items[1], "CA version"), _optional_integer(items, 2, "CA key id")))
    elif oid in (ID_PK_DH, ID_PK_ECDH):
        _need(items, 2, "ChipAuthenticationPublicKeyInfo")
        if items[1].tag != 0x30:
            raise ParseError("security info: chip authentication key is not a SubjectPublicKeyInfo")
        out.chip_authentication_keys.append(ChipAuthenticationPublicKeyInfo(
            oid, items[1].encode(), _optional_integer(items, 2, "CA key id")))
    elif oid == ID_AA:
        _need(items, 3, "ActiveAuthenticationInfo")
        out.active_authentication.append(ActiveAuthenticationInfo(
            oid, _integer(items[1], "AA version"), _oid(items[2], "AA signature algorithm")))
    elif oid == ID_TA:
        _need(items, 2, "TerminalAuthenticationInfo")
        out.terminal_authentication.append(TerminalAuthenticationInfo(
            oid, _integer(items[1], "TA version"), items[2].encode() if len(items) > 2 else None))
    else:
        out.unknown.append(UnknownSecurityInfo(oid, info.encode()))


def parse_security_infos(data: bytes) -> SecurityInfos:
    """Parse EF.CardAccess, EF.CardSecurity's content or DG14 (with or without its 6E wrapper)."""
    data = bytes(data)
    if not data:
        raise ParseError("security infos: the file is empty")
    outer, _ = tlv.decode_one(data, 0)
    if outer.tag == 0x6E:  # DG14
        outer, _ = tlv.decode_one(outer.value, 0)
    if outer.tag != 0x31:
        raise ParseError("security infos: the file does not hold a SET of SecurityInfo")
    result = SecurityInfos()
    for info in tlv.decode_all(outer.value):
        _parse_one(info, result)
    return result

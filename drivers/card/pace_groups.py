"""The groups PACE's generic mapping works in (ICAO 9303-11 §4.4.3.3.1, §9.5.1), behind one interface.

An ECGroup wraps a curve of ecc.py, a DHGroup one of the RFC 5114 MODP groups (parameter ids 0-2).
Both sides of PACE (the station and the virtual card) use the same operations:

  private = group.random_private(random)          a key in [1, order-1]
  public  = group.public(private, generator)      generator^private (DH) or private·generator (EC)
  shared  = group.agree(private, peer_public)     the full group element (the mapping needs H whole)
  mapped  = group.map_generator(s, shared)        G' = g^s · H, or s·G + H
  secret  = group.secret_bytes(shared)            the KDF input: the DH value or the x-coordinate

Public keys travel encoded (`encode` / `decode`, which validates); `public_key_tag` is their tag in the
authentication token's public key data object (84 for DH, 86 for EC).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, Union

from . import ecc
from .errors import ParseError

RandomSource = Callable[[int], bytes]
Element = Union[int, tuple[int, int]]


class PaceGroup(Protocol):
    name: str
    agreement: str  # "ECDH" or "DH"
    public_key_tag: int
    generator: Element

    def random_private(self, random: RandomSource) -> int: ...

    def public(self, private: int, generator: Element) -> Element: ...

    def agree(self, private: int, peer: Element) -> Element: ...

    def map_generator(self, nonce: int, shared: Element) -> Element: ...

    def secret_bytes(self, shared: Element) -> bytes: ...

    def encode(self, element: Element) -> bytes: ...

    def decode(self, data: bytes) -> Element: ...


class ECGroup:
    """A standardized curve; generic mapping over elliptic curves."""

    agreement = "ECDH"
    public_key_tag = 0x86

    def __init__(self, curve: ecc.Curve) -> None:
        self.curve = curve
        self.name = curve.name
        self.generator = curve.generator

    def random_private(self, random: RandomSource) -> int:
        return ecc.random_scalar(self.curve, random)

    def public(self, private: int, generator: Element) -> Element:
        if generator == self.curve.generator:
            point = ecc.multiply_generator(self.curve, private)  # cryptography does the standard base point
        else:
            point = ecc.multiply(self.curve, private, generator)
        if point is None:
            raise ParseError("PACE: a key on the mapped generator came out as the point at infinity")
        return point

    def agree(self, private: int, peer: Element) -> Element:
        point = ecc.multiply(self.curve, private, peer)
        if point is None:
            raise ParseError("PACE: the key agreement gave the point at infinity")
        return point

    def map_generator(self, nonce: int, shared: Element) -> Element:
        mapped = ecc.add(self.curve, ecc.multiply_generator(self.curve, nonce), shared)
        if mapped is None:
            raise ParseError("PACE: the mapped generator is the point at infinity")
        return mapped

    def secret_bytes(self, shared: Element) -> bytes:
        return ecc.encode_coordinate(self.curve, shared[0])

    def encode(self, element: Element) -> bytes:
        return ecc.encode_point(self.curve, element)

    def decode(self, data: bytes) -> Element:
        return ecc.decode_point(self.curve, data)

    def __repr__(self) -> str:
        return f"ECGroup({self.name})"


@dataclass(frozen=True, repr=False)
class DHGroup:
    """A MODP group with a prime-order subgroup: p, generator g of order q (RFC 5114 §2)."""

    name: str
    p: int
    g: int
    q: int

    agreement = "DH"
    public_key_tag = 0x84

    @property
    def generator(self) -> int:
        return self.g

    @property
    def size(self) -> int:
        return (self.p.bit_length() + 7) // 8

    def random_private(self, random: RandomSource) -> int:
        length = (self.q.bit_length() + 7) // 8
        mask = (1 << self.q.bit_length()) - 1
        for _ in range(256):  # rejection sampling, as ecc.random_scalar
            candidate = int.from_bytes(random(length), "big") & mask
            if 1 <= candidate < self.q:
                return candidate
        raise RuntimeError("the random source keeps producing out-of-range keys")

    def public(self, private: int, generator: Element) -> Element:
        return pow(generator, private, self.p)

    def agree(self, private: int, peer: Element) -> Element:
        return pow(peer, private, self.p)

    def map_generator(self, nonce: int, shared: Element) -> Element:
        mapped = pow(self.g, nonce, self.p) * shared % self.p
        if mapped in (0, 1):
            raise ParseError("PACE: the mapped generator is degenerate")
        return mapped

    def secret_bytes(self, shared: Element) -> bytes:
        return shared.to_bytes(self.size, "big")

    def encode(self, element: Element) -> bytes:
        return element.to_bytes(self.size, "big")

    def decode(self, data: bytes) -> Element:
        if not data or len(data) > self.size:
            raise ParseError(f"PACE: DH public key does not fit the {self.name}")
        value = int.from_bytes(data, "big")
        # 1 < y < p-1 and y in the subgroup of order q: no small-subgroup confinement
        if not 1 < value < self.p - 1 or pow(value, self.q, self.p) != 1:
            raise ParseError(f"PACE: DH public key is not an element of the {self.name}")
        return value

    def __repr__(self) -> str:
        return f"DHGroup({self.name})"


def _hex(*parts: str) -> int:
    return int("".join(parts), 16)


# ICAO 9303-11 §9.5.1: standardized domain parameters 0-2 are the MODP groups of RFC 5114 §2.1-2.3
DH_GROUPS: dict[int, DHGroup] = {
    0: DHGroup("1024-bit MODP group with 160-bit prime order subgroup",
        p=_hex(
            "B10B8F96A080E01DDE92DE5EAE5D54EC52C99FBCFB06A3C69A6A9DCA52D23B61"
            "6073E28675A23D189838EF1E2EE652C013ECB4AEA906112324975C3CD49B83BF"
            "ACCBDD7D90C4BD7098488E9C219A73724EFFD6FAE5644738FAA31A4FF55BCCC0"
            "A151AF5F0DC8B4BD45BF37DF365C1A65E68CFDA76D4DA708DF1FB2BC2E4A4371"),
        g=_hex(
            "A4D1CBD5C3FD34126765A442EFB99905F8104DD258AC507FD6406CFF14266D31"
            "266FEA1E5C41564B777E690F5504F213160217B4B01B886A5E91547F9E2749F4"
            "D7FBD7D3B9A92EE1909D0D2263F80A76A6A24C087A091F531DBF0A0169B6A28A"
            "D662A4D18E73AFA32D779D5918D08BC8858F4DCEF97C2A24855E6EEB22B3B2E5"),
        q=_hex(
            "F518AA8781A8DF278ABA4E7D64B7CB9D49462353")),
    1: DHGroup("2048-bit MODP group with 224-bit prime order subgroup",
        p=_hex(
            "AD107E1E9123A9D0D660FAA79559C51FA20D64E5683B9FD1B54B1597B61D0A75"
            "E6FA141DF95A56DBAF9A3C407BA1DF15EB3D688A309C180E1DE6B85A1274A0A6"
            "6D3F8152AD6AC2129037C9EDEFDA4DF8D91E8FEF55B7394B7AD5B7D0B6C12207"
            "C9F98D11ED34DBF6C6BA0B2C8BBC27BE6A00E0A0B9C49708B3BF8A3170918836"
            "81286130BC8985DB1602E714415D9330278273C7DE31EFDC7310F7121FD5A074"
            "15987D9ADC0A486DCDF93ACC44328387315D75E198C641A480CD86A1B9E587E8"
            "BE60E69CC928B2B9C52172E413042E9B23F10B0E16E79763C9B53DCF4BA80A29"
            "E3FB73C16B8E75B97EF363E2FFA31F71CF9DE5384E71B81C0AC4DFFE0C10E64F"),
        g=_hex(
            "AC4032EF4F2D9AE39DF30B5C8FFDAC506CDEBE7B89998CAF74866A08CFE4FFE3"
            "A6824A4E10B9A6F0DD921F01A70C4AFAAB739D7700C29F52C57DB17C620A8652"
            "BE5E9001A8D66AD7C17669101999024AF4D027275AC1348BB8A762D0521BC98A"
            "E247150422EA1ED409939D54DA7460CDB5F6C6B250717CBEF180EB34118E98D1"
            "19529A45D6F834566E3025E316A330EFBB77A86F0C1AB15B051AE3D428C8F8AC"
            "B70A8137150B8EEB10E183EDD19963DDD9E263E4770589EF6AA21E7F5F2FF381"
            "B539CCE3409D13CD566AFBB48D6C019181E1BCFE94B30269EDFE72FE9B6AA4BD"
            "7B5A0F1C71CFFF4C19C418E1F6EC017981BC087F2A7065B384B890D3191F2BFA"),
        q=_hex(
            "801C0D34C58D93FE997177101F80535A4738CEBCBF389A99B36371EB")),
    2: DHGroup("2048-bit MODP group with 256-bit prime order subgroup",
        p=_hex(
            "87A8E61DB4B6663CFFBBD19C651959998CEEF608660DD0F25D2CEED4435E3B00"
            "E00DF8F1D61957D4FAF7DF4561B2AA3016C3D91134096FAA3BF4296D830E9A7C"
            "209E0C6497517ABD5A8A9D306BCF67ED91F9E6725B4758C022E0B1EF4275BF7B"
            "6C5BFC11D45F9088B941F54EB1E59BB8BC39A0BF12307F5C4FDB70C581B23F76"
            "B63ACAE1CAA6B7902D52526735488A0EF13C6D9A51BFA4AB3AD8347796524D8E"
            "F6A167B5A41825D967E144E5140564251CCACB83E6B486F6B3CA3F7971506026"
            "C0B857F689962856DED4010ABD0BE621C3A3960A54E710C375F26375D7014103"
            "A4B54330C198AF126116D2276E11715F693877FAD7EF09CADB094AE91E1A1597"),
        g=_hex(
            "3FB32C9B73134D0B2E77506660EDBD484CA7B18F21EF205407F4793A1A0BA125"
            "10DBC15077BE463FFF4FED4AAC0BB555BE3A6C1B0C6B47B1BC3773BF7E8C6F62"
            "901228F8C28CBB18A55AE31341000A650196F931C77A57F2DDF463E5E9EC144B"
            "777DE62AAAB8A8628AC376D282D6ED3864E67982428EBC831D14348F6F2F9193"
            "B5045AF2767164E1DFC967C1FB3F2E55A4BD1BFFE83B9C80D052B985D182EA0A"
            "DB2A3B7313D3FE14C8484B1E052588B9B7D2BBD2DF016199ECD06E1557CD0915"
            "B3353BBB64E0EC377FD028370DF92B52C7891428CDC67EB6184B523D1DB246C3"
            "2F63078490F00EF8D647D148D47954515E2327CFEF98C582664B4C0F6CC41659"),
        q=_hex(
            "8CF83642A709A097B447997640129DA299B1A47D1EB3750BA308B0FE64F5FBD3")),
}


def group_for_parameter_id(parameter_id: int | None) -> PaceGroup | None:
    """The group of a standardized PACE parameter id (0-2 DH, 8-18 EC); None for reserved or unknown ids."""
    if parameter_id is None:
        return None
    if parameter_id in DH_GROUPS:
        return DH_GROUPS[parameter_id]
    curve = ecc.curve_for_parameter_id(parameter_id)
    return ECGroup(curve) if curve is not None else None

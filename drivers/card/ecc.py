"""Elliptic-curve arithmetic for PACE's generic mapping, and the standard domain parameters of ICAO 9303-11.

PACE's generic mapping needs full points: H = SK_map · PK_map (both coordinates), the mapped generator
G' = s·G + H, and key agreement on G'. `cryptography` only does ECDH on a curve's standard generator and
only returns the x-coordinate, so the point arithmetic is written here: Jacobian coordinates (no
inversion per step) and a Montgomery ladder whose sequence of operations depends only on the bit length
of the curve order, not on the scalar. Python integers are not constant-time, so this is "constant
shape", not side-channel hardened; it runs on the station (ephemeral keys) and on the virtual card.

`cryptography` is used where it can be: s·G (and any k·G on the standard generator) for the curves it
knows, and key generation draws from the injected random source so tests can replay worked examples.

Points are affine (x, y) tuples; None is the point at infinity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from cryptography.hazmat.primitives.asymmetric import ec

from .errors import ParseError

Point = tuple[int, int] | None


@dataclass(frozen=True)
class Curve:
    """Short Weierstrass curve y² = x³ + ax + b over GF(p) with base point (gx, gy) of order n."""

    name: str
    bits: int
    p: int
    a: int
    b: int
    gx: int
    gy: int
    n: int
    h: int

    @property
    def size(self) -> int:
        """Bytes of one coordinate (and of the ECDH shared secret)."""
        return (self.p.bit_length() + 7) // 8

    @property
    def generator(self) -> tuple[int, int]:
        return (self.gx, self.gy)

    @property
    def crypto_curve(self) -> ec.EllipticCurve | None:
        """The `cryptography` curve object, when the library knows this curve."""
        factory = getattr(ec, _CRYPTOGRAPHY_NAMES.get(self.name, ""), None)
        return factory() if factory is not None else None

    def __repr__(self) -> str:
        return f"Curve({self.name})"


# ICAO 9303-11 §9.5.1 table of standardized domain parameters: ids 8-18 are elliptic curves.
# (ids 0-2 are RFC 5114 MODP groups, 3-7 and 19-31 are reserved.)
STANDARD_CURVES: dict[int, Curve] = {
    8: Curve("secp192r1", 192,
          p=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFF,
          a=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFC,
          b=0x64210519E59C80E70FA7E9AB72243049FEB8DEECC146B9B1,
          gx=0x188DA80EB03090F67CBF20EB43A18800F4FF0AFD82FF1012,
          gy=0x7192B95FFC8DA78631011ED6B24CDD573F977A11E794811,
          n=0xFFFFFFFFFFFFFFFFFFFFFFFF99DEF836146BC9B1B4D22831, h=1),
    9: Curve("brainpoolP192r1", 192,
          p=0xC302F41D932A36CDA7A3463093D18DB78FCE476DE1A86297,
          a=0x6A91174076B1E0E19C39C031FE8685C1CAE040E5C69A28EF,
          b=0x469A28EF7C28CCA3DC721D044F4496BCCA7EF4146FBF25C9,
          gx=0xC0A0647EAAB6A48753B033C56CB0F0900A2F5C4853375FD6,
          gy=0x14B690866ABD5BB88B5F4828C1490002E6773FA2FA299B8F,
          n=0xC302F41D932A36CDA7A3462F9E9E916B5BE8F1029AC4ACC1, h=1),
    10: Curve("secp224r1", 224,
          p=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF000000000000000000000001,
          a=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFE,
          b=0xB4050A850C04B3ABF54132565044B0B7D7BFD8BA270B39432355FFB4,
          gx=0xB70E0CBD6BB4BF7F321390B94A03C1D356C21122343280D6115C1D21,
          gy=0xBD376388B5F723FB4C22DFE6CD4375A05A07476444D5819985007E34,
          n=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFF16A2E0B8F03E13DD29455C5C2A3D, h=1),
    11: Curve("brainpoolP224r1", 224,
          p=0xD7C134AA264366862A18302575D1D787B09F075797DA89F57EC8C0FF,
          a=0x68A5E62CA9CE6C1C299803A6C1530B514E182AD8B0042A59CAD29F43,
          b=0x2580F63CCFE44138870713B1A92369E33E2135D266DBB372386C400B,
          gx=0xD9029AD2C7E5CF4340823B2A87DC68C9E4CE3174C1E6EFDEE12C07D,
          gy=0x58AA56F772C0726F24C6B89E4ECDAC24354B9E99CAA3F6D3761402CD,
          n=0xD7C134AA264366862A18302575D0FB98D116BC4B6DDEBCA3A5A7939F, h=1),
    12: Curve("secp256r1", 256,
          p=0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF,
          a=0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC,
          b=0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
          gx=0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
          gy=0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
          n=0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551, h=1),
    13: Curve("brainpoolP256r1", 256,
          p=0xA9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377,
          a=0x7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9,
          b=0x26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6,
          gx=0x8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262,
          gy=0x547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997,
          n=0xA9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7, h=1),
    14: Curve("brainpoolP320r1", 320,
          p=0xD35E472036BC4FB7E13C785ED201E065F98FCFA6F6F40DEF4F92B9EC7893EC28FCD412B1F1B32E27,
          a=0x3EE30B568FBAB0F883CCEBD46D3F3BB8A2A73513F5EB79DA66190EB085FFA9F492F375A97D860EB4,
          b=0x520883949DFDBC42D3AD198640688A6FE13F41349554B49ACC31DCCD884539816F5EB4AC8FB1F1A6,
          gx=0x43BD7E9AFB53D8B85289BCC48EE5BFE6F20137D10A087EB6E7871E2A10A599C710AF8D0D39E20611,
          gy=0x14FDD05545EC1CC8AB4093247F77275E0743FFED117182EAA9C77877AAAC6AC7D35245D1692E8EE1,
          n=0xD35E472036BC4FB7E13C785ED201E065F98FCFA5B68F12A32D482EC7EE8658E98691555B44C59311, h=1),
    15: Curve("secp384r1", 384,
          p=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF,
          a=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFC,
          b=0xB3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF,
          gx=0xAA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7,
          gy=0x3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C00A60B1CE1D7E819D7A431D7C90EA0E5F,
          n=0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973, h=1),
    16: Curve("brainpoolP384r1", 384,
          p=0x8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123ACD3A729901D1A71874700133107EC53,
          a=0x7BC382C63D8C150C3C72080ACE05AFA0C2BEA28E4FB22787139165EFBA91F90F8AA5814A503AD4EB04A8C7DD22CE2826,
          b=0x4A8C7DD22CE28268B39B55416F0447C2FB77DE107DCD2A62E880EA53EEB62D57CB4390295DBC9943AB78696FA504C11,
          gx=0x1D1C64F068CF45FFA2A63A81B7C13F6B8847A3E77EF14FE3DB7FCAFE0CBD10E8E826E03436D646AAEF87B2E247D4AF1E,
          gy=0x8ABE1D7520F9C2A45CB1EB8E95CFD55262B70B29FEEC5864E19C054FF99129280E4646217791811142820341263C5315,
          n=0x8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B31F166E6CAC0425A7CF3AB6AF6B7FC3103B883202E9046565, h=1),
    17: Curve("brainpoolP512r1", 512,
          p=0xAADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA703308717D4D9B009BC66842AECDA12AE6A380E62881FF2F2D82C68528AA6056583A48F3,
          a=0x7830A3318B603B89E2327145AC234CC594CBDD8D3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CA,
          b=0x3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CADC083E67984050B75EBAE5DD2809BD638016F723,
          gx=0x81AEE4BDD82ED9645A21322E9C4C6A9385ED9F70B5D916C1B43B62EEF4D0098EFF3B1F78E2D0D48D50D1687B93B97D5F7C6D5047406A5E688B352209BCB9F822,
          gy=0x7DDE385D566332ECC0EABFA9CF7822FDF209F70024A57B1AA000C55B881F8111B2DCDE494A5F485E5BCA4BD88A2763AED1CA2B2FA8F0540678CD1E0F3AD80892,
          n=0xAADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA70330870553E5C414CA92619418661197FAC10471DB1D381085DDADDB58796829CA90069, h=1),
    18: Curve("secp521r1", 521,
          p=0x1FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF,
          a=0x1FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC,
          b=0x51953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B503F00,
          gx=0xC6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D3DBAA14B5E77EFE75928FE1DC127A2FFA8DE3348B3C1856A429BF97E7E31C2E5BD66,
          gy=0x11839296A789A3BC0045C8A5FB42C7D1BD998F54449579B446817AFBD17273E662C97EE72995EF42640C550B9013FAD0761353C7086A272C24088BE94769FD16650,
          n=0x1FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409, h=1),}


_CRYPTOGRAPHY_NAMES = {
    "secp192r1": "SECP192R1", "secp224r1": "SECP224R1", "secp256r1": "SECP256R1",
    "secp384r1": "SECP384R1", "secp521r1": "SECP521R1", "brainpoolP256r1": "BrainpoolP256R1",
    "brainpoolP384r1": "BrainpoolP384R1", "brainpoolP512r1": "BrainpoolP512R1",
}


def curve_for_parameter_id(parameter_id: int) -> Curve | None:
    """The standardized elliptic curve of a PACE parameter id (9303-11 §9.5.1), None for others."""
    return STANDARD_CURVES.get(parameter_id)


# ---------------------------------------------------------------- affine helpers


def is_on_curve(curve: Curve, point: Point) -> bool:
    """True for a finite point with coordinates in [0, p) satisfying the curve equation."""
    if point is None:
        return False
    x, y = point
    p = curve.p
    if not (0 <= x < p and 0 <= y < p):
        return False
    return (y * y - (x * x * x + curve.a * x + curve.b)) % p == 0


def negate(curve: Curve, point: Point) -> Point:
    if point is None:
        return None
    return (point[0], (-point[1]) % curve.p)


def add(curve: Curve, first: Point, second: Point) -> Point:
    """first + second (affine in, affine out)."""
    return _to_affine(curve, _jacobian_add(curve, _to_jacobian(first), _to_jacobian(second)))


def multiply(curve: Curve, scalar: int, point: Point) -> Point:
    """scalar · point by a Montgomery ladder over Jacobian coordinates.

    The ladder always runs for the bit length of n and does one addition and one doubling per bit,
    whatever the scalar's bits are.
    """
    if point is None:
        return None
    scalar %= curve.n
    r0, r1 = _INFINITY, _to_jacobian(point)
    for i in reversed(range(curve.n.bit_length())):
        if (scalar >> i) & 1:
            r0, r1 = _jacobian_add(curve, r0, r1), _jacobian_double(curve, r1)
        else:
            r0, r1 = _jacobian_double(curve, r0), _jacobian_add(curve, r0, r1)
    return _to_affine(curve, r0)


def multiply_generator(curve: Curve, scalar: int) -> Point:
    """scalar · G, by `cryptography` when it knows the curve."""
    scalar %= curve.n
    if scalar == 0:
        return None
    crypto_curve = curve.crypto_curve
    if crypto_curve is None:
        return multiply(curve, scalar, curve.generator)
    numbers = ec.derive_private_key(scalar, crypto_curve).public_key().public_numbers()
    return (numbers.x, numbers.y)


def random_scalar(curve: Curve, random: Callable[[int], bytes]) -> int:
    """A private key in [1, n-1]: draw n's byte length, keep n's bit length, reject out of range.

    Unbiased, and a test's random source can feed the exact key bytes of a worked example.
    """
    length = (curve.n.bit_length() + 7) // 8
    mask = (1 << curve.n.bit_length()) - 1
    for _ in range(256):
        candidate = int.from_bytes(random(length), "big") & mask
        if 1 <= candidate < curve.n:
            return candidate
    raise RuntimeError("the random source keeps producing out-of-range keys")


# ---------------------------------------------------------------- encoding (BSI TR-03111 §3.2)


def encode_point(curve: Curve, point: Point) -> bytes:
    """Uncompressed encoding 04 || X || Y, each coordinate on the curve's size."""
    if point is None:
        raise ValueError("the point at infinity has no uncompressed encoding")
    size = curve.size
    return b"\x04" + point[0].to_bytes(size, "big") + point[1].to_bytes(size, "big")


def decode_point(curve: Curve, data: bytes) -> tuple[int, int]:
    """Decode 04 || X || Y and check that it is a point of the curve (ParseError otherwise)."""
    size = curve.size
    if len(data) != 1 + 2 * size or data[0] != 0x04:
        raise ParseError(f"public key is not an uncompressed point of {curve.name}")
    point = (int.from_bytes(data[1 : 1 + size], "big"), int.from_bytes(data[1 + size :], "big"))
    if not is_on_curve(curve, point):
        raise ParseError(f"public key is not on {curve.name}")
    return point


def encode_coordinate(curve: Curve, value: int) -> bytes:
    """A field element (e.g. the x-coordinate shared secret) on the curve's size."""
    return value.to_bytes(curve.size, "big")


# ---------------------------------------------------------------- Jacobian coordinates
# (X, Y, Z) stands for (X/Z², Y/Z³); Z = 0 is infinity. Formulas: "add-2007-bl" and "dbl-2007-bl"
# of the Explicit-Formulas Database, for any a.

_INFINITY = (1, 1, 0)


def _to_jacobian(point: Point) -> tuple[int, int, int]:
    if point is None:
        return _INFINITY
    return (point[0], point[1], 1)


def _to_affine(curve: Curve, point: tuple[int, int, int]) -> Point:
    x, y, z = point
    if z % curve.p == 0:
        return None
    p = curve.p
    z_inv = pow(z, -1, p)
    z_inv2 = z_inv * z_inv % p
    return (x * z_inv2 % p, y * z_inv2 * z_inv % p)


def _jacobian_double(curve: Curve, point: tuple[int, int, int]) -> tuple[int, int, int]:
    x1, y1, z1 = point
    p = curve.p
    if z1 == 0 or y1 == 0:
        return _INFINITY
    xx = x1 * x1 % p
    yy = y1 * y1 % p
    yyyy = yy * yy % p
    zz = z1 * z1 % p
    s = 2 * ((x1 + yy) ** 2 - xx - yyyy) % p
    m = (3 * xx + curve.a * zz * zz) % p
    x3 = (m * m - 2 * s) % p
    y3 = (m * (s - x3) - 8 * yyyy) % p
    z3 = ((y1 + z1) ** 2 - yy - zz) % p
    return (x3, y3, z3)


def _jacobian_add(curve: Curve, first: tuple[int, int, int], second: tuple[int, int, int]) -> tuple[int, int, int]:
    x1, y1, z1 = first
    x2, y2, z2 = second
    if z1 == 0:
        return second
    if z2 == 0:
        return first
    p = curve.p
    z1z1 = z1 * z1 % p
    z2z2 = z2 * z2 % p
    u1 = x1 * z2z2 % p
    u2 = x2 * z1z1 % p
    s1 = y1 * z2 * z2z2 % p
    s2 = y2 * z1 * z1z1 % p
    h = (u2 - u1) % p
    r = 2 * (s2 - s1) % p
    if h == 0:
        # same x: either the same point (double) or opposite points (infinity)
        return _jacobian_double(curve, first) if r == 0 else _INFINITY
    i = (2 * h) ** 2 % p
    j = h * i % p
    v = u1 * i % p
    x3 = (r * r - j - 2 * v) % p
    y3 = (r * (v - x3) - 2 * s1 * j) % p
    z3 = ((z1 + z2) ** 2 - z1z1 - z2z2) * h % p
    return (x3, y3, z3)

"""Digital signatures on digitised copies (PAdES): the key on a PKCS#11 token, signing, verification.

Decree 30/2020/NĐ-CP asks a digitised copy to carry the signature of the agency that digitised it; the
centre's certificate comes on a PKCS#11 token, so the token is the hardware this package drives.
"""


def cms_names_ready() -> None:
    """pyhanko names the signing-certificate-v2 attribute as asn1crypto.tsp registers it in CMS's attribute
    types when imported; asn1crypto keeps a reverse map built at the first name lookup, so a lookup made
    before that import (the card's CMS code) hides the name and every later signature fails. Called before
    each signature: registers the names and rebuilds a stale reverse map."""
    import asn1crypto.tsp  # noqa: F401
    from asn1crypto.cms import CMSAttributeType

    if CMSAttributeType._reverse_map is not None and "signing_certificate_v2" not in CMSAttributeType._reverse_map:
        CMSAttributeType._reverse_map = {name: oid for oid, name in CMSAttributeType._map.items()}

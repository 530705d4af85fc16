"""Digital signatures on digitised copies (PAdES): the key on a PKCS#11 token, signing, verification.

Decree 30/2020/NĐ-CP asks a digitised copy to carry the signature of the agency that digitised it; the
centre's certificate comes on a PKCS#11 token, so the token is the hardware this package drives.
"""


def cms_names_ready() -> None:
    """asn1crypto.tsp and pyhanko add names to asn1crypto's OID classes (CMS attribute and content types,
    extensions) when imported, but each class keeps a reverse map built at its first name lookup: a
    lookup made before those imports (the card's CMS code) hides the new names, and every later signature
    or timestamp fails. Called before each: imports the registrations and rebuilds any stale reverse map."""
    import asn1crypto.tsp  # noqa: F401
    import pyhanko.sign.ades.asn1_util  # noqa: F401
    from asn1crypto.core import ObjectIdentifier

    pending = [ObjectIdentifier]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        names, reverse = cls.__dict__.get("_map"), cls.__dict__.get("_reverse_map")
        if names and reverse is not None and not set(names.values()) <= reverse.keys():
            cls._reverse_map = {**reverse, **{name: oid for oid, name in names.items()}}

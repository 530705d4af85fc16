"""Digital signatures on digitised copies (PAdES): the key on a PKCS#11 token, signing, verification.

Decree 30/2020/NĐ-CP asks a digitised copy to carry the signature of the agency that digitised it; the
centre's certificate comes on a PKCS#11 token, so the token is the hardware this package drives.
"""

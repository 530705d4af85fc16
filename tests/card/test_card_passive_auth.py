"""Passive authentication: every status, every signature algorithm, the virtual card's SOD faults, and
the nine real SODs against the German and Dutch master lists."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import time

import pytest
from asn1crypto import cms
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.card import tlv
from drivers.card.files import EF_SOD, dg_fid
from drivers.card.passive_auth import FailedPart, PassiveAuthResult, PassiveAuthStatus, verify_sod
from drivers.card.sod import LDSSecurityObject, altered_data_groups, parse_sod
from drivers.card.trust import TrustStore
from drivers.card.virtual.files import (SOD_FAULTS, TEST_VALID_UNTIL, DocumentSigner, build_files, load_test_keys,
                                        sign_sod, write_test_trust_store)
from drivers.card.virtual.profile import load_profile
from tests.card.card_helpers import PROFILES
from tests.card.pki_helpers import (DE_LIST, NL_LIST, REAL_SOD_COUNTRIES, VN_CSCA, certificate, ec_key, icao_file,
                                    issue_dsc, master_list, name, real_sods, resign_sod, rsa_key,
                                    with_explicit_parameters)

GROUPS = (1, 2, 13, 14, 15)
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
S = PassiveAuthStatus
_DER = Encoding.DER


@pytest.fixture(scope="module")
def keys(key_folder):
    return load_test_keys(key_folder)


@pytest.fixture(scope="module")
def trust(key_folder, tmp_path_factory) -> TrustStore:
    """The simulated station's trust store: the virtual card's test CSCA alone."""
    folder = tmp_path_factory.mktemp("trust")
    path = write_test_trust_store(key_folder, folder)
    assert path.parent == folder and path.suffix == ".der"
    store = TrustStore.load(folder)
    assert len(store) == 1 and store.summary.failed_files == ()
    return store


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILES[0])


@pytest.fixture(scope="module")
def card_files(profile, key_folder):
    return build_files(profile, key_folder)


def data_groups(files) -> dict[int, bytes]:
    return {n: files[dg_fid(n)] for n in GROUPS}


@pytest.fixture(scope="module")
def real_trust(tmp_path_factory) -> TrustStore:
    """The German and Dutch master lists, loaded once for the module (about 0.4 s)."""
    folder = tmp_path_factory.mktemp("icao-trust")
    for name_ in (DE_LIST, NL_LIST):
        shutil.copy(icao_file(name_), folder / name_)
    started = time.perf_counter()
    store = TrustStore.load(folder)
    print(f"\nDE+NL master lists loaded in {time.perf_counter() - started:.2f} s: {store!r}")
    return store


# ---------------------------------------------------------------- the virtual card's SOD


def test_virtual_card_is_valid(card_files, trust, profile):
    result = verify_sod(card_files[EF_SOD], data_groups(card_files), trust)
    assert result.status is S.VALID and result.valid and result.failed is None
    assert result.groups_checked == GROUPS and result.groups_not_read == () and result.altered_groups == ()
    assert (result.hash_algorithm, result.signature_algorithm) == ("sha256", "ECDSA with SHA-256")
    assert (result.dsc_country, result.dsc_serial, result.csca_country, result.csca_serial) == ("VN", 2, "VN", 1)
    assert result.signing_time is None and result.checked_at is not None  # checked now: no signing time
    assert result.message == ("Passive authentication passed: the data is signed by a document signer of VN "
                              "under a trusted CSCA")
    text = repr(result) + result.message
    assert profile.id_number not in text and profile.full_name not in text


def test_groups_listed_but_not_read(card_files, trust):
    result = verify_sod(card_files[EF_SOD], {n: card_files[dg_fid(n)] for n in (1, 13)}, trust)
    assert result.status is S.VALID
    assert result.groups_checked == (1, 13) and result.groups_not_read == (2, 14, 15)


@pytest.mark.parametrize("number", [1, 2, 13, 14, 15])
def test_tampered_group_is_data_altered(profile, key_folder, trust, number):
    files = build_files(profile, key_folder, tamper_dg=number)
    result = verify_sod(files[EF_SOD], data_groups(files), trust)
    assert result.status is S.DATA_ALTERED and result.altered_groups == (number,)
    assert result.message == f"DG{number} does not match the card's security object (SOD): the data was altered"
    assert altered_data_groups(parse_sod(files[EF_SOD]), data_groups(files)) == [number]  # the reader's check


def test_group_the_sod_does_not_cover_is_altered(card_files, trust):
    groups = data_groups(card_files) | {11: b"\x6b\x03\x5f\x0e\x00", 2: card_files[dg_fid(2)][:-1] + b"\x00"}
    result = verify_sod(card_files[EF_SOD], groups, trust)
    assert result.status is S.DATA_ALTERED and result.altered_groups == (2, 11)
    assert result.message.startswith("DG2, DG11 do not match")


@pytest.mark.parametrize("fault, status, failed", [
    ("bad_signature", S.BAD_SIGNATURE, FailedPart.SOD_SIGNATURE),
    ("wrong_dsc", S.BAD_SIGNATURE, FailedPart.SOD_SIGNATURE),
    ("unknown_csca", S.UNKNOWN_CSCA, None),
    ("expired_dsc", S.EXPIRED_CERTIFICATE, FailedPart.DOCUMENT_SIGNER),
])
def test_sod_faults(profile, key_folder, trust, fault, status, failed):
    files = build_files(profile, key_folder, sod_fault=fault)
    assert {n: files[dg_fid(n)] for n in GROUPS} == data_groups(build_files(profile, key_folder))
    result = verify_sod(files[EF_SOD], data_groups(files), trust)
    assert (result.status, result.failed) == (status, failed)
    assert result.groups_checked == GROUPS and result.altered_groups == ()
    if fault == "expired_dsc":
        assert result.signing_time == result.checked_at and result.signing_time.year == 2024
        assert "document signer certificate (VN, serial 4) was not valid on 2024-" in result.message
    if fault == "unknown_csca":
        assert result.message == "The document signer of VN was not issued by any CSCA in this station's trust store"
    if fault == "wrong_dsc":  # the carried DSC is genuine (the test CSCA issued it) but did not sign
        assert result.dsc_serial == 3


def test_every_fault_is_tested():
    assert set(SOD_FAULTS) == {"bad_signature", "wrong_dsc", "unknown_csca", "expired_dsc"}


def test_unknown_fault_is_refused(profile, key_folder):
    with pytest.raises(ValueError, match="unknown SOD fault"):
        build_files(profile, key_folder, sod_fault="nonsense")


def test_virtual_card_passes_the_fault_through(profile, key_folder, trust):
    from drivers.card.virtual.card import VirtualCard

    card = VirtualCard.from_profile(profile, key_folder, sod_fault="bad_signature")
    assert verify_sod(card.files[EF_SOD], data_groups(card.files), trust).status is S.BAD_SIGNATURE


def test_altered_data_is_reported_with_an_untrusted_signer(profile, key_folder, trust):
    files = build_files(profile, key_folder, sod_fault="unknown_csca", tamper_dg=13)
    result = verify_sod(files[EF_SOD], data_groups(files), trust)
    assert result.status is S.DATA_ALTERED and result.altered_groups == (13,)


def test_altered_data_behind_a_bad_signature_is_a_bad_signature(profile, key_folder, trust):
    files = build_files(profile, key_folder, sod_fault="bad_signature", tamper_dg=13)
    result = verify_sod(files[EF_SOD], data_groups(files), trust)
    assert (result.status, result.failed) == (S.BAD_SIGNATURE, FailedPart.SOD_SIGNATURE)
    assert result.altered_groups == (13,)  # computed, but the SOD itself is not to be believed


# ---------------------------------------------------------------- no SOD, malformed SODs


@pytest.mark.parametrize("sod", [None, b""])
def test_no_sod(sod, card_files, trust):
    result = verify_sod(sod, data_groups(card_files), trust)
    assert result.status is S.NO_SOD and not result.valid
    assert result.message == "The card has no security object (SOD): its data cannot be verified"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong tag", "not signed data"])
def test_malformed(damage, card_files, trust):
    sod = card_files[EF_SOD]
    data = {"garbage": b"\x77\x03\x01\x02\x03", "truncated": sod[: len(sod) // 2], "wrong tag": b"\x78" + sod[1:],
            "not signed data": tlv.encode(0x77, cms.ContentInfo({"content_type": "data",
                                                                  "content": b"x"}).dump())}[damage]
    result = verify_sod(data, data_groups(card_files), trust)
    assert result.status is S.MALFORMED
    assert result.message.startswith("The card's security object (SOD) cannot be checked: ")


def _without_certificates(sod: bytes) -> bytes:
    info = cms.ContentInfo.load(tlv.unwrap(sod, 0x77))
    signed = info["content"]
    fields = {name_: signed[name_] for name_ in ("version", "digest_algorithms", "encap_content_info",
                                                  "signer_infos")}
    return tlv.encode(0x77, cms.ContentInfo({"content_type": "signed_data",
                                             "content": cms.SignedData(fields)}).dump())


def test_dsc_neither_carried_nor_installed_is_malformed(card_files, trust):
    result = verify_sod(_without_certificates(card_files[EF_SOD]), data_groups(card_files), trust)
    assert result.status is S.MALFORMED and "neither in the SOD nor in the trust store" in result.message


def test_dsc_installed_in_the_trust_store(card_files, keys):
    store = TrustStore.from_certificates([keys.csca_cert, keys.ds_cert])
    result = verify_sod(_without_certificates(card_files[EF_SOD]), data_groups(card_files), store)
    assert result.status is S.VALID and result.dsc_serial == 2


def test_lds_object_changed_after_signing(card_files, trust):
    lso = LDSSecurityObject.load(parse_sod(card_files[EF_SOD]).encapsulated)
    forged = LDSSecurityObject({
        "version": 0, "hash_algorithm": {"algorithm": "sha256"},
        "data_group_hash_values": [{"data_group_number": v["data_group_number"].native,
                                    "data_group_hash_value": hashlib.sha256(b"forged").digest()
                                    if v["data_group_number"].native == 13 else v["data_group_hash_value"].native}
                                   for v in lso["data_group_hash_values"]]}).dump()
    result = verify_sod(resign_sod(card_files[EF_SOD], None, content=forged), data_groups(card_files), trust)
    assert (result.status, result.failed) == (S.BAD_SIGNATURE, FailedPart.SOD_SIGNATURE)
    assert "does not match its signed digest" in result.message


# ---------------------------------------------------------------- the chain: DSC signature, CSCA, validity


def test_dsc_signed_by_an_impostor_of_the_csca(keys, card_files, trust):
    impostor = ec_key(ec.BrainpoolP256R1())
    ds = ec_key(ec.BrainpoolP256R1())
    forged = certificate(ds, impostor, name("TEST DS FORGED"), keys.csca_cert.subject, ca=False, serial=77)
    sod = sign_sod(data_groups(card_files), DocumentSigner(ds, forged.public_bytes(_DER)))
    result = verify_sod(sod, data_groups(card_files), trust)
    assert (result.status, result.failed) == (S.BAD_SIGNATURE, FailedPart.DSC_SIGNATURE)
    assert (result.csca_country, result.csca_serial) == ("VN", 1)


def test_empty_trust_store(card_files):
    result = verify_sod(card_files[EF_SOD], data_groups(card_files), TrustStore())
    assert result.status is S.UNKNOWN_CSCA
    assert result.message.startswith("No CSCA certificates are installed on this station")


def test_validity_is_judged_at_the_signing_time_else_at(card_files, trust, keys):
    groups = data_groups(card_files)
    late = TEST_VALID_UNTIL + dt.timedelta(days=1)
    assert verify_sod(card_files[EF_SOD], groups, trust, at=NOW).status is S.VALID
    expired = verify_sod(card_files[EF_SOD], groups, trust, at=late)
    assert (expired.status, expired.failed, expired.checked_at) == (S.EXPIRED_CERTIFICATE,
                                                                    FailedPart.DOCUMENT_SIGNER, late)
    signed = sign_sod(groups, DocumentSigner.of(keys), signing_time=NOW)
    result = verify_sod(signed, groups, trust, at=late)  # the signing time wins over `at`
    assert result.status is S.VALID and result.signing_time == NOW == result.checked_at
    naive = verify_sod(card_files[EF_SOD], groups, trust, at=late.replace(tzinfo=None))
    assert naive.status is S.EXPIRED_CERTIFICATE


def test_expired_csca(card_files, keys):
    ended = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)
    old_csca = certificate(keys.csca_key, keys.csca_key, keys.csca_cert.subject, keys.csca_cert.subject, ca=True,
                           serial=9, end=ended)
    groups = data_groups(card_files)
    result = verify_sod(card_files[EF_SOD], groups, TrustStore.from_certificates([old_csca]), at=NOW)
    assert (result.status, result.failed, result.csca_serial) == (S.EXPIRED_CERTIFICATE, FailedPart.CSCA, 9)
    assert result.message.startswith("The CSCA certificate (VN, serial 9) was not valid on 2026-01-01")
    # the same key renewed: the certificate valid at the time is chosen
    both = TrustStore.from_certificates([old_csca, keys.csca_cert])
    result = verify_sod(card_files[EF_SOD], groups, both, at=NOW)
    assert result.status is S.VALID and result.csca_serial == 1


# ---------------------------------------------------------------- signature algorithms


SIGNERS = {
    # id: (key maker, digest, pss, explicit parameters, expected algorithm text)
    "ecdsa-brainpoolP256r1-sha256": (lambda: ec_key(ec.BrainpoolP256R1()), "sha256", False, False,
                                     "ECDSA with SHA-256"),
    "ecdsa-brainpoolP384r1-sha384": (lambda: ec_key(ec.BrainpoolP384R1()), "sha384", False, False,
                                     "ECDSA with SHA-384"),
    "ecdsa-P256-sha256": (lambda: ec_key(ec.SECP256R1()), "sha256", False, False, "ECDSA with SHA-256"),
    "ecdsa-P384-sha1": (lambda: ec_key(ec.SECP384R1()), "sha1", False, False, "ECDSA with SHA-1"),
    "ecdsa-P521-sha512": (lambda: ec_key(ec.SECP521R1()), "sha512", False, False, "ECDSA with SHA-512"),
    "ecdsa-P224-sha224": (lambda: ec_key(ec.SECP224R1()), "sha224", False, False, "ECDSA with SHA-224"),
    "ecdsa-explicit-brainpoolP512r1": (lambda: ec_key(ec.BrainpoolP512R1()), "sha512", False, True,
                                       "ECDSA with SHA-512"),
    "rsa-pkcs1v15-sha256": (rsa_key, "sha256", False, False, "RSA PKCS#1 v1.5 with SHA-256"),
    "rsa-pkcs1v15-sha512": (rsa_key, "sha512", False, False, "RSA PKCS#1 v1.5 with SHA-512"),
    "rsa-pss-sha256": (rsa_key, "sha256", True, False, "RSA-PSS with SHA-256 (MGF1 SHA-256, salt 32)"),
    "rsa-pss-sha384": (rsa_key, "sha384", True, False, "RSA-PSS with SHA-384 (MGF1 SHA-384, salt 48)"),
}


@pytest.mark.parametrize("signer_id", SIGNERS)
@pytest.mark.parametrize("lds_hash", ["sha256", "sha1", "sha512"])
def test_signature_algorithms(signer_id, lds_hash, keys, card_files, trust):
    make_key, digest, pss, explicit, text = SIGNERS[signer_id]
    signer = issue_dsc(keys, make_key(), serial=100, digest=digest, pss=pss, explicit=explicit)
    groups = data_groups(card_files)
    result = verify_sod(sign_sod(groups, signer, lds_hash=lds_hash), groups, trust)
    assert result.status is S.VALID, result.message
    assert (result.signature_algorithm, result.hash_algorithm, result.dsc_serial) == (text, lds_hash, 100)
    bad = verify_sod(sign_sod(groups, signer, lds_hash=lds_hash, corrupt_signature=True), groups, trust)
    assert (bad.status, bad.failed) == (S.BAD_SIGNATURE, FailedPart.SOD_SIGNATURE)


def test_plain_ecdsa_signature(keys, card_files, trust):
    """BSI TR-03111 ecdsa-plain-SHA256 (r || s), used by some states' signers."""
    plain = resign_sod(card_files[EF_SOD], keys.ds_key, algorithm="0.4.0.127.0.7.1.1.4.1.3", plain_ecdsa=True)
    result = verify_sod(plain, data_groups(card_files), trust)
    assert result.status is S.VALID and result.signature_algorithm == "ECDSA with SHA-256 (plain)"


def test_csca_with_explicit_parameters(keys, card_files):
    """A CSCA spelling out brainpoolP512r1, as Vietnam's does, issuing an RSA document signer."""
    csca_key = ec_key(ec.BrainpoolP512R1())
    subject = name("TEST EXPLICIT CSCA")
    csca = with_explicit_parameters(certificate(csca_key, csca_key, subject, subject, ca=True, serial=5)
                                    .public_bytes(_DER), csca_key)
    ds_key = rsa_key()
    dsc = certificate(ds_key, csca_key, name("TEST DS UNDER EXPLICIT"), subject, ca=False, serial=6)
    store = TrustStore.from_certificates([csca])
    assert store.summary.skipped == 0 and len(store) == 1
    groups = data_groups(card_files)
    result = verify_sod(sign_sod(groups, DocumentSigner(ds_key, dsc.public_bytes(_DER))), groups, store)
    assert result.status is S.VALID and result.csca_serial == 5


def test_id_data_content_type_and_indefinite_outer_length(keys, card_files, trust):
    groups = data_groups(card_files)
    sod = sign_sod(groups, DocumentSigner.of(keys), content_type="1.2.840.113549.1.7.1")
    assert verify_sod(sod, groups, trust).status is S.VALID
    body = tlv.unwrap(sod, 0x77)
    assert verify_sod(b"\x77\x80" + body + b"\x00\x00", groups, trust).status is S.VALID


# ---------------------------------------------------------------- real SODs, real master lists


def test_all_nine_real_sods_are_present():
    assert tuple(item["country"] for item in real_sods()) == REAL_SOD_COUNTRIES


@pytest.mark.parametrize("index", range(len(REAL_SOD_COUNTRIES)), ids=REAL_SOD_COUNTRIES)
def test_real_sod_verifies_against_the_master_lists(index, real_trust):
    from drivers.card.trust import load_certificate

    item = real_sods()[index]
    sod = bytes.fromhex(item["sod_hex"])
    dsc = load_certificate(bytes.fromhex(item["dsc_der_hex"]))
    csca = load_certificate(bytes.fromhex(item["csca_der_hex"]))
    # `at` only matters for the SODs without a signing time (SG, GB): a fixed day keeps the test stable
    result = verify_sod(sod, {}, real_trust, at=NOW)
    assert result.status is S.VALID, result.message
    assert (result.dsc_country, result.csca_country) == (item["country"], item["country"])
    assert (result.dsc_serial, result.csca_serial) == (dsc.serial_number, csca.serial_number)
    assert result.groups_checked == () and {1, 2} <= set(result.groups_not_read)
    hashes = parse_sod(sod).hashes
    assert (hashes[1].hex(), hashes[2].hex()) == (item["dg1_sha256"].lower(), item["dg2_sha256"].lower())
    assert [a.certificate for a in real_trust.issuers_of(dsc)].count(csca) >= 1


def test_real_sod_quirks_are_met(real_trust):
    by_country = {item["country"]: bytes.fromhex(item["sod_hex"]) for item in real_sods()}
    algorithms = {c: verify_sod(sod, {}, real_trust, at=NOW).signature_algorithm for c, sod in by_country.items()}
    assert algorithms["MY"].startswith("RSA-PSS") and algorithms["GB"] == "ECDSA with SHA-256"
    assert by_country["NZ"][4:6] == b"\x30\x80"  # indefinite length inside
    assert parse_sod(by_country["CN"]).content_type == "1.2.840.113549.1.7.1"  # id-data


def test_real_sod_with_altered_signature(real_trust):
    sod = bytearray(bytes.fromhex(real_sods()[0]["sod_hex"]))
    sod[-10] ^= 0x01  # inside the RSA signature, the last field of the SOD
    result = verify_sod(bytes(sod), {}, real_trust, at=NOW)
    assert (result.status, result.failed) == (S.BAD_SIGNATURE, FailedPart.SOD_SIGNATURE)


def test_real_sod_against_the_wrong_trust_store(trust):
    result = verify_sod(bytes.fromhex(real_sods()[0]["sod_hex"]), {}, trust, at=NOW)
    assert result.status is S.UNKNOWN_CSCA and result.dsc_country == "AU"
    vn = TrustStore.from_certificates([icao_file(VN_CSCA).read_bytes()])
    assert verify_sod(bytes.fromhex(real_sods()[0]["sod_hex"]), {}, vn, at=NOW).status is S.UNKNOWN_CSCA


def test_real_sod_with_a_master_list_we_built(tmp_path, keys):
    """A province's own master list: its CSCAs verify real SODs like the published lists do."""
    item = next(i for i in real_sods() if i["country"] == "GB")
    signer_key = ec_key(ec.BrainpoolP256R1())
    signer = certificate(signer_key, keys.csca_key, name("TEST ML SIGNER"), keys.csca_cert.subject, ca=False,
                         serial=50)
    (tmp_path / "province.ml").write_bytes(master_list([bytes.fromhex(item["csca_der_hex"])], signer_key, signer))
    store = TrustStore.load(tmp_path)
    assert verify_sod(bytes.fromhex(item["sod_hex"]), {}, store, at=NOW).status is S.VALID


# ---------------------------------------------------------------- robustness


def test_result_is_frozen(card_files, trust):
    result = verify_sod(card_files[EF_SOD], data_groups(card_files), trust)
    assert isinstance(result, PassiveAuthResult)
    with pytest.raises(AttributeError):
        result.status = S.VALID  # type: ignore[misc]


def _mutations(seed: bytes):
    """One byte changed, and the file possibly cut short after it."""
    def mutate(at: int, xor: int, keep: int) -> bytes:
        changed = seed[:at] + bytes([seed[at] ^ xor]) + seed[at + 1:]
        return changed[:max(at + 1, keep)]
    return st.builds(mutate, st.integers(0, len(seed) - 1), st.integers(1, 255), st.integers(0, len(seed)))


@pytest.fixture(scope="module")
def fuzz_seed(keys):
    groups = {1: b"\x61\x03\x5f\x1f\x00", 13: b"\x6d\x00"}
    return groups, sign_sod(groups, DocumentSigner.of(keys), signing_time=NOW)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_verify_sod_never_raises(data, fuzz_seed, trust):
    groups, seed = fuzz_seed
    sod = data.draw(st.one_of(st.binary(max_size=300), _mutations(seed)))
    result = verify_sod(sod, groups, trust)
    assert result.status in set(S)
    assert result.status is not S.VALID or sod == seed or parse_sod(sod).encapsulated == parse_sod(seed).encapsulated

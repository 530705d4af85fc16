"""The trust store: real master lists, Vietnam's explicit-parameter CSCA, broken files, lookups, fuzz."""

from __future__ import annotations

import shutil
import time
import warnings

import pytest
from asn1crypto import keys as akeys
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.card import ecc, signatures
from drivers.card.errors import ParseError
from drivers.card.trust import (MasterListSignature, TrustStore, TrustStoreError, issued_by, load_certificate,
                                parse_master_list)
from drivers.card.virtual.files import load_test_keys
from tests.card.pki_helpers import (DE_LIST, NL_LIST, VN_CSCA, certificate, ec_key, explicit_parameters, icao_file,
                                    master_list, name, real_sods)

DER = Encoding.DER
VN_SUBJECT = "CN=CSCA ePassport Vietnam,O=Vietnam Government Information Security Commission,C=VN"


def _independent_count(path) -> tuple[int, int]:
    """(certificates in the list, those `cryptography` refuses), counted without the trust store."""
    _, items = parse_master_list(path.read_bytes())
    refused = 0
    for der in items:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                x509.load_der_x509_certificate(der).subject  # noqa: B018
        except ValueError:
            refused += 1
    return len(items), refused


@pytest.fixture(scope="module")
def icao_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("icao")
    for file in (DE_LIST, NL_LIST, VN_CSCA):
        shutil.copy(icao_file(file), folder / file)
    return folder


@pytest.fixture(scope="module")
def store(icao_folder) -> TrustStore:
    """Both master lists and Vietnam's CSCA, loaded once for the module."""
    started = time.perf_counter()
    loaded = TrustStore.load(icao_folder)
    print(f"\ntrust store loaded in {time.perf_counter() - started:.2f} s: {loaded!r}")
    return loaded


# ---------------------------------------------------------------- master lists


@pytest.mark.parametrize("file", [DE_LIST, NL_LIST])
def test_master_list_counts(store, file):
    report = next(r for r in store.summary.master_lists if r.name == file)
    listed, refused = _independent_count(icao_file(file))
    assert (report.certificates, report.skipped, report.loaded) == (listed, refused, listed - refused)
    assert refused > 0  # the lists really hold certificates that are not strict DER
    assert report.signature is MasterListSignature.VERIFIED, report.detail
    assert "issued by" in report.detail and report.name in report.line()


def test_both_lists_together(store):
    summary = store.summary
    assert (summary.certificates, summary.skipped, summary.files) == (len(store), 9, 3)
    assert summary.skip_reasons == {"not strict DER": 9}  # every explicit-parameter key was mapped
    assert summary.certificates + summary.duplicates == 588 - 6 + 411 - 3 + 1
    assert 900 < summary.certificates + summary.duplicates < 1100  # "~990 CSCA certificates" (README)
    assert summary.countries["VN"] == 1 and summary.countries["DE"] >= 5 and len(summary.countries) > 100
    assert sum(summary.countries.values()) == len(store)
    assert summary.failed_files == () and summary.ignored_files == ()
    lines = summary.lines()
    assert lines[0].startswith(f"{len(store)} CSCA certificates from 3 files, ")
    assert any("9 certificates skipped (not strict DER: 9)" in line for line in lines)


def test_explicit_parameter_keys_map_to_named_curves(store):
    mapped = {}
    for anchor in store:
        spki = ax509.Certificate.load(anchor.certificate.public_bytes(DER))["tbs_certificate"][
            "subject_public_key_info"]
        if spki["algorithm"]["algorithm"].native == "ec" and spki["algorithm"]["parameters"].name == "specified":
            prime = spki["algorithm"]["parameters"].chosen["field_id"]["parameters"].native
            assert anchor.public_key.curve.key_size == prime.bit_length()
            mapped[anchor.public_key.curve.name] = mapped.get(anchor.public_key.curve.name, 0) + 1
    assert set(mapped) == {"brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1", "secp256r1", "secp384r1",
                           "secp521r1"}


def test_every_real_csca_issuer_is_found(store):
    for item in real_sods():
        dsc = load_certificate(bytes.fromhex(item["dsc_der_hex"]))
        csca = load_certificate(bytes.fromhex(item["csca_der_hex"]))
        candidates = store.issuer_candidates(dsc)
        assert csca in [a.certificate for a in candidates], item["country"]
        assert csca in [a.certificate for a in store.issuers_of(dsc)], item["country"]


# ---------------------------------------------------------------- Vietnam's CSCA


def test_vietnam_csca_with_explicit_parameters(store):
    der = icao_file(VN_CSCA).read_bytes()
    parameters = ax509.Certificate.load(der)["tbs_certificate"]["subject_public_key_info"]["algorithm"]["parameters"]
    assert parameters.name == "specified"  # the fixture really spells the curve out
    cert = load_certificate(der)
    with pytest.raises(Exception):  # `cryptography` alone cannot use it
        cert.public_key()
    key = signatures.public_key_of(cert)
    assert key.curve.name == "brainpoolP512r1"
    assert issued_by(cert, key)  # self-signed with ECDSA-SHA512
    anchors = store.by_name(cert.subject)
    assert [a.certificate for a in anchors] == [cert] and anchors[0].country == "VN"
    assert anchors[0].subject == VN_SUBJECT
    assert store.issuers_of(cert) == anchors
    assert store.by_key_identifier(anchors[0].key_identifier) == anchors


def test_vietnam_csca_alone(tmp_path):
    shutil.copy(icao_file(VN_CSCA), tmp_path / "vn.der")
    alone = TrustStore.load(tmp_path)
    assert len(alone) == 1 and alone.summary.countries == {"VN": 1} and alone.summary.skipped == 0


def test_curve_table_matches_cryptography():
    """Generator and order of every curve in the table, checked with cryptography's own arithmetic."""
    for known in ecc.STANDARD_CURVES.values():
        curve = known.crypto_curve
        if curve is None:  # brainpoolP192r1/P224r1/P320r1: PACE only, not for signatures
            continue
        g = ec.derive_private_key(1, curve).public_key().public_numbers()
        assert (g.x, g.y) == (known.gx, known.gy), curve.name
        minus_g = ec.derive_private_key(known.n - 1, curve).public_key().public_numbers()
        assert (minus_g.x, minus_g.y) == (known.gx, known.p - known.gy), curve.name  # so n·G = O
        assert (known.gy ** 2 - known.gx ** 3 - known.a * known.gx - known.b) % known.p == 0, curve.name


def _with_parameters(change) -> bytes:
    """Vietnam's CSCA public key with its explicit parameters changed by `change(dict)`."""
    spki = ax509.Certificate.load(icao_file(VN_CSCA).read_bytes())["tbs_certificate"]["subject_public_key_info"]
    native = explicit_parameters().chosen.native
    change(native)
    parameters = akeys.ECDomainParameters({"specified": native})
    return akeys.PublicKeyInfo({"algorithm": {"algorithm": "ec", "parameters": parameters},
                                "public_key": spki["public_key"].native}).dump()


def test_explicit_parameters_must_match_a_curve_exactly():
    assert signatures.load_public_key(_with_parameters(lambda p: None)).curve.name == "brainpoolP512r1"

    def compressed(p):
        size = (len(p["base"]) - 1) // 2
        p["base"] = bytes([2 + (p["base"][-1] & 1)]) + p["base"][1:1 + size]
    assert signatures.load_public_key(_with_parameters(compressed)).curve.name == "brainpoolP512r1"

    def other_b(p):
        p["curve"]["b"] = (int.from_bytes(p["curve"]["b"], "big") + 1).to_bytes(64, "big")

    def other_base(p):
        p["base"] = p["base"][:-1] + bytes([p["base"][-1] ^ 1])

    def other_order(p):
        p["order"] += 2

    for change in (other_b, other_base, other_order):
        with pytest.raises(signatures.UnsupportedKey):
            signatures.load_public_key(_with_parameters(change))


# ---------------------------------------------------------------- a folder with problems


@pytest.fixture(scope="module")
def test_keys(key_folder):
    return load_test_keys(key_folder)


def test_broken_files_are_reported_and_the_rest_kept(tmp_path, test_keys):
    vn = icao_file(VN_CSCA).read_bytes()
    test_pem = test_keys.csca_cert.public_bytes(Encoding.PEM)
    signer_key = ec_key(ec.BrainpoolP256R1())
    signer = certificate(signer_key, test_keys.csca_key, name("TEST ML SIGNER"), test_keys.csca_cert.subject,
                         ca=False, serial=60)
    good_list = master_list([vn, test_keys.csca_cert.public_bytes(DER)], signer_key, signer)
    (tmp_path / "vn.cer").write_bytes(vn)
    (tmp_path / "bundle.pem").write_bytes(test_pem + load_certificate(vn).public_bytes(Encoding.PEM))
    (tmp_path / "province").mkdir()
    (tmp_path / "province" / "own.ml").write_bytes(good_list)
    (tmp_path / "list-saved-as.der").write_bytes(good_list)
    (tmp_path / "broken.der").write_bytes(b"\x30\x82\x01\x00not a certificate")
    (tmp_path / "empty.crt").write_bytes(b"")
    (tmp_path / "cut.ml").write_bytes(icao_file(NL_LIST).read_bytes()[:5000])
    (tmp_path / "bad.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    (tmp_path / "forged.ml").write_bytes(master_list([vn], signer_key, signer, corrupt_signature=True))
    (tmp_path / "notes.txt").write_text("installed by the province")
    (tmp_path / ".hidden.der").write_bytes(b"junk")

    loaded = TrustStore.load(tmp_path)
    summary = loaded.summary
    assert {a.subject for a in loaded} == {VN_SUBJECT, test_keys.csca_cert.subject.rfc4514_string()}
    failed = {f.name: f.reason for f in summary.failed_files}
    assert set(failed) == {"broken.der", "empty.crt", "cut.ml", "bad.pem"}
    assert failed["broken.der"] == "not a DER or PEM certificate, nor a master list"
    assert failed["cut.ml"].startswith("not an ICAO master list")
    assert failed["bad.pem"].startswith("not a PEM certificate that can be read")
    assert summary.ignored_files == ("notes.txt",)
    reports = {r.name: r for r in summary.master_lists}
    assert reports["province/own.ml"].signature is MasterListSignature.VERIFIED  # its signer's CSCA is in it
    assert reports["list-saved-as.der"].loaded == 2
    assert reports["forged.ml"].signature is MasterListSignature.BAD_SIGNATURE  # reported, certificates kept
    assert summary.duplicates == 6 and summary.files == 5  # VN: 4 more times, the test CSCA: 2
    assert any(line.startswith("failed: broken.der: ") for line in summary.lines())


def test_master_list_whose_signer_is_not_trusted(tmp_path, test_keys):
    signer_key = ec_key(ec.BrainpoolP256R1())
    signer = certificate(signer_key, test_keys.csca_key, name("TEST ML SIGNER"), test_keys.csca_cert.subject,
                         ca=False, serial=61)
    (tmp_path / "list.ml").write_bytes(master_list([icao_file(VN_CSCA).read_bytes()], signer_key, signer))
    report = TrustStore.load(tmp_path).summary.master_lists[0]
    assert report.signature is MasterListSignature.SIGNER_NOT_TRUSTED and report.loaded == 1


def test_missing_folder(tmp_path):
    with pytest.raises(TrustStoreError, match="does not exist"):
        TrustStore.load(tmp_path / "nowhere")


def test_empty_folder(tmp_path):
    empty = TrustStore.load(tmp_path)
    assert len(empty) == 0 and empty.summary.lines() == ["0 CSCA certificates from 0 files, 0 countries"]


def test_find_certificate_by_issuer_and_serial(test_keys):
    loaded = TrustStore.from_certificates([test_keys.csca_cert, test_keys.ds_cert])
    found = loaded.find_certificate(test_keys.ds_cert.issuer, test_keys.ds_cert.serial_number)
    assert found is not None and found.certificate == test_keys.ds_cert
    assert loaded.find_certificate(test_keys.ds_cert.issuer, 999) is None
    assert "serial" in repr(found) and "PRIVATE" not in repr(found)


# ---------------------------------------------------------------- fuzz: parsers raise only ParseError


@pytest.fixture(scope="module")
def small_list(test_keys):
    signer_key = ec_key(ec.BrainpoolP256R1())
    signer = certificate(signer_key, test_keys.csca_key, name("TEST ML SIGNER"), test_keys.csca_cert.subject,
                         ca=False, serial=62)
    return master_list([test_keys.csca_cert.public_bytes(DER)], signer_key, signer)


def _mutated(seed: bytes):
    def mutate(at: int, xor: int, keep: int) -> bytes:
        changed = seed[:at] + bytes([seed[at] ^ xor]) + seed[at + 1:]
        return changed[:max(at + 1, keep)]
    return st.builds(mutate, st.integers(0, len(seed) - 1), st.integers(1, 255), st.integers(0, len(seed)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_master_list_parser_raises_only_parse_error(data, small_list):
    blob = data.draw(st.one_of(st.binary(max_size=300), _mutated(small_list)))
    try:
        _, items = parse_master_list(blob)
    except ParseError:
        return
    assert all(isinstance(item, bytes) for item in items)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_certificate_and_key_parsers_raise_only_their_errors(data, test_keys):
    vn = icao_file(VN_CSCA).read_bytes()
    blob = data.draw(st.one_of(st.binary(max_size=300), _mutated(vn),
                               _mutated(test_keys.csca_cert.public_bytes(DER))))
    try:
        cert = load_certificate(blob)
    except ParseError:
        pass
    else:
        try:
            signatures.public_key_of(cert)
        except signatures.UnsupportedKey:
            pass
    try:
        spki = ax509.Certificate.load(blob)["tbs_certificate"]["subject_public_key_info"].dump()
    except Exception:  # asn1crypto's own errors: only the bytes we hand on matter
        spki = blob
    try:
        signatures.load_public_key(spki)
    except signatures.UnsupportedKey:
        pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_loading_a_folder_never_fails_for_a_file(data, small_list, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-trust")
    (folder / "x.ml").write_bytes(data.draw(_mutated(small_list)))
    (folder / "x.der").write_bytes(data.draw(st.binary(max_size=200)))
    loaded = TrustStore.load(folder)
    accounted = ({f.name for f in loaded.summary.failed_files} | {r.name for r in loaded.summary.master_lists}
                 | {a.source for a in loaded})
    assert accounted == {"x.ml", "x.der"}  # each file either loaded or reported, none sank the store

"""`kiosk doctor`'s signing checks on real SoftHSM2 tokens: the module, the token, the certificate's days
left (warning under a month, failed when expired or not for signatures), a PKCS#12 file, the trust folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drivers.signing.softhsm import CONF_ENV, softhsm_available, use_conf
from drivers.signing.token import SOFTHSM2_MODULE, rescan
from kiosk.config import load_config
from kiosk.doctor import FAILED, OK, WARNING, check_signature_trust, check_signing_token
from tests.conftest import write_config
from tests.helpers.signing import make_token, softhsm_folder


@pytest.fixture(scope="module")
def softhsm_conf(tmp_path_factory):
    """SoftHSM2 reads one configuration per process: this module's, then back to the one before it (the
    signing tests' session configuration) for the modules that run after."""
    if not softhsm_available():
        pytest.fail("SoftHSM2 is not installed: run packaging/dev setup")
    before = os.environ.get(CONF_ENV)
    yield softhsm_folder(tmp_path_factory.mktemp("softhsm"))
    if before is None:
        os.environ.pop(CONF_ENV, None)
        rescan(SOFTHSM2_MODULE)
    else:
        use_conf(Path(before))


def station(tmp_path, token=None, **values):
    if token is not None:
        values = {"signing_token": token.spec.token_label, "signing_key_label": token.spec.key_label,
                  "softhsm2_conf": str(token.conf), **values}
    return load_config(write_config(tmp_path, **values), env={})


def test_a_token_with_a_valid_certificate_is_ok_with_its_days_left(softhsm_conf, tmp_path):
    token = make_token(softhsm_conf, tmp_path / "pki")
    check = check_signing_token(station(tmp_path, token))
    assert (check.name, check.result, check.fix) == ("signing-token", OK, "")
    assert check.detail.startswith(f"token {token.spec.token_label!r} (libsofthsm2.so): Test centre, certificate "
                                   "valid 72") and check.detail.endswith(" more days")


def test_no_module_at_the_path_fails_naming_it(tmp_path):
    check = check_signing_token(station(tmp_path, signing_module=str(tmp_path / "vendor-pkcs11.so")))
    assert check.result == FAILED and f"no PKCS#11 module at {tmp_path / 'vendor-pkcs11.so'}" in check.detail
    assert "signing_module" in check.fix


def test_no_token_with_the_label_fails(softhsm_conf, tmp_path):
    token = make_token(softhsm_conf, tmp_path / "pki")
    check = check_signing_token(station(tmp_path, token, signing_token="centre token not plugged in"))
    assert check.result == FAILED
    assert check.detail.startswith("no signing token labelled 'centre token not plugged in'")
    assert check.fix.startswith("plug in the centre's token")


def test_a_certificate_expiring_within_a_month_is_a_warning(softhsm_conf, tmp_path):
    token = make_token(softhsm_conf, tmp_path / "pki", days=10)
    check = check_signing_token(station(tmp_path, token))
    assert check.result == WARNING and "certificate valid 8 more days" in check.detail
    assert check.fix == "ask the province's CA to renew the centre's certificate now"


@pytest.mark.parametrize("certificate, words", [
    ({"starts_in_days": -40, "days": 30}, "the signing certificate expired on "),
    ({"signing_usage": False}, "the certificate is not for signatures"),
])
def test_an_expired_certificate_or_one_not_for_signatures_fails(softhsm_conf, tmp_path, certificate, words):
    token = make_token(softhsm_conf, tmp_path / "pki", **certificate)
    check = check_signing_token(station(tmp_path, token))
    assert check.result == FAILED and words in check.detail
    assert check.fix == "ask the province's CA for a new certificate for the centre's token"


def test_a_pkcs12_file_is_a_warning_for_development_only(tmp_path):
    check = check_signing_token(station(tmp_path, signing_key="pkcs12"))
    assert check.result == WARNING and "for development only" in check.detail
    assert check.fix == 'set signing_key = "pkcs11" and the token\'s signing_module'


def test_the_signature_trust_folder_missing_or_empty_fails_and_present_is_ok(softhsm_conf, tmp_path):
    missing = check_signature_trust(station(tmp_path, signature_trust=str(tmp_path / "nowhere")))
    assert missing.name == "signature-trust" and missing.result == FAILED
    assert missing.detail == f"signature trust: no trust folder at {tmp_path / 'nowhere'}"
    assert missing.fix.startswith("put the province's signing CA certificate (and its CRL) in ")
    (tmp_path / "empty").mkdir()
    empty = check_signature_trust(station(tmp_path, signature_trust=str(tmp_path / "empty")))
    assert empty.result == FAILED and empty.detail == f"no CA certificate in {tmp_path / 'empty'}"
    token = make_token(softhsm_conf, tmp_path / "pki")
    folder = token.pki.trust_folder(tmp_path / "trust")
    present = check_signature_trust(station(tmp_path, signature_trust=str(folder)))
    assert (present.result, present.detail) == (OK, f"1 CA certificates, 1 CRLs in {folder}")

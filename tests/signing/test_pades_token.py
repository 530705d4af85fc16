"""Signing and verifying through the PKCS#11 path on SoftHSM2, as on a real token: each failure the
issue names gets its own words, and a changed byte, an expired certificate and an untrusted chain are
caught by our verification and by two independent validators (pyhanko's CLI, poppler's pdfsig)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pikepdf
import pytest
from pyhanko.sign.pkcs11 import PKCS11Signer

from drivers.signing.certificates import TrustAnchors
from drivers.signing.errors import CertificateUnusable, PdfUnreadable, TokenMissing, WrongPin
from drivers.signing.pades import B_B, B_LT, B_T, SignatureDetails, Timestamping, sign_pdf
from drivers.signing.token import TokenSession, TokenSpec, _token, token_status
from drivers.signing.verify import verify_pdf
from tests.helpers.signing import blank_pdf, make_token, timestamp_server, unused_port

DETAILS = SignatureDetails("Số hóa từ bản chính; hồ sơ TEST-REF", "06970", "canbo")


@pytest.fixture
def trust(token, tmp_path) -> TrustAnchors:
    return TrustAnchors.load(token.pki.trust_folder(tmp_path / "trust"))


def signed(token, data: bytes | None = None, **options):
    with TokenSession(token.spec, token.pin) as key:
        return sign_pdf(data or blank_pdf(), key.signer, DETAILS, **options)


def test_a_signature_made_on_the_token_verifies_with_its_details(token, trust):
    result = signed(token)
    assert result.level == B_B and result.warnings == []
    verification = verify_pdf(result.data, trust)
    assert verification.ok, verification.all_problems()
    [check] = verification.signatures
    assert (check.signer, check.level, check.reason) == ("Test centre", B_B, DETAILS.reason)
    assert check.intact and check.valid and check.trusted and check.covers_document and check.timestamp_ok is None


def test_the_status_is_read_without_the_pin(token):
    status = token_status(token.spec)
    assert status.subject == "Test centre" and 700 < status.days_left() <= 730 and not status.locked


def test_a_changed_byte_is_caught(token, trust):
    data = bytearray(signed(token).data)
    at = data.index(b"/MediaBox")
    data[at + 12] ^= 0x01  # inside the signed range
    problems = verify_pdf(bytes(data), trust).all_problems()
    assert problems == ["Signature1: the document was changed after it was signed (its bytes no longer match "
                        "the signature)"]


def test_content_appended_after_signing_is_caught(token, trust):
    with pikepdf.open(io.BytesIO(signed(token).data)) as pdf:
        pdf.add_blank_page()
        out = io.BytesIO()
        pdf.save(out)
    verification = verify_pdf(out.getvalue(), trust)
    assert not verification.ok


def test_an_untrusted_chain_is_caught(token, softhsm_conf, tmp_path):
    other = make_token(softhsm_conf, tmp_path / "other-pki", "Not our centre")  # another CA
    verification = verify_pdf(signed(other).data, TrustAnchors.load(token.pki.trust_folder(tmp_path / "t")))
    assert verification.all_problems() == [
        "Signature1: the signer's certificate does not chain to a trusted certificate authority"]


def test_an_expired_certificate_refuses_to_sign_and_its_old_signature_is_caught(softhsm_conf, tmp_path):
    expired = make_token(softhsm_conf, tmp_path / "pki", starts_in_days=-40, days=30)
    with pytest.raises(CertificateUnusable, match=r"the signing certificate expired on \d{4}-\d\d-\d\d"):
        TokenSession(expired.spec, expired.pin)
    # signed past our own check, as a careless signer elsewhere would
    with _token(expired.spec).open(user_pin=expired.pin) as session:
        data = sign_pdf(blank_pdf(), PKCS11Signer(session, cert_label="signing"), DETAILS).data
    trust = TrustAnchors.load(expired.pki.trust_folder(tmp_path / "trust"))
    assert verify_pdf(data, trust).all_problems() == [
        "Signature1: the signer's certificate has expired (or was not valid when it signed)"]


def test_a_certificate_not_yet_valid_refuses_to_sign(softhsm_conf, tmp_path):
    future = make_token(softhsm_conf, tmp_path / "pki", starts_in_days=3)
    with pytest.raises(CertificateUnusable, match="the signing certificate is not valid yet"):
        TokenSession(future.spec, future.pin)


def test_a_certificate_without_the_signing_key_usage_refuses_to_sign(softhsm_conf, tmp_path):
    wrong = make_token(softhsm_conf, tmp_path / "pki", signing_usage=False)
    with pytest.raises(CertificateUnusable, match="not for signatures"):
        TokenSession(wrong.spec, wrong.pin)


def test_a_wrong_pin_says_what_the_token_says_of_the_tries_left_and_never_shows_the_pin(token):
    with pytest.raises(WrongPin) as caught:
        TokenSession(token.spec, "999999")
    assert "wrong PIN for the signing token" in str(caught.value) and "999999" not in str(caught.value)
    assert "tries" in caught.value.tries or "locked" in caught.value.tries
    with TokenSession(token.spec, token.pin):  # the right PIN still opens it
        pass


def test_a_missing_token_or_module_is_named(token, tmp_path):
    with pytest.raises(TokenMissing, match="no signing token labelled 'absent'"):
        TokenSession(TokenSpec(token_label="absent"), token.pin)
    with pytest.raises(TokenMissing, match="no PKCS#11 module at"):
        token_status(TokenSpec(module=tmp_path / "nothing.so"))


def test_a_file_that_is_not_a_pdf_gets_a_clear_error(token, trust):
    with TokenSession(token.spec, token.pin) as key, pytest.raises(PdfUnreadable, match="not a PDF"):
        sign_pdf(b"%PDF-1.7\nthis is not a PDF", key.signer, DETAILS)
    with pytest.raises(PdfUnreadable, match="not a readable PDF"):
        verify_pdf(b"hello", trust)
    assert verify_pdf(blank_pdf(), trust).all_problems() == ["the document is not signed"]


def test_b_t_with_the_timestamp_server_and_b_lt_with_revocation_data(token, trust):
    with timestamp_server(token.pki) as url:
        stamped = signed(token, timestamping=Timestamping(url))
        long_term = signed(token, timestamping=Timestamping(url), revocation=trust)
    assert (stamped.level, stamped.warnings) == (B_T, [])
    assert (long_term.level, long_term.warnings) == (B_LT, [])
    for result in (stamped, long_term):
        [check] = verify_pdf(result.data, trust).signatures
        assert check.ok and check.level == result.level and check.timestamp_ok


def test_an_unreachable_timestamp_server_falls_back_to_b_b_with_a_warning(token, trust):
    result = signed(token, timestamping=Timestamping(f"http://127.0.0.1:{unused_port()}/tsa", timeout=2))
    assert result.level == B_B
    assert result.warnings == ["the timestamp server is unreachable (ConnectionError): signed without a "
                               "timestamp (PAdES B-B)"]
    assert verify_pdf(result.data, trust).ok


def test_independent_validators_agree(token, trust, tmp_path):
    good = tmp_path / "good.pdf"
    good.write_bytes(signed(token).data)
    changed = tmp_path / "changed.pdf"
    data = bytearray(good.read_bytes())
    data[data.index(b"/MediaBox") + 12] ^= 0x01
    changed.write_bytes(bytes(data))
    validate = [sys.executable, "-m", "pyhanko", "sign", "validate", "--executive-summary", "--no-revocation-check",
                "--trust-replace", "--trust", str(token.pki.ca)]
    assert subprocess.run(validate + [str(good)], capture_output=True, text=True).stdout.strip().endswith("VALID")
    assert "INVALID" in subprocess.run(validate + [str(changed)], capture_output=True, text=True).stdout
    if shutil.which("pdfsig") is None:
        pytest.fail("pdfsig (poppler-utils) is not installed: run packaging/dev setup")
    assert "Signature is Valid." in subprocess.run(["pdfsig", str(good)], capture_output=True, text=True).stdout
    assert "Signature Validation: Digest Mismatch." in subprocess.run(["pdfsig", str(changed)], capture_output=True,
                                                                      text=True).stdout


def test_two_sessions_of_one_process_share_the_tokens_login(token, trust):
    """PKCS#11 logs a process in once per token: a second signer over the same token (another window's
    configuration) signs through that login instead of being refused."""
    with TokenSession(token.spec, token.pin), TokenSession(token.spec, token.pin) as second:
        data = sign_pdf(blank_pdf(), second.signer, DETAILS).data
    assert verify_pdf(data, trust).ok

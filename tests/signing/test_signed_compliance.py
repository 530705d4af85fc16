"""A signed component stays a compliant digitised copy: 5 colour pages from libsane's test backend through
the page pipeline, signed on a SoftHSM2 token (B-B and, against the loopback TSA, B-LT), are still colour
at ≥ 200 dpi at 100 % scale, qpdf-clean, PDF/A-2b where chosen, and verify."""

from __future__ import annotations

import pytest

from drivers.scanner.pdf import pdf_bytes
from drivers.signing.certificates import TrustAnchors
from drivers.signing.pades import B_B, B_LT, SignatureDetails, Timestamping, sign_pdf
from drivers.signing.token import TokenSession
from drivers.signing.verify import verify_pdf
from tests.helpers.pdf_compliance import check_digitised_copy, check_pdfa_2b, page_areas, processed, scan_colour_pages
from tests.helpers.signing import timestamp_server
from tests.scanner.conftest import write_sane_test_config

DETAILS = SignatureDetails("Bản sao điện tử số hóa từ bản chính; hồ sơ 06970-TEST-0001", "SIM-01, 06970",
                           "Cán bộ tiếp nhận: canbo1")


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    return scan_colour_pages(write_sane_test_config(tmp_path_factory.mktemp("sane")), 5, 200)


@pytest.mark.parametrize("pdfa", [False, True], ids=["default", "pdfa"])
@pytest.mark.parametrize("stamped", [False, True], ids=["B-B", "B-LT"])
def test_a_signed_five_page_component_stays_a_compliant_digitised_copy(scans, token, tmp_path, pdfa, stamped):
    unsigned = pdf_bytes(processed(scans), pdfa=pdfa, title="Tờ khai").data
    trust = TrustAnchors.load(token.pki.trust_folder(tmp_path / "trust"))
    with timestamp_server(token.pki) as url, TokenSession(token.spec, token.pin) as key:
        options = {"timestamping": Timestamping(url), "revocation": trust} if stamped else {}
        signed = sign_pdf(unsigned, key.signer, DETAILS, **options)
    assert (signed.level, signed.warnings) == (B_LT if stamped else B_B, [])
    assert signed.data.startswith(unsigned)  # an incremental update: the scanned copy byte for byte
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed.data)
    assert len(check_digitised_copy(path, page_areas(scans))) == 10  # background and ink colours on each page
    if pdfa:
        check_pdfa_2b(path)
    verification = verify_pdf(signed.data, trust)
    assert verification.ok, verification.all_problems()
    assert [s.level for s in verification.signatures] == [signed.level]

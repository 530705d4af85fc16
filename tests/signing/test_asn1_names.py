"""Signing and timestamping work whatever asn1crypto looked up before (the random-order runs found two
orders that broke them). Each case runs in a fresh interpreter: only there is the import order the test's."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Name lookups the card's CMS code makes before anything imports asn1crypto.tsp or pyhanko.
EARLY_LOOKUPS = """
from asn1crypto import cms, x509
cms.CMSAttributeType.unmap("message_digest")
cms.ContentType.unmap("signed_data")
x509.ExtensionId.unmap("key_usage")
"""

SIGN_WITH_TIMESTAMP = """
import datetime as dt, sys
from pathlib import Path
from drivers.signing.certificates import TrustAnchors
from drivers.signing.pades import SignatureDetails, Timestamping, sign_pdf
from drivers.signing.verify import verify_pdf
from tests.helpers.signing import timestamp_server
from tests.sync.factories import _signer, unsigned_pdf
from sync.reference_pki import make_signing_pki

pki = make_signing_pki(Path(sys.argv[1]) / "pki")
trust = TrustAnchors.load(pki.trust_folder(Path(sys.argv[1]) / "trust"))
with timestamp_server(pki) as url:
    signed = sign_pdf(unsigned_pdf(1_000), _signer(pki), SignatureDetails("test"),
                      timestamping=Timestamping(url), revocation=trust)
verification = verify_pdf(signed.data, trust)
print(signed.level, signed.warnings, verification.problems)
"""


@pytest.mark.parametrize("early", [False, True], ids=["fresh", "names-looked-up-first"])
def test_a_timestamped_signature_is_made_and_verified_after_any_lookup(tmp_path, early):
    script = (EARLY_LOOKUPS if early else "") + SIGN_WITH_TIMESTAMP
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "B-LT [] ()"

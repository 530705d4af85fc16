"""Signatures verified side by side against one set of anchors, as the reference server does when a
dossier's files arrive together: asn1crypto parses a certificate's or CRL's fields at their first use
and lists them as it goes, so a second thread could read that list half made (an IndexError in CI's
random order, when no earlier test had read the anchors first)."""

from __future__ import annotations

import sys
import threading

from asn1crypto import crl

from drivers.signing.certificates import TrustAnchors, load_certificate
from drivers.signing.pades import sign_pdf
from drivers.signing.token import TokenSession
from drivers.signing.verify import verify_pdf
from tests.helpers.signing import blank_pdf
from tests.signing.test_pades_token import DETAILS


def test_threads_verifying_against_anchors_read_for_the_first_time_all_agree(token):
    with TokenSession(token.spec, token.pin) as key:
        signed = sign_pdf(blank_pdf(), key.signer, DETAILS).data
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads change hands as often as they can: a half-made list is seen
    try:
        for _ in range(40):
            # as the reference server reads its trust: nothing parsed before the first verification
            anchors = TrustAnchors((load_certificate(token.pki.ca.read_bytes()),),
                                   (crl.CertificateList.load(token.pki.crl.read_bytes()),))
            start, results = threading.Barrier(8), []

            def verify():
                start.wait()
                try:
                    results.append(verify_pdf(signed, anchors).all_problems())
                except Exception as error:  # noqa: BLE001 - the failure is what the test counts
                    results.append([repr(error)])

            threads = [threading.Thread(target=verify) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert results == [[]] * 8
    finally:
        sys.setswitchinterval(switching)

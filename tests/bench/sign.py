"""Benchmark: signing and verifying a 5-page component on a SoftHSM2 token (a script, not a test).

    .venv/bin/python -m tests.bench.sign [--runs 20] [--dpi 300] [--pdfa]

A real component: 5 A4 colour pages scanned by libsane's test backend (a private SANE_CONFIG_DIR),
through the page pipeline, into the compliant PDF the store keeps. Then, on a fresh SoftHSM2 token in
a temporary folder (RSA-2048, the PKCS#11 path a real token takes), the median of N runs of:
- sign: PAdES B-B; B-T and B-LT against the loopback TSA (tests.helpers.signing.timestamp_server), the
  token session opened once (as the station keeps it) — target ≤ 150 ms for B-B;
- verify: the signed file against the test CA (tampering, chain, coverage, timestamp, revocation data);
and the size the signature adds. Printed as a table.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from drivers.scanner.pdf import pdf_bytes
from drivers.signing.certificates import TrustAnchors
from drivers.signing.pades import B_B, B_LT, B_T, SignatureDetails, Timestamping, sign_pdf
from drivers.signing.softhsm import softhsm_available
from drivers.signing.token import TokenSession
from drivers.signing.verify import verify_pdf
from tests.helpers.pdf_compliance import processed, scan_colour_pages
from tests.helpers.signing import make_token, softhsm_folder, timestamp_server
from tests.scanner.conftest import write_sane_test_config

TARGET_SIGN_MS = 150
DETAILS = SignatureDetails("Bản sao điện tử số hóa từ bản chính; hồ sơ 06970-BENCH-0001", "SIM-01, 06970",
                           "Cán bộ tiếp nhận: canbo1")


def timed(action, runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--pdfa", action="store_true", help="the component as PDF/A-2b")
    args = parser.parse_args()
    if not softhsm_available():
        print("SoftHSM2 is not installed: run packaging/dev setup")
        return 1

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        scans = scan_colour_pages(write_sane_test_config(root / "sane"), 5, args.dpi)
        component = pdf_bytes(processed(scans), pdfa=args.pdfa, title="Tờ khai").data
        token = make_token(softhsm_folder(root / "softhsm"), root / "pki")
        trust = TrustAnchors.load(token.pki.trust_folder(root / "trust"))
        rows = []
        with timestamp_server(token.pki) as url, TokenSession(token.spec, token.pin) as key:
            stamped = Timestamping(url)
            for level, options in ((B_B, {}), (B_T, {"timestamping": stamped}),
                                   (B_LT, {"timestamping": stamped, "revocation": trust})):
                sign_pdf(component, key.signer, DETAILS, **options)  # warm-up: imports, first TSA connection
                signing, signed = timed(lambda: sign_pdf(component, key.signer, DETAILS, **options), args.runs)
                assert signed.level == level, (signed.level, signed.warnings)
                verifying, verdict = timed(lambda: verify_pdf(signed.data, trust), args.runs)
                assert verdict.ok, verdict.all_problems()
                rows.append((level, signing, verifying, len(signed.data) - len(component)))

    print(f"5-page component: {len(component) / 1024:.0f} KiB, A4 colour at {args.dpi} dpi"
          f"{', PDF/A-2b' if args.pdfa else ''}; SoftHSM2 RSA-2048; {args.runs} runs each")
    print(f"{'level':<6} {'sign median':>12} {'min':>8} {'max':>8} {'verify median':>14} {'min':>8} {'max':>8} "
          f"{'added':>9}")
    for level, signing, verifying, added in rows:
        print(f"{level:<6} {statistics.median(signing):>9.1f} ms {min(signing):>5.1f} ms {max(signing):>5.1f} ms "
              f"{statistics.median(verifying):>11.1f} ms {min(verifying):>5.1f} ms {max(verifying):>5.1f} ms "
              f"{added / 1024:>5.1f} KiB")
    b_b = statistics.median(rows[0][1])
    print(f"target: sign B-B ≤ {TARGET_SIGN_MS} ms — {'met' if b_b <= TARGET_SIGN_MS else 'NOT met'} ({b_b:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

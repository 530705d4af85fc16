"""A token made again under the same label by another process (the simulated station does, when the one it
finds does not answer) is the one this process then signs with: SoftHSM2 lists its tokens only when it
initialises, so a stale list would log in to the old token with the new PIN (the random-order run found it)."""

import shutil
import subprocess
import sys
from pathlib import Path

from drivers.signing.certificates import subject_name
from drivers.signing.softhsm import write_conf
from drivers.signing.token import TokenSession
from tests.helpers.signing import make_token

ROOT = Path(__file__).resolve().parents[2]

MAKE_AGAIN = """
import sys
from pathlib import Path
from drivers.signing.softhsm import generate_key, init_token, store_certificate, use_conf
from drivers.signing.token import TokenSpec
from sync.reference_pki import make_signing_pki

conf, label, pki = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
use_conf(conf)
spec = TokenSpec(token_label=label, key_label="signing", softhsm2_conf=conf)
init_token(conf, label, "97531", "86420864")
store_certificate(spec, "97531", make_signing_pki(pki).issue(generate_key(spec, "97531"), "Made again"))
"""


def test_a_token_made_again_by_another_process_is_found_with_its_new_pin(tmp_path):
    conf = write_conf(tmp_path / "softhsm")
    first = make_token(conf, tmp_path / "pki")
    with TokenSession(first.spec, first.pin) as key:  # this process's SoftHSM2 has listed the first token
        assert "Test centre" in subject_name(key.certificate)
    shutil.rmtree(tmp_path / "softhsm" / "tokens")
    write_conf(tmp_path / "softhsm")
    subprocess.run([sys.executable, "-c", MAKE_AGAIN, str(conf), first.spec.token_label, str(tmp_path / "pki")],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    with TokenSession(first.spec, "97531") as key:
        assert "Made again" in subject_name(key.certificate)

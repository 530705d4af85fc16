"""The reference server against its contract: schemathesis generates requests from sync/openapi.yaml
(valid and invalid, every status and header) and runs them over mutual TLS against the real server.

Bounded (a few examples per call, one seed) so that it stays a test of the suite, not a fuzzing run.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sync.conftest import STATION

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("schemathesis")


# The API lives under /v1 and the timestamp server beside it at /tsa (its own `servers` entry, which
# schemathesis's --url replaces): one run each.
@pytest.mark.parametrize("base, operations", [("/v1", ("--exclude-path", "/tsa")), ("", ("--include-path", "/tsa"))],
                         ids=["api", "tsa"])
def test_the_server_answers_as_openapi_yaml_says(server, pki, tmp_path, base, operations):
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(ROOT / "tests/sync/schemathesis.toml"),
               "run", str(ROOT / "sync/openapi.yaml"), "--url", f"{server.url}{base}", *operations, "--checks", "all",
               "--tls-verify", str(pki.ca), "--request-cert", str(pki.station_cert(STATION)),
               "--request-cert-key", str(pki.station_key(STATION)),
               "--max-examples", "15", "--seed", "1", "--generation-deterministic", "--no-color"]
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.sync.schemathesis_hooks",
                   "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    run = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-5_000:]
    assert " passed" in run.stdout and "failed" not in run.stdout.split("SUMMARY")[-1]

"""`kiosk scan devices|options|run` as a child process, against libsane's test backend."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import write_config

from .conftest import write_sane_test_config


@pytest.fixture
def env(tmp_path: Path, sane_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["KIOSK_CONFIG"] = str(write_config(tmp_path))  # logs go to the test's folder
    env["SANE_CONFIG_DIR"] = str(sane_dir)
    return env


def kiosk(env, *args, timeout=120):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_devices_json(env):
    done = kiosk(env, "scan", "devices", "--json")
    assert done.returncode == 0, done.stderr
    devices = json.loads(done.stdout)
    assert [d["name"] for d in devices] == ["test:0"]
    assert devices[0]["identity"] == {"vendor": "Noname", "model": "frontend-tester", "serial": None}
    assert devices[0]["name_is_a_port"] is False


def test_options_of_the_test_scanner(env):
    done = kiosk(env, "scan", "options", "test:0")
    assert done.returncode == 0, done.stderr
    assert "source = 'Flatbed'  [Flatbed | Automatic Document Feeder]" in done.stdout
    assert "resolution" in done.stdout and "[1..1200 step 1]" in done.stdout
    as_json = json.loads(kiosk(env, "scan", "options", "test:0", "--json").stdout)
    assert {o["name"] for o in as_json} >= {"mode", "source", "resolution", "br-x", "br-y"}


def test_options_of_a_missing_scanner_say_so(env):
    done = kiosk(env, "scan", "options", "test:5")
    assert done.returncode == 4
    assert "no longer connected" in done.stderr and "Traceback" not in done.stderr


def test_run_adf_three_pages_to_pdf_json(env, tmp_path: Path):
    out = tmp_path / "x.pdf"
    done = kiosk(env, "scan", "run", "--source", "adf", "--pages", "3", "--dpi", "100", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["status"]["status"] == "good" and result["status"]["pages_kept"] == 3
    assert [p["acquired"]["index"] for p in result["pages"]] == [1, 2, 3]
    for page in result["pages"]:
        assert page["acquired"]["source"] == "adf" and page["acquired"]["dpi"] == 100
        assert page["acquired"]["width"] == 826 and page["acquired"]["height"] == 1169  # A4 at 100 dpi
        assert page["pipeline"]["original_size"] == [826, 1169]
        assert {s["name"] for s in page["pipeline"]["steps"]} >= {"crop", "deskew", "orientation", "blank", "encode"}
    assert result["pdf"]["pages"] == 3 and result["pdf"]["compliant"] is False  # 100 dpi: below the decree's 200
    data = out.read_bytes()
    assert hashlib.sha256(data).hexdigest() == result["pdf"]["sha256"] and len(data) == result["pdf"]["size"]
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 3
    assert "page 3 scanned" in done.stderr


def test_run_flatbed_text_output_at_200_dpi_is_compliant(env, tmp_path: Path):
    out = tmp_path / "flat.pdf"
    done = kiosk(env, "scan", "run", "--dpi", "200", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "page 1 (front)  1653×2338 px" in done.stdout
    assert "Scanning finished." in done.stdout and "1 page(s)" in done.stdout
    assert "not a compliant" not in done.stdout


def test_a_draft_is_asked_for_by_name_and_never_called_compliant(env, tmp_path: Path):
    helped = kiosk(env, "scan", "run", "--help")
    assert "--draft" in helped.stdout and "NOT a digitised copy" in " ".join(helped.stdout.split())
    out = tmp_path / "draft.pdf"
    done = kiosk(env, "scan", "run", "--dpi", "200", "--draft", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    encoded = result["pages"][0]["pipeline"]["encoded"]
    assert encoded["dpi"] == 200 and encoded["colour_dpi"] < 200 and encoded["compliant"] is False
    assert result["pdf"]["compliant"] is False
    plain = kiosk(env, "scan", "run", "--dpi", "200", "--draft", "--out", str(tmp_path / "d2.pdf"))
    assert "not a compliant digitised copy" in plain.stdout and "a draft keeps less" in plain.stdout


def test_duplex_on_the_test_scanner_is_refused_plainly(env, tmp_path: Path):
    done = kiosk(env, "scan", "run", "--source", "duplex", "--dpi", "75", "--out", str(tmp_path / "d.pdf"))
    assert done.returncode == 4
    assert "does not support" in done.stderr and "cannot scan both sides" in done.stderr
    assert not (tmp_path / "d.pdf").exists()


def test_jam_after_page_two_writes_the_two_pages_and_exits_4(env, tmp_path: Path):
    out = tmp_path / "jam.pdf"
    done = kiosk(env, "scan", "run", "--source", "adf", "--dpi", "75", "--out", str(out),
                 "--set", "3:read-return-value=SANE_STATUS_JAMMED", "--set", "test-picture=Color pattern")
    assert done.returncode == 4, done.stderr
    assert "paper is jammed" in done.stderr and "The 2 page(s) scanned before are kept." in done.stderr
    assert "page 3 dropped (jammed)" in done.stdout
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 2


@pytest.mark.parametrize("args, words", [
    (["--pages", "0"], "--pages must be at least 1"),
    (["--dpi", "5"], "--dpi must be between"),
    (["--out", "x.png"], "must name a .pdf"),
    (["--set", "read-delay"], "expected [N:]OPTION=VALUE"),
    (["--set", "0:read-delay=yes"], "expected [N:]OPTION=VALUE"),
])
def test_bad_command_lines_are_refused(env, args, words):
    base = ["scan", "run", "--out", "x.pdf"]
    done = kiosk(env, *base, *args)
    assert done.returncode == 2 and words in done.stderr


def test_simulated_station_scanner_without_sane_config_dir(env, tmp_path: Path):
    """No $SANE_CONFIG_DIR: --simulated uses the station's folder, and says how to make it when missing."""
    del env["SANE_CONFIG_DIR"]
    done = kiosk(env, "scan", "devices", "--simulated")
    assert done.returncode == 4 and "kiosk stand up" in done.stderr
    write_sane_test_config(tmp_path / "data" / "simulated" / "sane")  # what `kiosk stand up` writes
    done = kiosk(env, "scan", "devices", "--simulated", "--json")
    assert done.returncode == 0, done.stderr
    assert [d["name"] for d in json.loads(done.stdout)] == ["test:0"]

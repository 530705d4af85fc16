"""The dependency lock (packaging/requirements.lock) against pyproject.toml, and the advisory step
(packaging/advisories.py) that lists locked packages with a known advisory."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "packaging" / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)")


def locked_packages(text: str) -> dict[str, tuple[str, list[str]]]:
    """{canonical name: (version, sha256 hashes)} of a requirements file written by `uv pip compile`."""
    packages, current = {}, None
    for line in text.splitlines():
        if pin := PIN.match(line):
            current = canonicalize_name(pin.group(1))
            packages[current] = (pin.group(2), [])
        elif line.strip().startswith("--hash=sha256:") and current:
            packages[current][1].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
    return packages


def load_script(name: str):
    # packaging/ is no Python package (and its name is taken by the `packaging` library): load the script.
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def load_advisories():
    return load_script("advisories")


def test_every_requirement_of_pyproject_is_locked_at_a_version_it_allows():
    wrong = load_script("lock").disagreements((ROOT / "pyproject.toml").read_text(), LOCK.read_text())
    assert not wrong, f"pyproject.toml and the lock disagree, run `packaging/dev lock`: {wrong}"


def test_a_requirement_missing_from_the_lock_or_refusing_its_version_is_named():
    pyproject = (ROOT / "pyproject.toml").read_text().replace('"pytest>=8"', '"pytest>=8", "not-a-locked-package>=1"')
    pyproject = re.sub(r'"segno[^"]*"', '"segno>=99"', pyproject)
    wrong = load_script("lock").disagreements(pyproject, LOCK.read_text())
    segno = locked_packages(LOCK.read_text())["segno"][0]
    assert sorted(wrong) == ["not-a-locked-package>=1 (locked: nothing)", f"segno>=99 (locked: {segno})"]


def test_every_locked_package_carries_the_hashes_of_its_files():
    locked = locked_packages(LOCK.read_text())
    assert {"pyside6-essentials", "dlib-bin", "face-recognition-models", "pip-audit"} <= set(locked)
    without_hash = [name for name, (_, hashes) in locked.items() if not hashes]
    assert not without_hash
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for _, hashes in locked.values() for digest in hashes)


REPORT = {  # the shape of `pip-audit --format json`
    "dependencies": [
        {"name": "requests", "version": "2.5.0", "vulns": [
            {"id": "PYSEC-2015-17", "fix_versions": ["2.6.0"], "aliases": ["CVE-2015-2296"], "description": "..."}]},
        {"name": "segno", "version": "1.6.6", "vulns": []},
        {"name": "dlib-bin", "skip_reason": "Dependency not found on PyPI and could not be audited: dlib-bin (20.0.1)"},
    ],
    "fixes": [],
}


def test_an_advisory_is_listed_with_its_aliases_and_fixed_versions_and_a_skipped_package_as_not_checked():
    advisories = load_advisories()
    audit = advisories.answered(advisories.read_report("pypi", REPORT))
    assert (audit.checked, len(audit.advisories), list(audit.not_checked)) == (2, 1, ["dlib-bin"])
    lines = advisories.describe(audit)
    assert lines[0] == "advisories: 1 of 2 locked packages checked (pypi) have a known advisory:"
    assert lines[1] == "  requests 2.5.0: PYSEC-2015-17, CVE-2015-2296; fixed in 2.6.0"
    assert lines[2].startswith("advisories: NOT CHECKED, 1 packages: dlib-bin (Dependency not found on PyPI")


def test_a_source_that_answers_for_no_package_counts_as_unreachable_not_as_no_advisory():
    advisories = load_advisories()
    skipped = {"dependencies": [d for d in REPORT["dependencies"] if "skip_reason" in d]}
    with pytest.raises(advisories.SourceUnreachable, match="all 1 packages skipped"):
        advisories.answered(advisories.read_report("pypi", skipped))
    line, = advisories.describe_unreachable({"pypi": "all 1 packages skipped", "osv": "Name or service not known"})
    assert line.startswith("advisories: NOT CHECKED -- no advisory data is reachable from here")
    assert "osv: Name or service not known" in line


def test_the_advisory_step_gives_a_verdict_and_passes_whether_or_not_the_advisory_data_is_reachable(tmp_path):
    # The real pip-audit against a one-package lock: whatever the network allows, one verdict, exit 0.
    segno = locked_packages(LOCK.read_text())["segno"]
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"segno=={segno[0]} " + " ".join(f"--hash=sha256:{digest}" for digest in segno[1]) + "\n")
    script = ROOT / "packaging" / "advisories.py"
    run = subprocess.run([sys.executable, script, "--lock", lock], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    verdicts = [line for line in run.stdout.splitlines() if line.startswith("advisories: ")]
    assert len(verdicts) == 1
    assert re.match(r"advisories: (none known for the 1 locked packages|1 of 1 locked packages checked|NOT CHECKED)",
                    verdicts[0])

"""Lists the packages of packaging/requirements.lock that have a known security advisory: pip-audit
against PyPI's advisory data (the Python entries of the OSV database), else against OSV's own service.

    python packaging/advisories.py [--lock FILE] [--strict]

An advisory step: it never fails a run unless --strict is given (then: exit 1 when a package has an
advisory or could not be checked). When no source answers for a package it says "not checked" and why,
never "no known advisory" (pip-audit itself reports a package its source does not answer for as skipped,
and still says "No known vulnerabilities found").
"""

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

LOCK = Path(__file__).resolve().parent / "requirements.lock"
SOURCES = ("pypi", "osv")  # pip-audit's names: PyPI's JSON API first, then OSV's own API
TIMEOUT_SECONDS = 15  # each request to a source
RUN_TIMEOUT_SECONDS = 300  # one source for the whole lock: a source that hangs must not hold up the tests


@dataclass
class Advisory:
    package: str
    version: str
    identifier: str  # the source's id (PYSEC-..., GHSA-...), with its aliases (CVE-...)
    fixed_in: list[str]


@dataclass
class Audit:
    source: str
    checked: int = 0
    advisories: list[Advisory] = field(default_factory=list)
    not_checked: dict[str, str] = field(default_factory=dict)  # package: why


def read_report(source: str, report: dict) -> Audit:
    """The findings of one pip-audit JSON report (`pip-audit -f json`)."""
    audit = Audit(source)
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            audit.not_checked[dependency["name"]] = dependency["skip_reason"]
            continue
        audit.checked += 1
        for vulnerability in dependency.get("vulns", []):
            identifier = ", ".join([vulnerability["id"], *vulnerability.get("aliases", [])])
            audit.advisories.append(Advisory(dependency["name"], dependency["version"], identifier,
                                             list(vulnerability.get("fix_versions", []))))
    return audit


class SourceUnreachable(Exception):
    pass


def run_pip_audit(lock: Path, source: str) -> Audit:
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "pip_audit", "--requirement", str(lock), "--disable-pip",
             "--vulnerability-service", source, "--format", "json", "--progress-spinner", "off",
             "--timeout", str(TIMEOUT_SECONDS)],
            capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        raise SourceUnreachable(f"no complete answer within {RUN_TIMEOUT_SECONDS} s")
    try:
        report = json.loads(completed.stdout)  # written with advisories (exit 1) or without (exit 0)
    except json.JSONDecodeError:
        lines = [line.strip() for line in completed.stderr.splitlines() if line.strip()]
        raise SourceUnreachable(lines[-1] if lines else f"pip-audit ended with exit code {completed.returncode}")
    return answered(read_report(source, report))


def answered(audit: Audit) -> Audit:
    """The audit, unless its source answered for no package (as PyPI's per-version JSON refused with
    404, which pip-audit takes for "not found on PyPI")."""
    if audit.checked == 0 and audit.not_checked:
        raise SourceUnreachable(f"all {len(audit.not_checked)} packages skipped, the first with:"
                                f" {next(iter(audit.not_checked.values()))}")
    return audit


def describe(audit: Audit) -> list[str]:
    lines = []
    if audit.advisories:
        packages = sorted({advisory.package for advisory in audit.advisories})
        lines.append(f"advisories: {len(packages)} of {audit.checked} locked packages checked ({audit.source})"
                     " have a known advisory:")
        for advisory in audit.advisories:
            fixed_in = ", ".join(advisory.fixed_in) or "no fixed version yet"
            lines.append(f"  {advisory.package} {advisory.version}: {advisory.identifier}; fixed in {fixed_in}")
    else:
        lines.append(f"advisories: none known for the {audit.checked} locked packages checked ({audit.source})")
    if audit.not_checked:
        lines.append(f"advisories: NOT CHECKED, {len(audit.not_checked)} packages: "
                     + "; ".join(f"{name} ({why})" for name, why in sorted(audit.not_checked.items())))
    return lines


def describe_unreachable(errors: dict[str, str]) -> list[str]:
    return ["advisories: NOT CHECKED -- no advisory data is reachable from here, so no package was checked: "
            + "; ".join(f"{source}: {error}" for source, error in errors.items())]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock", type=Path, default=LOCK)
    parser.add_argument("--strict", action="store_true", help="exit 1 on an advisory or a package not checked")
    arguments = parser.parse_args(argv)
    errors = {}
    for source in SOURCES:
        try:
            audit = run_pip_audit(arguments.lock, source)
        except SourceUnreachable as error:
            errors[source] = str(error)
            continue
        print("\n".join(describe(audit)), flush=True)
        return 1 if arguments.strict and (audit.advisories or audit.not_checked) else 0
    print("\n".join(describe_unreachable(errors)), flush=True)
    return 1 if arguments.strict else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

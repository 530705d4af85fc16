"""Writes packaging/requirements.lock: what pyproject.toml asks for (its runtime requirements and the
`dev` extra), pinned to exactly the versions installed in this Python environment -- the one the test
suite passed with -- with the hash of every file each pinned version has on the package index.

Run by `packaging/dev lock` with the virtual environment's Python; any further arguments go to
`uv pip compile`. A requirement that is not installed here is still locked (at the newest version that
fits) and named on stderr: install it, run the tests, lock again.

`--check` (set-up runs it after installing the lock): exit 1 naming each requirement of pyproject.toml that
the lock lacks or pins at a version it refuses.
"""

import re
import subprocess
import sys
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "packaging" / "requirements.lock"
PROJECT = "digitisation-point"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def installed_versions() -> dict[str, str]:
    """{canonical name: version} of every distribution in this environment but the project itself."""
    versions = {}
    for distribution in metadata.distributions():
        name = canonicalize_name(distribution.metadata["Name"] or "")
        if name and name != PROJECT:
            versions[name] = distribution.version
    return versions


def locked_versions(lock_text: str) -> dict[str, str]:
    return {canonicalize_name(m.group(1)): m.group(2) for m in map(PIN.match, lock_text.splitlines()) if m}


def disagreements(pyproject_text: str, lock_text: str) -> list[str]:
    """Each requirement of the project (runtime and `dev` extra) that the lock lacks or pins at a
    version the requirement refuses."""
    project = tomllib.loads(pyproject_text)["project"]
    locked = locked_versions(lock_text)
    wrong = []
    for requirement in map(Requirement, project["dependencies"] + project["optional-dependencies"]["dev"]):
        if requirement.marker and not requirement.marker.evaluate({"extra": "dev"}):
            continue  # not for this platform
        version = locked.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            wrong.append(f"{requirement} (locked: {version or 'nothing'})")
    return wrong


def compile_lock(extra_arguments: list[str]) -> None:
    installed = installed_versions()
    with tempfile.TemporaryDirectory(prefix="lock-") as folder:
        # The installed versions as hard constraints: a version pyproject.toml refuses fails the
        # compilation here instead of being silently replaced in the lock.
        constraints = Path(folder) / "installed.txt"
        constraints.write_text("".join(f"{name}=={version}\n" for name, version in sorted(installed.items())))
        from uv import find_uv_bin  # only compiling needs uv, not --check

        subprocess.run(
            [find_uv_bin(), "pip", "compile", "pyproject.toml", "--extra", "dev", "--generate-hashes",
             "--python", sys.executable, "--constraint", str(constraints),
             "--custom-compile-command", "packaging/dev lock", "--quiet",
             "--output-file", str(LOCK), *extra_arguments],
            cwd=ROOT, check=True,
        )
        # Every package says it came "via" the temporary constraints: noise that changes with each run.
        text = "".join(line for line in LOCK.read_text().splitlines(keepends=True)
                       if line.strip() != f"#   -c {constraints}")
        text = text.replace(f"# via -c {constraints}\n", "# via the tested environment\n")
    LOCK.write_text(text)
    locked = locked_versions(text)
    not_installed = sorted(f"{name}=={version}" for name, version in locked.items() if installed.get(name) != version)
    print(f"lock: {len(locked)} packages pinned in {LOCK.relative_to(ROOT)}", file=sys.stderr)
    if not_installed:
        print("lock: not installed in this environment, so locked at the newest version that fits and never"
              f" tested: {', '.join(not_installed)} -- install them, run the tests, then lock again",
              file=sys.stderr)


def check_lock() -> int:
    wrong = disagreements((ROOT / "pyproject.toml").read_text(), LOCK.read_text())
    if wrong:
        print(f"lock: {LOCK.relative_to(ROOT)} does not hold what pyproject.toml asks for: {'; '.join(wrong)}"
              " -- install it into the environment, run the tests, then `packaging/dev lock`", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check_lock())
    try:
        compile_lock(sys.argv[1:])
    except subprocess.CalledProcessError as error:
        sys.exit(f"lock: the lock was not written: uv pip compile ended with exit code {error.returncode}")

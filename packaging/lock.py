"""Writes packaging/requirements.lock: what pyproject.toml asks for (its runtime requirements and the
`dev` extra), pinned to exactly the versions installed in this Python environment -- the one the test
suite passed with -- with the hash of every file each pinned version has on the package index.

Run by `packaging/dev lock` with the virtual environment's Python; any further arguments go to
`uv pip compile`. A requirement that is not installed here is still locked (at the newest version that
fits) and named on stderr: install it, run the tests, lock again.
"""

import re
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name
from uv import find_uv_bin

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


def compile_lock(extra_arguments: list[str]) -> None:
    installed = installed_versions()
    with tempfile.TemporaryDirectory(prefix="lock-") as folder:
        # The installed versions as hard constraints: a version pyproject.toml refuses fails the
        # compilation here instead of being silently replaced in the lock.
        constraints = Path(folder) / "installed.txt"
        constraints.write_text("".join(f"{name}=={version}\n" for name, version in sorted(installed.items())))
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


if __name__ == "__main__":
    try:
        compile_lock(sys.argv[1:])
    except subprocess.CalledProcessError as error:
        sys.exit(f"lock: the lock was not written: uv pip compile ended with exit code {error.returncode}")

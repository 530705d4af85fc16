"""Prints the runtime part of packaging/requirements.lock: the pins (with their hashes) that the project's
runtime `dependencies` need, without the `dev` extra's tools.

The lock names, under each pin, the packages that pulled it in ("# via"). Walking those edges down from
the runtime requirements of pyproject.toml gives the runtime closure; the project's own node
("digitisation-point (pyproject.toml)") is not followed, since it stands for the dev extra too.
pip then installs the result with --require-hashes, which refuses a dependency missing from it.

Run with Debian's python3 (standard library only): packaging/build-deb calls it.
    python3 packaging/runtime_lock.py [LOCK [PYPROJECT]]
"""

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==")
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_lock(text: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """({name: the pin's whole block of lines}, {parent: the names it pulls in})."""
    blocks: dict[str, list[str]] = {}
    children: dict[str, set[str]] = {}
    current = None
    for line in text.splitlines():
        if (match := PIN.match(line)):
            current = canonical(match.group(1))
            blocks[current] = [line]
        elif current and line.startswith("    --hash="):
            blocks[current].append(line)
        elif current and line.startswith("    #"):
            parent = line.strip().lstrip("#").strip()
            if parent and parent != "via" and not parent.startswith(("-r ", "-c ")):
                parent = parent.removeprefix("via ").split(" ")[0]
                children.setdefault(canonical(parent), set()).add(current)
        elif not line.startswith("    "):
            current = None
    return {name: "\n".join(lines) for name, lines in blocks.items()}, children


def runtime_closure(pyproject_text: str, lock_text: str) -> list[str]:
    """The lock's blocks for the runtime requirements and everything they pull in, in the lock's order."""
    blocks, children = parse_lock(lock_text)
    wanted = [canonical(REQUIREMENT_NAME.match(r).group(1))
              for r in tomllib.loads(pyproject_text)["project"]["dependencies"]]
    missing = [name for name in wanted if name not in blocks]
    if missing:
        raise SystemExit(f"runtime_lock: the lock pins no {', '.join(missing)}: run packaging/dev lock")
    closure: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name not in closure:
            closure.add(name)
            wanted.extend(children.get(name, ()))
    return [block for name, block in blocks.items() if name in closure]


def main(arguments: list[str]) -> None:
    lock = Path(arguments[0]) if arguments else ROOT / "packaging" / "requirements.lock"
    pyproject = Path(arguments[1]) if len(arguments) > 1 else ROOT / "pyproject.toml"
    blocks = runtime_closure(pyproject.read_text(), lock.read_text())
    print("# The runtime part of packaging/requirements.lock (packaging/runtime_lock.py)")
    print("\n".join(block.rstrip(" \\") for block in blocks))


if __name__ == "__main__":
    main(sys.argv[1:])

"""The layers of DESIGN.md hold: import-linter's contracts in pyproject.toml, and proof that they bite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kiosk", "sync", "ui", "drivers")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH first: the project is installed in editable mode, and `where` may be a scratch copy
    env = {**os.environ, "PYTHONPATH": str(where)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=where, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_layers_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_kiosk_module_is_in_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c["layers"] for c in config["contracts"] if c["type"] == "layers")
    named = {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}
    modules = {f"kiosk.{path.stem}" for path in (ROOT / "kiosk").iterdir()
               if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").is_file()}
    assert modules - named == set(), "add these to a layer of [tool.importlinter] in pyproject.toml"


@pytest.mark.parametrize("module, line, broken", [
    ("drivers/card/tlv.py", "import kiosk.config", "drivers.card.tlv -> kiosk.config"),
    ("kiosk/store/errors.py", "import PySide6.QtCore", "kiosk.store.errors -> PySide6"),
    ("kiosk/domain/models.py", "from sync import relay", "kiosk.domain.models -> sync"),
])
def test_the_contracts_catch_a_forbidden_import(tmp_path, module, line, broken):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=lambda folder, names: [n for n in names if n == "__pycache__"
                                                      or ((Path(folder) / n).is_file() and not n.endswith(".py"))])
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    assert lint_imports(tmp_path).returncode == 0  # the copy is as sound as the original
    with (tmp_path / module).open("a") as source:
        source.write(f"\n{line}\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0 and broken in result.stdout, result.stdout + result.stderr

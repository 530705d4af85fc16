"""packaging/runtime_lock.py: the part of the lock that the installed station needs, and nothing of the dev tools."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def runtime_lock_module():
    spec = importlib.util.spec_from_file_location("runtime_lock", ROOT / "packaging" / "runtime_lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pinned(blocks: list[str]) -> dict[str, str]:
    return {re.match(r"([^=]+)==", block).group(1).lower(): block for block in blocks}


def test_the_real_lock_gives_the_runtime_closure_with_hashes():
    module = runtime_lock_module()
    blocks = pinned(module.runtime_closure((ROOT / "pyproject.toml").read_text(), (ROOT / "packaging" /
                                                                                 "requirements.lock").read_text()))
    # the runtime requirements, and what they pull in (shiboken6 by PySide6, cffi by cryptography)
    assert {"pyside6-essentials", "shiboken6", "pyscard", "python-sane", "cryptography", "cffi"} <= set(blocks)
    assert not {"pytest", "pytest-qt", "hypothesis", "import-linter", "uv", "pip-audit", "schemathesis"} & set(blocks)
    assert all("--hash=sha256:" in block for block in blocks.values())


def test_the_closure_follows_via_edges_but_not_the_projects_own_node():
    lock = """\
alpha==1.0 \\
    --hash=sha256:aa
    # via digitisation-point (pyproject.toml)
beta==2.0 \\
    --hash=sha256:bb
    # via alpha
devtool==3.0 \\
    --hash=sha256:cc
    # via digitisation-point (pyproject.toml)
gamma==4.0 \\
    --hash=sha256:dd
    # via
    #   devtool
    #   beta
"""
    pyproject = '[project]\ndependencies = ["Alpha>=1", "zeta; python_version < \'3\'"]\n'
    module = runtime_lock_module()
    with pytest.raises(SystemExit, match="zeta"):  # a requirement the lock does not pin is named
        module.runtime_closure(pyproject, lock)
    blocks = pinned(module.runtime_closure(pyproject.replace(', "zeta; python_version < \'3\'"', ""), lock))
    assert set(blocks) == {"alpha", "beta", "gamma"}
    assert blocks["gamma"] == "gamma==4.0 \\\n    --hash=sha256:dd"

"""The card's QR code read through the camera holds the citizen's ID, name, birth date and address: the
modules on that path (the camera driver, the core's key reading, the kiosk's and the counter's camera
paths, the technician's camera test) write no frame anywhere. The command line's run of the path is
checked end to end in tests/integration/test_card_keys.py (no file appears)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QR_PATH = ("drivers/camera/capture.py", "drivers/camera/qr_reader.py", "drivers/camera/sources.py",
           "kiosk/intake/card.py", "ui/kiosk_window.py", "ui/counter/reception.py",
           "kiosk/diagnostics/camera_test.py", "ui/diagnostics/camera_page.py")
WRITERS = {"imwrite", "imwritemulti", "tofile", "save", "write_bytes", "write_text", "NamedTemporaryFile",
           "TemporaryFile", "SpooledTemporaryFile", "mkstemp", "mkdtemp", "TemporaryDirectory"}


def _writes(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
            found += [f"line {node.lineno}: imports tempfile" for name in names if name == "tempfile"]
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in WRITERS:
            found.append(f"line {node.lineno}: {name}()")
        elif name == "open":
            mode = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "mode"), None)
            if isinstance(mode, ast.Constant) and set(str(mode.value)) & set("wax+"):
                found.append(f"line {node.lineno}: open(..., {mode.value!r})")
    return found


@pytest.mark.parametrize("module", QR_PATH)
def test_no_module_on_the_qr_path_writes_a_file(module):
    source = ROOT / module
    assert source.is_file(), module  # a module moved: update QR_PATH
    assert _writes(ast.parse(source.read_text(encoding="utf-8"))) == []


def test_the_check_finds_a_frame_written():
    sample = ("import cv2, tempfile\ncv2.imwrite('qr.png', frame)\nopen('x', 'wb')\nimage.save(path)\n"
              "open('y')\n")
    assert _writes(ast.parse(sample)) == ["line 1: imports tempfile", "line 2: imwrite()", "line 3: open(..., 'wb')",
                                          "line 4: save()"]

"""Logging to a rotating file in the data folder, with personal data masked before anything is written.

Masking happens in the formatter, on the final text, so it also covers arguments, tracebacks and
messages of libraries we do not control.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable

from kiosk.text import fold, nfc

MASK = "[redacted]"

_PATTERNS = [
    # MRZ lines: TD1 (30), TD2 (36), TD3 (44) characters of A-Z, 0-9 and '<' with at least one '<'.
    re.compile(r"(?<![A-Z0-9<])(?=[A-Z0-9<]*<)(?:[A-Z0-9<]{44}|[A-Z0-9<]{36}|[A-Z0-9<]{30})(?![A-Z0-9<])"),
    # 12-digit ID numbers and 9-digit old ID or document numbers, but not parts of longer digit runs.
    re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)"),
]


class Redactor:
    """Masks ID numbers, MRZ lines and every value registered as personal data.

    Registered values (a citizen's name, address…) are matched case-insensitively in NFC and in their
    folded form, since a name may reach a log as "Nguyễn Văn An" or "NGUYEN VAN AN" (MRZ lines are
    masked whole).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: Counter[str] = Counter()  # by how many open sessions registered each form
        self._pattern: re.Pattern[str] | None = None

    @staticmethod
    def _forms(values: Iterable[str]) -> list[str]:
        return [form for value in values if value and len(value.strip()) >= 2 for form in {nfc(value), fold(value)}]

    def add(self, values: Iterable[str]) -> None:
        with self._lock:
            self._values.update(self._forms(values))
            self._compile()

    def remove(self, values: Iterable[str]) -> None:
        """Forget values one session registered; another open session's same values stay masked."""
        with self._lock:
            self._values.subtract(self._forms(values))
            self._values = +self._values
            self._compile()

    def clear(self) -> None:
        """Forget every registered value."""
        with self._lock:
            self._values.clear()
            self._pattern = None

    def _compile(self) -> None:
        longest_first = sorted(self._values, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, longest_first)), re.IGNORECASE) if longest_first else None

    def __call__(self, text: str) -> str:
        for pattern in _PATTERNS:
            text = pattern.sub(MASK, text)
        pattern = self._pattern
        return pattern.sub(MASK, unicodedata.normalize("NFC", text)) if pattern else text


redactor = Redactor()


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str | None = None, redact: Redactor = redactor) -> None:
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self._redact(super().format(record))


def setup_logging(log_dir: Path, level: int = logging.INFO, max_bytes: int = 2_000_000, backups: int = 5) -> Path:
    """Send every log record to `log_dir/kiosk.log`, rotated, masked. Returns the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setFormatter(RedactingFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(old)
        old.close()
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path


def export_logs(log_dir: Path, destination: Path, manifest: dict, redact: Redactor = redactor) -> Path:
    """One .zip for the technician: every log file of `log_dir` (kiosk.log and its rotations) passed
    through the redactor again (a file written before a rule existed, or edited by hand, is masked all
    the same), and manifest.json. Written to a temporary name beside `destination`, then renamed: a
    half-written archive is never left under the name asked for. Returns the archive's path."""
    import json
    import os
    import tempfile
    import zipfile

    destination = destination if destination.suffix.lower() == ".zip" else destination.with_suffix(".zip")
    files = sorted(path for path in log_dir.glob("*.log*") if path.is_file()) if log_dir.is_dir() else []
    handle, temporary = tempfile.mkstemp(prefix=".logs-", suffix=".zip", dir=destination.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                text = path.read_text(encoding="utf-8", errors="replace")
                archive.writestr(f"logs/{path.name}", "\n".join(redact(line) for line in text.split("\n")))
            listed = {**manifest, "files": [f"logs/{path.name}" for path in files]}
            archive.writestr("manifest.json", redact(json.dumps(listed, ensure_ascii=False, indent=2)))
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return destination

"""Logging to a rotating file in the data folder, with personal data masked before anything is written.

Masking happens in the formatter, on the final text, so it also covers arguments, tracebacks and
messages of libraries we do not control.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import Mapping, TextIO

from kiosk.private_files import narrow_if_present, private_folder, private_opener
from kiosk.redaction import MASK, Redactor, redactor

__all__ = ["MASK", "Redactor", "redactor", "RedactingFormatter", "JournalFormatter", "journal_on_stderr",
           "setup_logging", "export_logs"]

# the attribute a log record carries its redactor's snapshot in (see `_snapshot_records`)
_SNAPSHOT = "kiosk_redaction"


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str | None = None, redact: Redactor = redactor) -> None:
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        # the values registered when the record was made, as well as now: an intake that ends (and
        # forgets its values) while one of its lines is on its way cannot unmask that line
        return self._redact(super().format(record), also=getattr(record, _SNAPSHOT, None))


class JournalFormatter(RedactingFormatter):
    """The same masked text, each line led by its syslog priority (systemd's SyslogLevelPrefix=):
    `journalctl -p warning` then shows warnings and errors. The journal stamps the time itself."""

    PRIORITIES = ((logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4), (logging.INFO, 6))

    def __init__(self, redact: Redactor = redactor) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s", redact)

    def format(self, record: logging.LogRecord) -> str:
        priority = next((value for level, value in self.PRIORITIES if record.levelno >= level), 7)
        # each line of a traceback is its own journal entry: each carries the priority
        return "\n".join(f"<{priority}>{line}" for line in super().format(record).split("\n"))


def journal_on_stderr(env: Mapping[str, str] | None = None, stderr: TextIO | None = None) -> bool:
    """Whether stderr goes to systemd's journal: `JOURNAL_STREAM` names the stream systemd connected
    (device:inode), checked against stderr since a child may have redirected it. Without it, a
    service's `INVOCATION_ID` with a stderr that is no terminal (a terminal opened from a systemd
    session inherits the id: its technician reads plain lines on the screen, not the journal's)."""
    env = os.environ if env is None else env
    stderr = sys.stderr if stderr is None else stderr
    try:
        descriptor = stderr.fileno()
        stat = os.fstat(descriptor)
    except (AttributeError, OSError, ValueError):  # replaced by an object with no descriptor, or closed
        return False
    if env.get("JOURNAL_STREAM"):
        return env["JOURNAL_STREAM"] == f"{stat.st_dev}:{stat.st_ino}"
    return bool(env.get("INVOCATION_ID")) and not os.isatty(descriptor)


def _snapshot_records(redact: Redactor) -> None:
    """Every log record made from now on carries `redact`'s registered values as they were then."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_kiosk_redactor", None) is redact:
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        setattr(record, _SNAPSHOT, redact.snapshot())
        return record

    factory._kiosk_redactor = redact  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """kiosk.log and each new file after a rotation created 0600 (a rotation renames: modes stay)."""

    def _open(self):
        return open(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors, opener=private_opener)


def setup_logging(log_dir: Path, level: int = logging.INFO, max_bytes: int = 2_000_000, backups: int = 5,
                  journal: bool | None = None) -> Path:
    """Send every log record to `log_dir/kiosk.log`, rotated, masked; and, under systemd (`journal`
    None: `journal_on_stderr()`), to stderr with syslog priorities for the journal, masked the same
    way. Returns the file's path."""
    private_folder(log_dir)
    path = log_dir / "kiosk.log"
    for existing in [path, *log_dir.glob("kiosk.log.*")]:  # narrowed on a station set up before this rule
        narrow_if_present(existing)  # a missing kiosk.log is created 0600 by the handler
    handler = PrivateRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setFormatter(RedactingFormatter())
    handlers: list[logging.Handler] = [handler]
    if journal_on_stderr() if journal is None else journal:
        to_journal = logging.StreamHandler(sys.stderr)
        to_journal.setFormatter(JournalFormatter())
        handlers.append(to_journal)
    _snapshot_records(redactor)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(old)
        old.close()
    for new in handlers:
        new._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(new)
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

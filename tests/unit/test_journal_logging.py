"""Log lines for the journal: syslog priorities on every line, masked like the file."""

import logging
import os
import subprocess
import sys

from kiosk.logs import MASK, JournalFormatter, journal_on_stderr, redactor, setup_logging
from tests.conftest import ROOT

NAME = "Nguyễn Thị Hồng Nhung"
ID12 = "001190012345"


def _record(level: int, message: str, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("kiosk.test", level, __file__, 1, message, None, exc_info)


def test_each_level_carries_its_syslog_priority():
    formatter = JournalFormatter()
    assert formatter.format(_record(logging.CRITICAL, "x")).startswith("<2>")
    assert formatter.format(_record(logging.ERROR, "x")).startswith("<3>")
    assert formatter.format(_record(logging.WARNING, "x")).startswith("<4>")
    assert formatter.format(_record(logging.INFO, "x")) == "<6>INFO kiosk.test: x"
    assert formatter.format(_record(logging.DEBUG, "x")).startswith("<7>")


def test_every_line_of_a_traceback_keeps_the_priority_and_the_mask():
    redactor.add([NAME])
    try:
        try:
            raise ValueError(f"bad birth date for {NAME} {ID12}")
        except ValueError:
            text = JournalFormatter().format(_record(logging.ERROR, "parsing failed", sys.exc_info()))
    finally:
        redactor.clear()
    lines = text.split("\n")
    assert len(lines) > 3 and all(line.startswith("<3>") for line in lines)
    assert "ValueError" in text
    assert NAME not in text and ID12 not in text


def test_journal_stream_is_recognised_only_on_the_stream_systemd_connected(tmp_path):
    with open(tmp_path / "stderr", "w") as stream:
        stat = os.fstat(stream.fileno())
        assert journal_on_stderr({"JOURNAL_STREAM": f"{stat.st_dev}:{stat.st_ino}"}, stream)
        assert not journal_on_stderr({"JOURNAL_STREAM": f"{stat.st_dev}:{stat.st_ino + 1}"}, stream)  # redirected
        assert journal_on_stderr({"INVOCATION_ID": "0f1e"}, stream)  # a service's output that is no terminal
        assert not journal_on_stderr({}, stream)


def test_a_stderr_without_descriptor_is_no_journal():
    assert not journal_on_stderr({"INVOCATION_ID": "0f1e"}, object())


def test_under_systemd_log_records_reach_stderr_masked_and_the_file_too(tmp_path):
    """A child started as systemd would start it (INVOCATION_ID, stderr a pipe to the journal)."""
    program = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from kiosk.logs import setup_logging, redactor\n"
        "setup_logging(Path(sys.argv[1]))\n"
        f"redactor.add([{NAME!r}])\n"
        "log = logging.getLogger('kiosk.station')\n"
        f"log.info('card read for %s', {NAME!r})\n"
        f"log.warning('queue long for %s', {ID12!r})\n"
        "log.error('store unavailable')\n"
    )
    env = {**os.environ, "INVOCATION_ID": "0123456789abcdef", "PYTHONPATH": str(ROOT)}
    env.pop("JOURNAL_STREAM", None)
    done = subprocess.run([sys.executable, "-c", program, str(tmp_path / "logs")], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    journal = done.stderr.splitlines()
    assert journal == [f"<6>INFO kiosk.station: card read for {MASK}",
                       f"<4>WARNING kiosk.station: queue long for {MASK}", "<3>ERROR kiosk.station: store unavailable"]
    written = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "store unavailable" in written and NAME not in written and ID12 not in written


def test_outside_systemd_nothing_goes_to_stderr(tmp_path, capsys):
    setup_logging(tmp_path / "logs", journal=False)
    logging.getLogger("kiosk.test").warning("only in the file")
    assert capsys.readouterr().err == ""
    kiosk_handlers = [h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False)]
    assert len(kiosk_handlers) == 1


def test_setting_up_again_replaces_the_journal_handler(tmp_path):
    setup_logging(tmp_path / "logs", journal=True)
    setup_logging(tmp_path / "logs", journal=True)
    kiosk_handlers = [h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False)]
    assert sorted(type(h).__name__ for h in kiosk_handlers) == ["PrivateRotatingFileHandler", "StreamHandler"]
    setup_logging(tmp_path / "logs", journal=False)

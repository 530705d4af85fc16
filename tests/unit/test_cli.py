import subprocess
import sys

import pytest

from kiosk.cli import build_parser, main
from pathlib import Path

COMMANDS = [[], ["start"], ["stand"], ["stand", "up"], ["stand", "down"], ["stand", "status"], ["doctor"]]


@pytest.mark.parametrize("words", COMMANDS, ids=lambda w: " ".join(w) or "kiosk")
def test_help_on_every_level(words, capsys):
    with pytest.raises(SystemExit) as exited:
        main([*words, "--help"])
    assert exited.value.code == 0
    assert "usage: kiosk" in capsys.readouterr().out


def test_every_subcommand_is_listed_in_help():
    parser = build_parser()
    text = parser.format_help()
    for word in ("start", "stand", "doctor", "exit codes"):
        assert word in text


def test_python_dash_m_and_console_script():
    for command in ([sys.executable, "-m", "kiosk", "--version"], [str(Path(sys.executable).parent / "kiosk"), "--version"]):
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("kiosk ")


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["fly"])
    assert exited.value.code == 2

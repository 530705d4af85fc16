"""`kiosk officer add|disable|enable|reset|list` in a child process on a real store in a temporary folder."""

import getpass
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.store import SignInRefused, open_store
from tests.conftest import write_config

PASSWORD = "mật khẩu rất dài 7"


@pytest.fixture
def env(tmp_path):
    file = write_config(tmp_path, key_dir=str(tmp_path / "keys"))
    return {"KIOSK_CONFIG": str(file), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}


def kiosk(env, *args, stdin: str = ""):
    return subprocess.run([sys.executable, "-m", "kiosk", "officer", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def opened(env):
    config = load_config(Path(env["KIOSK_CONFIG"]), env={})
    return open_store(config.store_dir, config.key_dir, config.station_id)


def test_an_account_is_added_listed_disabled_enabled_and_reset(env):
    added = kiosk(env, "add", "lan.nt", "--name", "Nguyễn Thị Lan", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "added officer lan.nt"
    tech = kiosk(env, "add", "hung.tv", "--name", "Trần Văn Hùng", "--role", "technician", "--password-stdin",
                 stdin="kỹ thuật viên 01\n")
    assert tech.returncode == 0, tech.stderr

    listed = kiosk(env, "list", "--json")
    assert json.loads(listed.stdout) == [
        {"login": "hung.tv", "display_name": "Trần Văn Hùng", "role": "technician", "disabled": False},
        {"login": "lan.nt", "display_name": "Nguyễn Thị Lan", "role": "officer", "disabled": False},
    ]
    assert kiosk(env, "disable", "lan.nt").stdout.strip() == "disabled lan.nt"
    assert "lan.nt" in kiosk(env, "list").stdout and "disabled" in kiosk(env, "list").stdout
    with opened(env) as store:
        with pytest.raises(SignInRefused) as refused:
            store.authenticate("lan.nt", PASSWORD)
        assert refused.value.code == "sign_in.disabled"
    assert kiosk(env, "enable", "lan.nt").returncode == 0
    reset = kiosk(env, "reset", "lan.nt", "--password-stdin", stdin="mật khẩu mới 2026\n")
    assert reset.returncode == 0, reset.stderr
    with opened(env) as store:
        assert store.authenticate("lan.nt", "mật khẩu mới 2026", role="officer").login == "lan.nt"
        actions = [(row["actor"], row["action"]) for row in store.audit_log()]
    user = "cli@" + getpass.getuser()
    assert actions[:6] == [(user, "officer_added"), (user, "officer_added"), (user, "officer_disabled"),
                           ("lan.nt", "sign_in_refused"), (user, "officer_enabled"), (user, "password_reset")]


def test_refusals_are_named_with_exit_code_2_and_change_nothing(env):
    short = kiosk(env, "add", "lan.nt", "--name", "Lan", "--password-stdin", stdin="short\n")
    assert short.returncode == 2 and "at least 10 characters" in short.stderr and "short" not in short.stdout
    assert kiosk(env, "list").stdout.strip() == "no accounts"
    bad_login = kiosk(env, "add", "Lân", "--name", "Lan", "--password-stdin", stdin=PASSWORD + "\n")
    assert bad_login.returncode == 2 and "a login is 3 to 32" in bad_login.stderr
    unknown = kiosk(env, "disable", "nobody")
    assert unknown.returncode == 2 and "no account nobody" in unknown.stderr
    unknown_reset = kiosk(env, "reset", "nobody", "--password-stdin", stdin=PASSWORD + "\n")
    assert unknown_reset.returncode == 2 and "no account nobody" in unknown_reset.stderr
    kiosk(env, "add", "lan.nt", "--name", "Lan", "--password-stdin", stdin=PASSWORD + "\n")
    taken = kiosk(env, "add", "lan.nt", "--name", "Lan", "--password-stdin", stdin=PASSWORD + "\n")
    assert taken.returncode == 2 and "taken" in taken.stderr


def test_a_password_is_never_taken_from_the_command_line(env):
    as_argument = kiosk(env, "add", "lan.nt", "--name", "Lan", "--password", PASSWORD)
    assert as_argument.returncode == 2 and "unrecognized arguments" in as_argument.stderr
    without_terminal = kiosk(env, "add", "lan.nt", "--name", "Lan", stdin=PASSWORD + "\n")
    assert without_terminal.returncode == 2 and "--password-stdin" in without_terminal.stderr
    empty = kiosk(env, "add", "lan.nt", "--name", "Lan", "--password-stdin", stdin="")
    assert empty.returncode == 2 and "no password" in empty.stderr
    assert kiosk(env, "list").stdout.strip() == "no accounts"


def on_terminal(env, args, answers: list[tuple[str, str]]) -> tuple[int, str]:
    """Run `kiosk officer ARGS` with a pseudo-terminal as its terminal; (prompt, answer): type the answer
    once the prompt is shown (not before: getpass discards what was typed ahead)."""
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "kiosk", "officer", *args], env=env, stdin=follower,
                             stdout=follower, stderr=follower, start_new_session=True)
    os.close(follower)
    seen, answered, pending = b"", 0, list(answers)
    try:
        while select.select([leader], [], [], 60)[0]:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if pending and (at := seen.find(pending[0][0].encode(), answered)) >= 0:
                answered = at + 1
                os.write(leader, pending.pop(0)[1].encode() + b"\n")
    finally:
        os.close(leader)
        if child.poll() is None:
            child.kill()
    return child.wait(timeout=60), seen.decode(errors="replace")


def test_on_a_terminal_the_password_is_asked_twice_and_not_echoed(env):
    code, shown = on_terminal(env, ["add", "lan.nt", "--name", "Lan"],
                              [("Password for lan.nt", PASSWORD), ("The same password again", PASSWORD)])
    assert code == 0, shown
    assert "Password for lan.nt" in shown and "The same password again" in shown and "added officer lan.nt" in shown
    assert PASSWORD not in shown
    code, shown = on_terminal(env, ["reset", "lan.nt"],
                              [("Password for lan.nt", PASSWORD + "x"), ("The same password again", PASSWORD + "y")])
    assert code == 2 and "the two passwords differ" in shown
    with opened(env) as store:
        assert store.authenticate("lan.nt", PASSWORD).login == "lan.nt"

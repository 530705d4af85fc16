"""The card's access key never on the command line: `kiosk card read` takes it from standard input
(`--can -`, `--mrz -`), from a prompt on the terminal that does not echo it, or from the card's QR code
shown to the configured camera and decoded in memory; a key written on the command line is refused."""

import fcntl
import json
import os
import pty
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.card.mrz import build_td1_vn
from drivers.card.virtual.profile import load_profile
from kiosk.errors import EXIT_CARD, EXIT_OK, EXIT_USAGE
from kiosk.resources import CARD_PROFILES
from tests.integration.test_card_read import Simulated

PROFILE = load_profile(CARD_PROFILES / "married-with-old-id.toml")
CAN = PROFILE.id_number[-6:]
MRZ = build_td1_vn(PROFILE.id_number, PROFILE.full_name, PROFILE.birth_date, PROFILE.sex, PROFILE.expiry)
KIOSK = [sys.executable, "-m", "kiosk"]


def _secrets(profile=PROFILE) -> list[str]:
    """What must never be in a process's arguments: the CAN, the document number, the dates, the MRZ."""
    return [profile.id_number[-6:], profile.id_number[-9:], profile.birth_date.strftime("%y%m%d"),
            profile.expiry.strftime("%y%m%d"), *MRZ.splitlines()]


def _assert_no_key_in(argv: list[str], pid: int) -> None:
    """Neither the argument list given nor what `ps` shows of the running process holds a key."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    for _ in range(1000):  # empty until the kernel has finished loading the new program
        shown = cmdline.read_bytes().decode().replace("\0", " ")
        if shown:
            break
        time.sleep(0.01)
    assert shown.split() == [str(part) for part in argv]  # the process is the one started, still running
    for secret in _secrets():
        assert all(secret not in str(part) for part in argv) and secret not in shown, secret


def _read_with_stdin(env, options: list[str], stdin: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    argv = [*KIOSK, "card", "read", *options, "--json"]
    process = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        _assert_no_key_in(argv, process.pid)  # it waits for its standard input: the key is not given yet
        out, err = process.communicate(stdin, timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return subprocess.CompletedProcess(argv, process.returncode, out, err), argv


@pytest.mark.station
def test_the_can_on_standard_input_opens_the_card(station, kiosk_env):
    with Simulated(kiosk_env):
        done, _ = _read_with_stdin(kiosk_env, ["--can", "-"], CAN + "\n")
    assert done.returncode == EXIT_OK, done.stderr
    identity = json.loads(done.stdout)
    assert identity["id_number"] == PROFILE.id_number
    assert identity["verification"]["opened_with"] == "CAN (standard input)"


@pytest.mark.station
def test_the_mrz_on_standard_input_ends_at_a_blank_line_and_the_can_comes_first(station, kiosk_env):
    with Simulated(kiosk_env, "--no-pace"):  # an older card: BAC with the MRZ, the CAN unused
        done, _ = _read_with_stdin(kiosk_env, ["--mrz", "-", "--can", "-"], f"{CAN}\n{MRZ}\n\nnot read\n")
    assert done.returncode == EXIT_OK, done.stderr
    verification = json.loads(done.stdout)["verification"]
    assert verification["access"] == "BAC" and verification["opened_with"] == "MRZ key (standard input)"


class Terminal:
    """A command run on a pseudo-terminal, its controlling terminal: what a technician at a shell sees."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(argv, env=env, stdin=slave, stdout=slave, stderr=slave,
                                        start_new_session=True,
                                        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.output = ""

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert self._read(deadline - time.monotonic()), f"no {text!r} on the terminal: {self.output!r}"

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while self._read(deadline - time.monotonic()):
            pass
        os.close(self.master)
        return self.process.wait(10)

    def _read(self, timeout: float) -> bool:
        """False at the end of the output (the program closed the terminal) or after `timeout`."""
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return False
        try:
            data = os.read(self.master, 4096)
        except OSError:  # EIO: every end of the terminal closed
            return False
        self.output += data.decode(errors="replace")
        return bool(data)


@pytest.mark.station
def test_the_can_asked_on_the_terminal_is_not_echoed(station, kiosk_env):
    argv = [*KIOSK, "card", "read", "--can", "--redact"]
    with Simulated(kiosk_env):
        terminal = Terminal(argv, kiosk_env)
        _assert_no_key_in(argv, terminal.process.pid)
        terminal.wait_for("CAN (6 digits): ")
        terminal.type(CAN + "\n")
        code = terminal.finish()
    assert code == EXIT_OK, terminal.output
    assert "commands" in terminal.output and "DG13" in terminal.output  # the card was read
    assert "CAN (terminal)" in terminal.output
    assert CAN not in terminal.output


@pytest.mark.station
def test_a_pasted_mrz_is_taken_whole_from_the_terminal_and_not_echoed(station, kiosk_env):
    argv = [*KIOSK, "card", "read", "--mrz", "-", "--redact"]
    with Simulated(kiosk_env, "--no-pace"):
        terminal = Terminal(argv, kiosk_env)
        terminal.wait_for("MRZ, the three lines")
        terminal.type(MRZ + "\n")  # the three lines at once, as a paste gives them
        code = terminal.finish()
    assert code == EXIT_OK, terminal.output
    assert "DG13" in terminal.output and "MRZ key (terminal)" in terminal.output
    assert all(line not in terminal.output for line in MRZ.splitlines())


@pytest.mark.parametrize("options, flag", [
    (["--can", CAN], "--can"), ([f"--can={CAN}"], "--can"), (["--mrz", MRZ], "--mrz"),
    (["--document", PROFILE.id_number[-9:], "--birth", "-", "--expiry", "-"], "--document"),
    (["--document", "-", "--birth", PROFILE.birth_date.strftime("%y%m%d"), "--expiry", "-"], "--birth"),
    (["--document", "-", "--birth", "-", "--expiry", PROFILE.expiry.strftime("%y%m%d")], "--expiry"),
], ids=["can", "can=", "mrz", "document", "birth", "expiry"])
@pytest.mark.parametrize("command", [["card", "read"], ["card", "trace"], ["intake", "run", "--procedure", "1.001193"]],
                         ids=["read", "trace", "intake"])
def test_a_key_written_on_the_command_line_is_refused_before_anything_is_read(command, options, flag, kiosk_env):
    done = subprocess.run([*KIOSK, *command, *options], env=kiosk_env, input="089012345\n890315\n290315\n",
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == EXIT_USAGE
    assert done.stderr == (f"kiosk: {flag} takes no value on the command line: every user of this computer can see "
                           f"it there and the shell keeps it in its history. Give `{flag} -` and write it on "
                           f"standard input, or `{flag}` alone to be asked for it\n")
    assert done.stdout == ""


def test_a_key_to_be_asked_for_with_no_terminal_says_how_to_give_it(kiosk_env):
    done = subprocess.run([*KIOSK, "card", "read", "--can"], env=kiosk_env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == EXIT_USAGE
    assert done.stderr == ("kiosk: --can: no terminal to ask for it on: give `--can -` and write it on standard "
                           "input\n")


def test_help_says_how_to_give_a_key(kiosk_env):
    done = subprocess.run([*KIOSK, "card", "read", "--help"], env=kiosk_env, capture_output=True, text=True,
                          timeout=60)
    text = " ".join(done.stdout.split())
    assert "--can [-]" in text and "--mrz [-]" in text and "--qr-camera [CAMERA]" in text
    assert "`--can -` reads it from standard input, `--can` alone asks for it on the terminal without echo" in text


def _files(folder: Path, leave_out: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file() and leave_out not in path.parents}


@pytest.mark.station
def test_the_qr_code_from_the_configured_camera_opens_the_card_and_no_image_is_written(
        station, station_config, kiosk_env, tmp_path):
    # the simulated station's camera plays the faces of the shipped cards, long-address's first
    camera = station_config.simulation_dir / "camera"
    first = sorted(camera.glob("*.png"))[0]
    assert first.name == "card-long-address.png"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**kiosk_env, "KIOSK_CAMERA": f"folder:{camera}", "TMPDIR": str(temporary)}
    argv = [*KIOSK, "card", "read", "--qr-camera", "--json"]
    with Simulated(kiosk_env, profile="long-address"):
        before = _files(station_config.data_dir, station_config.log_dir)
        done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        after = _files(station_config.data_dir, station_config.log_dir)
    assert done.returncode == EXIT_OK, done.stderr
    identity = json.loads(done.stdout)
    assert identity["id_number"] == load_profile(CARD_PROFILES / "long-address.toml").id_number
    assert identity["verification"]["opened_with"] == "CAN (QR code)"
    assert after == before and list(temporary.iterdir()) == []  # the frames stayed in memory


def test_a_camera_that_sees_no_card_code_says_so(kiosk_env, tmp_path):
    folder = tmp_path / "camera"
    folder.mkdir()
    wall = np.full((480, 640, 3), 128, np.uint8)
    cv2.putText(wall, "no code here", (40, 240), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 0), 3)
    cv2.imwrite(str(folder / "wall.png"), wall)
    done = subprocess.run([*KIOSK, "card", "read", "--qr-camera", f"folder:{folder}"], env=kiosk_env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert done.returncode == EXIT_CARD
    assert done.stderr.splitlines()[-1] == (f"kiosk: camera folder:{folder} saw no card's QR code: hold the card's "
                                            "front flat and still, QR code whole and in the light, and try again")
    assert done.stdout == ""


def test_a_missing_camera_is_a_station_problem(kiosk_env, tmp_path):
    done = subprocess.run([*KIOSK, "card", "read", "--qr-camera", f"folder:{tmp_path / 'none'}"], env=kiosk_env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert done.returncode == 4
    assert "the folder does not exist" in done.stderr

"""Reading the virtual CCCD card through the real stack: pyscard → pcscd → vpcd → the card program."""

import json
import subprocess
import sys

import pytest

from drivers.card.apdu import ApduChannel
from drivers.card.pcsc import PcscConnection
from drivers.card.reader import read_card
from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.profile import load_profile
from kiosk.errors import EXIT_CARD
from tests.card.card_helpers import PROFILES, access_key_for, assert_identity_matches
from tests.helpers.cards import READER, InsertedCard, wait_for_atr

pytestmark = pytest.mark.station


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_every_profile_reads_through_pcscd(path, station, station_config):
    profile = load_profile(path)
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    with InsertedCard(card):
        with PcscConnection(READER) as connection:
            result = read_card(ApduChannel(connection), access_key_for(profile))
    assert_identity_matches(result.identity, profile)
    assert result.stats.commands <= 20  # extended length passes through pcscd and vpcd


class Simulated:
    """`kiosk card simulate` in its own process, as a technician would run it."""

    def __init__(self, env, *options, profile="married-with-old-id"):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "card", "simulate", "--profile", profile, *options],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def __enter__(self):
        line = self.process.stdout.readline()
        assert "is on the reader" in line, line + self.process.stderr.read()
        wait_for_atr(READER, present=True)
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.terminate()
        assert self.process.wait(10) == 0, self.process.stderr.read()
        self.process.stdout.close()
        self.process.stderr.close()
        wait_for_atr(READER, present=False)


MRZ_FIELDS = ("--document", "-", "--birth", "-", "--expiry", "-")  # the values on standard input, in this order


def read(env, keys="089012345\n890315\n290315\n", *options):
    """`kiosk card read` with the MRZ fields on standard input, never on the command line."""
    return subprocess.run([sys.executable, "-m", "kiosk", "card", "read", *MRZ_FIELDS, *options, "--json"], env=env,
                          input=keys, capture_output=True, text=True, timeout=60)


def test_command_line_reads_the_simulated_card(station, kiosk_env, tmp_path):
    profile = load_profile(PROFILES[[p.stem for p in PROFILES].index("married-with-old-id")])
    with Simulated(kiosk_env):
        done = read(kiosk_env)
        redacted = subprocess.run([sys.executable, "-m", "kiosk", "card", "read", "--mrz", "-", "--redact",
                                   "--photo-out", str(tmp_path / "face.jpg")],
                                  input=_mrz(profile), env=kiosk_env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    identity = json.loads(done.stdout)
    assert identity["full_name"] == profile.full_name and identity["id_number"] == profile.id_number
    assert identity["birth_date"] == profile.birth_date.isoformat()
    assert redacted.returncode == 0, redacted.stderr
    assert profile.id_number not in redacted.stdout and profile.full_name not in redacted.stdout
    assert "DG2" in redacted.stdout and "commands" in redacted.stdout
    assert (tmp_path / "face.jpg").read_bytes()[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize("options, keys, message", [
    ((), ("089012345\n890316\n290315\n",), "kiosk: no access key from the standard input opens this card"),
    (("--remove-after", "9"), ("089012345\n890315\n290315\n", "--wait", "1"),
     "kiosk: the card was not put back in time: nothing read is kept"),
    (("--corrupt-mac",), (), "kiosk: the card's answers failed their integrity check (secure messaging)"),
    (("--tamper-dg", "13"), (), "kiosk: the card's data is not what its issuer signed (DG13 does not match the card's "
                                "security object (SOD): the data was altered): do not accept this card"),
], ids=["wrong-key", "removed", "corrupt-mac", "tampered-dg13"])
def test_faults_end_in_their_own_error_and_no_identity(options, keys, message, station, kiosk_env):
    with Simulated(kiosk_env, *options):
        done = read(kiosk_env, *keys)
    assert done.returncode == EXIT_CARD
    assert done.stderr.splitlines()[-1].startswith(message), done.stderr
    assert done.stdout == ""  # nothing of a partial read is printed


@pytest.mark.parametrize("options", [("--no-extended",), ("--max-response", "200")], ids=["no-extended", "max-200"])
def test_reader_steps_down_and_still_reads(options, station, kiosk_env):
    with Simulated(kiosk_env, *options):
        done = read(kiosk_env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["old_id_number"] == "012345678"


def _mrz(profile) -> str:
    from drivers.card.mrz import build_td1_vn

    return build_td1_vn(profile.id_number, profile.full_name, profile.birth_date, profile.sex, profile.expiry)

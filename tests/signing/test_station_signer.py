"""One signer per process: the PIN `kiosk start` asks before any window opens is the one every intake
signs with; a token missing at start does not stop the station."""

from __future__ import annotations

import pytest

from drivers.signing.errors import WrongPin
from kiosk.cli.start import unlock_signing_token
from kiosk.config import load_config
from kiosk.intake.station import StationServices
from kiosk.signing import station_signer
from tests.signing.test_pdf_cli import blank_pdf, station_file


def test_start_unlocks_the_one_signer_the_station_services_then_use(token, tmp_path, capsys):
    config = load_config(station_file(tmp_path, token), env={})
    unlock_signing_token(config)
    assert capsys.readouterr().err == ""
    signer = station_signer(config)
    services = StationServices(config, store=None, procedures=None, units=None, consent=None)
    services._open_signer()
    assert services.signer is signer and services.problems == []
    services.close()  # the station's services close; the process's signer stays unlocked
    assert signer.sign(blank_pdf(), "REF").level == "B-B"
    (tmp_path / "other").mkdir()
    other = load_config(station_file(tmp_path / "other", token), env={})
    assert station_signer(other) is not signer  # another configuration, another signer


def test_a_token_missing_at_start_is_named_and_the_station_starts(token, tmp_path, capsys):
    config = load_config(station_file(tmp_path, token, signing_token="not plugged in"), env={})
    unlock_signing_token(config)  # returns: the windows open
    said = capsys.readouterr().err
    assert said.startswith("kiosk: signing token: no signing token labelled 'not plugged in'")
    assert "the station starts, but no copy can be signed until this is fixed (see `kiosk doctor`)" in said
    services = StationServices(config, store=None, procedures=None, units=None, consent=None)
    services._open_signer()
    assert services.problems and services.problems[0].startswith("signing token: no signing token labelled")


def test_a_wrong_pin_from_a_file_at_start_is_not_tried_again_by_the_windows(token, tmp_path, capsys):
    config = load_config(station_file(tmp_path, token, pin="000000"), env={})
    unlock_signing_token(config)
    assert "wrong PIN for the signing token" in capsys.readouterr().err
    services = StationServices(config, store=None, procedures=None, units=None, consent=None)
    services._open_signer()
    assert "restart the station to enter the PIN again" in services.problems[0]
    with pytest.raises(WrongPin, match="restart the station"):
        station_signer(config).sign(blank_pdf(), "REF")


def test_no_pin_typed_at_start_is_a_problem_named_not_a_crash(token, tmp_path):
    from kiosk.signing import StationSigner

    def end_of_input(prompt):
        raise EOFError

    config = load_config(station_file(tmp_path, token, signing_pin="prompt"), env={})
    signer = StationSigner(config, ask=end_of_input)
    problem = signer.unlock_with_retries(say=print)
    assert problem is not None and str(problem) == "no PIN was typed for the signing token"
    signer.close()

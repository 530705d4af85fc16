from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.errors import EXIT_CONFIG, ConfigError
from tests.conftest import write_config


def test_file_values_are_read(tmp_path):
    config = load_config(write_config(tmp_path, mode="kiosk", language="en", idle_timeout=90), env={})
    assert (config.station_id, config.center_unit, config.mode, config.language) == ("TEST-01", "06970", "kiosk", "en")
    assert config.idle_timeout == 90
    assert config.data_dir == tmp_path / "data"
    assert config.endpoint is None


def test_defaults(tmp_path):
    config = load_config(write_config(tmp_path), env={})
    assert (config.mode, config.language, config.idle_timeout) == ("counter", "vi", 60)


def test_environment_overrides_file_and_flags_override_environment(tmp_path):
    file = write_config(tmp_path, mode="kiosk")
    env = {"KIOSK_MODE": "diagnostics", "KIOSK_LANGUAGE": "en"}
    assert load_config(file, env=env).mode == "diagnostics"
    assert load_config(file, env=env, overrides={"mode": "counter"}).mode == "counter"
    assert load_config(file, env=env, overrides={"mode": None}).mode == "diagnostics"


def test_config_file_from_environment(tmp_path):
    file = write_config(tmp_path, station_id="FROM-ENV")
    assert load_config(None, env={"KIOSK_CONFIG": str(file)}).station_id == "FROM-ENV"


@pytest.mark.parametrize("key, value, expected", [
    ("mode", "kioskk", "one of kiosk, counter, diagnostics"),
    ("language", "fr", "one of vi, en"),
    ("center_unit", "6970", "5-digit official code"),
    ("idle_timeout", "5", "between 15 and 3600"),
    ("endpoint", "http://province.example", "https://"),
    ("ca_bundle", "/nonexistent/ca.pem", "existing PEM file"),
    ("station_id", "has space", "letters, digits"),
])
def test_wrong_value_names_key_and_expectation(tmp_path, key, value, expected):
    file = write_config(tmp_path, **{key: value})
    with pytest.raises(ConfigError) as raised:
        load_config(file, env={})
    message = str(raised.value)
    assert message.startswith(f"configuration: {key} (in {file})")
    assert expected in message
    assert "\n" not in message


def test_missing_required_key(tmp_path):
    file = tmp_path / "config.toml"
    file.write_text('center_unit = "06970"\n')
    with pytest.raises(ConfigError, match=r"station_id: missing: set it in .*config.toml or KIOSK_STATION_ID"):
        load_config(file, env={})


def test_simulated_station_needs_no_file(tmp_path):
    config = load_config(None, env={"KIOSK_DATA_DIR": str(tmp_path)}, simulated=True)
    assert config.station_id == "SIM-01" and config.center_unit == "06970"


def test_unknown_key_and_bad_toml(tmp_path):
    file = tmp_path / "config.toml"
    file.write_text('station_id = "A"\ncenter_unit = "06970"\nidle_timout = 30\n')
    with pytest.raises(ConfigError, match="idle_timout .*unknown key"):
        load_config(file, env={})
    file.write_text('station_id = "A\n')
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(file, env={})


def test_named_file_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="no configuration file at"):
        load_config(tmp_path / "absent.toml", env={})


def test_command_line_reports_bad_configuration_with_its_exit_code(tmp_path, capsys):
    file = write_config(tmp_path, mode="nope")
    assert main(["--config", str(file), "doctor"]) == EXIT_CONFIG
    error = capsys.readouterr().err.strip()
    assert error.startswith("kiosk: configuration: mode") and "one of kiosk, counter, diagnostics" in error
    assert not (tmp_path / "data").exists()  # nothing started half-configured


def test_start_refuses_bad_configuration_before_opening_anything(tmp_path, capsys):
    file = write_config(tmp_path, idle_timeout="soon")
    assert main(["--config", str(file), "start"]) == EXIT_CONFIG
    assert "idle_timeout" in capsys.readouterr().err
    assert not Path(tmp_path / "data").exists()


def test_center_unit_must_be_a_commune_in_force(tmp_path):
    with pytest.raises(ConfigError, match="center_unit .*expected the code of a commune-level unit in force since "
                                         "1 July 2025; 99999 is none"):
        load_config(write_config(tmp_path, center_unit="99999"), env={})


def test_the_kiosk_scanner_and_the_receipt_printer(tmp_path):
    config = load_config(write_config(tmp_path), env={})
    assert (config.kiosk_scanner, config.receipt_printer) == ("flatbed", "")
    config = load_config(write_config(tmp_path, kiosk_scanner="feeder", receipt_printer="Counter_HP-1"), env={})
    assert (config.kiosk_scanner, config.receipt_printer) == ("feeder", "Counter_HP-1")
    assert load_config(write_config(tmp_path, receipt_printer="None"), env={}).receipt_printer == "none"
    with pytest.raises(ConfigError, match="kiosk_scanner.*flatbed, feeder"):
        load_config(write_config(tmp_path, kiosk_scanner="adf"), env={})
    with pytest.raises(ConfigError, match="receipt_printer.*printer's name"):
        load_config(write_config(tmp_path, receipt_printer="a; rm -rf"), env={})


def test_relay_in_window_defaults_to_true_and_reads_a_boolean(tmp_path):
    assert load_config(write_config(tmp_path), env={}).relay_in_window is True
    file = tmp_path / "config.toml"
    file.write_text('station_id = "TEST-01"\ncenter_unit = "06970"\nrelay_in_window = false\n', encoding="utf-8")
    assert load_config(file, env={}).relay_in_window is False
    assert load_config(file, env={"KIOSK_RELAY_IN_WINDOW": "true"}).relay_in_window is True


def test_relay_in_window_refuses_anything_but_true_or_false(tmp_path):
    with pytest.raises(ConfigError, match=r"relay_in_window .*expected true or false"):
        load_config(write_config(tmp_path, relay_in_window="sometimes"), env={})

"""The sign-in keys of the configuration: attempts before a lockout, its length, the idle sign-out."""

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from tests.conftest import write_config


def test_defaults_are_five_attempts_fifteen_minutes_and_ten_idle_minutes(tmp_path):
    config = load_config(write_config(tmp_path), env={})
    assert (config.sign_in_attempts, config.lockout_minutes, config.sign_out_idle_minutes) == (5, 15, 10)


def test_file_and_environment_set_them(tmp_path):
    file = write_config(tmp_path, sign_in_attempts=3, lockout_minutes=30, sign_out_idle_minutes=5)
    config = load_config(file, env={"KIOSK_SIGN_OUT_IDLE_MINUTES": "20"})
    assert (config.sign_in_attempts, config.lockout_minutes, config.sign_out_idle_minutes) == (3, 30, 20)


@pytest.mark.parametrize("key, value, expected", [
    ("sign_in_attempts", 2, "a whole number of attempts between 3 and 20"),
    ("sign_in_attempts", "five", "a whole number of attempts between 3 and 20"),
    ("lockout_minutes", 0, "a whole number of minutes between 1 and 1440"),
    ("lockout_minutes", 1441, "a whole number of minutes between 1 and 1440"),
    ("sign_out_idle_minutes", "2.5", "a whole number of minutes between 1 and 240"),
    ("sign_out_idle_minutes", 241, "a whole number of minutes between 1 and 240"),
])
def test_bad_values_name_the_key_and_what_it_expects(tmp_path, key, value, expected):
    with pytest.raises(ConfigError) as error:
        load_config(write_config(tmp_path, **{key: value}), env={})
    assert error.value.key == key and expected in str(error.value)

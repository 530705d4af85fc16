"""Two SoftHSM2 configurations holding a token under the same label (every simulated station labels its
token after its station id): a spec finds its own configuration's token, whatever the environment
variable says (something set it without the module reading it again: the random-order run found a
counter test logging in to another test station's token, with its own PIN)."""

import os

from drivers.signing.certificates import subject_name
from drivers.signing.softhsm import CONF_ENV, generate_key, init_token, store_certificate, write_conf
from drivers.signing.token import TokenSession, TokenSpec
from sync.reference_pki import make_signing_pki

LABEL = "TEST-01 signing"


def station_token(folder, pin: str, name: str) -> TokenSpec:
    conf = write_conf(folder / "softhsm")
    spec = TokenSpec(token_label=LABEL, key_label="signing", softhsm2_conf=conf)
    init_token(conf, LABEL, pin, "86420864")
    store_certificate(spec, pin, make_signing_pki(folder / "pki").issue(generate_key(spec, pin), name))
    return spec


def test_each_configuration_s_token_is_found_under_the_same_label(tmp_path, monkeypatch):
    mine = station_token(tmp_path / "mine", "111111", "My station")
    other = station_token(tmp_path / "other", "222222", "Another station")
    with TokenSession(mine, "111111") as key:
        assert "My station" in subject_name(key.certificate)
    with TokenSession(other, "222222") as key:  # the module now reads the other configuration
        assert "Another station" in subject_name(key.certificate)
    monkeypatch.setenv(CONF_ENV, str(mine.softhsm2_conf))  # named, but not read by the module yet
    with TokenSession(mine, "111111") as key:
        assert "My station" in subject_name(key.certificate)
    assert os.environ[CONF_ENV] == str(mine.softhsm2_conf)

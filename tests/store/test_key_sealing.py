"""The station key sealed: by a real software TPM (swtpm), by systemd's encrypted credentials (a host
key in the test's own folder), under a passphrase; and a copied disk that opens nothing."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import main as kiosk_main
from kiosk.config import load_config
from kiosk.doctor import FAILED, OK, WARNING, check_station_key
from kiosk.store import (
    CredentialKeyStore,
    FileKeyStore,
    KeyFileError,
    PassphraseKeyStore,
    Store,
    TpmKeyStore,
    key_store_for,
    open_station_store,
)
from kiosk.store import keystores
from kiosk.store.key_sealing import seal_plain_key
from tests.conftest import write_config
from tests.helpers.swtpm import SoftwareTpm

from .conftest import NAME, PATTERN, T0, make_dossier

needs_swtpm = pytest.mark.skipif(not SoftwareTpm.available(), reason="swtpm or tpm2-tools is not installed")
needs_creds = pytest.mark.skipif(shutil.which("systemd-creds") is None or os.geteuid() != 0,
                                 reason="systemd-creds (as root: its host key is root's) is not available")


@pytest.fixture
def tpm(tmp_path):
    with SoftwareTpm(tmp_path / "tpm-state") as software_tpm:
        yield software_tpm


@pytest.fixture
def argv_seen(monkeypatch):
    """Every command line the key stores run, to show the key is never on one."""
    seen: list[list[str]] = []
    real_run = subprocess.run

    def recording_run(args, *rest, **options):
        seen.append(list(args))
        return real_run(args, *rest, **options)

    monkeypatch.setattr(keystores.subprocess, "run", recording_run)
    return seen


def submit_one(store: Store) -> str:
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    return dossier.id


def assert_nothing_of_the_key_on_argv(seen: list[list[str]], key: bytes) -> None:
    assert seen, "the key store ran no tool"
    spellings = (key.hex(), key.hex().upper(), __import__("base64").b64encode(key).decode())
    for args in seen:
        line = " ".join(args)
        assert not any(spelling in line for spelling in spellings)
        assert key.decode("latin-1") not in line


def copy_disk(tmp_path: Path, datadir: Path, keydir: Path) -> tuple[Path, Path]:
    """What a thief gets with the disk: the data folder and the key folder, byte for byte."""
    copied = tmp_path / "copied-disk"
    shutil.copytree(datadir, copied / "data")
    shutil.copytree(keydir, copied / "keys")
    return copied / "data", copied / "keys"


def assert_no_plaintext(folder: Path, key: bytes) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert key not in content and PATTERN not in content and NAME.encode() not in content, path


# --- TPM --------------------------------------------------------------------------------------------


@needs_swtpm
def test_a_tpm_sealed_key_reopens_the_store_and_its_dossier(tpm, datadir, keydir, argv_seen):
    with Store(datadir, TpmKeyStore(keydir, tpm.tcti), "SIM-01") as store:
        dossier_id = submit_one(store)
    assert not (keydir / FileKeyStore.FILENAME).exists()
    sealed = keydir / TpmKeyStore.FOLDER
    assert sorted(p.name for p in sealed.iterdir()) == ["private", "public"]
    assert stat.S_IMODE(sealed.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in sealed.iterdir()} == {0o600}

    again = TpmKeyStore(keydir, tpm.tcti)  # a new process's key store: unsealed by the TPM
    key = again.station_key()
    with Store(datadir, again, "SIM-01") as store:
        loaded = store.load(dossier_id, with_content=True)
        assert loaded.citizen.full_name == NAME
        assert PATTERN in store.read_document(next(c.document.id for c in loaded.components if c.document))
    assert_no_plaintext(keydir, key)
    assert_nothing_of_the_key_on_argv(argv_seen, key)


@needs_swtpm
def test_the_copied_disk_opens_nothing_with_another_tpm(tpm, datadir, keydir, tmp_path):
    with Store(datadir, TpmKeyStore(keydir, tpm.tcti), "SIM-01") as store:
        submit_one(store)
    copied_data, copied_keys = copy_disk(tmp_path, datadir, keydir)
    with SoftwareTpm(tmp_path / "thiefs-tpm-state") as other_tpm:  # a fresh TPM: another seed
        with pytest.raises(KeyFileError, match="does not open on this TPM"):
            TpmKeyStore(copied_keys, other_tpm.tcti).station_key()
        with pytest.raises(KeyFileError, match="does not open on this TPM"):
            Store(copied_data, TpmKeyStore(copied_keys, other_tpm.tcti), "SIM-01")
    assert_no_plaintext(copied_data.parent, TpmKeyStore(keydir, tpm.tcti).station_key())


@needs_swtpm
def test_without_its_tpm_the_sealed_key_gives_a_clear_error(tmp_path, keydir):
    with SoftwareTpm(tmp_path / "state") as software_tpm:
        TpmKeyStore(keydir, software_tpm.tcti).station_key()
        tcti = software_tpm.tcti
    with pytest.raises(KeyFileError, match="the TPM"):
        TpmKeyStore(keydir, tcti).station_key()  # the TPM is gone: an error naming it, no key


@needs_swtpm
def test_a_sealed_kind_never_makes_a_new_key_beside_an_unsealed_plain_one(tpm, datadir, keydir):
    with Store(datadir, FileKeyStore(keydir), "SIM-01") as store:
        submit_one(store)
    with pytest.raises(KeyFileError, match="seal-key --to tpm"):
        TpmKeyStore(keydir, tpm.tcti).station_key()
    assert not (keydir / TpmKeyStore.FOLDER).exists()


# --- systemd credentials ----------------------------------------------------------------------------


@pytest.fixture
def host_key(tmp_path, monkeypatch):
    """systemd-creds' host key in the test's own folder ($SYSTEMD_CREDENTIAL_SECRET), never the
    machine's /var/lib/systemd/credential.secret."""
    secret = tmp_path / "host" / "credential.secret"
    secret.parent.mkdir(mode=0o700)
    monkeypatch.setenv("SYSTEMD_CREDENTIAL_SECRET", str(secret))
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    return secret


@needs_creds
def test_a_credential_sealed_key_reopens_the_store(host_key, datadir, keydir, argv_seen):
    with Store(datadir, CredentialKeyStore(keydir, with_key="host"), "SIM-01") as store:
        dossier_id = submit_one(store)
    credential = keydir / CredentialKeyStore.FILENAME
    assert stat.S_IMODE(credential.stat().st_mode) == 0o600 and not (keydir / FileKeyStore.FILENAME).exists()
    again = CredentialKeyStore(keydir, with_key="host")
    key = again.station_key()
    with Store(datadir, again, "SIM-01") as store:
        assert store.load(dossier_id).citizen.full_name == NAME
    assert_no_plaintext(keydir, key)
    assert_nothing_of_the_key_on_argv(argv_seen, key)


@needs_creds
def test_the_copied_disk_opens_nothing_without_the_host_key(host_key, datadir, keydir, tmp_path, monkeypatch):
    with Store(datadir, CredentialKeyStore(keydir, with_key="host"), "SIM-01") as store:
        submit_one(store)
    copied_data, copied_keys = copy_disk(tmp_path, datadir, keydir)
    other = tmp_path / "other-host" / "credential.secret"
    other.parent.mkdir(mode=0o700)
    monkeypatch.setenv("SYSTEMD_CREDENTIAL_SECRET", str(other))  # another machine: another host key
    subprocess.run(["systemd-creds", "setup"], check=True, capture_output=True)
    with pytest.raises(KeyFileError, match="does not open on this machine"):
        Store(copied_data, CredentialKeyStore(copied_keys, with_key="host"), "SIM-01")


@needs_creds
def test_a_service_reads_the_key_systemd_decrypted_for_it(host_key, datadir, keydir, tmp_path, monkeypatch):
    key = CredentialKeyStore(keydir, with_key="host").station_key()
    # what systemd does for LoadCredentialEncrypted=station-key:…: the plain key in a private folder
    passed = tmp_path / "credentials"
    passed.mkdir(mode=0o700)
    (passed / "station-key").write_bytes(key)
    (passed / "station-key").chmod(0o400)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(passed))
    monkeypatch.delenv("SYSTEMD_CREDENTIAL_SECRET")
    monkeypatch.setattr(keystores.shutil, "which", lambda tool: None)  # no systemd-creds needed now
    assert CredentialKeyStore(keydir).station_key() == key


# --- passphrase -------------------------------------------------------------------------------------


def typed(*answers: str):
    queue = list(answers)
    return lambda prompt: queue.pop(0)


PASSPHRASE = "Trạm số 7, Ba Chẽ: mở khoá"


def test_a_passphrase_wraps_the_key_and_a_wrong_one_is_refused(datadir, keydir, tmp_path):
    with Store(datadir, PassphraseKeyStore(keydir, typed(PASSPHRASE, PASSPHRASE)), "SIM-01") as store:
        dossier_id = submit_one(store)
    wrapped = keydir / PassphraseKeyStore.FILENAME
    assert stat.S_IMODE(wrapped.stat().st_mode) == 0o600 and not (keydir / FileKeyStore.FILENAME).exists()
    with Store(datadir, PassphraseKeyStore(keydir, typed(PASSPHRASE)), "SIM-01") as store:
        assert store.load(dossier_id).citizen.full_name == NAME
    copied_data, copied_keys = copy_disk(tmp_path, datadir, keydir)
    for wrong in ("Trạm số 7, Ba Chẽ: mở khóa", PASSPHRASE + " ", ""):  # another spelling of the mark, a space
        with pytest.raises(KeyFileError, match="wrong passphrase"):
            Store(copied_data, PassphraseKeyStore(copied_keys, typed(wrong)), "SIM-01")
    assert_no_plaintext(copied_keys, PassphraseKeyStore(keydir, typed(PASSPHRASE)).station_key())


def test_a_short_or_mistyped_new_passphrase_seals_nothing(keydir):
    with pytest.raises(KeyFileError, match="at least 12"):
        PassphraseKeyStore(keydir, typed("short", "short")).station_key()
    with pytest.raises(KeyFileError, match="differ"):
        PassphraseKeyStore(keydir, typed(PASSPHRASE, PASSPHRASE + "x")).station_key()
    assert not (keydir / PassphraseKeyStore.FILENAME).exists()


def test_a_damaged_wrapped_key_is_named(keydir):
    PassphraseKeyStore(keydir, typed(PASSPHRASE, PASSPHRASE)).station_key()
    (keydir / PassphraseKeyStore.FILENAME).write_text("{not json")
    with pytest.raises(KeyFileError, match="damaged"):
        PassphraseKeyStore(keydir, typed(PASSPHRASE)).station_key()


# --- moving a plain key, the configuration, the doctor ----------------------------------------------


def station_config(tmp_path, **values):
    return load_config(write_config(tmp_path, key_dir=str(tmp_path / "keys"), **values), env={})


def test_seal_key_moves_the_plain_key_under_a_passphrase(tmp_path):
    plain_config = station_config(tmp_path)
    with open_station_store(plain_config) as store:
        dossier_id = submit_one(store)
    plain_file = plain_config.key_dir / FileKeyStore.FILENAME
    plain_key = plain_file.read_bytes()
    sealed = seal_plain_key(plain_config, "passphrase", typed(PASSPHRASE, PASSPHRASE, PASSPHRASE))
    assert sealed.station_key() == plain_key
    assert not plain_file.exists()
    config = station_config(tmp_path, station_key="passphrase")
    with Store(config.store_dir, PassphraseKeyStore(config.key_dir, typed(PASSPHRASE)), config.station_id) as store:
        assert store.load(dossier_id).citizen.full_name == NAME


def test_seal_key_keeps_the_plain_key_when_the_read_back_fails(tmp_path):
    config = station_config(tmp_path)
    with open_station_store(config) as store:
        submit_one(store)
    with pytest.raises(KeyFileError, match="wrong passphrase"):
        seal_plain_key(config, "passphrase", typed(PASSPHRASE, PASSPHRASE, "not what was typed"))
    assert (config.key_dir / FileKeyStore.FILENAME).exists()
    assert not (config.key_dir / PassphraseKeyStore.FILENAME).exists()
    with open_station_store(config) as store:
        assert store.check() == []


@needs_swtpm
def test_kiosk_store_seal_key_to_tpm_then_the_station_opens_sealed(tpm, tmp_path, capsys):
    file = write_config(tmp_path, key_dir=str(tmp_path / "keys"), tpm_tcti=tpm.tcti)
    config = load_config(file, env={})
    with open_station_store(config) as store:
        dossier_id = submit_one(store)
    assert check_station_key(config).result == WARNING
    assert "a copied disk opens every dossier" in check_station_key(config).detail

    assert kiosk_main(["--config", str(file), "store", "seal-key", "--to", "tpm"]) == 0
    assert "sealed (tpm)" in capsys.readouterr().out
    assert not (config.key_dir / FileKeyStore.FILENAME).exists()

    sealed_config = load_config(write_config(tmp_path, key_dir=str(tmp_path / "keys"), tpm_tcti=tpm.tcti,
                                             station_key="tpm"), env={})
    with open_station_store(sealed_config) as store:
        assert store.load(dossier_id).citizen.full_name == NAME
    checked = check_station_key(sealed_config)
    assert checked.result == OK and "unseals here" in checked.detail
    assert kiosk_main(["--config", str(file), "store", "seal-key", "--to", "tpm"]) != 0  # nothing plain left


@needs_swtpm
def test_the_doctor_fails_a_sealed_key_its_tpm_cannot_open(tpm, tmp_path):
    TpmKeyStore(tmp_path / "keys", tpm.tcti).station_key()
    with SoftwareTpm(tmp_path / "another-state") as other_tpm:
        checked = check_station_key(station_config(tmp_path, station_key="tpm", tpm_tcti=other_tpm.tcti))
    assert checked.result == FAILED and "does not open on this TPM" in checked.detail


def test_the_doctor_fails_a_sealed_kind_over_a_plain_key(tmp_path):
    config = station_config(tmp_path)
    FileKeyStore(config.key_dir).station_key()
    checked = check_station_key(station_config(tmp_path, station_key="credential"))
    assert checked.result == FAILED and "seal-key --to credential" in checked.fix


def test_the_configuration_names_a_wrong_kind_of_station_key(tmp_path):
    from kiosk.errors import ConfigError

    with pytest.raises(ConfigError, match="station_key.*one of tpm, credential, passphrase, file"):
        station_config(tmp_path, station_key="usb-stick")
    assert station_config(tmp_path).station_key == "file"  # the default, until every station is sealed


def test_the_station_asks_its_passphrase_once_per_process(tmp_path):
    config = station_config(tmp_path, station_key="passphrase")
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return PASSPHRASE

    assert key_store_for(config, ask) is key_store_for(config)  # one key store per configuration
    for _ in range(3):  # the sign-in, the counter's list, the relay: each opens the store
        with open_station_store(config) as store:
            assert store.check() == []
    assert len(asked) == 2  # the new passphrase and its confirmation, nothing more


@needs_creds
def test_the_doctor_checks_the_credential_unseals_and_names_a_host_key_without_tpm(host_key, tmp_path):
    config = station_config(tmp_path, station_key="credential")
    CredentialKeyStore(config.key_dir).station_key()  # with_key "auto", as the station makes it
    checked = check_station_key(config)
    has_tpm = subprocess.run(["systemd-creds", "has-tpm2", "--quiet"]).returncode == 0
    if has_tpm:
        assert checked.result == OK and "unseals here" in checked.detail
    else:
        assert checked.result == WARNING and "host key only" in checked.detail
    (config.key_dir / CredentialKeyStore.FILENAME).write_bytes(b"not a credential")
    (config.key_dir / CredentialKeyStore.FILENAME).chmod(0o600)
    assert check_station_key(config).result == FAILED

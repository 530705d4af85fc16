"""The province's signed content end to end: `publish` builds a TUF repository, the reference server serves it
over mutual TLS on loopback, and the station's updater fetches, verifies, checks and swaps it in. Each attack
(a tampered target, a replayed old version, an expired timestamp, a wrong key) and an unreachable repository
is refused with the station still on its last good content and the state naming the kind."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from drivers.card.virtual.files import write_test_trust_store
from kiosk.config import load_config
from kiosk.content import ContentError, active_content, content_status, content_version
from kiosk.content.layout import PROCEDURES
from kiosk.doctor import WARNING, check_content
from kiosk.health.collector import StationCollector, scrape_text
from kiosk.intake.station import StationServices
from kiosk.resources import CATALOGS
from sync.content_repository import PublishError, publish
from sync.content_updater import ContentUpdater
from sync.reference_server import ReferenceServer
from sync.relay import Relay
from tests.conftest import write_config
from tests.health.scrape import samples, value
from tests.health.test_collector import quiet
from tests.sync.conftest import STATION
from tests.sync.factories import signing_ca

NEW_CODE = "1.999999"


def write_source(folder: Path, keys: Path) -> Path:
    """A content folder as a province writes it: its procedures, holidays, a setting and a test CSCA."""
    (folder / "catalogs").mkdir(parents=True)
    shutil.copyfile(CATALOGS / "procedures_commune.json", folder / PROCEDURES)
    shutil.copyfile(CATALOGS / "holidays_vn.toml", folder / "catalogs" / "holidays.toml")
    (folder / "settings.toml").write_text("wait_alert_minutes = 25\n", encoding="utf-8")
    write_test_trust_store(keys, folder / "trust")
    return folder


def add_procedure(source: Path, code: str = NEW_CODE) -> None:
    data = json.loads((source / PROCEDURES).read_text(encoding="utf-8"))
    extra = json.loads(json.dumps(data["procedures"][0]))
    extra["code"], extra["name"] = code, "Thủ tục thử nghiệm của tỉnh"
    data["procedures"].append(extra)
    (source / PROCEDURES).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def province(pki, tmp_path):
    """The province: a content folder, its keys, its repository (version 1) served by a reference server."""
    source = write_source(tmp_path / "source", tmp_path / "card-keys")
    repo, keys = tmp_path / "repo", tmp_path / "keys"
    published = publish(source, repo, keys)
    server = ReferenceServer(tmp_path / "province", pki.server_cert, pki.server_key, pki.ca, signing=signing_ca(),
                             content=repo).start()
    yield type("Province", (), {"source": source, "repo": repo, "keys": keys, "server": server,
                                "root": published.root})
    server.stop()


@pytest.fixture
def station(province, pki, tmp_path):
    """A station installed with the repository's root, on its first version."""
    installed = tmp_path / "installed-root.json"
    shutil.copyfile(province.root, installed)
    folder = tmp_path / "station"
    folder.mkdir()
    config = load_config(write_config(folder, station_id=STATION, endpoint=province.server.url, ca_bundle=str(pki.ca),
                                      client_certificate=str(pki.station_cert(STATION)),
                                      client_key=str(pki.station_key(STATION)), content_root=str(installed)), env={})
    state = ContentUpdater(config).check()
    assert state.error_kind is None and state.version == 1, state.error
    return config


def assert_still_on(config, version: int, kind: str) -> None:
    status = content_status(config)
    assert status["version"] == version and content_version(config) == version
    assert status["error_kind"] == kind, status
    assert NEW_CODE not in active_content(config).procedures().procedures


def test_an_update_is_applied_and_a_new_intake_sees_it(province, station):
    content = active_content(station)
    assert content.version == 1 and len(content.procedures()) == 40
    assert content.trust_store == content.folder / "trust" and content.settings() == {"wait_alert_minutes": 25}
    services = StationServices(station, store=None, procedures=content.procedures(), units=content.units(),
                               consent=None, content_version=1)

    add_procedure(province.source)
    assert publish(province.source, province.repo, province.keys).version == 2
    state = ContentUpdater(station).check()

    assert state.error_kind is None and state.version == 2
    assert NEW_CODE in active_content(station).procedures().procedures
    assert (station.data_dir / "content" / "versions" / "1").is_dir()  # the previous version is kept
    assert services.refresh_content() and NEW_CODE in services.procedures.procedures and services.trust is not None
    assert not services.refresh_content()  # nothing newer: one readlink, nothing reloaded
    assert check_content(station).result == "ok"


def test_a_tampered_target_is_refused(province, station):
    add_procedure(province.source)
    publish(province.source, province.repo, province.keys)
    stored, = [path for path in (province.repo / "targets" / "catalogs").glob("*.procedures_commune.json")
               if NEW_CODE in path.read_text(encoding="utf-8")]  # version 2's copy, named by its hash
    stored.write_text(stored.read_text(encoding="utf-8").replace("Thủ tục thử nghiệm", "Thủ tục giả mạo"),
                      encoding="utf-8")

    assert ContentUpdater(station).check().error_kind == "tampered"
    assert_still_on(station, 1, "tampered")
    assert not (station.data_dir / "content" / "versions" / "2").exists()
    scraped = samples(scrape_text(StationCollector(station, quiet(station))))
    assert value(scraped, "content_version") == 1 and value(scraped, "content_configured") == 1
    assert value(scraped, "content_update_failed", kind="tampered") == 1
    assert value(scraped, "content_update_failed", kind="rollback") == 0


def test_a_replayed_old_version_is_refused(province, station):
    old_timestamp = (province.repo / "metadata" / "timestamp.json").read_bytes()
    assert publish(province.source, province.repo, province.keys).version == 1  # same files: a new timestamp only
    assert ContentUpdater(station).check().error_kind is None  # the station now trusts the newer timestamp
    (province.repo / "metadata" / "timestamp.json").write_bytes(old_timestamp)  # a mirror replays the old one

    assert ContentUpdater(station).check().error_kind == "rollback"
    assert_still_on(station, 1, "rollback")


def test_an_expired_timestamp_is_refused(province, station):
    add_procedure(province.source)
    publish(province.source, province.repo, province.keys, now=datetime.now(timezone.utc) - timedelta(days=30))

    assert ContentUpdater(station).check().error_kind == "expired"
    assert_still_on(station, 1, "expired")
    check = check_content(station)
    assert check.result == WARNING and "expired" in check.detail and check.fix


def test_a_repository_signed_with_another_key_is_refused(province, station, tmp_path):
    add_procedure(province.source)
    shutil.rmtree(province.repo)
    publish(province.source, province.repo, tmp_path / "other-keys")  # same place, someone else's keys

    assert ContentUpdater(station).check().error_kind == "wrong-key"
    assert_still_on(station, 1, "wrong-key")


def test_an_unreachable_repository_keeps_the_last_good(province, station):
    province.server.stop()
    assert ContentUpdater(station).check().error_kind == "unreachable"
    assert_still_on(station, 1, "unreachable")
    assert "cannot be reached" in content_status(station)["error"]


def test_signed_content_the_station_refuses_is_not_swapped_in(province, station, monkeypatch):
    """A province that skipped the check (here: its check replaced by the layout alone) signs a broken
    catalog: the station's own loaders refuse it after the download."""
    import sync.content_repository as repository
    from kiosk.content import content_files

    monkeypatch.setattr(repository, "check_content", lambda folder: type("Summary", (), {
        "files": tuple(content_files(folder))})())
    (province.source / PROCEDURES).write_text('{"version": "x"}', encoding="utf-8")
    publish(province.source, province.repo, province.keys)

    state = ContentUpdater(station).check()
    assert state.error_kind == "invalid-content" and PROCEDURES in state.error
    assert_still_on(station, 1, "invalid-content")


def test_the_repository_holds_exactly_the_published_files(province):
    published = sorted(p.relative_to(province.source).as_posix() for p in province.source.rglob("*") if p.is_file())
    targets = json.loads((province.repo / "metadata" / "targets.json").read_text())["signed"]["targets"]
    assert sorted(targets) == published
    stored = sorted(p.relative_to(province.repo / "targets").as_posix()
                    for p in (province.repo / "targets").rglob("*") if p.is_file())
    assert stored == sorted(f"{name.rpartition('/')[0] + '/' if '/' in name else ''}"
                            f"{info['hashes']['sha256']}.{name.rpartition('/')[2]}" for name, info in targets.items())


def test_the_relay_checks_content_on_its_own(caplog):
    """A chore that fails is logged and the next one still runs: content never stops delivery."""
    ran = []

    def failing():
        raise RuntimeError("repository broken")

    relay = Relay(store=None, client=None, chores=[failing, lambda: ran.append(True)])
    with caplog.at_level(logging.ERROR):
        relay.run_chores()
    assert ran == [True] and "relay chore" in caplog.text


# --- publish's refusals ----------------------------------------------------------------------------


@pytest.fixture
def source(tmp_path):
    return write_source(tmp_path / "source", tmp_path / "card-keys")


def test_publish_refuses_a_broken_catalog_with_the_file_and_reason(source, tmp_path):
    data = json.loads((source / PROCEDURES).read_text(encoding="utf-8"))
    data["procedures"][1]["code"] = data["procedures"][0]["code"]
    (source / PROCEDURES).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        publish(source, tmp_path / "repo", tmp_path / "keys")
    assert refused.value.file == PROCEDURES and "not unique" in refused.value.problem
    assert not (tmp_path / "repo").exists()


@pytest.mark.parametrize("name, text, file, words", [
    ("notes.txt", "hello", "notes.txt", "not part of the layout"),
    ("settings.toml", 'endpoint = "https://elsewhere.example"\n', "settings.toml", "cannot be set by the province"),
    ("settings.toml", "idle_timeout = 2\n", "settings.toml", "idle_timeout"),
    ("catalogs/holidays.toml", "format = 1\n", "catalogs/holidays.toml", "years"),
    ("trust/broken.pem", "not a certificate", "trust/broken.pem", "cannot be used"),
])
def test_publish_refuses_what_a_station_would_refuse(source, tmp_path, name, text, file, words):
    (source / name).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        publish(source, tmp_path / "repo", tmp_path / "keys")
    assert refused.value.file == file and words in str(refused.value)


def test_publish_refuses_other_keys_for_an_existing_repository(source, tmp_path):
    publish(source, tmp_path / "repo", tmp_path / "keys")
    (tmp_path / "other").mkdir()
    with pytest.raises(PublishError, match="keys"):
        publish(source, tmp_path / "repo", tmp_path / "other")


def test_publish_command_makes_private_keys_and_names_the_root(source, tmp_path, capsys):
    from kiosk.cli import main

    code = main(["content", "publish", str(source), "--repo", str(tmp_path / "repo"), "--keys", str(tmp_path / "keys")])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("version 1 published: 40 procedures"), out + err
    assert f"install {tmp_path / 'repo' / 'metadata' / 'root.json'} on every station" in err
    assert (tmp_path / "keys").stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "keys").iterdir()} == {0o600}

    (source / "stray.json").write_text("{}", encoding="utf-8")
    code = main(["content", "publish", str(source), "--repo", str(tmp_path / "repo"), "--keys", str(tmp_path / "keys")])
    assert code == 3 and "content stray.json: is not part of the layout" in capsys.readouterr().err

"""The province's signed content end to end: `publish` builds a TUF repository, the reference server serves it
over mutual TLS on loopback, and the station's updater fetches, verifies, checks and swaps it in. Each attack
(a tampered target, a replayed old version, an expired timestamp, a wrong key) and an unreachable repository
is refused with the station still on its last good content and the state naming the kind."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from tuf.api.metadata import Metadata, Root

from drivers.card.virtual.files import write_test_trust_store
from kiosk.config import load_config
from kiosk.content import ContentError, active_content, content_status, content_version
from kiosk.content.layout import PROCEDURES
from kiosk.doctor import WARNING, check_content
from kiosk.health.collector import StationCollector, scrape_text
from kiosk.intake.station import StationServices
from kiosk.resources import CATALOGS
from sync.content_repository import ROLES, PublishError, publish, rotate
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


def install_station(province, pki, folder: Path, root: Path):
    """The configuration of a station in `folder` installed with `root` (its content_root), never checked yet."""
    folder.mkdir()
    installed = folder / "installed-root.json"
    shutil.copyfile(root, installed)
    return load_config(write_config(folder, station_id=STATION, endpoint=province.server.url, ca_bundle=str(pki.ca),
                                    client_certificate=str(pki.station_cert(STATION)),
                                    client_key=str(pki.station_key(STATION)), content_root=str(installed)), env={})


@pytest.fixture
def station(province, pki, tmp_path):
    """A station installed with the repository's root, on its first version."""
    config = install_station(province, pki, tmp_path / "station", province.root)
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


def test_an_intake_begun_after_an_update_loads_it_aside_for_the_intakes_after(province, station):
    content = active_content(station)
    services = StationServices(station, store=None, procedures=content.procedures(), units=content.units(),
                               consent=None, content_version=1)
    add_procedure(province.source)
    publish(province.source, province.repo, province.keys)
    assert ContentUpdater(station).check().version == 2

    first = services.intake_setup("officer-1")  # begun on a window's GUI thread: nothing is read there
    assert NEW_CODE not in first.procedures.procedures
    for _ in range(200):  # the reload runs on its own thread
        if services.content_version == 2:
            break
        threading.Event().wait(0.05)
    assert services.content_version == 2
    assert NEW_CODE in services.intake_setup("officer-1").procedures.procedures


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
    assert value(scraped, "trust_store_cscas") >= 1  # the content's trust store: the station has no other


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


# --- key rotation ------------------------------------------------------------------------------------


def root_keyids(repo: Path, version: int) -> dict[str, set[str]]:
    root = Metadata[Root].from_file(str(repo / "metadata" / f"{version}.root.json")).signed
    return {role: set(root.roles[role].keyids) for role in ROLES}


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_after_rotating_every_key_stations_installed_with_the_first_root_follow(province, station, pki, tmp_path):
    old_keys = folder_bytes(province.keys)
    rotated = rotate(province.repo, province.keys, tmp_path / "new-keys")

    assert rotated.root_version == 2 and rotated.roles == ROLES
    assert rotated.resigned == {"targets": 2, "snapshot": 2, "timestamp": 2}
    first, second = root_keyids(province.repo, 1), root_keyids(province.repo, 2)
    assert all(first[role].isdisjoint(second[role]) for role in ROLES)
    signatures = Metadata[Root].from_file(str(province.repo / "metadata" / "2.root.json")).signatures
    assert set(signatures) == first["root"] | second["root"]  # the trusted root key and the new one
    assert folder_bytes(province.keys) == old_keys
    new_keys = tmp_path / "new-keys"
    assert new_keys.stat().st_mode & 0o777 == 0o700
    assert sorted(folder_bytes(new_keys)) == sorted(f"{role}.pem" for role in ROLES)
    assert {path.stat().st_mode & 0o777 for path in new_keys.iterdir()} == {0o600}

    state = ContentUpdater(station).check()  # right after the rotation: consistent, the same files as version 2
    assert state.error_kind is None and state.version == 2, state.error

    add_procedure(province.source)
    assert publish(province.source, province.repo, new_keys).version == 3
    state = ContentUpdater(station).check()
    assert state.error_kind is None and state.version == 3, state.error
    assert NEW_CODE in active_content(station).procedures().procedures

    fresh = install_station(province, pki, tmp_path / "fresh-station", tmp_path / "station" / "installed-root.json")
    state = ContentUpdater(fresh).check()  # installed with root version 1, first check after the rotation
    assert state.error_kind is None and state.version == 3, state.error


@pytest.mark.parametrize("role, resigned", [
    ("root", {}),
    ("targets", {"targets": 2, "snapshot": 2, "timestamp": 2}),
    ("snapshot", {"snapshot": 2, "timestamp": 2}),
    ("timestamp", {"timestamp": 2}),
])
def test_rotating_one_key_keeps_the_others(province, station, tmp_path, role, resigned):
    rotated = rotate(province.repo, province.keys, tmp_path / "new-keys", [role])

    assert rotated.roles == (role,) and rotated.resigned == resigned
    first, second = root_keyids(province.repo, 1), root_keyids(province.repo, 2)
    assert [r for r in ROLES if first[r] != second[r]] == [role]
    old, new = folder_bytes(province.keys), folder_bytes(tmp_path / "new-keys")
    assert [name for name in sorted(old) if old[name] != new[name]] == [f"{role}.pem"]
    signatures = Metadata[Root].from_file(str(province.repo / "metadata" / "2.root.json")).signatures
    assert set(signatures) == first["root"] | second["root"]  # one signature unless root itself was rotated
    assert ContentUpdater(station).check().error_kind is None

    add_procedure(province.source)
    publish(province.source, province.repo, tmp_path / "new-keys")
    state = ContentUpdater(station).check()
    assert state.error_kind is None and NEW_CODE in active_content(station).procedures().procedures, state.error


@pytest.mark.parametrize("missing", ["the trusted root key", "the new root key"])
def test_a_new_root_lacking_a_signature_is_refused(province, station, tmp_path, missing):
    """Someone with other keys puts their own root in the chain, signed by their key alone; or a rotation
    whose new root the new key never signed. TUF asks for both: either is refused as a wrong key."""
    trusted = root_keyids(province.repo, 1)["root"]
    rotate(province.repo, province.keys, tmp_path / "their-keys")
    for name in ("2.root.json", "root.json"):
        path = province.repo / "metadata" / name
        root = Metadata[Root].from_file(str(path))
        for keyid in list(root.signatures):
            if (keyid in trusted) == (missing == "the trusted root key"):
                del root.signatures[keyid]
        path.write_bytes(root.to_bytes())
    add_procedure(province.source)
    publish(province.source, province.repo, tmp_path / "their-keys")

    assert ContentUpdater(station).check().error_kind == "wrong-key"
    assert_still_on(station, 1, "wrong-key")
    assert not (station.data_dir / "content" / "versions" / "2").exists()


def test_a_rotation_cut_short_after_the_root_is_completed_by_the_next_publish(province, station, tmp_path):
    """The new root is out, the roles below it still carry the old signatures (the machine stopped):
    stations refuse them until a publish with the new keys signs targets, snapshot and timestamp again."""
    before = folder_bytes(province.repo / "metadata")
    rotate(province.repo, province.keys, tmp_path / "new-keys")
    for name, data in before.items():
        if not name.endswith("root.json"):
            (province.repo / "metadata" / name).write_bytes(data)
    assert ContentUpdater(station).check().error_kind == "wrong-key"

    published = publish(province.source, province.repo, tmp_path / "new-keys")
    assert not published.changed
    state = ContentUpdater(station).check()
    assert state.error_kind is None and state.version == published.version == 2, state.error


@pytest.mark.parametrize("case, words", [
    ("unknown role", "unknown role 'mirror': the roles are root, targets, snapshot, timestamp"),
    ("new keys not empty", "is not empty: name a new or empty folder"),
    ("keys of another repository", "is not the one this repository's root.json names"),
    ("no repository", "holds no content repository"),
])
def test_rotate_refuses_and_changes_nothing(source, tmp_path, case, words):
    repo, keys, new_keys = tmp_path / "repo", tmp_path / "keys", tmp_path / "new-keys"
    publish(source, repo, keys)
    roles = ["timestamp", "mirror"] if case == "unknown role" else None
    if case == "new keys not empty":
        new_keys.mkdir()
        (new_keys / "notes.txt").write_text("kept", encoding="utf-8")
    if case == "keys of another repository":
        publish(source, tmp_path / "other-repo", keys := tmp_path / "other-keys")
    if case == "no repository":
        repo = tmp_path / "empty"
    before = folder_bytes(tmp_path / "repo" / "metadata")

    with pytest.raises(PublishError) as refused:
        rotate(repo, keys, new_keys, roles)
    assert words in str(refused.value)
    assert folder_bytes(tmp_path / "repo" / "metadata") == before
    assert case == "new keys not empty" or not new_keys.exists()


def test_rotate_command_and_publish_with_the_replaced_keys(source, tmp_path, capsys):
    from kiosk.cli import main

    repo, first, second, third = (tmp_path / name for name in ("repo", "keys", "keys-2", "keys-3"))
    assert main(["content", "publish", str(source), "--repo", str(repo), "--keys", str(first)]) == 0
    capsys.readouterr()
    code = main(["content", "rotate", "--repo", str(repo), "--keys", str(first), "--new-keys", str(second)])
    out, err = capsys.readouterr()
    assert code == 0 and out == ("root version 2 names new keys for root, targets, snapshot, timestamp, signed by the "
                                 "old and the new root key; re-signed with the new keys: targets 2, snapshot 2, "
                                 "timestamp 2\n"), out + err
    assert f"publish with --keys {second} from now on ({first} is refused)" in err
    code = main(["content", "rotate", "--repo", str(repo), "--keys", str(second), "--new-keys", str(third),
                 "--roles", "timestamp", "--json"])
    out, err = capsys.readouterr()
    assert code == 0 and json.loads(out) == {"root_version": 3, "rotated": ["timestamp"], "resigned": {"timestamp": 3},
                                             "keys": str(third), "root": str(repo / "metadata" / "root.json")}

    code = main(["content", "publish", str(source), "--repo", str(repo), "--keys", str(first)])
    err = capsys.readouterr().err
    assert code == 3 and f"the root key in {first} was replaced by a key rotation (root version 2)" in err, err
    code = main(["content", "publish", str(source), "--repo", str(repo), "--keys", str(second)])
    err = capsys.readouterr().err
    assert code == 3 and f"the timestamp key in {second} was replaced by a key rotation (root version 3)" in err, err
    assert main(["content", "publish", str(source), "--repo", str(repo), "--keys", str(third)]) == 0
    capsys.readouterr()

    code = main(["content", "rotate", "--repo", str(repo), "--keys", str(third), "--new-keys", str(tmp_path / "k4"),
                 "--roles", "root,mirror"])
    assert code == 3 and "unknown role 'mirror'" in capsys.readouterr().err

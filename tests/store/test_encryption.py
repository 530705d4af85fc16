import os
import sqlite3
import stat
import unicodedata

import pytest

from kiosk.cli.dossier import show_dossier
from kiosk.store import FileKeyStore, KeyFileError, Store, TamperedData, WrongStationKey
from kiosk.text import fold

from .conftest import ID_NUMBER, NAME, PATTERN, T0, make_dossier


def test_station_key_file_is_created_once_with_0600(keydir):
    key = FileKeyStore(keydir).station_key()
    assert len(key) == 32
    assert stat.S_IMODE((keydir / "station.key").stat().st_mode) == 0o600
    assert stat.S_IMODE(keydir.stat().st_mode) == 0o700
    assert FileKeyStore(keydir).station_key() == key


def test_a_key_file_readable_by_others_is_refused(keydir):
    FileKeyStore(keydir).station_key()
    os.chmod(keydir / "station.key", 0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        FileKeyStore(keydir).station_key()


def test_wrong_station_key_gives_a_clear_error(datadir, keydir, tmp_path):
    with Store(datadir, FileKeyStore(keydir), "SIM-01") as store:
        store.submit(make_dossier(), now=T0)
    with pytest.raises(WrongStationKey, match="the station key does not open this store"):
        Store(datadir, FileKeyStore(tmp_path / "other-config"), "SIM-01")
    with Store(datadir, FileKeyStore(keydir), "SIM-01") as store:  # the right key still works
        assert store.check() == []


def _flip_last_byte(db, sql_select, sql_update, *args):
    conn = sqlite3.connect(db)
    value = bytearray(conn.execute(sql_select, args).fetchone()[0])
    value[-1] ^= 1
    conn.execute(sql_update, (bytes(value), *args))
    conn.commit()
    conn.close()


def test_tampered_field_is_detected_and_nothing_else_is_damaged(store):
    victim, other = make_dossier(), make_dossier()
    store.submit(victim, now=T0)
    store.submit(other, now=T0)
    _flip_last_byte(store.path, "SELECT citizen FROM dossiers WHERE id = ?",
                    "UPDATE dossiers SET citizen = ? WHERE id = ?", victim.id)
    with pytest.raises(TamperedData, match=f"dossier {victim.id}: (field citizen|its stored row)"):
        store.load(victim.id)
    problems = store.check()  # the sealed field, and the row's MAC
    assert problems and all(victim.id in problem for problem in problems)
    assert store.load(other.id, with_content=True).citizen.full_name == NAME
    listed = {row["id"]: row for row in store.list_dossiers(include_citizen=True)}
    assert listed[victim.id]["citizen"] is None and listed[other.id]["citizen"]["id_number"] == ID_NUMBER


def test_swapped_fields_between_rows_do_not_open(store):
    a, b = make_dossier(), make_dossier()
    store.save(a, now=T0)
    store.save(b, now=T0)
    conn = sqlite3.connect(store.path)
    citizen_b = conn.execute("SELECT citizen FROM dossiers WHERE id = ?", (b.id,)).fetchone()[0]
    conn.execute("UPDATE dossiers SET citizen = ? WHERE id = ?", (citizen_b, a.id))
    wrapped_b = conn.execute("SELECT wrapped_key FROM dossiers WHERE id = ?", (b.id,)).fetchone()[0]
    conn.commit()
    with pytest.raises(TamperedData):
        store.load(a.id)
    conn.execute("UPDATE dossiers SET wrapped_key = ? WHERE id = ?", (wrapped_b, a.id))
    conn.commit()
    conn.close()
    # b's key moved to a's row: caught by the row's MAC now, before the data key fails to open
    with pytest.raises(TamperedData, match="stored row|data key"):
        store.load(a.id)


def test_tampered_file_is_detected(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    doc = dossier.documents[0]
    file = store.conn.execute("SELECT file FROM documents WHERE id = ?", (doc.id,)).fetchone()[0]
    path = store.blobs.path(file)
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(TamperedData, match=f"document {doc.id}"):
        store.read_document(doc.id)
    assert store.read_document(dossier.documents[1].id) == dossier.documents[1].content
    problems = store.check()
    assert len(problems) == 1 and doc.id in problems[0]
    path.unlink()
    assert "missing" in store.check()[0]


def test_files_are_named_by_the_ciphertext_hash_not_the_plaintext(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    names = set(store.blobs.names())
    assert len(names) == 2
    assert not names & {d.sha256 for d in dossier.documents}
    assert not any(d.sha256.encode() in (store.path.read_bytes()) for d in dossier.documents)


def _every_byte(datadir):
    for path in sorted(datadir.rglob("*")):
        if path.is_file():
            yield path, path.read_bytes()


def test_nothing_personal_on_disk(datadir, keydir):
    """The grep test: name (NFC, NFD, folded), ID number and page bytes appear nowhere."""
    forbidden = {
        "name NFC": unicodedata.normalize("NFC", NAME).encode(),
        "name NFD": unicodedata.normalize("NFD", NAME).encode(),
        "name folded": fold(NAME).encode(),
        "name UTF-16": NAME.encode("utf-16-le"),
        "ID number": ID_NUMBER.encode(),
        "page bytes": PATTERN,
        "address": "Thôn Đồng Tâm".encode(),
    }
    store = Store(datadir, FileKeyStore(keydir), "SIM-01")
    dossier = make_dossier()
    store.save(dossier, now=T0)
    store.submit(dossier, now=T0)
    store.record("read_card", "officer-7", dossier.id)
    show_dossier(store, dossier.id, "officer-7")
    assert store.find_by_name("nguyen thi hong nhung")
    assert (datadir / "store.sqlite3-wal").stat().st_size > 0  # the open stage reads a live WAL
    seen = 0
    for stage in ("open", "closed"):
        for path, data in _every_byte(datadir):
            seen += len(data)
            for what, needle in forbidden.items():
                assert needle not in data, f"{what} found in {path.name} ({stage})"
        store.close()
    assert (datadir / "store.sqlite3").stat().st_size > 0 and seen > 20_000

"""The province's error text, kept for the next attempt and the technician's view, is sealed under its
dossier's data key: the database file holds none of its words."""

from kiosk.store.outbox import EARLIER_ERROR, UNREADABLE_ERROR

from .conftest import ID_NUMBER, NAME, T0, make_citizen, make_dossier

ERROR = f"creating the dossier: 503 busy with {NAME} {ID_NUMBER}"


def _queued(store, id_number=ID_NUMBER):
    dossier = make_dossier(make_citizen(id_number=id_number))
    store.submit(dossier, now=T0)
    store.begin_upload(dossier.id, now=T0)
    return dossier


def _raw(store, dossier_id):
    return store.conn.execute("SELECT last_error FROM outbox WHERE dossier_id = ?", (dossier_id,)).fetchone()[0]


def test_the_error_is_stored_sealed_and_read_back_by_the_queues_views(store):
    dossier = _queued(store)
    store.upload_failed(dossier.id, ERROR, now=T0)
    raw = _raw(store, dossier.id)
    assert isinstance(raw, bytes) and b"503" not in raw and NAME.encode() not in raw
    files = [store.data_dir / name for name in ("store.sqlite3", "store.sqlite3-wal")]
    database = b"".join(path.read_bytes() for path in files if path.exists())
    assert b"busy with" not in database and NAME.encode() not in database


def test_the_queue_summary_and_the_entry_give_the_error_back(store):
    dossier = _queued(store)
    store.upload_failed(dossier.id, ERROR, now=T0)
    assert store.outbox_summary()["last_error"] == ERROR
    assert store.outbox_entry(dossier.id)["last_error"] == ERROR


def test_an_error_stored_in_clear_before_reads_as_an_earlier_error_until_the_next_failure(store):
    dossier = _queued(store)
    store.upload_failed(dossier.id, "first", now=T0)
    with store._tx() as conn:  # what a store written before errors were sealed holds
        conn.execute("UPDATE outbox SET last_error = ? WHERE dossier_id = ?", (ERROR, dossier.id))
        store._seal_row(conn, "outbox", dossier.id)  # its row MAC was made over the clear text at the upgrade
    assert store.outbox_entry(dossier.id)["last_error"] == EARLIER_ERROR
    assert store.outbox_summary()["last_error"] == EARLIER_ERROR
    store.begin_upload(dossier.id, now=T0)
    store.upload_failed(dossier.id, "the connection failed", now=T0)
    assert isinstance(_raw(store, dossier.id), bytes)
    assert store.outbox_entry(dossier.id)["last_error"] == "the connection failed"


def test_an_error_moved_to_another_dossiers_row_does_not_open(store):
    first, second = _queued(store), _queued(store, id_number="001190000002")
    store.upload_failed(first.id, ERROR, now=T0)
    store.upload_failed(second.id, "the connection failed", now=T0)
    with store._tx() as conn:
        conn.execute("UPDATE outbox SET last_error = ? WHERE dossier_id = ?", (_raw(store, first.id), second.id))
        store._seal_row(conn, "outbox", second.id)  # past the row MAC: the sealed value's own binding still holds
    assert store.outbox_entry(second.id)["last_error"] == UNREADABLE_ERROR
    assert store.outbox_entry(first.id)["last_error"] == ERROR


def test_accepted_clears_the_error(store):
    dossier = _queued(store)
    store.upload_failed(dossier.id, ERROR, now=T0)
    store.begin_upload(dossier.id, now=T0)
    store.upload_accepted(dossier.id, "000.00.13.H22-250701-0001", now=T0)
    assert store.outbox_entry(dossier.id)["last_error"] is None and _raw(store, dossier.id) is None

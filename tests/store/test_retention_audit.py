import sqlite3
from datetime import timedelta

from kiosk.cli.dossier import show_dossier
from kiosk.store import Retention

from .conftest import T0, make_dossier


def _accepted(store, now, _sequence=iter(range(1, 10000))):
    dossier = make_dossier(now=now)
    store.submit(dossier, now=now)
    store.begin_upload(dossier.id, now=now)
    store.upload_accepted(dossier.id, f"000.00.13.H22-250701-{next(_sequence):04d}", now=now)
    return dossier


def test_purge_abandoned_drafts_and_old_accepted(store):
    old_draft = make_dossier(now=T0)
    store.save(old_draft, now=T0)
    fresh_draft = make_dossier(now=T0 + timedelta(days=28))
    store.save(fresh_draft, now=T0 + timedelta(days=28))
    queued = make_dossier(now=T0)
    store.submit(queued, now=T0)
    old_accepted = _accepted(store, T0)
    new_accepted = _accepted(store, T0 + timedelta(days=20))
    files_before = set(store.blobs.names())
    now = T0 + timedelta(days=31)
    purged = store.purge(now=now, actor="SIM-01")
    assert set(purged) == {old_draft.id, old_accepted.id}
    left = {r["id"] for r in store.list_dossiers()}
    assert left == {fresh_draft.id, queued.id, new_accepted.id}
    assert len(files_before - set(store.blobs.names())) == 4 and store.orphan_files() == []
    for table in ("components", "documents", "search", "outbox"):
        assert store.conn.execute(f"SELECT count(*) FROM {table} WHERE dossier_id IN (?, ?)", purged).fetchone()[0] == 0
    purges = [r for r in store.audit_log() if r["action"] == "purge"]
    assert {r["dossier_id"] for r in purges} == set(purged) and all(r["actor"] == "SIM-01" for r in purges)
    assert store.check() == []
    assert store.purge(now=now) == []  # nothing more to do


def test_purge_days_are_parameters(store):
    draft = make_dossier(now=T0)
    store.save(draft, now=T0)
    assert store.purge(now=T0 + timedelta(days=3)) == []
    assert store.purge(now=T0 + timedelta(days=3), retention=Retention(draft_days=2)) == [draft.id]
    kept = make_dossier(now=T0)
    store.save(kept, now=T0)
    assert store.purge(now=T0 + timedelta(days=300), retention=Retention(draft_days=None)) == []


def test_shredded_file_is_overwritten_before_delete(store, monkeypatch):
    draft = make_dossier(now=T0)
    store.save(draft, now=T0)
    seen = []
    real_unlink = type(store.path).unlink

    def spy(self, *a, **k):
        if self.parent.parent == store.blobs.root:
            seen.append(set(self.read_bytes()))
        return real_unlink(self, *a, **k)

    monkeypatch.setattr(type(store.path), "unlink", spy)
    store.purge(now=T0 + timedelta(days=8))
    assert seen and all(content == {0} for content in seen)


def _chain(store, n=5):
    dossiers = [make_dossier() for _ in range(n)]
    for d in dossiers:
        store.record("read_card", "officer-7", d.id, now=T0)
        store.record("scan", "officer-7", d.id, now=T0)
    return dossiers


def test_audit_chain_is_intact_and_append_only(store):
    _chain(store)
    assert store.verify_audit() == []
    for sql in ("UPDATE audit SET actor = 'x'", "DELETE FROM audit WHERE seq = 1"):
        try:
            store.conn.execute(sql)
        except sqlite3.IntegrityError as error:
            assert "append-only" in str(error)
        else:
            raise AssertionError("the audit log accepted " + sql)


def _tamper(store, *sql):
    conn = sqlite3.connect(store.path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_edited_audit_row_is_detected(store):
    _chain(store)
    _tamper(store, "UPDATE audit SET action = 'view' WHERE seq = 4")
    problems = store.verify_audit()
    assert [p.seq for p in problems] == [4] and "edited" in problems[0].problem
    assert any("audit row 4" in p for p in store.check())


def test_deleted_audit_row_is_detected(store):
    _chain(store)
    _tamper(store, "DELETE FROM audit WHERE seq = 6")
    problems = store.verify_audit()
    assert {p.seq for p in problems} == {7} and "deleted" in str(problems[0])


def test_deleted_last_rows_are_detected(store):
    _chain(store)
    _tamper(store, "DELETE FROM audit WHERE seq >= 9")
    assert [p.seq for p in store.verify_audit()] == [10]


def test_recomputed_plain_hash_is_not_enough(store):
    """A thief who edits a row and recomputes SHA-256 hashes still fails: the chain is keyed."""
    import hashlib
    _chain(store, 1)
    forged = hashlib.sha256(b"anything").hexdigest()
    _tamper(store, f"UPDATE audit SET action = 'view', hash = '{forged}' WHERE seq = 2")
    assert [p.seq for p in store.verify_audit()] == [2, 2]  # wrong content and broken head


def test_audit_rows_hold_no_personal_data(store):
    dossier = make_dossier()
    store.submit(dossier, now=T0)
    show_dossier(store, dossier.id, "officer-7")
    for row in store.audit_log():
        assert set(row) == {"seq", "at", "actor", "action", "dossier_id"}

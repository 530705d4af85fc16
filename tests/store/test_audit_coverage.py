"""A log that was emptied or cut short is caught on the station, even when whoever holds the disk drops
the triggers and rolls the head record back together with the tail."""

import sqlite3
from datetime import timedelta

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.store import open_store
from tests.conftest import write_config

from .conftest import T0, make_dossier


def _sql(store, *statements):
    """What someone with the disk and an SQLite shell can do: no triggers, no key."""
    conn = sqlite3.connect(store.path)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _cut_to(store, seq):
    """Delete every row after `seq` and roll the head record back to match: the old check passes."""
    digest = store.audit_hash_at(seq)
    _sql(store, f"DELETE FROM audit WHERE seq > {seq}",
         f"UPDATE meta SET value = '{seq}:{digest}' WHERE key = 'audit_head'")


def _accepted(store, now, code="000.00.13.H22-250701-0001"):
    dossier = make_dossier(now=now)
    store.submit(dossier, now=now)
    store.begin_upload(dossier.id, now=now)
    store.upload_accepted(dossier.id, code, now=now)
    return dossier


def test_a_store_with_dossiers_and_an_emptied_log_is_flagged(store):
    store.submit(make_dossier(), now=T0)
    assert store.verify_audit() == []
    _sql(store, "DELETE FROM audit", "DELETE FROM meta WHERE key = 'audit_head'")
    problems = [str(p) for p in store.verify_audit()]
    assert any("empty" in p and "1 dossier" in p for p in problems)
    assert any("empty" in p for p in store.check())


def test_an_emptied_log_is_flagged_for_officers_alone(store):
    store.add_officer("officer-7", "Cán bộ Bảy", "officer", "a long passphrase 7", now=T0)
    _sql(store, "DELETE FROM audit", "DELETE FROM meta WHERE key = 'audit_head'")
    assert any("empty" in str(p) and "officer" in str(p) for p in store.verify_audit())


def test_an_empty_store_with_an_empty_log_is_sound(store):
    assert store.verify_audit() == [] and store.check() == []


def test_the_last_dossiers_rows_cut_with_the_head_are_flagged(store):
    first = make_dossier(now=T0)
    store.submit(first, now=T0)
    keep = store.audit_head()[0]
    second = make_dossier(now=T0 + timedelta(hours=1))
    store.submit(second, now=T0 + timedelta(hours=1))
    _cut_to(store, keep)
    problems = [str(p) for p in store.verify_audit()]
    assert any(second.id in p and "no audit row" in p for p in problems)
    assert not any(first.id in p for p in problems)
    assert any(second.id in p for p in store.check())


def test_a_state_change_cut_from_the_tail_is_flagged(store):
    """The dossier keeps older rows, but its acceptance is no longer in the log."""
    dossier = make_dossier(now=T0)
    store.submit(dossier, now=T0)
    store.begin_upload(dossier.id, now=T0 + timedelta(minutes=1))
    keep = store.audit_head()[0]
    store.upload_accepted(dossier.id, "000.00.13.H22-250701-0001", now=T0 + timedelta(minutes=2))
    _cut_to(store, keep)
    problems = [str(p) for p in store.verify_audit()]
    assert any(dossier.id in p and "accept" in p for p in problems)
    assert any("after the log's last row" in p for p in problems)


def test_a_failed_upload_cut_from_the_tail_is_flagged_by_time(store):
    dossier = make_dossier(now=T0)
    store.submit(dossier, now=T0)
    store.begin_upload(dossier.id, now=T0 + timedelta(minutes=1))
    keep = store.audit_head()[0]
    store.upload_failed(dossier.id, "line down", now=T0 + timedelta(minutes=2))
    _cut_to(store, keep)
    problems = [str(p) for p in store.verify_audit()]
    assert any("after the log's last row" in p for p in problems)


def test_the_head_before_the_acknowledged_anchor_is_flagged(store):
    for hour in range(3):
        store.submit(make_dossier(now=T0 + timedelta(hours=hour)), now=T0 + timedelta(hours=hour))
    seq, digest = store.audit_head()
    store.audit_anchored(seq, digest)
    assert store.audit_anchor() == (seq, digest) and store.verify_audit() == []
    # the attacker also removes the dossiers the cut rows speak of: only the anchor is left to tell
    _sql(store, "PRAGMA foreign_keys = ON", f"DELETE FROM audit WHERE seq > {seq - 2}",
         f"UPDATE meta SET value = '{seq - 2}:{store.audit_hash_at(seq - 2)}' WHERE key = 'audit_head'",
         "DELETE FROM dossiers WHERE created_at = (SELECT max(created_at) FROM dossiers)")
    problems = [str(p) for p in store.verify_audit()]
    assert any("acknowledged" in p and str(seq) in p for p in problems)


def test_a_rewritten_row_at_the_anchor_is_flagged(store):
    store.record("read_card", "officer-7", None, now=T0)
    store.record("scan", "officer-7", None, now=T0)
    store.audit_anchored(2, store.audit_hash_at(2))
    _sql(store, "UPDATE meta SET value = '2:" + "ab" * 32 + "' WHERE key = 'audit_anchor'")
    assert any("acknowledged" in str(p) for p in store.verify_audit())


def test_an_anchor_never_goes_back(store):
    store.record("read_card", "officer-7", None, now=T0)
    store.record("scan", "officer-7", None, now=T0)
    store.audit_anchored(2, store.audit_hash_at(2))
    store.audit_anchored(1, store.audit_hash_at(1))  # a late answer to an earlier upload
    assert store.audit_anchor() == (2, store.audit_hash_at(2))


def test_a_sound_working_store_has_no_coverage_problem(store):
    store.add_officer("officer-7", "Cán bộ Bảy", "officer", "a long passphrase 7", now=T0)
    draft = make_dossier(now=T0)
    store.save(draft, now=T0)
    _accepted(store, T0 + timedelta(hours=1))
    queued = make_dossier(now=T0 + timedelta(hours=2))
    store.submit(queued, now=T0 + timedelta(hours=2))
    store.begin_upload(queued.id, now=T0 + timedelta(hours=3))
    store.upload_failed(queued.id, "line down", now=T0 + timedelta(hours=3))
    store.audit_anchored(*store.audit_head())
    assert store.verify_audit() == [] and store.check() == []


def test_kiosk_audit_verify_and_store_check_flag_an_emptied_log(tmp_path, capsys, monkeypatch):
    config = load_config(write_config(tmp_path, key_dir=str(tmp_path / "keys")), env={})
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        store.submit(make_dossier(now=T0), now=T0)
        _sql(store, "DELETE FROM audit", "DELETE FROM meta WHERE key = 'audit_head'")
    monkeypatch.setenv("KIOSK_CONFIG", str(config.source))
    assert main(["audit", "verify"]) == 4
    assert "the log is empty but the store holds 1 dossier(s)" in capsys.readouterr().out
    assert main(["store", "check"]) == 4
    assert "the log is empty" in capsys.readouterr().out

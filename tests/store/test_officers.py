"""Officers' and technicians' local accounts: Argon2id passwords, sign-in, lockout, audit."""

import sqlite3
from datetime import timedelta

import pytest
from argon2 import PasswordHasher, Type, extract_parameters

from kiosk.store import AccountError, FileKeyStore, Officer, SignInRefused, Store
from kiosk.store.officers import HASHER

from .conftest import T0

PASSWORD = "mật khẩu rất dài 7"
OTHER = "something-else-123"


@pytest.fixture
def lan(store):
    return store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, actor="cli@admin", now=T0)


def refusal(store, login, password, **kwargs) -> SignInRefused:
    with pytest.raises(SignInRefused) as refused:
        store.authenticate(login, password, **kwargs)
    return refused.value


def stored_hash(store, login) -> str:
    return store.conn.execute("SELECT password_hash FROM officers WHERE login = ?", (login,)).fetchone()[0]


def test_an_added_officer_signs_in_with_the_password(store, lan):
    assert lan == Officer("lan.nt", "Nguyễn Thị Lan", "officer", False)
    assert store.authenticate("lan.nt", PASSWORD, "officer", now=T0) == lan
    assert store.officers() == [lan]


def test_the_login_is_typed_in_any_case_and_the_password_in_any_unicode_form(store, lan):
    import unicodedata

    assert store.authenticate(" Lan.NT ", unicodedata.normalize("NFD", PASSWORD), now=T0) == lan


def test_the_stored_hash_is_argon2id_with_the_stations_parameters_and_not_the_password(store, lan, datadir):
    encoded = stored_hash(store, "lan.nt")
    assert encoded.startswith("$argon2id$v=19$")
    parameters = extract_parameters(encoded)
    assert parameters.type is Type.ID
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (47104, 1, 1)
    assert parameters.memory_cost >= 19456  # OWASP's minimum for Argon2id
    store.close()
    raw = b"".join(path.read_bytes() for path in datadir.glob("store.sqlite3*"))
    assert PASSWORD.encode() not in raw


def test_wrong_password_and_unknown_login_get_the_same_answer(store, lan):
    wrong = refusal(store, "lan.nt", OTHER, now=T0)
    unknown = refusal(store, "nobody", PASSWORD, now=T0)
    assert (wrong.code, str(wrong), wrong.until) == (unknown.code, str(unknown), unknown.until) \
        == ("sign_in.wrong", "wrong login or password", None)


def test_an_unknown_login_costs_an_argon2_verify(store, monkeypatch):
    verified = []
    original = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify", lambda self, h, p: verified.append(h) or original(self, h, p))
    assert refusal(store, "nobody", PASSWORD, now=T0).code == "sign_in.wrong"
    assert len(verified) == 1
    parameters = extract_parameters(verified[0])
    assert (parameters.type, parameters.memory_cost, parameters.time_cost) == (Type.ID, 47104, 1)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(store, lan):
    for attempt in range(4):
        assert refusal(store, "lan.nt", OTHER, now=T0 + timedelta(seconds=attempt)).code == "sign_in.wrong"
    fifth = T0 + timedelta(seconds=4)
    locked = refusal(store, "lan.nt", OTHER, now=fifth)
    assert locked.code == "sign_in.locked" and locked.until == fifth + timedelta(minutes=15)
    # the right password does not open a locked account
    again = refusal(store, "lan.nt", PASSWORD, now=fifth + timedelta(minutes=14, seconds=59))
    assert again.code == "sign_in.locked" and again.until == locked.until
    # after the lockout it does
    assert store.authenticate("lan.nt", PASSWORD, now=locked.until + timedelta(seconds=1)) == lan


def test_attempts_and_lockout_follow_the_configured_numbers(store, lan):
    assert refusal(store, "lan.nt", OTHER, now=T0, max_attempts=3, lockout_minutes=2).code == "sign_in.wrong"
    assert refusal(store, "lan.nt", OTHER, now=T0, max_attempts=3, lockout_minutes=2).code == "sign_in.wrong"
    locked = refusal(store, "lan.nt", OTHER, now=T0, max_attempts=3, lockout_minutes=2)
    assert locked.code == "sign_in.locked" and locked.until == T0 + timedelta(minutes=2)


def test_a_success_resets_the_count_of_failures(store, lan):
    for _ in range(4):
        refusal(store, "lan.nt", OTHER, now=T0)
    store.authenticate("lan.nt", PASSWORD, now=T0)
    for _ in range(4):
        assert refusal(store, "lan.nt", OTHER, now=T0).code == "sign_in.wrong"


def test_after_a_lockout_the_count_starts_again(store, lan):
    for _ in range(5):
        refusal(store, "lan.nt", OTHER, now=T0)
    later = T0 + timedelta(minutes=16)
    for _ in range(4):
        assert refusal(store, "lan.nt", OTHER, now=later).code == "sign_in.wrong"
    assert refusal(store, "lan.nt", OTHER, now=later).code == "sign_in.locked"


def test_a_disabled_account_is_named_only_to_whoever_knows_its_password(store, lan):
    disabled = store.disable_officer("lan.nt", actor="cli@admin", now=T0)
    assert disabled.disabled and store.officers() == [disabled]
    assert refusal(store, "lan.nt", OTHER, now=T0).code == "sign_in.wrong"
    assert refusal(store, "lan.nt", PASSWORD, now=T0).code == "sign_in.disabled"
    assert not store.enable_officer("lan.nt", actor="cli@admin", now=T0).disabled
    assert store.authenticate("lan.nt", PASSWORD, now=T0) == lan


def test_each_role_signs_in_only_where_it_belongs(store, lan):
    tech = store.add_officer("hung.tv", "Trần Văn Hùng", "technician", OTHER, now=T0)
    assert refusal(store, "lan.nt", PASSWORD, role="technician", now=T0).code == "sign_in.wrong_role"
    assert refusal(store, "hung.tv", OTHER, role="officer", now=T0).code == "sign_in.wrong_role"
    assert store.authenticate("hung.tv", OTHER, role="technician", now=T0) == tech
    assert refusal(store, "hung.tv", PASSWORD, role="technician", now=T0).code == "sign_in.wrong"  # wrong password first


def test_a_reset_sets_the_new_password_and_clears_the_lockout(store, lan):
    for _ in range(5):
        refusal(store, "lan.nt", OTHER, now=T0)
    store.reset_password("lan.nt", "một mật khẩu mới", actor="cli@admin", now=T0)
    assert store.authenticate("lan.nt", "một mật khẩu mới", now=T0) == lan
    assert refusal(store, "lan.nt", PASSWORD, now=T0).code == "sign_in.wrong"
    row = store.conn.execute("SELECT failed_attempts, locked_until, password_changed_at FROM officers").fetchone()
    assert row[:2] == (1, None) and row[2].startswith("2025-07-01T08:00")


@pytest.mark.parametrize("login, name, role, password, code", [
    ("lan", "Lan", "officer", "short", "account.password_short"),
    ("lan", "Lan", "officer", " " * 12, "account.password_short"),
    ("lan", "Lan", "officer", "x" * 257, "account.password_long"),
    ("lan.nguyen", "Lan", "officer", "Lan.Nguyen", "account.password_is_login"),
    ("la", "Lan", "officer", PASSWORD, "account.login_invalid"),
    ("lan nt", "Lan", "officer", PASSWORD, "account.login_invalid"),
    ("lân", "Lan", "officer", PASSWORD, "account.login_invalid"),
    ("-lan", "Lan", "officer", PASSWORD, "account.login_invalid"),
    ("x" * 33, "Lan", "officer", PASSWORD, "account.login_invalid"),
    ("lan", "  ", "officer", PASSWORD, "account.name_invalid"),
    ("lan", "Lan\x07", "officer", PASSWORD, "account.name_invalid"),
    ("lan", "Lan", "admin", PASSWORD, "account.role_invalid"),
])
def test_bad_accounts_are_refused_with_a_reason(store, login, name, role, password, code):
    with pytest.raises(AccountError) as refused:
        store.add_officer(login, name, role, password, now=T0)
    assert refused.value.code == code and (not password.strip() or password not in str(refused.value))
    assert store.officers() == []


def test_a_login_is_taken_once_and_unknown_logins_are_named(store, lan):
    with pytest.raises(AccountError) as taken:
        store.add_officer("LAN.NT", "Lan khác", "technician", OTHER, now=T0)
    assert taken.value.code == "account.login_taken" and taken.value.exit_code == 2
    for change in (store.disable_officer, store.enable_officer):
        with pytest.raises(AccountError) as unknown:
            change("nobody", actor="cli@admin")
        assert unknown.value.code == "account.unknown"
    with pytest.raises(AccountError) as unknown:
        store.reset_password("nobody", OTHER, actor="cli@admin")
    assert unknown.value.code == "account.unknown"


def test_every_sign_in_failure_lockout_and_change_is_audited_without_the_password(store, lan):
    store.authenticate("lan.nt", PASSWORD, now=T0)
    refusal(store, "nobody", PASSWORD, now=T0)
    for _ in range(5):
        refusal(store, "lan.nt", OTHER, now=T0)
    refusal(store, "lan.nt", PASSWORD, now=T0)
    store.reset_password("lan.nt", OTHER + "!", actor="cli@admin", now=T0)
    store.disable_officer("lan.nt", actor="cli@admin", now=T0)
    refusal(store, "lan.nt", OTHER + "!", now=T0)
    store.enable_officer("lan.nt", actor="cli@admin", now=T0)
    rows = [(row["actor"], row["action"]) for row in store.audit_log()]
    assert rows == [
        ("cli@admin", "officer_added"),
        ("lan.nt", "sign_in"),
        ("SIM-01", "sign_in_failed"),  # a login that does not exist is not written down
        *[("lan.nt", "sign_in_failed")] * 4,
        ("lan.nt", "sign_in_failed"), ("lan.nt", "account_locked"),
        ("lan.nt", "sign_in_refused"),
        ("cli@admin", "password_reset"),
        ("cli@admin", "officer_disabled"),
        ("lan.nt", "sign_in_refused"),
        ("cli@admin", "officer_enabled"),
    ]
    assert store.verify_audit() == []
    dump = "\n".join(store.conn.iterdump())
    for secret in (PASSWORD, OTHER, "nobody"):
        assert secret not in dump


def test_a_hash_made_with_other_parameters_is_replaced_at_the_next_sign_in(store):
    store.password_hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID)
    store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, now=T0)
    old = stored_hash(store, "lan.nt")
    assert extract_parameters(old).memory_cost == 8192
    del store.password_hasher  # back to the station's parameters
    assert store.password_hasher is HASHER
    store.authenticate("lan.nt", PASSWORD, now=T0)
    new = stored_hash(store, "lan.nt")
    assert new != old and extract_parameters(new).memory_cost == HASHER.memory_cost
    assert store.authenticate("lan.nt", PASSWORD, now=T0).login == "lan.nt"
    assert stored_hash(store, "lan.nt") == new  # no rehash when the parameters are current


def test_a_damaged_hash_refuses_like_a_wrong_password(store, lan):
    store.conn.execute("UPDATE officers SET password_hash = 'not-a-hash'")
    store._seal_row(store.conn, "officers", "lan.nt")  # damaged where its MAC was made, not edited since
    assert refusal(store, "lan.nt", PASSWORD, now=T0).code == "sign_in.wrong"


def test_accounts_survive_reopening_the_store(store, lan, datadir, keydir):
    store.close()
    with Store(datadir, FileKeyStore(keydir), station_id="SIM-01") as again:
        assert again.authenticate("lan.nt", PASSWORD, now=T0) == lan


def test_the_schema_refuses_an_unknown_role(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO officers (login, display_name, role, password_hash, created_at, "
                           "password_changed_at) VALUES ('x.y', 'X', 'admin', 'h', 't', 't')")

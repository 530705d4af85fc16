"""The station's local accounts: officers sign in at the counter, technicians in diagnostics.

A password is kept only as its Argon2id hash, in the encoded form that carries its parameters and salt
(`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). The parameters (`HASHER`) are OWASP's first choice for
Argon2id, m=46 MiB, t=1, p=1: one verify takes about 90 ms on the 2-core stations (tests/bench/sign_in.py),
slow enough for a stolen store and quick enough for a person. A hash made with other parameters is
replaced at the next successful sign-in.

Sign-in refusals say as little as they can: an unknown login and a wrong password get the same answer
(`sign_in.wrong`) after the same Argon2 work, and a disabled account or one of the other role is named
only to whoever typed its right password. After `max_attempts` wrong passwords in a row an account is
locked for `lockout_minutes` (config keys `sign_in_attempts`, `lockout_minutes`); a success resets the
count.

The audit log gets every sign-in, failure, lockout and change of an account, with the account's login
as actor for sign-ins (the station for a login that does not exist: what was typed may be a password
typed in the wrong field) and the person who made the change for `add`/`disable`/`enable`/`reset`. The
audit row has no column for the account changed: that goes to the application log (logins are not
personal data; passwords never go anywhere but into Argon2).
"""

from __future__ import annotations

import base64
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kiosk.domain import utcnow
from kiosk.errors import EXIT_USAGE, KioskError
from kiosk.text import nfc

from .audit import Auditing
from .opening import parse_ts, ts
from .rowmacs import columns

log = logging.getLogger(__name__)

ROLES = ("officer", "technician")
LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")
PASSWORD_MIN = 10
PASSWORD_MAX = 256  # Argon2 takes any length; a megabyte "password" would only cost memory
NAME_MAX = 80
SIGN_IN_ATTEMPTS = 5
LOCKOUT_MINUTES = 15

HASHER = PasswordHasher(time_cost=1, memory_cost=47104, parallelism=1, hash_len=32, salt_len=16, type=Type.ID)


class AccountError(KioskError):
    """A refused account operation; `code` names the reason for front ends (`account.*`, `sign_in.*`)."""

    exit_code = EXIT_USAGE

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


class SignInRefused(AccountError):
    """`code`: sign_in.wrong, sign_in.locked (with `until`, UTC), sign_in.disabled or sign_in.wrong_role."""

    def __init__(self, code: str, message: str, until: datetime | None = None):
        self.until = until
        super().__init__(code, message)


@dataclass(frozen=True)
class Officer:
    login: str
    display_name: str
    role: str
    disabled: bool


def normal_login(login: str) -> str:
    return nfc(login).lower() if isinstance(login, str) else ""


def check_login(login: str) -> str:
    normal = normal_login(login)
    if not LOGIN.fullmatch(normal):
        raise AccountError("account.login_invalid", "a login is 3 to 32 lower-case letters, digits, '.', '_' or '-', "
                           "starting with a letter or digit")
    return normal


def check_password(password: str, login: str) -> str:
    """The password as hashed (NFC: the same word typed with another Vietnamese input method matches)."""
    if not isinstance(password, str):
        raise AccountError("account.password_short", f"a password has at least {PASSWORD_MIN} characters")
    normal = unicodedata.normalize("NFC", password)
    if len(normal) < PASSWORD_MIN or not normal.strip():
        raise AccountError("account.password_short", f"a password has at least {PASSWORD_MIN} characters")
    if len(normal) > PASSWORD_MAX:
        raise AccountError("account.password_long", f"a password has at most {PASSWORD_MAX} characters")
    if normal.strip().lower() == login:
        raise AccountError("account.password_is_login", "the password must not be the login")
    return normal


def check_name(name: str) -> str:
    normal = nfc(name) if isinstance(name, str) else ""
    if not normal or len(normal) > NAME_MAX or any(unicodedata.category(c).startswith("C") for c in normal):
        raise AccountError("account.name_invalid", f"a display name is 1 to {NAME_MAX} printable characters")
    return normal


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError("account.role_invalid", "a role is officer or technician")
    return role


def _decoy_hash(hasher: PasswordHasher) -> str:
    """A well-formed hash with the hasher's parameters that no password matches: verifying against it
    costs what a real verify costs, without hashing anything first."""
    def b64(n: int) -> str:
        return base64.b64encode(os.urandom(n)).decode().rstrip("=")

    return (f"$argon2id$v=19$m={hasher.memory_cost},t={hasher.time_cost},p={hasher.parallelism}"
            f"${b64(hasher.salt_len)}${b64(hasher.hash_len)}")


class Officers(Auditing):
    """Accounts of the people who sign in at this station. `password_hasher` may be replaced (tests)."""

    password_hasher: PasswordHasher = HASHER

    def add_officer(self, login: str, display_name: str, role: str, password: str, actor: str | None = None,
                    now: datetime | None = None) -> Officer:
        login = check_login(login)
        display_name, role = check_name(display_name), check_role(role)
        encoded = self.password_hasher.hash(check_password(password, login))
        moment = ts(now or utcnow())
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM officers WHERE login = ?", (login,)).fetchone():
                raise AccountError("account.login_taken", f"the login {login} is taken")
            conn.execute("INSERT INTO officers (login, display_name, role, password_hash, created_at, "
                         "password_changed_at) VALUES (?,?,?,?,?,?)",
                         (login, display_name, role, encoded, moment, moment))
            self._seal_row(conn, "officers", login)
            self._audit(conn, "officer_added", None, parse_ts(moment), actor)
        log.info("account %s (%s) added by %s", login, role, self._actor(actor))
        return Officer(login, display_name, role, False)

    def disable_officer(self, login: str, actor: str | None = None, now: datetime | None = None) -> Officer:
        return self._set_disabled(login, True, actor, now)

    def enable_officer(self, login: str, actor: str | None = None, now: datetime | None = None) -> Officer:
        return self._set_disabled(login, False, actor, now)

    def _set_disabled(self, login: str, disabled: bool, actor: str | None, now: datetime | None) -> Officer:
        login = normal_login(login)
        with self._tx() as conn:
            self._account_row(login)
            conn.execute("UPDATE officers SET disabled = ? WHERE login = ?", (int(disabled), login))
            self._seal_row(conn, "officers", login)
            self._audit(conn, "officer_disabled" if disabled else "officer_enabled", None, now or utcnow(), actor)
        log.info("account %s %s by %s", login, "disabled" if disabled else "enabled", self._actor(actor))
        return self.officer(login)

    def reset_password(self, login: str, new_password: str, actor: str | None = None,
                       now: datetime | None = None) -> Officer:
        """A new password, and the account unlocked (its count of failures cleared)."""
        login = normal_login(login)
        self._account_row(login)
        encoded = self.password_hasher.hash(check_password(new_password, login))
        now = now or utcnow()
        with self._tx() as conn:
            self._account_row(login)
            conn.execute("UPDATE officers SET password_hash = ?, password_changed_at = ?, failed_attempts = 0, "
                         "locked_until = NULL WHERE login = ?", (encoded, ts(now), login))
            self._seal_row(conn, "officers", login)
            self._audit(conn, "password_reset", None, now, actor)
        log.info("password of account %s reset by %s", login, self._actor(actor))
        return self.officer(login)

    def officer(self, login: str) -> Officer:
        return _officer(self._account_row(normal_login(login)))

    def officers(self) -> list[Officer]:
        return [_officer(self._check_row("officers", row)) for row in self.conn.execute(
            f"SELECT {columns('officers')} FROM officers ORDER BY login")]

    def _account_row(self, login: str) -> tuple:
        """The account's row (`ROW_COLUMNS["officers"]` order), checked against its MAC: an account
        enabled, unlocked or given another role by SQL raises TamperedData."""
        row = self._stored_account(login)
        if row is None:
            raise AccountError("account.unknown", f"there is no account {login or '(empty)'} on this station")
        return row

    def _stored_account(self, login: str) -> tuple | None:
        row = self._verified_row(self.conn, "officers", login)
        return None if row is None else tuple(row.values())

    def authenticate(self, login: str, password: str, role: str | None = None, now: datetime | None = None, *,
                     max_attempts: int = SIGN_IN_ATTEMPTS, lockout_minutes: int = LOCKOUT_MINUTES) -> Officer:
        """The account whose password this is, if it may sign in now (in `role`, when given); otherwise
        SignInRefused. Blocking: one Argon2 verify (about 90 ms), so never on a GUI thread."""
        now = now or utcnow()
        login = normal_login(login)
        password = unicodedata.normalize("NFC", password) if isinstance(password, str) else ""
        hasher = self.password_hasher
        row = self._stored_account(login) if login else None
        if row is None:
            self._password_matches(hasher, _decoy_hash(hasher), password)
            self.record("sign_in_failed", None, None, now)
            raise _wrong()
        officer, encoded, locked_until = _officer(row), row[3], row[6]
        if locked_until and parse_ts(locked_until) > now:
            self.record("sign_in_refused", login, None, now)
            raise _locked(parse_ts(locked_until))
        if not self._password_matches(hasher, encoded, password):
            raise self._sign_in_failed(login, now, max_attempts, lockout_minutes)
        if officer.disabled:
            self.record("sign_in_refused", login, None, now)
            raise SignInRefused("sign_in.disabled", "this account is disabled")
        if role is not None and officer.role != check_role(role):
            self._sign_in_succeeded(login, None, now, "sign_in_refused")
            raise SignInRefused("sign_in.wrong_role", f"this account is not a {role}'s")
        rehashed = hasher.hash(password) if hasher.check_needs_rehash(encoded) else None
        self._sign_in_succeeded(login, rehashed, now, "sign_in")
        return officer

    @staticmethod
    def _password_matches(hasher: PasswordHasher, encoded: str, password: str) -> bool:
        try:
            return hasher.verify(encoded, password)
        except VerifyMismatchError:
            return False
        except (VerificationError, InvalidHashError):
            log.warning("an account's stored password hash is not a valid Argon2 hash")
            return False

    def _sign_in_failed(self, login: str, now: datetime, max_attempts: int, lockout_minutes: int) -> SignInRefused:
        """Count the failure; the `max_attempts`-th in a row locks the account (and starts a new count).
        Returns the refusal to raise: wrong, or locked."""
        with self._tx() as conn:
            self._account_row(login)
            conn.execute("UPDATE officers SET failed_attempts = failed_attempts + 1 WHERE login = ?", (login,))
            self._audit(conn, "sign_in_failed", None, now, login)
            failures = conn.execute("SELECT failed_attempts FROM officers WHERE login = ?", (login,)).fetchone()[0]
            until = None
            if failures >= max_attempts:
                until = now + timedelta(minutes=lockout_minutes)
                conn.execute("UPDATE officers SET failed_attempts = 0, locked_until = ? WHERE login = ?",
                             (ts(until), login))
                self._audit(conn, "account_locked", None, now, login)
            self._seal_row(conn, "officers", login)
        if until is None:
            return _wrong()
        log.info("account %s locked until %s after %d failed sign-ins", login, ts(until), failures)
        return _locked(until)

    def _sign_in_succeeded(self, login: str, rehashed: str | None, now: datetime, action: str) -> None:
        with self._tx() as conn:
            self._account_row(login)
            conn.execute("UPDATE officers SET failed_attempts = 0, locked_until = NULL WHERE login = ?", (login,))
            if rehashed is not None:
                conn.execute("UPDATE officers SET password_hash = ? WHERE login = ?", (rehashed, login))
            self._seal_row(conn, "officers", login)
            self._audit(conn, action, None, now, login)


def _officer(row: tuple) -> Officer:
    """From a row in `ROW_COLUMNS["officers"]` order."""
    return Officer(row[0], row[1], row[2], bool(row[4]))


def _wrong() -> SignInRefused:
    return SignInRefused("sign_in.wrong", "wrong login or password")


def _locked(until: datetime) -> SignInRefused:
    return SignInRefused("sign_in.locked", f"this account is locked until {until:%H:%M} UTC after too many "
                         "wrong passwords", until)

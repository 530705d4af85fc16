"""What the PIN's tries left and a locked token read as. SoftHSM2 never locks and always reports "few
tries left", so the flags a real token sets are given here by a stand-in for the token's slot."""

from __future__ import annotations

import pytest
from pkcs11 import TokenFlag
from pkcs11 import exceptions as p11

from drivers.signing import token as token_module
from drivers.signing.errors import TokenLocked, WrongPin
from drivers.signing.token import TokenSession, TokenSpec

BASE = TokenFlag.LOGIN_REQUIRED | TokenFlag.USER_PIN_INITIALIZED | TokenFlag.TOKEN_INITIALIZED


class StandInToken:
    """A token's slot as PKCS#11 shows it: `flags` before the login, `after` once a wrong PIN is refused."""

    label = "stand-in"

    def __init__(self, flags: TokenFlag, after: TokenFlag | None = None, refuse=p11.PinIncorrect):
        self.flags, self.after, self.refuse = flags, after, refuse

    def open(self, **kwargs):
        if self.after is not None:
            self.flags = self.after
        raise self.refuse()


@pytest.mark.parametrize("after, words", [
    (BASE | TokenFlag.USER_PIN_FINAL_TRY, "one try left before the token locks"),
    (BASE | TokenFlag.USER_PIN_COUNT_LOW, "few tries left before the token locks"),
    (BASE, "the token does not say how many tries are left"),
    (BASE | TokenFlag.USER_PIN_LOCKED, "the token is now locked; its administrator must unblock it with the SO PIN"),
])
def test_a_wrong_pin_says_what_the_token_says_of_the_tries_left(monkeypatch, after, words):
    token = StandInToken(BASE, after)
    monkeypatch.setattr(token_module, "_token", lambda spec: token)
    with pytest.raises(WrongPin) as caught:
        TokenSession(TokenSpec(), "123456")
    assert caught.value.tries == words and str(caught.value) == f"wrong PIN for the signing token: {words}"


def test_a_locked_token_is_not_offered_the_pin(monkeypatch):
    offered = []

    class Locked(StandInToken):
        def open(self, **kwargs):
            offered.append(kwargs)
            raise AssertionError("a locked token must not be offered a PIN")

    monkeypatch.setattr(token_module, "_token", lambda spec: Locked(BASE | TokenFlag.USER_PIN_LOCKED))
    with pytest.raises(TokenLocked, match="the signing token is locked"):
        TokenSession(TokenSpec(), "123456")
    assert offered == []


def test_a_token_that_locks_on_this_try_says_so(monkeypatch):
    monkeypatch.setattr(token_module, "_token", lambda spec: StandInToken(BASE, refuse=p11.PinLocked))
    with pytest.raises(TokenLocked, match="too many wrong PINs"):
        TokenSession(TokenSpec(), "123456")

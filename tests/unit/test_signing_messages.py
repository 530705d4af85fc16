"""Every problem the signature verification can name has its own words for the officer, in Vietnamese
and English; a Verification becomes the counter's verdict (valid, not signed, not valid)."""

from __future__ import annotations

import ast
import datetime as dt
import inspect

import pytest

from drivers.signing import verify
from drivers.signing.pades import B_B, B_LT, B_T
from drivers.signing.verify import SignatureCheck, Verification
from kiosk.signing_messages import (INVALID, LEVELS, PROBLEMS, UNKNOWN_PROBLEM, UNSIGNED, VALID, level_message,
                                    problem_message, verdict_of)


def problems_the_verification_names() -> set[str]:
    """The problem texts written in drivers/signing/verify.py (its string constants that read as one)."""
    tree = ast.parse(inspect.getsource(verify))

    def strings(root) -> set[str]:
        return {node.value for node in ast.walk(root) if isinstance(node, ast.Constant) and isinstance(node.value, str)}

    raised = set().union(*(strings(node) for node in ast.walk(tree) if isinstance(node, ast.Raise)))  # errors, not problems
    return {text for text in strings(tree) - raised if text.startswith(("the ", "content ")) and " " in text.strip()}


def test_every_problem_of_the_verification_has_its_own_words():
    named = problems_the_verification_names() | set(verify._TRUST_WORDS.values())
    assert len(named) >= 12
    for problem in named:
        assert problem_message(problem) is not UNKNOWN_PROBLEM, problem


@pytest.mark.parametrize("problem, words", [
    ("the signer's certificate is not trusted here (NO_CERTIFICATE_CHAIN_FOUND)", "không được tin cậy trên máy này"),
    ("the signature cannot be read (KeyError)", "Không đọc được chữ ký số"),
])
def test_a_problem_with_details_after_it_finds_its_words(problem, words):
    assert words in problem_message(problem).vi


def test_an_unknown_problem_still_gets_words():
    assert problem_message("something new").vi == UNKNOWN_PROBLEM.vi


def test_each_message_and_level_says_it_in_both_languages():
    for message in [*PROBLEMS.values(), *LEVELS.values()]:
        assert message.vi and message.en and message.vi != message.en
    assert {B_B, B_T, B_LT} == set(LEVELS) and level_message("X") is None


def check(*problems: str, timestamp: bool = False) -> SignatureCheck:
    return SignatureCheck("Signature1", "Centre", "2026-11-30T02:00:00+00:00", B_T if timestamp else B_B, "",
                          True, True, not problems, True, True if timestamp else None, problems)


def test_a_verification_becomes_the_counters_verdict():
    valid = verdict_of(Verification((check(),)))
    assert (valid.state, valid.signer, valid.level, valid.problems) == (VALID, "Centre", B_B, ())
    assert valid.signed_at == dt.datetime(2026, 11, 30, 2, tzinfo=dt.timezone.utc)
    assert verdict_of(Verification(problems=("the document is not signed",))).state == UNSIGNED
    untrusted = verdict_of(Verification((check(verify._TRUST_WORDS[next(iter(verify._TRUST_WORDS))]),)))
    assert untrusted.state == INVALID and untrusted.signer == "Centre" and len(untrusted.problems) == 1
    twice = verdict_of(Verification((check("content was added to the document after it was signed"),
                                     check("content was added to the document after it was signed"))))
    assert len(twice.problems) == 1  # said once

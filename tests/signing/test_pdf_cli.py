"""`kiosk pdf sign|verify` on a SoftHSM2 token configured as a station's: each bad input gets one line and
its exit code, never a traceback; the PIN never on the command line or in the output."""

from __future__ import annotations

import json
import os
import stat

import pytest

from kiosk.cli import main
from kiosk.cli.pdf import EXIT_NOT_VERIFIED
from kiosk.errors import EXIT_CONFIG, EXIT_OK, EXIT_STATION, EXIT_USAGE
from tests.conftest import write_config
from tests.helpers.signing import blank_pdf, make_token, timestamp_server


def station_file(tmp_path, token, pin: str | None = None, **values):
    """A station's configuration signing with `token` (its PIN in a 0600 file) and trusting its CA."""
    pin_file = tmp_path / "pin"
    pin_file.unlink(missing_ok=True)
    with open(pin_file, "w", opener=lambda path, flags: os.open(path, flags, 0o600)) as file:
        file.write(pin if pin is not None else token.pin)
    trust = token.pki.trust_folder(tmp_path / "trust")
    settings = {"signing_token": token.spec.token_label, "signing_key_label": token.spec.key_label,
                "signing_pin": "file", "signing_pin_file": str(pin_file), "softhsm2_conf": str(token.conf),
                "signature_trust": str(trust), **values}
    return write_config(tmp_path, **settings)


@pytest.fixture
def unsigned(tmp_path):
    path = tmp_path / "copy.pdf"
    path.write_bytes(blank_pdf(2))
    return path


def sign(config, source, out, *more):
    return main(["--config", str(config), "pdf", "sign", str(source), "--out", str(out), *more])


def verify(config, path, *more):
    return main(["--config", str(config), "pdf", "verify", str(path), *more])


def test_a_file_signed_on_the_token_verifies_with_its_details(token, tmp_path, unsigned, capsys):
    config = station_file(tmp_path, token)
    out, original = tmp_path / "signed.pdf", unsigned.read_bytes()
    assert sign(config, unsigned, out, "--reference", "06970-TEST-0001", "--officer", "canbo1") == EXIT_OK
    said = capsys.readouterr()
    assert said.out.strip() == f"signed {unsigned} -> {out}: PAdES B-B, by Test centre"
    assert token.pin not in said.out + said.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and unsigned.read_bytes() == original

    assert verify(config, out) == EXIT_OK
    shown = capsys.readouterr().out
    assert shown.startswith(f"{out}: ok: 1 signature, every one verified\nSignature1: ok\n")
    assert "  signer:     Test centre\n" in shown and "  level:      PAdES B-B\n" in shown
    assert "hồ sơ 06970-TEST-0001" in shown and "(the signer's clock)" in shown
    for line in ("intact:", "valid:", "trusted:", "covers document:"):
        assert f"  {line:<17}yes  " in shown
    assert f"  {'timestamp:':<17}none " in shown and "problem" not in shown


def test_verify_json_is_the_verification_as_a_dictionary(token, tmp_path, unsigned, capsys):
    with timestamp_server(token.pki) as url:
        config = station_file(tmp_path, token, tsa_url=url)
        assert sign(config, unsigned, tmp_path / "stamped.pdf") == EXIT_OK
    assert "PAdES B-LT" in capsys.readouterr().out  # the CA's CRL is in the trust folder: revocation data embedded
    assert verify(config, tmp_path / "stamped.pdf", "--json") == EXIT_OK
    answer = json.loads(capsys.readouterr().out)
    assert set(answer) == {"ok", "problems", "signatures"} and answer["ok"] is True and answer["problems"] == []
    [signature] = answer["signatures"]
    assert set(signature) == {"field", "signer", "signed_at", "level", "reason", "intact", "valid", "trusted",
                              "covers_document", "timestamp_ok", "ok", "problems"}
    assert (signature["level"], signature["timestamp_ok"], signature["signer"]) == ("B-LT", True, "Test centre")


def test_an_unreachable_timestamp_server_gives_b_b_with_a_warning(token, tmp_path, unsigned, capsys):
    from tests.helpers.signing import unused_port

    config = station_file(tmp_path, token, tsa_url=f"http://127.0.0.1:{unused_port()}/tsa")
    assert sign(config, unsigned, tmp_path / "signed.pdf") == EXIT_OK
    said = capsys.readouterr()
    assert "PAdES B-B" in said.out
    assert said.err.startswith("kiosk: warning: the timestamp server is unreachable") and "(PAdES B-B)" in said.err


def test_a_changed_byte_an_unsigned_file_and_a_foreign_trust_exit_not_verified(token, softhsm_conf, tmp_path,
                                                                               unsigned, capsys):
    config = station_file(tmp_path, token)
    out = tmp_path / "signed.pdf"
    assert sign(config, unsigned, out) == EXIT_OK
    data = bytearray(out.read_bytes())
    data[data.index(b"/MediaBox") + 12] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    capsys.readouterr()
    assert verify(config, changed) == EXIT_NOT_VERIFIED
    shown = capsys.readouterr().out
    assert shown.startswith(f"{changed}: NOT VERIFIED: 1 of 1 signature not ok\nSignature1: NOT OK\n")
    assert "  problem: the document was changed after it was signed" in shown and f"  {'intact:':<17}NO   " in shown

    assert verify(config, unsigned) == EXIT_NOT_VERIFIED
    assert capsys.readouterr().out == f"{unsigned}: NOT SIGNED\n  problem: the document is not signed\n"

    other = make_token(softhsm_conf, tmp_path / "other-pki", "Not our centre")
    foreign = other.pki.trust_folder(tmp_path / "foreign-trust")
    assert verify(config, out, "--trust", str(foreign)) == EXIT_NOT_VERIFIED
    assert "does not chain to a trusted certificate authority" in capsys.readouterr().out


def test_out_never_replaces_the_original_nor_an_existing_file_silently(token, tmp_path, unsigned, capsys):
    config = station_file(tmp_path, token)
    assert sign(config, unsigned, unsigned) == EXIT_USAGE
    assert capsys.readouterr().err == (f"kiosk: --out is {unsigned} itself: the original stays as it is; "
                                       "name another file\n")
    existing = tmp_path / "existing.pdf"
    existing.write_bytes(b"keep me")
    assert sign(config, unsigned, existing) == EXIT_USAGE
    assert "exists: name another file, or add --overwrite" in capsys.readouterr().err
    assert existing.read_bytes() == b"keep me"
    assert sign(config, unsigned, existing, "--overwrite") == EXIT_OK
    assert existing.read_bytes().startswith(unsigned.read_bytes())  # an incremental update of the original
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("content, words", [
    (b"hello, not a PDF", "is not a readable PDF"),
    (None, "no file"),
])
def test_a_file_that_is_not_a_pdf_gets_one_line_before_any_pin(token, tmp_path, content, words, capsys):
    config = station_file(tmp_path, token)
    source = tmp_path / "input.pdf"
    if content is not None:
        source.write_bytes(content)
    assert sign(config, source, tmp_path / "out.pdf") == EXIT_USAGE
    assert verify(config, source) == EXIT_USAGE
    said = capsys.readouterr()
    assert said.out == "" and said.err.count("\n") == 2 and said.err.count(words) == 2
    assert "Traceback" not in said.err and not (tmp_path / "out.pdf").exists()


def test_a_wrong_pin_says_the_tries_left_and_never_shows_the_pin(token, tmp_path, unsigned, capsys):
    config = station_file(tmp_path, token, pin="999999")
    assert sign(config, unsigned, tmp_path / "out.pdf") == EXIT_STATION
    said = capsys.readouterr()
    assert said.err.startswith("kiosk: signing token: wrong PIN for the signing token: ")
    assert "tries" in said.err and said.err.count("\n") == 1 and "999999" not in said.err + said.out
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("certificate, words", [
    ({"starts_in_days": -40, "days": 30}, "the signing certificate expired on "),
    ({"starts_in_days": 3}, "the signing certificate is not valid yet"),
    ({"signing_usage": False}, "the certificate is not for signatures"),
])
def test_a_certificate_that_cannot_sign_is_named_in_one_line(softhsm_conf, tmp_path, unsigned, certificate, words,
                                                            capsys):
    token = make_token(softhsm_conf, tmp_path / "pki", **certificate)
    assert sign(station_file(tmp_path, token), unsigned, tmp_path / "out.pdf") == EXIT_STATION
    said = capsys.readouterr().err
    assert said.startswith("kiosk: signing token: ") and words in said and said.count("\n") == 1


def test_a_missing_token_and_a_missing_trust_folder_are_named(token, tmp_path, unsigned, capsys):
    config = station_file(tmp_path, token, signing_token="no such token")
    assert sign(config, unsigned, tmp_path / "out.pdf") == EXIT_STATION
    assert capsys.readouterr().err.startswith("kiosk: signing token: no signing token labelled 'no such token'")
    config = station_file(tmp_path, token, signature_trust=str(tmp_path / "nowhere"))
    assert verify(config, unsigned) == EXIT_CONFIG
    assert "signature_trust" in capsys.readouterr().err
    assert verify(config, unsigned, "--trust", str(tmp_path / "nowhere")) == EXIT_USAGE
    assert capsys.readouterr().err == f"kiosk: --trust: no trust folder at {tmp_path / 'nowhere'}\n"


def test_the_pin_is_asked_again_after_a_wrong_one_when_typed_and_never_retried_from_a_file(token, tmp_path):
    from kiosk.config import load_config
    from kiosk.signing import StationSigner

    typed = iter(["111111", token.pin])
    config = load_config(station_file(tmp_path, token, signing_pin="prompt"), env={})
    said = []
    signer = StationSigner(config, ask=lambda prompt: next(typed))
    try:
        assert signer.unlock_with_retries(say=said.append) is None
        assert len(said) == 1 and said[0].startswith("kiosk: wrong PIN for the signing token") and "2 more" in said[0]
        assert signer.sign(blank_pdf(2), "REF").level == "B-B"
    finally:
        signer.close()

    asked = []
    config = load_config(station_file(tmp_path, token, pin="111111"), env={})
    signer = StationSigner(config, ask=asked.append)
    problem = signer.unlock_with_retries(say=asked.append)
    assert problem is not None and problem.code == "signing.wrong_pin" and asked == []  # tried once only
    with pytest.raises(type(problem), match="restart the station to enter the PIN again"):
        signer.sign(blank_pdf(2), "REF")  # given up on: not asked, not tried again
    signer.close()

"""`kiosk pdf sign|verify`: the centre's signature on one PDF, and the check of a signed PDF, for the
technician and for checks (Decree 30/2020/NĐ-CP: a digitised copy carries the agency's signature)."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path

from kiosk.cli.common import configure, on_simulated_station
from kiosk.errors import EXIT_NOT_GENUINE, EXIT_OK, EXIT_USAGE, ConfigError, KioskError, StationError

HELP = "sign a PDF with the centre's key, or verify the signatures of a signed PDF"
EXIT_NOT_VERIFIED = EXIT_NOT_GENUINE  # `kiosk pdf verify`: not signed, or a signature is not ok
DEFAULT_REFERENCE = "kiểm tra kỹ thuật"  # a technician's check, not a dossier

EXIT_CODES = f"""exit codes:
  0  signed / every signature verified
  {EXIT_USAGE}  wrong command line: FILE missing or not a PDF, --out is FILE or exists (without --overwrite)
  3  configuration missing or invalid (the message names the key; the trust folder for verify)
  4  sign: the signing token is missing, locked or refused the PIN, or its certificate cannot sign
  {EXIT_NOT_VERIFIED}  verify: the PDF is not signed, or a signature is not ok (the problems are printed)"""

CHECKS = (  # SignatureCheck field, what it says when true
    ("intact", "intact", "the signed bytes are unchanged"),
    ("valid", "valid", "the signature matches the signer's certificate"),
    ("trusted", "trusted", "the certificate chains to a trusted authority and was in force"),
    ("covers_document", "covers document", "nothing but signatures, timestamps and revocation data came after it"),
    ("timestamp_ok", "timestamp", "the timestamp is valid and its authority trusted"),
)


class PdfUsageError(KioskError):
    exit_code = EXIT_USAGE


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("pdf", help=HELP, description=HELP[0].upper() + HELP[1:] + ".",
                                 epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    sign = actions.add_parser(
        "sign", help="sign one PDF with the station's configured key (PAdES)",
        description="Sign FILE with the station's configured key (config signing_*: a PKCS#11 token, or a "
        "PKCS#12 file for development) and write the signed copy to --out. The signature is an incremental "
        "update covering the whole document: PAdES B-B, B-T when the configured timestamp server (tsa_url) "
        "answers, B-LT when the signing CA's revocation data (signature_trust) is known too. An unreachable "
        "timestamp server gives B-B with a warning. The PIN is never taken from the command line: it comes as "
        "signing_pin says (typed on the terminal, a systemd credential, or a 0600 file).",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sign.add_argument("file", type=Path, metavar="FILE", help="the PDF to sign (left unchanged)")
    sign.add_argument("--out", type=Path, required=True, metavar="FILE",
                      help="where to write the signed PDF (0600); never FILE itself")
    sign.add_argument("--overwrite", action="store_true", help="replace --out when it exists")
    sign.add_argument("--reference", default=DEFAULT_REFERENCE, metavar="TEXT",
                      help="the dossier's local reference, recorded in the signature's reason "
                      f"(default: {DEFAULT_REFERENCE!r})")
    sign.add_argument("--officer", default="", metavar="NAME",
                      help="the receiving officer to name in the signature (default: none)")
    _simulated_argument(sign, "sign with the simulated station's SoftHSM2 token (made by `kiosk stand up`)")
    sign.set_defaults(run=run_sign)

    verify = actions.add_parser(
        "verify", help="verify every signature of a PDF",
        description="Verify every signature of FILE: the signed bytes unchanged, the signature valid, the "
        "signer's certificate chaining to the trust anchors and in force, nothing but allowed additions after "
        "it, the timestamp valid. Prints each signature's signer, time, level and checks, and the problems in "
        f"words. Exit 0 only when FILE is signed and every signature is ok, {EXIT_NOT_VERIFIED} otherwise.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    verify.add_argument("file", type=Path, metavar="FILE", help="the PDF to verify")
    verify.add_argument("--trust", type=Path, metavar="DIR",
                        help="a folder of trusted CA certificates (.pem/.crt/.cer/.der) and CRLs (.crl) "
                        "(default: the configured signature_trust)")
    verify.add_argument("--json", action="store_true",
                        help='print the result as JSON: {"ok", "problems", "signatures": [{"field", "signer", '
                        '"signed_at", "level", "reason", "intact", "valid", "trusted", "covers_document", '
                        '"timestamp_ok", "ok", "problems"}]}')
    _simulated_argument(verify, "use the simulated station's signature trust folder")
    verify.set_defaults(run=run_verify)


def _simulated_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--simulated", action="store_true",
                        help=f"{what}; the default when there is no configuration file")


def _read_pdf(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PdfUsageError(f"no file {path}") from None
    except IsADirectoryError:
        raise PdfUsageError(f"{path} is a folder, not a PDF") from None
    except OSError as error:
        raise PdfUsageError(f"{path} cannot be read: {error.strerror}") from None


def _check_readable(path: Path, data: bytes) -> None:
    """Refuses a file that is not a PDF before the token's PIN is asked for nothing."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        PdfFileReader(io.BytesIO(data), strict=False).root
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise PdfUsageError(f"{path} is not a readable PDF ({error.__class__.__name__})") from None


def run_sign(args: argparse.Namespace) -> int:
    from drivers.signing.errors import PdfUnreadable, SigningError, TokenMissing
    from kiosk.signing import StationSigner

    source, out = args.file, args.out
    if out.resolve() == source.resolve():
        raise PdfUsageError(f"--out is {source} itself: the original stays as it is; name another file")
    if out.exists() and not args.overwrite:
        raise PdfUsageError(f"{out} exists: name another file, or add --overwrite to replace it")
    if not out.parent.is_dir():
        raise PdfUsageError(f"the folder {out.parent} does not exist")
    data = _read_pdf(source)
    _check_readable(source, data)
    simulated = on_simulated_station(args)
    config = configure(args, simulated=simulated)
    signer = StationSigner(config)
    say = (lambda text: print(text, file=sys.stderr, flush=True))
    try:
        problem = signer.unlock_with_retries(say=say)
        if problem is not None:
            raise problem
        signed = signer.sign(data, args.reference, args.officer)
        subject = _subject(signer)
    except PdfUnreadable as error:
        raise PdfUsageError(f"{source}: {error}") from None
    except SigningError as error:
        hint = (" (the simulated station's token: run `kiosk stand up`)"
                if isinstance(error, TokenMissing) and simulated else "")
        raise StationError(f"signing token: {error}{hint}") from None
    finally:
        signer.close()
    _write_private(out, signed.data, args.overwrite)
    for warning in signed.warnings:
        say(f"kiosk: warning: {warning}")
    print(f"signed {source} -> {out}: PAdES {signed.level}, by {subject}")
    return EXIT_OK


def _subject(signer) -> str:
    from drivers.signing.certificates import subject_name

    return subject_name(signer.certificate)


def _write_private(path: Path, data: bytes, overwrite: bool) -> None:
    """Written whole (a temporary file renamed over it) and 0600: a copy may show a citizen's papers."""
    from kiosk.private_files import private_opener

    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(temporary, "wb", opener=private_opener) as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if not overwrite and path.exists():  # made meanwhile by someone else
            raise PdfUsageError(f"{path} exists: name another file, or add --overwrite to replace it")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def run_verify(args: argparse.Namespace) -> int:
    from drivers.signing.certificates import TrustAnchors
    from drivers.signing.errors import PdfUnreadable, SigningError
    from kiosk.signing import signature_trust, verify_document

    data = _read_pdf(args.file)
    if args.trust is not None:
        try:
            trust = TrustAnchors.load(args.trust)
        except (FileNotFoundError, ValueError) as error:
            raise PdfUsageError(f"--trust: {error}") from None
    else:
        config = configure(args, simulated=True if args.simulated else None)
        try:
            trust = signature_trust(config)
        except SigningError as error:
            raise ConfigError("signature_trust", str(error).removeprefix("signature trust: "), config.source) from None
    if not trust.roots:
        print(f"kiosk: warning: no CA certificate in {trust.source}: no signature can be trusted", file=sys.stderr)
    try:
        verification = verify_document(data, trust)
    except PdfUnreadable as error:
        raise PdfUsageError(f"{args.file}: {error}") from None
    if args.json:
        print(json.dumps(verification.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(describe(args.file, verification))
    return EXIT_OK if verification.ok else EXIT_NOT_VERIFIED


def describe(path: Path, verification) -> str:
    """The verdict in words: the document's line, then each signature's details and checks."""
    count = len(verification.signatures)
    failing = sum(1 for s in verification.signatures if not s.ok)
    if not count:
        head = "NOT SIGNED"
    elif verification.ok:
        head = f"ok: {count} signature{'s' if count > 1 else ''}, every one verified"
    else:
        head = f"NOT VERIFIED: {failing} of {count} signature{'s' if count > 1 else ''} not ok"
    lines = [f"{path}: {head}"] + [f"  problem: {problem}" for problem in verification.problems]
    for check in verification.signatures:
        lines += [f"{check.field}: {'ok' if check.ok else 'NOT OK'}",
                  f"  signer:     {check.signer or '(unknown)'}",
                  f"  signed at:  {check.signed_at or '(not stated)'}"
                  + (" (timestamp)" if check.timestamp_ok is not None else " (the signer's clock)"),
                  f"  level:      PAdES {check.level}",
                  f"  reason:     {check.reason or '(none)'}"]
        for attribute, label, meaning in CHECKS:
            value = getattr(check, attribute)
            word = "none" if value is None else "yes" if value else "NO"
            lines.append(f"  {label + ':':<17}{word:<5}{meaning}")
        lines += [f"  problem: {problem}" for problem in check.problems]
    return "\n".join(lines)

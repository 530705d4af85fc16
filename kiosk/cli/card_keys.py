"""The card's access key on the command line without putting it there: `--can -` reads it from standard
input, `--can` alone asks for it on the terminal without echo. A value written after the option is
refused: every user of the computer sees a process's arguments (`ps`), and the shell keeps them in its
history. The CAN and the MRZ fields are the citizen's ID number and birth date."""

from __future__ import annotations

import argparse
import getpass
import sys
import termios
from dataclasses import dataclass

from kiosk.cli.scan import UsageError

STDIN = "-"
ASK = "\0ask"  # the option given alone; no argument can hold a NUL, so no typed value is taken for it


@dataclass(frozen=True)
class KeyOption:
    name: str  # the argparse dest
    flag: str
    what: str  # for help, prompts and errors
    prompt: str


# in the order the values are read from standard input
KEY_OPTIONS = (
    KeyOption("can", "--can", "the CAN: the last 6 digits of the 12-digit ID number", "CAN (6 digits): "),
    KeyOption("mrz", "--mrz", "the three MRZ lines of the card's back (on standard input: up to a blank line or "
              "the end)", "MRZ, the three lines of the card's back (a blank line ends it): "),
    KeyOption("document", "--document", "document number: the last 9 digits of the ID number",
              "Document number (9 digits): "),
    KeyOption("birth", "--birth", "birth date, YYMMDD", "Birth date (YYMMDD): "),
    KeyOption("expiry", "--expiry", "expiry date, YYMMDD ('none' for a card that does not expire)",
              "Expiry date (YYMMDD, or none): "),
)
MRZ_LINES = 3
TD1_LENGTH = 90  # the three lines of a card's MRZ


def add_key_options(group: argparse._ArgumentGroup) -> None:
    for option in KEY_OPTIONS:
        group.add_argument(option.flag, dest=option.name, nargs="?", const=ASK, metavar="-",
                           help=f"{option.what}. `-` reads it from standard input; the option alone asks for it "
                                "(not echoed)")


def given(args: argparse.Namespace, name: str) -> bool:
    return getattr(args, name, None) is not None


def read_key_values(args: argparse.Namespace) -> tuple[dict[str, str], str]:
    """The value of each key option given, and where they came from ("standard input" or "terminal"):
    refused when written on the command line (before anything is read), else read from standard input (in
    KEY_OPTIONS order) or, when it is a terminal, asked for there."""
    chosen = [option for option in KEY_OPTIONS if given(args, option.name)]
    for option in chosen:
        if getattr(args, option.name) not in (STDIN, ASK):
            raise UsageError(f"{option.flag} takes no value on the command line: every user of this computer can "
                             "see it there and the shell keeps it in its history. Give `"
                             f"{option.flag} -` and write it on standard input, or `{option.flag}` alone to be "
                             "asked for it")
    terminal = sys.stdin is not None and sys.stdin.isatty()
    values = {}
    for option in chosen:
        if terminal:
            values[option.name] = _ask(option)
        elif getattr(args, option.name) == ASK:
            raise UsageError(f"{option.flag}: no terminal to ask for it on: give `{option.flag} -` and write it "
                             "on standard input")
        else:
            values[option.name] = _read_stdin(option)
    return values, "terminal" if terminal else "standard input"


def _read_stdin(option: KeyOption) -> str:
    if option.name == "mrz":
        lines = []
        for line in sys.stdin:
            if not line.strip():
                if lines:
                    break
                continue  # blank lines before the MRZ
            lines.append(line.strip())
        text = "\n".join(lines)
    else:
        text = sys.stdin.readline().strip()
    if not text:
        raise UsageError(f"{option.flag} -: standard input ended before {option.what.split(':')[0]}")
    return text


def _ask(option: KeyOption) -> str:
    text = _ask_lines(option.prompt, MRZ_LINES) if option.name == "mrz" else getpass.getpass(option.prompt).strip()
    if not text:
        raise UsageError(f"{option.flag}: nothing was typed")
    return text


def _ask_lines(prompt: str, most: int) -> str:
    """Up to `most` lines typed on the terminal (standard input) without echo, a blank line ending them
    early. Not getpass line by line: it discards what was typed ahead, so a pasted MRZ would lose two lines."""
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    quiet = termios.tcgetattr(fd)
    quiet[3] &= ~termios.ECHO
    lines: list[str] = []
    termios.tcsetattr(fd, termios.TCSADRAIN, quiet)  # before the prompt: nothing typed after it is echoed
    try:
        print(prompt, end="", file=sys.stderr, flush=True)
        while len(lines) < most:
            line = sys.stdin.readline()
            if not line.strip():
                if lines or not line:
                    break
                continue
            lines.append(line.strip())
            if sum(len(typed.replace(" ", "")) for typed in lines) >= TD1_LENGTH:
                break  # the three lines typed on one, or pasted
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        print(file=sys.stderr, flush=True)
    return "\n".join(lines)

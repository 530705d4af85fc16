"""Files only the station's own user may read: 0600 files in 0700 folders, made so at creation.

A mode set by chmod after the write leaves a moment when the file is readable by all (umask 022);
these helpers pass the mode to open(2) and mkdir(2) instead, under a umask that cannot widen it.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_opener(path: str, flags: int) -> int:
    """An `opener` for open(): a new file is created 0600."""
    return os.open(path, flags, FILE_MODE)


def private_folder(path: Path | str) -> Path:
    """`path` and every missing parent created 0700; an existing folder that others may enter is
    narrowed to 0700 (a station set up before this rule). Returns the path."""
    path = Path(path)
    missing = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:  # made by another process meanwhile
            pass
    if path.stat().st_mode & 0o077:
        path.chmod(FOLDER_MODE)
    return path


def create_private_file(path: Path | str) -> None:
    """Create `path` empty and 0600 when it does not exist yet (so a program that opens it later with
    its own mode, SQLite for instance, finds it private); an existing file open to others is narrowed
    to 0600 before anything more is written to it."""
    path = Path(path)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        narrow_if_present(path)


def narrow_if_present(path: Path | str) -> None:
    """An existing file others may read is made 0600; a missing one is left missing."""
    try:
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, FILE_MODE)
    except FileNotFoundError:
        pass

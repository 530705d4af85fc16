"""Large files beside the database, named by the SHA-256 of their *ciphertext*.

The plaintext hash is never used as a name: it would let whoever holds the disk confirm that a
known document is there. Writes are atomic: a temporary file in the same folder, fsync, rename,
fsync the folder. A crash leaves either no file or a whole one (plus, at worst, a stray temporary
file or an unreferenced file, both harmless and removed by `remove_orphans`).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path
from typing import Iterator

from kiosk.private_files import private_folder

from .crypto import fsync_dir

NAME = re.compile(r"[0-9a-f]{64}")
TMP_PREFIX = ".tmp-"


def write_new_file(path: Path, data: bytes) -> None:
    """Create `path` (never over an existing file), readable by the owner alone, and fsync it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


class BlobStore:
    def __init__(self, root: Path):
        self.root = private_folder(root)

    def path(self, name: str) -> Path:
        if not NAME.fullmatch(name):
            raise ValueError("a blob name is 64 lowercase hex digits")
        return self.root / name[:2] / name

    def put(self, data: bytes) -> str:
        name = hashlib.sha256(data).hexdigest()
        final = self.path(name)
        folder = final.parent
        if not folder.is_dir():
            folder.mkdir(mode=0o700, exist_ok=True)
            fsync_dir(self.root)
        if final.exists() and final.stat().st_size == len(data):
            return name  # same ciphertext already stored (practically never: nonces are random)
        tmp = folder / f"{TMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}"
        try:
            write_new_file(tmp, data)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, final)
        fsync_dir(folder)
        return name

    def get(self, name: str) -> bytes:
        return self.path(name).read_bytes()

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def shred(self, name: str) -> None:
        """Overwrite the file with zeros, fsync, then delete it.

        On flash storage and copy-on-write file systems overwriting in place is not guaranteed to
        reach the old blocks; what really protects the content is that it is encrypted under a
        data key that is destroyed with the dossier's row.
        """
        path = self.path(name)
        try:
            fd = os.open(path, os.O_WRONLY)
        except FileNotFoundError:
            return
        try:
            size = os.fstat(fd).st_size
            chunk = b"\0" * min(size, 1 << 20) if size else b""
            left = size
            while left > 0:
                left -= os.write(fd, chunk[: min(left, len(chunk))])
            os.fsync(fd)
        finally:
            os.close(fd)
        path.unlink(missing_ok=True)
        fsync_dir(path.parent)

    def names(self) -> Iterator[str]:
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for entry in folder.iterdir():
                    if NAME.fullmatch(entry.name):
                        yield entry.name

    def temporary_files(self) -> Iterator[Path]:
        for folder in self.root.iterdir():
            if folder.is_dir():
                yield from folder.glob(TMP_PREFIX + "*")

    def remove_stale_temporaries(self, older_than_seconds: float = 3600) -> int:
        removed = 0
        limit = time.time() - older_than_seconds
        for tmp in self.temporary_files():
            try:
                if tmp.stat().st_mtime < limit:
                    tmp.unlink()
                    removed += 1
            except FileNotFoundError:
                pass
        return removed

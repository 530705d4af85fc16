"""The station's copy of the province's content, under `<data_dir>/content/`:

    metadata/          the TUF metadata the station trusts (root chain, timestamp, snapshot, targets)
    versions/<n>/      each verified and checked version (the layout of kiosk.content.layout)
    current            a symbolic link to versions/<n>: the version in use, swapped in one rename
    state.json         what happened at the last check (kiosk.content.state)

The version in use and the one before it are kept; a failed update touches neither.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from kiosk.private_files import private_folder

VERSION_NAME = re.compile(r"[1-9][0-9]{0,9}")


class StationContent:
    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir) / "content"
        self.metadata = self.root / "metadata"
        self.versions = self.root / "versions"
        self.current = self.root / "current"
        self.state_file = self.root / "state.json"

    def active(self) -> tuple[int, Path] | None:
        """The version in use and its folder; None when the station has none (it then uses its own files).
        One readlink: cheap enough to ask at every intake."""
        try:
            target = os.readlink(self.current)
        except OSError:
            return None
        name = Path(target).name
        folder = self.versions / name
        if not VERSION_NAME.fullmatch(name) or not folder.is_dir():
            return None
        return int(name), folder

    def staging(self, version: int) -> Path:
        """An empty folder to download `version` into (what an interrupted update left is removed)."""
        private_folder(self.versions)
        staged = self.versions / f".{version}.partial"
        if staged.exists():
            shutil.rmtree(staged)
        staged.mkdir(mode=0o700)
        return staged

    def install(self, version: int, staged: Path) -> Path:
        """Makes the checked `staged` folder version `version` and the one in use, in one atomic rename of
        the `current` link; keeps the version it replaces and removes older ones."""
        folder = self.versions / str(version)
        in_use = self.active()
        if folder.exists() and (in_use is None or in_use[0] != version):
            shutil.rmtree(folder)  # a copy left by an interrupted install, never the one in use
        if not folder.exists():
            os.rename(staged, folder)
        link = self.root / ".current.new"
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(Path("versions") / str(version), link)
        os.replace(link, self.current)
        self._prune(keep={version, in_use[0] if in_use else version})
        return folder

    def _prune(self, keep: set[int]) -> None:
        for entry in self.versions.iterdir():
            if VERSION_NAME.fullmatch(entry.name) and int(entry.name) not in keep:
                shutil.rmtree(entry, ignore_errors=True)

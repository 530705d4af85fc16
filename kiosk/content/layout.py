"""The layout of the province's content, and its check with the loaders the station itself uses.

The same layout is the folder the province publishes (`kiosk content publish SOURCE`) and each version
folder a station keeps (`<data_dir>/content/versions/<n>/`). Every part is optional; anything else in
the folder is refused, so the repository can only ever hold these files (never a citizen's).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import EXIT_CONFIG, KioskError

TRUST = "trust"  # CSCA certificates and ICAO master lists, as the trust_store folder holds them
PROCEDURES = "catalogs/procedures_commune.json"
UNIT_AMENDMENTS = "catalogs/unit_amendments.json"
HOLIDAYS = "catalogs/holidays.toml"
SETTINGS = "settings.toml"
FILES = (PROCEDURES, UNIT_AMENDMENTS, HOLIDAYS, SETTINGS)
TRUST_SUFFIXES = (".pem", ".der", ".cer", ".crt", ".ml")


class ContentError(KioskError):
    """The content is refused: which file and why (at publish for the province, on the station for the
    technician). Holds no personal data: the content has none."""

    exit_code = EXIT_CONFIG  # the folder is wrong, as a bad configuration is

    def __init__(self, file: str, problem: str) -> None:
        self.file, self.problem = file, problem
        super().__init__(f"content {file}: {problem}")


@dataclass(frozen=True)
class ContentSummary:
    files: tuple[str, ...]  # relative paths, '/'-separated, sorted
    procedures: int | None = None
    amendments: int | None = None
    holiday_years: tuple[int, ...] = ()
    trust_certificates: int | None = None
    settings: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        parts = []
        if self.procedures is not None:
            parts.append(f"{self.procedures} procedures")
        if self.amendments is not None:
            parts.append(f"{self.amendments} unit amendments")
        if self.holiday_years:
            parts.append("holidays " + ", ".join(map(str, self.holiday_years)))
        if self.trust_certificates is not None:
            parts.append(f"{self.trust_certificates} CSCA certificates")
        if self.settings:
            parts.append("settings " + ", ".join(self.settings))
        return parts


def is_layout_name(name: str) -> bool:
    """Whether `name` (relative, '/'-separated) is a file the layout holds: never a path that leaves the
    folder, a hidden file or anything else."""
    if name in FILES:
        return True
    folder, _, base = name.partition("/")
    return folder == TRUST and "/" not in base and not base.startswith(".") \
        and base.lower().endswith(TRUST_SUFFIXES) and base not in ("", "..")


def content_files(folder: Path) -> list[str]:
    """Every file under `folder`, relative and '/'-separated; refuses what the layout does not hold."""
    if not folder.is_dir():
        raise ContentError(str(folder), "is not a folder")
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            raise ContentError(relative, "is a symbolic link: publish the file itself")
        if path.is_dir():
            if relative not in (TRUST, "catalogs"):
                raise ContentError(relative, f"is not part of the layout ({', '.join((TRUST + '/', *FILES))})")
            continue
        if is_layout_name(relative):
            found.append(relative)
        else:
            raise ContentError(relative, f"is not part of the layout: {TRUST}/*{'|*'.join(TRUST_SUFFIXES)}, "
                               + ", ".join(FILES))
    if not found:
        raise ContentError(str(folder), "holds none of the content's files")
    return found


def check_content(folder: Path) -> ContentSummary:
    """Loads every part with the station's own loaders; the first problem raises ContentError."""
    from kiosk.catalogs import CatalogError, load_holidays, load_procedures, load_unit_amendments, units

    from .settings import load_settings

    files = content_files(folder)
    summary: dict = {"files": tuple(files)}
    try:
        if PROCEDURES in files:
            summary["procedures"] = len(load_procedures(folder / PROCEDURES))
        if UNIT_AMENDMENTS in files:
            base = units()
            summary["amendments"] = len(load_unit_amendments(folder / UNIT_AMENDMENTS, base).amendments) \
                - len(base.amendments)
        if HOLIDAYS in files:
            summary["holiday_years"] = tuple(sorted(load_holidays(folder / HOLIDAYS).years))
    except CatalogError as error:
        raise ContentError(_part_of(error, folder, files), _problem(error)) from None
    if any(name.startswith(TRUST + "/") for name in files):
        summary["trust_certificates"] = _check_trust(folder / TRUST)
    if SETTINGS in files:
        summary["settings"] = tuple(sorted(load_settings(folder / SETTINGS)))
    return ContentSummary(**summary)


def _check_trust(folder: Path) -> int:
    from drivers.card.trust import TrustStore, TrustStoreError

    try:
        store = TrustStore.load(folder)
    except TrustStoreError as error:
        raise ContentError(TRUST, str(error)) from None
    if failed := store.summary.failed_files:
        raise ContentError(f"{TRUST}/{failed[0].name}", f"cannot be used ({failed[0].reason})")
    if not store.summary.certificates:
        raise ContentError(TRUST, "holds no CSCA certificate: no card could be proved genuine")
    return store.summary.certificates


def _part_of(error: Exception, folder: Path, files: list[str]) -> str:
    text = str(error)
    for name in files:
        if str(folder / name) in text:
            return name
    return str(folder)


def _problem(error: Exception) -> str:
    text = str(error)
    return text.split(": ", 1)[1] if text.startswith("catalog ") and ": " in text else text

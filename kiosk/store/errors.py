"""Errors of the store. Messages name dossiers by their local id only, never by personal data."""

from kiosk.errors import EXIT_STATION, KioskError


class StoreError(KioskError):
    exit_code = EXIT_STATION


class WrongStationKey(StoreError):
    def __init__(self, where: str):
        super().__init__(
            f"the station key does not open this store ({where}): restore this station's key file, "
            "or point the station at its own data folder"
        )


class TamperedData(StoreError):
    """A ciphertext failed its integrity check: edited, swapped between rows, or damaged on disk."""

    def __init__(self, what: str):
        self.what = what
        super().__init__(f"{what} fails its integrity check: it was tampered with or damaged")


class SchemaTooNew(StoreError):
    def __init__(self, where: str, found: int, known: int):
        self.found, self.known = found, known
        super().__init__(
            f"the store at {where} has schema version {found}, newer than this program knows "
            f"(up to {known}): update the program; the store was not touched"
        )


class KeyFileError(StoreError):
    pass


class NotFound(StoreError):
    pass


class ConcurrentEdit(StoreError):
    pass

"""Errors the person at the station can act on, each with the exit code the command line returns."""

EXIT_OK = 0
EXIT_FAILURE = 1  # an unexpected error: a bug, reported with a log reference
EXIT_USAGE = 2  # argparse's own code for a wrong command line
EXIT_CONFIG = 3
EXIT_STATION = 4  # a service or device the command needs is missing or broken
EXIT_CHECKS_FAILED = 5  # `kiosk doctor` found at least one failed check
EXIT_CARD = 6  # the card could not be read: wrong access key, card removed, integrity failure
EXIT_NOT_GENUINE = 7  # the card was read, but not proven genuine (untrusted signer, cloned chip, no trust store)
EXIT_NOT_MATCHED = 8  # `kiosk face verify`: the face was not confirmed as the portrait's (mismatch, no face, no turn)


class KioskError(Exception):
    """An error whose message is written for the person who can fix it. Never holds personal data."""

    exit_code = EXIT_FAILURE


class ConfigError(KioskError):
    exit_code = EXIT_CONFIG

    def __init__(self, key: str, problem: str, source: str = ""):
        self.key = key
        where = f" (in {source})" if source else ""
        super().__init__(f"configuration: {key}{where}: {problem}")


class StationError(KioskError):
    exit_code = EXIT_STATION


class CardReadError(KioskError):
    exit_code = EXIT_CARD

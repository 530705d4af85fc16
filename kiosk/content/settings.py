"""The station settings a province may set from afar (`settings.toml` of its content): only harmless
ones. The endpoint, certificates, keys, paths, devices and the face threshold stay the station's own:
a signed repository must not be able to redirect dossiers or weaken a check."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

from kiosk.config import KEYS, Config

PROVINCE_SETTINGS = ("idle_timeout", "wait_alert_minutes", "sign_out_idle_minutes", "draft_retention_days",
                     "accepted_retention_days", "tsa_url")


def load_settings(path: Path) -> dict[str, Any]:
    """The settings of `path`, each parsed as the configuration parses it; raises ContentError naming
    the key and what it expects."""
    from .layout import SETTINGS, ContentError

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(SETTINGS, f"cannot be read ({error.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(SETTINGS, f"is not valid TOML ({error})") from None
    settings = {}
    for key, value in data.items():
        if key not in PROVINCE_SETTINGS:
            raise ContentError(SETTINGS, f"'{key}' cannot be set by the province (only "
                               + ", ".join(PROVINCE_SETTINGS) + ")")
        try:
            settings[key] = KEYS[key].parse(value)
        except ValueError as error:
            raise ContentError(SETTINGS, f"'{key}': expected {error}") from None
    return settings


def with_settings(config: Config, settings: dict[str, Any]) -> Config:
    """`config` with the province's settings over it (only the keys of PROVINCE_SETTINGS)."""
    allowed = {key: value for key, value in settings.items() if key in PROVINCE_SETTINGS}
    return dataclasses.replace(config, **allowed) if allowed else config

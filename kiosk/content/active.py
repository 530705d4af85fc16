"""Which file the station uses for each kind of content: the province's, when the version in use has
it, else the configured or shipped one. The consumers (StationServices, `kiosk doctor`, `kiosk card`)
ask here rather than read the configuration's paths themselves."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config import Config

from . import layout
from .folder import StationContent

log = logging.getLogger(__name__)


def content_version(config: Config) -> int | None:
    """The version in use (None: none). One readlink: cheap enough for every new intake."""
    active = StationContent(config.data_dir).active()
    return active[0] if active else None


@dataclass(frozen=True)
class ActiveContent:
    config: Config
    version: int | None
    folder: Path | None

    def _file(self, name: str) -> Path | None:
        if self.folder is None:
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def procedures(self):
        """The province's procedure catalog, else the shipped one (also when the province's cannot be
        read any more: a damaged disk must not stop intakes; the log says so)."""
        from kiosk.catalogs import CatalogError, load_procedures

        if path := self._file(layout.PROCEDURES):
            try:
                return load_procedures(path)
            except CatalogError as error:
                log.error("the province's procedure catalog is not used: %s", error)
        return load_procedures()

    def units(self):
        """The shipped units, with the province's amendments over them when it published some."""
        from kiosk.catalogs import CatalogError, load_unit_amendments, load_units

        catalog = load_units()
        if path := self._file(layout.UNIT_AMENDMENTS):
            try:
                return load_unit_amendments(path, catalog)
            except CatalogError as error:
                log.error("the province's unit amendments are not used: %s", error)
        return catalog

    @property
    def holiday_calendar(self) -> Path | None:
        """The calendar file to load (None: the shipped one)."""
        return self._file(layout.HOLIDAYS) or self.config.holiday_calendar

    @property
    def trust_store(self) -> Path:
        """The folder of CSCA certificates and master lists: the province's when published."""
        if self.folder is not None and (self.folder / layout.TRUST).is_dir():
            return self.folder / layout.TRUST
        return self.config.trust_store

    def settings(self) -> dict[str, Any]:
        from .settings import load_settings

        if path := self._file(layout.SETTINGS):
            try:
                return load_settings(path)
            except layout.ContentError as error:
                log.error("the province's settings are not used: %s", error)
        return {}


def active_content(config: Config) -> ActiveContent:
    active = StationContent(config.data_dir).active()
    return ActiveContent(config, *(active or (None, None)))


def with_province_settings(config: Config) -> Config:
    """`config` with the settings of the content in use over it (kiosk.content.settings.PROVINCE_SETTINGS)."""
    from .settings import with_settings

    return with_settings(config, active_content(config).settings())

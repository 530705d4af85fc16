"""Reference data the station works with: administrative units (from 1 July 2025, with dated
amendments) and the catalog of commune-level procedures, and the public-holiday calendar. Loaded from `resources/catalogs/`, validated
at load time; generated from the source tables in `resources/catalogs/sources/`."""

from .holidays import DaysOff, HolidayCalendar, HolidayEntry, load_holidays
from .procedures import Procedure, ProcedureCatalog, ProcedureComponent, ProcedureSource, load_procedures
from .units import Amendment, CatalogError, Commune, Province, UnitCatalog, load_unit_amendments, load_units

__all__ = ["DaysOff", "HolidayCalendar", "HolidayEntry", "load_holidays", "Amendment", "CatalogError", "Commune", "Province", "UnitCatalog", "load_units", "load_unit_amendments", "Procedure",
           "ProcedureCatalog", "ProcedureComponent", "ProcedureSource", "load_procedures"]

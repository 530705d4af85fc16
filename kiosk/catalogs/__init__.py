"""Reference data the station works with: administrative units (from 1 July 2025) and the catalog of
commune-level procedures. Loaded from `resources/catalogs/`, validated at load time."""

from .procedures import Procedure, ProcedureCatalog, ProcedureComponent, ProcedureSource, load_procedures
from .units import CatalogError, Commune, Province, UnitCatalog, load_units

__all__ = ["CatalogError", "Commune", "Province", "UnitCatalog", "load_units", "Procedure",
           "ProcedureCatalog", "ProcedureComponent", "ProcedureSource", "load_procedures"]

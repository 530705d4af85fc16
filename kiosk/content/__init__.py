"""Content the province publishes, signed (The Update Framework), for every station: the trust store
(CSCA certificates and master lists), the procedure catalog, administrative-unit amendments, the
holiday calendar and a few station settings. Here: its layout and check, the station's folder of
versions, its state, and which file each consumer uses. Fetching is the relay's
(`sync.content_updater`), publishing the province's (`sync.content_repository`)."""

from .active import ActiveContent, active_content, content_version, with_province_settings
from .folder import StationContent
from .layout import ContentError, ContentSummary, check_content, content_files
from .settings import PROVINCE_SETTINGS
from .state import ERROR_KINDS, ContentState, content_status

__all__ = ["ActiveContent", "active_content", "content_version", "with_province_settings", "StationContent",
           "ContentError", "ContentSummary", "check_content", "content_files", "PROVINCE_SETTINGS", "ERROR_KINDS",
           "ContentState", "content_status"]

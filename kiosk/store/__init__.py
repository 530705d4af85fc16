"""The station's encrypted local store of dossiers, documents, e-wallet draft items and audit log."""

from .audit import AuditProblem
from .errors import (
    ConcurrentEdit,
    KeyFileError,
    NotFound,
    SchemaTooNew,
    StoreError,
    TamperedData,
    WrongStationKey,
)
from .keystores import (
    CredentialKeyStore,
    FileKeyStore,
    KeyStore,
    MemoryKeyStore,
    PassphraseKeyStore,
    TpmKeyStore,
    key_store_for,
)
from .migrations import LATEST, MIGRATIONS, Migration
from .officers import AccountError, Officer, SignInRefused
from .store import Retention, Store, open_station_store, open_store
from .upgrading import CopyFailed, UpgradeFailed

__all__ = [
    "AuditProblem", "FileKeyStore", "KeyStore", "MemoryKeyStore", "ConcurrentEdit", "KeyFileError",
    "NotFound", "SchemaTooNew", "StoreError", "TamperedData", "WrongStationKey", "LATEST", "MIGRATIONS",
    "Migration", "Retention", "Store", "open_store", "AccountError", "Officer", "SignInRefused",
    "CredentialKeyStore", "PassphraseKeyStore", "TpmKeyStore", "key_store_for", "open_station_store",
    "CopyFailed", "UpgradeFailed",
]

"""Moving a plain station key (development, or a station set up before sealing) into a sealed form.

The plain file goes only once the sealed key has been read back from a fresh key store and has
opened the store: a failure at any step leaves the plain key as it was, and the store opening.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .errors import KeyFileError
from .keystores import FileKeyStore, MemoryKeyStore, SealedKeyStore, console_passphrase, sealed_key_store
from .store import Store

if TYPE_CHECKING:
    from kiosk.config import Config


def seal_plain_key(config: "Config", kind: str, ask: Callable[[str], str] = console_passphrase) -> SealedKeyStore:
    """Seals the plain key of `config.key_dir` as `kind` ("tpm", "credential" or "passphrase"), checks
    it, then overwrites and removes the plain file. Returns the sealed key store."""
    target = sealed_key_store(kind, config.key_dir, config.tpm_tcti, ask)
    plain = FileKeyStore(config.key_dir)
    if not plain.exists():
        raise KeyFileError(f"there is no plain station key in {config.key_dir} to seal")
    key = plain.station_key()
    with Store(config.store_dir, MemoryKeyStore(key), config.station_id):
        pass  # the plain key opens this store (WrongStationKey otherwise): it is the one worth sealing
    target.seal(key)
    try:
        fresh = sealed_key_store(kind, config.key_dir, config.tpm_tcti, ask)
        if fresh.station_key() != key:
            raise KeyFileError("the sealed station key read back differs from the plain one: nothing was changed")
        with Store(config.store_dir, fresh, config.station_id):
            pass
    except BaseException:
        target.remove()  # keep the plain key, drop the sealing that did not prove itself
        raise
    plain.remove()
    return fresh

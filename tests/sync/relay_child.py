"""A relay process for the crash test: delivers until nothing is due, then exits 0.

    python -m tests.sync.relay_child STORE KEYS ENDPOINT PKI
"""

import sys
from pathlib import Path

from kiosk.store import FileKeyStore, Store
from sync.client import HttpProvincialClient
from sync.relay import Backoff, Relay


def main(store_dir: str, key_dir: str, endpoint: str, pki: str) -> int:
    pki_dir = Path(pki)
    client = HttpProvincialClient(endpoint, pki_dir / "ca.pem", pki_dir / "station-SIM-01.pem",
                                  pki_dir / "station-SIM-01.key", chunk_size=32 * 1024)
    with Store(Path(store_dir), FileKeyStore(Path(key_dir)), station_id="SIM-01") as store:
        store.recover_interrupted_uploads()
        relay = Relay(store, client, backoff=Backoff(base=0, cap=0), batch=100)
        while store.due_uploads():
            relay.run_once()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

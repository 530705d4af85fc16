"""Run inside an installed root by the package's own Python, as the station user (not a test module).

    /opt/digitisation-point/venv/bin/python station_store.py fill-as-previous-version
    /opt/digitisation-point/venv/bin/python station_store.py inspect

`fill-as-previous-version` writes what a station of the previous version (store schema 6) holds: a few
submitted dossiers with components, their documents and outbox entries; `inspect` opens the store as
the installed version does (migrating it on its first opening). Both print the store's counts, schema
version and audit head as JSON. Only `kiosk` (the installed package) is imported; the configuration
comes from $KIOSK_CONFIG, as for every program of the station.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime, timedelta, timezone

from kiosk.config import load_config
from kiosk.domain import CitizenSnapshot, Component, Document, Dossier
from kiosk.store import MIGRATIONS, Store, open_station_store
from kiosk.store.keystores import key_store_for

PREVIOUS_SCHEMA = 6
DOSSIERS = 3
COMPONENTS = 2
TABLES = ("dossiers", "components", "documents", "outbox", "audit")


def pdf(pages: int) -> bytes:
    body = b"".join(b"%d 0 obj stream\n" % i + os.urandom(3000) + b"\nendstream\n" for i in range(pages))
    return b"%PDF-1.4\n" + body + b"%%EOF\n"


def fill(store: Store) -> list[str]:
    ids = []
    start = datetime.now(timezone.utc) - timedelta(hours=1)
    for number in range(DOSSIERS):
        now = start + timedelta(minutes=number)
        dossier = Dossier(procedure_code="1.001193", receiving_unit="06970", competent_unit="06970",
                          citizen=CitizenSnapshot(id_number=f"00119001234{number}", full_name="Nguyễn Thị Hồng Nhung"),
                          received_by="officer-7", created_at=now)
        for part in range(1, COMPONENTS + 1):
            dossier.set_component(Component(name=f"Giấy tờ {part}", document=Document.from_pdf(pdf(part), part)), now)
        dossier.mark_ready(now)
        store.submit(dossier, now=now)
        ids.append(dossier.id)
    return ids


def summary(store: Store) -> dict:
    counts = {table: store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
    head = store.audit_head()
    return {"schema": store.schema_version, "counts": counts, "audit_head": list(head) if head else None,
            "dossier_ids": sorted(row[0] for row in store.conn.execute("SELECT id FROM dossiers"))}


def main(action: str) -> int:
    config = load_config()
    if action == "fill-as-previous-version":
        with Store(config.store_dir, key_store_for(config), config.station_id,
                   migrations=MIGRATIONS[:PREVIOUS_SCHEMA]) as store:
            fill(store)
            result = summary(store)
    elif action == "inspect":
        with open_station_store(config) as store:
            result = summary(store)
            old = json.loads(os.environ.get("PREVIOUS_HEAD", "null"))
            if old:  # the previous version's last audit row, unchanged by the upgrade
                result["previous_head_now"] = store.audit_hash_at(old[0])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))

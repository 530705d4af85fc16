"""The relay killed with SIGKILL at random moments, restarted each time: every dossier arrives once,
and every e-wallet item made from it once too, recorded on the station."""

import hashlib
import os
import random
import signal
import subprocess
import sys
import time

from kiosk.domain import DossierState
from kiosk.store import FileKeyStore, Store
from tests.sync.factories import Clock, submitted

KILLS = int(os.environ.get("KIOSK_CRASH_KILLS", "100"))
DOSSIERS = 50


def test_relay_killed_at_random_delivers_every_dossier_exactly_once(server, pki, tmp_path):
    store_dir, key_dir = tmp_path / "store", tmp_path / "keys"
    clock = Clock()
    with Store(store_dir, FileKeyStore(key_dir), station_id="SIM-01") as store:
        # two items each: one from the dossier's first PDF, one with a PDF of its own (uploaded in two chunks)
        dossiers = [submitted(store, clock, sizes=(60_000, 90_000, 30_000), wallet=(None, 40_000))
                    for _ in range(DOSSIERS)]
    server.faults.latency = 0.05  # stretch the uploads so that kills land in the middle of them
    child = [sys.executable, "-m", "tests.sync.relay_child", str(store_dir), str(key_dir), server.url, str(pki.folder)]
    rng = random.Random(2026)
    kills = 0
    for _ in range(KILLS):
        process = subprocess.Popen(child, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 0.6))
        if process.poll() is not None:  # finished before the kill: everything was delivered
            assert process.returncode == 0, process.stderr.read().decode()
            process.stderr.close()
            break
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stderr.close()
        kills += 1
    assert kills == KILLS, "the relay finished before every kill: stretch the uploads"
    server.faults.latency = 0
    final = subprocess.run(child, capture_output=True, timeout=300)
    assert final.returncode == 0, final.stderr.decode()

    with Store(store_dir, FileKeyStore(key_dir), station_id="SIM-01") as store:
        states = {d.id: store.load(d.id) for d in dossiers}
        stuck = {i: (d.state.value, d.rejection_reason) for i, d in states.items() if d.state is not DossierState.ACCEPTED}
        assert stuck == {}
        assert server.dossier_count() == DOSSIERS
        assert store.check() == []
        for dossier in dossiers:
            stored = store.load(dossier.id)
            at_province = server.dossier(dossier.id)
            assert stored.state is DossierState.ACCEPTED
            assert stored.official_code == at_province["code"]
            for component in dossier.components:
                received = server.file_bytes(dossier.id, f"{component.document.id}.pdf")
                assert hashlib.sha256(received).hexdigest() == component.document.sha256
            items = store.wallet_items_of(dossier.id, with_content=True)
            assert len(items) == 2 and store.wallet_items_of(dossier.id, unsent_only=True) == []
            for item in items:
                assert store.wallet_item_status(item.id)["received_at"] is not None
                assert server.wallet_document(item.id) == item.document.content
            first, second = (server.wallet_item(item.id) for item in items)
            assert first["received_at"] <= second["received_at"]  # in order
    assert server.wallet_item_count() == 2 * DOSSIERS  # none twice
    codes = [server.dossier(d.id)["code"] for d in dossiers]
    assert len(set(codes)) == DOSSIERS  # one code each: nothing was submitted twice

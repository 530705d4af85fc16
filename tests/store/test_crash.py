"""Power-cut stand-in: a child process storing dossiers is killed with SIGKILL at random moments.

After every kill, and at the end, the store must open, `check()` must find nothing wrong, and
every dossier the child reported *after its commit returned* must be complete and decrypt.

The number of kills is `KIOSK_CRASH_KILLS` (default 200, about 15–30 s here). Children are forked
from the test process (modules already imported), so a kill costs milliseconds, not an
interpreter start-up. SIGKILL tests process crashes; the same ordering (files fsynced before the
commit, synchronous=FULL) is what makes a real power cut safe, which a test cannot reproduce.
"""

from __future__ import annotations

import os
import random
import signal
import time

from kiosk.domain import Component, DossierState
from kiosk.store import FileKeyStore, Store

from .conftest import make_citizen, make_document, make_dossier

KILLS = int(os.environ.get("KIOSK_CRASH_KILLS", "200"))
MAX_DELAY = 0.12  # seconds: from before the store is open to several commits in


def _child(datadir, keydir, out: int, seed: int) -> None:
    rnd = random.Random(seed)
    store = Store(datadir, FileKeyStore(keydir), station_id="SIM-01")
    while True:
        dossier = make_dossier(make_citizen(id_number=f"{rnd.randrange(10**12):012d}"),
                               documents=rnd.randint(1, 3), pages=rnd.randint(2, 4))
        store.submit(dossier)
        os.write(out, f"submit {dossier.id}\n".encode())
        if rnd.random() < 0.3:  # edit before upload: a file replaced (and shredded), back to draft
            dossier.reopen()
            dossier.set_component(Component(name="Giấy tờ số 1", document=make_document(3)))
            store.save(dossier)
            os.write(out, f"edit {dossier.id}\n".encode())


def _run_child(datadir, keydir, seed: int, delay: float) -> list[tuple[str, str]]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        try:
            _child(datadir, keydir, write, seed)
        finally:
            os._exit(1)
    os.close(write)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.close(read)
    lines = data.decode().split("\n")[:-1]  # the last piece may be cut: only whole lines count
    return [tuple(line.split(" ", 1)) for line in lines]


def test_sigkill_at_random_moments(tmp_path):
    datadir, keydir = tmp_path / "data", tmp_path / "config"
    rnd = random.Random(int(os.environ.get("KIOSK_CRASH_SEED", "4")))
    committed: dict[str, str] = {}
    started = time.monotonic()
    for kill in range(KILLS):
        for event, dossier_id in _run_child(datadir, keydir, rnd.randrange(2**32), rnd.uniform(0, MAX_DELAY)):
            committed[dossier_id] = event
        if kill % 50 == 49:  # the store survives every kill, not only the last one
            with Store(datadir, FileKeyStore(keydir), station_id="SIM-01") as store:
                assert store.check(verify_files=False) == []
    elapsed = time.monotonic() - started

    with Store(datadir, FileKeyStore(keydir), station_id="SIM-01") as store:
        assert store.check() == []
        states = {row["id"]: row["state"] for row in store.list_dossiers()}
        for dossier_id, event in committed.items():
            assert dossier_id in states, f"dossier {dossier_id} was committed, then lost"
            dossier = store.load(dossier_id, with_content=True)  # verifies every hash and tag
            assert all(d.content for d in dossier.documents)
            if event == "edit":
                assert dossier.state is DossierState.DRAFT
                assert dossier.components[0].document.page_count == 3
            else:
                assert dossier.state in (DossierState.QUEUED, DossierState.DRAFT)
        assert store.verify_audit() == []
        orphans = len(store.orphan_files())
    assert KILLS == 0 or committed, "no child ever committed: the delays are too short to test anything"
    print(f"\n{KILLS} kills in {elapsed:.1f} s, {len(committed)} dossiers committed, "
          f"{len(states)} stored, {orphans} orphan files")

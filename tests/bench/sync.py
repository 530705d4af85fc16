"""Benchmark: the relay's upload throughput against plain PUTs of the same bytes to the same server,
and the bytes sent twice when a 20 MB upload is interrupted mid-way.

The reference server runs in its own process (`kiosk server`), on loopback, with TLS and client
certificates, so client and server do not share an interpreter.

    .venv/bin/python -m tests.bench.sync [--dossiers 200] [--files 3] [--size-mb 1]

(benchmarks run as modules from the project root: as a script, this file would hide the `sync` package)
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from kiosk.domain import CitizenSnapshot, Component, Document, Dossier
from kiosk.store import FileKeyStore, Store
from sync.reference_pki import SigningPki, make_signing_pki, make_test_pki
from sync.client import HttpProvincialClient
from sync.relay import Backoff, Relay
from tests.sync.factories import pdf


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, folder: Path, pki: Path, *faults: str) -> None:
        self.port = free_port()
        env = {**os.environ, "KIOSK_DATA_DIR": str(folder / "station")}
        env.pop("KIOSK_CONFIG", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "server", "--port", str(self.port), "--data", str(folder),
             "--pki", str(pki), *faults], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.process.stdout.readline()  # "reference provincial server on …": it listens
        self.url = f"https://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def fill(store: Store, dossiers: int, files: int, size: int, signing: SigningPki) -> list[bytes]:
    """Dossiers of signed PDFs (the server verifies each one's signature, as the province does)."""
    payloads = []
    for _ in range(dossiers):
        dossier = Dossier(procedure_code="1.001193", receiving_unit="06970", competent_unit="06970",
                          citizen=CitizenSnapshot(id_number="001190012345", full_name="Nguyễn Thị Hồng Nhung"),
                          received_by="bench")
        for number in range(files):
            content = pdf(size, signing)
            payloads.append(content)
            dossier.set_component(Component(name=f"Giấy tờ {number + 1}", document=Document.from_pdf(content, 1)))
        dossier.mark_ready()
        store.submit(dossier)
    return payloads


def client(url: str, pki) -> HttpProvincialClient:
    return HttpProvincialClient(url, pki.ca, pki.station_cert("SIM-01"), pki.station_key("SIM-01"), timeout=60)


def relay_until_empty(store: Store, relay: Relay) -> None:
    while store.due_uploads():
        relay.run_once()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--files", type=int, default=3)
    parser.add_argument("--size-mb", type=float, default=1.0)
    args = parser.parse_args()
    size = int(args.size_mb * 1024 * 1024)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pki = make_test_pki(folder / "pki")
        signing = make_signing_pki(pki.folder)  # the CA `kiosk server --pki` trusts for signatures
        server = Server(folder / "province", pki.folder)
        try:
            with Store(folder / "store", FileKeyStore(folder / "keys"), station_id="SIM-01") as store:
                payloads = fill(store, args.dossiers, args.files, size, signing)
                total = sum(map(len, payloads))
                relay_client = client(server.url, pki)
                with Relay(store, relay_client, batch=50) as relay:
                    started = time.perf_counter()
                    relay_until_empty(store, relay)
                    relay_seconds = time.perf_counter() - started
                relay_client.close()

            session = requests.Session()
            session.trust_env = False
            session.verify = str(pki.ca)
            session.cert = (str(pki.station_cert("SIM-01")), str(pki.station_key("SIM-01")))
            started = time.perf_counter()
            for number, payload in enumerate(payloads):
                session.put(f"{server.url}/v1/raw/{number}", data=payload, timeout=60).raise_for_status()
            plain_seconds = time.perf_counter() - started
            session.close()
        finally:
            server.stop()

        relay_rate, plain_rate = total / relay_seconds / 2**20, total / plain_seconds / 2**20
        print(f"{args.dossiers} dossiers x {args.files} x {args.size_mb:g} MB = {total / 2**20:.0f} MiB")
        print(f"relay (metadata, tus 1 MiB chunks with SHA-256, signature verified, submit): {relay_seconds:6.1f} s  "
              f"{relay_rate:6.1f} MiB/s")
        print(f"plain requests PUTs of the same bytes:                    {plain_seconds:6.1f} s  {plain_rate:6.1f} MiB/s")
        print(f"ratio relay / plain: {relay_rate / plain_rate:.2f}  (target >= 0.8)")

        # One 20 MB upload cut mid-way: how much goes over the wire twice?
        server = Server(folder / "province-cut", pki.folder, "--drop-after", str(10 * 2**20 + 12345))
        try:
            with Store(folder / "store-cut", FileKeyStore(folder / "keys"), station_id="SIM-01") as store:
                fill(store, 1, 1, 20 * 2**20, signing)
                cut_client = client(server.url, pki)
                with Relay(store, cut_client, backoff=Backoff(base=0, cap=0)) as relay:
                    relay_until_empty(store, relay)
                resent = cut_client.bytes_sent - 20 * 2**20
                cut_client.close()
        finally:
            server.stop()
        print(f"20 MiB upload interrupted after 10 MiB: {resent} bytes sent twice "
              f"(one chunk is {1024 * 1024}; target <= one chunk)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

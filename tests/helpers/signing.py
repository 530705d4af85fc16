"""A signing token for a test: SoftHSM2 holding a key made on it, certified by the test signing CA."""

from __future__ import annotations

import io
import socket
import threading
import uuid
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from drivers.signing.softhsm import generate_key, init_token, store_certificate, use_conf, write_conf
from drivers.signing.token import TokenSpec
from sync.reference_pki import SigningPki, make_signing_pki

PIN = "246810"
SO_PIN = "13579135"


@dataclass(frozen=True)
class TestToken:
    spec: TokenSpec
    pin: str
    pki: SigningPki
    conf: Path


def softhsm_folder(root: Path) -> Path:
    """The test run's SoftHSM2 configuration (one per process: the module reads it when it loads)."""
    conf = write_conf(root)
    use_conf(conf)
    return conf


def make_token(conf: Path, pki_folder: Path, name: str = "Test centre", **certificate) -> TestToken:
    """A fresh token with its own label; `certificate` goes to SigningPki.issue (days, starts_in_days,
    signing_usage)."""
    pki = make_signing_pki(pki_folder)
    spec = TokenSpec(token_label=f"test-{uuid.uuid4().hex[:12]}", key_label="signing", softhsm2_conf=conf)
    init_token(conf, spec.token_label, PIN, SO_PIN)
    public_key = generate_key(spec, PIN)
    store_certificate(spec, PIN, pki.issue(public_key, name, **certificate))
    return TestToken(spec, PIN, pki, conf)


@contextmanager
def timestamp_server(pki: SigningPki):
    """The test TSA on a loopback port (plain HTTP, as most RFC 3161 servers run); yields its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                reply, status, kind = pki.answer_timestamp(body), 200, "application/timestamp-reply"
            except ValueError:
                reply, status, kind = b"not a timestamp request", 400, "text/plain"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def blank_pdf(pages: int = 1) -> bytes:
    """A PDF of blank pages, for tests that sign and verify."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()

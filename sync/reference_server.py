"""The reference provincial server: the protocol of sync/PROTOCOL.md over HTTPS with client certificates.

It stores dossiers and files in its own SQLite database and folder, verifies every checksum and every
PDF's signature (PAdES, against its signing CA), assigns dossier codes, answers RFC 3161 timestamp
requests as the province's TSA, keeps each citizen's e-wallet items (`wallet/<key of the owner>/<item>.pdf`) and each
station's acknowledged audit head (`sync/reference_anchors.py`), and can inject faults for tests and demos (errors, dropped connections, latency, a
captive portal, a refused station).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import random
import re
import shutil
import socket
import sqlite3
import ssl
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

from drivers.signing.certificates import TrustAnchors, load_certificate
from drivers.signing.errors import PdfUnreadable
from drivers.signing.verify import verify_pdf
from sync import protocol as p
from sync.reference_anchors import AnchorBook
from sync.reference_pki import SigningPki

log = logging.getLogger(__name__)
WALLET_FILE_PREFIX = "wallet-item:"  # the name, among its dossier's uploads, of an e-wallet item's document
VIETNAM = timezone(timedelta(hours=7))
SIGNATURE_VERIFIED, SIGNATURE_REFUSED = "verified", "refused"  # uploads.signature, once the file is complete

SCHEMA = """
CREATE TABLE IF NOT EXISTS dossiers (
    id TEXT PRIMARY KEY, station TEXT NOT NULL, digest TEXT NOT NULL, metadata TEXT NOT NULL,
    received_at TEXT NOT NULL, code TEXT, state TEXT NOT NULL DEFAULT 'draft');
CREATE TABLE IF NOT EXISTS uploads (
    id TEXT PRIMARY KEY, dossier TEXT NOT NULL REFERENCES dossiers(id), name TEXT NOT NULL,
    length INTEGER NOT NULL, offset INTEGER NOT NULL DEFAULT 0, sha256 TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0, signature TEXT, signature_report TEXT, UNIQUE (dossier, name));
CREATE TABLE IF NOT EXISTS wallet_items (
    id TEXT PRIMARY KEY, station TEXT NOT NULL, owner TEXT NOT NULL, digest TEXT NOT NULL,
    metadata TEXT NOT NULL, source_dossier TEXT NOT NULL REFERENCES dossiers(id), sha256 TEXT NOT NULL,
    size INTEGER NOT NULL, created_at TEXT NOT NULL, received_at TEXT NOT NULL, stored INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS wallet_items_owner ON wallet_items (owner, stored, created_at);
CREATE TABLE IF NOT EXISTS sequences (unit TEXT NOT NULL, day TEXT NOT NULL, last INTEGER NOT NULL,
    PRIMARY KEY (unit, day));
"""


@dataclass
class Faults:
    fail_rate: float = 0.0  # share of requests answered 503 with Retry-After
    drop_after: int | None = None  # once: close the connection when this many upload bytes have arrived
    latency: float = 0.0  # seconds added before every answer
    captive_portal: bool = False  # answer everything 200 with an HTML login page, as a hotel portal does
    refused_stations: set[str] = field(default_factory=set)
    retry_after: int = 1
    seed: int | None = None

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)


class Storage:
    """The server's SQLite database and file folder. One lock: the reference server is not a load test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files = folder / "files"
        self.files.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        # Running SHA-256 of each upload in progress, so completion does not read the file again.
        # Lost at restart: the file is then hashed whole once.
        self.hashes: dict[str, Any] = {}
        self.db = sqlite3.connect(folder / "province.db", check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # a stand-in for the province: speed over power-cut safety
        self.db.executescript(SCHEMA)
        columns = {row["name"] for row in self.db.execute("PRAGMA table_info(uploads)")}
        for column in ("signature", "signature_report"):  # a database kept from before signatures were checked
            if column not in columns:
                self.db.execute(f"ALTER TABLE uploads ADD COLUMN {column} TEXT")

    def one(self, sql: str, *args: Any) -> sqlite3.Row | None:
        with self.lock:
            return self.db.execute(sql, args).fetchone()

    def all(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        with self.lock:
            return self.db.execute(sql, args).fetchall()

    def run(self, sql: str, *args: Any) -> None:
        with self.lock:
            self.db.execute(sql, args)

    def wallet_path(self, owner: str, item_id: str) -> Path:
        """Where a citizen's item is kept: one folder per citizen, named by a hash of the ID number
        (a listing of the folder does not show ID numbers)."""
        return self.folder / "wallet" / hashlib.sha256(f"wallet:{owner}".encode()).hexdigest()[:32] / f"{item_id}.pdf"

    def link_wallet_document(self, item_id: str) -> bool:
        """Give the item its document from a complete upload of its source dossier with the same
        SHA-256 and size (a component's PDF, or the item's own upload). True when the item is stored."""
        with self.lock:
            item = self.db.execute("SELECT * FROM wallet_items WHERE id=?", (item_id,)).fetchone()
            if item is None:
                return False
            if item["stored"]:
                return True
            upload = self.db.execute("SELECT id FROM uploads WHERE dossier=? AND sha256=? AND length=? AND complete=1 "
                                     f"AND signature='{SIGNATURE_VERIFIED}' ORDER BY name LIMIT 1", (item["source_dossier"], item["sha256"], item["size"])).fetchone()
            if upload is None:
                return False
            target = self.wallet_path(item["owner"], item_id)
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(".tmp")
            shutil.copyfile(self.files / upload["id"], temporary)
            os.replace(temporary, target)
            self.db.execute("UPDATE wallet_items SET stored=1 WHERE id=?", (item_id,))
            return True

    def judge_signature(self, upload_id: str, trust: TrustAnchors) -> str | None:
        """Verifies the signature of a complete upload's PDF (once: the verdict is kept in `uploads`);
        None when it is verified, else why it is refused (the verifier's words, no personal data)."""
        row = self.one("SELECT signature, signature_report FROM uploads WHERE id=?", upload_id)
        if row["signature"] is not None:
            return None if row["signature"] == SIGNATURE_VERIFIED else json.loads(row["signature_report"])["reason"]
        try:
            verification = verify_pdf((self.files / upload_id).read_bytes(), trust)
            report, problems = verification.as_dict(), [] if verification.ok else verification.all_problems()
        except PdfUnreadable as error:
            report, problems = {"ok": False, "problems": [str(error)], "signatures": []}, [str(error)]
        except Exception as error:  # noqa: BLE001 - a file the verifier chokes on is refused, not retried forever
            log.error("signature check failed with %s", type(error).__name__)
            problem = f"the signature cannot be checked ({type(error).__name__}): the file is not a PDF this verifier reads"
            report, problems = {"ok": False, "problems": [problem], "signatures": []}, [problem]
        reason = "; ".join(problems) or None
        self.run("UPDATE uploads SET signature=?, signature_report=? WHERE id=?",
                 SIGNATURE_REFUSED if reason else SIGNATURE_VERIFIED,
                 json.dumps({"reason": reason, "verification": report}, ensure_ascii=False), upload_id)
        return reason

    def raw_path(self, station: str, name: str) -> Path:
        """Where a station's /raw PUT lands: keyed by the station and the name together."""
        return self.files / f"raw-{uuid.uuid5(uuid.NAMESPACE_URL, f'{station}/{name}').hex}"

    def next_code(self, unit: str, when: datetime) -> str:
        """`V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`, numbered per receiving unit and day.

        The agency part stands in for the agency code the province keeps for each unit: here it is
        built from the unit's 5-digit code (ABCDE → ABC.DE.00.H00).
        """
        day = when.astimezone(VIETNAM).strftime("%y%m%d")
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            row = self.db.execute("SELECT last FROM sequences WHERE unit=? AND day=?", (unit, day)).fetchone()
            number = (row["last"] if row else 0) + 1
            self.db.execute("INSERT OR REPLACE INTO sequences VALUES (?, ?, ?)", (unit, day, number))
            self.db.execute("COMMIT")
        return f"{unit[:3]}.{unit[3:]}.00.H00-{day}-{number:04d}"


@dataclass(frozen=True)
class ServerLimits:
    """What one connection or request may cost the server; a client past them is answered and let go."""
    handshake_timeout: float = 10.0  # seconds to finish the TLS handshake
    idle_timeout: float = 60.0  # seconds a kept-alive connection may wait for its next request, or a stalled body
    max_json_body: int = p.MAX_JSON_BODY  # 413 above
    max_chunk: int = p.MAX_CHUNK_BODY  # the body of one tus request; 413 above
    max_raw: int = p.MAX_FILE_SIZE  # the body of a /raw PUT; 413 above
    linger: float = 1.0  # seconds spent reading what a client still sends after a refusal that closes
    max_connections: int = 256  # connections served at once (one thread each); more are closed at once


class _TLSServer(ThreadingHTTPServer):
    """The TLS handshake happens in the connection's own thread, with a timeout: a client that connects
    and says nothing holds its own thread for a while, never the accept loop (and so every station)."""

    daemon_threads = True
    request_queue_size = 128  # listen backlog: a burst of stations reconnecting after an outage

    def __init__(self, address: tuple[str, int], context: ssl.SSLContext, limits: ServerLimits,
                 app: "ReferenceServer") -> None:
        self.context, self.limits, self.app = context, limits, app
        self.slots = threading.BoundedSemaphore(limits.max_connections)
        super().__init__(address, _Handler)

    def process_request(self, request: socket.socket, client_address: Any) -> None:  # type: ignore[override]
        if not self.slots.acquire(blocking=False):  # a flood of connections costs no thread past the cap
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: socket.socket, client_address: Any) -> None:  # type: ignore[override]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def finish_request(self, request: socket.socket, client_address: Any) -> None:  # type: ignore[override]
        request.settimeout(self.limits.handshake_timeout)
        try:
            connection = self.context.wrap_socket(request, server_side=True)
        except OSError as error:  # timeouts and TLS failures (no certificate, another CA) included
            log.debug("TLS handshake failed: %s", type(error).__name__)
            return
        try:
            self.RequestHandlerClass(connection, client_address, self)
        finally:
            connection.close()


def signing_trust(signing: SigningPki) -> TrustAnchors:
    """What the server trusts to sign a digitised copy: the province's signing CA, with its CRL (read at
    start: a revocation takes effect when the server starts again)."""
    from asn1crypto import crl

    return TrustAnchors((load_certificate(signing.ca.read_bytes()),),
                        (crl.CertificateList.load(signing.crl.read_bytes()),), str(signing.folder))


class ReferenceServer:
    def __init__(self, data_dir: Path, certificate: Path, key: Path, client_ca: Path,
                 host: str = "127.0.0.1", port: int = 0, faults: Faults | None = None,
                 limits: ServerLimits | None = None, *, signing: SigningPki, content: Path | None = None) -> None:
        """`signing`: the province's signing CA (the trust of every uploaded PDF's signature) and its TSA;
        `content`: a signed content repository (sync/content_repository.py) served as files at /content/."""
        self.signing = signing
        self.content = content
        self.signature_trust = signing_trust(signing)
        self.storage = Storage(data_dir)
        self.anchors = AnchorBook(self.storage.db, self.storage.lock)  # each station's audit chain, acknowledged
        self.faults = faults or Faults()
        self.limits = limits or ServerLimits()
        self.requests = 0
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(certificate, key)
        context.load_verify_locations(client_ca)
        context.verify_mode = ssl.CERT_REQUIRED  # mutual TLS: every station shows its certificate
        self.httpd = _TLSServer((host, port), context, self.limits, self)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self) -> "ReferenceServer":
        # a short poll: stop() waits for the loop to notice, and tests stop a server each
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="reference-server", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(5)

    # what tests and demos look at
    def dossier(self, dossier_id: str) -> dict[str, Any] | None:
        row = self.storage.one("SELECT * FROM dossiers WHERE id=?", dossier_id)
        return dict(row) if row else None

    def dossier_count(self) -> int:
        return self.storage.one("SELECT count(*) AS n FROM dossiers")["n"]

    def file_bytes(self, dossier_id: str, name: str) -> bytes | None:
        row = self.storage.one("SELECT id, complete FROM uploads WHERE dossier=? AND name=?", dossier_id, name)
        return (self.storage.files / row["id"]).read_bytes() if row and row["complete"] else None

    def raw_bytes(self, station: str, name: str) -> bytes | None:
        path = self.storage.raw_path(station, name)
        return path.read_bytes() if path.exists() else None

    def file_signature(self, dossier_id: str, name: str) -> dict[str, Any] | None:
        """The verdict on an upload's signature: {"verdict": "verified" | "refused" | None (not checked
        yet), "reason", "verification" (drivers.signing.verify's report)}; None: no such upload."""
        row = self.storage.one("SELECT signature, signature_report FROM uploads WHERE dossier=? AND name=?",
                               dossier_id, name)
        if row is None:
            return None
        report = json.loads(row["signature_report"]) if row["signature_report"] else {}
        return {"verdict": row["signature"], "reason": report.get("reason"), "verification": report.get("verification")}

    def wallet_item(self, item_id: str) -> dict[str, Any] | None:
        row = self.storage.one("SELECT * FROM wallet_items WHERE id=?", item_id)
        return dict(row) if row else None

    def wallet_item_count(self) -> int:
        return self.storage.one("SELECT count(*) AS n FROM wallet_items")["n"]

    def wallet_document(self, item_id: str) -> bytes | None:
        row = self.storage.one("SELECT owner, stored FROM wallet_items WHERE id=?", item_id)
        return self.storage.wallet_path(row["owner"], item_id).read_bytes() if row and row["stored"] else None

    def set_state(self, dossier_id: str, state: str) -> None:
        if state not in p.PROVINCE_STATES:
            raise ValueError(f"unknown state {state}")
        self.storage.run("UPDATE dossiers SET state=? WHERE id=?", state, dossier_id)


class _Refusal(Exception):
    """An answer of refusal, raised wherever the request turns out wrong; always JSON `{"error": …}`."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


# The calls under /v1: path pattern ("*" a path parameter) → method → handler. A known path with
# another method is answered 405 with Allow; anything else 404.
_ROUTES: tuple[tuple[tuple[str, ...], dict[str, str]], ...] = (
    (("precheck",), {"GET": "_precheck"}),
    (("dossiers", "*"), {"PUT": "_put_dossier"}),
    (("dossiers", "*", "submit"), {"POST": "_submit"}),
    (("dossiers", "*", "status"), {"GET": "_status"}),
    (("files",), {"OPTIONS": "_tus_options", "POST": "_create"}),
    (("files", "*"), {"HEAD": "_head", "PATCH": "_patch", "DELETE": "_terminate"}),
    (("wallet", "items", "*"), {"PUT": "_put_wallet_item"}),
    (("wallet", "search"), {"POST": "_wallet_search"}),
    (("raw", "*"), {"PUT": "_raw"}),
)
_TSA_ROUTE = ({"POST": "_tsa"}, [])  # /tsa, beside the API: the URL a station's `tsa_url` names
MAX_TIMESTAMP_REQUEST = 16 * 1024  # a TimeStampReq is a hash and a few fields: well under 1 KiB
_DIGITS = re.compile(r"^[0-9]{1,15}$")  # a length or offset as HTTP and tus write it: no sign, no spaces


def _match(parts: list[str]) -> tuple[dict[str, str], list[str]] | None:
    for pattern, methods in _ROUTES:
        if len(pattern) == len(parts) and all(want in ("*", got) for want, got in zip(pattern, parts)):
            return methods, [got for want, got in zip(pattern, parts) if want == "*"]
    return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ReferenceProvince/1"
    server: _TLSServer

    def setup(self) -> None:
        self.timeout = self.server.limits.idle_timeout  # an idle kept-alive connection is let go
        super().setup()
        # Headers and body leave in separate writes: without this, Nagle meets delayed ACK (~40 ms).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._remaining = 0  # body bytes of the current request not read yet
        self._answered = False
        self._linger = False

    def finish(self) -> None:
        super().finish()
        if self._linger:
            self._lingering_close()

    @property
    def app(self) -> ReferenceServer:
        return self.server.app

    @property
    def limits(self) -> ServerLimits:
        return self.server.limits

    def log_message(self, format: str, *args: Any) -> None:  # requests go to our log, not stderr
        log.debug("%s %s", self.address_string(), format % args)

    def _station(self) -> str:
        cert = self.connection.getpeercert() or {}
        for rdn in cert.get("subject", ()):
            for key, value in rdn:
                if key == "commonName":
                    return value
        return ""

    # --- dispatch ---------------------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        # Every method (GET, PUT, … and TRACE, QUERY, …) goes to the routes, so that a known path answers
        # 405 with Allow rather than the HTTP layer's 501.
        if name.startswith("do_") and name[3:].isupper():
            return lambda: self._dispatch(name[3:])
        raise AttributeError(name)

    def _dispatch(self, method: str) -> None:
        self._remaining, self._answered = 0, False
        try:
            self._frame_body()
            self._serve(method)
        except _Refusal as refusal:
            self._json(refusal.status, {"error": refusal.message}, refusal.headers)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as error:  # a bug: answered, logged by kind only (a request may carry personal data)
            log.error("the request failed with %s", type(error).__name__)
            self.close_connection = True
            if not self._answered:
                self._json(500, {"error": "the server failed on this request"})

    def _frame_body(self) -> None:
        """Where the body ends, or a refusal that closes the connection: a body of unknown length
        cannot be skipped, and left unread it would be taken for the next request."""
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = self._linger = True
            raise _Refusal(400, "send the body with a Content-Length (no Transfer-Encoding)")
        if not lengths:
            return
        if len(set(lengths)) != 1 or not _DIGITS.match(lengths[0].strip()):
            self.close_connection = self._linger = True
            raise _Refusal(400, "Content-Length must be one whole number of bytes, 0 or more")
        self._remaining = int(lengths[0].strip())

    def _serve(self, method: str) -> None:
        app, faults = self.app, self.app.faults
        app.requests += 1
        if faults.latency:
            time.sleep(faults.latency)
        if faults.captive_portal:
            return self._send(200, b"<html><body>Please log in to use the network.</body></html>",
                              content_type="text/html")
        if faults.fail_rate and faults.random.random() < faults.fail_rate:
            raise _Refusal(503, "temporarily unavailable", {"Retry-After": str(faults.retry_after)})
        station = self._station()
        if station in faults.refused_stations:
            raise _Refusal(403, f"station {station} is not allowed to submit")
        parts = [part for part in self.path.split("?")[0].split("/") if part]
        if parts[:1] == ["content"]:
            return self._content(method, parts[1:])
        found = (_match(parts[1:]) if parts[:1] == [p.API.strip("/")] else _TSA_ROUTE if parts == ["tsa"]
                 else None)
        if found is None:
            raise _Refusal(404, "unknown path")
        methods, arguments = found
        if method not in methods:
            raise _Refusal(405, f"{method} is not offered here", {"Allow": ", ".join(methods)})
        getattr(self, methods[method])(station, *arguments)

    def _content(self, method: str, parts: list[str]) -> None:
        """The content repository's files, as they are on disk now (tests change them between requests).
        Only plain names below the folder: no "..", no hidden files, no symbolic links."""
        if method not in ("GET", "HEAD"):
            raise _Refusal(405, f"{method} is not offered here", {"Allow": "GET, HEAD"})
        folder = self.app.content
        if folder is None or not parts or any(part.startswith(".") or "\\" in part for part in parts):
            raise _Refusal(404, "unknown path")
        path = folder.joinpath(*parts)
        if path.is_symlink() or not path.is_file():
            raise _Refusal(404, "no such file in the content repository")
        self._send(200, path.read_bytes(), content_type="application/json" if path.suffix == ".json"
                   else "application/octet-stream")

    def _tsa(self, station: str) -> None:
        """RFC 3161 over HTTP (section 3.4): a DER TimeStampReq in, a TimeStampResp signed by the
        province's TSA out. Only the province's stations reach it (the TLS layer asks their certificate)."""
        if self.headers.get("Content-Type") != "application/timestamp-query":
            raise _Refusal(415, "a timestamp request is sent as application/timestamp-query")
        if self._remaining > MAX_TIMESTAMP_REQUEST:
            raise _Refusal(413, f"a timestamp request is at most {MAX_TIMESTAMP_REQUEST} bytes")
        request = self._read(self._remaining)
        try:
            reply = self.app.signing.answer_timestamp(request)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):  # what asn1crypto raises on garbage
            raise _Refusal(400, "the body is not an RFC 3161 timestamp request (a DER TimeStampReq)") from None
        self._send(200, reply, content_type="application/timestamp-reply")

    def _precheck(self, station: str) -> None:
        self._send(204, headers={"X-Max-File-Size": str(p.MAX_FILE_SIZE), "X-Chunk-Size": str(p.CHUNK_SIZE),
                                 "Tus-Version": p.TUS_VERSION})

    # --- dossiers ---------------------------------------------------------------------------

    def _owned(self, dossier_id: str, station: str) -> sqlite3.Row | None:
        row = self.app.storage.one("SELECT * FROM dossiers WHERE id=?", dossier_id)
        return row if row and row["station"] == station else None

    @staticmethod
    def _check_id(value: str, what: str) -> None:
        """A dossier's or an e-wallet item's id in the path: a lowercase UUID, else 400."""
        if not p.is_dossier_id(value):
            raise _Refusal(400, f"the {what} id must be a lowercase UUID")

    def _put_dossier(self, station: str, dossier_id: str) -> None:
        self._check_id(dossier_id, "dossier")
        try:
            metadata = p.validate_metadata(self._json_body())
        except p.InvalidMetadata as error:
            return self._json(400, {"error": str(error)})
        storage, fingerprint = self.app.storage, p.digest(metadata)
        with storage.lock:
            existing = storage.one("SELECT * FROM dossiers WHERE id=?", dossier_id)
            if existing is None:
                storage.run("INSERT INTO dossiers (id, station, digest, metadata, received_at) VALUES (?,?,?,?,?)",
                            dossier_id, station, fingerprint, json.dumps(metadata, ensure_ascii=False),
                            datetime.now(VIETNAM).isoformat())
                return self._json(201, {"id": dossier_id, "state": "draft"})
        if existing["station"] != station or existing["digest"] != fingerprint:
            return self._json(409, {"error": "this dossier id was already sent with different content"})
        self._json(200, {"id": dossier_id, "state": existing["state"], "code": existing["code"]})

    def _submit(self, station: str, dossier_id: str) -> None:
        self._check_id(dossier_id, "dossier")
        storage = self.app.storage
        if self._owned(dossier_id, station) is None:
            return self._json(404, {"error": "no such dossier"})
        try:
            claim = p.audit_claim(self.headers)
        except p.InvalidMetadata as error:
            return self._json(400, {"error": str(error), "code": p.AUDIT_INVALID})
        with storage.lock:  # the chain judged and the dossier submitted in one step (answered after)
            refusal = self.app.anchors.judge(station, claim)
            status, body = (409, refusal) if refusal is not None else self._submit_judged(dossier_id)
            if status < 300:
                self.app.anchors.keep(station, claim)
        if refusal is not None:
            log.warning("station %s: submit refused: %s", station, refusal["code"])
        self._json(status, body)

    def _submit_judged(self, dossier_id: str) -> tuple[int, dict[str, Any]]:
        """Under the storage lock: the dossier as it is now, given its code once all its files are in."""
        storage = self.app.storage
        row = storage.one("SELECT * FROM dossiers WHERE id=?", dossier_id)
        if row["code"]:
            return 200, {"id": dossier_id, "code": row["code"], "state": row["state"]}
        metadata = json.loads(row["metadata"])
        for entry in metadata["files"]:
            upload = storage.one("SELECT * FROM uploads WHERE dossier=? AND name=?", dossier_id, entry["name"])
            if upload is None or not upload["complete"]:
                return 422, {"error": f"file {entry['name']} has not been uploaded completely"}
            if upload["sha256"] != entry["sha256"]:
                return 422, {"error": f"file {entry['name']} does not match its declared SHA-256"}
            reason = storage.judge_signature(upload["id"], self.app.signature_trust)
            if reason is not None:
                return 422, _signature_refusal(entry, reason)
        code = storage.next_code(metadata["receiving_unit"], datetime.now(VIETNAM))
        storage.run("UPDATE dossiers SET code=?, state='received' WHERE id=?", code, dossier_id)
        return 201, {"id": dossier_id, "code": code, "state": "received"}

    def _status(self, station: str, dossier_id: str) -> None:
        self._check_id(dossier_id, "dossier")
        row = self._owned(dossier_id, station)
        if row is None:
            return self._json(404, {"error": "no such dossier"})
        self._json(200, {"id": dossier_id, "code": row["code"], "state": row["state"]})

    def _raw(self, station: str, name: str) -> None:
        """Reference server only: a plain PUT sink, the baseline of tests/bench/sync.py. Each station
        writes its own files: the same name from two stations is two files."""
        if self._remaining > self.limits.max_raw:
            raise _Refusal(413, f"the body is larger than {self.limits.max_raw} bytes")
        target = self.app.storage.raw_path(station, name)
        temporary = target.with_suffix(".part")
        with open(temporary, "wb") as file:
            for chunk in self._body_chunks():
                file.write(chunk)
        os.replace(temporary, target)
        self._send(204)

    # --- e-wallet items ---------------------------------------------------------------------

    def _json_body(self) -> Any:
        """The request's JSON, at most `max_json_body` bytes: 413 when larger, 400 when not JSON."""
        if self._remaining > self.limits.max_json_body:
            raise _Refusal(413, f"the body is larger than {self.limits.max_json_body} bytes")
        raw = self._read(self._remaining)
        try:
            return json.loads(raw or b"null")
        except RecursionError:
            raise _Refusal(400, "the body's JSON is nested too deeply") from None
        except (ValueError, UnicodeDecodeError):
            raise _Refusal(400, "the body is not JSON") from None

    def _put_wallet_item(self, station: str, item_id: str) -> None:
        self._check_id(item_id, "e-wallet item")
        try:
            item = p.validate_wallet_item(self._json_body())
        except p.InvalidMetadata as error:
            return self._json(400, {"error": str(error)})
        dossier = self._owned(item["source_dossier"], station)
        if dossier is None:
            return self._json(404, {"error": "send the source dossier before its e-wallet items"})
        if not dossier["code"]:
            return self._json(422, {"error": "the source dossier has not been submitted yet"})
        if item.get("dossier_code") not in (None, dossier["code"]):
            return self._json(422, {"error": "dossier_code is not the code of the source dossier"})
        storage, fingerprint = self.app.storage, p.digest(item)
        with storage.lock:
            existing = storage.one("SELECT * FROM wallet_items WHERE id=?", item_id)
            if existing is None:
                storage.run("INSERT INTO wallet_items (id, station, owner, digest, metadata, source_dossier, sha256, "
                            "size, created_at, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                            item_id, station, item["owner_id_number"], fingerprint,
                            json.dumps(item, ensure_ascii=False), item["source_dossier"], item["document"]["sha256"],
                            item["document"]["size"], item["created_at"], datetime.now(VIETNAM).isoformat())
            elif existing["station"] != station or existing["digest"] != fingerprint:
                return self._json(409, {"error": "this e-wallet item id was already sent with different content"})
            stored = storage.link_wallet_document(item_id)
        self._json(201 if existing is None else 200,
                   {"id": item_id, "state": "stored" if stored else "awaiting_document", "dossier_code": dossier["code"]})

    def _wallet_search(self, station: str) -> None:
        try:
            owner = p.validate_wallet_search(self._json_body())
        except p.InvalidMetadata as error:
            return self._json(400, {"error": str(error)})
        rows = self.app.storage.all(
            "SELECT w.id, w.metadata, w.received_at, d.code FROM wallet_items w JOIN dossiers d ON d.id = w.source_dossier "
            "WHERE w.owner=? AND w.stored=1 ORDER BY w.created_at, w.id LIMIT ?", owner, p.MAX_LISTED + 1)
        items = []
        for row in rows[:p.MAX_LISTED]:
            metadata = json.loads(row["metadata"])
            items.append({"id": row["id"], **metadata, "dossier_code": row["code"], "received_at": row["received_at"]})
        self._json(200, {"items": items, "truncated": len(rows) > p.MAX_LISTED})

    # --- tus uploads ------------------------------------------------------------------------

    def _tus_options(self, station: str) -> None:
        self._send(204, headers={"Tus-Version": p.TUS_VERSION, "Tus-Extension": p.TUS_EXTENSIONS,
                                 "Tus-Checksum-Algorithm": p.CHECKSUM_ALGORITHM,
                                 "Tus-Max-Size": str(p.MAX_FILE_SIZE)})

    def _check_tus(self) -> None:
        if self.headers.get("Tus-Resumable") != p.TUS_VERSION:
            raise _Refusal(412, f"send Tus-Resumable: {p.TUS_VERSION}", {"Tus-Version": p.TUS_VERSION})

    def _upload(self, station: str, upload_id: str) -> sqlite3.Row:
        self._check_tus()
        upload = self.app.storage.one("SELECT u.* FROM uploads u JOIN dossiers d ON d.id = u.dossier "
                                      "WHERE u.id=? AND d.station=?", upload_id, station)
        if upload is None:
            raise _Refusal(404, "unknown upload")
        return upload

    def _head(self, station: str, upload_id: str) -> None:
        upload = self._upload(station, upload_id)
        self._send(200, headers={"Upload-Offset": str(upload["offset"]), "Upload-Length": str(upload["length"]),
                                 "Cache-Control": "no-store"})

    def _terminate(self, station: str, upload_id: str) -> None:
        upload = self._upload(station, upload_id)
        (self.app.storage.files / upload["id"]).unlink(missing_ok=True)
        self.app.storage.run("DELETE FROM uploads WHERE id=?", upload["id"])
        self._send(204)

    def _create(self, station: str) -> None:
        self._check_tus()
        if "Upload-Metadata" not in self.headers:
            raise _Refusal(400, "Upload-Metadata is required: it names the dossier and the file")
        metadata = _tus_metadata(self.headers["Upload-Metadata"])
        length = self._number_header("Upload-Length")
        if length > p.MAX_FILE_SIZE:
            raise _Refusal(413, f"Upload-Length is over the largest file, {p.MAX_FILE_SIZE} bytes")
        body = self.headers.get("Content-Type") == "application/offset+octet-stream" and self._remaining > 0
        if body:
            self._check_chunk_size()
        target = (self._wallet_target(metadata, length, station) if p.WALLET_UPLOAD in metadata
                  else self._dossier_target(metadata, length, station))
        dossier_id, name, sha256 = target
        storage = self.app.storage
        with storage.lock:
            upload = storage.one("SELECT * FROM uploads WHERE dossier=? AND name=?", dossier_id, name)
            if upload is None:  # creation is idempotent per (dossier, name): a restarted station finds its upload
                upload_id = uuid.uuid4().hex
                storage.run("INSERT INTO uploads (id, dossier, name, length, sha256) VALUES (?,?,?,?,?)",
                            upload_id, dossier_id, name, length, sha256)
                (storage.files / upload_id).write_bytes(b"")
                upload = storage.one("SELECT * FROM uploads WHERE id=?", upload_id)
        location = {"Location": f"{p.API}/files/{upload['id']}"}
        if body and upload["offset"] == 0:  # creation-with-upload: the body is the first chunk
            return self._append(upload, 0, self._remaining, 201, location)
        # the server already holds the start of this file: a body is not needed (read and dropped when answering)
        self._send(201, headers={**location, "Upload-Offset": str(upload["offset"])})

    def _dossier_target(self, metadata: dict[str, str], length: int, station: str) -> tuple[str, str, str]:
        dossier_id, name = metadata.get("dossier", ""), metadata.get("name", "")
        row = self._owned(dossier_id, station)
        if row is None:
            raise _Refusal(404, "send the dossier's metadata before its files")
        declared = {f["name"]: f for f in json.loads(row["metadata"])["files"]}
        if name not in declared or declared[name]["size"] != length:
            raise _Refusal(400, f"file {name} is not declared with this length")
        if metadata.get("sha256", declared[name]["sha256"]) != declared[name]["sha256"]:
            raise _Refusal(400, f"the sha256 of Upload-Metadata is not the declared SHA-256 of file {name}")
        return dossier_id, name, declared[name]["sha256"]

    def _wallet_target(self, metadata: dict[str, str], length: int, station: str) -> tuple[str, str, str]:
        """An e-wallet item's document is uploaded as a file of its source dossier, named after the item."""
        item_id = metadata.get(p.WALLET_UPLOAD, "")
        item = self.app.storage.one("SELECT * FROM wallet_items WHERE id=? AND station=?", item_id, station)
        if item is None:
            raise _Refusal(404, "send the e-wallet item's metadata before its document")
        if item["size"] != length or metadata.get("sha256", item["sha256"]) != item["sha256"]:
            raise _Refusal(400, "the document is not declared with this length and SHA-256")
        return item["source_dossier"], f"{WALLET_FILE_PREFIX}{item_id}", item["sha256"]

    def _patch(self, station: str, upload_id: str) -> None:
        upload = self._upload(station, upload_id)
        if self.headers.get("Content-Type") != "application/offset+octet-stream":
            raise _Refusal(415, "a chunk is sent as application/offset+octet-stream")
        offset = self._number_header("Upload-Offset")
        if "Content-Length" not in self.headers:
            raise _Refusal(400, "Content-Length is required")
        self._check_chunk_size()
        if offset != upload["offset"]:
            raise _Refusal(409, "Upload-Offset is not the server's offset", {"Upload-Offset": str(upload["offset"])})
        self._append(upload, offset, self._remaining, 204, {})

    def _number_header(self, name: str) -> int:
        value = self.headers.get(name, "").strip()
        if not _DIGITS.match(value):
            raise _Refusal(400, f"{name} must be a whole number of bytes, 0 or more")
        return int(value)

    def _check_chunk_size(self) -> None:
        if self._remaining > self.limits.max_chunk:
            raise _Refusal(413, f"a chunk may carry at most {self.limits.max_chunk} bytes")

    def _checksum(self) -> bytes | None:
        """The digest `Upload-Checksum` announces for the body (tus checksum extension), if any."""
        header = self.headers.get("Upload-Checksum")
        if header is None:
            return None
        algorithm, _, value = header.strip().partition(" ")
        if algorithm != p.CHECKSUM_ALGORITHM:
            raise _Refusal(400, f"Upload-Checksum: the only algorithm is {p.CHECKSUM_ALGORITHM}")
        try:
            digest = base64.b64decode(value.strip(), validate=True)
        except ValueError:
            raise _Refusal(400, "Upload-Checksum: the digest is not base64") from None
        if len(digest) != hashlib.sha256().digest_size:
            raise _Refusal(400, "Upload-Checksum: the digest is not a SHA-256")
        return digest

    def _append(self, upload: sqlite3.Row, offset: int, size: int, status: int, headers: dict[str, str]) -> None:
        """Read a chunk from the request, check its checksum, write it at `offset`, keep the running hash."""
        if offset + size > upload["length"]:
            raise _Refusal(400, "the chunk goes past the declared length")
        expected = self._checksum()
        faults = self.app.faults
        if faults.drop_after is not None:
            if size > faults.drop_after:
                self.rfile.read(faults.drop_after)  # then the line goes dead, as on a flaky mobile link
                faults.drop_after = None
                self.close_connection = True
                self.connection.shutdown(2)
                return
            faults.drop_after -= size
        chunk = self._read(size)
        chunk_hash = hashlib.sha256(chunk)
        if expected is not None and expected != chunk_hash.digest():
            # tus checksum extension: the chunk is discarded
            raise _Refusal(460, "the chunk does not match its Upload-Checksum", headers)
        storage = self.app.storage
        path = storage.files / upload["id"]
        with open(path, "r+b") as file:
            file.seek(offset)
            file.write(chunk)
            file.truncate()
        running = storage.hashes.pop(upload["id"], None)
        if offset == 0:
            running = (0, chunk_hash)  # the file so far is this chunk: its hash is already known
        else:
            if running is None or running[0] != offset:
                running = (0, hashlib.sha256(path.read_bytes()[:offset]))
            running[1].update(chunk)
        new_offset = offset + size
        storage.hashes[upload["id"]] = (new_offset, running[1])
        complete = new_offset == upload["length"]
        if complete:
            storage.hashes.pop(upload["id"], None)
        if complete and running[1].hexdigest() != upload["sha256"]:
            # the whole file does not match what the metadata declared: start this file again
            path.write_bytes(b"")
            storage.run("UPDATE uploads SET offset=0 WHERE id=?", upload["id"])
            return self._json(460, {"error": f"file {upload['name']} does not match its declared SHA-256"})
        storage.run("UPDATE uploads SET offset=?, complete=? WHERE id=?", new_offset, int(complete), upload["id"])
        if complete:  # the whole file is in: its signature decides whether the province takes it
            reason = storage.judge_signature(upload["id"], self.app.signature_trust)
            if reason is not None:
                log.warning("an upload's signature was refused: %s", reason)
                return self._json(422, _signature_refusal(self._declared(upload), reason),
                                  {**headers, "Upload-Offset": str(new_offset)})
        if complete and upload["name"].startswith(WALLET_FILE_PREFIX):
            storage.link_wallet_document(upload["name"][len(WALLET_FILE_PREFIX):])
        self._send(status, headers={**headers, "Upload-Offset": str(new_offset)})

    def _declared(self, upload: sqlite3.Row) -> dict[str, Any]:
        """The upload's entry in its dossier's metadata (the file's name and component), if declared there."""
        row = self.app.storage.one("SELECT metadata FROM dossiers WHERE id=?", upload["dossier"])
        files = json.loads(row["metadata"])["files"] if row else []
        return next((entry for entry in files if entry["name"] == upload["name"]), {"name": upload["name"]})

    # --- plumbing ---------------------------------------------------------------------------

    def _read(self, size: int) -> bytes:
        """`size` bytes of the body; a body that ends early ends the connection."""
        data = self.rfile.read(size) if size else b""
        self._remaining -= len(data)
        if len(data) != size:
            raise ConnectionError("the body ended early")
        return data

    def _body_chunks(self) -> Iterator[bytes]:
        """What is left of the body, read a chunk at a time."""
        while self._remaining:
            yield self._read(min(self._remaining, p.CHUNK_SIZE))

    def _settle_body(self) -> None:
        """Before answering: read what is left of the body (so that it is not parsed as the next
        request), or, when that is more than a chunk, close the connection after the answer."""
        if not self._remaining:
            return
        if self._remaining <= self.limits.max_chunk:
            for _ in self._body_chunks():
                pass
        else:
            self.close_connection = True
            self._linger = True

    def _lingering_close(self) -> None:
        """Read (and drop) for a moment what the client still sends, so that closing with unread data
        does not reset the connection before the client has read our answer."""
        try:
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(self.limits.linger)
            deadline = time.monotonic() + self.limits.linger
            while time.monotonic() < deadline and self.connection.recv(65536):
                pass
        except OSError:
            pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The HTTP layer's own refusals (a malformed request line, headers too long, an unknown
        method) in JSON like every other answer; the connection goes, since the framing is in doubt."""
        if self.request_version == "HTTP/0.9":
            self.request_version = "HTTP/1.1"  # we never speak 0.9: answer with a status line and headers
        self.close_connection = True
        self._remaining, self._linger = 0, True
        reason = (message or _REASONS.get(code, "error")).split(" (")[0]  # never echo the request line
        self._json(code, {"error": reason})

    def _json(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(body, ensure_ascii=False).encode(), headers, "application/json")

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              content_type: str | None = None) -> None:
        self._settle_body()
        self._answered = True
        self.send_response(status, _REASONS.get(status))
        self.send_header("Tus-Resumable", p.TUS_VERSION)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)


def _signature_refusal(entry: dict[str, Any], reason: str) -> dict[str, Any]:
    """The refusal of a file whose signature fails: which file (and component), and why."""
    component = f" ({entry['component']})" if entry.get("component") else ""
    return {"error": f"file {entry['name']}{component}: {reason}", "code": p.SIGNATURE_REFUSED,
            "file": entry["name"]}


_REASONS = {460: "Checksum Mismatch", **{s.value: s.phrase for s in HTTPStatus}}


def _tus_metadata(header: str) -> dict[str, str]:
    """`Upload-Metadata`: comma-separated `key base64(value)` pairs, each key once (400 otherwise)."""
    values: dict[str, str] = {}
    for pair in header.split(",") if header.strip() else ():
        key, _, encoded = pair.strip().partition(" ")
        if not key or key in values or " " in encoded.strip():
            raise _Refusal(400, "Upload-Metadata must be comma-separated pairs of a key and a base64 value")
        try:
            values[key] = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            raise _Refusal(400, f"Upload-Metadata: the value of {key} is not base64 of UTF-8 text") from None
    return values

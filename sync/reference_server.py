"""The reference provincial server: the protocol of sync/PROTOCOL.md over HTTPS with client certificates.

It stores dossiers and files in its own SQLite database and folder, verifies every checksum, assigns
dossier codes, keeps each citizen's e-wallet items (`wallet/<key of the owner>/<item>.pdf`) and each
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
from typing import Any

from sync import protocol as p
from sync.reference_anchors import AnchorBook

log = logging.getLogger(__name__)
WALLET_FILE_PREFIX = "wallet-item:"  # the name, among its dossier's uploads, of an e-wallet item's document
VIETNAM = timezone(timedelta(hours=7))

SCHEMA = """
CREATE TABLE IF NOT EXISTS dossiers (
    id TEXT PRIMARY KEY, station TEXT NOT NULL, digest TEXT NOT NULL, metadata TEXT NOT NULL,
    received_at TEXT NOT NULL, code TEXT, state TEXT NOT NULL DEFAULT 'draft');
CREATE TABLE IF NOT EXISTS uploads (
    id TEXT PRIMARY KEY, dossier TEXT NOT NULL REFERENCES dossiers(id), name TEXT NOT NULL,
    length INTEGER NOT NULL, offset INTEGER NOT NULL DEFAULT 0, sha256 TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0, UNIQUE (dossier, name));
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
                                     "ORDER BY name LIMIT 1", (item["source_dossier"], item["sha256"], item["size"])).fetchone()
            if upload is None:
                return False
            target = self.wallet_path(item["owner"], item_id)
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(".tmp")
            shutil.copyfile(self.files / upload["id"], temporary)
            os.replace(temporary, target)
            self.db.execute("UPDATE wallet_items SET stored=1 WHERE id=?", (item_id,))
            return True

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


class ReferenceServer:
    def __init__(self, data_dir: Path, certificate: Path, key: Path, client_ca: Path,
                 host: str = "127.0.0.1", port: int = 0, faults: Faults | None = None) -> None:
        self.storage = Storage(data_dir)
        self.anchors = AnchorBook(self.storage.db, self.storage.lock)  # each station's audit chain, acknowledged
        self.faults = faults or Faults()
        self.requests = 0
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(certificate, key)
        context.load_verify_locations(client_ca)
        context.verify_mode = ssl.CERT_REQUIRED  # mutual TLS: every station shows its certificate
        self.httpd = ThreadingHTTPServer((host, port), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.httpd.app = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self) -> "ReferenceServer":
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="reference-server", daemon=True)
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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ReferenceProvince/1"

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in separate writes: without this, Nagle meets delayed ACK (~40 ms).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    @property
    def app(self) -> ReferenceServer:
        return self.server.app  # type: ignore[attr-defined]

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

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def do_OPTIONS(self) -> None:
        self._dispatch("OPTIONS")

    def _dispatch(self, method: str) -> None:
        app, faults = self.app, self.app.faults
        app.requests += 1
        if faults.latency:
            time.sleep(faults.latency)
        if faults.captive_portal:
            self._drain()
            return self._send(200, b"<html><body>Please log in to use the network.</body></html>",
                              content_type="text/html")
        if faults.fail_rate and faults.random.random() < faults.fail_rate:
            self._drain()
            return self._json(503, {"error": "temporarily unavailable"}, {"Retry-After": str(faults.retry_after)})
        station = self._station()
        if station in faults.refused_stations:
            self._drain()
            return self._json(403, {"error": f"station {station} is not allowed to submit"})
        parts = [part for part in self.path.split("?")[0].split("/") if part]
        try:
            self._route(method, parts, station)
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _route(self, method: str, parts: list[str], station: str) -> None:
        if parts[:1] != [p.API.strip("/")]:
            return self._json(404, {"error": "unknown path"})
        route = parts[1:]
        if method == "GET" and route == ["precheck"]:
            return self._send(204, headers={"X-Max-File-Size": str(p.MAX_FILE_SIZE), "X-Chunk-Size": str(p.CHUNK_SIZE),
                                            "Tus-Version": p.TUS_VERSION})
        if route[:1] == ["files"]:
            return self._files(method, route[1:], station)
        if method == "PUT" and route[:1] == ["raw"] and len(route) == 2:
            return self._raw(route[1])
        if route[:1] == ["wallet"]:
            return self._wallet(method, route[1:], station)
        if route[:1] == ["dossiers"] and len(route) >= 2:
            dossier_id = route[1]
            if not p.is_dossier_id(dossier_id):
                return self._json(400, {"error": "the dossier id must be a lowercase UUID"})
            if method == "PUT" and len(route) == 2:
                return self._put_dossier(dossier_id, station)
            if method == "POST" and route[2:] == ["submit"]:
                return self._submit(dossier_id, station)
            if method == "GET" and route[2:] == ["status"]:
                return self._status(dossier_id, station)
        self._drain()
        self._json(404, {"error": "unknown path"})

    # --- dossiers ---------------------------------------------------------------------------

    def _owned(self, dossier_id: str, station: str) -> sqlite3.Row | None:
        row = self.app.storage.one("SELECT * FROM dossiers WHERE id=?", dossier_id)
        return row if row and row["station"] == station else None

    def _put_dossier(self, dossier_id: str, station: str) -> None:
        try:
            metadata = p.validate_metadata(json.loads(self._body() or b"null"))
        except (ValueError, UnicodeDecodeError) as error:
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

    def _submit(self, dossier_id: str, station: str) -> None:
        self._drain()
        storage = self.app.storage
        row = self._owned(dossier_id, station)
        if row is None:
            return self._json(404, {"error": "no such dossier"})
        try:
            claim = p.audit_claim(self.headers)
        except p.InvalidMetadata as error:
            return self._json(400, {"error": str(error), "code": p.AUDIT_INVALID})
        with storage.lock:  # the chain judged and the dossier submitted in one step (answered after)
            refusal = self.app.anchors.judge(station, claim)
            status, body = (409, refusal) if refusal is not None else self._submit_judged(dossier_id, row)
            if status < 300:
                self.app.anchors.keep(station, claim)
        if refusal is not None:
            log.warning("station %s: submit refused: %s", station, refusal["code"])
        self._json(status, body)

    def _submit_judged(self, dossier_id: str, row: sqlite3.Row) -> tuple[int, dict[str, Any]]:
        storage = self.app.storage
        if row["code"]:
            return 200, {"id": dossier_id, "code": row["code"], "state": row["state"]}
        for entry in json.loads(row["metadata"])["files"]:
            upload = storage.one("SELECT * FROM uploads WHERE dossier=? AND name=?", dossier_id, entry["name"])
            if upload is None or not upload["complete"]:
                return 422, {"error": f"file {entry['name']} has not been uploaded completely"}
            if upload["sha256"] != entry["sha256"]:
                return 422, {"error": f"file {entry['name']} does not match its declared SHA-256"}
        metadata = json.loads(row["metadata"])
        row = storage.one("SELECT code FROM dossiers WHERE id=?", dossier_id)
        code = row["code"] or storage.next_code(metadata["receiving_unit"], datetime.now(VIETNAM))
        storage.run("UPDATE dossiers SET code=?, state='received' WHERE id=?", code, dossier_id)
        return 201, {"id": dossier_id, "code": code, "state": "received"}

    def _status(self, dossier_id: str, station: str) -> None:
        row = self._owned(dossier_id, station)
        if row is None:
            return self._json(404, {"error": "no such dossier"})
        self._json(200, {"id": dossier_id, "code": row["code"], "state": row["state"]})

    def _raw(self, name: str) -> None:
        """Reference server only: a plain PUT sink, the baseline of tests/bench/sync.py."""
        body = self._body()
        (self.app.storage.files / f"raw-{uuid.uuid5(uuid.NAMESPACE_URL, name).hex}").write_bytes(body)
        self._send(204)

    # --- e-wallet items ---------------------------------------------------------------------

    def _wallet(self, method: str, route: list[str], station: str) -> None:
        if method == "POST" and route == ["search"]:
            return self._wallet_search()
        if method == "PUT" and route[:1] == ["items"] and len(route) == 2:
            if not p.is_dossier_id(route[1]):
                self._drain()
                return self._json(400, {"error": "the e-wallet item id must be a lowercase UUID"})
            return self._put_wallet_item(route[1], station)
        self._drain()
        self._json(404, {"error": "unknown path"})

    def _json_body(self) -> Any:
        """The request's JSON, at most MAX_JSON_BODY bytes; `_ANSWERED` when too big or malformed."""
        if self._length() > p.MAX_JSON_BODY:
            if self._length() <= 16 * p.MAX_JSON_BODY:
                self._drain()  # read, so that the station gets the answer rather than a broken connection
            else:
                self.close_connection = True  # not read: the connection goes with it
            self._json(413, {"error": f"the body is larger than {p.MAX_JSON_BODY} bytes"})
            return _ANSWERED
        try:
            return json.loads(self._body() or b"null")
        except (ValueError, UnicodeDecodeError):
            self._json(400, {"error": "the body is not JSON"})
            return _ANSWERED

    def _put_wallet_item(self, item_id: str, station: str) -> None:
        body = self._json_body()
        if body is _ANSWERED:
            return
        try:
            item = p.validate_wallet_item(body)
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

    def _wallet_search(self) -> None:
        body = self._json_body()
        if body is _ANSWERED:
            return
        try:
            owner = p.validate_wallet_search(body)
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

    def _files(self, method: str, route: list[str], station: str) -> None:
        if method == "OPTIONS" and not route:
            return self._send(204, headers={"Tus-Version": p.TUS_VERSION, "Tus-Extension": p.TUS_EXTENSIONS,
                                            "Tus-Checksum-Algorithm": p.CHECKSUM_ALGORITHM,
                                            "Tus-Max-Size": str(p.MAX_FILE_SIZE)})
        if self.headers.get("Tus-Resumable") != p.TUS_VERSION:
            self._drain()
            return self._send(412, headers={"Tus-Version": p.TUS_VERSION})
        if method == "POST" and not route:
            return self._create(station)
        if len(route) != 1:
            self._drain()
            return self._json(404, {"error": "unknown upload"})
        upload = self.app.storage.one("SELECT u.* FROM uploads u JOIN dossiers d ON d.id = u.dossier "
                                      "WHERE u.id=? AND d.station=?", route[0], station)
        if upload is None:
            self._drain()
            return self._send(404)
        if method == "HEAD":
            return self._send(200, headers={"Upload-Offset": str(upload["offset"]),
                                            "Upload-Length": str(upload["length"]), "Cache-Control": "no-store"})
        if method == "PATCH":
            return self._patch(upload)
        if method == "DELETE":
            self._drain()
            (self.app.storage.files / upload["id"]).unlink(missing_ok=True)
            self.app.storage.run("DELETE FROM uploads WHERE id=?", upload["id"])
            return self._send(204)
        self._drain()
        self._send(405)

    def _create(self, station: str) -> None:
        body = self.headers.get("Content-Type") == "application/offset+octet-stream" and self._length() > 0
        if not body:
            self._drain()
        metadata = _tus_metadata(self.headers.get("Upload-Metadata", ""))
        try:
            length = int(self.headers.get("Upload-Length", ""))
        except ValueError:
            if body:
                self._drain()
            return self._json(400, {"error": "Upload-Length is required"})
        target = (self._wallet_target(metadata, length, station) if p.WALLET_UPLOAD in metadata
                  else self._dossier_target(metadata, length, station))
        if isinstance(target[0], int):  # a refusal: (status, message)
            if body:
                self._drain()
            return self._json(target[0], {"error": target[1]})
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
            return self._append(upload, 0, self._length(), 201, location)
        if body:  # the server already holds the start of this file: the body is not needed
            self._drain()
        self._send(201, headers={**location, "Upload-Offset": str(upload["offset"])})

    def _dossier_target(self, metadata: dict[str, str], length: int, station: str) -> tuple:
        dossier_id, name = metadata.get("dossier", ""), metadata.get("name", "")
        row = self._owned(dossier_id, station)
        if row is None:
            return 404, "send the dossier's metadata before its files"
        declared = {f["name"]: f for f in json.loads(row["metadata"])["files"]}
        if name not in declared or declared[name]["size"] != length:
            return 400, f"file {name} is not declared with this length"
        return dossier_id, name, declared[name]["sha256"]

    def _wallet_target(self, metadata: dict[str, str], length: int, station: str) -> tuple:
        """An e-wallet item's document is uploaded as a file of its source dossier, named after the item."""
        item_id = metadata.get(p.WALLET_UPLOAD, "")
        item = self.app.storage.one("SELECT * FROM wallet_items WHERE id=? AND station=?", item_id, station)
        if item is None:
            return 404, "send the e-wallet item's metadata before its document"
        if item["size"] != length or metadata.get("sha256", item["sha256"]) != item["sha256"]:
            return 400, "the document is not declared with this length and SHA-256"
        return item["source_dossier"], f"{WALLET_FILE_PREFIX}{item_id}", item["sha256"]

    def _patch(self, upload: sqlite3.Row) -> None:
        if self.headers.get("Content-Type") != "application/offset+octet-stream":
            self._drain()
            return self._send(415)
        try:
            offset = int(self.headers.get("Upload-Offset", ""))
            size = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._drain()
            return self._json(400, {"error": "Upload-Offset and Content-Length are required"})
        if offset != upload["offset"]:
            self._drain()
            return self._send(409, headers={"Upload-Offset": str(upload["offset"])})
        self._append(upload, offset, size, 204, {})

    def _append(self, upload: sqlite3.Row, offset: int, size: int, status: int, headers: dict[str, str]) -> None:
        """Read a chunk from the request, check its checksum, write it at `offset`, keep the running hash."""
        if offset + size > upload["length"]:
            self._drain()
            return self._json(400, {"error": "the chunk goes past the declared length"})
        faults = self.app.faults
        if faults.drop_after is not None:
            if size > faults.drop_after:
                self.rfile.read(faults.drop_after)  # then the line goes dead, as on a flaky mobile link
                faults.drop_after = None
                self.close_connection = True
                self.connection.shutdown(2)
                return
            faults.drop_after -= size
        chunk = self.rfile.read(size)
        if len(chunk) != size:
            self.close_connection = True
            return
        chunk_hash = hashlib.sha256(chunk)
        checksum = self.headers.get("Upload-Checksum")
        if checksum:
            algorithm, _, value = checksum.partition(" ")
            if algorithm != p.CHECKSUM_ALGORITHM:
                return self._send(400)
            if base64.b64decode(value) != chunk_hash.digest():
                return self._send(460, headers=headers)  # tus checksum extension: the chunk is discarded
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
        if complete and upload["name"].startswith(WALLET_FILE_PREFIX):
            storage.link_wallet_document(upload["name"][len(WALLET_FILE_PREFIX):])
        self._send(status, headers={**headers, "Upload-Offset": str(new_offset)})

    # --- plumbing ---------------------------------------------------------------------------

    def _length(self) -> int:
        try:
            return max(0, int(self.headers.get("Content-Length") or 0))
        except ValueError:
            return 0

    def _body(self) -> bytes:
        length = self._length()
        return self.rfile.read(length) if length else b""

    def _drain(self) -> None:
        if self.headers.get("Content-Length"):
            self._body()

    def _json(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(body, ensure_ascii=False).encode(), headers, "application/json")

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              content_type: str | None = None) -> None:
        self.send_response(status, _REASONS.get(status))
        self.send_header("Tus-Resumable", p.TUS_VERSION)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)


_ANSWERED = object()  # a request already answered (refused) while its body was read
_REASONS = {460: "Checksum Mismatch", **{s.value: s.phrase for s in HTTPStatus}}


def _tus_metadata(header: str) -> dict[str, str]:
    values = {}
    for pair in header.split(","):
        key, _, encoded = pair.strip().partition(" ")
        if key:
            try:
                values[key] = base64.b64decode(encoded).decode("utf-8") if encoded else ""
            except (ValueError, UnicodeDecodeError):
                continue
    return values

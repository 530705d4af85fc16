"""The station's side of the protocol: one small interface, and its implementation over HTTPS.

An adapter for a real provincial API is one more class with the same methods: the five calls of a
dossier, and the three of e-wallet items.
"""

from __future__ import annotations

import base64
import hashlib
import ssl
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from sync import protocol as p
from sync.backoff import CONNECT_RETRY, Backoff

Progress = Callable[[int, int], None]  # bytes sent so far, total


class SyncError(Exception):
    """Base of what the relay decides on. Messages hold no personal data."""


class Offline(SyncError):
    """The provincial system cannot be reached (or something else answers in its place)."""


class TransientError(SyncError):
    """Worth trying again later: 5xx, 408, 429, a dropped connection, a timeout."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(SyncError):
    """The province refuses this dossier (4xx): trying again will not help; the officer must act."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class Conflict(PermanentError):
    """The dossier id was already used with different content (409)."""


class SignatureRefused(PermanentError):
    """The province refuses a file because its PAdES signature fails (422 `signature_refused`): unsigned,
    changed after signing, or by a certificate it does not trust. The station's signing is at fault, not
    the citizen: sending again cannot help (the signed file's SHA-256 is in the dossier's metadata)."""

    def __init__(self, doing: str, status: int, reason: str) -> None:
        super().__init__(f"{doing}: {status} the province refused the signature: {reason}. The station's signature "
                         "is at fault: a technician must check its signing token and trust (kiosk doctor); the "
                         "dossier cannot be sent as it is", status)
        self.reason = reason


class AuditRefused(PermanentError):
    """The province refuses the station's audit log (409 `audit_rewound` or `audit_forked`): it went
    backwards or was rewritten since the province last acknowledged it. Not the dossier's fault: it
    stays queued until a technician has looked at the station."""

    def __init__(self, code: str, kept_seq: int | None, head_seq: int | None) -> None:
        what = "went backwards" if code == p.AUDIT_REWOUND else "was rewritten (forked)"
        super().__init__(f"the province refuses this station's audit log: it {what} (row {head_seq}, the "
                         f"province acknowledged row {kept_seq}); the store may have been restored from an "
                         "older copy or tampered with, the dossiers stay queued: a technician must check the "
                         "station (kiosk audit verify)", 409)
        self.code, self.kept_seq, self.head_seq = code, kept_seq, head_seq


@dataclass(frozen=True)
class Limits:
    max_file_size: int
    chunk_size: int


class ProvincialClient(Protocol):
    def precheck(self) -> Limits: ...

    def send_metadata(self, dossier_id: str, metadata: dict[str, Any]) -> dict[str, Any]: ...

    def upload(self, dossier_id: str, name: str, data: bytes, sha256: str, progress: Progress | None = None,
               *, resume: bool = True) -> None: ...

    def submit(self, dossier_id: str, audit: p.AuditChain | None = None) -> str: ...

    def status(self, dossier_id: str) -> dict[str, Any]: ...

    def send_wallet_item(self, item_id: str, item: dict[str, Any]) -> dict[str, Any]: ...

    def upload_wallet_document(self, item_id: str, data: bytes, sha256: str, progress: Progress | None = None,
                               *, resume: bool = True) -> None: ...

    def wallet_items(self, id_number: str) -> list[dict[str, Any]]: ...


class _ConnectRetry(Retry):
    """urllib3 counts the retries; the waits between them come from the station's back-off policy."""

    def __init__(self, *args: Any, policy: Backoff = CONNECT_RETRY, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.policy = policy

    def new(self, **kw: Any) -> "_ConnectRetry":
        retry = super().new(**kw)  # urllib3 copies itself for every try; the policy goes along
        retry.policy = self.policy
        return retry

    def get_backoff_time(self) -> float:
        # one history entry per failed try (no redirect is ever followed here)
        return self.policy.delay(len(self.history)) if self.history else 0.0


class HttpProvincialClient:
    """The protocol over HTTPS: mutual TLS, only the configured CA bundle trusted, tus uploads."""

    def __init__(self, endpoint: str, ca_bundle: Path | str, certificate: Path | str, key: Path | str,
                 timeout: float = 15.0, bandwidth: int | None = None, chunk_size: int = p.CHUNK_SIZE,
                 sleep: Callable[[float], None] = time.sleep, connect_backoff: Backoff = CONNECT_RETRY) -> None:
        self.origin = endpoint.rstrip("/")
        self.timeout = timeout
        self.bandwidth = bandwidth  # bytes per second, None: no cap
        self.chunk_size = chunk_size
        self._sleep = sleep  # for the bandwidth cap
        self.bytes_sent = 0  # file bytes put on the wire, resent ones included
        self._count_lock = threading.Lock()  # uploads of one dossier run side by side
        self.session = requests.Session()
        self.session.trust_env = False  # REQUESTS_CA_BUNDLE and the like would replace the configured CA bundle
        self.session.verify = str(ca_bundle)
        self.session.cert = (str(certificate), str(key))
        self.session.headers["Tus-Resumable"] = p.TUS_VERSION
        # Only failures to connect are retried here, quickly, with the relay's policy at a smaller scale;
        # everything else is the relay's decision.
        retry = _ConnectRetry(total=2, connect=2, read=0, status=0, other=0, redirect=0, policy=connect_backoff,
                              allowed_methods=None, respect_retry_after_header=False, raise_on_status=False)
        self.session.mount("https://", HTTPAdapter(max_retries=retry))

    def close(self) -> None:
        self.session.close()

    # --- the five calls ---------------------------------------------------------------------

    def precheck(self) -> Limits:
        response = self._request("GET", "/precheck")
        if response.status_code >= 400 and "json" in response.headers.get("Content-Type", ""):
            self._raise_for(response, "the pre-check")  # the province's own refusal, or its trouble
        if response.status_code != 204:  # a captive portal or proxy page answers 200: that is not the province
            raise Offline(f"the pre-check answered {response.status_code}, not 204: something else is in the way")
        return Limits(int(response.headers.get("X-Max-File-Size", p.MAX_FILE_SIZE)),
                      int(response.headers.get("X-Chunk-Size", p.CHUNK_SIZE)))

    def send_metadata(self, dossier_id: str, metadata: dict[str, Any]) -> dict[str, Any]:
        response = self._request("PUT", f"/dossiers/{dossier_id}", json=metadata)
        self._raise_for(response, "sending the dossier")
        return response.json()

    def upload(self, dossier_id: str, name: str, data: bytes, sha256: str, progress: Progress | None = None,
               *, resume: bool = True) -> None:
        """Creates (or finds) the tus upload and sends what the server does not have yet.

        `resume=False` says the server cannot hold any of it yet (a first attempt): the first chunk then
        rides with the creation request (tus creation-with-upload), a round trip saved per file. On a
        resume the creation is sent bare, so no byte the server already has goes out again.
        """
        self._tus_upload((("dossier", dossier_id), ("name", name), ("sha256", sha256)), name, data, sha256,
                         progress, resume)

    def _tus_upload(self, pairs: tuple[tuple[str, str], ...], name: str, data: bytes, sha256: str,
                    progress: Progress | None, resume: bool) -> None:
        metadata = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in pairs)
        headers = {"Upload-Length": str(len(data)), "Upload-Metadata": metadata}
        first = b"" if resume else data[:self.chunk_size]
        if first:
            headers.update(self._chunk_headers(first, 0, sha256 if len(first) == len(data) else None))
        started = time.monotonic()
        created = self._request("POST", "/files", headers=headers, data=first or None, sent=len(first))
        if created.status_code == 460:
            raise TransientError(f"the province saw a checksum mismatch on {name}; it will be sent again")
        self._raise_for(created, f"creating the upload of {name}")
        location = created.headers["Location"]
        offset = int(created.headers.get("Upload-Offset", 0))
        if first:
            self._after_chunk(offset, data, progress, len(first), started)
        while offset < len(data):
            chunk = data[offset:offset + self.chunk_size]
            started = time.monotonic()
            response = self._request("PATCH", location, data=chunk, sent=len(chunk),
                                     headers=self._chunk_headers(chunk, offset, sha256 if len(chunk) == len(data) else None))
            if response.status_code == 409:  # our offset is stale: ask the server where it is
                offset = self._offset(location)
                continue
            if response.status_code == 460:
                raise TransientError(f"the province saw a checksum mismatch on {name}; it will be sent again")
            self._raise_for(response, f"uploading {name}")
            offset = int(response.headers["Upload-Offset"])
            self._after_chunk(offset, data, progress, len(chunk), started)

    @staticmethod
    def _chunk_headers(chunk: bytes, offset: int, whole_file_sha256: str | None) -> dict[str, str]:
        # a chunk that is the whole file has the file's hash, already known: no need to hash it again
        digest = bytes.fromhex(whole_file_sha256) if whole_file_sha256 else hashlib.sha256(chunk).digest()
        return {"Content-Type": "application/offset+octet-stream", "Upload-Offset": str(offset),
                "Upload-Checksum": f"sha256 {base64.b64encode(digest).decode()}"}

    def _after_chunk(self, offset: int, data: bytes, progress: Progress | None, sent: int, started: float) -> None:
        if progress:
            progress(offset, len(data))
        self._throttle(sent, time.monotonic() - started)

    def submit(self, dossier_id: str, audit: p.AuditChain | None = None) -> str:
        """Submits the dossier with the station's audit chain (`Audit-*` headers). A province that kept
        a later anchor than the station remembers asks for the station's row there: sent once."""
        headers = audit.headers() if audit else {}
        response = self._request("POST", f"/dossiers/{dossier_id}/submit", headers=headers)
        kept = _audit_answer(response)
        if audit is not None and kept and kept[0] == p.AUDIT_ANCHOR_NEEDED and kept[1] is not None:
            anchor = audit.point_at(kept[1])
            response = self._request("POST", f"/dossiers/{dossier_id}/submit", headers=audit.headers(anchor))
            kept = _audit_answer(response)
        if kept and kept[0] in (p.AUDIT_REWOUND, p.AUDIT_FORKED):
            raise AuditRefused(*kept)
        if kept and kept[0] == p.AUDIT_ANCHOR_NEEDED:  # moved on meanwhile (another relay): next pass
            raise TransientError("the province's audit anchor moved during the submit; it will be sent again")
        self._raise_for(response, "submitting the dossier")
        code = response.json().get("code", "")
        if not p.DOSSIER_CODE.match(code or ""):
            raise PermanentError("the province answered without a valid dossier code", response.status_code)
        return code

    def status(self, dossier_id: str) -> dict[str, Any]:
        response = self._request("GET", f"/dossiers/{dossier_id}/status")
        self._raise_for(response, "asking the dossier's status")
        return response.json()

    # --- e-wallet items ----------------------------------------------------------------------

    def send_wallet_item(self, item_id: str, item: dict[str, Any]) -> dict[str, Any]:
        """`PUT /wallet/items/{id}`, idempotent by the item's id: `{"state": "stored"}` when the province
        holds its document (found among its dossier's files), `"awaiting_document"` when it must be
        uploaded (`upload_wallet_document`)."""
        response = self._request("PUT", f"/wallet/items/{item_id}", json=item)
        self._raise_for(response, f"sending e-wallet item {item_id}")
        return response.json()

    def upload_wallet_document(self, item_id: str, data: bytes, sha256: str, progress: Progress | None = None,
                               *, resume: bool = True) -> None:
        """The item's document, with tus like a dossier's files; once complete the item is stored."""
        self._tus_upload(((p.WALLET_UPLOAD, item_id), ("name", f"{item_id}.pdf"), ("sha256", sha256)),
                         f"the document of e-wallet item {item_id}", data, sha256, progress, resume)

    def wallet_items(self, id_number: str) -> list[dict[str, Any]]:
        """A citizen's e-wallet items at the province, oldest first. The ID number goes in the body of a
        POST, never in the URL (URLs end up in access logs)."""
        response = self._request("POST", "/wallet/search", json={"id_number": id_number})
        self._raise_for(response, "searching the e-wallet")
        return response.json()["items"]

    # --- plumbing ---------------------------------------------------------------------------

    def _offset(self, location: str) -> int:
        response = self._request("HEAD", location)
        self._raise_for(response, "asking the upload offset")
        return int(response.headers["Upload-Offset"])

    def _throttle(self, sent: int, seconds: float) -> None:
        if self.bandwidth:
            wait = sent / self.bandwidth - seconds
            if wait > 0:
                self._sleep(wait)

    def _request(self, method: str, path: str, sent: int = 0, **kwargs) -> requests.Response:
        # paths are relative to the API, except the upload locations the server hands out
        url = self.origin + (path if path.startswith(p.API + "/") else p.API + path)
        try:
            # never follow a redirect: a portal would get the station's certificate and the dossier
            response = self.session.request(method, url, timeout=self.timeout, allow_redirects=False, **kwargs)
        except requests.exceptions.SSLError as error:
            if isinstance(_root_error(error), ssl.SSLCertVerificationError):
                raise Offline("the TLS handshake failed: the server is not the configured province "
                              "(its certificate is not signed by the configured CA bundle)") from None
            self._count(sent)
            raise TransientError(f"the secure connection broke ({_root(error)})") from None
        except requests.exceptions.ConnectionError as error:
            self._count(sent)  # what went out before the line dropped is spent all the same
            raise TransientError(f"the connection failed ({_root(error)})") from None
        except requests.exceptions.Timeout:
            self._count(sent)
            raise TransientError("the province did not answer in time") from None
        self._count(sent)
        return response

    def _count(self, sent: int) -> None:
        with self._count_lock:
            self.bytes_sent += sent

    @staticmethod
    def _raise_for(response: requests.Response, doing: str) -> None:
        status = response.status_code
        if 300 <= status < 400:
            raise Offline(f"{doing}: redirected elsewhere ({status}): something else is in the way")
        if status < 400:
            if "json" not in response.headers.get("Content-Type", "json") and status == 200:
                raise Offline(f"{doing}: the answer is not from the province (a login page?)")
            return
        reason = _reason(response)
        if status in (408, 429) or status >= 500:
            raise TransientError(f"{doing}: {status} {reason}", _retry_after(response))
        if status == 409:
            raise Conflict(f"{doing}: {reason}", status)
        if status == 422 and _code(response) == p.SIGNATURE_REFUSED:
            raise SignatureRefused(doing, status, reason)
        raise PermanentError(f"{doing}: {status} {reason}", status)


def _audit_answer(response: requests.Response) -> tuple[str, int | None, int | None] | None:
    """(code, kept sequence, head sequence) of the province's answer about the audit chain, if it is one."""
    if response.status_code != 409:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict) or body.get("code") not in (p.AUDIT_REWOUND, p.AUDIT_FORKED, p.AUDIT_ANCHOR_NEEDED):
        return None

    def number(key: str) -> int | None:
        value = body.get(key)
        return value if p.is_count(value) else None

    return body["code"], number("kept_seq"), number("head_seq")


def _code(response: requests.Response) -> str | None:
    """The `code` of a JSON refusal, if it has one."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("code") if isinstance(body, dict) else None


def _reason(response: requests.Response) -> str:
    try:
        return str(response.json().get("error") or response.reason)
    except ValueError:
        return response.reason or ""


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _root_error(error: BaseException) -> BaseException:
    seen = set()
    while True:
        inner = error.__cause__ or error.__context__ or next((a for a in getattr(error, "args", ())
                                                               if isinstance(a, BaseException)), None)
        if inner is None or id(inner) in seen:
            return error
        seen.add(id(error))
        error = getattr(inner, "reason", None) if isinstance(getattr(inner, "reason", None), BaseException) else inner


def _root(error: BaseException) -> str:
    return _root_error(error).__class__.__name__

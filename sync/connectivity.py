"""The technician's connectivity test to the provincial endpoint, one step at a time so that the step
that fails is the answer: name lookup, TCP connection, TLS handshake with the station's certificate
(protocol, cipher, the server's certificate and its days to expiry), then the pre-check."""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kiosk.config import Config
from sync import protocol

PRECHECK = protocol.API + "/precheck"


@dataclass(frozen=True)
class Step:
    name: str  # dns, tcp, tls, precheck
    ok: bool
    ms: float
    detail: str  # what was found, or why it failed (no data of the province's beyond its certificate)


@dataclass(frozen=True)
class ConnectivityReport:
    endpoint: str
    steps: list[Step] = field(default_factory=list)
    tls_version: str = ""
    cipher: str = ""
    server_subject: str = ""
    server_issuer: str = ""
    server_expires_in_days: int | None = None
    precheck_status: int | None = None

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.ok for step in self.steps) and self.precheck_status == 204


class NotConfigured(Exception):
    """No endpoint or no certificates: `str()` names the setting to fill in."""


def connectivity_test(config: Config, timeout: float = 5.0) -> ConnectivityReport:
    """Runs the steps in order and stops at the first that fails. Raises NotConfigured."""
    if not config.endpoint:
        raise NotConfigured(f"no provincial endpoint is configured: set endpoint in {config.source}")
    for key in ("ca_bundle", "client_certificate", "client_key"):
        path = getattr(config, key)
        if path is None or not path.is_file():
            raise NotConfigured(f"{key} is {'not set' if path is None else 'missing'}: set it in {config.source}")
    parts = urlsplit(config.endpoint)
    host, port = parts.hostname or "", parts.port or 443
    report = ConnectivityReport(endpoint=f"{host}:{port}")
    steps = report.steps

    def step(name: str, action):
        started = time.perf_counter()
        try:
            value, detail = action()
        except (OSError, ssl.SSLError, ValueError) as error:
            steps.append(Step(name, False, _ms(started), _why(error)))
            return None
        steps.append(Step(name, True, _ms(started), detail))
        return value

    addresses = step("dns", lambda: _lookup(host, port))
    if addresses is None:
        return report
    raw = step("tcp", lambda: _connect(addresses, timeout))
    if raw is None:
        return report
    context = ssl.create_default_context(cafile=str(config.ca_bundle))
    try:
        context.load_cert_chain(config.client_certificate, config.client_key)
    except (OSError, ssl.SSLError) as error:
        raw.close()
        steps.append(Step("tls", False, 0.0, f"the station's certificate or key cannot be used ({_why(error)})"))
        return report
    secure = step("tls", lambda: _handshake(context, raw, host))
    if secure is None:
        raw.close()
        return report
    with secure:
        certificate = secure.getpeercert() or {}
        expires = certificate.get("notAfter")
        days = None if not expires else int((ssl.cert_time_to_seconds(expires) - time.time()) // 86400)
        version, cipher = secure.version() or "", (secure.cipher() or ("",))[0]
        status = step("precheck", lambda: _precheck(secure, host, parts.path.rstrip("/") + PRECHECK))
    return ConnectivityReport(
        endpoint=report.endpoint, steps=steps, tls_version=version, cipher=cipher,
        server_subject=_name(certificate.get("subject", ())), server_issuer=_name(certificate.get("issuer", ())),
        server_expires_in_days=days, precheck_status=status)


def _lookup(host: str, port: int):
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return found, ", ".join(sorted({info[4][0] for info in found}))


def _connect(addresses, timeout: float):
    last: OSError | None = None
    for family, kind, proto, _name, address in addresses:
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(address)
            return sock, f"connected to {address[0]}"
        except OSError as error:
            sock.close()
            last = error
    raise last or OSError("no address to connect to")


def _handshake(context: ssl.SSLContext, raw: socket.socket, host: str):
    secure = context.wrap_socket(raw, server_hostname=host)
    return secure, f"{secure.version()}, {(secure.cipher() or ('',))[0]}"


def _precheck(secure: ssl.SSLSocket, host: str, path: str):
    secure.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("ascii"))
    head = b""
    while b"\r\n" not in head and len(head) < 4096:
        chunk = secure.recv(1024)
        if not chunk:
            break
        head += chunk
    line = head.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split()
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise ValueError("the answer is not HTTP")
    status = int(parts[1])
    if status != 204:
        raise ValueError(f"the pre-check answered {status}, not 204: something else is in the way")
    return status, "204 No Content"


def _name(rdns) -> str:
    return ", ".join(f"{key}={value}" for rdn in rdns for key, value in rdn)


def _why(error: Exception) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"the server's certificate is not trusted ({error.verify_message})"
    if isinstance(error, socket.gaierror):
        return f"the name does not resolve ({error.strerror})"
    if isinstance(error, TimeoutError | socket.timeout):
        return "no answer in time"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({error.reason or error.__class__.__name__})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or error.__class__.__name__


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)

"""The metrics endpoint: prometheus_client's own HTTP server on the station's management address, over
TLS when `metrics_certificate` and `metrics_key` are set, requiring the province scraper's client
certificate when `metrics_client_ca` is set. Its registry is private: only the station's collector."""

from __future__ import annotations

import logging
import ssl
import threading
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.registry import Collector

from kiosk.config import Config
from kiosk.errors import StationError

log = logging.getLogger(__name__)


@dataclass
class MetricsEndpoint:
    host: str
    port: int  # the bound port (the configured one, or the system's choice for port 0)
    tls: bool
    client_certificate_required: bool
    _server: object
    _thread: threading.Thread

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}/metrics"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def split_address(address: str) -> tuple[str, int]:
    """host:port, [v6]:port → (host, port). The config's parser has checked the form."""
    host, _, port = address.rpartition(":")
    return host.strip("[]"), int(port)


def start_endpoint(config: Config, collector: Collector) -> MetricsEndpoint | None:
    """Serves `collector` at config.metrics_address (None when the key is empty: the endpoint is off).
    Raises StationError when the address cannot be bound or the TLS files cannot be loaded."""
    if not config.metrics_address:
        return None
    host, port = split_address(config.metrics_address)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(collector)
    tls = config.metrics_certificate is not None
    try:
        server, thread = start_http_server(
            port, host, registry,
            certfile=str(config.metrics_certificate) if tls else None,
            keyfile=str(config.metrics_key) if tls else None,
            client_cafile=str(config.metrics_client_ca) if tls and config.metrics_client_ca else None,
            client_auth_required=tls and config.metrics_client_ca is not None,
            tls_min_version=ssl.TLSVersion.TLSv1_2)
    except (OSError, ssl.SSLError) as error:
        what = f"{error.strerror or error}" if isinstance(error, OSError) else str(error)
        raise StationError(f"the metrics endpoint cannot serve on {config.metrics_address}: {what} (check "
                           f"metrics_address{', metrics_certificate, metrics_key' if tls else ''} in "
                           f"{config.source})") from None
    thread.name = "metrics-endpoint"
    endpoint = MetricsEndpoint(host, server.server_address[1], tls, config.metrics_client_ca is not None,
                               server, thread)
    log.info("metrics served at %s%s", endpoint.url, " (client certificate required)"
             if endpoint.client_certificate_required else "")
    return endpoint

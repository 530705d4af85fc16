"""The station's configuration: one TOML file, overridden by environment variables, then by flags.

Every key is declared once in `KEYS`, with its parser and what it expects, so a wrong value is
reported as one line naming the key, and nothing starts half-configured.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

import platformdirs

from kiosk import APP_NAME
from kiosk.errors import ConfigError

MODES = ("kiosk", "counter", "diagnostics")
LANGUAGES = ("vi", "en")
KIOSK_SCANNERS = ("flatbed", "feeder")
STATION_KEYS = ("tpm", "credential", "passphrase", "file")  # kiosk.store.keystores.KINDS
SIGNING_KEYS = ("pkcs11", "pkcs12")  # kiosk.signing: a token, or a file for development only
SIGNING_PINS = ("prompt", "credential", "file")
SOFTHSM2_MODULE = "/usr/lib/softhsm/libsofthsm2.so"  # Debian's softhsm2: the simulated station's token
ENV_PREFIX = "KIOSK_"
CONFIG_ENV = "KIOSK_CONFIG"

# What the simulated station uses where a real station must be configured: a sample station at the
# service center of Xã Ba Chẽ, Quảng Ninh (commune code 06970), and the stand's reference server.
SIMULATED_DEFAULTS = {"station_id": "SIM-01", "center_unit": "06970"}
SIMULATED_SERVER_PORT = 38443
SIMULATED_METRICS_PORT = 38490  # the simulated station's metrics endpoint, on loopback


@dataclass(frozen=True)
class Config:
    station_id: str
    center_unit: str
    mode: str
    language: str
    endpoint: str | None
    ca_bundle: Path | None
    trust_store: Path
    data_dir: Path
    idle_timeout: int
    client_certificate: Path | None
    client_key: Path | None
    upload_bandwidth: int
    key_dir: Path
    station_key: str  # how the station key is kept: kiosk.store.keystores (README: The station key)
    tpm_tcti: str
    draft_retention_days: int
    accepted_retention_days: int
    camera: str
    face_threshold: float
    fingerprint_reader: str
    kiosk_scanner: str
    receipt_printer: str
    sign_in_attempts: int
    lockout_minutes: int
    sign_out_idle_minutes: int
    wait_alert_minutes: int
    holiday_calendar: Path | None  # None: the shipped calendar (resources/catalogs/holidays_vn.toml)
    signing_key: str  # kiosk.signing (README: Signed copies)
    signing_module: Path
    signing_token: str
    signing_slot: int | None
    signing_key_label: str
    signing_pin: str
    signing_pin_file: Path | None
    signing_pkcs12: Path | None
    softhsm2_conf: Path | None
    tsa_url: str | None
    signature_trust: Path
    relay_in_window: bool  # False on an installed station: its relay service delivers (packaging/systemd)
    content_root: Path | None  # the province's content repository's root.json installed with the station
    content_url: str | None  # None: <endpoint>/content/
    content_check_minutes: int
    metrics_address: str | None  # host:port of the metrics endpoint (kiosk.health); None: off
    metrics_certificate: Path | None
    metrics_key: Path | None
    metrics_client_ca: Path | None
    source: str  # the configuration file (which may not exist), named in messages
    # Set only by kiosk.training_station on the configuration it derives: not a key a file or a variable
    # can set. Its relay refuses any endpoint off this machine (sync.service.refuse_real_endpoint).
    training: bool = False

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def simulation_dir(self) -> Path:
        """Where the simulated station keeps its private files (SANE config, camera images, pids)."""
        return self.data_dir / "simulated"

    @property
    def store_dir(self) -> Path:
        return self.data_dir / "store"


def default_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def find_config_file(path: Path | None = None, env: Mapping[str, str] | None = None) -> Path | None:
    """The file to read: `path`, else $KIOSK_CONFIG, else the default one if it exists.

    A file named explicitly must exist (ConfigError); an absent default file gives None.
    """
    env = os.environ if env is None else env
    explicit = path or (Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else None)
    if explicit:
        if not explicit.is_file():
            raise ConfigError("config", f"no configuration file at {explicit}")
        return explicit
    default = default_config_file()
    return default if default.is_file() else None


def _text(pattern: str, expected: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if not isinstance(value, str) or not re.fullmatch(pattern, value.strip()):
            raise ValueError(expected)
        return value.strip()

    return parse


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in options:
            raise ValueError("one of " + ", ".join(options))
        return value

    return parse


def _endpoint(value: Any) -> str | None:
    if value in (None, ""):
        return None
    parts = urlsplit(str(value))
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError("an https:// address of the provincial system, or empty when there is none")
    return str(value).rstrip("/")


def _path(value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a folder or file path")
    return Path(value).expanduser()


def _optional_file(value: Any) -> Path | None:
    if value in (None, ""):
        return None
    path = _path(value)
    if not path.is_file():
        raise ValueError(f"an existing PEM file (no file at {path})")
    return path


def _bytes_per_second(value: Any) -> int:
    try:
        rate = int(value)
    except (TypeError, ValueError):
        raise ValueError("bytes per second, 0 for no cap") from None
    if isinstance(value, float) or rate < 0 or 0 < rate < 1024:
        raise ValueError("bytes per second: 0 for no cap, else at least 1024")
    return rate


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit() \
            or not 1 <= int(value) <= 3650:
        raise ValueError("a whole number of days between 1 and 3650")
    return int(value)


def _seconds(value: Any) -> int:
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        raise ValueError("a whole number of seconds between 15 and 3600") from None
    if isinstance(value, float) or not 15 <= seconds <= 3600:
        raise ValueError("a whole number of seconds between 15 and 3600")
    return seconds


def _camera(value: Any) -> str:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ValueError("a camera: its number, a /dev/video path, a video file or a folder of images; "
                         "empty for the first camera")
    return str(value).strip()


def _face_threshold(value: Any) -> float:
    try:
        threshold = float(value)
    except (TypeError, ValueError):
        raise ValueError("a score between 0.30 and 0.90 (README: Biometrics)") from None
    if isinstance(value, bool) or not 0.30 <= threshold <= 0.90:
        raise ValueError("a score between 0.30 and 0.90 (README: Biometrics)")
    return threshold


def _printer(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if not text or text.lower() == "none" or re.fullmatch(r"[\w.@-]+", text):
        return text.lower() if text.lower() in ("", "none") else text
    raise ValueError("a printer's name as the print system knows it, empty for the default printer, or none")


def _holiday_calendar(value: Any) -> Path | None:
    if value in (None, ""):
        return None
    path = _path(value)
    if not path.is_file():
        raise ValueError(f"a holiday calendar file (TOML, like resources/catalogs/holidays_vn.toml), or empty "
                         f"for the shipped one (no file at {path})")
    return path


def _fingerprint_reader(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if text.lower() in ("", "none", "simulated"):
        return text.lower() or "none"
    if re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*", text):
        return text
    raise ValueError("none, simulated, or a vendor plug-in as package.module:factory")


def _content_url(value: Any) -> str | None:
    if value in (None, ""):
        return None
    parts = urlsplit(str(value))
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError("the https:// address of the province's content repository, or empty for the "
                         "endpoint's /content/")
    return str(value).rstrip("/") + "/"


def _tsa_url(value: Any) -> str | None:
    if value in (None, ""):
        return None
    parts = urlsplit(str(value))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("the http:// or https:// address of the province's timestamp server (RFC 3161), "
                         "or empty when there is none")
    return str(value)


def _slot(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not str(value).strip().isdigit():
        raise ValueError("the token's slot number, or empty to find the token by its label")
    return int(value)


def _label(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 64 or any(ord(c) < 32 for c in value):
        raise ValueError("a label of at most 64 printable characters, or empty")
    return value.strip()


def _address(value: Any) -> str | None:
    """host:port or [IPv6]:port; empty: off."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    found = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):(\d{1,5})", text)
    if not found or int(found.group(2)) > 65535:
        raise ValueError("host:port (an address of this station and a port, e.g. 10.0.0.5:9464 or [::1]:9464), "
                         "or empty for no metrics endpoint")
    return text


def _yes_no(value: Any) -> bool:
    """A TOML boolean, or its spelling in an environment variable."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ValueError("true or false")


def _whole(low: int, high: int, unit: str) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        expected = f"a whole number of {unit} between {low} and {high}"
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
            raise ValueError(expected)
        if not low <= int(value) <= high:
            raise ValueError(expected)
        return int(value)

    return parse


@dataclass(frozen=True)
class Key:
    parse: Callable[[Any], Any]
    default: Callable[[], Any] | None  # None: the key must be set
    help: str


KEYS: dict[str, Key] = {
    "station_id": Key(_text(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}", "letters, digits, '.', '_' or '-', at most 40"),
                      None, "this station's identifier, as registered with the provincial system"),
    "center_unit": Key(_text(r"\d{5}", "the 5-digit official code of the center's commune-level unit"),
                       None, "official code of the commune-level unit whose center this is"),
    "mode": Key(_choice(MODES), lambda: "counter", "kiosk, counter or diagnostics"),
    "language": Key(_choice(LANGUAGES), lambda: "vi", "vi or en"),
    "endpoint": Key(_endpoint, lambda: None, "https address of the provincial system"),
    "ca_bundle": Key(_optional_file, lambda: None, "PEM file of the CAs trusted for the endpoint"),
    "trust_store": Key(_path, lambda: str(Path(platformdirs.user_data_dir(APP_NAME)) / "trust"),
                       "folder of CSCA certificates and ICAO master lists"),
    "data_dir": Key(_path, lambda: platformdirs.user_data_dir(APP_NAME), "folder of the store and logs"),
    "idle_timeout": Key(_seconds, lambda: 60, "seconds without a touch before a kiosk session is wiped"),
    "client_certificate": Key(_optional_file, lambda: None, "PEM certificate the station shows the province"),
    "client_key": Key(_optional_file, lambda: None, "PEM private key of the client certificate"),
    "upload_bandwidth": Key(_bytes_per_second, lambda: 0, "upload cap in bytes per second, 0 for none"),
    # The station key opens the store: it lives apart from the data folder it protects.
    "key_dir": Key(_path, lambda: str(Path(platformdirs.user_config_dir(APP_NAME)) / "keys"),
                   "folder of the station key that opens the encrypted store"),
    # "file" stays the default until every station is sealed (`kiosk store seal-key`); `kiosk doctor` warns.
    "station_key": Key(_choice(STATION_KEYS), lambda: "file", "how the station key is kept: tpm (sealed by this "
                       "station's TPM 2.0), credential (a systemd encrypted credential), passphrase (typed by the "
                       "technician at every start), or file (a plain file: development only)"),
    "tpm_tcti": Key(_text(r"[a-z]+(:\S*)?", "a TPM connection as tpm2-tools names it, e.g. device:/dev/tpmrm0"),
                    lambda: "device:/dev/tpmrm0", "how to reach the TPM when station_key is tpm (tpm2-tools' "
                    "TCTI; the kernel's resource manager device:/dev/tpmrm0 on a station)"),
    "draft_retention_days": Key(_days, lambda: 7, "days before an untouched draft is purged"),
    "accepted_retention_days": Key(_days, lambda: 30, "days a dossier is kept once the province accepted "
                                   "(or rejected) it"),
    "camera": Key(_camera, lambda: "", "the camera for card QR codes and the face check: its number, a "
                  "/dev/video path, a video file or a folder of images; empty for the first camera"),
    "face_threshold": Key(_face_threshold, lambda: 0.55, "the score a live face must reach against the chip's "
                          "portrait (1 - embedding distance; README: Biometrics)"),
    "fingerprint_reader": Key(_fingerprint_reader, lambda: "none", "none, simulated, or a vendor's "
                              "plug-in as package.module:factory"),
    "kiosk_scanner": Key(_choice(KIOSK_SCANNERS), lambda: "flatbed", "how the kiosk's scanner takes paper: "
                         "flatbed (one sheet per touch) or feeder (every sheet in its tray per touch)"),
    "receipt_printer": Key(_printer, lambda: "", "the printer for receipts: its name, empty for the default "
                           "printer, none to keep every receipt in the store for an officer to print"),
    "sign_in_attempts": Key(_whole(3, 20, "attempts"), lambda: 5, "wrong passwords in a row that lock an officer's "
                            "or technician's account"),
    "lockout_minutes": Key(_whole(1, 1440, "minutes"), lambda: 15, "minutes an account stays locked after too "
                           "many wrong passwords"),
    "sign_out_idle_minutes": Key(_whole(1, 240, "minutes"), lambda: 10, "minutes without a key press or mouse "
                                 "move before the counter or diagnostics window signs its officer out"),
    "wait_alert_minutes": Key(_whole(1, 240, "minutes"), lambda: 20, "minutes a citizen may wait from first contact (queue ticket "
                              "or card) to the receipt before the counter alerts; the day report counts the "
                              "waits over it"),
    "holiday_calendar": Key(_holiday_calendar, lambda: "", "the public-holiday calendar counted for appointment "
                            "dates (TOML, like resources/catalogs/holidays_vn.toml); empty for the shipped one"),
    # The centre's signature on every digitised copy (Decree 30/2020/NĐ-CP): README, Signed copies.
    "signing_key": Key(_choice(SIGNING_KEYS), lambda: "pkcs11", "where the centre's signing key is: pkcs11 (a "
                       "token: the form signing certificates are issued in) or pkcs12 (a file: development only)"),
    "signing_module": Key(_path, lambda: SOFTHSM2_MODULE, "the token's PKCS#11 module (its vendor's .so)"),
    "signing_token": Key(_label, lambda: "", "the token's label; empty for the first token present"),
    "signing_slot": Key(_slot, lambda: "", "the token's slot number; empty to find it by its label"),
    "signing_key_label": Key(_label, lambda: "", "the label of the key and its certificate on the token; "
                             "empty for the token's only certificate"),
    "signing_pin": Key(_choice(SIGNING_PINS), lambda: "prompt", "how the token's PIN comes at start: prompt (typed "
                       "by the technician, on the terminal or through systemd-ask-password), credential (the "
                       "systemd credential signing-pin), or file (signing_pin_file, mode 0600)"),
    "signing_pin_file": Key(_optional_file, lambda: None, "the file holding the token's PIN when signing_pin is file"),
    "signing_pkcs12": Key(_optional_file, lambda: None, "the PKCS#12 file when signing_key is pkcs12 "
                          "(development only; its passphrase comes as signing_pin says)"),
    "softhsm2_conf": Key(_optional_file, lambda: None, "SoftHSM2's configuration when the token is SoftHSM2 "
                         "(the simulated station's); empty for its default"),
    "tsa_url": Key(_tsa_url, lambda: "", "the province's timestamp server (RFC 3161); empty: signatures are "
                   "PAdES B-B, else B-T, and B-LT with the CRLs of signature_trust"),
    "signature_trust": Key(_path, lambda: str(Path(platformdirs.user_data_dir(APP_NAME)) / "signature-trust"),
                           "folder of the CA certificates (and their CRLs) trusted to sign digitised copies"),
    # A development checkout and the simulated station deliver from the window; an installed station
    # runs digitisation-point-relay.service instead, so dossiers leave with no window open.
    "relay_in_window": Key(_yes_no, lambda: True, "true: the application's window delivers queued dossiers "
                           "itself; false: it leaves them to the relay service (`kiosk sync run`, "
                           "digitisation-point-relay.service), as on an installed station"),
    # The province's signed content (README: Content from the province): trust store, catalogs, settings.
    "content_root": Key(_optional_file, lambda: None, "the province's content root.json (TUF), installed with "
                        "the station: the keys its content must be signed with; empty: no content from the province"),
    "content_url": Key(_content_url, lambda: "", "the https address of the province's content repository; empty "
                       "for the endpoint's /content/"),
    "content_check_minutes": Key(_whole(1, 1440, "minutes"), lambda: 60, "minutes between the relay's checks for "
                                 "new content from the province"),
    # The station's health for the province's Prometheus (README: Station health).
    "metrics_address": Key(_address, lambda: "", "host:port the metrics endpoint listens on: the station's "
                           "management address (empty: no endpoint; the simulated station's is "
                           f"127.0.0.1:{SIMULATED_METRICS_PORT})"),
    "metrics_certificate": Key(_optional_file, lambda: None, "PEM certificate of the metrics endpoint (empty: plain "
                               "HTTP, for a scraper on this machine or behind the province's proxy)"),
    "metrics_key": Key(_optional_file, lambda: None, "PEM private key of metrics_certificate"),
    "metrics_client_ca": Key(_optional_file, lambda: None, "PEM CA of the province's scraper: when set, the endpoint "
                             "requires a client certificate it issued"),
}


def load_config(
    path: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    simulated: bool = False,
) -> Config:
    """Read the file (if any), then `KIOSK_<KEY>` variables, then `overrides` (command-line flags).

    A file named explicitly (argument or KIOSK_CONFIG) must exist; the default file may be absent.
    """
    env = os.environ if env is None else env
    found = find_config_file(path, env)
    file = found or default_config_file()
    raw: dict[str, tuple[Any, str]] = {}
    if found:
        for key, value in _read_toml(found).items():
            raw[key] = (value, str(found))
    for key in KEYS:
        if (value := env.get(ENV_PREFIX + key.upper())) is not None:
            raw[key] = (value, ENV_PREFIX + key.upper())
    for key, value in (overrides or {}).items():
        if value is not None:
            raw[key] = (value, "command line")

    values: dict[str, Any] = {}
    for key, spec in KEYS.items():
        if key in raw:
            value, origin = raw[key]
            try:
                values[key] = spec.parse(value)
            except ValueError as error:
                raise ConfigError(key, f"expected {error}", origin) from None
        elif simulated and key in SIMULATED_DEFAULTS:
            values[key] = spec.parse(SIMULATED_DEFAULTS[key])
        elif simulated and key in ("endpoint", "ca_bundle", "client_certificate", "client_key", "key_dir",
                                   "trust_store", "camera", "signing_token", "signing_pin", "signing_pin_file",
                                   "softhsm2_conf", "tsa_url", "signature_trust", "content_root"):
            values[key] = None  # the stand's own, filled in below
        elif spec.default is None:
            raise ConfigError(key, f"missing: set it in {file} or {ENV_PREFIX}{key.upper()} ({spec.help})")
        else:
            values[key] = spec.parse(spec.default())
    _check_center_unit(values["center_unit"], raw.get("center_unit", (None, str(file)))[1])
    if simulated:
        pki = values["data_dir"] / "simulated" / "pki"  # made by `kiosk stand up`, so not checked here
        for key, value in (("key_dir", values["data_dir"] / "simulated" / "keys"),
                           ("trust_store", values["data_dir"] / "simulated" / "trust"),  # the test CSCA only
                           ("endpoint", f"https://127.0.0.1:{SIMULATED_SERVER_PORT}"), ("ca_bundle", pki / "ca.pem"),
                           ("client_certificate", pki / f"station-{values['station_id']}.pem"),
                           ("client_key", pki / f"station-{values['station_id']}.key"),
                           ("camera", f"folder:{values['data_dir'] / 'simulated' / 'camera'}"),
                           # the stand's SoftHSM2 token, its test PIN and CA, and the reference server's TSA
                           ("signing_token", f"{values['station_id']} signing"), ("signing_pin", "file"),
                           ("signing_pin_file", values["data_dir"] / "simulated" / "signing" / "pin"),
                           ("softhsm2_conf", values["data_dir"] / "simulated" / "signing" / "softhsm2.conf"),
                           ("tsa_url", f"https://127.0.0.1:{SIMULATED_SERVER_PORT}/tsa"),
                           ("signature_trust", values["data_dir"] / "simulated" / "signature-trust"),
                           # the root of the stand's content repository (`kiosk stand up` publishes it)
                           ("content_root", values["data_dir"] / "simulated" / "content" / "root.json")):
            if values[key] is None:
                values[key] = value
        if "metrics_address" not in raw:
            values["metrics_address"] = f"127.0.0.1:{SIMULATED_METRICS_PORT}"
    _check_metrics_tls(values, raw, str(file))
    return Config(**values, source=str(file))


def _check_metrics_tls(values: dict[str, Any], raw: dict[str, tuple[Any, str]], file: str) -> None:
    """A certificate goes with its key, and a client CA only with both (it is checked during TLS)."""
    def origin(key: str) -> str:
        return raw.get(key, (None, file))[1]

    if (values["metrics_certificate"] is None) != (values["metrics_key"] is None):
        missing = "metrics_key" if values["metrics_key"] is None else "metrics_certificate"
        raise ConfigError(missing, "missing: metrics_certificate and metrics_key go together (both set: TLS; "
                          "both empty: plain HTTP)", origin(missing))
    if values["metrics_client_ca"] is not None and values["metrics_certificate"] is None:
        raise ConfigError("metrics_client_ca", "needs metrics_certificate and metrics_key: a client certificate is "
                          "only asked over TLS", origin("metrics_client_ca"))


def _check_center_unit(code: str, origin: str) -> None:
    """Joined by official code, never by name: the code must name a commune-level unit in force."""
    from kiosk.catalogs.units import CatalogError, units

    try:
        catalog = units()
    except CatalogError as error:
        raise ConfigError("center_unit", f"cannot be checked: {error}", origin) from None
    if code not in catalog.communes:
        raise ConfigError("center_unit", f"expected the code of a commune-level unit in force since "
                          f"1 July 2025; {code} is none", origin)


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError("config", f"cannot read {file}: {error.__class__.__name__}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError("config", f"not valid TOML: {error}", str(file)) from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(unknown[0], "unknown key; known keys: " + ", ".join(KEYS), str(file))
    return data

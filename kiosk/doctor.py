"""`kiosk doctor`: checks a real or simulated station, each check ending ok / warning / failed with a fix."""

from __future__ import annotations

import http.client
import shutil
import ssl
import tempfile
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from kiosk import devices
from kiosk.config import Config

OK, WARNING, FAILED = "ok", "warning", "failed"
MIN_FREE_BYTES = 2 * 1024**3  # a day of scans at a busy center, with room to spare
CRITICAL_FREE_BYTES = 200 * 1024**2


@dataclass(frozen=True)
class Check:
    name: str
    result: str  # ok / warning / failed
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def run_checks(config: Config, setup: devices.DeviceSetup) -> list[Check]:
    return [
        *check_pcsc(),
        check_scanners(setup),
        check_cameras(setup),
        check_face_model(config),
        check_fingerprint_reader(config),
        check_endpoint(config),
        check_data_dir(config),
        check_station_key(config),
        check_trust_store(config),
        check_signing_token(config),
        check_signature_trust(config),
        check_catalogs(config),
        check_content(config),
        check_metrics_endpoint(config),
    ]


def check_pcsc() -> list[Check]:
    try:
        readers = devices.readers()
    except devices.PcscUnavailable:
        return [
            Check("pcsc-service", FAILED, "the PC/SC service (pcscd) does not answer",
                  "start it: `sudo systemctl start pcscd` (simulated station: `kiosk stand up`)"),
            Check("pcsc-readers", FAILED, "readers cannot be listed without pcscd", "start pcscd first"),
        ]
    service = Check("pcsc-service", OK, "pcscd answers")
    if not readers:
        return [service, Check("pcsc-readers", WARNING, "no card reader is connected",
                               "plug in the card reader; if it is plugged in, check its driver (pcsc_scan)")]
    described = ", ".join(f"{r.name} (card {r.atr_hex})" if r.atr else r.name for r in readers)
    return [service, Check("pcsc-readers", OK, f"{len(readers)} reader(s): {described}")]


def check_scanners(setup: devices.DeviceSetup) -> Check:
    try:
        found = devices.scanners(setup)
    except devices.ScannerUnavailable as error:
        return Check("sane-devices", FAILED, str(error),
                     "install the Debian packages libsane1 and sane-utils; `scanimage -L` must list the scanner")
    if not found:
        return Check("sane-devices", WARNING, "SANE sees no scanner",
                     "switch the scanner on and connect it; `scanimage -L` must list it")
    return Check("sane-devices", OK, ", ".join(f"{s.name} ({s.vendor} {s.model})" for s in found))


def check_cameras(setup: devices.DeviceSetup) -> Check:
    found = devices.cameras(setup)
    if not found:
        return Check("cameras", WARNING, "no camera found",
                     "connect the camera (card QR codes then have to be typed or read from the MRZ)")
    return Check("cameras", OK, ", ".join(c.name for c in found))


def check_face_model(config: Config) -> Check:
    """The face model loads, from the installed package: nothing is ever downloaded."""
    import time

    from drivers.biometrics.face import DlibFaceVerifier, FaceProblem

    started = time.monotonic()
    try:
        DlibFaceVerifier(config.face_threshold)
    except FaceProblem as problem:
        return Check("face-model", FAILED, str(problem), "reinstall the station's package (dlib-bin, "
                     "face-recognition-models); until then officers compare faces by eye")
    return Check("face-model", OK, f"dlib face model loaded in {time.monotonic() - started:.1f} s, "
                 f"threshold {config.face_threshold:.2f}")


def check_fingerprint_reader(config: Config) -> Check:
    from drivers.biometrics.fingerprint import FingerprintError, load_reader

    if config.fingerprint_reader == "none":
        return Check("fingerprint", OK, "no fingerprint reader configured (face and officer checks only)")
    try:
        reader = load_reader(config.fingerprint_reader)
    except FingerprintError as error:
        return Check("fingerprint", FAILED, str(error), "check `fingerprint_reader` and the vendor's SDK, or "
                     "set it to none")
    try:
        return Check("fingerprint", OK, f"reader {reader.name} ({config.fingerprint_reader})")
    finally:
        reader.close()


def check_endpoint(config: Config, timeout: float = 3.0) -> Check:
    """TLS to the province with the station's certificate, then its pre-check (204, not a portal's 200)."""
    name = "provincial-endpoint"
    if not config.endpoint:
        return Check(name, WARNING, "no provincial endpoint is configured",
                     f"set endpoint in {config.source}; dossiers stay queued on the station until then")
    for key in ("ca_bundle", "client_certificate", "client_key"):
        path = getattr(config, key)
        if path is None or not path.is_file():
            return Check(name, FAILED, f"{key} is {'not set' if path is None else f'missing ({path})'}",
                         f"set {key} in {config.source} (simulated station: `kiosk stand up`)")
    parts = urlsplit(config.endpoint)
    host, port = parts.hostname or "", parts.port or 443
    context = ssl.create_default_context(cafile=str(config.ca_bundle))
    try:
        context.load_cert_chain(config.client_certificate, config.client_key)
        connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
        try:
            connection.request("GET", "/v1/precheck")
            status = connection.getresponse().status
        finally:
            connection.close()
    except ssl.SSLCertVerificationError as error:
        return Check(name, FAILED, f"{host}:{port} presents a certificate we do not trust ({error.verify_message})",
                     "set ca_bundle to the province's CA bundle")
    except (OSError, ssl.SSLError, http.client.HTTPException) as error:
        return Check(name, WARNING, f"{host}:{port} cannot be reached ({error.__class__.__name__})",
                     "check the network; dossiers are kept and sent when it is back")
    if status != 204:
        return Check(name, WARNING, f"{host}:{port} answers {status} to the pre-check, not 204 "
                     "(a captive portal, a proxy, or a refusal of this station)",
                     "log the network in, or ask the province whether the station is registered")
    return Check(name, OK, f"{host}:{port} answers the pre-check over TLS with a trusted certificate")


def check_data_dir(config: Config) -> Check:
    folder = config.data_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as error:
        return Check("data-folder", FAILED, f"{folder} is not writable ({error.strerror})",
                     f"give the station's user write access to {folder} or set data_dir")
    mode = folder.stat().st_mode & 0o777
    free = shutil.disk_usage(folder).free
    detail = f"{folder}: {free / 1024**3:.1f} GiB free, mode {mode:o}"
    if free < CRITICAL_FREE_BYTES:
        return Check("data-folder", FAILED, detail, "free disk space: dossiers cannot be stored safely")
    if mode & 0o007:
        return Check("data-folder", WARNING, detail + ", readable by every user",
                     f"chmod o-rwx {folder}")
    if free < MIN_FREE_BYTES:
        return Check("data-folder", WARNING, detail, "free disk space soon: less than 2 GiB left")
    return Check("data-folder", OK, detail)


def check_station_key(config: Config) -> Check:
    """A plain key file is for development only; a sealed key must unseal here (a passphrase is not
    asked: it is typed at every start)."""
    from kiosk.store import KeyFileError
    from kiosk.store.keystores import FileKeyStore, sealed_key_store

    name, folder = "station-key", config.key_dir
    seal = (f"seal it with `kiosk store seal-key --to tpm` (or --to credential, --to passphrase), then set "
            f"station_key in {config.source}")
    plain = FileKeyStore(folder)
    if config.station_key == "file":
        where = plain.path if plain.exists() else f"{folder} (made at the first start)"
        return Check(name, WARNING, f"the station key is a plain file, {where}: a copied disk opens every "
                     "dossier", seal)
    sealed = sealed_key_store(config.station_key, folder, config.tpm_tcti, ask=_never_asked)
    if not sealed.exists():
        if plain.exists():
            return Check(name, FAILED, f"station_key is {config.station_key} but the key in {folder} is still "
                         "a plain file: the store will not open", f"run `kiosk store seal-key --to {config.station_key}`")
        return Check(name, WARNING, f"no station key in {folder} yet: it is made and sealed "
                     f"({config.station_key}) at the first start", "start the station once, then run the doctor again")
    if config.station_key == "passphrase":
        return Check(name, OK, f"the station key is wrapped under a passphrase ({folder}); it is asked at every "
                     "start, not here")
    try:
        sealed.station_key()
    except KeyFileError as error:
        return Check(name, FAILED, str(error), "restore this station's key folder and TPM, or set the station up "
                     "again" if config.station_key == "tpm" else "run as root, or as the service that loads the "
                     "credential (README: The station key)")
    how = f"by this station's TPM ({config.tpm_tcti})" if config.station_key == "tpm" else "as a systemd credential"
    if config.station_key == "credential" and not _machine_has_tpm():
        return Check(name, WARNING, "the station key is a systemd credential sealed with the host key only (this "
                     "machine has no TPM): a copy of the whole disk, /var/lib/systemd included, opens it",
                     "use a station with a TPM 2.0 (station_key = \"tpm\"), or a passphrase")
    if plain.exists():
        return Check(name, WARNING, f"the station key is sealed {how}, but a plain copy is still in {folder}",
                     f"remove {plain.path} (overwrite it first)")
    return Check(name, OK, f"the station key is sealed {how} and unseals here")


def _machine_has_tpm() -> bool:
    """What systemd-creds' `auto` seals with: the TPM too when it fully supports one."""
    import subprocess

    try:
        return subprocess.run(["systemd-creds", "has-tpm2", "--quiet"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _never_asked(prompt: str) -> str:
    raise AssertionError("the doctor never asks the station key's passphrase")


def worst(checks: list[Check]) -> str:
    results = {c.result for c in checks}
    return FAILED if FAILED in results else WARNING if WARNING in results else OK



def check_trust_store(config: Config) -> Check:
    """Without CSCA certificates no card can be proved genuine (passive authentication)."""
    from drivers.card.trust import TrustStore, TrustStoreError
    from kiosk.content import active_content

    folder = active_content(config).trust_store  # the province's content's, else trust_store
    fix = (f"put the CSCA certificates and ICAO master lists the province distributes in {folder} "
           "(or set trust_store, or content_root to receive them from the province)")
    try:
        store = TrustStore.load(folder)
    except TrustStoreError as error:
        return Check("trust-store", FAILED, str(error), fix)
    summary = store.summary
    if not summary.certificates:
        return Check("trust-store", FAILED, f"no CSCA certificate in {folder}: no card can be proved genuine", fix)
    detail = "; ".join(summary.lines())
    if summary.failed_files:
        return Check("trust-store", WARNING, detail, "replace the files that failed: their certificates are not trusted")
    return Check("trust-store", OK, detail)


SIGNING_CERTIFICATE_WARN_DAYS = 30  # a renewal takes the province's CA weeks


def check_signing_token(config: Config) -> Check:
    """The centre's signing key (Decree 30/2020: every digitised copy signed): the module loads, the token
    is present, its certificate is valid for how many days and made for signatures. The PIN is not asked."""
    from drivers.signing.certificates import days_left, signing_problems, subject_name
    from drivers.signing.errors import SigningError
    from kiosk.signing import PKCS12_WARNING, token_spec

    name = "signing-token"
    if config.signing_key == "pkcs12":
        return Check(name, WARNING, PKCS12_WARNING, "set signing_key = \"pkcs11\" and the token's signing_module")
    spec = token_spec(config)
    try:
        from drivers.signing.token import token_status

        status = token_status(spec)
    except SigningError as error:
        return Check(name, FAILED, f"{error}: no copy can be signed, so none is accepted by the province",
                     "plug in the centre's token; check signing_module, signing_token and signing_slot "
                     f"in {config.source}")
    left = days_left(status.certificate)
    where = f"token {status.token_label!r} ({spec.module.name})"
    if problems := signing_problems(status.certificate):
        return Check(name, FAILED, f"{where}: {'; '.join(problems)}", "ask the province's CA for a new certificate "
                     "for the centre's token")
    if status.locked:
        return Check(name, FAILED, f"{where} is locked (too many wrong PINs)", "have the token's administrator "
                     "unblock it with the SO PIN")
    detail = f"{where}: {subject_name(status.certificate)}, certificate valid {left} more days"
    if left < SIGNING_CERTIFICATE_WARN_DAYS:
        return Check(name, WARNING, detail, "ask the province's CA to renew the centre's certificate now")
    return Check(name, OK, detail)


def check_signature_trust(config: Config) -> Check:
    """The CAs trusted to sign copies: without them the counter cannot say a signature is trusted."""
    from drivers.signing.errors import SigningError
    from kiosk.signing import signature_trust

    fix = f"put the province's signing CA certificate (and its CRL) in {config.signature_trust}"
    try:
        trust = signature_trust(config)
    except SigningError as error:
        return Check("signature-trust", FAILED, str(error), fix)
    if not trust.roots:
        return Check("signature-trust", FAILED, f"no CA certificate in {config.signature_trust}", fix)
    return Check("signature-trust", OK, f"{len(trust.roots)} CA certificates, {len(trust.crls)} CRLs in "
                 f"{config.signature_trust}")


def check_catalogs(config: Config) -> Check:
    from kiosk.catalogs import CatalogError
    from kiosk.content import active_content

    content = active_content(config)  # the province's catalogs when its content has them
    try:
        units, procedures = content.units(), content.procedures()
    except CatalogError as error:
        return Check("catalogs", FAILED, str(error), "reinstall the application: its resources are damaged")
    detail = (f"{len(units.provinces)} provinces, {len(units.communes)} commune-level units ({units.version}); "
              f"{len(procedures)} procedures ({procedures.version})")
    unverified = sum(not p.verified for p in procedures.procedures.values())
    if unverified:
        return Check("catalogs", WARNING, f"{detail}, {unverified} of them not verified against a published list "
                     f"(each entry names its source)",
                     "check them against the province's published procedure list and mark them verified in "
                     "resources/catalogs/sources/procedures.toml")
    return Check("catalogs", OK, detail)


CONTENT_EXPIRY_WARN_DAYS = 2  # the province publishes again (renewing the timestamp) well before this


def check_content(config: Config) -> Check:
    """The province's signed content: the version in use, its age and the last check; a warning when the
    last check failed (with its kind) or the verified metadata expires soon."""
    from kiosk.content import content_status

    name = "content"
    status = content_status(config)
    if not status["configured"]:
        if config.content_root is None:
            return Check(name, WARNING, "no content root installed: the trust store, catalogs and settings are "
                         "the station's own and never updated from the province",
                         f"install the province's content root.json and set content_root in {config.source}")
        return Check(name, FAILED, f"content_root {config.content_root} is missing",
                     "install the province's content root.json there again")
    version = status["version"]
    in_use = (f"version {version} in use, updated {_ago(status['age_seconds'])}" if version is not None
              else "no content received yet (the station's own files in use)")
    checked = f"last check {_ago(status['since_check_seconds'])}" if status["last_check"] else "never checked"
    detail = f"{in_use}; {checked}"
    if status["error_kind"]:
        return Check(name, WARNING, f"{detail}: the last update failed ({status['error_kind']}): {status['error']}",
                     _CONTENT_FIXES.get(status["error_kind"], "see the log; the station keeps its last good content"))
    if (left := status["expires_in_seconds"]) is not None and left < CONTENT_EXPIRY_WARN_DAYS * 86400:
        return Check(name, WARNING, f"{detail}; the province's signed metadata expires "
                     + ("now" if left <= 0 else f"in {left / 3600:.0f} h"),
                     "the province must publish again (kiosk content publish renews the expiry)")
    if version is None:
        return Check(name, WARNING, detail, "wait for the relay's next cycle, or run `kiosk content update`")
    return Check(name, OK, detail)


_CONTENT_FIXES = {
    "unreachable": "check the network and `kiosk sync test`; content_url if the province serves it elsewhere",
    "expired": "the province must publish again: its repository is stale (or frozen by an attacker)",
    "tampered": "tell the province: a file or metadata of its repository was altered; the station refused it",
    "rollback": "tell the province: an older repository version was served (a replay); the station refused it",
    "wrong-key": "tell the province: its repository is signed with keys the station's content_root does not name",
    "invalid-content": "tell the province: a published file fails the station's checks (its reason above)",
    "not-configured": "set endpoint (or content_url), ca_bundle, client_certificate and client_key",
    "station-storage": "free disk space or fix the permissions of the data folder",
}


def _ago(seconds: float | None) -> str:
    if seconds is None:
        return "at an unknown time"
    if seconds < 120:
        return "just now"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    if seconds < 172800:
        return f"{seconds / 3600:.0f} h ago"
    return f"{seconds / 86400:.0f} days ago"


def check_metrics_endpoint(config: Config, timeout: float = 2.0) -> Check:
    """The station's health endpoint (kiosk.health): configured, and something listens there (the relay
    service serves it). Only a connection is made: the endpoint may require the scraper's certificate."""
    import socket

    from kiosk.health.endpoint import split_address

    name = "metrics-endpoint"
    if not config.metrics_address:
        return Check(name, WARNING, "no metrics endpoint: the province's Prometheus cannot see this station",
                     f"set metrics_address (the station's management address and a port) in {config.source}")
    host, port = split_address(config.metrics_address)
    scheme = "https" if config.metrics_certificate else "http"
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as error:
        return Check(name, WARNING, f"nothing answers at {config.metrics_address} ({error.__class__.__name__})",
                     "start the relay service (`systemctl start digitisation-point-relay`, or `kiosk sync run`), "
                     "which serves the metrics")
    client = ", client certificate required" if config.metrics_client_ca else ""
    return Check(name, OK, f"{scheme}://{config.metrics_address}/metrics is bound{client}")

"""The province's side of the signed content: a TUF repository built from a folder (`kiosk content
publish`), on the province's own machine, served as plain files (the reference server: `/content/`).

Four roles, each with its own key and expiry (root, targets, snapshot, timestamp), consistent
snapshots, versions that only increase. The folder is checked first with the station's own loaders
(kiosk.content.layout): a catalog a station would refuse is refused here, with the file and the reason.

The repository folder, as stations fetch it:

    metadata/<n>.root.json, metadata/root.json     the root role, each version kept (stations walk the chain)
    metadata/<n>.targets.json, <n>.snapshot.json   consistent snapshots (also targets.json, snapshot.json)
    metadata/timestamp.json                        written last: a station sees the old state or the new
    targets/<folder>/<sha256>.<name>               the files, named by their hash
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata, MetaFile, Root, Snapshot, TargetFile, Targets, Timestamp
from tuf.api.serialization.json import JSONSerializer

from kiosk.content import ContentSummary, check_content
from kiosk.errors import EXIT_CONFIG, KioskError
from kiosk.private_files import private_folder, private_opener

ROLES = ("root", "targets", "snapshot", "timestamp")
ROOT_LIFETIME = timedelta(days=365)
TARGETS_LIFETIME = timedelta(days=90)
DEFAULT_LIFETIME = timedelta(days=7)  # snapshot and timestamp: how long a frozen repository is believed
ROOT_RENEW_BEFORE = timedelta(days=60)  # a root this close to expiry is signed again (version + 1)


class PublishError(KioskError):
    """The repository cannot be published as asked (keys, folders); the message says what to do."""

    exit_code = EXIT_CONFIG


@dataclass
class Published:
    repository: Path
    version: int  # the targets version: the content version stations report
    changed: bool  # False: the same files as before, only the expiries renewed
    summary: ContentSummary
    root: Path  # what every station must be installed with (its content_root)
    generated_keys: list[str] = field(default_factory=list)
    timestamp_expires: datetime | None = None


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def publish(source: Path, repository: Path, keys: Path, lifetime: timedelta = DEFAULT_LIFETIME,
            now: datetime | None = None) -> Published:
    """Builds or updates `repository` from `source` with the keys of `keys` (made on the first publish).
    Raises ContentError for a folder the stations would refuse, PublishError for wrong keys."""
    now = (now or utcnow()).replace(microsecond=0)
    summary = check_content(source)
    signers, generated = _signers(keys, first=not (repository / "metadata" / "root.json").exists())
    metadata = repository / "metadata"
    metadata.mkdir(parents=True, exist_ok=True)

    _root(metadata, signers, now)
    targets, changed = _targets(source, repository, summary, signers["targets"], now, max(lifetime, TARGETS_LIFETIME))
    snapshot = _next(metadata, "snapshot", Snapshot)
    snapshot.signed.meta = {"targets.json": MetaFile(version=targets.signed.version)}
    snapshot.signed.expires = now + lifetime
    _write(snapshot, signers["snapshot"], metadata, versioned=True)
    timestamp = _next(metadata, "timestamp", Timestamp)
    timestamp.signed.snapshot_meta = MetaFile(version=snapshot.signed.version)
    timestamp.signed.expires = now + lifetime
    _write(timestamp, signers["timestamp"], metadata, versioned=False)  # last: it makes the new state visible
    return Published(repository, targets.signed.version, changed, summary, metadata / "root.json", generated,
                     timestamp.signed.expires)


# --- keys ----------------------------------------------------------------------------------------


def _signers(keys: Path, first: bool) -> tuple[dict[str, CryptoSigner], list[str]]:
    """One Ed25519 key per role, `<role>.pem` (PKCS#8) in `keys` (0700, each key 0600). Missing keys are
    made only for a new repository: an existing one must be signed by the keys it names."""
    missing = [role for role in ROLES if not (keys / f"{role}.pem").is_file()]
    if missing and not first:
        raise PublishError(f"the keys folder {keys} lacks {', '.join(f'{r}.pem' for r in missing)}: publish with "
                           "the folder of keys this repository was made with")
    if missing and any((keys / f"{role}.pem").is_file() for role in ROLES):
        raise PublishError(f"the keys folder {keys} holds some keys but not {', '.join(missing)}: name an empty "
                           "folder to make a new set, or the complete one")
    private_folder(keys)
    signers, generated = {}, []
    for role in ROLES:
        path = keys / f"{role}.pem"
        if not path.is_file():
            signer = CryptoSigner.generate_ed25519()
            with open(path, "wb", opener=private_opener) as file:
                file.write(signer.private_bytes)
            generated.append(str(path))
        else:
            try:
                signer = CryptoSigner(load_pem_private_key(path.read_bytes(), password=None))
            except (ValueError, TypeError) as error:
                raise PublishError(f"{path} is not an unencrypted PKCS#8 private key ({error})") from None
        signers[role] = signer
    return signers, generated


# --- roles ---------------------------------------------------------------------------------------


def _root(metadata: Path, signers: dict[str, CryptoSigner], now: datetime) -> Metadata[Root]:
    path = metadata / "root.json"
    if not path.exists():
        root = Metadata(Root(version=1, expires=now + ROOT_LIFETIME, consistent_snapshot=True))
        for role in ROLES:
            root.signed.add_key(signers[role].public_key, role)
        _write(root, signers["root"], metadata, versioned=True)
        return root
    root = Metadata[Root].from_file(str(path))
    for role in ROLES:
        if signers[role].public_key.keyid not in root.signed.roles[role].keyids:
            raise PublishError(f"the {role} key in the keys folder is not the one this repository's root.json "
                               "names: publish with the keys the repository was made with")
    if root.signed.expires - now < ROOT_RENEW_BEFORE:
        root.signed.version += 1
        root.signed.expires = now + ROOT_LIFETIME
        _write(root, signers["root"], metadata, versioned=True)
    return root


def _targets(source: Path, repository: Path, summary: ContentSummary, signer: CryptoSigner, now: datetime,
             lifetime: timedelta) -> tuple[Metadata[Targets], bool]:
    """The targets role for the folder's files: a new version when a file changed (or its expiry nears
    half its lifetime), with the files copied under their hash."""
    metadata = repository / "metadata"
    files = {name: TargetFile.from_file(name, str(source / name), ["sha256"]) for name in summary.files}
    path = metadata / "targets.json"
    latest = Metadata[Targets].from_file(str(path)) if path.exists() else None
    changed = latest is None or latest.signed.targets != files
    if not changed and latest.signed.expires - now >= lifetime / 2:
        return latest, False
    for name, info in files.items():
        folder, _, base = name.rpartition("/")
        stored = repository / "targets" / folder / f"{info.hashes['sha256']}.{base}"
        stored.parent.mkdir(parents=True, exist_ok=True)
        if not stored.exists():
            shutil.copyfile(source / name, stored)
    targets = Metadata(Targets(version=latest.signed.version + 1 if latest else 1, expires=now + lifetime,
                               targets=files))
    _write(targets, signer, metadata, versioned=True)
    return targets, changed


def _next(metadata: Path, role: str, kind: type) -> Metadata:
    """The role's latest metadata with its version counted one up (a new one, version 1, if none)."""
    path = metadata / f"{role}.json"
    if not path.exists():
        return Metadata(kind(version=1))
    latest = Metadata.from_file(str(path))
    latest.signed.version += 1
    return latest


def _write(metadata: Metadata, signer: CryptoSigner, folder: Path, versioned: bool) -> None:
    """Signed, then written beside and renamed over: `<n>.<role>.json` when versioned, and `<role>.json`."""
    metadata.signatures.clear()
    metadata.sign(signer)
    role = metadata.signed.type
    data = metadata.to_bytes(JSONSerializer(compact=False))
    names = ([f"{metadata.signed.version}.{role}.json"] if versioned else []) + [f"{role}.json"]
    for name in names:
        temporary = folder / f".{name}.tmp"
        temporary.write_bytes(data)
        os.replace(temporary, folder / name)

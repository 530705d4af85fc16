"""The province's side of the signed content: a TUF repository built from a folder (`kiosk content
publish`), on the province's own machine, served as plain files (the reference server: `/content/`), and
its keys replaced without reinstalling stations (`kiosk content rotate`).

Four roles, each with its own key and expiry (root, targets, snapshot, timestamp), consistent
snapshots, versions that only increase. The folder is checked first with the station's own loaders
(kiosk.content.layout): a catalog a station would refuse is refused here, with the file and the reason.

The repository folder, as stations fetch it:

    metadata/<n>.root.json, metadata/root.json     the root role, each version kept (stations walk the chain)
    metadata/<n>.targets.json, <n>.snapshot.json   consistent snapshots (also targets.json, snapshot.json)
    metadata/timestamp.json                        written last: a station sees the old state or the new
    targets/<folder>/<sha256>.<name>               the files, named by their hash

A rotation writes the next root version naming the new keys, signed by the root key stations already
trust (and by the new root key when root itself is replaced: TUF asks for both), so a station installed
with any earlier root.json walks the chain to it; the roles whose key changed get new versions signed by
their new keys in the same run.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.exceptions import UnsignedMetadataError
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


@dataclass
class Rotated:
    repository: Path
    root_version: int  # the new root version, naming the new keys
    roles: tuple[str, ...]  # the roles whose key was replaced
    keys: Path  # the new keys folder: the new keys and copies of the kept ones
    resigned: dict[str, int]  # role -> its new version, signed by its new key (or over a re-signed role)
    root: Path


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

    root = _root(metadata, signers, keys, now)
    targets, changed = _targets(source, repository, summary, root, signers["targets"], now,
                                max(lifetime, TARGETS_LIFETIME))
    snapshot = _snapshot(metadata, signers["snapshot"], targets.signed.version, now + lifetime)
    timestamp = _timestamp(metadata, signers["timestamp"], snapshot.signed.version, now + lifetime)
    return Published(repository, targets.signed.version, changed, summary, metadata / "root.json", generated,
                     timestamp.signed.expires)


def rotate(repository: Path, keys: Path, new_keys: Path, roles: tuple[str, ...] | list[str] | None = None,
           lifetime: timedelta = DEFAULT_LIFETIME, now: datetime | None = None) -> Rotated:
    """Replaces the keys of `roles` in `repository`, whose keys are in `keys` (left as they are). The new
    keys folder gets the full set first: a root naming keys nobody kept would strand every station.
    Raises PublishError for an unknown role, a new keys folder that is not empty, keys not the repository's.
    `roles` None: all four."""
    now = (now or utcnow()).replace(microsecond=0)
    roles = ROLES if roles is None else roles
    if unknown := [role for role in roles if role not in ROLES]:
        raise PublishError(f"unknown role {', '.join(map(repr, unknown))}: the roles are {', '.join(ROLES)}")
    if not roles:
        raise PublishError(f"no role to rotate: name some of {', '.join(ROLES)}")
    roles = tuple(role for role in ROLES if role in roles)
    metadata = repository / "metadata"
    if not (metadata / "root.json").is_file():
        raise PublishError(f"{repository} holds no content repository (no metadata/root.json): publish one first")
    if new_keys.exists() and (not new_keys.is_dir() or any(new_keys.iterdir())):
        raise PublishError(f"the new keys folder {new_keys} is not empty: name a new or empty folder (the rotation "
                           "writes the full set of keys there)")
    old, _ = _signers(keys, first=False)
    root = Metadata[Root].from_file(str(metadata / "root.json"))
    _check_keys(metadata, root, old, keys)
    new = {role: CryptoSigner.generate_ed25519() if role in roles else old[role] for role in ROLES}
    _save_keys(new_keys, new, kept={role: keys / f"{role}.pem" for role in ROLES if role not in roles})

    root.signed.version += 1
    root.signed.expires = now + ROOT_LIFETIME
    for role in roles:
        root.signed.revoke_key(old[role].public_key.keyid, role)
        root.signed.add_key(new[role].public_key, role)
    # the trusted root's key vouches for the new root; the new root's own key must sign it too
    _write(root, [old["root"], new["root"]] if "root" in roles else [old["root"]], metadata, versioned=True)

    resigned = {}
    if "targets" in roles:
        targets = _next(metadata, "targets", Targets)
        targets.signed.expires = max(targets.signed.expires, now + max(lifetime, TARGETS_LIFETIME))
        _write(targets, [new["targets"]], metadata, versioned=True)
        resigned["targets"] = targets.signed.version
    if {"targets", "snapshot"} & set(roles):
        targets_version = Metadata[Targets].from_file(str(metadata / "targets.json")).signed.version
        resigned["snapshot"] = _snapshot(metadata, new["snapshot"], targets_version, now + lifetime).signed.version
    if {"targets", "snapshot", "timestamp"} & set(roles):
        snapshot_version = Metadata[Snapshot].from_file(str(metadata / "snapshot.json")).signed.version
        resigned["timestamp"] = _timestamp(metadata, new["timestamp"], snapshot_version,
                                           now + lifetime).signed.version
    return Rotated(repository, root.signed.version, roles, new_keys, resigned, metadata / "root.json")


# --- keys ----------------------------------------------------------------------------------------


def _signers(keys: Path, first: bool) -> tuple[dict[str, CryptoSigner], list[str]]:
    """One Ed25519 key per role, `<role>.pem` (PKCS#8) in `keys` (0700, each key 0600). Missing keys are
    made only for a new repository: an existing one must be signed by the keys it names."""
    missing = [role for role in ROLES if not (keys / f"{role}.pem").is_file()]
    if missing and not first:
        raise PublishError(f"the keys folder {keys} lacks {', '.join(f'{r}.pem' for r in missing)}: use the "
                           "folder of keys this repository was made with, or that of its last rotation")
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


def _save_keys(folder: Path, signers: dict[str, CryptoSigner], kept: dict[str, Path]) -> None:
    """The full set in `folder` (0700, each key 0600): the new keys, and the kept ones copied byte for byte."""
    private_folder(folder)
    for role in ROLES:
        data = kept[role].read_bytes() if role in kept else signers[role].private_bytes
        with open(folder / f"{role}.pem", "xb", opener=private_opener) as file:
            file.write(data)


def _check_keys(metadata: Path, root: Metadata[Root], signers: dict[str, CryptoSigner], keys: Path) -> None:
    """Each key of `keys` must be the one the repository's root names for its role; a key an earlier
    root named was replaced by a rotation, and the message says so."""
    for role in ROLES:
        keyid = signers[role].public_key.keyid
        if keyid in root.signed.roles[role].keyids:
            continue
        if replaced := _replaced_in(metadata, root.signed.version, role, keyid):
            raise PublishError(f"the {role} key in {keys} was replaced by a key rotation (root version {replaced}): "
                               "use the keys folder that rotation wrote (its --new-keys)")
        raise PublishError(f"the {role} key in {keys} is not the one this repository's root.json names: use the "
                           "keys the repository was made with, or those of its last rotation")


def _replaced_in(metadata: Path, current: int, role: str, keyid: str) -> int | None:
    """The root version that dropped `keyid` from `role`, if an earlier root version named it."""
    for version in range(current - 1, 0, -1):
        path = metadata / f"{version}.root.json"
        if path.is_file() and keyid in Metadata[Root].from_file(str(path)).signed.roles[role].keyids:
            return version + 1
    return None


# --- roles ---------------------------------------------------------------------------------------


def _root(metadata: Path, signers: dict[str, CryptoSigner], keys: Path, now: datetime) -> Metadata[Root]:
    path = metadata / "root.json"
    if not path.exists():
        root = Metadata(Root(version=1, expires=now + ROOT_LIFETIME, consistent_snapshot=True))
        for role in ROLES:
            root.signed.add_key(signers[role].public_key, role)
        _write(root, [signers["root"]], metadata, versioned=True)
        return root
    root = Metadata[Root].from_file(str(path))
    _check_keys(metadata, root, signers, keys)
    if root.signed.expires - now < ROOT_RENEW_BEFORE:
        root.signed.version += 1
        root.signed.expires = now + ROOT_LIFETIME
        _write(root, [signers["root"]], metadata, versioned=True)
    return root


def _targets(source: Path, repository: Path, summary: ContentSummary, root: Metadata[Root], signer: CryptoSigner,
             now: datetime, lifetime: timedelta) -> tuple[Metadata[Targets], bool]:
    """The targets role for the folder's files: a new version when a file changed, its expiry nears half
    its lifetime, or its signature is not by the key the root names (a rotation cut short), with the
    files copied under their hash."""
    metadata = repository / "metadata"
    files = {name: TargetFile.from_file(name, str(source / name), ["sha256"]) for name in summary.files}
    path = metadata / "targets.json"
    latest = Metadata[Targets].from_file(str(path)) if path.exists() else None
    changed = latest is None or latest.signed.targets != files
    if not changed and latest.signed.expires - now >= lifetime / 2 and _signed_for(root, latest):
        return latest, False
    for name, info in files.items():
        folder, _, base = name.rpartition("/")
        stored = repository / "targets" / folder / f"{info.hashes['sha256']}.{base}"
        stored.parent.mkdir(parents=True, exist_ok=True)
        if not stored.exists():
            shutil.copyfile(source / name, stored)
    targets = Metadata(Targets(version=latest.signed.version + 1 if latest else 1, expires=now + lifetime,
                               targets=files))
    _write(targets, [signer], metadata, versioned=True)
    return targets, changed


def _signed_for(root: Metadata[Root], role: Metadata) -> bool:
    try:
        root.signed.verify_delegate(role.signed.type, role.signed_bytes, role.signatures)
    except UnsignedMetadataError:
        return False
    return True


def _snapshot(metadata: Path, signer: CryptoSigner, targets_version: int, expires: datetime) -> Metadata[Snapshot]:
    snapshot = _next(metadata, "snapshot", Snapshot)
    snapshot.signed.meta = {"targets.json": MetaFile(version=targets_version)}
    snapshot.signed.expires = expires
    _write(snapshot, [signer], metadata, versioned=True)
    return snapshot


def _timestamp(metadata: Path, signer: CryptoSigner, snapshot_version: int, expires: datetime) -> Metadata[Timestamp]:
    """Written last by every change: it makes the new state visible to stations."""
    timestamp = _next(metadata, "timestamp", Timestamp)
    timestamp.signed.snapshot_meta = MetaFile(version=snapshot_version)
    timestamp.signed.expires = expires
    _write(timestamp, [signer], metadata, versioned=False)
    return timestamp


def _next(metadata: Path, role: str, kind: type) -> Metadata:
    """The role's latest metadata with its version counted one up (a new one, version 1, if none)."""
    path = metadata / f"{role}.json"
    if not path.exists():
        return Metadata(kind(version=1))
    latest = Metadata.from_file(str(path))
    latest.signed.version += 1
    return latest


def _write(metadata: Metadata, signers: list[CryptoSigner], folder: Path, versioned: bool) -> None:
    """Signed by each of `signers`, then written beside and renamed over: `<n>.<role>.json` when
    versioned, and `<role>.json`."""
    metadata.signatures.clear()
    for signer in signers:
        metadata.sign(signer, append=True)
    role = metadata.signed.type
    data = metadata.to_bytes(JSONSerializer(compact=False))
    names = ([f"{metadata.signed.version}.{role}.json"] if versioned else []) + [f"{role}.json"]
    for name in names:
        temporary = folder / f".{name}.tmp"
        temporary.write_bytes(data)
        os.replace(temporary, folder / name)

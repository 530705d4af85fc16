"""What the station and the provincial system agree on (see sync/PROTOCOL.md and sync/openapi.yaml)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Mapping

API = "/v1"
TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,creation-with-upload,checksum,termination"
CHECKSUM_ALGORITHM = "sha256"
CHUNK_SIZE = 1024 * 1024  # what a dropped connection can cost at most: about a second at 10 Mbit/s
MAX_FILE_SIZE = 200 * 1024 * 1024
MAX_JSON_BODY = 64 * 1024  # a dossier's metadata, an e-wallet item or a search: a few KiB at most
MAX_CHUNK_BODY = 16 * CHUNK_SIZE  # the largest tus chunk one request may carry (413 above)
MAX_TITLE = 300  # characters of an e-wallet item's title
MAX_LISTED = 1000  # e-wallet items answered by one search
MEDIA_TYPES = ("application/pdf",)
WALLET_UPLOAD = "wallet_item"  # the Upload-Metadata key of an e-wallet item's document

# Circular 01/2018/TT-VPCP: receiving agency's code, date received, sequence of that agency's day.
DOSSIER_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")

# Progress of a dossier at the province, as the status call reports it.
PROVINCE_STATES = ("received", "processing", "needs_supplement", "result_ready", "returned")

# The station's audit chain, anchored at the province with each submit (PROTOCOL.md, "Audit anchor").
AUDIT_CHAIN = "Audit-Chain"  # the chain's id: 32 lowercase hex digits, the same for the store's life
AUDIT_HEAD = "Audit-Head"  # <seq>:<hash> of the chain's last row
AUDIT_ANCHOR = "Audit-Anchor"  # <seq>:<hash> of the station's row at the sequence the province keeps
AUDIT_REWOUND = "audit_rewound"  # 409: the chain is shorter than the head the province kept
AUDIT_FORKED = "audit_forked"  # 409: the chain differs from the one the province kept
AUDIT_ANCHOR_NEEDED = "audit_anchor_needed"  # 409: send your row at `kept_seq` in Audit-Anchor
AUDIT_INVALID = "audit_head_invalid"  # 400: the Audit-* headers are missing or malformed
SIGNATURE_REFUSED = "signature_refused"  # 422: a file's PAdES signature fails (unsigned, changed, untrusted)
NO_ROW = "0" * 64  # the hash of row 0: a chain with no row yet

_UNIT = re.compile(r"^\d{5}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_ID_NUMBER = re.compile(r"^\d{12}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CHAIN = re.compile(r"^[0-9a-f]{32}$")
_POINT = re.compile(r"^(0|[1-9][0-9]{0,17}):([0-9a-f]{64})$")


class InvalidMetadata(ValueError):
    pass


@dataclass(frozen=True)
class AuditChain:
    """What a submit tells of the station's audit log: which chain, its last row, and the row at the
    sequence the province acknowledged last (`anchor`, None before the first acknowledgement).
    `hash_at` gives the station's hash at any sequence, for a province that keeps a later anchor than
    the station remembers (its acknowledgement was lost on the way)."""
    chain: str
    head: tuple[int, str]
    anchor: tuple[int, str] | None = None
    hash_at: Callable[[int], str | None] = lambda seq: None

    def point_at(self, seq: int) -> tuple[int, str]:
        """The station's point at `seq`: its hash there, or NO_ROW where the station has no such row."""
        return seq, self.hash_at(seq) or NO_ROW

    def headers(self, anchor: tuple[int, str] | None = None) -> dict[str, str]:
        anchor = anchor or self.anchor
        headers = {AUDIT_CHAIN: self.chain, AUDIT_HEAD: f"{self.head[0]}:{self.head[1]}"}
        if anchor is not None:
            headers[AUDIT_ANCHOR] = f"{anchor[0]}:{anchor[1]}"
        return headers


def audit_claim(headers: Mapping[str, str]) -> AuditChain:
    """The Audit-* headers of a submit; raises InvalidMetadata naming the wrong one."""
    chain = headers.get(AUDIT_CHAIN) or ""
    if not _CHAIN.match(chain):
        raise InvalidMetadata(f"{AUDIT_CHAIN} must be 32 lowercase hex digits")
    points = []
    for name in (AUDIT_HEAD, AUDIT_ANCHOR):
        value = headers.get(name)
        if value is None and name == AUDIT_ANCHOR:
            points.append(None)
            continue
        match = _POINT.match(value or "")
        if not match:
            raise InvalidMetadata(f"{name} must be <sequence>:<64 lowercase hex digits>")
        points.append((int(match[1]), match[2]))
    head, anchor = points
    if anchor is not None and anchor[0] > head[0]:
        raise InvalidMetadata(f"{AUDIT_ANCHOR} is past {AUDIT_HEAD}")
    return AuditChain(chain, head, anchor)


def is_dossier_id(text: str) -> bool:
    return bool(_UUID.match(text))


def is_count(value: Any) -> bool:
    """A JSON whole number: `true` is not 1 and `1.0` is not a page count."""
    return type(value) is int


def _optional_text(container: dict[str, Any], key: str, where: str = "") -> None:
    if container.get(key) is not None and not isinstance(container[key], str):
        raise InvalidMetadata(f"{where}{key} must be text")


def validate_metadata(metadata: Any) -> dict[str, Any]:
    """The dossier metadata a station sends; raises InvalidMetadata naming the first wrong field."""
    if not isinstance(metadata, dict):
        raise InvalidMetadata("the body must be a JSON object")
    for key in ("procedure", "receiving_unit", "competent_unit", "files"):
        if key not in metadata:
            raise InvalidMetadata(f"{key} is missing")
    if not isinstance(metadata["procedure"], str) or not metadata["procedure"]:
        raise InvalidMetadata("procedure must be a procedure code")
    for key in ("receiving_unit", "competent_unit"):
        if not isinstance(metadata[key], str) or not _UNIT.match(metadata[key]):
            raise InvalidMetadata(f"{key} must be a 5-digit administrative unit code")
    files = metadata["files"]
    if not isinstance(files, list) or not files:
        raise InvalidMetadata("files must list at least one file")
    names = set()
    for entry in files:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
            raise InvalidMetadata("every file needs a name")
        if entry["name"] in names:
            raise InvalidMetadata(f"file {entry['name']} is listed twice")
        names.add(entry["name"])
        if not is_count(entry.get("size")) or not 0 < entry["size"] <= MAX_FILE_SIZE:
            raise InvalidMetadata(f"file {entry['name']}: size must be 1..{MAX_FILE_SIZE} bytes")
        if not isinstance(entry.get("sha256"), str) or not _SHA256.match(entry["sha256"]):
            raise InvalidMetadata(f"file {entry['name']}: sha256 must be 64 lowercase hex digits")
        if "pages" in entry and (not is_count(entry["pages"]) or entry["pages"] < 1):
            raise InvalidMetadata(f"file {entry['name']}: pages must be a whole number, at least 1")
        _optional_text(entry, "component", f"file {entry['name']}: ")
    for key in ("received_by", "received_at"):
        _optional_text(metadata, key)
    citizen = metadata.get("citizen")
    if citizen is not None:
        # a flat object of texts: what the station reads from the card, nothing nested
        if not isinstance(citizen, dict) or any(value is not None and not isinstance(value, str)
                                                for value in citizen.values()):
            raise InvalidMetadata("citizen must be an object of texts")
    return metadata


def digest(metadata: dict[str, Any]) -> str:
    """The same content, whatever the key order: what makes a repeated PUT a replay."""
    return hashlib.sha256(json.dumps(metadata, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def validate_wallet_item(item: Any) -> dict[str, Any]:
    """An e-wallet item's metadata (`PUT /wallet/items/{id}`); raises InvalidMetadata naming the first
    wrong field, never its value (the owner's ID number and the title are personal data)."""
    if not isinstance(item, dict):
        raise InvalidMetadata("the body must be a JSON object")
    for key in ("owner_id_number", "title", "source_dossier", "document", "created_at"):
        if key not in item:
            raise InvalidMetadata(f"{key} is missing")
    if not isinstance(item["owner_id_number"], str) or not _ID_NUMBER.match(item["owner_id_number"]):
        raise InvalidMetadata("owner_id_number must be a 12-digit ID number")
    if not isinstance(item["title"], str) or not item["title"].strip() or len(item["title"]) > MAX_TITLE:
        raise InvalidMetadata(f"title must be 1..{MAX_TITLE} characters")
    if not isinstance(item["source_dossier"], str) or not is_dossier_id(item["source_dossier"]):
        raise InvalidMetadata("source_dossier must be the dossier's lowercase UUID")
    code = item.get("dossier_code")
    if code is not None and (not isinstance(code, str) or not DOSSIER_CODE.match(code)):
        raise InvalidMetadata("dossier_code must be a dossier code or null")
    if not isinstance(item["created_at"], str):
        raise InvalidMetadata("created_at must be a date-time")
    try:
        created = datetime.fromisoformat(item["created_at"])
    except ValueError:
        raise InvalidMetadata("created_at must be a date-time") from None
    if created.tzinfo is None:
        raise InvalidMetadata("created_at must carry a time zone")
    document = item["document"]
    if not isinstance(document, dict):
        raise InvalidMetadata("document must be an object")
    if not is_count(document.get("size")) or not 0 < document["size"] <= MAX_FILE_SIZE:
        raise InvalidMetadata(f"document: size must be 1..{MAX_FILE_SIZE} bytes")
    if not isinstance(document.get("sha256"), str) or not _SHA256.match(document["sha256"]):
        raise InvalidMetadata("document: sha256 must be 64 lowercase hex digits")
    if not is_count(document.get("pages")) or document["pages"] < 1:
        raise InvalidMetadata("document: pages must be at least 1")
    if document.get("media_type") not in MEDIA_TYPES:
        raise InvalidMetadata(f"document: media_type must be one of {', '.join(MEDIA_TYPES)}")
    unknown = set(item) - {"owner_id_number", "title", "source_dossier", "dossier_code", "document", "created_at"}
    if unknown:
        raise InvalidMetadata(f"unknown field {sorted(unknown)[0]}")
    return item


def validate_wallet_search(body: Any) -> str:
    """The ID number of a search (`POST /wallet/search`), from the JSON body, never from the URL."""
    if not isinstance(body, dict) or not isinstance(body.get("id_number"), str) or not _ID_NUMBER.match(body["id_number"]):
        raise InvalidMetadata("the body must be {\"id_number\": <12 digits>}")
    return body["id_number"]

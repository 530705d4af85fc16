"""What the station and the provincial system agree on (see sync/PROTOCOL.md and sync/openapi.yaml)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

API = "/v1"
TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,creation-with-upload,checksum,termination"
CHECKSUM_ALGORITHM = "sha256"
CHUNK_SIZE = 1024 * 1024  # what a dropped connection can cost at most: about a second at 10 Mbit/s
MAX_FILE_SIZE = 200 * 1024 * 1024

# Circular 01/2018/TT-VPCP: receiving agency's code, date received, sequence of that agency's day.
DOSSIER_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")

# Progress of a dossier at the province, as the status call reports it.
PROVINCE_STATES = ("received", "processing", "needs_supplement", "result_ready", "returned")

_UNIT = re.compile(r"^\d{5}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class InvalidMetadata(ValueError):
    pass


def is_dossier_id(text: str) -> bool:
    return bool(_UUID.match(text))


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
        if not isinstance(entry.get("size"), int) or not 0 < entry["size"] <= MAX_FILE_SIZE:
            raise InvalidMetadata(f"file {entry['name']}: size must be 1..{MAX_FILE_SIZE} bytes")
        if not isinstance(entry.get("sha256"), str) or not _SHA256.match(entry["sha256"]):
            raise InvalidMetadata(f"file {entry['name']}: sha256 must be 64 lowercase hex digits")
    return metadata


def digest(metadata: dict[str, Any]) -> str:
    """The same content, whatever the key order: what makes a repeated PUT a replay."""
    return hashlib.sha256(json.dumps(metadata, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

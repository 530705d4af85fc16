"""Loaded by the schemathesis run of test_openapi_conformance.py (SCHEMATHESIS_HOOKS): tus chunks are
plain bytes under their own media type, and so is an RFC 3161 timestamp request."""

import schemathesis

schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")
schemathesis.serializer.alias("application/timestamp-query", "application/octet-stream")

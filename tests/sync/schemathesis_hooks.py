"""Loaded by the schemathesis run of test_openapi_conformance.py (SCHEMATHESIS_HOOKS): tus chunks are
plain bytes under their own media type."""

import schemathesis

schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")

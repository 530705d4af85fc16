"""Sync to the provincial system: the protocol, the HTTP client, the outbox relay and the reference server."""

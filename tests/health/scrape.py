"""Reading a scrape in the health tests: samples by name and labels, from Prometheus' text format."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families


def samples(text: bytes | str) -> dict[tuple[str, frozenset], float]:
    """{(sample name, frozenset of its labels' items): value} of every sample in the scrape."""
    text = text.decode() if isinstance(text, bytes) else text
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(found: dict, name: str, **labels: str) -> float:
    key = ("digitisation_point_" + name, frozenset(labels.items()))
    assert key in found, f"no sample {key[0]}{labels or ''} in the scrape"
    return found[key]


def names(text: bytes | str) -> set[str]:
    return {name for name, _ in samples(text)}

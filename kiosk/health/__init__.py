"""The station's health for the province's Prometheus: figures gathered at scrape time, no personal data.

    records.py     what one process leaves for the exporter in another: the last card-read and scan
                   outcomes (an intake observer) and the last integrity check, small JSON files written
                   atomically under the data folder
    relay.py       the relay's own figures (errors by class, the last time it reached the province),
                   fed by sync through `RelayFigures` in the process that runs the relay and the exporter
    probes.py      the devices (PC/SC readers, SANE scanners, cached with their age), the certificates'
                   days left, the store's size
    collector.py   `StationCollector`: a prometheus_client collector made of parts; a new part (the
                   content delivery's, say) is one more callable in `parts`
    endpoint.py    the HTTP(S) endpoint on the station's management address (config `metrics_*`)

Metric names start with `digitisation_point_` and carry their unit; labels come only from closed sets
(kinds, outcomes, classes): never a dossier id, a reference, a name or an ID number.
"""

# Light on purpose (the intake and the relay import it): the collector, its probes and the endpoint are
# imported from their modules by what serves the metrics.
from .records import IntegrityRecord, OutcomeRecorder, read_integrity, read_outcomes, record_integrity
from .relay import RelayFigures

__all__ = ["IntegrityRecord", "OutcomeRecorder", "read_integrity", "read_outcomes", "record_integrity",
           "RelayFigures"]

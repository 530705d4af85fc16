"""`kiosk doctor`'s metrics check: off, configured with nothing listening, and bound."""

from __future__ import annotations

import socket

from kiosk.config import load_config
from kiosk.doctor import OK, WARNING, check_metrics_endpoint
from tests.conftest import write_config


def test_no_endpoint_is_a_warning(tmp_path):
    check = check_metrics_endpoint(load_config(write_config(tmp_path), env={}))
    assert check.result == WARNING and "metrics_address" in check.fix


def test_an_endpoint_is_ok_when_bound_and_a_warning_when_nothing_listens(tmp_path):
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        config = load_config(write_config(tmp_path, metrics_address=f"127.0.0.1:{port}"), env={})
        bound = check_metrics_endpoint(config)
    assert bound.result == OK and f"http://127.0.0.1:{port}/metrics" in bound.detail
    alone = check_metrics_endpoint(config)
    assert alone.result == WARNING and "kiosk sync run" in alone.fix

"""The card side of vpcd's socket protocol, against pcscd."""

import time

import pytest

from drivers.card.pcsc import PcscWatcher, list_readers
from tests.helpers.cards import READER, InsertedCard, wait_for_atr

pytestmark = pytest.mark.station


def test_card_events_follow_insert_and_remove(station):
    wait_for_atr(READER, present=False)  # a card an earlier test lifted may still be leaving
    events = []
    watcher = PcscWatcher(events.append)
    watcher.start()
    try:
        with InsertedCard() as card:
            _wait(lambda: any(e.kind == "card-inserted" and e.reader == READER and e.atr == card.atr
                              for e in events), seen=events)
            inserted = next(i for i, e in enumerate(events) if e.kind == "card-inserted" and e.atr == card.atr)
        _wait(lambda: any(e.kind == "card-removed" and e.reader == READER for e in events[inserted:]), seen=events)
    finally:
        watcher.stop()
    assert next(r for r in list_readers() if r.name == READER).atr is None


def test_card_events_go_on_after_pcscd_restarts(station, station_config):
    """pcscd may be restarted under a running station (an upgrade, a crash, socket activation): the
    watcher reports the readers going and coming back, then the next card."""
    import os

    from kiosk.simulated_station import Stand

    stand = Stand(station_config, owner=os.getpid())
    if not stand._owns(stand.pcscd.record()):
        pytest.skip("pcscd belongs to the machine here: this test restarts only a pcscd the stand started")
    events = []
    watcher = PcscWatcher(events.append)
    watcher.start()
    try:
        _wait(lambda: any(e.kind == "reader-added" and e.reader == READER for e in events), seen=events)
        stand.down()
        _wait(lambda: any(e.kind == "reader-removed" and e.reader == READER for e in events), seen=events)
        stand.up()
        back = len(events)
        with InsertedCard() as card:
            _wait(lambda: any(e.kind == "card-inserted" and e.atr == card.atr for e in events[back:]), seen=events)
    finally:
        watcher.stop()


def test_card_program_answers_fast(station):
    """TCP_NODELAY and TCP_QUICKACK keep a round trip far below Nagle's ~40 ms."""
    from smartcard.System import readers

    with InsertedCard():
        connection = next(r for r in readers() if str(r) == READER).createConnection()
        connection.connect()
        started = time.perf_counter()
        for _ in range(20):
            connection.transmit([0x00, 0xB0, 0x00, 0x00, 0x01, 0x00])
        per_command = (time.perf_counter() - started) / 20
        connection.disconnect()
    # Generous bound, not a benchmark: it only catches the 40-50 ms Nagle stall coming back.
    assert per_command < 0.03, f"{per_command * 1000:.1f} ms per command"
    wait_for_atr(READER, present=False)


def _wait(condition, timeout=10.0, seen=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"event did not arrive; seen: {list(seen)}")


def test_pcsc_connection_is_a_transport(station):
    from drivers.card.errors import CardRemoved
    from drivers.card.pcsc import PcscConnection

    with InsertedCard() as card:
        with PcscConnection(READER) as connection:
            assert connection.atr == card.atr
            assert connection.supports_extended in (True, False, None)
            long_command = bytes([0x00, 0xB0, 0x00, 0x00, 0x00, 0x01, 0x2C]) + bytes(300) + b"\x00\x00"
            assert connection.transmit(long_command) == b"\x90\x00"  # extended length passes through vpcd
            assert card.commands[-1] == long_command
    with pytest.raises(CardRemoved, match="no card on the reader"):
        PcscConnection(READER).connect()

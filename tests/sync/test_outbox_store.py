"""The store the relay is given is an `OutboxStore`: every method the relay calls, with its signature."""

import inspect

from kiosk.store import Store
from sync.relay import OutboxStore


def test_the_store_offers_every_method_of_the_relays_protocol_as_declared():
    wanted = {name: member for name, member in vars(OutboxStore).items()
              if callable(member) and not name.startswith("_")}
    assert wanted
    for name, member in wanted.items():
        assert str(inspect.signature(getattr(Store, name))) == str(inspect.signature(member)), name

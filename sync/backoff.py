"""The one back-off policy of the station's uploads: exponential, full jitter, capped.

Two scales of it are in use. The relay waits `Backoff()` (seconds to minutes) between attempts at a
dossier or at reaching the province; inside one request the client retries a connection that could
not be opened at all with `CONNECT_RETRY` (fractions of a second), a request that surely never left.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Exponential backoff with full jitter (a random wait up to the exponential bound), capped.

    A server's Retry-After is honoured even above the cap, up to `max_retry_after`.
    """

    base: float = 5.0
    cap: float = 600.0
    max_retry_after: float = 3600.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        bound = min(self.cap, self.base * 2 ** max(0, attempt - 1))
        wait = self.rng.uniform(0, bound)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.max_retry_after))
        return wait


# the client's in-request retries of a connection that failed to open: at most 0.2 s, then 0.4 s
CONNECT_RETRY = Backoff(base=0.2, cap=0.4)

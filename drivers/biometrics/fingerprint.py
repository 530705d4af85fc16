"""The fingerprint plug point: what a vendor's reader adapter implements, how one is loaded, and a simulated one.

Open software cannot read the fingerprints on the chip (DG3 needs the issuing state's terminal
certificates), so the reference template comes from a vendor's reader or its SDK. Samples and
templates are biometric data: held in memory only, never logged, wiped as soon as they are used.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

NO_DEVICE = "fingerprint.no_device"
NO_FINGER = "fingerprint.no_finger"
POOR_QUALITY = "fingerprint.poor_quality"
NO_REFERENCE = "fingerprint.no_reference"
DEVICE_ERROR = "fingerprint.device_error"
PLUGIN = "fingerprint.plugin"


class FingerprintError(Exception):
    """A fingerprint step that failed; `code` is one of the constants above, the message is for a technician."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(message or code)
        self.code = code
        self.message = message or code


class _Opaque:
    """Biometric bytes in a bytearray, so that they can be overwritten in place."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes | bytearray) -> None:
        # a bytearray handed in is kept, not copied: wiping then clears the only copy
        self._data = data if isinstance(data, bytearray) else bytearray(data)

    @property
    def data(self) -> bytearray:
        """The raw bytes, for the SDK adapter that made them."""
        return self._data

    @property
    def wiped(self) -> bool:
        return not any(self._data)

    def wipe(self) -> None:
        self._data[:] = bytes(len(self._data))

    def __reduce__(self):
        raise TypeError(f"{type(self).__name__} is kept in memory only")

    def _label(self) -> str:
        return ""

    def __repr__(self) -> str:  # never the bytes
        state = "wiped" if self.wiped else f"{len(self._data)} bytes"
        return f"{type(self).__name__}({self._label()}, {state})"


class FingerprintSample(_Opaque):
    """One capture from the reader."""

    __slots__ = ("quality",)

    def __init__(self, data: bytes | bytearray, quality: int) -> None:
        if not 0 <= quality <= 100:
            raise ValueError(f"fingerprint quality {quality} outside 0-100")
        super().__init__(data)
        self.quality = quality

    def _label(self) -> str:
        return f"quality={self.quality}"


class FingerprintTemplate(_Opaque):
    """The reference to match against: read from the card by the vendor's SDK, or held by the device."""

    __slots__ = ("source",)

    def __init__(self, data: bytes | bytearray, source: str) -> None:
        if source not in ("card", "device"):
            raise ValueError(f"fingerprint template source {source!r} is not 'card' or 'device'")
        super().__init__(data)
        self.source = source

    def _label(self) -> str:
        return f"source={self.source!r}"


class FingerprintReader(Protocol):
    """What a vendor's SDK adapter implements. Every method raises FingerprintError on failure."""

    name: str

    def capture(self, timeout: float) -> FingerprintSample: ...

    def reference(self) -> FingerprintTemplate: ...

    def match(self, sample: FingerprintSample, reference: FingerprintTemplate) -> float: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class FingerprintOutcome:
    passed: bool
    score: float | None  # similarity of the matched capture, None if no usable capture
    threshold: float
    quality: int | None  # of the capture that was matched
    attempts: int  # captures tried, the matched one included


def verify_fingerprint(
    reader: FingerprintReader,
    *,
    threshold: float = 0.5,
    min_quality: int = 40,
    timeout: float = 10.0,
    attempts: int = 3,
    on_attempt: Callable[[str], None] = lambda code: None,
) -> FingerprintOutcome:
    """Matches the first capture of at least `min_quality` against the reader's reference.

    A capture below `min_quality`, or no finger within `timeout`, is retried up to `attempts` captures
    in all; `on_attempt(code)` is called before each retry, so that the screen can ask again. With no
    good capture, raises FingerprintError: poor_quality if any finger was captured, else no_finger.
    no_device, no_reference and device_error pass through. Every sample and the reference are wiped
    before this returns or raises.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold {threshold} outside [0, 1]")
    samples: list[FingerprintSample] = []
    reference: FingerprintTemplate | None = None
    try:
        # the reference first: with none to match against, the citizen is not asked for a finger
        reference = reader.reference()
        good: FingerprintSample | None = None
        attempt = 0
        while good is None and attempt < attempts:
            attempt += 1
            try:
                sample = reader.capture(timeout)
            except FingerprintError as error:
                if error.code != NO_FINGER:
                    raise
                failure = NO_FINGER
            else:
                samples.append(sample)
                if sample.quality >= min_quality:
                    good = sample
                    break
                failure = POOR_QUALITY
            if attempt < attempts:
                on_attempt(failure)
        if good is None:
            if samples:
                raise FingerprintError(POOR_QUALITY, f"no capture reached quality {min_quality} in "
                                       f"{attempts} attempts (best {max(s.quality for s in samples)})")
            raise FingerprintError(NO_FINGER, f"no finger on {reader.name} in {attempts} attempts "
                                   f"of {timeout:g} s")
        score = reader.match(good, reference)
        if not 0.0 <= score <= 1.0:  # also catches NaN
            raise FingerprintError(DEVICE_ERROR, f"{reader.name} reported a similarity {score!r} outside [0, 1]")
        return FingerprintOutcome(passed=score >= threshold, score=float(score), threshold=threshold,
                                  quality=good.quality, attempts=attempt)
    finally:
        for sample in samples:
            sample.wipe()
        if reference is not None:
            reference.wipe()


_READER_METHODS = ("capture", "reference", "match", "close")


def load_reader(spec: str, options: Mapping[str, Any] | None = None) -> FingerprintReader | None:
    """The reader named by the station configuration.

    "" or "none": no reader (None). "simulated": SimulatedFingerprintReader(**options).
    "package.module:factory": factory(**options) from that module, which must return a reader.
    Anything that keeps the plug-in from loading raises FingerprintError with code "fingerprint.plugin";
    a FingerprintError raised by the factory itself (say, no_device) passes through.
    """
    spec = (spec or "").strip()
    options = dict(options or {})
    if spec.lower() in ("", "none"):
        return None
    if spec == "simulated":
        factory: Callable[..., Any] = SimulatedFingerprintReader
    else:
        module_name, _, factory_name = spec.partition(":")
        if not module_name or not factory_name:
            raise FingerprintError(PLUGIN, f"fingerprint reader {spec!r} is not 'package.module:factory'")
        try:
            module = importlib.import_module(module_name)
        except Exception as error:
            raise FingerprintError(PLUGIN, f"fingerprint reader {spec!r}: cannot import {module_name!r} "
                                   f"({type(error).__name__}: {error})") from error
        factory = getattr(module, factory_name, None)
        if not callable(factory):
            raise FingerprintError(PLUGIN, f"fingerprint reader {spec!r}: {module_name!r} has no callable "
                                   f"{factory_name!r}")
    try:
        reader = factory(**options)
    except FingerprintError:
        raise
    except Exception as error:
        raise FingerprintError(PLUGIN, f"fingerprint reader {spec!r}: the factory failed "
                               f"({type(error).__name__}: {error})") from error
    missing = [m for m in _READER_METHODS if not callable(getattr(reader, m, None))]
    if not isinstance(getattr(reader, "name", None), str):
        missing.append("name")
    if missing:
        raise FingerprintError(PLUGIN, f"fingerprint reader {spec!r}: the factory returned a "
                               f"{type(reader).__name__} without {', '.join(missing)}")
    return reader


class SimulatedFingerprintReader:
    """A scripted reader for tests and the simulated station. Its bytes are random, never real biometrics.

    score: what match() answers. quality: of every capture, or a list of one per capture (the last
    repeats). present=False: no_device on every call. finger=False: no_finger from capture(), after at
    most 0.05 s. reference=False: no_reference.
    """

    name = "Simulated fingerprint reader"

    def __init__(self, *, score: float = 0.9, quality: int | list[int] = 80, present: bool = True,
                 finger: bool = True, reference: bool = True) -> None:
        if not 0.0 <= score <= 1.0:
            raise ValueError(f"score {score} outside [0, 1]")
        self._score = float(score)
        self._qualities = [quality] if isinstance(quality, int) else list(quality)
        if not self._qualities:
            raise ValueError("quality must be a number or a non-empty list")
        self._present = present
        self._finger = finger
        self._has_reference = reference
        self._closed = False
        self.captures = 0

    def _check(self) -> None:
        if not self._present:
            raise FingerprintError(NO_DEVICE, f"{self.name}: not connected")
        if self._closed:
            raise FingerprintError(NO_DEVICE, f"{self.name}: closed")

    def capture(self, timeout: float) -> FingerprintSample:
        self._check()
        if not self._finger:
            time.sleep(max(0.0, min(timeout, 0.05)))
            raise FingerprintError(NO_FINGER, f"{self.name}: no finger within {timeout:g} s")
        quality = self._qualities[min(self.captures, len(self._qualities) - 1)]
        self.captures += 1
        return FingerprintSample(bytearray(os.urandom(32)), quality)

    def reference(self) -> FingerprintTemplate:
        self._check()
        if not self._has_reference:
            raise FingerprintError(NO_REFERENCE, f"{self.name}: no template to match against")
        return FingerprintTemplate(bytearray(os.urandom(32)), source="card")

    def match(self, sample: FingerprintSample, reference: FingerprintTemplate) -> float:
        self._check()
        # catches callers that wipe too early
        if sample.wiped or reference.wiped:
            raise FingerprintError(DEVICE_ERROR, f"{self.name}: asked to match a wiped sample or template")
        return self._score

    def close(self) -> None:
        self._closed = True

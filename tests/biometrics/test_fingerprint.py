"""The fingerprint plug point: verification over a reader, wiping, the simulated reader and plug-in loading."""

import pickle
import sys
import textwrap
import time
import types

import pytest

from drivers.biometrics.fingerprint import (
    FingerprintError,
    FingerprintOutcome,
    FingerprintSample,
    FingerprintTemplate,
    SimulatedFingerprintReader,
    load_reader,
    verify_fingerprint,
)


class ScriptedReader:
    """Each capture is a quality or an error code, in order; keeps everything it hands out."""

    name = "Scripted reader"

    def __init__(self, captures, *, score=0.9, reference_error=None, match_error=None):
        self.script = list(captures)
        self.score = score
        self.reference_error = reference_error
        self.match_error = match_error
        self.samples: list[FingerprintSample] = []
        self.references: list[FingerprintTemplate] = []
        self.matched: list[FingerprintSample] = []

    def capture(self, timeout):
        step = self.script.pop(0)
        if isinstance(step, str):
            raise FingerprintError(step, "scripted")
        self.samples.append(FingerprintSample(bytearray(b"\x5a" * 16), step))
        return self.samples[-1]

    def reference(self):
        if self.reference_error:
            raise FingerprintError(self.reference_error, "scripted")
        self.references.append(FingerprintTemplate(bytearray(b"\xa5" * 16), "card"))
        return self.references[-1]

    def match(self, sample, reference):
        if self.match_error:
            raise FingerprintError(self.match_error, "scripted")
        assert not sample.wiped and not reference.wiped
        self.matched.append(sample)
        return self.score

    def close(self):
        pass

    def all_wiped(self):
        handed_out = self.samples + self.references
        return all(item.data == bytearray(16) for item in handed_out)


def test_a_good_capture_that_matches_passes():
    outcome = verify_fingerprint(SimulatedFingerprintReader(score=0.9, quality=80))
    assert outcome == FingerprintOutcome(passed=True, score=0.9, threshold=0.5, quality=80, attempts=1)


def test_a_score_below_the_threshold_fails_without_raising():
    outcome = verify_fingerprint(SimulatedFingerprintReader(score=0.3), threshold=0.5)
    assert (outcome.passed, outcome.score, outcome.attempts) == (False, 0.3, 1)


def test_a_score_equal_to_the_threshold_passes():
    assert verify_fingerprint(SimulatedFingerprintReader(score=0.5), threshold=0.5).passed


def test_a_poor_capture_is_retried_and_the_good_one_matched():
    reader, said = ScriptedReader([20, 85]), []
    outcome = verify_fingerprint(reader, min_quality=40, on_attempt=said.append)
    assert (outcome.passed, outcome.quality, outcome.attempts) == (True, 85, 2)
    assert said == ["fingerprint.poor_quality"]
    assert reader.matched == [reader.samples[1]]


def test_the_simulated_reader_plays_its_list_of_qualities():
    outcome = verify_fingerprint(SimulatedFingerprintReader(quality=[10, 30, 90]), attempts=3)
    assert (outcome.quality, outcome.attempts) == (90, 3)


def test_always_poor_raises_poor_quality_after_every_attempt():
    said = []
    with pytest.raises(FingerprintError) as raised:
        verify_fingerprint(SimulatedFingerprintReader(quality=10), attempts=3, on_attempt=said.append)
    assert raised.value.code == "fingerprint.poor_quality"
    assert said == ["fingerprint.poor_quality"] * 2  # a retry announced, not the final failure


def test_no_finger_is_retried_then_raised_without_waiting_the_timeout():
    said = []
    started = time.monotonic()
    with pytest.raises(FingerprintError) as raised:
        verify_fingerprint(SimulatedFingerprintReader(finger=False), timeout=10.0, attempts=3,
                           on_attempt=said.append)
    assert raised.value.code == "fingerprint.no_finger"
    assert said == ["fingerprint.no_finger"] * 2
    assert time.monotonic() - started < 1.0


def test_no_finger_then_a_good_capture_passes():
    said = []
    outcome = verify_fingerprint(ScriptedReader(["fingerprint.no_finger", 70]), on_attempt=said.append)
    assert (outcome.passed, outcome.attempts) == (True, 2)
    assert said == ["fingerprint.no_finger"]


def test_a_finger_seen_but_never_good_enough_is_poor_quality_not_no_finger():
    with pytest.raises(FingerprintError) as raised:
        verify_fingerprint(ScriptedReader(["fingerprint.no_finger", 10, "fingerprint.no_finger"]))
    assert raised.value.code == "fingerprint.poor_quality"


@pytest.mark.parametrize("options, code", [
    ({"present": False}, "fingerprint.no_device"),
    ({"reference": False}, "fingerprint.no_reference"),
])
def test_device_and_reference_failures_pass_through_at_once(options, code):
    reader, said = SimulatedFingerprintReader(**options), []
    with pytest.raises(FingerprintError) as raised:
        verify_fingerprint(reader, on_attempt=said.append)
    assert raised.value.code == code
    assert said == [] and reader.captures == 0  # the citizen was not asked for a finger


def test_a_closed_simulated_reader_is_no_device():
    reader = SimulatedFingerprintReader()
    reader.close()
    with pytest.raises(FingerprintError) as raised:
        reader.capture(1.0)
    assert raised.value.code == "fingerprint.no_device"


def test_a_similarity_outside_zero_to_one_is_a_device_error():
    with pytest.raises(FingerprintError) as raised:
        verify_fingerprint(ScriptedReader([80], score=1.5))
    assert raised.value.code == "fingerprint.device_error"


# no_reference is not here: it comes before any capture, so there is nothing to wipe (tested above)
WIPE_CASES = {
    "pass": {"captures": [80]},
    "fail": {"captures": [80], "score": 0.1},
    "poor then good": {"captures": [10, 80]},
    "always poor": {"captures": [10, 20, 30]},
    "no finger": {"captures": ["fingerprint.no_finger"] * 3},
    "no device on capture": {"captures": [10, "fingerprint.no_device"]},
    "device error on match": {"captures": [80], "match_error": "fingerprint.device_error"},
}


@pytest.mark.parametrize("case", WIPE_CASES, ids=list(WIPE_CASES))
def test_every_sample_and_the_reference_are_wiped_whatever_the_outcome(case):
    reader = ScriptedReader(**WIPE_CASES[case])
    try:
        verify_fingerprint(reader)
    except FingerprintError:
        pass
    assert reader.references  # something to wipe in every case
    assert reader.all_wiped()


def test_wiped_even_when_the_callback_raises():
    reader = ScriptedReader([10, 80])

    def hang_up(code):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        verify_fingerprint(reader, on_attempt=hang_up)
    assert reader.samples and reader.all_wiped()


def test_samples_and_templates_never_show_or_copy_their_bytes():
    sample = FingerprintSample(bytearray(b"SECRETBYTES"), 77)
    template = FingerprintTemplate(b"SECRETBYTES", "device")
    for item in (sample, template):
        assert "SECRET" not in repr(item) and "SECRET" not in str(item)
        with pytest.raises(TypeError):
            pickle.dumps(item)
        item.wipe()
        assert item.wiped and item.data == bytearray(11) and "wiped" in repr(item)
    with pytest.raises(ValueError):
        FingerprintTemplate(b"x", "cloud")
    with pytest.raises(ValueError):
        FingerprintSample(b"x", 101)


# --- loading the reader the configuration names ---

PLUGIN = "fp_vendor_plugin_for_tests"


@pytest.fixture
def plugin_module(tmp_path, monkeypatch):
    (tmp_path / f"{PLUGIN}.py").write_text(textwrap.dedent("""
        from drivers.biometrics.fingerprint import SimulatedFingerprintReader

        class VendorReader(SimulatedFingerprintReader):
            name = "Vendor X"

            def __init__(self, port, **options):
                super().__init__(**options)
                self.port = port

        def make(**options):
            return VendorReader(**options)

        class NoMatch:
            name = "Broken vendor"
            def capture(self, timeout): ...
            def reference(self): ...
            def close(self): ...

        def make_broken(**options):
            return NoMatch()

        not_a_factory = 42
    """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield PLUGIN
    sys.modules.pop(PLUGIN, None)


@pytest.mark.parametrize("spec", ["", "none", "None", "  none  "])
def test_no_reader_configured(spec):
    assert load_reader(spec) is None
    assert load_reader(spec, {"score": 0.2}) is None


def test_the_simulated_reader_takes_its_options():
    reader = load_reader("simulated", {"score": 0.25, "quality": 55})
    assert isinstance(reader, SimulatedFingerprintReader)
    assert verify_fingerprint(reader).score == 0.25


def test_a_plugin_module_factory_gets_the_options(plugin_module):
    reader = load_reader(f"{plugin_module}:make", {"port": "/dev/ttyUSB0", "score": 0.7})
    assert (reader.name, reader.port) == ("Vendor X", "/dev/ttyUSB0")
    assert verify_fingerprint(reader).score == 0.7


@pytest.mark.parametrize("spec, options, words", [
    ("vendor_without_colon", None, ["vendor_without_colon", "package.module:factory"]),
    (":make", None, ["package.module:factory"]),
    ("surely_missing_fp_module:make", None, ["surely_missing_fp_module", "ModuleNotFoundError"]),
    (f"{PLUGIN}:make_broken", None, ["without match"]),
    (f"{PLUGIN}:absent", None, ["absent"]),
    (f"{PLUGIN}:not_a_factory", None, ["not_a_factory"]),
    (f"{PLUGIN}:make", {"colour": "red"}, ["TypeError"]),  # no port, unknown option
    ("simulated", {"colour": "red"}, ["TypeError"]),
])
def test_bad_specs_are_plugin_errors(plugin_module, spec, options, words):
    with pytest.raises(FingerprintError) as raised:
        load_reader(spec, options)
    assert raised.value.code == "fingerprint.plugin"
    for word in words:
        assert word in str(raised.value)


def test_a_factory_reporting_no_device_passes_through(monkeypatch):
    # a vendor factory may find its reader unplugged: that is no_device, not a broken plug-in
    def unplugged(**options):
        raise FingerprintError("fingerprint.no_device", "USB reader not found")

    module = types.ModuleType("fp_unplugged_vendor")
    module.make = unplugged
    monkeypatch.setitem(sys.modules, module.__name__, module)
    with pytest.raises(FingerprintError) as raised:
        load_reader("fp_unplugged_vendor:make")
    assert raised.value.code == "fingerprint.no_device"

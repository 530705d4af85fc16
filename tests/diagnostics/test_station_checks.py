"""The technician's checks against the simulated station: the virtual card behind real pcscd, SANE's test
backend, the camera folder of card faces and the reference provincial server. None of the results holds
the card holder's name or ID number."""

from __future__ import annotations

import pytest

from drivers.card.virtual.card import VirtualCard
from drivers.card.virtual.profile import load_profile
from drivers.card.trust import TrustStore
from kiosk.devices import DeviceSetup
from kiosk.diagnostics.camera_test import camera_qr_test
from kiosk.diagnostics.card_test import keys_from_can, run_card_test
from kiosk.diagnostics.readers import reader_facts
from kiosk.diagnostics.scan_test import run_scan_test, scanner_options
from kiosk.resources import CARD_PROFILES
from kiosk.text import fold
from sync.connectivity import connectivity_test
from tests.helpers.cards import READER, InsertedCard

pytestmark = pytest.mark.station


@pytest.fixture
def profile():
    return load_profile(CARD_PROFILES / "unmarried-no-old-id.toml")


def personal(profile) -> list[str]:
    number = profile.id_number
    return [profile.full_name, fold(profile.full_name), number, " ".join([number[:3], number[3:6], number[6:]]),
            number[-9:]]


def test_the_test_read_gives_timings_and_a_masked_trace_and_no_identity(station_config, profile):
    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    with InsertedCard(card):
        facts = {r.name: r for r in reader_facts()}[READER]
        result = run_card_test(keys_from_can(profile.id_number[-6:]), reader=READER,
                               trust=TrustStore.load(station_config.simulation_dir / "trust"))
    assert facts.atr == VirtualCard.atr and facts.protocol in ("T=0", "T=1") and facts.card.contactless
    assert result.access.startswith("PACE") and result.genuine
    assert result.checks == {"passive_auth": "passed", "chip_auth": "passed", "active_auth": "passed"}
    assert {"access", "COM", "DG1", "DG2", "DG13", "SOD"} <= set(result.timings_ms)
    assert result.files["DG2"] > 1000 and len(result.trace) >= result.commands > 0
    assert all(" | SW " in line.line and "bytes out" in line.line for line in result.trace)
    shown = repr(result) + repr(result.summary())
    for value in personal(profile):
        assert value not in shown


def test_the_test_read_with_a_wrong_can_says_so(station_config, profile):
    from kiosk.intake.card import CardProblem

    card = VirtualCard.from_profile(profile, station_config.simulation_dir / "card-keys")
    with InsertedCard(card):
        with pytest.raises(CardProblem) as raised:
            run_card_test(keys_from_can("000001"), reader=READER)
    assert raised.value.code == "card.wrong_key"
    with pytest.raises(ValueError, match="6 digits"):
        keys_from_can("12ab")


def test_the_test_scan_gives_each_pipeline_step_its_time_and_the_page(station_config):
    sane = DeviceSetup.for_config(station_config, simulated=True).sane_config_dir
    result = run_scan_test(sane, dpi=100)
    assert result.device == "test:0" and result.dpi == 100
    assert {"crop", "deskew", "blank", "thumbnail", "total"} <= set(result.steps_ms)
    assert result.acquire_ms > 0 and result.thumbnail_jpeg[:2] == b"\xff\xd8"
    assert "blank" not in result.flags  # the simulated scanner draws colour bars
    options = {option.name: option for option in scanner_options(sane, "test:0")}
    assert "resolution" in options and options["mode"].choices


def test_the_camera_qr_test_counts_the_codes_and_their_length_only(station_config, profile):
    result = camera_qr_test(station_config.camera)
    assert result.codes == 1 and result.characters[0] > 40
    for value in personal(profile):
        assert value not in repr(result)


def test_the_connectivity_test_walks_to_the_pre_check_of_the_reference_server(station_config):
    report = connectivity_test(station_config)
    assert [step.name for step in report.steps] == ["dns", "tcp", "tls", "precheck"], report
    assert report.ok and report.precheck_status == 204
    assert report.tls_version.startswith("TLS") and report.cipher
    assert report.server_expires_in_days is not None and report.server_expires_in_days > 0

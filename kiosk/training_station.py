"""Training mode's station: the simulated station of `kiosk.simulated_station` in a folder of its own,
a training province in this process, and the incidents of `kiosk.training` injected into them.

Everything lives under `<data_dir>/training/`: its own store and file key, its own simulation folder
(SANE, camera, card keys, the test CSCA, a SoftHSM2 token), its own test PKI, reports. The training
configuration replaces the endpoint, certificates and store of the station's, so the address of a real
province is never used; the relay refuses a training configuration pointing anywhere but this machine
(`sync.service.refuse_real_endpoint`). The province runs in this process so that the network can be
taken down and brought back (the server stopped and started on the same port).

Every method may block (processes, network, files): a window calls them off its GUI thread.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from drivers.card.pcsc import PcscUnavailable, list_readers
from kiosk.config import SOFTHSM2_MODULE, Config
from kiosk.errors import StationError
from kiosk.intake.station import StationServices
from kiosk.private_files import private_folder
from kiosk.resources import CARD_PROFILES, TRAINING
from kiosk.simulated_station import SANE_TEST_DEVICE, VPCD_PORT, Stand, add_sample_accounts
from kiosk.training import (Outcome, Scenario, ScenarioError, TrainingRun, known_events, load_scenario, report_name,
                            trainee_name)
from kiosk.training import write_csv as write_report_csv

log = logging.getLogger(__name__)

CARD_READER = "Virtual PCD 00 00"  # the reader of vpcd's first port, where `kiosk card simulate` puts cards
# the face the camera shows in face_mismatch: a real adult's photograph (CC0, resources/diagnostics/SOURCES.md),
# another person than any virtual card's (synthetic) portrait
OTHER_PERSON = Path(__file__).resolve().parent.parent / "resources" / "diagnostics" / "face-sample.jpg"
JAMMED = {"read-return-value": "SANE_STATUS_JAMMED"}
BLANK, PATTERN = "Solid white", "Color pattern"  # the SANE test backend's `test-picture` values


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def training_config(config: Config, mode: str, port: int) -> Config:
    """The station's configuration with everything that reaches out replaced by the training folder's own:
    store, station key, simulation, PKI, signing token, camera, and the training province on loopback.
    The kiosk takes paper by the feeder (the jam scenario needs one) and has the simulated fingerprint
    reader (the face check cannot judge the virtual cards' drawn portraits: the finger is the way on)."""
    root = config.data_dir / "training"
    simulated = root / "simulated"
    pki = simulated / "pki"
    province = f"https://127.0.0.1:{port}"
    return dataclasses.replace(
        config, mode=mode, data_dir=root, key_dir=root / "keys", station_key="file", trust_store=simulated / "trust",
        endpoint=province, ca_bundle=pki / "ca.pem", client_certificate=pki / f"station-{config.station_id}.pem",
        client_key=pki / f"station-{config.station_id}.key", upload_bandwidth=0, camera=f"folder:{root / 'camera'}",
        fingerprint_reader="simulated", kiosk_scanner="feeder", signing_key="pkcs11", signing_module=Path(SOFTHSM2_MODULE),
        signing_token=f"{config.station_id} training", signing_slot=None, signing_key_label="", signing_pin="file",
        signing_pin_file=simulated / "signing" / "pin", signing_pkcs12=None,
        softhsm2_conf=simulated / "signing" / "softhsm2.conf", tsa_url=f"{province}/tsa",
        signature_trust=simulated / "signature-trust", relay_in_window=True, metrics_address=None, training=True)


class TrainingProvince:
    """The reference provincial server in this process, on a fixed loopback port: stopped and started
    again on it when the trainer takes the network down and brings it back."""

    def __init__(self, folder: Path, pki_dir: Path, port: int) -> None:
        self.folder, self.pki_dir, self.port = folder, pki_dir, port
        self.server = None
        self._lock = threading.Lock()

    @property
    def up(self) -> bool:
        return self.server is not None

    def start(self) -> None:
        from sync.reference_pki import TestPki, make_signing_pki
        from sync.reference_server import ReferenceServer

        with self._lock:
            if self.server is not None:
                return
            pki = TestPki(self.pki_dir)
            try:
                self.server = ReferenceServer(self.folder, pki.server_cert, pki.server_key, pki.ca, "127.0.0.1",
                                              self.port, signing=make_signing_pki(self.pki_dir)).start()
            except OSError as error:
                raise StationError(f"the training province cannot listen on 127.0.0.1:{self.port}: {error}") from None

    def stop(self) -> None:
        with self._lock:
            server, self.server = self.server, None
        if server is not None:
            server.stop()

    def dossier_count(self) -> int:
        import sqlite3

        database = self.folder / "province.db"
        if not database.is_file():
            return 0
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            return db.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        finally:
            db.close()


class _TrainingStand(Stand):
    """The simulated station in the training folder, its province in process instead of a `kiosk server`."""

    def __init__(self, config: Config, province: TrainingProvince, owner: int | None) -> None:
        super().__init__(config, owner)
        self.training_province = province

    def _ensure_province(self) -> None:
        from sync.reference_pki import make_test_pki

        make_test_pki(self.pki_dir, stations=(self.config.station_id,), name="Training provincial CA")
        self.training_province.start()

    def down(self):
        try:
            return super().down()  # its status asks the province, still up
        finally:
            self.training_province.stop()


class _IncidentScanner:
    """The services' scanner worker, with the run's scanner incident added to its batches."""

    def __init__(self, worker, station: "TrainingStation") -> None:
        self.worker, self._station = worker, station

    def scan(self, request):
        from drivers.scanner.acquisition import AcquiredPage

        for event in self.worker.scan(dataclasses.replace(
                request, options_before_page=self._station._scan_options(request))):
            if isinstance(event, AcquiredPage):
                self._station._pages_scanned += 1
            yield event

    def __getattr__(self, name: str) -> Any:
        return getattr(self.worker, name)


class TrainingStation:
    """The simulated station for training in `mode` (counter or kiosk), the scenarios of that mode, the
    run under way and the runs of the session. `owner`: the process its processes must not outlive."""

    def __init__(self, config: Config, mode: str = "counter", owner: int | None = None) -> None:
        if mode not in ("counter", "kiosk"):
            raise StationError(f"training runs in the counter or the kiosk mode, not {mode!r}")
        self.mode = mode
        self.config = training_config(config, mode, free_port())
        self.root = self.config.data_dir
        self.reports_dir = self.root / "reports"
        self.camera_dir = self.root / "camera"
        self._card_config = self.root / "card-program.toml"  # written by `up`
        self.province = TrainingProvince(self.config.simulation_dir / "province", self.config.simulation_dir / "pki",
                                         int(self.config.endpoint.rsplit(":", 1)[1]))
        self.stand = _TrainingStand(self.config, self.province, owner)
        self.scenarios: list[Scenario] = []
        self.problems: list[str] = []
        self._load_scenarios()
        self.run: TrainingRun | None = None
        self.outcomes: list[Outcome] = []
        self._lock = threading.RLock()
        self._card: subprocess.Popen | None = None
        self._card_faults_used = False
        self._network_timer: threading.Timer | None = None
        self._scanner_incident_used = False
        self._pages_scanned = 0  # in the run, every batch: the blank page is the run's Nth page
        self._reset_next: dict[str, str] = {}  # SANE options an injection left set, put back at the next batch
        self._attached: list[StationServices] = []

    def _load_scenarios(self) -> None:
        events = known_events()
        for path in sorted(TRAINING.glob("*.toml")):
            try:
                scenario = load_scenario(path, events)
            except ScenarioError as error:
                self.problems.append(str(error))
                log.warning("training scenario not loaded: %s", error)
                continue
            if self.mode in scenario.modes:
                self.scenarios.append(scenario)

    # --- the station -------------------------------------------------------------------------

    def up(self) -> None:
        private_folder(self.root)
        private_folder(self.reports_dir)
        self.stand.up()
        self._show_camera(None)
        for note in self.stand.notes:
            log.info("training station: %s", note)
        self._write_card_program_config()
        add_sample_accounts(self.config)

    def down(self) -> None:
        with self._lock:
            if self.run is not None and not self.run.ended:
                self.end("stopped")
            self._cancel_network_timer()
            self._lift_card()
        self.stand.down()

    def _write_card_program_config(self) -> None:
        """`kiosk card simulate` finds the card keys in the simulation folder of the configuration it reads."""
        config = self.config
        values = {"station_id": config.station_id, "center_unit": config.center_unit, "data_dir": str(config.data_dir)}
        # a JSON string is a TOML basic string
        self._card_config.write_text("".join(f"{key} = {json.dumps(value)}\n" for key, value in values.items()),
                                     encoding="utf-8")

    # --- runs --------------------------------------------------------------------------------

    def begin(self, scenario: Scenario, trainee: str) -> TrainingRun:
        """Ends a run under way ("stopped"), then starts this one and arms its incident. Raises
        ValueError for an empty trainee's name (the run under way goes on)."""
        run = TrainingRun(scenario, trainee)
        with self._lock:
            if self.run is not None and not self.run.ended:
                self.end("stopped")
            self.run = run
            self._card_faults_used = False
            self._scanner_incident_used = False
            self._lift_card()
            self._show_camera(scenario)
            for services in self._attached:
                self._arm_services(services)
            if scenario.incident in ("feeder_jam", "blank_page"):
                self._refill_feeder()
            self._pages_scanned = 0
            if scenario.incident == "network_down":
                self.set_network(False)
                self._network_timer = threading.Timer(scenario.parameter("back_after_seconds"),
                                                      self._network_back_by_itself, (run,))
                self._network_timer.daemon = True
                self._network_timer.start()
            return run

    def end(self, how: str = "stopped") -> Outcome:
        with self._lock:
            if self.run is None:
                raise StationError("no training run is under way")
            first_end = not self.run.ended
            outcome = self.run.end(how)
            self._cancel_network_timer()
            if not self.province.up:
                self.province.start()
            self._lift_card()
            for services in self._attached:
                self._arm_services(services)
            if first_end:
                self.outcomes.append(outcome)
            return outcome

    def _record(self, event: str, **data: Any) -> None:
        run = self.run
        if run is not None:
            run.record(event, **data)

    # --- the card ----------------------------------------------------------------------------

    def place_card(self) -> None:
        """The scenario citizen's card on the reader. The card_lifted fault is on the first placing only
        (the card put back is whole); a card that is not genuine or a copy stays so."""
        with self._lock:
            if self.run is None:
                raise StationError("begin a scenario first: it names the citizen whose card is placed")
            scenario = self.run.scenario
            options = []
            if scenario.incident == "card_lifted" and not self._card_faults_used:
                options += ["--remove-after", str(scenario.parameter("after_commands"))]
            elif scenario.incident == "card_not_genuine":
                options += ["--sod-fault", scenario.parameter("sod_fault")]
            elif scenario.incident == "card_cloned":
                options += ["--cloned"]
            self._card_faults_used = True
            self._lift_card()
            self._start_card(scenario.citizen, options)
            self._record("card.placed")

    def take_card(self) -> None:
        with self._lock:
            self._lift_card()
            self._record("card.taken")

    def _start_card(self, citizen: str, options: list[str]) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith("KIOSK_")}
        env["KIOSK_CONFIG"] = str(self._card_config)
        argv = [sys.executable, "-m", "kiosk", "card", "simulate", "--profile", str(CARD_PROFILES / f"{citizen}.toml"),
                "--reader-port", str(VPCD_PORT), *options]
        log_file = self.root / "card-program.log"
        # Right after a card left, vpcd may take a connection it never serves: the card goes on again.
        for attempt in range(3):
            with open(log_file, "ab") as output:
                self._card = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=output,
                                              stderr=subprocess.STDOUT)
            if self._wait_for_card(present=True, seconds=4 if attempt < 2 else 10):
                return
            self._lift_card()
        raise StationError(f"the virtual card did not come onto {CARD_READER}; see {log_file}")

    def _lift_card(self) -> None:
        card, self._card = self._card, None
        if card is None:
            return
        if card.poll() is None:
            card.terminate()
            try:
                card.wait(5)
            except subprocess.TimeoutExpired:
                card.kill()
                card.wait(5)
        self._wait_for_card(present=False, seconds=5)

    def _wait_for_card(self, present: bool, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if present and self._card is not None and self._card.poll() is not None:
                return False
            try:
                atr = next((r.atr for r in list_readers() if r.name == CARD_READER), None)
            except PcscUnavailable:
                atr = None
            if (atr is not None) == present:
                return True
            time.sleep(0.1)
        return False

    # --- the camera --------------------------------------------------------------------------

    def _show_camera(self, scenario: Scenario | None) -> None:
        """What the camera sees while the scenario lasts: the citizen's card held up (its QR code), and in
        face_mismatch another person's face; between scenarios, every virtual card."""
        from drivers.card.virtual.face import card_face
        from drivers.card.virtual.profile import load_profile

        shutil.rmtree(self.camera_dir, ignore_errors=True)
        private_folder(self.camera_dir)
        if scenario is None:
            for image in sorted(self.stand.camera_dir.glob("card-*.png")):
                shutil.copyfile(image, self.camera_dir / image.name)
            return
        card_face(load_profile(CARD_PROFILES / f"{scenario.citizen}.toml")).save(self.camera_dir / "1-card.png")
        if scenario.incident == "face_mismatch":
            shutil.copyfile(OTHER_PERSON, self.camera_dir / "2-person.jpg")

    # --- the network -------------------------------------------------------------------------

    def set_network(self, up: bool) -> None:
        with self._lock:
            if up:
                self._cancel_network_timer()
                if not self.province.up:
                    self.province.start()
                    self._record("network.back")
            elif self.province.up:
                self.province.stop()
                self._record("network.down")

    def _network_back_by_itself(self, run: TrainingRun) -> None:
        with self._lock:
            if self.run is run and not run.ended:
                self.set_network(True)

    def _cancel_network_timer(self) -> None:
        timer, self._network_timer = self._network_timer, None
        if timer is not None:
            timer.cancel()

    # --- the services a window or a scripted trainee opens --------------------------------------

    def attach(self, services: StationServices) -> StationServices:
        """The run's observer on every intake of these services, their scanner with the run's incidents,
        and the queue incident's wait."""
        with self._lock:
            if services.scanner is not None and not isinstance(services.scanner, _IncidentScanner):
                services.scanner = _IncidentScanner(services.scanner, self)
            services.intake_extras["observer"] = self._observe
            self._arm_services(services)
            if services not in self._attached:
                self._attached.append(services)
            return services

    def _arm_services(self, services: StationServices) -> None:
        """What every intake of the run gets: the queue's wait, and in face_mismatch a fingerprint that is
        not the holder's (the simulated reader matches anyone: kiosk trainees use it when the face check
        cannot judge the virtual cards' drawn portraits)."""
        from drivers.biometrics.fingerprint import SimulatedFingerprintReader

        run = self.run
        incident = run.scenario.incident if run is not None and not run.ended else "none"
        services.intake_extras["waited_before"] = \
            timedelta(minutes=run.scenario.parameter("waited_minutes")) if incident == "queue" else timedelta(0)
        if incident == "face_mismatch" and services.fingerprint is not None:
            services.intake_extras["fingerprint"] = SimulatedFingerprintReader(score=0.05)
        else:
            services.intake_extras.pop("fingerprint", None)

    def _observe(self, event) -> None:
        run = self.run
        if run is not None:
            run.observe(event)

    def _refill_feeder(self) -> None:
        """The test backend's feeder holds 10 sheets, says it is empty once, then refills: emptied here
        (tiny pages, no incident) so that the scenario's batch has all its sheets, as on a filled tray."""
        from drivers.scanner.batch import ScanRequest
        from drivers.scanner.options import Source

        scanner = next((s.scanner for s in self._attached if s.scanner is not None), None)
        if scanner is None:
            return
        run, self.run = self.run, None  # no incident on these pages
        try:
            for _event in scanner.scan(ScanRequest(SANE_TEST_DEVICE, Source.ADF, 50, area_mm=(20.0, 20.0))):
                pass
        finally:
            self.run = run

    def _scan_options(self, request) -> dict[int, dict[str, Any]]:
        """The batch's raw SANE options: what an earlier injection left set put back first, the request's
        own, then the run's scanner incident, once per run: the jam in the first feeder batch that reaches
        its page, the blank page on the run's Nth page scanned, in whichever batch it comes."""
        from drivers.scanner.options import Source

        with self._lock:
            options: dict[int, dict[str, Any]] = {}
            if self._reset_next:
                options[1] = dict(self._reset_next)
                self._reset_next = {}
            for page, values in request.options_before_page.items():
                options.setdefault(page, {}).update(values)
            run = self.run
            if run is None or run.ended or self._scanner_incident_used:
                return options
            scenario = run.scenario
            pages = request.pages if request.source is not Source.FLATBED else (request.pages or 1)
            if scenario.incident == "feeder_jam" and request.source is Source.ADF:
                page = scenario.parameter("before_page")
                if pages is None or pages >= page:
                    options.setdefault(page, {}).update(JAMMED)
                    self._reset_next["read-return-value"] = "Default"
                    self._scanner_incident_used = True
            elif scenario.incident == "blank_page":  # one sheet per batch (a kiosk's flatbed) counts too
                page = scenario.parameter("page") - self._pages_scanned
                if page >= 1 and (pages is None or pages >= page):
                    options.setdefault(page, {})["test-picture"] = BLANK
                    options.setdefault(page + 1, {})["test-picture"] = PATTERN
                    self._reset_next["test-picture"] = PATTERN
                    self._scanner_incident_used = True
            return options

    # --- the province's answers and the reports ------------------------------------------------

    def relay_progress(self, dossier_id: str, progress) -> None:
        """The relay's progress callback (any thread): the province's acceptance or refusal on the run."""
        from sync.relay import ACCEPTED, CONFLICT, REJECTED

        if progress.state == ACCEPTED:
            self._record("dossier.accepted", code=progress.code)
        elif progress.state in (REJECTED, CONFLICT):
            self._record("dossier.refused", state=progress.state)

    def write_csv(self, trainee: str) -> Path:
        name = trainee_name(trainee)
        outcomes = [outcome for outcome in self.outcomes if outcome.trainee == name]
        return write_report_csv(outcomes, self.reports_dir / f"{report_name(name)}.csv", self.config.language)

"""The centre's signature on each copy, at the counter, on a real store and a SoftHSM2 token: an opened
dossier shows each copy valid with its signer, time and level, not signed (a copy from before signing),
or not valid and why (a CA this station does not trust); a missing trust folder is one clear line. The
check runs on workers, once per copy while the dossier is open."""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette

from kiosk import signing
from kiosk.devices import DeviceSetup
from kiosk.domain import Component, Document, Dossier
from kiosk.signing import StationSigner
from kiosk.signing_messages import INVALID, UNSIGNED, VALID
from sync.reference_pki import make_signing_pki
from tests.store.conftest import T0, make_citizen
from tests.ui.accessibility import contrast_ratio
from tests.ui.counter_helpers import activate
from tests.ui.signing_helpers import CENTRE_NAME, copy_pdf, plug_token, screenshots, signing_config
from ui.counter.copy_signatures import LEVEL, SIGNED_AT, SIGNER, VERDICT
from ui.counter.dossier_list import VIETNAM
from ui.counter.dossier_tab import DossierTab
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists

DAY = date(2025, 7, 1)


@pytest.fixture
def token(softhsm, tmp_path):
    return plug_token(softhsm, tmp_path / "pki", f"counter-{uuid.uuid4().hex[:10]}")


def trusting(token, tmp_path) -> Path:
    return token.pki.trust_folder(tmp_path / "trust")


@pytest.fixture
def trust(request) -> str:
    """Which CAs the station trusts: "ours" (the token's), "other" (another CA only) or "none" (no folder)."""
    return getattr(request, "param", "ours")


@pytest.fixture
def config(token, tmp_path, trust):
    which = trust
    trust = (trusting(token, tmp_path) if which == "ours" else
             make_signing_pki(tmp_path / "other-pki").trust_folder(tmp_path / "other-trust") if which == "other" else
             tmp_path / "no-such-folder")
    return signing_config(tmp_path / "station", token.conf, token.spec.token_label, trust)


def store_dossier(services, config, signed: list[bool]) -> Dossier:
    """A dossier whose components' copies are signed on the token (True) or left unsigned (False)."""
    dossier = Dossier(procedure_code="1.001193", receiving_unit="06970", competent_unit="06970",
                      citizen=make_citizen("Nguyễn Thị Lan", "001190000011"), received_by="can-bo-01", created_at=T0)
    signer = StationSigner(config)
    try:
        for number, sign in enumerate(signed, start=1):
            document = copy_pdf(1, 260 + 120 * number)
            if sign:
                made = signer.sign(document.content, dossier.id, "can-bo-01")
                document = Document.from_pdf(made.data, document.page_count, document.thumbnails)
            dossier.set_component(Component(name=("Tờ khai đăng ký khai sinh", "Giấy chứng sinh",
                                                  "Văn bản ủy quyền")[number - 1], required=True,
                                            document=document), T0)
    finally:
        signer.close()
    services.store.submit(dossier, now=T0)
    return dossier


@pytest.fixture
def checks(monkeypatch):
    """Every signature check the counter makes, with the thread it ran on."""
    made = []
    verify = signing.verify_document

    def counted(data, trust):
        made.append(threading.current_thread())
        return verify(data, trust)

    monkeypatch.setattr(signing, "verify_document", counted)
    return made


def readable(table, row: int) -> bool:
    """The verdict's colour against the table's background: at least 4.5:1."""
    return contrast_ratio(table.item(row, VERDICT).foreground().color(), table.palette().color(QPalette.ColorRole.Base)) >= 4.5


def open_tab(qtbot, config, languages, services, dossier) -> tuple[CounterWindow, DossierTab]:
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="can-bo-01",
                           today=lambda: DAY)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    activate(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    tab = window.open_dossier(dossier.id)
    ids = [c.document.id for c in dossier.components if c.document is not None]
    qtbot.waitUntil(lambda: all(tab.verdict(i) is not None for i in ids) or tab.signatures.note.isVisible(),
                    timeout=30_000)
    return window, tab


def test_a_signed_copy_shows_valid_with_signer_time_and_level_and_an_old_one_not_signed(
        qtbot, config, languages, services, checks, tmp_path):
    languages.switch("vi")
    dossier = store_dossier(services, config, [True, False])
    window, tab = open_tab(qtbot, config, languages, services, dossier)
    signed, unsigned = (c.document.id for c in dossier.components[:2])
    verdict = tab.verdict(signed)
    assert verdict.state == VALID and tab.verdict(unsigned).state == UNSIGNED

    table = tab.signatures.table
    assert tab.signatures.verdict_text(0) == "Đã ký số hợp lệ"
    assert table.item(0, SIGNER).text() == CENTRE_NAME
    assert abs(datetime.now(timezone.utc) - verdict.signed_at) < timedelta(minutes=10)
    assert table.item(0, SIGNED_AT).text() == verdict.signed_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M:%S")
    assert table.item(0, LEVEL).text() == "B-B"  # no TSA configured
    assert "không có dấu thời gian" in table.item(0, LEVEL).toolTip()
    assert tab.signatures.verdict_text(1) == "Chưa ký số" and table.item(1, SIGNER).text() == ""
    assert readable(table, 0) and readable(table, 1)
    assert not tab.signatures.note.isVisible()
    qtbot.wait(50)  # the layout settles before the photograph
    assert window.grab().save(str(screenshots(tmp_path) / "counter-vi-dossier-signatures.png"))

    assert len(checks) == 2 and threading.main_thread() not in checks  # never on the GUI thread
    languages.switch("en")  # the words follow the language; nothing is checked again
    assert tab.signatures.verdict_text(0) == "Digitally signed, valid"
    assert tab.signatures.verdict_text(1) == "Not signed"
    assert "no timestamp" in table.item(0, LEVEL).toolTip()
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.load()  # read again (as a refresh does): the copies' verdicts are kept
    assert tab.signatures.verdict_text(0) == "Digitally signed, valid" and len(checks) == 2


@pytest.mark.parametrize("trust", ["other"], indirect=True)
def test_a_copy_signed_under_a_ca_not_trusted_here_says_so(qtbot, config, languages, services, checks, tmp_path):
    languages.switch("vi")
    dossier = store_dossier(services, config, [True])
    window, tab = open_tab(qtbot, config, languages, services, dossier)
    verdict = tab.verdict(dossier.components[0].document.id)
    assert verdict.state == INVALID and verdict.signer == CENTRE_NAME
    text = tab.signatures.verdict_text(0)
    assert text.startswith("Chữ ký số KHÔNG hợp lệ")
    assert "không do tổ chức cung cấp dịch vụ chứng thực chữ ký số được tin cậy cấp" in text
    assert readable(tab.signatures.table, 0)
    qtbot.wait(50)
    assert window.grab().save(str(screenshots(tmp_path) / "counter-vi-dossier-signature-untrusted.png"))
    languages.switch("en")
    assert "not issued by a trusted certificate authority" in tab.signatures.verdict_text(0)


@pytest.mark.parametrize("trust", ["none"], indirect=True)
def test_a_missing_trust_folder_is_one_clear_line(qtbot, config, languages, services, checks):
    languages.switch("vi")
    dossier = store_dossier(services, config, [True, True])
    _, tab = open_tab(qtbot, config, languages, services, dossier)
    note = tab.signatures.note
    assert note.isVisible() and "Chưa kiểm tra được chữ ký số" in note.text() and "signature_trust" in note.text()
    assert [tab.signatures.verdict_text(row) for row in range(2)] == ["Chưa kiểm tra"] * 2
    assert checks == []  # nothing to check against: nothing checked

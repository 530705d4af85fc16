"""The technician's sync screen names each kind of stored upload error for what it is, in both languages,
from the station's real store (a dossier left queued after the error):

- a refused audit log (the province saw the station's log go backwards or fork);
- the relay's DAMAGED (the dossier's stored data fails its integrity check)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.store import open_store
from sync.client import AuditRefused
from tests.conftest import write_config
from tests.store.conftest import T0, make_dossier
from ui.diagnostics.sync_page import SyncPage

AUDIT_REFUSED = str(AuditRefused("audit_rewound", 40, 12))
DAMAGED = "stored data fails its integrity check"  # as sync.relay stores it


@pytest.fixture
def config(tmp_path):
    return load_config(write_config(tmp_path, mode="diagnostics", key_dir=str(tmp_path / "keys")), env={})


@pytest.mark.parametrize("error, shot, language, words", [
    (AUDIT_REFUSED, "audit-refused", "en", ("refuses this station's audit log",)),
    (AUDIT_REFUSED, "audit-refused", "vi", ("tỉnh từ chối nhật ký xử lý của trạm",)),
    (DAMAGED, "damaged", "en", ("fails its integrity check (altered or damaged)", "kiosk store check")),
    (DAMAGED, "damaged", "vi", ("không vượt qua kiểm tra toàn vẹn (bị sửa đổi hoặc hỏng)", "kiosk store check")),
])
def test_an_upload_error_is_shown_for_what_it_is(qtbot, languages, config, tmp_path, error, shot, language, words):
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        dossier = make_dossier(now=T0)
        store.submit(dossier, now=T0)
        store.begin_upload(dossier.id, now=T0)
        store.upload_failed(dossier.id, error, now=T0)
    languages.switch(language)
    page = SyncPage(config)
    page.retranslate()  # the diagnostics window does this for its pages
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.sync is not None, timeout=30_000)
    rows = {page.queue.topLevelItem(i).text(0): page.queue.topLevelItem(i).text(1)
            for i in range(page.queue.topLevelItemCount())}
    assert any(all(word in value for word in words) for value in rows.values())
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(folder / f"diagnostics-sync-{shot}-{language}.png"))

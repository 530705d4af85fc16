"""The technician's sync screen names the relay's DAMAGED (a dossier whose stored data fails its integrity
check, left queued) as its own kind of error, in both languages, from the station's real store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.store import open_store
from tests.conftest import write_config
from tests.store.conftest import T0, make_dossier
from ui.diagnostics.sync_page import SyncPage


@pytest.fixture
def config(tmp_path):
    return load_config(write_config(tmp_path, mode="diagnostics", key_dir=str(tmp_path / "keys")), env={})


@pytest.mark.parametrize("language, words", [("en", "fails its integrity check (altered or damaged)"),
                                             ("vi", "không vượt qua kiểm tra toàn vẹn (bị sửa đổi hoặc hỏng)")])
def test_a_damaged_dossier_is_shown_for_what_it_is(qtbot, languages, config, tmp_path, language, words):
    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        dossier = make_dossier(now=T0)
        store.submit(dossier, now=T0)
        store.begin_upload(dossier.id, now=T0)
        store.upload_failed(dossier.id, "stored data fails its integrity check", now=T0)  # as sync.relay does
    languages.switch(language)
    page = SyncPage(config)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.sync is not None, timeout=30_000)
    rows = {page.queue.topLevelItem(i).text(0): page.queue.topLevelItem(i).text(1)
            for i in range(page.queue.topLevelItemCount())}
    assert any(words in value and "kiosk store check" in value for value in rows.values())
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(folder / f"diagnostics-sync-damaged-{language}.png"))

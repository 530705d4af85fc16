"""Signed copies at the counter: a SoftHSM2 token made for the test (the same PKCS#11 path as a
centre's real token), a configuration whose StationSigner uses it, and real component PDFs."""

from __future__ import annotations

import os
from pathlib import Path

from drivers.signing.softhsm import generate_key, init_token, store_certificate
from drivers.signing.token import TokenSpec
from kiosk.config import load_config
from kiosk.domain import Document
from kiosk.intake import PageSet
from sync.reference_pki import make_signing_pki
from tests.conftest import write_config
from tests.helpers.signing import PIN, SO_PIN, TestToken
from tests.intake.test_pages import processed

CENTRE_NAME = "Trung tâm Phục vụ hành chính công xã Ba Chẽ"


def plug_token(conf: Path, pki_folder: Path, label: str, name: str = CENTRE_NAME) -> TestToken:
    """A token labelled `label` appears, its key made on it and certified by the test signing CA in
    `pki_folder` (what a technician plugging the centre's token in brings back)."""
    pki = make_signing_pki(pki_folder)
    spec = TokenSpec(token_label=label, key_label="signing")
    init_token(conf, label, PIN, SO_PIN)
    store_certificate(spec, PIN, pki.issue(generate_key(spec, PIN), name))
    return TestToken(spec, PIN, pki, conf)


def signing_config(folder: Path, conf: Path, token_label: str, trust: Path, **more):
    """The station's configuration with its signing key on the test token (PIN in a 0600 file)."""
    folder.mkdir(parents=True, exist_ok=True)
    pin_file = folder / "signing-pin"
    pin_file.write_text(PIN)
    os.chmod(pin_file, 0o600)
    return load_config(write_config(folder, signing_token=token_label, signing_key_label="signing",
                                    signing_pin="file", signing_pin_file=str(pin_file), softhsm2_conf=str(conf),
                                    signature_trust=str(trust), **more), env={})


def copy_pdf(pages: int = 1, width: int = 300) -> Document:
    """A real digitised copy (colour, 200 dpi) with its thumbnails, unsigned."""
    made = PageSet()
    for number in range(pages):
        made.add(processed(width + 40 * number))
    return made.document()


def screenshots(tmp_path: Path) -> Path:
    """Where a test's photographs go: $KIOSK_SCREENSHOTS, else the test's own folder."""
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder

"""Where the project's resource files are (the `resources/` folder beside the packages)."""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
TRANSLATIONS = RESOURCES / "translations"
CARD_PROFILES = RESOURCES / "card_profiles"
CATALOGS = RESOURCES / "catalogs"
CONSENT = RESOURCES / "consent" / "consent.toml"
TRAINING = RESOURCES / "training"  # the training scenarios (kiosk start --mode training)

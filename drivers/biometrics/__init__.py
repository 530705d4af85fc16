"""Face and fingerprint checks against the chip."""

"""The virtual CCCD: profile, file system and APDU logic, headless (the vpcd connector lives elsewhere)."""

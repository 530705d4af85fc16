"""Hardware and protocols, with no Qt and no dependency on the application."""

"""Document scanners through SANE, the page pipeline and PDF output."""

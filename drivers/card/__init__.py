"""Chip ID card (CCCD, ICAO 9303 eMRTD) reading: APDUs, secure messaging, BAC, LDS parsing, virtual card."""

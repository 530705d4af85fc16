"""The application core of the digitisation point: no Qt here, everything runs headless."""

APP_NAME = "digitisation-point"
__version__ = "0.1.0"

"""The application core of the digitisation point: no Qt here, everything runs headless."""

APP_NAME = "digitisation-point"
# The name people see (the windows' title, resources/translations/kiosk_vi.ts), and the "information system
# providing the data" named in the QR code of the receipt (Circular 01/2023/TT-VPCP).
SYSTEM_NAME = "Điểm số hóa"
__version__ = "0.1.0"

"""The technician's checks (diagnostics mode), headless: each one returns facts about a device or the
station, timings and masked traces, and never a citizen's data (no name, ID number, face, scan content
or QR text leaves these functions). All of them block: front ends call them from workers."""

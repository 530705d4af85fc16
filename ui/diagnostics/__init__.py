"""The technician's diagnostics screens: readers, card test, scanners, camera, sync, doctor, logs.

Every screen shows facts about devices and the station, never a citizen's data; the checks themselves
live in the core (`kiosk.diagnostics`, `sync.connectivity`) and run on workers."""

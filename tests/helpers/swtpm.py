"""A real software TPM 2.0 (Debian's swtpm) on free loopback ports, with its own state folder."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path


def free_port_pair() -> tuple[int, int]:
    """Two free consecutive loopback ports: tpm2-tools' swtpm TCTI finds the control port at port + 1."""
    for _ in range(100):
        with socket.socket() as first, socket.socket() as second:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
            return port, port + 1
    raise RuntimeError("no two free consecutive loopback ports")


class SoftwareTpm:
    """`swtpm socket --tpm2` with state in `folder` (a new folder: a new TPM, with its own seeds);
    `tcti` is what tpm2-tools connect with.
    Stopped by its pid (`stop`, or leaving the `with` block)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.port, self.control = free_port_pair()
        self.tcti = f"swtpm:host=127.0.0.1,port={self.port}"
        self.process: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("swtpm") is not None and shutil.which("tpm2_createprimary") is not None

    def start(self) -> "SoftwareTpm":
        self.process = subprocess.Popen(
            ["swtpm", "socket", "--tpm2", "--tpmstate", f"dir={self.folder}",
             "--server", f"type=tcp,port={self.port},bindaddr=127.0.0.1",
             "--ctrl", f"type=tcp,port={self.control},bindaddr=127.0.0.1",
             "--flags", "startup-clear,not-need-init"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10  # waiting for it to listen, not a timed assertion
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"swtpm exited: {self.process.stderr.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("swtpm did not listen within 10 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()
        self.process = None

    def __enter__(self) -> "SoftwareTpm":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

"""The scanner worker: the one process that loads libsane, and the application's handle on it.

python-sane holds the GIL in option calls (and, in 2.9.2, in open/close/init): a vendor backend that
hangs there freezes every Python thread of its process, and one that crashes takes the process with
it. So SANE lives in a child process (`python -m drivers.scanner.worker FD`) and the application
never imports `sane`. The parent talks to it over a socket pair: JSON messages one way and the other,
and each page's pixels as one raw message right after its header (no pickling, received straight
into the page's numpy array).

Inside the worker: the main thread does the SANE calls; a listener thread takes commands, so a
cancel reaches `sane_cancel` while a page is being read; a heartbeat thread says "alive" twice a
second. In the parent, no heartbeat for `hang_timeout` (a backend holding the GIL, or the process
stopped) or no page progress for `stall_timeout` means hung: the worker is killed and restarted;
a worker that died is restarted too. Either way the batch ends with a clear status and the pages
already received are kept by the caller.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from .acquisition import AcquiredPage
from .batch import (BatchEnded, DeviceError, Event, Frame, FrameParameters, PageDropped, PageProgress, PageReady,
                    PageStarted, ScanRequest, run_batch)
from .discovery import ScannerInfo
from .options import OptionInfo, UnsupportedSetting, plan_scan
from .status import ScanStatus, describe, status_from_message

log = logging.getLogger(__name__)

HEARTBEAT = 0.5  # seconds between the worker's "alive" messages


class ScannerWorkerError(Exception):
    """A request to the worker failed; `status` says why (device gone, busy, worker crashed…).
    The message is for the technician and holds no scanned content."""

    def __init__(self, status: ScanStatus, detail: str):
        super().__init__(detail)
        self.status = status
        self.message = describe(status)


# ============================================================================================
# pixels on the wire: after a page's JSON header, exactly its bytes, raw. Connection.send_bytes and
# recv_bytes_into would copy a 26 MB page three times through Python objects; these move it from
# the socket straight into the page's numpy array.
# ============================================================================================

def _write_all(fd: int, data: memoryview) -> None:
    sent = 0
    while sent < len(data):
        sent += os.write(fd, data[sent:])


def _read_exactly(fd: int, into: memoryview) -> None:
    got = 0
    while got < len(into):
        n = os.readv(fd, [into[got:]])
        if n == 0:
            raise EOFError("the scanner program closed its connection mid-page")
        got += n


# ============================================================================================
# the worker process
# ============================================================================================

class _SaneDevice:
    """BatchDevice over one open python-sane device, options addressed by name."""

    def __init__(self, sane_module: Any, name: str):
        self._sane = sane_module
        self.name = name
        try:
            self.dev = sane_module._open(name)
        except sane_module.error as error:
            raise DeviceError(status_from_message(str(error)), str(error)) from None
        self._load_options()

    def _load_options(self) -> None:
        self.raw_options = [o for o in self.dev.get_options()]
        self.index = {o[1]: o for o in self.raw_options if o[1]}

    def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except self._sane.error as error:
            raise DeviceError(status_from_message(str(error)), str(error)) from None

    def options(self) -> list[OptionInfo]:
        out = []
        for raw in self.raw_options:
            if raw[4] == 5:  # TYPE_GROUP
                continue
            info = OptionInfo.from_sane(raw)
            value = None
            if info.active and raw[4] not in (4, 5) and raw[6] <= 64:  # no buttons, no long arrays
                try:
                    value = self.dev.get_option(raw[0])
                except self._sane.error:
                    value = None
            out.append(OptionInfo.from_dict({**info.as_dict(), "value": value}))
        return out

    def set_option(self, name: str, value: Any) -> None:
        raw = self.index.get(name)
        if raw is None:
            raise DeviceError(ScanStatus.INVAL, f"the scanner has no option '{name}'")
        if raw[4] == 2 and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)  # TYPE_FIXED
        info = self._call(self.dev.set_option, raw[0], value)
        if info & self._sane.INFO_RELOAD_OPTIONS:
            self._load_options()

    def start(self) -> None:
        self._call(self.dev.start)

    def parameters(self) -> FrameParameters:
        fmt, _last, (width, lines), depth, bytes_per_line = self._call(self.dev.get_parameters)
        return FrameParameters(width, lines, bytes_per_line, 1 if fmt == "gray" else 3)

    def read_frame(self, progress: Callable[[int], None]) -> Frame:
        def on_line(lines: int, _total: int) -> None:
            try:  # an exception escaping this callback crashes python-sane 2.9.2
                progress(lines)
            except BaseException:
                pass

        data, width, height, samples, _size = self._call(self.dev.snap, True, False, on_line)
        return Frame(data, width, height, samples)

    def cancel(self) -> None:
        self._call(self.dev.cancel)

    def close(self) -> None:
        try:
            self.dev.close()
        except self._sane.error:
            pass


class _WorkerServer:
    def __init__(self, conn: Connection):
        import _sane  # python-sane's C module: only ever imported in this process

        self.sane = _sane
        self.conn = conn
        self.send_lock = threading.Lock()
        self.requests: queue.Queue[dict[str, Any]] = queue.Queue()
        self.cancelled = threading.Event()
        self.scanning: _SaneDevice | None = None
        self.device: _SaneDevice | None = None
        self.stopping = threading.Event()
        _sane.init()

    def send(self, message: dict[str, Any], payload: Any = None) -> None:
        with self.send_lock:
            self.conn.send_bytes(json.dumps(message).encode())
            if payload is not None:
                _write_all(self.conn.fileno(), memoryview(payload).cast("B"))

    def listen(self) -> None:
        try:
            while True:
                message = json.loads(self.conn.recv_bytes())
                if message["op"] == "cancel":
                    self.cancelled.set()
                    scanning = self.scanning
                    if scanning is not None:
                        try:
                            scanning.cancel()  # sane_cancel may be called while another thread reads
                        except DeviceError:
                            pass
                else:
                    if message["op"] == "scan":
                        self.cancelled.clear()  # here, in arrival order: a cancel sent right after counts
                    self.requests.put(message)
        except (EOFError, OSError):
            self.requests.put({"op": "quit"})

    def heartbeat(self) -> None:
        while not self.stopping.wait(HEARTBEAT):
            try:
                self.send({"event": "alive"})
            except OSError:
                return

    def serve(self) -> None:
        threading.Thread(target=self.listen, name="commands", daemon=True).start()
        threading.Thread(target=self.heartbeat, name="heartbeat", daemon=True).start()
        self.send({"event": "ready"})
        while True:
            request = self.requests.get()
            op = request["op"]
            if op == "quit":
                break
            try:
                if op == "devices":
                    if request.get("rescan"):
                        self._reinit()
                    devices = self._call(self.sane.get_devices)
                    self.send({"event": "reply", "result": [
                        {"name": n, "vendor": v, "model": m, "kind": k} for n, v, m, k in devices]})
                elif op == "options":
                    device = self._open(request["device"])
                    self.send({"event": "reply", "result": [o.as_dict() for o in device.options()]})
                elif op == "scan":
                    self._scan(ScanRequest.from_dict(request["request"]))
                else:
                    self.send({"event": "failed", "status": ScanStatus.INVAL.value, "detail": f"unknown op {op}"})
            except DeviceError as error:
                self.send({"event": "failed", "status": self._gone_or(error.status, request).value,
                           "detail": str(error)})
        self.stopping.set()
        if self.device is not None:
            self.device.close()
        self.sane.exit()

    def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except self.sane.error as error:
            raise DeviceError(status_from_message(str(error)), str(error)) from None

    def _reinit(self) -> None:
        """Many backends probe the bus only in sane_init: a scanner plugged back in (or a changed
        configuration) shows up after a fresh init. The open device is closed first."""
        if self.device is not None:
            self.device.close()
            self.device = None
        self.sane.exit()
        self.sane.init()

    def _open(self, name: str) -> _SaneDevice:
        if self.device is not None and self.device.name == name:
            return self.device
        if self.device is not None:
            self.device.close()
            self.device = None
        self.device = _SaneDevice(self.sane, name)
        return self.device

    def _gone_or(self, status: ScanStatus, request: dict[str, Any], forget: bool = True) -> ScanStatus:
        """A device that fails with I/O or argument errors and is no longer listed was unplugged (and is
        closed, unless `forget` is False)."""
        name = request.get("device") or (request.get("request") or {}).get("device")
        if name is None or status not in (ScanStatus.IO_ERROR, ScanStatus.INVAL, ScanStatus.UNKNOWN):
            return status
        try:
            listed = {d[0] for d in self.sane.get_devices()}
        except self.sane.error:
            return status
        if name in listed:
            return status
        if forget and self.device is not None and self.device.name == name:
            self.device.close()
            self.device = None
        return ScanStatus.DEVICE_GONE

    def _scan(self, request: ScanRequest) -> None:
        device = self._open(request.device)
        try:
            plan = plan_scan(device.options(), request.source, request.mode, request.dpi, request.area_mm)
        except UnsupportedSetting as error:
            self.send({"event": "failed", "status": ScanStatus.UNSUPPORTED.value, "detail": str(error)})
            return

        def emit(event: Event) -> None:
            if isinstance(event, PageReady):
                header = {"event": "page", **{k: v for k, v in event.__dict__.items() if k != "frame"}}
                self.send(header, event.frame.data)
            elif isinstance(event, PageStarted):
                self.send({"event": "page_started", **event.__dict__})
            elif isinstance(event, PageProgress):
                self.send({"event": "progress", **event.__dict__})
            elif isinstance(event, PageDropped):
                self.send({"event": "page_dropped", **{**event.__dict__, "status": event.status.value}})
            elif isinstance(event, BatchEnded):
                status = self._gone_or(event.status, {"device": request.device}, forget=False)
                self.send({"event": "batch_ended", "status": status.value, "pages": event.pages, "dpi": event.dpi,
                           "detail": event.detail, "prompt": event.message.kind == "prompt"})

        self.scanning = device
        try:
            ended = run_batch(device, request, plan, emit, self.cancelled)
        finally:
            self.scanning = None
        self._gone_or(ended.status, {"device": request.device})
        self.send({"event": "idle"})  # cancelled: the next request may come


def _worker_main(fd: int) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (it cancels)
    conn = Connection(fd)
    try:
        server = _WorkerServer(conn)
    except ImportError:
        conn.send_bytes(json.dumps({"event": "failed", "status": ScanStatus.UNKNOWN.value,
                                    "detail": "the python-sane binding is not installed"}).encode())
        return 3
    server.serve()
    return 0


# ============================================================================================
# the parent's handle
# ============================================================================================

CANCEL_GRACE = 10.0  # seconds a scanner may take to end a batch (eject the sheet) before the next request


class ScannerWorker:
    """The application's scanner process. One request at a time; `cancel` may come from any thread.

        with ScannerWorker(sane_config_dir) as worker:
            for event in worker.scan(ScanRequest("test:0", Source.ADF, dpi=150)):
                ...   # PageStarted, PageProgress, PageDropped, AcquiredPage, then BatchEnded
    """

    def __init__(self, sane_config_dir: str | Path | None = None, *, hang_timeout: float = 30.0,
                 stall_timeout: float = 180.0, start_timeout: float = 20.0):
        self.sane_config_dir = None if sane_config_dir is None else str(Path(sane_config_dir).resolve())
        self.hang_timeout = hang_timeout
        self.stall_timeout = stall_timeout
        self.start_timeout = start_timeout
        self.restarts = 0
        self.last_restart: str | None = None  # why the worker was last restarted, for the technician
        self._proc: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._stderr = None
        self._send_lock = threading.Lock()
        self._busy = threading.Lock()  # one request or batch at a time
        self._failure: ScanStatus | None = None  # why the last _receive gave up
        self._silence = ""  # for a hang: what the worker stopped doing
        self._settling = False  # a batch ended; the worker is still cancelling it on the device

    # --- life cycle -------------------------------------------------------------------------

    def __enter__(self) -> "ScannerWorker":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    def start(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        self._kill()  # what is left of a worker that ended (its socket, its stderr file)
        parent, child = socket.socketpair()
        env = dict(os.environ)
        env["LC_ALL"] = "C"  # sane_strstatus texts untranslated: status_from_message reads them
        env.pop("LANGUAGE", None)
        if self.sane_config_dir is not None:
            env["SANE_CONFIG_DIR"] = self.sane_config_dir
        self._stderr = tempfile.TemporaryFile()
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "drivers.scanner.worker", str(child.fileno())],
                pass_fds=(child.fileno(),), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=self._stderr)
        finally:
            child.close()
        self._conn = Connection(parent.detach())
        first = self._receive(self.start_timeout)
        if first is None or first[0].get("event") != "ready":
            detail = (first[0].get("detail") if first else None) or self._stderr_tail() or "no answer"
            self._kill()
            raise ScannerWorkerError(ScanStatus.UNKNOWN, f"the scanner program did not start: {detail}")

    def close(self) -> None:
        if self._proc is None:
            return
        try:
            self._send({"op": "quit"})
            self._proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self._kill()
        self._cleanup()

    def _kill(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._cleanup()

    def _cleanup(self) -> None:
        with self._send_lock:  # a cancel from another thread may be writing
            if self._conn is not None:
                self._conn.close()
                self._conn = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self._proc = None
        self._settling = False

    def _settle(self) -> None:
        """Waits until the worker has cancelled the last batch on the device; one that does not within
        CANCEL_GRACE is replaced (libsane's test backend has been seen to hang in sane_cancel)."""
        if not self._settling:
            return
        self._settling = False
        got = self._receive(CANCEL_GRACE)
        if got is not None and got[0].get("event") == "idle":
            return
        self._kill()
        self.restarts += 1
        self.last_restart = f"the scanner program did not end the last batch within {CANCEL_GRACE:g} s; restarted"
        log.warning("scanner worker did not end the last batch within %g s; restarting", CANCEL_GRACE)
        self.start()

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        lines = self._stderr.read().decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else ""

    def _restart(self, status: ScanStatus) -> str:
        """Replaces a dead or hung worker; returns what happened, for the log and the technician."""
        proc = self._proc
        if status is ScanStatus.WORKER_HUNG:
            why = f"did not answer ({self._silence})"
        else:
            code = None
            if proc is not None:
                try:  # the connection closes a moment before the process can be reaped
                    code = proc.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    code = None
            why = (f"was killed by signal {-code}" if code is not None and code < 0
                   else f"exited with code {code}" if code is not None else "closed its connection")
        tail = self._stderr_tail()
        self._kill()
        self.restarts += 1
        self.last_restart = f"the scanner program {why}; restarted"
        log.warning("scanner worker %s (last message: %s); restarting", why, tail or "none")
        try:
            self.start()
        except ScannerWorkerError as error:
            self.last_restart = f"the scanner program {why}; restarting it failed: {error}"
        return self.last_restart

    # --- messages ---------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        with self._send_lock:
            if self._conn is None:
                raise OSError("the scanner program is not running")
            self._conn.send_bytes(json.dumps(message).encode())

    def _receive(self, timeout: float, buffer_for: Callable[[dict], np.ndarray] | None = None
                 ) -> tuple[dict[str, Any], np.ndarray | None] | None:
        """The next message other than a heartbeat, with a page's pixels read into `buffer_for`'s array.
        None when the worker died (_failure WORKER_CRASHED), or sent no heartbeat for hang_timeout, or
        nothing but heartbeats for `timeout` (WORKER_HUNG)."""
        conn = self._conn
        started = last_alive = time.monotonic()
        self._failure = None
        wait = min(0.2, timeout / 4, self.hang_timeout / 4)
        while True:
            try:
                if conn is None:
                    raise EOFError
                if conn.poll(wait):
                    message = json.loads(conn.recv_bytes())
                    last_alive = time.monotonic()
                    if message.get("event") == "alive":
                        if last_alive - started > timeout:
                            self._failure = ScanStatus.WORKER_HUNG
                            self._silence = f"alive, but no data from the scanner for {timeout:g} s"
                            return None
                        continue
                    pixels = None
                    if message.get("event") == "page" and buffer_for is not None:
                        pixels = buffer_for(message)
                        _read_exactly(conn.fileno(), memoryview(pixels).cast("B"))
                    return message, pixels
            except (EOFError, OSError, ValueError):
                self._failure = ScanStatus.WORKER_CRASHED
                return None
            now = time.monotonic()
            if self._proc is None or self._proc.poll() is not None:
                self._failure = ScanStatus.WORKER_CRASHED
                return None
            if now - last_alive > self.hang_timeout or now - started > timeout:
                self._failure = ScanStatus.WORKER_HUNG
                self._silence = (f"no sign of life for {self.hang_timeout:g} s" if now - last_alive > self.hang_timeout
                                 else f"no data from the scanner for {timeout:g} s")
                return None

    def _request(self, message: dict[str, Any]) -> Any:
        with self._busy:
            self.start()
            self._settle()
            try:
                self._send(message)
            except OSError:
                raise ScannerWorkerError(ScanStatus.WORKER_CRASHED, self._restart(ScanStatus.WORKER_CRASHED)) from None
            got = self._receive(self.stall_timeout)
            if got is None:
                status = self._failure or ScanStatus.WORKER_CRASHED
                raise ScannerWorkerError(status, self._restart(status))
            reply, _ = got
            if reply["event"] == "failed":
                raise ScannerWorkerError(ScanStatus(reply["status"]), reply.get("detail") or reply["status"])
            return reply["result"]

    # --- what callers use -------------------------------------------------------------------

    def list_devices(self, rescan: bool = False) -> list[ScannerInfo]:
        """The devices SANE sees; `rescan` re-initialises SANE first so that a scanner plugged back
        in is found (closes the device kept open between batches)."""
        return [ScannerInfo(**d) for d in self._request({"op": "devices", "rescan": rescan})]

    def options(self, device: str) -> list[OptionInfo]:
        return [OptionInfo.from_dict(o) for o in self._request({"op": "options", "device": device})]

    def cancel(self) -> None:
        """Stops the batch under way: the page being read is dropped, pages already delivered stay."""
        try:
            self._send({"op": "cancel"})
        except OSError:
            pass

    def scan(self, request: ScanRequest) -> Iterator[PageStarted | PageProgress | PageDropped | AcquiredPage | BatchEnded]:
        """Runs one batch, yielding events as they come; the last is always a BatchEnded."""
        with self._busy:
            delivered = 0
            try:
                self.start()
                self._settle()
                self._send({"op": "scan", "request": request.to_dict()})
            except (OSError, ScannerWorkerError) as error:
                status = ScanStatus.WORKER_CRASHED
                yield BatchEnded(status, describe(status), 0, request.dpi, str(error))
                return

            def buffer_for(header: dict[str, Any]) -> np.ndarray:
                shape = (header["height"], header["width"]) + ((3,) if header["channels"] == 3 else ())
                return np.empty(shape, np.uint8)

            while True:
                got = self._receive(self.stall_timeout, buffer_for)
                if got is None:
                    status = self._failure or ScanStatus.WORKER_CRASHED
                    detail = self._restart(status)
                    yield BatchEnded(status, describe(status, pages_kept=delivered), delivered, request.dpi, detail)
                    return
                message, pixels = got
                kind = message.pop("event")
                if kind == "page":
                    delivered += 1
                    yield AcquiredPage(pixels, message["dpi"], message["index"], message["sheet"],
                                       message["side"], message["source"])
                elif kind == "progress":
                    yield PageProgress(**message)
                elif kind == "page_started":
                    yield PageStarted(**message)
                elif kind == "page_dropped":
                    yield PageDropped(message["number"], ScanStatus(message["status"]), message["lines"],
                                      message["expected_lines"])
                elif kind == "failed":
                    status = ScanStatus(message["status"])
                    yield BatchEnded(status, describe(status, pages_kept=delivered), delivered, request.dpi,
                                     message.get("detail", ""))
                    return
                elif kind == "batch_ended":
                    self._settling = True  # the worker cancels the batch on the device next
                    status = ScanStatus(message["status"])
                    yield BatchEnded(status, describe(status, pages_kept=delivered,
                                                      before_first_page=message["prompt"]),
                                     delivered, message["dpi"], message.get("detail", ""))
                    return


if __name__ == "__main__":
    sys.exit(_worker_main(int(sys.argv[1])))

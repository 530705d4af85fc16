"""The kiosk unit's arrangement, with a real cage: systemd starts cage (the main process, named in
WATCHDOG_PID) and cage starts the kiosk. The notify variables must reach the kiosk through cage, and
the kiosk must take up the watchdog of its parent. cage runs headless here (wlroots' headless backend,
pixman renderer); it refuses to run as root, so as root it runs as `nobody`.

The child is Debian's python3 with the Qt-free notify module alone: the development venv's Python
lives where `nobody` may not read, and Qt under cage is not this test's point."""

import os
import shutil
import subprocess

import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers.notify import FakeNotifySocket

CHILD = """
import os, sys
from kiosk import service_manager
interval = service_manager.watchdog_interval()
if interval is None:
    sys.exit("no watchdog taken up: WATCHDOG_PID=%s, parent %d" % (os.environ.get("WATCHDOG_PID"), os.getppid()))
service_manager.notify("READY=1", "STATUS=watchdog every %.1f s" % interval)
for _ in range(3):
    service_manager.watchdog_ping()
service_manager.stopping()
"""


@pytest.fixture
def folder():
    """A folder `nobody` can reach (pytest's own are root's alone), removed after the test; outside /tmp,
    which the test replaces for cage."""
    with tempfile.TemporaryDirectory(prefix="dp-cage-", dir="/var/tmp") as name:
        yield Path(name)


def test_the_child_of_cage_notifies_and_takes_up_the_watchdog(folder):
    cage = shutil.which("cage")
    assert cage, "cage is missing: run `packaging/dev setup`"
    assert shutil.which("Xwayland"), "Xwayland is missing (cage does not start without it): run `packaging/dev setup`"
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700)
    (folder / "child.py").write_text(CHILD, encoding="utf-8")
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser", path="/usr/sbin:/sbin:/usr/bin:/bin")
        assert runuser, "runuser (util-linux) is missing"
        # Xwayland's lock files go in /tmp, which a machine may keep closed to `nobody` (0755 here): a
        # fresh /tmp of cage's own, in a mount namespace of its own
        own_tmp = ["unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                   'mount -t tmpfs -o mode=1777 tmpfs /tmp && exec "$@"', "sh"]
        as_user = [*own_tmp, runuser, "-u", "nobody", "--"]
        for path in (folder, runtime):
            shutil.chown(path, "nobody")
        folder.chmod(0o755)
    with FakeNotifySocket(abstract=True) as manager:  # an abstract name: no file permission for `nobody`
        env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "XDG_RUNTIME_DIR": str(runtime),
               "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
               **manager.env, "WATCHDOG_USEC": "30000000"}
        # systemd sets WATCHDOG_PID to the main process it forked: here a shell that names itself, then
        # becomes cage (exec keeps the pid), so the kiosk's parent is the pid named, as under systemd
        names_itself = ["/bin/sh", "-c", 'export WATCHDOG_PID=$$; exec "$@"', "sh"]
        done = subprocess.run([*as_user, *names_itself, cage, "--", "/usr/bin/python3", str(folder / "child.py")],
                              env=env, cwd=folder, capture_output=True, text=True, timeout=120)
        messages = manager.drain()
    assert done.returncode == 0, done.stderr[-2000:]
    assert messages == [["READY=1", "STATUS=watchdog every 30.0 s"], ["WATCHDOG=1"], ["WATCHDOG=1"], ["WATCHDOG=1"],
                        ["STOPPING=1"]], done.stderr[-2000:]

"""Device identity, the station's backend list, and finding a scanner again after it was unplugged."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.scanner.devices import (AmbiguousDevice, DeviceIdentity, DeviceWatcher, find_device, installed_backends,
                                     name_is_a_port, serial_from_name, station_backends, write_sane_config)
from drivers.scanner.discovery import ScannerInfo, list_devices
from drivers.scanner.status import ScanStatus
from drivers.scanner.worker import ScannerWorker, ScannerWorkerError

from .conftest import write_sane_test_config


def info(name, vendor="FUJITSU", model="fi-7160", kind="sheetfed scanner"):
    return ScannerInfo(name, vendor, model, kind)


@pytest.mark.parametrize("name, serial, port", [
    ("hpaio:/usb/Officejet_Pro_8600?serial=CN0AT3T0N305KR", "CN0AT3T0N305KR", False),
    ("pixma:04A9176D_3EBCC9", "3EBCC9", False),
    ("fujitsu:libusb:001:004", None, True),
    ("epjitsu:libusb:002:011", None, True),
    ("brother4:bus2;dev1", None, True),
    ("airscan:e0:Brother MFC-L2750DW series", None, False),
    ("test:0", None, False),
])
def test_serials_and_ports_in_device_names(name, serial, port):
    assert serial_from_name(name) == serial
    assert name_is_a_port(name) is port


def test_identity_survives_a_new_usb_port():
    remembered = DeviceIdentity.of(info("fujitsu:libusb:001:004"))
    assert find_device(remembered, [info("fujitsu:libusb:003:009")]).name == "fujitsu:libusb:003:009"
    assert find_device(remembered, [info("epjitsu:libusb:003:009", model="ScanSnap S1300i")]) is None
    assert DeviceIdentity.from_dict(remembered.as_dict()) == remembered


def test_serial_picks_the_right_one_of_two_identical_scanners():
    a = info("hpaio:/usb/Officejet?serial=AAA", "Hewlett-Packard", "Officejet")
    b = info("hpaio:/usb/Officejet?serial=BBB", "Hewlett-Packard", "Officejet")
    assert find_device(DeviceIdentity.of(b), [a, b]) == b
    with pytest.raises(AmbiguousDevice, match="choose one by name"):
        find_device(DeviceIdentity.of(info("fujitsu:libusb:001:004")),
                    [info("fujitsu:libusb:001:005"), info("fujitsu:libusb:001:006")])


def test_watcher_notices_leaving_and_coming_back_under_a_new_name():
    listing = [[info("fujitsu:libusb:001:004")], [], [], [info("fujitsu:libusb:001:007")],
               [info("fujitsu:libusb:001:007")], [info("fujitsu:libusb:002:002")]]
    watcher = DeviceWatcher(DeviceIdentity("FUJITSU", "fi-7160"), lambda: listing.pop(0), "fujitsu:libusb:001:004")
    changes = [watcher.poll() for _ in range(6)]
    assert [c and (c.kind, c.name) for c in changes] == [
        None, ("gone", None), None, ("back", "fujitsu:libusb:001:007"), None, ("renamed", "fujitsu:libusb:002:002")]
    assert watcher.name == "fujitsu:libusb:002:002"


def test_watcher_with_the_real_backend_through_rescans(tmp_path: Path):
    """Unplugging is played by the SANE configuration: no backend, then the test backend again."""
    folder = write_sane_test_config(tmp_path / "sane")
    with ScannerWorker(folder) as worker:
        identity = DeviceIdentity.of(worker.list_devices()[0])
        watcher = DeviceWatcher(identity, lambda: worker.list_devices(rescan=True), "test:0")
        assert watcher.poll() is None
        (folder / "dll.conf").write_text("")
        change = watcher.poll()
        assert change.kind == "gone"
        (folder / "dll.conf").write_text("test\n")
        change = watcher.poll()
        assert (change.kind, change.name) == ("back", "test:0")
        assert identity == DeviceIdentity("Noname", "frontend-tester", None)
        assert worker.restarts == 0


def test_a_backend_crashing_while_listing_takes_only_the_worker(tmp_path: Path):
    """libsane's test backend segfaults in sane_get_devices when configured with no device: a real
    crash of the kind vendor backends have. The caller gets a clear error and a fresh worker."""
    folder = write_sane_test_config(tmp_path / "sane")
    conf = folder / "test.conf"
    with ScannerWorker(folder) as worker:
        first = worker.pid
        conf.write_text(conf.read_text().replace("number_of_devices 1", "number_of_devices 0"))
        with pytest.raises(ScannerWorkerError) as caught:
            worker.list_devices(rescan=True)
        assert caught.value.status is ScanStatus.WORKER_CRASHED
        assert "signal 11" in str(caught.value) and "restarted" in str(caught.value)
        assert worker.restarts == 1 and worker.pid != first
        conf.write_text(conf.read_text().replace("number_of_devices 0", "number_of_devices 1"))
        assert [d.name for d in worker.list_devices(rescan=True)] == ["test:0"]


def test_station_backends_take_what_is_installed_and_airscan_when_present():
    assert station_backends({"fujitsu", "test", "escl", "pixma", "v4l"}) == ["fujitsu", "pixma", "escl"]
    assert station_backends({"fujitsu", "escl", "airscan"}) == ["fujitsu", "airscan"]
    assert station_backends(set()) == []
    here = installed_backends()
    assert "test" in here  # libsane1 is installed on every station and test machine
    assert ("airscan" in station_backends()) == ("airscan" in here)


def test_station_config_lists_only_our_backends_and_copies_their_settings(tmp_path: Path):
    system = tmp_path / "etc"
    system.mkdir()
    (system / "fujitsu.conf").write_text("usb 0x04c5 0x132b\n")
    folder = write_sane_config(tmp_path / "sane", ["fujitsu", "pixma"], system)
    assert (folder / "dll.conf").read_text() == "fujitsu\npixma\n"
    assert (folder / "fujitsu.conf").read_text() == "usb 0x04c5 0x132b\n"
    assert not (folder / "pixma.conf").exists()


def test_discovery_in_a_child_process_still_works(sane_dir):
    assert [d.name for d in list_devices(str(sane_dir))] == ["test:0"]

"""The Debian package as packaging/build-deb makes it: its control fields, every file's owner and mode,
its maintainer scripts, its config template, and its virtual environment unpacked with `dpkg -x`.

The package is built once per session (a minute or two with the build's venv cache; several minutes the
first time on a machine). It is never installed here: another test installs it into a chroot.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from kiosk.config import KEYS, load_config

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/opt/digitisation-point"
VENV = f"{PREFIX}/venv"
SCRIPTS = ("config", "postinst", "prerm", "postrm")
UNITS = ("digitisation-point-kiosk.service", "digitisation-point-relay.service")
# Where the package may put files: its own folders and the few shared places of the agreed layout.
ALLOWED = (f".{PREFIX}/", "./usr/bin/kiosk", "./usr/share/digitisation-point/", "./usr/share/doc/digitisation-point/",
           "./usr/share/applications/digitisation-point-", "./lib/systemd/system/digitisation-point-")


def station_config_module():
    """packaging/station_config.py (packaging/ is no Python package, and `packaging` is a library's name)."""
    spec = importlib.util.spec_from_file_location("station_config", ROOT / "packaging" / "station_config.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def deb(tmp_path_factory) -> Path:
    if not shutil.which("dpkg-deb") or not shutil.which("fakeroot"):
        pytest.fail("dpkg-deb and fakeroot are needed: run packaging/dev setup")
    out = tmp_path_factory.mktemp("dist")
    # The fastest compression: these tests read the files, not the archive's size.
    done = subprocess.run([str(ROOT / "packaging" / "build-deb"), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "ZSTD_LEVEL": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    path = Path(done.stdout.strip().splitlines()[-1])
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert path == out / f"digitisation-point_{version}_amd64.deb"
    assert re.search(r"built in \d+ s; .*\.deb is \S+B", done.stderr)
    return path


@pytest.fixture(scope="session")
def control(deb) -> dict[str, str]:
    text = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    fields, name = {}, None
    for line in text.splitlines():
        if line.startswith(" ") and name:
            fields[name] += "\n" + line
        else:
            name, _, value = line.partition(":")
            fields[name] = value.strip()
    return fields


@pytest.fixture(scope="session")
def control_area(deb, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("control")
    subprocess.run(["dpkg-deb", "-e", str(deb), str(folder / "DEBIAN")], check=True)
    return folder / "DEBIAN"


@pytest.fixture(scope="session")
def unpacked(deb, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["dpkg", "-x", str(deb), str(folder)], check=True)
    return folder


@pytest.fixture(scope="session")
def entries(deb) -> list[tuple[str, str, str]]:
    """(mode string, owner/group, path) of every member, from `dpkg-deb -c`."""
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in listing.splitlines():
        mode, owner, _size, _date, _time, path = line.split(None, 5)
        rows.append((mode, owner, path.split(" -> ")[0]))
    return rows


def depends_names(field: str) -> set[str]:
    return {re.split(r"[\s(]", alternative.strip())[0] for part in field.split(",") for alternative in part.split("|")}


# --- control ---------------------------------------------------------------------------------------------


def test_control_names_the_package_its_version_and_architecture(control):
    assert control["Package"] == "digitisation-point"
    assert control["Version"] == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert control["Architecture"] == "amd64"
    assert "chip ID cards" in control["Description"] and "provincial system" in control["Description"]


def test_control_depends_on_what_the_runtime_needs(control):
    depends = control["Depends"]
    assert "python3 (>= 3.11)" in depends and "python3 (<< 3.12)" in depends
    needed = {"pcscd", "libpcsclite1", "libsane1", "libzbar0", "libtiff6", "espeak-ng", "fonts-dejavu-core", "cage",
              "adduser", "debconf", "libgl1", "libegl1", "libfontconfig1", "libdbus-1-3", "libxkbcommon0",
              "libxcb-cursor0", "libwayland-client0", "libwayland-cursor0", "libwayland-egl1"}
    assert needed <= depends_names(depends)
    assert control["Recommends"] == "tpm2-tools"
    assert control["Suggests"] == "softhsm2"


def test_installed_size_counts_the_files(control, entries):
    files = sum(1 for mode, _, _ in entries if mode.startswith("-"))
    size_kib = int(control["Installed-Size"])
    assert size_kib > 100_000  # the venv: Qt, OpenCV, dlib's models
    assert files > 1000


# --- the data archive ------------------------------------------------------------------------------------


def test_every_member_is_root_owned_and_nothing_is_writable_by_others(entries):
    for mode, owner, path in entries:
        assert owner == "root/root", path
        if mode.startswith("l"):
            continue  # a symlink's own mode means nothing (venv/bin/python -> /usr/bin/python3)
        assert mode[5] != "w" and mode[8] != "w", f"{path} is {mode}"
        assert "s" not in mode and "S" not in mode, f"{path} is {mode}"


def test_modes_are_the_usual_ones(entries):
    modes = {path: mode for mode, _, path in entries}
    assert modes["./usr/bin/kiosk"] == "-rwxr-xr-x"
    assert modes[f".{VENV}/bin/kiosk"] == "-rwxr-xr-x"
    assert modes["./usr/share/digitisation-point/config.toml.template"] == "-rw-r--r--"
    for mode, _, path in entries:
        if mode.startswith("d"):
            assert mode == "drwxr-xr-x", path
        if path.startswith("./lib/systemd/system/") and mode.startswith("-"):
            assert mode == "-rw-r--r--", path


def test_files_stay_in_the_agreed_places(entries):
    for mode, _, path in entries:
        if not mode.startswith("d"):
            assert path.startswith(ALLOWED), path
    paths = {path for _, _, path in entries}
    assert not any(path.startswith(("./etc/", "./var/")) for path in paths)  # made by postinst, kept on removal


def test_units_and_menu_entries_travel_when_the_tree_has_them(entries):
    paths = {path for _, _, path in entries}
    for unit in UNITS:
        if (ROOT / "packaging" / "systemd" / unit).exists():
            assert f"./lib/systemd/system/{unit}" in paths
    for entry in (ROOT / "packaging" / "desktop").glob("*.desktop"):
        assert f"./usr/share/applications/{entry.name}" in paths


def test_md5sums_cover_every_file_and_match(unpacked, control_area):
    """What `dpkg -V` checks after installing: every shipped file, unchanged."""
    listed = {}
    for line in (control_area / "md5sums").read_text().splitlines():
        digest, path = line.split(None, 1)
        listed[path] = digest
    shipped = {str(p.relative_to(unpacked)) for p in unpacked.rglob("*") if p.is_file() and not p.is_symlink()}
    assert shipped == set(listed)
    for path in (f"{VENV[1:]}/pyvenv.cfg", "usr/bin/kiosk", f"{VENV[1:]}/bin/kiosk"):
        assert hashlib.md5((unpacked / path).read_bytes()).hexdigest() == listed[path]


# --- maintainer scripts ----------------------------------------------------------------------------------


def test_maintainer_scripts_are_shipped_and_parse(control_area):
    for script in SCRIPTS:
        path = control_area / script
        assert path.stat().st_mode & 0o777 == 0o755, script
        assert path.read_text().startswith("#!/bin/sh\n"), script
        assert "\nset -e\n" in path.read_text(), script
        done = subprocess.run(["sh", "-n", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, f"{script}: {done.stderr}"
    templates = (control_area / "templates").read_text()
    for question in ("station_id", "center_unit", "purge_data"):
        assert f"Template: digitisation-point/{question}\n" in templates
    assert "Template: digitisation-point/purge_data\nType: boolean\nDefault: false\n" in templates


def test_maintainer_scripts_pass_shellcheck(control_area):
    if not shutil.which("shellcheck"):
        pytest.skip("shellcheck is not installed (packaging/dev setup installs it)")
    scripts = [str(control_area / script) for script in SCRIPTS]
    scripts += [str(ROOT / "packaging" / "debian" / "kiosk"), str(ROOT / "packaging" / "build-deb")]
    done = subprocess.run(["shellcheck", *scripts], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_postrm_removes_data_only_when_purge_is_confirmed(control_area):
    postrm = (control_area / "postrm").read_text()
    purge = postrm[postrm.index("    purge)"):]
    remove = postrm[postrm.index("    remove)"):postrm.index("    purge)")]
    assert "/var/lib" not in remove and 'rm -rf "$data"' not in remove
    assert 'if [ "$remove_data" = true ]; then\n            rm -rf "$data" "$etc"' in purge


# --- the configuration ------------------------------------------------------------------------------------


def test_config_template_comments_every_key(unpacked):
    template = (unpacked / "usr/share/digitisation-point/config.toml.template").read_text()
    assert template == station_config_module().render(station_config_module().station_settings(
        "@STATION_ID@", "@CENTER_UNIT@"))
    lines = template.splitlines()
    for name, key in KEYS.items():
        where = next(i for i, line in enumerate(lines) if re.match(rf"^(# )?{name} = ", line))
        comment = []
        for line in reversed(lines[:where]):
            if not line.startswith("# "):
                break
            comment.insert(0, line[2:])
        assert " ".join(comment) == " ".join(key.help.split()), name


def test_filled_config_loads_with_the_package_settings(tmp_path):
    module = station_config_module()
    path = tmp_path / "config.toml"
    path.write_text(module.render(module.station_settings("HCM-PX01-01", "06970")), encoding="utf-8")
    config = load_config(path, env={})
    assert (config.station_id, config.center_unit) == ("HCM-PX01-01", "06970")
    assert config.data_dir == Path("/var/lib/digitisation-point")
    assert config.key_dir == Path("/etc/digitisation-point/keys")
    assert config.trust_store == Path("/var/lib/digitisation-point/trust")
    assert config.signature_trust == Path("/var/lib/digitisation-point/signature-trust")
    if "relay_in_window" in KEYS:
        assert getattr(config, "relay_in_window") is False
    # Left unset, the others take the program's defaults.
    assert config.mode == "counter" and config.idle_timeout == 60


def test_template_without_answers_says_what_is_missing(tmp_path):
    """What postinst writes when debconf had no answers: the two keys commented out, a clear error."""
    module = station_config_module()
    text = module.render(module.station_settings("@STATION_ID@", "@CENTER_UNIT@"))
    text = re.sub(r'(?m)^(station_id|center_unit) = .*$', r'# \1 = ""  (must be set)', text)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception, match="station_id.*missing"):
        load_config(path, env={})


# --- the virtual environment ------------------------------------------------------------------------------


def test_venv_names_its_installed_paths_and_debians_python(unpacked):
    venv = unpacked / VENV[1:]
    config = dict(line.split(" = ", 1) for line in (venv / "pyvenv.cfg").read_text().splitlines() if " = " in line)
    assert config["home"] == "/usr/bin"
    assert config["include-system-site-packages"] == "false"
    assert config["version"].startswith("3.11.")
    assert config["command"] == f"/usr/bin/python3 -m venv {VENV}"
    assert str((venv / "bin" / "python3").readlink()) == "/usr/bin/python3"  # python -> python3 -> Debian's
    scripts = [path for path in (venv / "bin").iterdir() if path.is_file() and not path.is_symlink()]
    for path in scripts:
        head = path.read_bytes()[:200]
        if head.startswith(b"#!"):
            assert head.split(b"\n")[0] in (f"#!{VENV}/bin/python".encode(), f"#!{VENV}/bin/python3".encode(),
                                             b"#!/bin/sh"), path.name
        assert b"/var/tmp/" not in path.read_bytes(), path.name


def test_venv_holds_the_runtime_and_not_the_dev_tools(unpacked):
    site = next((unpacked / VENV[1:]).glob("lib/python3.11/site-packages"))
    installed = {re.sub(r"-[^-]+\.dist-info$", "", p.name).lower().replace("_", "-")
                 for p in site.glob("*.dist-info")}
    assert {"digitisation-point", "pyside6-essentials", "pyscard", "python-sane", "cryptography"} <= installed
    assert not installed & {"pytest", "pytest-qt", "hypothesis", "import-linter", "uv", "pip-audit", "schemathesis"}
    assert not (site / "__editable__.digitisation_point-0.1.0.pth").exists()
    assert (site / "kiosk" / "__pycache__").is_dir()  # byte-compiled at build time, so dpkg owns the .pyc


def test_byte_code_is_fresh_for_its_unpacked_sources(unpacked):
    """Python rewrites a .pyc whose source's mtime or size differs, and then `dpkg -V` would see it changed:
    every shipped .pyc must match its source as dpkg leaves it (mtimes come from the archive)."""
    site = next((unpacked / VENV[1:]).glob("lib/python3.11/site-packages"))
    checked = 0
    for pyc in site.rglob("__pycache__/*.cpython-311.pyc"):
        source = pyc.parent.parent / (pyc.name.split(".")[0] + ".py")
        if not source.exists():
            continue
        header = pyc.read_bytes()[:16]
        assert header[:4] == importlib.util.MAGIC_NUMBER, pyc
        flags, mtime, size = (int.from_bytes(header[i:i + 4], "little") for i in (4, 8, 12))
        assert flags == 0, pyc  # timestamp-checked
        stat = source.stat()
        assert (mtime, size) == (int(stat.st_mtime) & 0xFFFFFFFF, stat.st_size & 0xFFFFFFFF), pyc
        checked += 1
    assert checked > 1000
    # and the tracebacks name the installed path, not the build's
    module_code = marshal.loads((site / "kiosk" / "__pycache__" / "config.cpython-311.pyc").read_bytes()[16:])
    assert module_code.co_filename == f"{VENV}/lib/python3.11/site-packages/kiosk/config.py"


def test_venv_imports_the_program_and_finds_its_resources(unpacked):
    """The venv's python is a symlink to Debian's: it runs from wherever the tree was unpacked."""
    python = unpacked / VENV[1:] / "bin" / "python"
    code = ("import kiosk, PySide6, smartcard, sane, cv2, dlib; from kiosk import resources; "
            "print(kiosk.__file__); print(resources.CATALOGS / 'admin_units_2025.json'); "
            "print(resources.TRANSLATIONS / 'kiosk_vi.qm')")
    done = subprocess.run([str(python), "-I", "-c", code], capture_output=True, text=True, cwd="/")
    assert done.returncode == 0, done.stderr
    module, catalog, translation = done.stdout.splitlines()
    assert module.startswith(str(unpacked / VENV[1:]))
    assert Path(catalog).is_file() and Path(translation).is_file()


def test_usr_bin_kiosk_reads_the_station_config_unless_told_otherwise(unpacked, tmp_path):
    wrapper = (unpacked / "usr/bin/kiosk").read_text()
    assert f"program={VENV}/bin/kiosk\n" in wrapper
    # The same wrapper, pointed at the unpacked venv (its scripts' #! names /opt, which is not here).
    venv = unpacked / VENV[1:]
    local = tmp_path / "kiosk"
    local.write_text(wrapper.replace(f"program={VENV}/bin/kiosk", f'program="{venv}/bin/python {venv}/bin/kiosk"')
                     .replace('"$program"', "$program")
                     .replace("station_user=digitisation-point", "station_user=no-such-user-here"))
    local.chmod(0o755)
    done = subprocess.run([str(local), "store", "check"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode != 0
    assert "/etc/digitisation-point/config.toml" in done.stderr
    other = tmp_path / "elsewhere.toml"
    done = subprocess.run([str(local), "store", "check"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "KIOSK_CONFIG": str(other)})
    assert str(other) in done.stderr and "/etc/digitisation-point" not in done.stderr


def test_usr_bin_kiosk_run_by_root_acts_as_the_station_user(unpacked, tmp_path):
    """Shown with `nobody` standing in for the station user, and `id` then `env` standing in for the program
    (system ones: nobody cannot reach a test's temporary folder)."""
    if os.getuid() != 0:
        pytest.skip("needs root, as a technician's sudo")
    wrapper = (unpacked / "usr/bin/kiosk").read_text().replace("station_user=digitisation-point",
                                                                "station_user=nobody")
    home = next(line.split(":")[5] for line in Path("/etc/passwd").read_text().splitlines()
                if line.startswith("nobody:"))
    outputs = []
    for program in ("/usr/bin/id", "/usr/bin/env"):
        local = tmp_path / "kiosk"
        local.write_text(wrapper.replace(f"program={VENV}/bin/kiosk", f"program={program}"))
        local.chmod(0o755)
        outputs.append(subprocess.run([str(local)], capture_output=True, text=True, check=True,
                                      env={"PATH": "/usr/bin:/bin", "HOME": "/root"}).stdout)
    assert outputs[0].startswith("uid=65534(nobody) gid=65534(")
    assert f"HOME={home}\n" in outputs[1]
    assert "KIOSK_CONFIG=/etc/digitisation-point/config.toml\n" in outputs[1]

"""Build the kubemint wheel from the binary under test ($KUBEMINT) with scripts/build-wheel.py, unpack
it as pip would lay it out (modes kept), and run pytest in a subprocess on a scratch project with
the wheel's pytest plugin (found by its entry point): what a Python project that installs the wheel gets."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILD_WHEEL = REPO / "scripts" / "build-wheel.py"
VERSION = "0.1.0.dev57+g36455a8"
PLATFORM_TAG = "manylinux_2_36_x86_64"


def build_wheel(kubemint_bin: str, out: Path, version: str = VERSION, check: bool = True
                ) -> subprocess.CompletedProcess:
    """`python3 scripts/build-wheel.py --binary $KUBEMINT --version … --out out`."""
    p = subprocess.run([sys.executable, str(BUILD_WHEEL), "--binary", kubemint_bin, "--version", version,
                        "--platform-tag", PLATFORM_TAG, "--out", str(out)],
                       capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    if check and p.returncode != 0:
        raise AssertionError(f"build-wheel.py exited {p.returncode}:\n{p.stdout}{p.stderr}")
    return p


def wheel_path(out: Path, version: str = VERSION) -> Path:
    return out / f"kubemint-{version}-py3-none-{PLATFORM_TAG}.whl"


def unpack(wheel: Path, dest: Path) -> Path:
    """The wheel's files under `dest`, each with the Unix mode of its external attributes (as pip
    installs them); returns `dest`, a directory to put on PYTHONPATH."""
    with zipfile.ZipFile(wheel) as z:
        for info in z.infolist():
            target = dest / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(info))
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                target.chmod(mode)
    return dest


def plugin_env(site: Path, **extra: str) -> dict:
    """os.environ with the unpacked wheel on PYTHONPATH and no KUBEMINT* variables (the plugin must
    find the wheel's own binary)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBEMINT", "PYTEST_"))}
    env["PYTHONPATH"] = str(site)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return env


def pytest_argv(project: Path, *args: str, by_entry_point: bool = True) -> list:
    """pytest on `project`. The unpacked wheel carries its dist-info, so pytest loads the plugin by
    its pytest11 entry point, as after `pip install`; `by_entry_point=False` (a source tree, no
    dist-info) loads it with `-p kubemint.pytest_plugin` instead."""
    plugin = [] if by_entry_point else ["-p", "kubemint.pytest_plugin"]
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin,
            "--basetemp", str(project.parent / (project.name + "-basetemp")), *args]


def run_pytest(project: Path, env: dict, *args: str, by_entry_point: bool = True,
               timeout: float = 300) -> subprocess.CompletedProcess:
    """Run pytest (see pytest_argv) in `project`; the CompletedProcess, output as text."""
    return subprocess.run(pytest_argv(project, *args, by_entry_point=by_entry_point), cwd=project, env=env,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)

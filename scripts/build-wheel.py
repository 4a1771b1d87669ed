#!/usr/bin/env python3
"""Build the kubemint wheel: python/kubemint/ (the package and its pytest plugin) plus a kubemint
binary, as kubemint-VERSION-py3-none-PLATFORM.whl. Standard library only; the same inputs give the
same bytes (fixed timestamps and modes, sorted entries).

    python3 scripts/build-wheel.py --binary .build/release/kubemint --version 0.1.0 \\
        --platform-tag manylinux_2_36_x86_64 --out dist/

VERSION must already be a normalised PEP 440 version (0.1.0, 0.1.0rc1, 0.1.0.dev57+g36455a8); it
becomes kubemint.__version__ inside the wheel.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import os
import re
import sys
import time
import zipfile
from pathlib import Path
from typing import List, NoReturn, Tuple

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "python"
LICENSE = ROOT / "LICENSE"
NAME = "kubemint"
SUMMARY = ("Mock Kubernetes service-account token issuer (OIDC discovery, JWKS, TokenRequest, "
           "TokenReview) with a pytest plugin")
# PEP 440, normalised form (what `packaging.version.Version(v)` prints back unchanged).
PEP440 = re.compile(
    r"^([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*"
    r"((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?"
    r"(\+[a-z0-9]+(\.[a-z0-9]+)*)?$")
PLATFORM_TAG = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
DEFAULT_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can carry

Entry = Tuple[str, bytes, int]  # path in the wheel, content, Unix mode


def fail(message: str) -> NoReturn:
    print(f"build-wheel: {message}", file=sys.stderr)
    sys.exit(2)


def package_files(source: Path, version: str) -> List[Entry]:
    """python/kubemint/*.py and py.typed, with _version.py saying `version`."""
    package = source / NAME
    if not (package / "__init__.py").is_file():
        fail(f"{package}/__init__.py not found: --source must be the python/ directory of kubemint")
    entries: List[Entry] = []
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if path.is_dir() or "__pycache__" in relative or path.suffix in (".pyc", ".pyo"):
            continue
        if relative.startswith(f"{NAME}/_bin/"):
            continue  # the binary comes from --binary only
        content = path.read_bytes()
        if relative == f"{NAME}/_version.py":
            content = (f'"""kubemint\'s version, written by scripts/build-wheel.py."""\n\n'
                       f'__version__ = "{version}"\n').encode()
        entries.append((relative, content, 0o644))
    if not any(name == f"{NAME}/py.typed" for name, _, _ in entries):
        fail(f"{package}/py.typed is missing")
    return entries


def binary_entry(binary: Path, platform_tag: str) -> Entry:
    """The kubemint binary as kubemint/_bin/kubemint, mode 0755."""
    if not binary.is_file():
        fail(f"--binary {binary}: not a file")
    content = binary.read_bytes()
    if "linux" in platform_tag and not content.startswith(b"\x7fELF"):
        fail(f"--binary {binary}: not an ELF executable, but the platform tag is {platform_tag}")
    return (f"{NAME}/_bin/kubemint", content, 0o755)


def metadata(version: str, readme: str) -> str:
    """The core metadata (Metadata-Version 2.1) with the README as description."""
    headers = [
        ("Metadata-Version", "2.1"), ("Name", NAME), ("Version", version), ("Summary", SUMMARY),
        ("License", "Apache-2.0"), ("Requires-Python", ">=3.9"),
        ("Classifier", "Framework :: Pytest"),
        ("Classifier", "License :: OSI Approved :: Apache Software License"),
        ("Classifier", "Operating System :: POSIX :: Linux"),
        ("Classifier", "Topic :: Software Development :: Testing"),
        ("Description-Content-Type", "text/markdown"),
    ]
    return "".join(f"{k}: {v}\n" for k, v in headers) + "\n" + readme


def wheel_file(platform_tag: str) -> str:
    """The WHEEL file: not pure Python (it carries a binary), one tag."""
    return ("Wheel-Version: 1.0\nGenerator: kubemint scripts/build-wheel.py\nRoot-Is-Purelib: false\n"
            f"Tag: py3-none-{platform_tag}\n")


ENTRY_POINTS = """[console_scripts]
kubemint = kubemint.__main__:main

[pytest11]
kubemint = kubemint.pytest_plugin
"""


def record(entries: List[Entry], record_path: str) -> bytes:
    """RECORD: every file with its sha256 (urlsafe base64, unpadded) and size; RECORD itself last."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for name, content, _ in entries:
        digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(content)])
    writer.writerow([record_path, "", ""])
    return out.getvalue().encode()


def write_wheel(path: Path, entries: List[Entry], epoch: int) -> None:
    """Write `entries` in order with a fixed timestamp; a file's mode goes in the external attributes."""
    stamp = time.gmtime(max(epoch, DEFAULT_EPOCH))[:6]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for name, content, mode in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode below is read
            info.external_attr = (0o100000 | mode) << 16
            wheel.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    os.replace(tmp, path)


def build(binary: Path, version: str, platform_tag: str, out: Path, source: Path) -> Path:
    """Build the wheel into `out`; returns its path."""
    if not PEP440.match(version):
        fail(f"--version {version!r} is not a normalised PEP 440 version (e.g. 0.1.0, 0.1.0rc1, "
             "0.1.0.dev57+g36455a8)")
    if not PLATFORM_TAG.match(platform_tag):
        fail(f"--platform-tag {platform_tag!r} is not a wheel platform tag (e.g. manylinux_2_36_x86_64)")
    readme = source / "README.md"
    if not readme.is_file():
        fail(f"{readme} not found (it is the package description)")
    dist_info = f"{NAME}-{version}.dist-info"
    files = sorted(package_files(source, version) + [binary_entry(binary, platform_tag)])
    meta: List[Entry] = [
        (f"{dist_info}/METADATA", metadata(version, readme.read_text()).encode(), 0o644),
        (f"{dist_info}/WHEEL", wheel_file(platform_tag).encode(), 0o644),
        (f"{dist_info}/entry_points.txt", ENTRY_POINTS.encode(), 0o644),
    ]
    if LICENSE.is_file() and source == SOURCE:
        meta.append((f"{dist_info}/LICENSE", LICENSE.read_bytes(), 0o644))
    entries = files + sorted(meta)
    record_path = f"{dist_info}/RECORD"
    entries.append((record_path, record(entries, record_path), 0o644))
    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"{NAME}-{version}-py3-none-{platform_tag}.whl"
    write_wheel(wheel, entries, int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)))
    return wheel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, type=Path, help="the kubemint binary to ship")
    parser.add_argument("--version", required=True, help="PEP 440 version, e.g. 0.1.0.dev57+g36455a8")
    parser.add_argument("--platform-tag", required=True, help="e.g. manylinux_2_36_x86_64")
    parser.add_argument("--out", required=True, type=Path, help="directory for the .whl")
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"the python/ directory (default {SOURCE})")
    args = parser.parse_args()
    print(build(args.binary, args.version, args.platform_tag, args.out, args.source.resolve()))


if __name__ == "__main__":
    main()

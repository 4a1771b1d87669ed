"""Where the kubemint binary is: $KUBEMINT_BIN, else the one the wheel carries in kubemint/_bin/."""

from __future__ import annotations

import os
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "_bin" / "kubemint"


class BinaryNotFoundError(FileNotFoundError):
    """No usable kubemint binary: neither $KUBEMINT_BIN nor the wheel's bundled binary."""


def binary_path() -> str:
    """The path of the kubemint binary to run.

    ``KUBEMINT_BIN`` in the environment wins (it must name an executable file); otherwise the binary
    shipped inside the wheel at ``kubemint/_bin/kubemint``. Raises BinaryNotFoundError saying which
    was looked at and what to do.
    """
    override = os.environ.get("KUBEMINT_BIN", "")
    if override:
        return checked(override, "KUBEMINT_BIN")
    if BUNDLED.is_file():
        return checked(str(BUNDLED), "the bundled binary")
    raise BinaryNotFoundError(
        f"no kubemint binary: {BUNDLED} does not exist (this kubemint package was not installed from "
        "a wheel) and KUBEMINT_BIN is not set; install the kubemint wheel for your platform or set "
        "KUBEMINT_BIN=/path/to/kubemint")


def checked(path: str, origin: str) -> str:
    """`path` if it is an executable file, else BinaryNotFoundError naming `origin`."""
    if not os.path.isfile(path):
        raise BinaryNotFoundError(f"{origin}: {path} is not a file")
    if not os.access(path, os.X_OK):
        raise BinaryNotFoundError(f"{origin}: {path} is not executable (chmod +x it)")
    return path

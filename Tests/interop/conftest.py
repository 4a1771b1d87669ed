"""Fixtures for the interop tests: the kubemint binary under test ($KUBEMINT), a private key store
per test, and a helper that mints a token and checks the CLI printed nothing but the token."""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

import pytest

from interop_helpers import in_ci, run, split_jws

REPO = Path(__file__).resolve().parents[2]
TESTDATA = REPO / "testdata" / "interop"


def kubemint_path() -> str:
    path = os.environ.get("KUBEMINT", "")
    if not path:
        raise pytest.UsageError(
            "KUBEMINT is not set: run the interop tests through scripts/test, or set "
            "KUBEMINT=$(swift build --show-bin-path)/kubemint")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise pytest.UsageError(f"KUBEMINT={path} is not an executable file")
    return path


def pytest_sessionstart(session):
    kubemint_path()  # fail the whole run at once, loudly, when the binary is missing


# Under CI=true a skipped test fails the run: a test that did not run proves nothing, and a client
# missing from the machine must be installed by .ci/run, not silently left out (interop_helpers.require
# fails at once with the install hint; this catches every other skip).
_SKIPPED: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):  # an xfail is reported as a skip; it ran
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _SKIPPED.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    if _SKIPPED and in_ci():
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _SKIPPED and in_ci():
        terminalreporter.section("skipped under CI=true: this fails the run", sep="!", red=True)
        for line in _SKIPPED:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def kubemint_bin() -> str:
    return kubemint_path()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """The cwd of every kubemint run, so a default ./keys store never lands in the repository."""
    d = tmp_path / "cwd"
    d.mkdir()
    return d


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """An empty key store directory of this test's own."""
    d = tmp_path / "keys"
    d.mkdir()
    return d


@pytest.fixture
def km(kubemint_bin, workdir):
    """km(*args, check=True, input=None) -> CompletedProcess of `kubemint args...`."""
    def _km(*args, check: bool = True, input=None, timeout: float = 120):
        return run([kubemint_bin, *args], check=check, input=input, cwd=workdir, timeout=timeout)
    return _km


@pytest.fixture
def mint(km):
    """mint(*args) -> token: `kubemint create token args...`, which must print the token only."""
    def _mint(*args) -> str:
        p = km("create", "token", *args)
        out = p.stdout
        token = out.strip()
        assert out in (token, token + "\n"), f"create token printed more than the token: {out!r}"
        split_jws(token)
        return token
    return _mint


@pytest.fixture(scope="session")
def samples() -> dict:
    import json
    return json.loads((TESTDATA / "real-apiserver-samples.json").read_text())

"""Run README recipes as a user would: shell text through bash in a private working directory, with the
kubemint under test and this venv's python3 first on PATH, and `kubemint serve` lines from the README
started in the background until they print their banner and answer /readyz.

The one change made to a README serve line is `--listen 127.0.0.1:0` appended, so parallel test runs
never fight over port 8443; everything else (keys/ and kubemint.kubeconfig in the working directory,
the flags) is the README's."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from interop_helpers import terminate

START_TIMEOUT = 30.0


@functools.cache
def _bin_dir(kubemint_bin: str) -> str:
    """A private directory where `kubemint` is the binary under test, whatever its file is called."""
    d = Path(tempfile.mkdtemp(prefix="kubemint-recipes-bin."))
    atexit.register(shutil.rmtree, d, True)
    (d / "kubemint").symlink_to(Path(kubemint_bin).resolve())
    return str(d)


def user_env(kubemint_bin: str, **extra: str) -> dict:
    """os.environ with `kubemint` (the binary under test) and this interpreter's python3 (PyJWT
    installed) first on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBECONFIG", "KUBEMINT_"))}
    path = [_bin_dir(kubemint_bin), str(Path(sys.executable).parent), env.get("PATH", "")]
    env["PATH"] = os.pathsep.join(path)
    env.update(extra)
    return env


def bash(script: str, cwd: Path, env: dict, *, check: bool = True, timeout: float = 120,
         stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run `script` with `bash -e -o pipefail`; on failure (if check) raise with its output."""
    p = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=cwd, env=env, text=True,
                       capture_output=True, timeout=timeout, input=stdin,
                       stdin=None if stdin is not None else subprocess.DEVNULL)
    if check and p.returncode != 0:
        raise AssertionError(f"bash exited {p.returncode}:\n--- script ---\n{script}\n"
                             f"--- stdout ---\n{p.stdout}\n--- stderr ---\n{p.stderr}")
    return p


@dataclass
class RunningServe:
    proc: subprocess.Popen
    log: Path
    printed: dict = field(default_factory=dict)   # banner lines: "issuer", "ca", "kubeconfig", ...

    @property
    def issuer(self) -> str:
        return self.printed["issuer"]

    @property
    def url(self) -> str:
        return self.printed["kubemint serving on"]

    @property
    def ca(self) -> str:
        return self.printed["ca"]

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        terminate(self.proc)


def parse_banner(text: str) -> dict:
    """The `key: value` lines `kubemint serve` prints on start (its first line keyed by its words)."""
    printed = {}
    for line in text.splitlines():
        if line.startswith("kubemint serving on "):
            printed["kubemint serving on"] = line.split()[-1]
            continue
        key, colon, value = line.partition(":")
        if colon and key in ("issuer", "discovery", "jwks", "kubeconfig", "ca", "kubelet", "auth"):
            printed[key] = value.strip()
    return printed


def serve(line: str, cwd: Path, env: dict) -> RunningServe:
    """Start a README `kubemint serve ...` line (plus `--listen 127.0.0.1:0`) in `cwd`; wait until it
    printed its banner and /readyz answers 200 over its CA."""
    line = line.strip()
    assert line.startswith("kubemint serve"), f"not a serve line: {line!r}"
    log = cwd / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(["bash", "-c", f"exec {line} --listen 127.0.0.1:0"], cwd=cwd, env=env,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = RunningServe(proc, log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"`{line}` exited with {proc.returncode}:\n{server.output()}")
        server.printed = parse_banner(server.output())
        if "auth" in server.printed:
            try:
                verify = server.ca if server.url.startswith("https") else True
                if requests.get(server.url + "/readyz", verify=verify, timeout=5).status_code == 200:
                    return server
            except requests.RequestException:
                pass
        time.sleep(0.05)
    server.stop()
    raise AssertionError(f"`{line}` not ready after {START_TIMEOUT}s:\n{server.output()}")

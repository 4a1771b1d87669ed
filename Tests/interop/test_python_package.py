"""Issue 15: the Python distribution. scripts/build-wheel.py packs the kubemint binary under test
($KUBEMINT) with python/kubemint/ into a wheel; the wheel installs with pip into a fresh venv (the
`kubemint` command runs the binary, pytest finds the plugin), and the plugin's fixtures, run by
pytest in a subprocess on a scratch project, drive the real server: PyJWT verifies a minted token
through discovery, bound tokens die with their pod, the clock expires tokens, defective tokens are
rejected, a server that cannot start says why, and no kubemint outlives pytest however it ends."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from kubemint_wheel import (PLATFORM_TAG, REPO, VERSION, build_wheel, plugin_env, pytest_argv, run_pytest,
                            unpack, wheel_path)


DIST_INFO = f"kubemint-{VERSION}.dist-info"


@pytest.fixture(scope="module")
def wheel(kubemint_bin, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build_wheel(kubemint_bin, out)
    path = wheel_path(out)
    assert path.is_file(), f"build-wheel.py did not write {path.name}: {sorted(os.listdir(out))}"
    return path


@pytest.fixture(scope="module")
def site(wheel, tmp_path_factory) -> Path:
    return unpack(wheel, tmp_path_factory.mktemp("site"))


@pytest.fixture
def project(tmp_path) -> Path:
    d = tmp_path / "project"
    d.mkdir()
    return d


def junit_outcomes(xml_path: Path) -> dict:
    """test name -> passed / failed / error / skipped, from pytest's --junitxml."""
    outcomes = {}
    for case in ET.parse(xml_path).getroot().iter("testcase"):
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed"}.get(child.tag, child.tag)
        outcomes[case.get("name")] = outcome
    return outcomes


# --- the wheel ----------------------------------------------------------------------------------------

def test_wheel_has_the_files_metadata_and_hashes_pip_needs(wheel, kubemint_bin):
    with zipfile.ZipFile(wheel) as z:
        names = [i.filename for i in z.infolist()]
        files = {i.filename: z.read(i) for i in z.infolist()}
        infos = {i.filename: i for i in z.infolist()}
    assert names[-1] == f"{DIST_INFO}/RECORD", "RECORD is the last entry"
    assert names[:-1] == sorted(names[:-1], key=lambda n: (n.startswith(DIST_INFO), n)), "entries sorted"
    assert {n for n in names if not n.startswith(DIST_INFO)} >= {
        "kubemint/__init__.py", "kubemint/__main__.py", "kubemint/pytest_plugin.py", "kubemint/py.typed",
        "kubemint/_version.py", "kubemint/_bin/kubemint"}
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]

    assert files["kubemint/_bin/kubemint"] == Path(kubemint_bin).read_bytes()
    assert (infos["kubemint/_bin/kubemint"].external_attr >> 16) == 0o100755
    assert (infos["kubemint/__init__.py"].external_attr >> 16) == 0o100644
    assert {i.date_time for i in infos.values()} == {(1980, 1, 1, 0, 0, 0)}
    assert f'__version__ = "{VERSION}"' in files["kubemint/_version.py"].decode()

    meta = files[f"{DIST_INFO}/METADATA"].decode()
    headers, _, description = meta.partition("\n\n")
    fields = [tuple(line.split(": ", 1)) for line in headers.splitlines()]
    assert ("Metadata-Version", "2.1") in fields and ("Name", "kubemint") in fields
    assert ("Version", VERSION) in fields and ("License", "Apache-2.0") in fields
    assert ("Requires-Python", ">=3.9") in fields and any(k == "Summary" and v for k, v in fields)
    assert description == (REPO / "python" / "README.md").read_text()
    wheel_meta = files[f"{DIST_INFO}/WHEEL"].decode().splitlines()
    assert "Root-Is-Purelib: false" in wheel_meta and f"Tag: py3-none-{PLATFORM_TAG}" in wheel_meta
    entry_points = files[f"{DIST_INFO}/entry_points.txt"].decode()
    assert "[console_scripts]\nkubemint = kubemint.__main__:main\n" in entry_points
    assert "[pytest11]\nkubemint = kubemint.pytest_plugin\n" in entry_points

    rows = [line.split(",") for line in files[f"{DIST_INFO}/RECORD"].decode().splitlines()]
    assert sorted(r[0] for r in rows) == sorted(names)
    for name, digest, size in rows:
        if name == f"{DIST_INFO}/RECORD":
            assert (digest, size) == ("", "")
            continue
        want = base64.urlsafe_b64encode(hashlib.sha256(files[name]).digest()).rstrip(b"=").decode()
        assert (digest, int(size)) == (f"sha256={want}", len(files[name])), name


def test_wheel_build_is_deterministic(wheel, kubemint_bin, tmp_path):
    build_wheel(kubemint_bin, tmp_path)
    assert wheel_path(tmp_path).read_bytes() == wheel.read_bytes()


@pytest.mark.parametrize("version", ["v0.1.0", "0.1.0-dev", "0.1.0.dev57+G36455A8", "01.0", ""])
def test_wheel_builder_refuses_a_version_that_is_not_pep_440(kubemint_bin, tmp_path, version):
    p = build_wheel(kubemint_bin, tmp_path, version=version, check=False)
    assert p.returncode == 2
    assert f"--version {version!r} is not a normalised PEP 440 version" in p.stderr
    assert not list(tmp_path.iterdir())


def test_wheel_builder_refuses_a_binary_that_is_not_an_executable(tmp_path):
    script = tmp_path / "kubemint"
    script.write_text("#!/bin/sh\n")
    p = build_wheel(str(script), tmp_path / "out", check=False)
    assert p.returncode == 2 and "not an ELF executable" in p.stderr, p.stderr


# --- pip install ----------------------------------------------------------------------------------------

def test_pip_installs_the_wheel_and_the_kubemint_command_is_the_binary(wheel, kubemint_bin, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = str(venv / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBEMINT", "PYTHON"))}
    pip = subprocess.run([py, "-m", "pip", "install", "--no-index", "--no-deps", "--disable-pip-version-check",
                          str(wheel)], capture_output=True, text=True, timeout=300, env=env)
    assert pip.returncode == 0, pip.stdout + pip.stderr

    expected = subprocess.run([kubemint_bin, "version"], capture_output=True, text=True, timeout=60)
    assert expected.returncode == 0 and expected.stdout
    for command in ([str(venv / "bin" / "kubemint"), "version"], [py, "-m", "kubemint", "version"]):
        got = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
        assert (got.returncode, got.stdout) == (0, expected.stdout), got.stderr
    # Exit codes and stderr are the binary's own (the wrapper execs it).
    bad = subprocess.run([kubemint_bin, "no-such-command"], capture_output=True, text=True, timeout=60)
    got = subprocess.run([str(venv / "bin" / "kubemint"), "no-such-command"], capture_output=True, text=True,
                         timeout=60, env=env)
    assert bad.returncode != 0 and (got.returncode, got.stderr) == (bad.returncode, bad.stderr)

    probe = textwrap.dedent("""
        import json, os, importlib.metadata as md, kubemint
        eps = md.entry_points()
        group = eps.select(group="pytest11") if hasattr(eps, "select") else eps.get("pytest11", [])
        path = kubemint.binary_path()
        print(json.dumps({"version": kubemint.__version__, "dist": md.version("kubemint"),
                          "pytest11": {e.name: e.value for e in group}, "binary": path,
                          "executable": os.access(path, os.X_OK)}))
    """)
    out = json.loads(subprocess.run([py, "-c", probe], capture_output=True, text=True, timeout=60, env=env,
                                    check=True).stdout)
    assert out["version"] == out["dist"] == VERSION
    assert out["pytest11"] == {"kubemint": "kubemint.pytest_plugin"}
    assert out["binary"].endswith("/site-packages/kubemint/_bin/kubemint") and out["executable"]

    # pytest finds the installed plugin by its entry point (this venv's pytest; the fresh venv has none,
    # offline): a test using the fixture passes with the pip-installed binary.
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_installed.py").write_text(
        "def test_it(kubemint):\n"
        "    assert '/site-packages/kubemint/_bin/kubemint' in open(f'/proc/{kubemint.pid}/cmdline').read()\n"
        "    assert kubemint.review(kubemint.mint('default'))['authenticated'] is True\n")
    site_packages = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True, env=env).stdout.strip()
    p = run_pytest(project, plugin_env(Path(site_packages)), "test_installed.py")
    assert p.returncode == 0 and "1 passed" in p.stdout, p.stdout + p.stderr

    # KUBEMINT_BIN wins over the bundled binary, and a wrong one is a clear error.
    env_bad = dict(env, KUBEMINT_BIN=str(tmp_path / "missing"))
    got = subprocess.run([str(venv / "bin" / "kubemint"), "version"], capture_output=True, text=True,
                         timeout=60, env=env_bad)
    assert got.returncode == 127
    assert got.stderr == f"kubemint: KUBEMINT_BIN: {tmp_path / 'missing'} is not a file\n"


# --- the plugin's fixtures against the real server --------------------------------------------------

FIXTURE_SAMPLES = '''
import datetime as dt
import socket
import ssl
import urllib.error
import urllib.request

import jwt
import pytest

from kubemint import KubemintAPIError

INVALIDATED = "[invalid bearer token, service account token has been invalidated]"
EXPIRED = "[invalid bearer token, service account token has expired]"


def verify(server, token, audience):
    tls = ssl.create_default_context(cafile=server.ca_path)
    with urllib.request.urlopen(server.issuer + "/.well-known/openid-configuration", context=tls) as r:
        import json
        disc = json.load(r)
    key = jwt.PyJWKClient(disc["jwks_uri"], ssl_context=tls).get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=disc["id_token_signing_alg_values_supported"],
                      audience=audience, issuer=server.issuer)


def test_pyjwt_verifies_a_minted_token_by_discovery(kubemint):
    assert kubemint.url.startswith("https://127.0.0.1:") and kubemint.issuer == kubemint.url
    assert open(kubemint.ca_path).read().startswith("-----BEGIN CERTIFICATE-----")
    assert "token:" in open(kubemint.kubeconfig_path).read()
    kubemint.create_namespace("team-a")
    kubemint.create_service_account("web", namespace="team-a")
    token = kubemint.mint("web", namespace="team-a", audiences=["my-service"], duration=3600)
    claims = verify(kubemint, token, "my-service")
    assert claims["sub"] == "system:serviceaccount:team-a:web"
    assert claims["exp"] - claims["iat"] == 3600
    status = kubemint.review(token, audiences=["my-service"])
    assert status["authenticated"] is True and status["user"]["username"] == claims["sub"]


def test_a_pod_bound_token_dies_with_its_pod(kubemint):
    kubemint.create_pod("web-0", service_account="default", node_name="node-1")
    token = kubemint.mint("default", audiences="vault", bound_pod="web-0")
    assert verify(kubemint, token, "vault")["kubernetes.io"]["pod"]["name"] == "web-0"
    assert kubemint.review(token, audiences=["vault"])["authenticated"] is True
    kubemint.delete_pod("web-0")
    assert kubemint.review(token, audiences=["vault"]) == {"user": {}, "error": INVALIDATED}


def test_defective_tokens_are_rejected(kubemint):
    for kind in ("expired", "bad-signature", "alg-none", "unknown-key", "wrong-issuer"):
        token = kubemint.defective_token(kind, audiences=["my-service"])
        status = kubemint.review(token, audiences=["my-service"])
        assert status.get("authenticated") is not True and "invalid bearer token" in status["error"], (kind, status)
        with pytest.raises(jwt.PyJWTError):
            verify(kubemint, token, "my-service")
    with pytest.raises(KubemintAPIError, match="unknown defect"):
        kubemint.defective_token("no-such-defect")


def test_rotated_key_signs_and_is_served(kubemint):
    new = kubemint.rotate_keys(type="ec")
    assert new["alg"] == "ES256"
    token = kubemint.mint("default", audiences=["my-service"])
    assert jwt.get_unverified_header(token)["kid"] == new["kid"]
    assert verify(kubemint, token, "my-service")["sub"] == "system:serviceaccount:default:default"
    assert [k["kid"] for k in kubemint.keys() if k["signing"]] == [new["kid"]]


def test_api_errors_carry_the_status_message(kubemint):
    with pytest.raises(KubemintAPIError) as err:
        kubemint.mint("nope")
    assert (err.value.code, err.value.reason, err.value.message) == (404, "NotFound", 'serviceaccounts "nope" not found')
    assert 'serviceaccounts "nope" not found' in str(err.value)


def test_factory_fixed_clock_expires_a_token(kubemint_factory):
    server = kubemint_factory(clock="2025-01-01T00:00:00Z")
    assert server.clock.now() == dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    token = server.mint("default", duration=600)
    assert server.review(token)["authenticated"] is True
    server.clock.advance("10m")
    assert server.review(token)["authenticated"] is True  # the apiserver's 60 s of leeway
    server.clock.advance(61)
    assert server.review(token) == {"user": {}, "error": EXPIRED}
    server.clock.set(dt.datetime(2025, 1, 1, 0, 5, tzinfo=dt.timezone.utc))
    assert server.review(token)["authenticated"] is True
    assert server.clock.status()["mode"] == "fixed"
    assert server.clock.real()["mode"] == "real"
    assert abs(server.clock.now() - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)


def test_factory_token_auth_plain_http_and_issuer(kubemint_factory):
    server = kubemint_factory(tls=False, auth="token", issuer="https://oidc.example.com/cluster-1")
    assert server.url.startswith("http://127.0.0.1:") and server.ca_path is None
    assert server.issuer == "https://oidc.example.com/cluster-1"
    with pytest.raises(urllib.error.HTTPError) as denied:
        urllib.request.urlopen(server.url + "/api/v1/namespaces")
    assert denied.value.code == 401
    token = server.mint("default")  # the helpers send the kubeconfig's admin token
    assert jwt.decode(token, options={"verify_signature": False})["iss"] == server.issuer


def test_factory_servers_are_separate(kubemint, kubemint_factory):
    one, two = kubemint_factory(), kubemint_factory()
    assert len({kubemint.url, one.url, two.url}) == 3
    one.create_namespace("only-in-one")
    with pytest.raises(KubemintAPIError, match='namespaces "only-in-one" not found'):
        two.request("GET", "/api/v1/namespaces/only-in-one")


def test_factory_start_failure_shows_the_server_error(kubemint_factory):
    with pytest.raises(pytest.fail.Exception) as bad_flag:
        kubemint_factory(extra_args=["--no-such-flag"])
    assert "kubemint serve exited with" in str(bad_flag.value)
    assert "--no-such-flag" in str(bad_flag.value).split("--- kubemint serve output ---")[1]
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    with pytest.raises(pytest.fail.Exception) as in_use:
        kubemint_factory(listen=f"127.0.0.1:{port}")
    busy.close()
    log = str(in_use.value).split("--- kubemint serve output ---")[1]
    assert "already in use" in log and f"127.0.0.1:{port}" in log, log
'''

FIXTURE_SAMPLE_NAMES = re.findall(r"^def (test_\w+)", FIXTURE_SAMPLES, re.M)


def test_plugin_fixtures_drive_the_real_server(site, project):
    (project / "test_samples.py").write_text(FIXTURE_SAMPLES)
    junit = project / "junit.xml"
    p = run_pytest(project, plugin_env(site), f"--junitxml={junit}", "test_samples.py")
    output = p.stdout + p.stderr
    assert junit.is_file(), output
    outcomes = junit_outcomes(junit)
    assert outcomes == {name: "passed" for name in FIXTURE_SAMPLE_NAMES}, output
    assert p.returncode == 0, output


def test_a_server_that_cannot_start_fails_the_session_fixture_with_its_error(site, project, kubemint_bin):
    # A "binary" that runs the real one with a --clock it refuses: the server's own error must show.
    wrapper = project / "kubemint-bad-clock"
    wrapper.write_text(f'#!/bin/sh\nexec {kubemint_bin} "$@" --clock bogus-clock\n')
    wrapper.chmod(0o755)
    (project / "test_bad.py").write_text("def test_needs_a_server(kubemint):\n    pass\n")
    p = run_pytest(project, plugin_env(site), "test_bad.py", "--kubemint-binary", str(wrapper))
    assert p.returncode == 1, p.stdout + p.stderr
    assert "1 error" in p.stdout.splitlines()[-1], p.stdout
    assert "kubemint serve exited with" in p.stdout and "--- kubemint serve output ---" in p.stdout, p.stdout
    server_error = p.stdout.split("--- kubemint serve output ---", 1)[1]
    assert "bogus-clock" in server_error, p.stdout


def test_kubemint_binary_option_that_names_no_file_is_a_clear_error(site, project):
    (project / "test_bad.py").write_text("def test_needs_a_server(kubemint):\n    pass\n")
    p = run_pytest(project, plugin_env(site), "test_bad.py", "--kubemint-binary", str(project / "nowhere"))
    assert p.returncode == 1, p.stdout + p.stderr
    assert f"kubemint: --kubemint-binary: {project / 'nowhere'} is not a file" in p.stdout


def test_the_source_tree_package_runs_kubemint_bin(kubemint_bin, project):
    """From a checkout (python/ on PYTHONPATH, no bundled binary) KUBEMINT_BIN names the binary."""
    (project / "test_src.py").write_text(
        "import kubemint\n\ndef test_it(kubemint):\n"
        "    assert kubemint.review(kubemint.mint('default'))['authenticated'] is True\n")
    source = REPO / "python"
    p = run_pytest(project, plugin_env(source, KUBEMINT_BIN=kubemint_bin), "test_src.py", by_entry_point=False)
    assert p.returncode == 0, p.stdout + p.stderr
    p = run_pytest(project, plugin_env(source), "test_src.py", by_entry_point=False)
    assert p.returncode == 1 and "no kubemint binary" in p.stdout, p.stdout + p.stderr


# --- no orphan, however pytest ends -----------------------------------------------------------------

ORPHAN_SAMPLE = '''
import os
import time


def test_sample(kubemint):
    with open(f"/proc/{kubemint.pid}/cmdline", "rb") as f:
        cmdline = f.read().replace(b"\\0", b" ").decode()
    out = os.environ["SAMPLE_PID_FILE"]
    with open(out + ".tmp", "w") as f:
        f.write(f"{kubemint.pid}\\n{cmdline}\\n")
    os.replace(out + ".tmp", out)
    mode = os.environ["SAMPLE_MODE"]
    if mode == "fail":
        assert False, "failing on purpose"
    if mode == "hang":
        time.sleep(300)
'''


def process_gone(pid: int, timeout: float = 5.0) -> bool:
    """True once `pid` is no kubemint serve any more: no /proc entry, a zombie (its parent died and
    nobody has reaped it yet), or another program (the pid was reused)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, IndexError):
            return True
        if state in ("Z", "X") or b"serve" not in cmdline:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def wait_for_file(path: Path, proc: subprocess.Popen, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if not path.exists():
        proc.kill()
        out, err = proc.communicate(timeout=30)
        raise AssertionError(f"the sample test never wrote {path.name} (pytest exit {proc.returncode}):\n{out}{err}")
    return path.read_text()


@pytest.mark.parametrize("ending, mode, signum, exit_code", [
    ("passes", "pass", None, 0),
    ("fails", "fail", None, 1),
    ("gets SIGINT (Ctrl-C)", "hang", signal.SIGINT, 2),
    ("gets SIGTERM", "hang", signal.SIGTERM, -signal.SIGTERM),
    ("is SIGKILLed", "hang", signal.SIGKILL, -signal.SIGKILL),
])
def test_no_kubemint_outlives_pytest(site, project, ending, mode, signum, exit_code):
    (project / "test_orphan.py").write_text(ORPHAN_SAMPLE)
    pid_file = project / "kubemint.pid"
    env = plugin_env(site, SAMPLE_PID_FILE=str(pid_file), SAMPLE_MODE=mode)
    # SIGINT as a terminal sends it: pytest must not inherit an ignored SIGINT (a background job's).
    proc = subprocess.Popen(pytest_argv(project, "test_orphan.py"), cwd=project, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    pid = None
    try:
        written = wait_for_file(pid_file, proc)
        pid_text, cmdline = written.splitlines()[:2]
        pid = int(pid_text)
        assert "kubemint" in cmdline and " serve " in cmdline, cmdline
        if signum is not None:
            assert not process_gone(pid, timeout=0), "the server died before pytest was signalled"
            time.sleep(0.3)  # well inside time.sleep(300)
            proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == exit_code, f"pytest {ending}: exit {proc.returncode}\n{out}{err}"
        assert process_gone(pid), f"kubemint serve (pid {pid}) still runs after pytest {ending}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if pid is not None and not process_gone(pid, timeout=0):
            os.kill(pid, signal.SIGKILL)


def test_atexit_stops_a_server_started_from_plain_python(site, tmp_path):
    """The library without pytest and without the parent-death signal: atexit stops what is left."""
    script = ("import kubemint, sys\n"
              f"s = kubemint.KubemintServer.start({str(tmp_path / 'home')!r}, die_with_parent=False)\n"
              "print(s.pid, flush=True)\n")
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                       env=plugin_env(site), stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr
    pid = int(p.stdout.split()[0])
    gone = process_gone(pid)
    if not gone:
        os.kill(pid, signal.SIGKILL)
    assert gone, "the server outlived the Python process that started it"

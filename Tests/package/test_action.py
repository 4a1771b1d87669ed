"""The kubemint GitHub Action (action.yml) and the release workflow (.github/workflows/release.yml),
run here: the action's main and post steps as a runner runs them (github_runner.py), against release
files in $KUBEMINT_DIST (the dist/ of scripts/package: kubemint-VERSION-linux-ARCH.tar.gz and its
.sha256), fetched by the action's real download code (curl) through a file:// URL.

    KUBEMINT_DIST=dist python -m pytest Tests/package/test_action.py

What is not run: the action on GitHub itself, and the release workflow at all (it needs GitHub's
runners); release.yml is only parsed and checked for its wiring."""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import sys
import ssl
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import jwt
import pytest
import yaml

from github_runner import ACTION, REPO, Runner

START = REPO / ".github" / "actions" / "kubemint" / "start.sh"
RELEASE = REPO / ".github" / "workflows" / "release.yml"


# --- the release files under test ---------------------------------------------------------------------

def dist_dir() -> Path:
    value = os.environ.get("KUBEMINT_DIST", "")
    if not value:
        pytest.fail("KUBEMINT_DIST is not set: set it to a dist/ directory made by scripts/package "
                    "(kubemint-VERSION-linux-ARCH.tar.gz and its .sha256)", pytrace=False)
    d = Path(value).resolve()
    if not d.is_dir():
        pytest.fail(f"KUBEMINT_DIST={value} is not a directory", pytrace=False)
    return d


@pytest.fixture(scope="session")
def release() -> dict:
    """This machine's tarball in $KUBEMINT_DIST: its version, arch and file names."""
    d = dist_dir()
    arch = platform.machine()
    found = sorted(d.glob(f"kubemint-*-linux-{arch}.tar.gz"))
    if len(found) != 1:
        pytest.fail(f"expected one kubemint-VERSION-linux-{arch}.tar.gz in {d}, found "
                    f"{[p.name for p in found] or 'none'}: run scripts/package", pytrace=False)
    tarball = found[0]
    version = re.fullmatch(rf"kubemint-(.+)-linux-{arch}\.tar\.gz", tarball.name).group(1)
    if not (d / (tarball.name + ".sha256")).is_file():
        pytest.fail(f"{tarball.name}.sha256 is missing from {d}", pytrace=False)
    return {"dir": d, "version": version, "arch": arch, "tarball": tarball.name}


def started(runner: Runner) -> int:
    return int(runner.state()["pid"])


def gone(pid: int, timeout: float = 10) -> bool:
    """True once pid has exited (a zombie nobody reaped yet counts: it serves nothing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def job(tmp_path, release):
    """make(**kw) -> Runner for the release in $KUBEMINT_DIST, used at its release tag. After the test,
    a server a failed test left running is stopped through the post step (and only that way)."""
    runners = []

    def make(**kw) -> Runner:
        kw.setdefault("download_base", release["dir"].as_uri())
        kw.setdefault("action_ref", "v" + release["version"])
        r = Runner(tmp_path / f"job{len(runners)}", **kw)
        runners.append(r)
        return r

    yield make
    for r in runners:
        if "pid" in r.state() and not gone(started(r), timeout=0):
            r.post()


def verify(token: str, issuer: str, ca: str, audience: str, discovery_base: str | None = None) -> dict:
    """A relying party with PyJWT: discovery, then the JWKS it names, over the exported CA."""
    tls = ssl.create_default_context(cafile=ca) if ca else None
    with urllib.request.urlopen((discovery_base or issuer) + "/.well-known/openid-configuration", context=tls) as r:
        disc = json.load(r)
    assert disc["issuer"] == issuer
    jwks_uri = disc["jwks_uri"]
    key = jwt.PyJWKClient(jwks_uri, ssl_context=tls).get_signing_key_from_jwt(token) if tls else \
        jwt.PyJWKClient(jwks_uri).get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=disc["id_token_signing_alg_values_supported"],
                      audience=audience, issuer=issuer)


EXPORTED = {"KUBEMINT_ISSUER", "KUBEMINT_CA", "KUBEMINT_KUBECONFIG", "KUBEMINT_URL"}


# --- action.yml's wiring --------------------------------------------------------------------------------

def test_action_yml_declares_what_the_scripts_use():
    assert set(ACTION["inputs"]) == {"version", "tls", "issuer", "clock", "manifests", "auth", "args"}
    read = set(re.findall(r"INPUT_([A-Z_]+)", START.read_text()))
    assert read == {n.upper() for n in ACTION["inputs"]}, "start.sh reads other inputs than action.yml declares"
    written = set(re.findall(r"printf '((?:\w+=%s\\n)+)' .*>>\"\$GITHUB_OUTPUT\"", START.read_text())[0]
                  .replace("=%s\\n", " ").split())
    assert written == set(ACTION["outputs"])
    assert ACTION["inputs"]["tls"]["default"] == "true" and ACTION["inputs"]["auth"]["default"] == "none"
    assert all(spec.get("description") for spec in [*ACTION["inputs"].values(), *ACTION["outputs"].values()])
    runs = ACTION["runs"]
    assert runs["using"] == "node24"  # node20 was removed from GitHub's runners in September 2026
    assert runs["post-if"] == "always()"
    for script in (runs["main"], runs["post"]):
        assert (REPO / script).is_file(), script


def test_release_workflow_packages_tests_and_uploads_dist():
    wf = yaml.safe_load(RELEASE.read_text())
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads the key `on` as true
    assert on == {"push": {"tags": ["v*"]}}
    jobs = wf["jobs"]
    runs = lambda job: "\n".join(s.get("run", "") for s in jobs[job]["steps"])  # noqa: E731
    build = jobs["build"]
    assert {(m["arch"], m["runner"]) for m in build["strategy"]["matrix"]["include"]} == \
        {("x86_64", "ubuntu-24.04"), ("aarch64", "ubuntu-24.04-arm")}
    assert build["container"] == "swift:6.3-bookworm"  # Debian 12: the glibc 2.36 floor
    assert re.search(r"^scripts/package$", runs("build"), re.M)
    assert any(s.get("with", {}).get("path") == "dist/" for s in build["steps"] if "upload-artifact" in s.get("uses", ""))
    assert "sudo scripts/package-test" in runs("package-test")
    assert jobs["package-test"]["needs"] == "build"
    assert jobs["release"]["needs"] == "package-test"
    assert jobs["release"]["permissions"] == {"contents": "write"}
    assert re.search(r'gh release upload "\$GITHUB_REF_NAME" dist/\*', runs("release"))
    assert jobs["pypi"]["if"] == "vars.PUBLISH_PYPI == 'true'"


# --- the action, run ------------------------------------------------------------------------------------

def test_start_mint_verify_stop(job, release):
    runner = job()
    main = runner.main().check()
    assert f"sha256 verified: " in main.stdout
    assert set(main.outputs) == set(ACTION["outputs"])
    exported = runner.exported()
    assert set(exported) == EXPORTED
    assert exported == {"KUBEMINT_" + k.upper(): v for k, v in main.outputs.items()}
    assert exported["KUBEMINT_ISSUER"].startswith("https://127.0.0.1:")
    assert exported["KUBEMINT_URL"] == exported["KUBEMINT_ISSUER"]
    assert Path(exported["KUBEMINT_CA"]).is_file() and Path(exported["KUBEMINT_KUBECONFIG"]).is_file()
    assert Path(exported["KUBEMINT_CA"]).is_relative_to(runner.temp)
    assert Path(exported["KUBEMINT_KUBECONFIG"]).is_relative_to(runner.temp)

    # A later step: kubemint is on PATH (from $GITHUB_PATH) and is the release's.
    shown = runner.run("command -v kubemint; kubemint --version").stdout
    assert shown.splitlines()[0].endswith(f"kubemint-{release['version']}-linux-{release['arch']}/kubemint")
    assert release["version"] in shown
    token = runner.run('kubemint create token default --audience x --kubeconfig "$KUBEMINT_KUBECONFIG"').stdout.strip()
    claims = verify(token, exported["KUBEMINT_ISSUER"], exported["KUBEMINT_CA"], "x")
    assert claims["sub"] == "system:serviceaccount:default:default"

    pid = started(runner)
    post = runner.post().check()
    assert f"stopped kubemint (pid {pid})" in post.stdout
    assert "ignored SIGTERM" not in post.stdout  # it shut down cleanly, not by the SIGKILL fallback
    assert gone(pid), "the post step did not stop kubemint"
    assert "::group::kubemint serve log" in post.stdout
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(exported["KUBEMINT_URL"] + "/readyz", timeout=5,
                               context=ssl.create_default_context(cafile=exported["KUBEMINT_CA"]))


def test_explicit_version_input_and_no_release_tag(job, release):
    # At a branch, the version must be given; v-prefixed or not.
    runner = job(action_ref="main")
    failed = runner.main()
    assert failed.returncode == 1
    assert "input 'version' is required when the action is not used at a release tag (its ref is 'main')" in failed.stderr
    assert runner.state() == {} and runner.exported() == {}
    assert "nothing to stop" in runner.post().check().stdout

    runner = job(action_ref="main")
    runner.main(version="v" + release["version"]).check()
    pid = started(runner)
    runner.post().check()
    assert gone(pid)


def test_corrupted_tarball_is_refused(job, release, tmp_path):
    bad = tmp_path / "bad-dist"
    bad.mkdir()
    for name in (release["tarball"], release["tarball"] + ".sha256"):
        shutil.copy(release["dir"] / name, bad)
    data = bytearray((bad / release["tarball"]).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (bad / release["tarball"]).write_bytes(bytes(data))
    runner = job(download_base=bad.as_uri())
    failed = runner.main()
    assert failed.returncode == 1
    assert re.search(rf"kubemint action: error: sha256 mismatch for {re.escape(release['tarball'])}: "
                     rf"{re.escape(release['tarball'])}\.sha256 says [0-9a-f]{{64}}, the download is "
                     r"[0-9a-f]{64}; refusing to install it", failed.stderr), failed.stderr
    assert "::error title=kubemint action::sha256 mismatch" in failed.stdout
    # Nothing installed, nothing started, nothing exported.
    assert runner.path_file.read_text() == "" and runner.exported() == {} and runner.state() == {}
    assert not list(runner.temp.glob("kubemint.*/kubemint-*"))


def test_missing_checksum_is_refused(job, release, tmp_path):
    bare = tmp_path / "bare-dist"
    bare.mkdir()
    shutil.copy(release["dir"] / release["tarball"], bare)
    failed = job(download_base=bare.as_uri()).main()
    assert failed.returncode == 1
    assert f"could not download {bare.as_uri()}/{release['tarball']}.sha256" in failed.stderr


def test_default_download_url_is_the_action_repositorys_release(job, release):
    # No network here: a proxy that refuses makes curl fail at once, naming the URL it tried.
    runner = job(download_base=None, extra_env={"https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"})
    failed = runner.main()
    assert failed.returncode == 1
    url = (f"https://github.com/example/kubemint/releases/download/v{release['version']}/"
           f"kubemint-{release['version']}-linux-{release['arch']}.tar.gz")
    assert f"kubemint action: downloading {url}" in failed.stdout
    assert f"could not download {url}" in failed.stderr


def test_unsupported_runner_arch_is_refused(job):
    failed = job(arch="ARM").main()
    assert failed.returncode == 1
    assert "RUNNER_ARCH is 'ARM': kubemint releases exist for linux X64 (x86_64) and ARM64 (aarch64) only" in failed.stderr


def test_clock_input_fixes_the_clock(job):
    runner = job()
    runner.main(clock="2030-01-02T03:04:05Z").check()
    exported = runner.exported()
    fixed = int(datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc).timestamp())
    for _ in range(2):  # a fixed clock does not move between two tokens
        token = runner.run('kubemint create token default --audience x --duration 1h --kubeconfig "$KUBEMINT_KUBECONFIG"').stdout.strip()
        claims = jwt.decode(token, options={"verify_signature": False})
        assert (claims["iat"], claims["exp"]) == (fixed, fixed + 3600)
        time.sleep(1.1)
    runner.post().check()


def test_auth_token_input(job):
    runner = job()
    main = runner.main(auth="token").check()
    assert "auth:       token" in main.stdout
    exported = runner.exported()
    tls = ssl.create_default_context(cafile=exported["KUBEMINT_CA"])
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(exported["KUBEMINT_URL"] + "/api/v1/namespaces", context=tls, timeout=5)
    assert anonymous.value.code == 401
    # The kubeconfig carries the bearer token: kubemint (and kubectl) get in with it.
    token = runner.run('kubemint create token default --audience x --kubeconfig "$KUBEMINT_KUBECONFIG"').stdout.strip()
    assert verify(token, exported["KUBEMINT_ISSUER"], exported["KUBEMINT_CA"], "x")["aud"] == ["x"]
    runner.post().check()


def test_tls_false_issuer_manifests_and_args(job):
    runner = job()
    (runner.workspace / "ci").mkdir()
    (runner.workspace / "ci" / "sa.yaml").write_text(
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: ci}\n---\n"
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: deployer, namespace: ci}\n")
    (runner.workspace / "more.yaml").write_text(
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: other, namespace: default}\n")
    main = runner.main(tls="false", issuer="https://issuer.example.test", manifests="ci/sa.yaml\nmore.yaml",
                       args="--max-token-expiration 1h  --seed 7").check()
    exported = runner.exported()
    assert exported["KUBEMINT_CA"] == "" and main.outputs["ca"] == ""
    assert exported["KUBEMINT_ISSUER"] == "https://issuer.example.test"
    assert exported["KUBEMINT_URL"].startswith("http://127.0.0.1:")
    token = runner.run('kubemint create token deployer -n ci --audience x --duration 48h '
                       '--kubeconfig "$KUBEMINT_KUBECONFIG"').stdout.strip()
    claims = verify(token, "https://issuer.example.test", "", "x", discovery_base=exported["KUBEMINT_URL"])
    assert claims["sub"] == "system:serviceaccount:ci:deployer"
    assert claims["exp"] - claims["iat"] == 3600  # --max-token-expiration 1h from `args`
    runner.run('kubemint create token other --audience x --kubeconfig "$KUBEMINT_KUBECONFIG"')
    runner.post().check()


def test_bad_inputs_are_refused_before_anything_runs(job):
    for inputs, message in [
        ({"tls": "yes"}, "input 'tls' is 'yes': expected true or false"),
        ({"auth": "basic"}, "input 'auth' is 'basic': expected none or token"),
        ({"version": "latest"}, "input 'version' is 'latest': expected a release version like 0.1.0"),
        ({"manifests": "missing.yaml"}, "input 'manifests': "),
    ]:
        runner = job()
        failed = runner.main(**inputs)
        assert failed.returncode == 1 and message in failed.stderr, (inputs, failed.stderr)
        assert runner.state() == {} and runner.exported() == {}


def test_server_that_cannot_start_is_reported_and_post_still_copes(job):
    runner = job()
    failed = runner.main(clock="not-a-time")
    assert failed.returncode == 1
    assert "kubemint serve exited before it was ready" in failed.stderr
    assert "not-a-time" in failed.stderr  # kubemint's own complaint, from its log
    assert "had already exited" in runner.post().check().stdout


def collect_step(tmp_path: Path, files: dict) -> "subprocess.CompletedProcess":
    """Run release.yml's "Collect dist/" step on artifacts/dist-ARCH/NAME = content."""
    import subprocess
    wf = yaml.safe_load(RELEASE.read_text())
    step = next(s for s in wf["jobs"]["release"]["steps"] if s.get("name") == "Collect dist/")
    for rel, content in files.items():
        (tmp_path / "artifacts" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "artifacts" / rel).write_text(content)
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=tmp_path, text=True,
                          capture_output=True, timeout=60)


def test_release_collects_both_builds_into_one_dist(tmp_path):
    import hashlib
    sha = lambda text: hashlib.sha256(text.encode()).hexdigest()  # noqa: E731
    files = {}
    for arch in ("x86_64", "aarch64"):
        tarball, wheel = f"kubemint-0.1.0-linux-{arch}.tar.gz", f"kubemint-0.1.0-py3-none-any-{arch}.whl"
        files[f"dist-{arch}/{tarball}"] = f"tar {arch}"
        files[f"dist-{arch}/{tarball}.sha256"] = f"{sha('tar ' + arch)}  {tarball}\n"
        files[f"dist-{arch}/{wheel}"] = f"wheel {arch}"
        files[f"dist-{arch}/same.txt"] = "identical in both"
        files[f"dist-{arch}/build-info.json"] = f'{{"arch": "{arch}"}}'
        files[f"dist-{arch}/SHA256SUMS"] = f"{sha('tar ' + arch)}  {tarball}\n{sha('wheel ' + arch)}  {wheel}\n"
    p = collect_step(tmp_path / "ok", files)
    assert p.returncode == 0, p.stdout + p.stderr
    dist = tmp_path / "ok" / "dist"
    assert sorted(f.name for f in dist.iterdir()) == sorted(
        ["SHA256SUMS", "build-info-aarch64.json", "build-info-x86_64.json", "same.txt"]
        + [n.split("/")[1] for n in files if not n.endswith(("SHA256SUMS", "build-info.json", "same.txt"))])
    assert len((dist / "SHA256SUMS").read_text().splitlines()) == 4

    files["dist-aarch64/same.txt"] = "not identical"
    p = collect_step(tmp_path / "bad", files)
    assert p.returncode == 1 and "::error::same.txt differs between the builds" in p.stdout

    files["dist-aarch64/same.txt"] = "identical in both"
    files["dist-aarch64/kubemint-0.1.0-linux-aarch64.tar.gz"] = "tampered"
    p = collect_step(tmp_path / "tampered", files)
    assert p.returncode != 0 and "FAILED" in p.stdout + p.stderr


# --- the README's GitHub Actions recipe, run with this action ---------------------------------------------

def test_readme_github_action_recipe(job, release):
    """README.md's `ci-github-action` block as written: its `uses: …/kubemint@vX` step runs the action
    (main, with the block's `with:` inputs) on this release, its `run:` steps run in order in the job,
    then the post step stops the server."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "interop"))
    from readme_recipes import recipes  # the same reader as the other README recipe tests

    workflow = yaml.safe_load(recipes()["ci-github-action"].text)
    steps = workflow["jobs"]["integration"]["steps"]
    runner = job()
    ran = []
    for step in steps:
        uses = step.get("uses", "")
        if uses.startswith("actions/checkout@"):
            continue
        if "/kubemint@" in uses:
            assert re.fullmatch(r"[\w.-]+/kubemint@v\d+\.\d+\.\d+", uses), uses
            runner.main(**step.get("with", {})).check()  # at the release tag of the tarball under test
            ran.append("kubemint action")
            continue
        assert "run" in step, f"a step that is neither the action nor a run: {step}"
        result = runner.run(step["run"])
        assert result.returncode == 0, f"step {step.get('name')} failed:\n{result.stdout}\n{result.stderr}"
        ran.append(step["name"])
    assert ran == ["kubemint action", "Integration tests"]
    token = (runner.temp / "my-service.jwt").read_text().strip()
    exported = runner.exported()
    assert verify(token, exported["KUBEMINT_ISSUER"], exported["KUBEMINT_CA"], "my-service")["sub"] == \
        "system:serviceaccount:default:default"
    pid = started(runner)
    runner.post().check()
    assert gone(pid), "the action's post step did not stop kubemint"

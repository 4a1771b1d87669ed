"""Issue 9: the README's consumer recipes, run from the README's own text (see readme_recipes.py) against
a real `kubemint serve`: the PyJWT relying party, the go-oidc relying party (built with Debian's go-oidc
v2), the pytest fixture (pytest in a subprocess on a scratch project), the CI script with the GitHub
Actions and GitLab CI jobs, and the cloud federation environment. The Vault recipes are in
test_readme_vault.py. Every marked block of README.md must be run by one of these tests."""

from __future__ import annotations

import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jwt
import pytest
import requests
import yaml

from interop_helpers import require
from readme_recipes import README, parse, recipe, recipes
from recipe_runner import bash, serve, user_env


# Every README block marked <!-- recipe: NAME -->, and the test that runs it.
RUN_BY = {
    "pyjwt": "test_pyjwt_recipe", "pyjwt-run": "test_pyjwt_recipe",
    "go-oidc": "test_go_oidc_recipe", "go-oidc-run": "test_go_oidc_recipe",
    "pytest-conftest": "test_pytest_fixture_recipe", "pytest-example": "test_pytest_fixture_recipe",
    "ci-start-script": "test_github_actions_recipe", "ci-github": "test_github_actions_recipe",
    "ci-gitlab": "test_gitlab_ci_recipe", "ci-github-action": "Tests/package/test_action.py",
    "cloud-manifest": "test_cloud_env_recipe", "cloud-serve": "test_cloud_env_recipe",
    "cloud-env": "test_cloud_env_recipe", "cloud-load": "test_cloud_env_recipe",
    **{name: "test_in_cluster_recipe" for name in [
        "in-cluster-serve", "in-cluster-pod", "in-cluster-app", "in-cluster-run", "in-cluster-fixed-path"]},
    "vault-manifest": "test_readme_vault.py", "vault-serve": "test_readme_vault.py",
    "vault-jwt": "test_readme_vault.py", "vault-jwt-bound-claims": "test_readme_vault.py",
    "vault-kubernetes": "test_readme_vault.py", "vault-reviewer-binding": "test_readme_vault.py",
    "credential-provider-config": "test_credential_provider.py",
    "credential-provider-request": "test_credential_provider.py",
    "kube-version": "test_kube_version.py",
    **{name: "test_ci_profiles.py" for name in [
        "ci-serve", "ci-vault-github", "ci-gitlab-env", "ci-aws-trust-policy", "ci-pyjwt", "ci-static-export"]},
    **{name: "test_pod_certificates.py" for name in [
        "pod-certificates-serve", "pod-certificates-pod", "pod-certificates-check"]},
    "pytest-plugin": "test_readme_pytest_plugin.py", "pytest-plugin-factory": "test_readme_pytest_plugin.py",
    **{name: "test_readme_in_order.py" for name in [
        "serve-tls", "mint-offline", "mint-server", "inspect-verify", "keys", "auth-token-kubectl", "clock",
        "rotate", "data-dir", "defects", "static-oidc"]},
}
GOPATH_OIDC = Path("/usr/share/gocode/src/github.com/coreos/go-oidc")


@pytest.fixture
def project(tmp_path) -> Path:
    d = tmp_path / "project"
    d.mkdir()
    return d


@pytest.fixture
def tls_server(kubemint_bin, project):
    """The README's `kubemint serve --tls` in the project directory (keys/, kubemint.kubeconfig)."""
    s = serve("kubemint serve --tls", project, user_env(kubemint_bin))
    yield s
    s.stop()


def recipe_env(kubemint_bin, server) -> dict:
    return user_env(kubemint_bin, KUBEMINT_ISSUER=server.issuer, KUBEMINT_CA=server.ca)


def verify_by_discovery(token: str, issuer: str, ca: str, audience: str) -> dict:
    tls = ssl.create_default_context(cafile=ca)
    with urllib.request.urlopen(issuer + "/.well-known/openid-configuration", context=tls) as r:
        disc = json.load(r)
    assert disc["issuer"] == issuer
    key = jwt.PyJWKClient(disc["jwks_uri"], ssl_context=tls).get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=disc["id_token_signing_alg_values_supported"],
                      audience=audience, issuer=issuer)


# --- the README's markers -----------------------------------------------------------------------------

def test_every_marked_recipe_is_run_by_a_test():
    assert set(recipes()) == set(RUN_BY), (
        "README.md's <!-- recipe: NAME --> markers and the tests that run them differ: "
        f"unmarked in README {sorted(set(RUN_BY) - set(recipes()))}, "
        f"no test for {sorted(set(recipes()) - set(RUN_BY))}")


def test_recipe_markers_that_are_malformed_are_errors():
    assert parse("<!-- recipe: a -->\n```sh\necho hi\n```\n")["a"].text == "echo hi\n"
    with pytest.raises(ValueError, match="marked twice"):
        parse("<!-- recipe: a -->\n```sh\nx\n```\n<!-- recipe: a -->\n```sh\ny\n```\n")
    with pytest.raises(ValueError, match="must open a fenced code block"):
        parse("<!-- recipe: a -->\n\n```sh\nx\n```\n")
    with pytest.raises(ValueError, match="never closed"):
        parse("<!-- recipe: a -->\n```sh\nx\n")


def github_slug(heading: str) -> str:
    slug = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return slug.replace(" ", "-")


def test_readme_links_within_the_page_resolve():
    text = README.read_text()
    anchors = {github_slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert links, "the README's table of contents links nowhere"
    assert not [l for l in links if l not in anchors], f"dangling anchors; headings: {sorted(anchors)}"


# --- PyJWT --------------------------------------------------------------------------------------------

def test_pyjwt_recipe(kubemint_bin, project, tls_server):
    (project / "verify_token.py").write_text(recipe("pyjwt").text)
    env = recipe_env(kubemint_bin, tls_server)
    out = bash(recipe("pyjwt-run").text, project, env).stdout
    assert out == "system:serviceaccount:default:default default\n"

    other = bash("kubemint create token default --audience other --kubeconfig kubemint.kubeconfig",
                 project, env).stdout
    bad = bash("python3 verify_token.py", project, env, check=False, stdin=other)
    assert bad.returncode == 1
    assert bad.stderr.rstrip().endswith("jwt.exceptions.InvalidAudienceError: Audience doesn't match"), bad.stderr


# --- go-oidc ------------------------------------------------------------------------------------------

V3_IMPORT = '"github.com/coreos/go-oidc/v3/oidc"'
V2_IMPORT = '"github.com/coreos/go-oidc"'


def test_go_oidc_recipe(kubemint_bin, project, tls_server, tmp_path):
    go = shutil.which("go")
    require(go is not None and GOPATH_OIDC.is_dir(), "Go or Debian's go-oidc (/usr/share/gocode)",
            "apt-get install golang-go golang-github-coreos-go-oidc-dev (.ci/run installs them)")
    source = recipe("go-oidc").text
    # The one change: go-oidc v3's import path -> Debian's v2 (same package name, same API used).
    assert source.count(V3_IMPORT) == 1, "the README's Go block must import go-oidc v3 exactly once"
    (project / "main.go").write_text(source.replace(V3_IMPORT, V2_IMPORT))
    env = user_env(kubemint_bin, GO111MODULE="off", GOPATH=f"/usr/share/gocode:{tmp_path / 'gopath'}", GOFLAGS="")
    if not any(os.environ.get(v) for v in ("GOCACHE", "XDG_CACHE_HOME", "HOME")):
        env["GOCACHE"] = str(tmp_path / "gocache")  # go needs a build cache; default is under $HOME
    started = time.monotonic()
    bash("go build -o verify-token main.go", project, env, timeout=600)
    print(f"go build of the README's go-oidc block: {time.monotonic() - started:.1f} s")

    run_env = recipe_env(kubemint_bin, tls_server)
    out = bash(recipe("go-oidc-run").text, project, run_env).stdout
    assert out == "system:serviceaccount:default:default default default\n"

    other = bash("kubemint create token default --audience other --kubeconfig kubemint.kubeconfig",
                 project, run_env).stdout
    bad = bash("./verify-token", project, run_env, check=False, stdin=other)
    assert bad.returncode == 1
    assert bad.stderr == 'oidc: expected audience "my-service" got ["other"]\n'


# --- pytest fixture -----------------------------------------------------------------------------------

def test_pytest_fixture_recipe(kubemint_bin, project, tmp_path):
    (project / "conftest.py").write_text(recipe("pytest-conftest").text)
    (project / "test_my_service.py").write_text(recipe("pytest-example").text)
    basetemp = tmp_path / "basetemp"
    env = user_env(kubemint_bin, PYTHONDONTWRITEBYTECODE="1")
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp",
                        str(basetemp), "test_my_service.py"], cwd=project, env=env, capture_output=True,
                       text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stdout + p.stderr
    assert re.search(r"^1 passed", p.stdout.splitlines()[-1]), p.stdout
    # The fixture stopped the server: the URL it printed refuses connections now.
    log = next(basetemp.rglob("serve.log")).read_text()
    issuer = re.search(r"^issuer:\s+(\S+)", log, re.M).group(1)
    with pytest.raises(requests.ConnectionError):
        requests.get(issuer + "/readyz", verify=False, timeout=5)


# --- CI -----------------------------------------------------------------------------------------------

# GitHub steps the test does not run: actions (network), and downloading kubemint (network; the
# kubemint under test is on PATH instead).
SKIPPED_GITHUB_STEPS = {"Install kubemint"}


def stopped(pid: int) -> bool:
    """True once `pid` has exited (within 10 s). It is not our child (the recipe's bash started it), so
    a zombie no one reaps yet counts as exited."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def check_exported_values(env_file: Path, token_file: Path):
    """The values the start step exported work: the token a later step minted verifies by discovery
    from KUBEMINT_ISSUER over KUBEMINT_CA."""
    exported = dict(line.split("=", 1) for line in env_file.read_text().splitlines())
    assert set(exported) == {"KUBEMINT_ISSUER", "KUBEMINT_CA", "KUBEMINT_KUBECONFIG"}
    claims = verify_by_discovery(token_file.read_text().strip(), exported["KUBEMINT_ISSUER"],
                                 exported["KUBEMINT_CA"], "my-service")
    assert claims["sub"] == "system:serviceaccount:default:default"


def test_github_actions_recipe(kubemint_bin, project, tmp_path):
    (project / "ci").mkdir()
    (project / "ci" / "start-kubemint.sh").write_text(recipe("ci-start-script").text)
    workflow = yaml.safe_load(recipe("ci-github").text)
    steps = workflow["jobs"]["integration"]["steps"]
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    github_env, github_path = tmp_path / "github_env", tmp_path / "github_path"
    github_env.touch()
    github_path.touch()
    ran = []
    pid_file = runner_temp / "kubemint" / "pid"
    try:
        for step in steps:
            if "uses" in step or step.get("name") in SKIPPED_GITHUB_STEPS:
                continue
            assert "run" in step, step
            if step["name"] == "Stop kubemint":  # check the exported values while the server runs
                check_exported_values(runner_temp / "kubemint" / "env", runner_temp / "my-service.jwt")
            # The runner: each step a fresh bash with $GITHUB_ENV's KEY=value lines and $GITHUB_PATH.
            env = user_env(kubemint_bin, RUNNER_TEMP=str(runner_temp), GITHUB_ENV=str(github_env),
                           GITHUB_PATH=str(github_path), GITHUB_WORKSPACE=str(project), CI="true")
            env.update(dict(line.split("=", 1) for line in github_env.read_text().splitlines() if line))
            extra_path = [line for line in github_path.read_text().splitlines() if line]
            env["PATH"] = os.pathsep.join([*reversed(extra_path), env["PATH"]])
            bash(step["run"], project, env)
            ran.append(step["name"])
        assert ran == ["Start kubemint", "Integration tests", "Stop kubemint"]
        assert stopped(int(pid_file.read_text())), "the Stop kubemint step did not stop kubemint"
        pid_file = None
    finally:
        stopped_quietly(pid_file)


def stopped_quietly(pid_file: Path | None) -> None:
    """After a failed test: SIGTERM the kubemint the recipe started, if that pid is still a kubemint
    (never signal a pid that has since been reused by something else). None: nothing left to stop."""
    if pid_file is None or not pid_file.exists():
        return
    pid = int(pid_file.read_text())
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return
    if cmdline and cmdline[0].endswith(b"kubemint") and b"serve" in cmdline:
        os.kill(pid, 15)
        stopped(pid)


def test_gitlab_ci_recipe(kubemint_bin, project):
    (project / "ci").mkdir()
    (project / "ci" / "start-kubemint.sh").write_text(recipe("ci-start-script").text)
    job = yaml.safe_load(recipe("ci-gitlab").text)["integration"]
    # The runner: $CI_PROJECT_DIR, then the job's variables (expanded), then `script:` in one shell.
    # `before_script` downloads kubemint (network): not run, the kubemint under test is on PATH.
    env = user_env(kubemint_bin, CI_PROJECT_DIR=str(project), CI="true")
    for key, value in job["variables"].items():
        env[key] = os.path.expandvars(value.replace("$CI_PROJECT_DIR", str(project)))
    pid_file = Path(env["KUBEMINT_DIR"]) / "pid"
    *script, stop = job["script"]
    assert stop.startswith("kill "), "the job's last line stops kubemint"
    try:
        bash("\n".join(script), project, env)
        check_exported_values(Path(env["KUBEMINT_DIR"]) / "env", project / "my-service.jwt")
        bash(stop, project, env)  # the last line, after the check above (it needs the server)
        assert stopped(int(pid_file.read_text())), "the job's last line did not stop kubemint"
        pid_file = None
    finally:
        stopped_quietly(pid_file)


# --- cloud federation ---------------------------------------------------------------------------------

def test_cloud_env_recipe(kubemint_bin, project):
    (project / "cloud-pod.yaml").write_text(recipe("cloud-manifest").text)
    server = serve(recipe("cloud-serve").text, project, user_env(kubemint_bin))
    try:
        env_file = project / "kubelet" / "default" / "web-0" / "cloud.env"
        deadline = time.monotonic() + 15
        while not env_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        expected = recipe("cloud-env").text.replace("/path/to/kubelet", str(project / "kubelet"))
        assert env_file.read_text() == expected

        shown = bash(recipe("cloud-load").text + "env\n", project, user_env(kubemint_bin)).stdout
        variables = dict(line.split("=", 1) for line in shown.splitlines() if "=" in line)
        for line in expected.splitlines():
            key, value = line.split("=", 1)
            assert variables[key] == value
        for variable, audience in [("AWS_WEB_IDENTITY_TOKEN_FILE", "sts.amazonaws.com"),
                                   ("AZURE_FEDERATED_TOKEN_FILE", "api://AzureADTokenExchange")]:
            token = Path(variables[variable]).read_text()
            claims = verify_by_discovery(token, server.issuer, server.ca, audience)
            assert claims["aud"] == [audience]
            assert claims["sub"] == "system:serviceaccount:default:web"
            assert claims["kubernetes.io"]["pod"]["name"] == "web-0"
    finally:
        server.stop()


def test_in_cluster_recipe(kubemint_bin, project):
    """Issue 20: `kubectl run` gives the pod the default token volume, the kubelet emulation writes it,
    and the Python client's in-cluster config authenticates as the pod's account — with the folder's
    paths, and with the fixed /var/run/secrets/... path in a private mount namespace."""
    require(shutil.which("unshare") is not None, "unshare (util-linux)", "apt-get install util-linux")
    require(shutil.which("kubectl") is not None, "kubectl", "install the Google Cloud SDK's kubectl packages")
    (project / "whoami.py").write_text(recipe("in-cluster-app").text)
    server = serve(recipe("in-cluster-serve").text, project, user_env(kubemint_bin))
    try:
        script = recipe("in-cluster-pod").text + "echo \"FOLDER=$FOLDER\"\n"
        # The kubelet writes the volume just after the create is answered, as a kubelet would.
        script += "for i in $(seq 100); do [ -s \"$FOLDER/token\" ] && break; sleep 0.05; done\n"
        script += recipe("in-cluster-run").text + recipe("in-cluster-fixed-path").text
        out = bash(script, project, user_env(kubemint_bin)).stdout.splitlines()
        folder = next(line.split("=", 1)[1] for line in out if line.startswith("FOLDER="))
        assert re.fullmatch(r"kubelet/default/web/kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}", folder), folder
        assert out[-2:] == ["system:serviceaccount:default:default"] * 2, out
        files = project / folder
        assert (files / "namespace").read_text() == "default"
        assert (files / "ca.crt").read_text() == Path(server.ca).read_text()
        claims = jwt.decode((files / "token").read_text(), options={"verify_signature": False})
        assert claims["exp"] - claims["iat"] == 365 * 24 * 3600, claims
        assert claims["kubernetes.io"]["warnafter"] == claims["iat"] + 3607, claims
        assert claims["kubernetes.io"]["pod"]["name"] == "web", claims
    finally:
        server.stop()

"""`kubemint serve --kube-version` and `--feature-gates` (docs/kubernetes-behaviour.md §26): each
kubectl talks to a kubemint presenting its own release (no version-skew warning, nodes of that
version), and the token rules a release changes are seen through real clients."""

import json
import os
import subprocess
from pathlib import Path

import pytest
import requests

from interop_helpers import require
from kubemint_server import start_server

pytestmark = pytest.mark.server

KUBECTL_DIR = Path("/usr/lib/google-cloud-sdk/bin")


def kubectl(version: str, server, *args: str) -> subprocess.CompletedProcess:
    binary = KUBECTL_DIR / f"kubectl.{version}"
    require(binary.is_file() and os.access(binary, os.X_OK), f"kubectl {version} ({binary})",
            "install the Google Cloud SDK's kubectl packages (apt-get install kubectl; .ci/run does)")
    home = server.dir / f"home-{version}"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "KUBECTL"))}
    env.update(HOME=str(home), KUBECONFIG=str(server.kubeconfig))
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=60, env=env,
                          stdin=subprocess.DEVNULL)


def post(server, path: str, body: dict) -> requests.Response:
    return requests.post(server.url + path, json=body, verify=server.ca, headers=server.headers, timeout=10)


@pytest.mark.parametrize("minor", ["30", "31", "32", "33"])
def test_each_kubectl_sees_its_own_release(kubemint_bin, tmp_path, minor):
    server = start_server(kubemint_bin, tmp_path / "serve", "--kube-version", f"1.{minor}")
    try:
        p = kubectl(f"1.{minor}", server, "version", "-o", "json")
        assert p.returncode == 0, p.stderr
        assert "WARNING" not in p.stderr, p.stderr  # no version skew: server and client agree
        info = json.loads(p.stdout)["serverVersion"]
        assert (info["major"], info["minor"], info["gitVersion"]) == ("1", minor, f"v1.{minor}.0"), info
        # The compatibility members exist from 1.33 on (KEP-4330).
        assert ("emulationMinor" in info) == (int(minor) >= 33), info
        p = kubectl(f"1.{minor}", server, "get", "nodes", "--no-headers")
        assert p.returncode == 0 and p.stdout.split()[4] == f"v1.{minor}.0", p.stdout + p.stderr
        p = kubectl(f"1.{minor}", server, "create", "token", "default")
        assert p.returncode == 0 and p.stdout.count(".") == 2, p.stderr
    finally:
        server.stop()


def test_node_binding_follows_the_release_and_the_gate(kubemint_bin, tmp_path):
    body = {"spec": {"boundObjectRef": {"kind": "Node", "apiVersion": "v1", "name": "kubemint-node-0"}}}
    path = "/api/v1/namespaces/default/serviceaccounts/default/token"
    old = start_server(kubemint_bin, tmp_path / "old", "--kube-version", "1.30")
    try:
        r = post(old, path, body)
        assert r.status_code == 400, r.text
        assert r.json()["message"] == ('cannot bind token to a Node object as the "ServiceAccountTokenNodeBinding" '
                                       'feature-gate is disabled')
    finally:
        old.stop()
    gated = start_server(kubemint_bin, tmp_path / "gated", "--kube-version", "1.30",
                         "--feature-gates", "ServiceAccountTokenNodeBinding=true")
    try:
        r = post(gated, path, body)
        assert r.status_code == 201, r.text
    finally:
        gated.stop()


def test_from_134_a_stale_uid_is_a_conflict_for_the_python_client(kubemint_bin, tmp_path):
    import kubernetes
    server = start_server(kubemint_bin, tmp_path / "serve", "--kube-version", "1.34")
    try:
        config = kubernetes.client.Configuration()
        config.host = server.url
        api = kubernetes.client.CoreV1Api(kubernetes.client.ApiClient(config))
        account = api.read_namespaced_service_account("default", "default")
        stale = kubernetes.client.AuthenticationV1TokenRequest(
            metadata=kubernetes.client.V1ObjectMeta(uid="stale"), spec=kubernetes.client.V1TokenRequestSpec(audiences=[]))
        with pytest.raises(kubernetes.client.ApiException) as refused:
            api.create_namespaced_service_account_token("default", "default", stale)
        assert refused.value.status == 409
        assert json.loads(refused.value.body)["message"] == (
            'Operation cannot be fulfilled on TokenRequest.authentication.k8s.io "default": the UID in the token '
            f'request (stale) does not match the UID of the service account ({account.metadata.uid})')
        ok = api.create_namespaced_service_account_token(
            "default", "default", kubernetes.client.AuthenticationV1TokenRequest(
                spec=kubernetes.client.V1TokenRequestSpec(audiences=[])))
        assert ok.metadata.uid == account.metadata.uid  # 1.34 fills in the account's uid
    finally:
        server.stop()


@pytest.mark.parametrize("args,message", [
    (["--kube-version", "1.29"], "--kube-version 1.29: kubemint emulates Kubernetes 1.30 to 1.36"),
    (["--feature-gates", "ServiceAccountTokenJTI=false"],
     "--feature-gates ServiceAccountTokenJTI=false: cannot set feature gate ServiceAccountTokenJTI to false, "
     "feature is locked to true"),
    (["--kube-version", "1.33", "--feature-gates", "PodCertificateRequest=true"],
     "cannot set feature gate PodCertificateRequest to true, feature is PreAlpha at emulated version 1.33"),
])
def test_bad_versions_and_gates_stop_the_start(kubemint_bin, tmp_path, args, message):
    keys = tmp_path / "keys"
    keys.mkdir()
    p = subprocess.run([kubemint_bin, "serve", "--listen", "127.0.0.1:0", "--keys", str(keys),
                        "--kubeconfig", str(tmp_path / "kubeconfig"), *args],
                       capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert p.returncode != 0
    assert message in p.stderr, p.stderr


def test_version_lists_the_gates_of_a_release(kubemint_bin):
    p = subprocess.run([kubemint_bin, "version", "--kube-version", "1.31", "-o", "json"],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 0, p.stderr
    info = json.loads(p.stdout)
    assert info["kubernetes"] == "v1.31.0"
    assert "ServiceAccountTokenNodeBinding=true (BETA - default=true)" in info["featureGates"]
    assert not any(g.startswith("TokenRequestServiceAccountUIDValidation") for g in info["featureGates"])


def test_kube_version_recipe(kubemint_bin, tmp_path):
    """The README's "Imitate a given Kubernetes release" block, as written (the server it starts in the
    background is stopped with the shell's process group)."""
    from readme_recipes import recipe
    from recipe_runner import bash, user_env
    project = tmp_path / "project"
    project.mkdir()
    script = recipe("kube-version").text + "kill %1\nwait\n"
    p = bash(script, project, user_env(kubemint_bin))
    assert "refused, as 1.30 refuses it" in p.stdout, p.stdout
    assert ('cannot bind token to a Node object as the "ServiceAccountTokenNodeBinding" feature-gate is disabled'
            in p.stderr), p.stderr
    assert "ServiceAccountTokenNodeBinding=true (ALPHA - default=false)" in p.stdout, p.stdout

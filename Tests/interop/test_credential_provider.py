"""Issue 22 part 2 (KEP-4412): image credential provider plugins with service-account tokens.

`kubemint kubelet credential-request` builds the CredentialProviderRequest the kubelet would send for
an image of a pod — a token bound to the pod, for the provider's audience, minted by the running
server's TokenRequest API, and the service account's annotations — and with `--plugin-dir` runs the
plugin as the kubelet does. The sample plugin here is an independent relying party: a Python script
that verifies the token through kubemint's OIDC discovery and JWKS with PyJWT before it answers
(docs/kubernetes-behaviour.md §23)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import jwt
import pytest
import requests
import yaml

from kubemint_server import start_server
from readme_recipes import recipe
from recipe_runner import bash, serve, user_env
from test_kubectl import KUBECTL_DIR, Kubectl, tls_server  # noqa: F401

pytestmark = pytest.mark.server

AUDIENCE = "registry.example"

PLUGIN = textwrap.dedent(
    """\
    #!{python}
    # A registry's credential exchange: trust a Kubernetes service-account token the way a registry
    # federated with the cluster's issuer would (OIDC discovery, JWKS, signature, iss, aud, exp).
    import json, os, sys
    import jwt, requests

    request = json.load(sys.stdin)
    assert request["kind"] == "CredentialProviderRequest", request
    token = request["serviceAccountToken"]
    # The issuer this registry trusts: configured, or (kubemint serve's own URL) the token's.
    issuer = os.environ.get("ISSUER_URL") or jwt.decode(token, options={{"verify_signature": False}})["iss"]
    ca = os.environ.get("ISSUER_CA") or None
    config = requests.get(issuer + "/.well-known/openid-configuration", verify=ca or True, timeout=10).json()
    keys = jwt.PyJWKClient(config["jwks_uri"], ssl_context=__import__("ssl").create_default_context(cafile=ca))
    claims = jwt.decode(token, keys.get_signing_key_from_jwt(token).key, algorithms=["RS256", "ES256"],
                        audience=sys.argv[1] if len(sys.argv) > 1 else "registry.example", issuer=config["issuer"])
    pod = claims["kubernetes.io"]["pod"]["name"]
    robot = request["serviceAccountAnnotations"]["registry.example/robot"]
    json.dump({{"kind": "CredentialProviderResponse", "apiVersion": "credentialprovider.kubelet.k8s.io/v1",
               "cacheKeyType": "Registry", "cacheDuration": "10m",
               "auth": {{"eu.registry.example": {{"username": claims["sub"] + "@" + pod, "password": robot}}}}}}, sys.stdout)
    """
)


def write_plugin(folder: Path, name: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(body)
    path.chmod(0o755)


def config(tmp_path: Path, server=None, ca: Path | None = None, **token_attributes) -> Path:
    attributes = {"serviceAccountTokenAudience": AUDIENCE, "cacheType": "ServiceAccount",
                  "requireServiceAccount": True,
                  "requiredServiceAccountAnnotationKeys": ["registry.example/robot"]} | token_attributes
    cfg = {"apiVersion": "kubelet.config.k8s.io/v1", "kind": "CredentialProviderConfig", "providers": [{
        "name": "registry-plugin", "matchImages": ["*.registry.example"], "defaultCacheDuration": "1h",
        "apiVersion": "credentialprovider.kubelet.k8s.io/v1", "args": [AUDIENCE],
        "env": ([{"name": "ISSUER_URL", "value": server.url}] if server else [])
               + ([{"name": "ISSUER_CA", "value": str(ca or server.ca)}] if ca or server else []),
        "tokenAttributes": attributes}]}
    path = tmp_path / "credential-provider.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


def shop(server, tmp_path: Path) -> Kubectl:
    """kubectl 1.32 for `server`, after creating namespace shop and its annotated account builder."""
    home = tmp_path / "kubectl-home"
    home.mkdir()
    kubectl = Kubectl(KUBECTL_DIR / "kubectl.1.32", "1.32", home, server)
    kubectl("create", "namespace", "shop")
    kubectl("-n", "shop", "create", "serviceaccount", "builder")
    kubectl("-n", "shop", "annotate", "serviceaccount", "builder", "registry.example/robot=robot-7")
    return kubectl


@pytest.fixture
def cluster(tls_server, tmp_path):
    kubectl = shop(tls_server, tmp_path)
    kubectl("-n", "shop", "run", "web", "--image=eu.registry.example/shop/web:1.2",
            "--overrides", json.dumps({"apiVersion": "v1", "spec": {"serviceAccountName": "builder"}}))
    return tls_server, kubectl


def request(km, server, cfg: Path, *extra: str, check: bool = True):
    return km("kubelet", "credential-request", "--pod", "shop/web", "--config", str(cfg),
              "--kubeconfig", str(server.kubeconfig), *extra, check=check)


def test_the_request_carries_a_pod_bound_token(km, cluster, tmp_path):
    server, kubectl = cluster
    p = request(km, server, config(tmp_path, server))
    body = json.loads(p.stdout)
    assert list(body) == ["kind", "apiVersion", "image", "serviceAccountToken", "serviceAccountAnnotations"], body
    assert body["image"] == "eu.registry.example/shop/web", body
    assert body["serviceAccountAnnotations"] == {"registry.example/robot": "robot-7"}, body
    review = requests.post(server.url + "/apis/authentication.k8s.io/v1/tokenreviews", verify=server.ca,
                           headers=server.headers, timeout=10,
                           json={"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview",
                                 "spec": {"token": body["serviceAccountToken"], "audiences": [AUDIENCE]}}).json()
    assert review["status"]["authenticated"] is True, review
    assert review["status"]["user"]["username"] == "system:serviceaccount:shop:builder", review
    assert review["status"]["user"]["extra"]["authentication.kubernetes.io/pod-name"] == ["web"], review
    # The pod has no volume with this audience: a real cluster's node would need RBAC for it.
    assert 'request audience "registry.example" only if a volume of the pod names it' in p.stderr, p.stderr


def test_the_plugin_verifies_the_token_through_discovery_and_answers(km, cluster, tmp_path):
    server, _ = cluster
    plugins = tmp_path / "plugins"
    write_plugin(plugins, "registry-plugin", PLUGIN.format(python=sys.executable))
    p = request(km, server, config(tmp_path, server), "--plugin-dir", str(plugins))
    answer = json.loads(p.stdout)
    assert answer == {"provider": "registry-plugin", "image": "eu.registry.example/shop/web",
                      "cacheKeyType": "Registry", "cacheDuration": "10m0s",
                      "auth": {"eu.registry.example": {"username": "system:serviceaccount:shop:builder@web",
                                                       "password": "robot-7"}}}, answer


def test_the_kubelets_reasons_not_to_call_or_to_discard(km, cluster, tmp_path):
    server, kubectl = cluster
    plugins = tmp_path / "plugins"
    cfg = config(tmp_path, server)

    kubectl("-n", "shop", "annotate", "serviceaccount", "builder", "registry.example/robot-")
    p = request(km, server, cfg, check=False)
    assert p.returncode == 1 and p.stdout == "", p
    assert ("registry-plugin: eu.registry.example/shop/web:1.2: not called: Failed to get service account data "
            "shop/builder: required annotation registry.example/robot not found") in p.stderr, p.stderr
    kubectl("-n", "shop", "annotate", "serviceaccount", "builder", "registry.example/robot=robot-7")

    write_plugin(plugins, "registry-plugin", "#!/bin/sh\ncat >/dev/null\necho 'denied by registry' >&2\nexit 3\n")
    p = request(km, server, cfg, "--plugin-dir", str(plugins), check=False)
    assert p.returncode == 1, p
    assert ("Failed getting credential from external registry credential provider: error execing credential "
            "provider plugin registry-plugin for image eu.registry.example/shop/web: exit status 3: "
            "denied by registry") in p.stderr, p.stderr

    # A plugin that echoes the token as the password is refused unless the cache type is Token.
    write_plugin(plugins, "registry-plugin", textwrap.dedent("""\
        #!{python}
        import json, sys
        token = json.load(sys.stdin)["serviceAccountToken"]
        print(json.dumps({{"kind": "CredentialProviderResponse", "apiVersion": "credentialprovider.kubelet.k8s.io/v1",
                          "cacheKeyType": "Image", "auth": {{"eu.registry.example": {{"username": "", "password": token}}}}}}))
        """).format(python=sys.executable))
    p = request(km, server, cfg, "--plugin-dir", str(plugins), check=False)
    assert p.returncode == 1 and ("returned the service account token as the password for image "
                                  "\"eu.registry.example/shop/web\"") in p.stderr, p.stderr
    p = request(km, server, config(tmp_path, server, cacheType="Token"), "--plugin-dir", str(plugins))
    assert json.loads(p.stdout)["cacheKeyType"] == "Image", p.stdout

    write_plugin(plugins, "registry-plugin", "#!/bin/sh\nsleep 60\n")
    started = time.monotonic()
    p = request(km, server, cfg, "--plugin-dir", str(plugins), "--timeout", "1", check=False)
    assert time.monotonic() - started < 20, "the hanging plugin (and its sleep) must be killed at the timeout"
    assert p.returncode == 1 and "context deadline exceeded" in p.stderr, p.stderr


def test_a_config_the_kubelet_refuses(km, cluster, tmp_path):
    server, _ = cluster
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"apiVersion": "kubelet.config.k8s.io/v1", "kind": "CredentialProviderConfig",
                                   "providers": [{"name": "p", "matchImages": ["*.registry.example"],
                                                  "defaultCacheDuration": "1h",
                                                  "apiVersion": "credentialprovider.kubelet.k8s.io/v1",
                                                  "tokenAttributes": {"serviceAccountTokenAudience": AUDIENCE,
                                                                      "requireServiceAccount": True}}]}))
    p = request(km, server, bad, check=False)
    assert p.returncode == 1, p
    assert p.stderr.strip() == (
        "error: failed to validate credential provider config: providers.tokenAttributes.cacheType: Required value: "
        "cacheType is required to be set when tokenAttributes is specified. Supported values are: ServiceAccount, Token"
    ), p.stderr
    p = request(km, server, config(tmp_path, server), "--plugin-dir", str(tmp_path / "none"), check=False)
    assert p.returncode == 1 and "plugin binary executable" in p.stderr and "did not exist" in p.stderr, p.stderr


def test_serve_runs_the_plugins_when_pods_start(kubemint_bin, tmp_path):
    """`serve --image-credential-provider-config/--image-credential-provider-bin-dir` under `--auth
    token`: the kubelet emulation looks each image of a starting pod up with the plugins, under the
    node audience restriction (a pod volume naming the audience, or RBAC granting the node
    request-serviceaccounts-token-audience), and caches the answers by the provider's rules."""
    plugins = tmp_path / "plugins"
    write_plugin(plugins, "registry-plugin", PLUGIN.format(python=sys.executable))
    cfg = config(tmp_path, ca=tmp_path / "serve" / "keys" / "tls" / "ca.crt")
    server = start_server(kubemint_bin, tmp_path / "serve", "--auth", "token", "--image-credential-provider-config",
                          str(cfg), "--image-credential-provider-bin-dir", str(plugins), tls=True)
    try:
        kubectl = shop(server, tmp_path)
        volume = {"name": "registry-token", "projected": {"sources": [
            {"serviceAccountToken": {"path": "token", "audience": AUDIENCE}}]}}

        def start(name: str, volumes: list) -> None:
            kubectl("-n", "shop", "run", name, "--image=eu.registry.example/shop/web:1.2", "--overrides",
                    json.dumps({"apiVersion": "v1", "spec": {"serviceAccountName": "builder", "volumes": volumes}}))
            expected = f"kubelet: pod shop/{name} image eu.registry.example/shop/web:1.2: registry-plugin:"
            deadline = time.monotonic() + 30
            while expected not in server.log() and time.monotonic() < deadline:
                time.sleep(0.1)

        for name, volumes in [("web", [volume]), ("web-2", [volume]), ("no-volume", [])]:
            start(name, volumes)
        # The node may ask for this audience once RBAC says so, as in a 1.33+ cluster.
        grant = tmp_path / "grant.yaml"
        grant.write_text(yaml.safe_dump_all([
            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
             "metadata": {"name": "registry-audience"},
             "rules": [{"apiGroups": [""], "resources": [AUDIENCE], "verbs": ["request-serviceaccounts-token-audience"]}]},
            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
             "metadata": {"name": "registry-audience"},
             "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "registry-audience"},
             "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:nodes"}]}]))
        kubectl("create", "-f", grant)
        start("granted", [])
        log = server.log()
        assert ("kubelet: pod shop/web image eu.registry.example/shop/web:1.2: registry-plugin: credentials "
                "(eu.registry.example as system:serviceaccount:shop:builder@web)") in log, log
        # Same account, same annotations, same registry within 10 minutes: the kubelet's cache answers.
        assert ("kubelet: pod shop/web-2 image eu.registry.example/shop/web:1.2: registry-plugin: cached "
                "(eu.registry.example as system:serviceaccount:shop:builder@web)") in log, log
        assert ("kubelet: pod shop/no-volume image eu.registry.example/shop/web:1.2: registry-plugin: not called: "
                "Error getting service account token shop/builder: serviceaccounts \"builder\" is forbidden: audience "
                "\"registry.example\" not found in pod spec volume, system:node:kubemint-node-0 is not authorized to "
                "request tokens for this audience") in log, log
        assert ("kubelet: pod shop/granted image eu.registry.example/shop/web:1.2: registry-plugin: cached "
                "(eu.registry.example as system:serviceaccount:shop:builder@web)") in log, log
        assert "robot-7" not in log and "eyJ" not in log, "no password or token in the log"
    finally:
        server.stop()


def test_serve_refuses_what_the_kubelet_refuses_at_start(kubemint_bin, tmp_path):
    cfg = config(tmp_path)
    p = subprocess.run([kubemint_bin, "serve", "--listen", "127.0.0.1:0", "--keys", str(tmp_path / "keys"),
                        "--image-credential-provider-config", str(cfg), "--image-credential-provider-bin-dir",
                        str(tmp_path / "missing")], capture_output=True, text=True, timeout=60)
    assert p.returncode != 0, p
    assert f"plugin binary directory {tmp_path / 'missing'} did not exist" in p.stderr, p.stderr
    p = subprocess.run([kubemint_bin, "serve", "--listen", "127.0.0.1:0", "--keys", str(tmp_path / "keys"),
                        "--image-credential-provider-config", str(cfg)], capture_output=True, text=True, timeout=60)
    assert p.returncode != 0 and "go together" in p.stderr, p.stderr


def test_credential_provider_recipe(kubemint_bin, tmp_path):
    """The README's "Test an image credential provider plugin" blocks, as written, against `kubemint
    serve --listen 127.0.0.1:0`, with this file's plugin in ./plugins."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "credential-provider.yaml").write_text(recipe("credential-provider-config").text)
    write_plugin(project / "plugins", "registry-plugin", PLUGIN.format(python=sys.executable))
    server = serve("kubemint serve", project, user_env(kubemint_bin))
    try:
        p = bash(recipe("credential-provider-request").text, project, user_env(kubemint_bin))
        request = json.loads((project / "request.json").read_text())
        assert request["image"] == "eu.registry.example/shop/web", request
        assert request["serviceAccountAnnotations"] == {"registry.example/robot": "robot-7"}, request
        claims = jwt.decode(request["serviceAccountToken"], options={"verify_signature": False})
        assert claims["aud"] == [AUDIENCE] and claims["kubernetes.io"]["pod"]["name"] == "web", claims
        answer = json.loads(p.stdout.strip().splitlines()[-1])
        assert answer["auth"] == {"eu.registry.example": {"username": "system:serviceaccount:default:builder@web",
                                                          "password": "robot-7"}}, answer
    finally:
        server.stop()

"""Issue 9: the README's Vault recipes (JWT auth by discovery, kubernetes auth by TokenReview), run from
the README's own text against a real `kubemint serve`. Vault/OpenBao cannot be installed here, so
`vault` on PATH is vault_emulator.py: it makes the HTTP requests the Vault plugins make and applies
their checks (cited there); it is not Vault, and the README says so."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
import requests
import yaml

from readme_recipes import recipe
from recipe_runner import bash, serve, user_env


EMULATOR = Path(__file__).resolve().parent / "vault_emulator.py"
# What the emulator sends as the TokenReview's metadata: current plugin builds (apimachinery with
# omitzero) and older ones ("creationTimestamp":null).
REVIEW_BODIES = ['{}', '{"creationTimestamp":null}']


class Setup:
    def __init__(self, project: Path, server, env: dict):
        self.project, self.server, self.env = project, server, env

    def sh(self, script: str, check: bool = True):
        return bash(script, self.project, self.env, check=check)

    def mint(self, *args: str) -> str:
        return self.sh("kubemint create token " + " ".join(args) + " --kubeconfig kubemint.kubeconfig").stdout.strip()

    def admin(self) -> dict:
        cfg = yaml.safe_load((self.project / "kubemint.kubeconfig").read_text())
        return {"Authorization": f"Bearer {cfg['users'][0]['user']['token']}"}

    def api(self, method: str, path: str) -> requests.Response:
        return requests.request(method, self.server.url + path, headers=self.admin(), verify=self.server.ca,
                                timeout=10)


def login_result(stdout: str) -> dict:
    """The JSON the emulator prints for a successful login (after the 'Success!' lines)."""
    return json.loads(stdout[stdout.index("{\n"):])["auth"]


@pytest.fixture
def vault(kubemint_bin, tmp_path, request):
    project = tmp_path / "project"
    project.mkdir()
    (project / "vault-demo.yaml").write_text(recipe("vault-manifest").text)
    server = serve(recipe("vault-serve").text, project, user_env(kubemint_bin))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "vault"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{EMULATOR}" "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    env = user_env(kubemint_bin, KUBEMINT_ISSUER=server.issuer, KUBEMINT_CA=server.ca,
                   VAULT_EMULATOR_DIR=str(tmp_path / "vault-state"),
                   VAULT_EMULATOR_REVIEW_METADATA=getattr(request, "param", REVIEW_BODIES[0]))
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    try:
        yield Setup(project, server, env)
    finally:
        server.stop()


def test_serve_line_prints_what_the_vault_config_uses(vault):
    printed = vault.server.printed
    assert printed["issuer"] == vault.server.url          # kubernetes_host = issuer, as the README says
    assert printed["ca"] == str(vault.project / "keys" / "tls" / "ca.crt")
    assert printed["auth"] == "token (bearer token required; token reviewers: none)"
    disc = requests.get(vault.server.issuer + "/.well-known/openid-configuration", verify=vault.server.ca,
                        timeout=10).json()
    assert disc["issuer"] == vault.server.issuer           # Vault's exact-match check


def test_vault_jwt_recipe(vault):
    done = vault.sh(recipe("vault-jwt").text)
    auth = login_result(done.stdout)
    assert auth == {"role": "my-app", "alias": "system:serviceaccount:demo:my-app", "policies": ["default"]}

    def login(role: str, token: str):
        return vault.sh(f"vault write auth/jwt/login role={role} jwt='{token}'", check=False)

    wrong_aud = login("my-app", vault.mint("my-app", "-n", "demo", "--audience", "other"))
    assert wrong_aud.returncode == 2
    assert wrong_aud.stderr.endswith("* error validating token: invalid audience (aud) claim: audience claim "
                                     "does not match any expected audience\n")
    other_sa = login("my-app", vault.mint("vault-auth", "-n", "vault", "--audience", "vault"))
    assert other_sa.returncode == 2 and "invalid subject (sub) claim" in other_sa.stderr

    # The README's bound_claims role (JSON on stdin) pins the namespace; a map as key=value is refused.
    token = vault.mint("my-app", "-n", "demo", "--audience", "vault")
    pinned_role = recipe("vault-jwt-bound-claims").text
    vault.sh(pinned_role)
    assert login_result(login("my-app", token).stdout)["alias"] == "system:serviceaccount:demo:my-app"
    assert pinned_role.count('"/kubernetes.io/namespace": "demo"') == 1
    vault.sh(pinned_role.replace('"/kubernetes.io/namespace": "demo"', '"/kubernetes.io/namespace": "prod"'))
    pinned = login("my-app", token)
    assert pinned.returncode == 2
    assert 'claim "/kubernetes.io/namespace" does not match any associated bound claim values' in pinned.stderr
    as_string = vault.sh("vault write auth/jwt/role/my-app role_type=jwt user_claim=sub "
                         """bound_claims='{"/kubernetes.io/namespace":"demo"}'""", check=False)
    assert as_string.returncode == 2 and "expected a map, got 'string'" in as_string.stderr

    # oidc_discovery_url must be the issuer exactly: a trailing slash is refused by Vault.
    vault.sh('vault write auth/jwt/config oidc_discovery_url="$KUBEMINT_ISSUER/" oidc_discovery_ca_pem=@"$KUBEMINT_CA"')
    slash = login("my-app", token)
    assert slash.returncode == 2 and "issuer did not match the returned issuer" in slash.stderr


@pytest.mark.parametrize("vault", REVIEW_BODIES, indirect=True, ids=["metadata-empty", "creationTimestamp-null"])
def test_vault_kubernetes_recipe(vault):
    # Without the README's binding the reviewer may not review: Vault reports the apiserver's 403.
    unbound = vault.sh(recipe("vault-kubernetes").text, check=False)
    assert unbound.returncode == 2
    assert unbound.stderr.endswith(
        '* tokenreviews.authentication.k8s.io is forbidden: User "system:serviceaccount:vault:vault-auth" cannot '
        'create resource "tokenreviews" in API group "authentication.k8s.io" at the cluster scope\n'), unbound.stderr
    bound = vault.sh(recipe("vault-reviewer-binding").text)
    assert bound.stdout == "clusterrolebinding.rbac.authorization.k8s.io/vault-auth-delegator created\n", bound.stdout
    done = vault.sh(recipe("vault-kubernetes").text)
    auth = login_result(done.stdout)
    sa = vault.api("GET", "/api/v1/namespaces/demo/serviceaccounts/my-app").json()
    assert auth == {"role": "my-app", "alias": sa["metadata"]["uid"], "policies": ["default"],
                    "service_account_name": "my-app", "service_account_namespace": "demo",
                    "service_account_uid": sa["metadata"]["uid"]}

    def login(token: str):
        return vault.sh(f"vault write auth/kubernetes/login role=my-app jwt='{token}'", check=False)

    def reviewer(token: str):
        vault.sh('vault write auth/kubernetes/config kubernetes_host="$KUBEMINT_ISSUER" '
                 f'kubernetes_ca_cert=@"$KUBEMINT_CA" token_reviewer_jwt="{token}"')

    good = vault.mint("my-app", "-n", "demo", "--audience", "vault")
    wrong_aud = login(vault.mint("my-app", "-n", "demo", "--audience", "other"))
    assert wrong_aud.returncode == 2 and "invalid audience (aud) claim" in wrong_aud.stderr

    # A reviewer kubemint does not allow: the apiserver's 403 message reaches Vault's error.
    reviewer(vault.mint("my-app", "-n", "demo"))
    forbidden = login(good)
    assert forbidden.returncode == 2
    assert forbidden.stderr.endswith(
        '* tokenreviews.authentication.k8s.io is forbidden: User "system:serviceaccount:demo:my-app" cannot '
        'create resource "tokenreviews" in API group "authentication.k8s.io" at the cluster scope\n')
    # A reviewer token that is no credential (audience not an API audience): 401.
    reviewer(vault.mint("vault-auth", "-n", "vault", "--audience", "vault"))
    unauthorized = login(good)
    assert unauthorized.returncode == 2
    assert "lookup failed: service account unauthorized" in unauthorized.stderr

    # Back to the README's reviewer; then delete the service account: the review reports it.
    reviewer(vault.mint("vault-auth", "-n", "vault", "--duration", "24h"))
    assert login_result(login(good).stdout)["service_account_name"] == "my-app"
    assert vault.api("DELETE", "/api/v1/namespaces/demo/serviceaccounts/my-app").status_code == 200
    deleted = login(good)
    assert deleted.returncode == 2
    assert deleted.stderr.endswith('* lookup failed: [invalid bearer token, serviceaccounts "my-app" not found]\n')

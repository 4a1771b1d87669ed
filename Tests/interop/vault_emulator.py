#!/usr/bin/env python3
"""A stand-in `vault` CLI for the README's Vault recipes. Vault and OpenBao cannot be installed here
(no Debian package, no reachable release download), so the tests put this script on PATH as
`vault` and run the README's commands unchanged. It is NOT Vault: it implements only

    vault auth enable jwt|kubernetes
    vault write auth/<mount>/config KEY=VALUE...        (KEY=@FILE reads the file, as the CLI does)
    vault write auth/<mount>/role/<name> KEY=VALUE...   (or `-`: one JSON object on stdin)
    vault write auth/<mount>/login role=NAME jwt=TOKEN

and a login makes the HTTP calls the auth plugins make, in their order, with their checks, each
cited from the plugin's source (hashicorp/vault-plugin-auth-jwt path_login.go + claims.go,
hashicorp/cap jwt/keyset.go + jwt/jwt.go; hashicorp/vault-plugin-auth-kubernetes path_login.go +
token_review.go). A failed login prints Vault's error text and exits 2, as `vault` does.
State (config, roles) is kept as JSON in $VAULT_EMULATOR_DIR."""

from __future__ import annotations

import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import jwt

STATE = Path(os.environ.get("VAULT_EMULATOR_DIR", "."))
# vault-plugin-auth-jwt path_login.go: the algorithms accepted when jwt_supported_algs is unset.
JWT_DEFAULT_ALGS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA"]
CLOCK_SKEW_LEEWAY = 60      # cap jwt.DefaultLeeway (go-jose), the role's default clock_skew_leeway
# The TokenReview body Go's encoding/json makes of authv1.TokenReview{Spec: {Token, Audiences}}:
# TypeMeta omitted (kind/apiVersion empty), ObjectMeta and Status always present. apimachinery
# >= 0.33 drops the zero creationTimestamp (omitzero); older plugins send "creationTimestamp":null.
TOKEN_REVIEW_METADATA = os.environ.get("VAULT_EMULATOR_REVIEW_METADATA", "{}")


class VaultError(Exception):
    """A failed request, printed the way the vault CLI prints an API error."""

    def __init__(self, path: str, code: int, message: str):
        super().__init__(message)
        self.path, self.code, self.message = path, code, message

    def render(self) -> str:
        return (f"Error writing data to {self.path}: Error making API request.\n\n"
                f"Code: {self.code}. Errors:\n\n* {self.message}")


def load(name: str) -> dict:
    path = STATE / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def save(name: str, value: dict) -> None:
    STATE.mkdir(parents=True, exist_ok=True)
    (STATE / f"{name}.json").write_text(json.dumps(value, indent=2))


def parse_pairs(args: list[str]) -> dict[str, str]:
    pairs = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if not sep:
            raise SystemExit(f"vault (emulator): expected KEY=VALUE, got {arg!r}")
        if value.startswith("@"):
            value = Path(value[1:]).read_text()
        pairs[key] = value
    return pairs


def csv(value) -> list[str]:
    """A Vault comma-string-slice field: "a,b" on the command line, or a JSON list."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def https_get_json(url: str, ca_pem: str | None) -> dict:
    context = ssl.create_default_context(cadata=ca_pem) if ca_pem else ssl.create_default_context()
    with urllib.request.urlopen(url, context=context, timeout=10) as r:
        return json.load(r)


# --- JWT auth ----------------------------------------------------------------------------------------

def jwt_login(mount: str, config: dict, role: dict, role_name: str, token: str) -> dict:
    path = f"auth/{mount}/login"
    discovery_url = config["oidc_discovery_url"]
    ca_pem = config.get("oidc_discovery_ca_pem")
    # cap jwt.NewOIDCDiscoveryKeySet: GET <url>/.well-known/openid-configuration, issuer must equal url.
    discovery = https_get_json(discovery_url.rstrip("/") + "/.well-known/openid-configuration", ca_pem)
    if discovery["issuer"] != discovery_url:
        raise VaultError(path, 400, "error configuring token validator: issuer did not match the returned "
                                    f'issuer, expected "{discovery_url}" got "{discovery["issuer"]}"')
    # go-oidc RemoteKeySet: the JWKS from jwks_uri, over the same CA.
    keys = {k["kid"]: k for k in https_get_json(discovery["jwks_uri"], ca_pem)["keys"]}
    header = jwt.get_unverified_header(token)
    algs = csv(config.get("jwt_supported_algs")) or JWT_DEFAULT_ALGS
    if header.get("kid") not in keys:
        raise VaultError(path, 400, "error validating token: error verifying token signature: "
                                    "failed to verify id token signature")
    if header.get("alg") not in algs:
        raise VaultError(path, 400, "error validating token: invalid algorithm (alg) header parameter: "
                                    "token signed with unexpected algorithm")
    try:
        claims = jwt.decode(token, jwt.PyJWK(keys[header["kid"]]).key, algorithms=[header["alg"]],
                            options={"verify_aud": False, "verify_exp": False, "verify_nbf": False,
                                     "verify_iat": False})
    except jwt.InvalidSignatureError:
        raise VaultError(path, 400, "error validating token: error verifying token signature: "
                                    "failed to verify id token signature") from None
    # cap jwt.Validator.validateAll: issuer (bound_issuer), subject, audiences, then the times.
    if config.get("bound_issuer") and claims.get("iss") != config["bound_issuer"]:
        raise VaultError(path, 400, "error validating token: invalid issuer (iss) claim")
    if role.get("bound_subject") and claims.get("sub") != role["bound_subject"]:
        raise VaultError(path, 400, "error validating token: invalid subject (sub) claim")
    aud = claims.get("aud")
    aud = [aud] if isinstance(aud, str) else list(aud or [])
    bound_audiences = csv(role.get("bound_audiences"))
    if bound_audiences and not set(bound_audiences) & set(aud):
        raise VaultError(path, 400, "error validating token: invalid audience (aud) claim: "
                                    "audience claim does not match any expected audience")
    now = time.time()
    if "exp" in claims and now - CLOCK_SKEW_LEEWAY > claims["exp"]:
        raise VaultError(path, 400, "error validating token: invalid expiration time (exp) claim: token is expired")
    if "nbf" in claims and now + CLOCK_SKEW_LEEWAY < claims["nbf"]:
        raise VaultError(path, 400, "error validating token: invalid not before (nbf) claim: token not yet valid")
    # path_login.go: no bound audiences but an aud claim is an error.
    if not bound_audiences and aud:
        raise VaultError(path, 400, "audience claim found in JWT but no audiences bound to the role")
    user = claims.get(role.get("user_claim", "sub"))
    if not isinstance(user, str) or not user:
        raise VaultError(path, 400, f'claim "{role.get("user_claim", "sub")}" not found in token')
    # claims.go validateBoundClaims: "/a/b" keys are JSON pointers into the claims.
    for claim, expected in (role.get("bound_claims") or {}).items():
        value = claims
        for part in (claim.lstrip("/").split("/") if claim.startswith("/") else [claim]):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            raise VaultError(path, 400, f'error validating claims: claim "{claim}" is missing')
        wanted = expected if isinstance(expected, list) else [expected]
        got = value if isinstance(value, list) else [value]
        if not set(map(str, wanted)) & set(map(str, got)):
            raise VaultError(path, 400, f'error validating claims: claim "{claim}" does not match any '
                                        "associated bound claim values")
    return {"role": role_name, "alias": user, "policies": csv(role.get("policies")) or ["default"]}


# --- Kubernetes auth ---------------------------------------------------------------------------------

def kubernetes_login(mount: str, config: dict, role: dict, role_name: str, token: str) -> dict:
    path = f"auth/{mount}/login"
    # path_login.go parseAndValidateJWT: without pem_keys the claims are read unverified; the issuer
    # check is off (disable_iss_validation defaults to true); the role's audience must be in aud.
    claims = jwt.decode(token, options={"verify_signature": False})
    aud = claims.get("aud")
    aud = [aud] if isinstance(aud, str) else list(aud or [])
    if role.get("audience") and role["audience"] not in aud:
        raise VaultError(path, 403, "invalid audience (aud) claim: audience claim does not match any "
                                    "expected audience")
    projected = claims.get("kubernetes.io") or {}
    sa_name = (projected.get("serviceaccount") or {}).get("name") or claims.get(
        "kubernetes.io/serviceaccount/service-account.name")
    sa_uid = (projected.get("serviceaccount") or {}).get("uid") or claims.get(
        "kubernetes.io/serviceaccount/service-account.uid")
    namespace = projected.get("namespace") or claims.get("kubernetes.io/serviceaccount/namespace")
    names = csv(role.get("bound_service_account_names"))
    if names != ["*"] and sa_name not in names:
        raise VaultError(path, 403, "service account name not authorized")
    namespaces = csv(role.get("bound_service_account_namespaces"))
    if namespaces != ["*"] and namespace not in namespaces:
        raise VaultError(path, 403, "namespace not authorized")
    # serviceAccount.lookup: the audiences asked for are the role's audience, else the token's own.
    want = [role["audience"]] if role.get("audience") else aud
    # token_review.go Review: POST host/apis/authentication.k8s.io/v1/tokenreviews.
    spec = {"token": token, **({"audiences": want} if want else {})}
    body = (f'{{"metadata":{TOKEN_REVIEW_METADATA},"spec":{json.dumps(spec, separators=(",", ":"))},'
            f'"status":{{"user":{{}}}}}}').encode()
    bearer = config.get("token_reviewer_jwt") or token
    request = urllib.request.Request(
        config["kubernetes_host"].rstrip("/") + "/apis/authentication.k8s.io/v1/tokenreviews", data=body,
        method="POST", headers={"Authorization": f"Bearer {bearer}".strip(),
                                "Content-Type": "application/json", "Accept": "application/json"})
    ca_pem = config.get("kubernetes_ca_cert")
    context = ssl.create_default_context(cadata=ca_pem) if ca_pem else ssl.create_default_context()
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    # parseResponse: a status outside 200..206 is a Kubernetes error; 401 gets its own message.
    if status == 401:
        raise VaultError(path, 500, "lookup failed: service account unauthorized; this could mean it has "
                                    "been deleted or recreated with a new token")
    if not 200 <= status <= 206:
        message = json.loads(text).get("message", text) if text.startswith("{") else text
        raise VaultError(path, 500, message)
    review = json.loads(text)
    if not isinstance(review.get("status"), dict):
        # A body whose "status" is a string unmarshals into metav1.Status: Vault takes it as an error.
        raise VaultError(path, 500, review.get("message", text))
    result = review["status"]
    if result.get("error"):
        raise VaultError(path, 500, f"lookup failed: {result['error']}")
    if not result.get("authenticated"):
        raise VaultError(path, 500, "lookup failed: service account jwt not valid")
    if want and not set(want) & set(result.get("audiences") or []):
        raise VaultError(path, 500, f"lookup failed: service account jwt valid for audience(s) "
                                    f"[{' '.join(result.get('audiences') or [])}], but wanted [{' '.join(want)}]")
    parts = result.get("user", {}).get("username", "").split(":")
    if len(parts) != 4:
        raise VaultError(path, 500, "lookup failed: unexpected username format")
    if parts[:2] != ["system", "serviceaccount"]:
        raise VaultError(path, 500, "lookup failed: username returned is not a service account")
    if parts[3] != sa_name:
        raise VaultError(path, 500, "JWT names did not match")
    if result["user"].get("uid") != sa_uid:
        raise VaultError(path, 500, "JWT UIDs did not match")
    if parts[2] != namespace:
        raise VaultError(path, 500, "JWT namepaces did not match")
    return {"role": role_name, "alias": sa_uid, "policies": csv(role.get("policies")) or ["default"],
            "service_account_name": sa_name, "service_account_namespace": namespace,
            "service_account_uid": sa_uid}


def main(argv: list[str]) -> int:
    if argv[:2] == ["auth", "enable"]:
        kind = argv[-1]
        mount = next((a.split("=", 1)[1] for a in argv if a.startswith("-path=")), kind)
        mounts = load("mounts")
        mounts[mount] = kind
        save("mounts", mounts)
        print(f"Success! Enabled {kind} auth method at: {mount}/")
        return 0
    if len(argv) < 2 or argv[0] != "write" or not argv[1].startswith("auth/"):
        print(f"vault (emulator): unsupported command: vault {' '.join(argv)}", file=sys.stderr)
        return 1
    # `vault write PATH -` reads the whole request as one JSON object from stdin (typed values).
    target, pairs = argv[1].split("/"), json.load(sys.stdin) if argv[2:] == ["-"] else parse_pairs(argv[2:])
    # sdk/framework TypeMap: a string (key=value on the command line) is not a map.
    if isinstance(pairs.get("bound_claims"), str):
        print(f"Error writing data to {argv[1]}: Error making API request.\n\nCode: 400. Errors:\n\n"
              f"* error converting input {pairs['bound_claims']} for field \"bound_claims\": '' expected a "
              "map, got 'string'", file=sys.stderr)
        return 2
    mount = target[1]
    kind = load("mounts").get(mount)
    if kind is None:
        print(f"Error writing data to {argv[1]}: Code: 404. Errors:\n\n* no handler for route "
              f"\"{argv[1]}\". route entry not found.", file=sys.stderr)
        return 2
    if target[2:] == ["config"]:
        save(f"{mount}-config", pairs)
        print(f"Success! Data written to: {argv[1]}")
        return 0
    if len(target) == 4 and target[2] == "role":
        roles = load(f"{mount}-roles")
        roles[target[3]] = pairs
        save(f"{mount}-roles", roles)
        print(f"Success! Data written to: {argv[1]}")
        return 0
    if target[2:] == ["login"]:
        role_name = pairs.get("role", "")
        role = load(f"{mount}-roles").get(role_name)
        try:
            if role is None:
                raise VaultError(argv[1], 400, f'role "{role_name}" could not be found')
            login = jwt_login if kind == "jwt" else kubernetes_login
            result = login(mount, load(f"{mount}-config"), role, role_name, pairs.get("jwt", "").strip())
        except VaultError as e:
            print(e.render(), file=sys.stderr)
            return 2
        print(json.dumps({"auth": result}, indent=2))
        return 0
    print(f"vault (emulator): unsupported path {argv[1]}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

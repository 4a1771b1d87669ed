"""Test-author controls of a running kubemint (issue 5) and its access modes (issue 6), driven
through the CLI and over HTTP with `requests`, and checked with PyJWT and TokenReview."""

from __future__ import annotations

import json
import subprocess

import jwt
import pytest
import requests

from kubemint_server import start_server


START = "2025-01-01T00:00:00Z"
START_UNIX = 1735689600


@pytest.fixture
def server(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "srv", "--clock", f"fixed:{START}", tls=True)
    yield s
    s.stop()


def run(kubemint_bin, *args, check=True):
    p = subprocess.run([kubemint_bin, *map(str, args)], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=60)
    if check:
        assert p.returncode == 0, p.stderr
    return p


def review(server, token, audiences=None):
    body = {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": token}}
    if audiences:
        body["spec"]["audiences"] = audiences
    r = requests.post(server.url + "/apis/authentication.k8s.io/v1/tokenreviews", json=body,
                      verify=server.ca, headers=server.headers, timeout=10)
    assert r.status_code == 201, r.text
    return r.json()["status"]


def jwks_keys(server):
    r = requests.get(server.url + "/openid/v1/jwks", verify=server.ca, timeout=10)
    assert r.status_code == 200
    return {k["kid"]: k for k in r.json()["keys"]}


def test_clock_cli_and_http_expire_a_token_without_sleeping(kubemint_bin, server):
    kc = ["--kubeconfig", server.kubeconfig]
    now = json.loads(run(kubemint_bin, "clock", *kc).stdout)
    assert now == {"now": START, "unix": START_UNIX, "mode": "fixed"}

    token = run(kubemint_bin, "create", "token", "default", "--duration", "10m", *kc).stdout.strip()
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["iat"] == START_UNIX and claims["exp"] == START_UNIX + 600
    assert review(server, token)["authenticated"] is True

    # 11 minutes: inside go-jose's 60 s leeway, still valid (as on a real apiserver).
    run(kubemint_bin, "clock", "advance", "11m", *kc)
    assert review(server, token)["authenticated"] is True
    # One more second past the leeway: expired.
    r = requests.post(server.url + "/kubemint/v1/clock", json={"advance": "1s"}, verify=server.ca,
                      headers=server.headers, timeout=10)
    assert r.status_code == 200 and r.json()["now"] == "2025-01-01T00:11:01Z"
    status = review(server, token)
    assert status == {"user": {}, "error": "[invalid bearer token, service account token has expired]"}

    # Back in time: not yet valid (nbf beyond the leeway).
    run(kubemint_bin, "clock", "set", "2024-12-31T23:58:59Z", *kc)
    assert review(server, token)["error"] == "[invalid bearer token, service account token is not valid yet]"

    # Bad input to the control API is a Status 400, the clock unchanged.
    r = requests.post(server.url + "/kubemint/v1/clock", json={"advance": "soon"}, verify=server.ca,
                      headers=server.headers, timeout=10)
    assert r.status_code == 400 and r.json()["kind"] == "Status"
    assert "not a Go duration" in r.json()["message"]
    assert json.loads(run(kubemint_bin, "clock", *kc).stdout)["now"] == "2024-12-31T23:58:59Z"

    run(kubemint_bin, "clock", "real", *kc)
    assert json.loads(run(kubemint_bin, "clock", *kc).stdout)["mode"] == "real"


def test_key_rotation_and_retirement_on_a_running_server(kubemint_bin, server):
    kc = ["--kubeconfig", server.kubeconfig]
    run(kubemint_bin, "clock", "real", *kc)
    old_kid, = jwks_keys(server)
    old_token = run(kubemint_bin, "create", "token", "default", "--audience", "rp", *kc).stdout.strip()

    new_kid = run(kubemint_bin, "keys", "rotate", "--type", "ec", *kc).stdout.strip()
    assert new_kid != old_kid
    keys = jwks_keys(server)
    assert set(keys) == {old_kid, new_kid} and keys[new_kid]["alg"] == "ES256"
    d = requests.get(server.url + "/.well-known/openid-configuration", verify=server.ca, timeout=10).json()
    assert d["id_token_signing_alg_values_supported"] == ["ES256", "RS256"]

    new_token = run(kubemint_bin, "create", "token", "default", "--audience", "rp", *kc).stdout.strip()
    assert jwt.get_unverified_header(new_token) == {"alg": "ES256", "kid": new_kid}
    # A relying party with the JWKS verifies both: old tokens survive rotation.
    for token, kid in [(old_token, old_kid), (new_token, new_kid)]:
        key = jwt.PyJWK(keys[kid])
        jwt.decode(token, key.key, algorithms=[keys[kid]["alg"]], audience="rp")
        assert review(server, token, ["rp"])["authenticated"] is True

    # Retiring the signing key is refused; retiring the old one drops it and its tokens.
    p = run(kubemint_bin, "keys", "retire", *kc, "--", new_kid, check=False)
    assert p.returncode == 1 and "is the signing key" in p.stderr
    run(kubemint_bin, "keys", "retire", *kc, "--", old_kid)
    assert set(jwks_keys(server)) == {new_kid}
    assert review(server, old_token, ["rp"])["error"] == "[invalid bearer token, invalid signature, no keys found]"
    assert review(server, new_token, ["rp"])["authenticated"] is True


def test_create_token_through_the_server_and_verify_by_discovery(kubemint_bin, server, tmp_path):
    kc = ["--kubeconfig", server.kubeconfig]
    run(kubemint_bin, "clock", "real", *kc)
    p = run(kubemint_bin, "create", "token", "nope", *kc, check=False)
    assert p.returncode == 1
    assert p.stderr == 'error: failed to create token: serviceaccounts "nope" not found\n'
    token = run(kubemint_bin, "create", "token", "default", "--audience", "vault", *kc).stdout.strip()
    ca = tmp_path / "srv" / "keys" / "tls" / "ca.crt"
    ok = run(kubemint_bin, "verify", token, "--discover", server.url, "--certificate-authority", ca,
             "--audience", "vault")
    assert ok.stdout.startswith("valid: sub=system:serviceaccount:default:default ")
    bad = run(kubemint_bin, "verify", token, "--discover", server.url, "--certificate-authority", ca,
              "--audience", "other", check=False)
    assert bad.returncode == 1
    assert bad.stderr.startswith("error: token is not valid: audience check failed:")


def test_auth_token_mode_401_403_and_the_reviewer_role(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "auth", "--auth", "token", "--token-reviewer", "vault/reviewer",
                     tls=True)
    try:
        admin = s.headers
        assert admin, "the kubeconfig must carry the admin token"
        post = lambda path, body, headers: requests.post(s.url + path, json=body, verify=s.ca, headers=headers,
                                                         timeout=10)
        # Discovery stays public; everything else needs a token.
        assert requests.get(s.url + "/openid/v1/jwks", verify=s.ca, timeout=10).status_code == 200
        r = requests.get(s.url + "/api/v1/namespaces/default/serviceaccounts", verify=s.ca, timeout=10)
        assert r.status_code == 401
        assert r.text == ('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",'
                          '"message":"Unauthorized","reason":"Unauthorized","code":401}\n')
        assert post("/api/v1/namespaces", {"metadata": {"name": "vault"}}, admin).status_code == 201
        for name in ["reviewer", "app"]:
            assert post("/api/v1/namespaces/vault/serviceaccounts", {"metadata": {"name": name}},
                        admin).status_code == 201
        tokens = {}
        for name in ["reviewer", "app"]:
            r = post(f"/api/v1/namespaces/vault/serviceaccounts/{name}/token", {"spec": {}}, admin)
            assert r.status_code == 201, r.text
            tokens[name] = r.json()["status"]["token"]
        review_body = {"spec": {"token": tokens["app"]}}
        ok = post("/apis/authentication.k8s.io/v1/tokenreviews", review_body,
                  {"Authorization": f"Bearer {tokens['reviewer']}"})
        assert ok.status_code == 201 and ok.json()["status"]["authenticated"] is True
        denied = post("/apis/authentication.k8s.io/v1/tokenreviews", review_body,
                      {"Authorization": f"Bearer {tokens['app']}"})
        assert denied.status_code == 403
        assert denied.json()["message"] == (
            'tokenreviews.authentication.k8s.io is forbidden: User "system:serviceaccount:vault:app" cannot '
            'create resource "tokenreviews" in API group "authentication.k8s.io" at the cluster scope')
        garbage = post("/apis/authentication.k8s.io/v1/tokenreviews", review_body,
                       {"Authorization": "Bearer not-a-token"})
        assert garbage.status_code == 401
        # A service-account token whose audience is not an API audience is not a credential.
        r = post("/api/v1/namespaces/vault/serviceaccounts/reviewer/token", {"spec": {"audiences": ["vault"]}},
                 admin)
        wrong_aud = r.json()["status"]["token"]
        assert post("/apis/authentication.k8s.io/v1/tokenreviews", review_body,
                    {"Authorization": f"Bearer {wrong_aud}"}).status_code == 401
        # Any authenticated service account may ask who it is.
        who = post("/apis/authentication.k8s.io/v1/selfsubjectreviews", {}, {"Authorization": f"Bearer {tokens['app']}"})
        assert who.status_code == 201
        assert who.json()["status"]["userInfo"]["username"] == "system:serviceaccount:vault:app"
        # The control API is the admin's only.
        assert requests.get(s.url + "/kubemint/v1/clock", verify=s.ca, timeout=10,
                            headers={"Authorization": f"Bearer {tokens['reviewer']}"}).status_code == 403
        assert requests.get(s.url + "/kubemint/v1/clock", verify=s.ca, timeout=10, headers=admin).status_code == 200
    finally:
        s.stop()


def test_defective_tokens_through_the_control_api_are_rejected_by_review_and_pyjwt(kubemint_bin, server):
    kc = ["--kubeconfig", server.kubeconfig]
    run(kubemint_bin, "clock", "real", *kc)
    names = [line.split()[0] for line in run(kubemint_bin, "create", "token", "--defects").stdout.splitlines()
             if line.strip()]
    assert "expired" in names and "hs256-key-confusion" in names and len(names) == 12
    keys = jwks_keys(server)
    issuer = requests.get(server.url + "/.well-known/openid-configuration", verify=server.ca,
                          timeout=10).json()["issuer"]
    control = run(kubemint_bin, "create", "token", "default", "--audience", "rp", *kc).stdout.strip()
    for name in names:
        token = run(kubemint_bin, "create", "token", "default", "--audience", "rp", "--defect", name, *kc).stdout.strip()
        assert token != control
        header = jwt.get_unverified_header(token)
        with pytest.raises(jwt.PyJWTError):
            kid = header.get("kid")
            if kid not in keys:
                raise jwt.InvalidKeyError(f"{name}: kid {kid!r} not in the JWKS")
            jwt.decode(token, jwt.PyJWK(keys[kid]).key, algorithms=["RS256", "ES256"], audience="rp",
                       issuer=issuer, options={"require": ["exp", "iat", "nbf", "iss", "aud", "sub"]})
        if name != "missing-sub":  # the apiserver never checks sub of a bound token (claims.go)
            assert review(server, token, ["rp"]).get("authenticated") is not True, name
    # The control token passes both.
    key = jwt.PyJWK(keys[jwt.get_unverified_header(control)["kid"]])
    jwt.decode(control, key.key, algorithms=["RS256", "ES256"], audience="rp", issuer=issuer)
    assert review(server, control, ["rp"])["authenticated"] is True
    r = requests.post(server.url + "/kubemint/v1/namespaces/default/serviceaccounts/default/defective-token",
                      json={"defect": "nope"}, verify=server.ca, headers=server.headers, timeout=10)
    assert r.status_code == 400 and r.json()["message"].startswith('unknown defect "nope"; one of: expired,')


def test_users_own_tls_certificate_and_seeded_uids(kubemint_bin, tmp_path):
    # A CA and a serving certificate made by openssl, as a user would bring them.
    d = tmp_path / "pki"
    d.mkdir()
    sh = lambda *a: subprocess.run(a, check=True, capture_output=True, cwd=d)
    sh("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
       "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=user-ca", "-days", "2")
    sh("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
       "tls.key", "-out", "tls.csr", "-subj", "/CN=127.0.0.1")
    (d / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    sh("openssl", "x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
       "-out", "tls.crt", "-days", "1", "-extfile", "ext.cnf")
    uids = []
    for run_no in range(2):
        s = start_server(kubemint_bin, tmp_path / f"own{run_no}", "--tls-cert", d / "tls.crt", "--tls-key",
                         d / "tls.key", "--tls-ca", d / "ca.crt", "--seed", "42")
        try:
            assert s.url.startswith("https://127.0.0.1:")
            r = requests.get(s.url + "/readyz", verify=str(d / "ca.crt"), timeout=10)
            assert r.status_code == 200 and r.text == "ok"
            created = requests.post(s.url + "/api/v1/namespaces/default/serviceaccounts",
                                    json={"metadata": {"name": "web"}}, verify=str(d / "ca.crt"),
                                    headers=s.headers, timeout=10)
            assert created.status_code == 201
            uids.append(created.json()["metadata"]["uid"])
        finally:
            s.stop()
    # --seed makes UIDs reproducible across runs.
    assert uids[0] == uids[1]

"""CI ID tokens beside the Kubernetes issuer (docs/kubernetes-behaviour.md §27): `kubemint serve
--issuer-profile github-actions --issuer-profile gitlab-ci`, GitHub's job token protocol driven by a
client written from GitHub's documentation, PyJWT verifying each profile's tokens through the profile's
own discovery, the offline commands, and tokens never crossing between issuers."""

import json
import subprocess

import jwt
import pytest
import requests

from kubemint_server import start_server

pytestmark = pytest.mark.server

# The claims GitHub's and GitLab's documentation list for a job without an environment.
GITHUB_CLAIMS = {
    "jti", "sub", "aud", "ref", "sha", "repository", "repository_owner", "actor_id", "repository_visibility",
    "repository_id", "repository_owner_id", "run_id", "run_number", "run_attempt", "check_run_id",
    "runner_environment", "actor", "workflow", "head_ref", "base_ref", "event_name", "ref_protected", "ref_type", "workflow_ref", "workflow_sha",
    "job_workflow_ref", "job_workflow_sha", "iss", "nbf", "exp", "iat"}
GITLAB_CLAIMS = {
    "namespace_id", "namespace_path", "project_id", "project_path", "user_id", "user_login", "user_email",
    "user_access_level", "pipeline_id", "pipeline_source", "job_id", "ref", "ref_type", "ref_path", "ref_protected",
    "runner_id", "runner_environment", "sha", "project_visibility", "ci_config_ref_uri", "ci_config_sha", "jti",
    "iss", "iat", "nbf", "exp", "sub", "aud"}


def printed(server, name: str) -> str:
    for line in "".join(server.output).splitlines():
        if line.startswith(name + "="):
            return line.split("=", 1)[1]
    raise AssertionError(f"serve printed no {name}:\n{server.log()}")


def verify_by_discovery(token: str, issuer: str, audience) -> dict:
    """What a relying party does: discovery, then the JWKS it names, then the signature and claims."""
    disc = requests.get(issuer + "/.well-known/openid-configuration", timeout=10).json()
    assert disc["issuer"] == issuer, disc
    key = jwt.PyJWKClient(disc["jwks_uri"]).get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=disc["id_token_signing_alg_values_supported"],
                      audience=audience, issuer=issuer)


def github_id_token(request_url: str, request_token: str, audience: str | None) -> requests.Response:
    """docs.github.com: curl -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN"
    "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=…" answers {"value": "<jwt>"}."""
    url = request_url + (f"&audience={audience}" if audience else "")
    return requests.get(url, headers={"Authorization": f"bearer {request_token}"}, timeout=10)


@pytest.fixture
def server(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "serve", "--issuer-profile", "github-actions",
                     "--issuer-profile", "gitlab-ci", "--github-job", "repository=acme/api",
                     "--github-job", "ref=refs/heads/release")
    yield s
    s.stop()


def test_github_job_token_by_the_documented_protocol(server):
    url, token = printed(server, "ACTIONS_ID_TOKEN_REQUEST_URL"), printed(server, "ACTIONS_ID_TOKEN_REQUEST_TOKEN")
    issuer = server.url + "/github-actions"
    r = github_id_token(url, token, "sts.amazonaws.com")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/json", r.text
    jwt_text = r.json()["value"]
    assert jwt.get_unverified_header(jwt_text)["typ"] == "JWT"
    claims = verify_by_discovery(jwt_text, issuer, "sts.amazonaws.com")
    assert set(claims) == GITHUB_CLAIMS, sorted(set(claims) ^ GITHUB_CLAIMS)
    assert claims["sub"] == "repo:acme/api:ref:refs/heads/release"
    assert (claims["repository"], claims["repository_owner"], claims["ref_type"]) == ("acme/api", "acme", "branch")
    assert claims["iat"] - claims["nbf"] == 300 and claims["exp"] - claims["iat"] == 300
    # Without an audience: the repository owner's URL, as GitHub's default.
    default = github_id_token(url, token, None).json()["value"]
    assert verify_by_discovery(default, issuer, "https://github.com/acme")["aud"] == "https://github.com/acme"
    # A wrong or missing request token is refused.
    assert github_id_token(url, "not-a-job", "x").status_code == 401
    assert requests.get(url, timeout=10).status_code == 401


def test_jobs_are_added_through_the_control_api(server):
    r = requests.post(server.url + "/kubemint/v1/ci/github-actions/jobs", timeout=10,
                      json={"repository": "acme/web", "environment": "prod", "event_name": "pull_request"})
    assert r.status_code == 200, r.text
    job = r.json()
    token = github_id_token(job["ACTIONS_ID_TOKEN_REQUEST_URL"], job["ACTIONS_ID_TOKEN_REQUEST_TOKEN"], "vault").json()
    claims = verify_by_discovery(token["value"], server.url + "/github-actions", "vault")
    assert claims["sub"] == "repo:acme/web:environment:prod" and claims["environment"] == "prod"
    bad = requests.post(server.url + "/kubemint/v1/ci/github-actions/jobs", json={"ref": "x"}, timeout=10)
    assert bad.status_code == 400 and "needs the repository" in bad.json()["message"], bad.text


def test_gitlab_ci_env_tokens_verify_through_the_servers_discovery(server, kubemint_bin):
    issuer = server.url + "/gitlab-ci"
    p = subprocess.run([kubemint_bin, "ci-env", "gitlab", "--id-token", "VAULT_ID_TOKEN", "--aud",
                        "https://vault.example", "--project-path", "my-group/my-project", "--ref", "main",
                        "--issuer", issuer, "--keys", str(server.dir / "keys")],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 0, p.stderr
    shell = subprocess.run(["bash", "-c", p.stdout + 'printf %s "$VAULT_ID_TOKEN"'], capture_output=True,
                           text=True, timeout=30, check=True)
    claims = verify_by_discovery(shell.stdout, issuer, "https://vault.example")
    assert set(claims) == GITLAB_CLAIMS, sorted(set(claims) ^ GITLAB_CLAIMS)
    assert claims["sub"] == "project_path:my-group/my-project:ref_type:branch:ref:main"
    assert claims["runner_id"] == 1 and claims["namespace_path"] == "my-group"


def test_offline_github_token_matches_the_servers_keys(server, kubemint_bin):
    issuer = server.url + "/github-actions"
    p = subprocess.run([kubemint_bin, "create", "token", "--profile", "github-actions", "--repository", "acme/api",
                        "--environment", "staging", "--claim", "team=payments", "--audience", "a",
                        "--issuer", issuer, "--keys", str(server.dir / "keys")],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 0, p.stderr
    claims = verify_by_discovery(p.stdout.strip(), issuer, "a")
    assert claims["sub"] == "repo:acme/api:environment:staging" and claims["team"] == "payments"


def test_tokens_never_cross_issuers(server):
    url, token = printed(server, "ACTIONS_ID_TOKEN_REQUEST_URL"), printed(server, "ACTIONS_ID_TOKEN_REQUEST_TOKEN")
    github_token = github_id_token(url, token, "https://kubernetes.default.svc").json()["value"]
    review = requests.post(server.url + "/apis/authentication.k8s.io/v1/tokenreviews", timeout=10,
                           json={"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview",
                                 "spec": {"token": github_token}}).json()
    assert review["status"].get("authenticated") is not True, review
    sa_token = requests.post(server.url + "/api/v1/namespaces/default/serviceaccounts/default/token", timeout=10,
                             json={"spec": {"audiences": ["a"]}}).json()["status"]["token"]
    for profile in ("github-actions", "gitlab-ci"):
        with pytest.raises(jwt.PyJWKClientError):
            verify_by_discovery(sa_token, server.url + "/" + profile, "a")


def github_key_certificates(jwks: dict) -> dict:
    """What a relying party that trusts x5c/x5t checks, written from RFC 7515/7517: per kid, the
    certificate in x5c[0] carries the JWK's own public key, x5t is the SHA-1 of its DER, and (GitHub's
    are self-signed) its signature verifies with that key. Returns {kid: x5t}."""
    import base64
    import hashlib

    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import padding

    thumbprints = {}
    for jwk in jwks["keys"]:
        assert list(jwk) == ["n", "kty", "kid", "alg", "e", "use", "x5c", "x5t"], list(jwk)  # GitHub's order
        der = base64.b64decode(jwk["x5c"][0], validate=True)
        assert base64.urlsafe_b64encode(hashlib.sha1(der).digest()).rstrip(b"=").decode() == jwk["x5t"]
        cert = x509.load_der_x509_certificate(der)
        numbers = cert.public_key().public_numbers()
        as_int = lambda text: int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")
        assert (numbers.n, numbers.e) == (as_int(jwk["n"]), as_int(jwk["e"])), jwk["kid"]
        assert cert.issuer == cert.subject
        cert.public_key().verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(),
                                 cert.signature_hash_algorithm)
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        assert names.get_values_for_type(x509.DNSName) == ["github-actions.kubemint.invalid"]
        assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        thumbprints[jwk["kid"]] = jwk["x5t"]
    return thumbprints


def test_github_keys_carry_their_certificates_like_githubs(server, kubemint_bin, tmp_path):
    url, token = printed(server, "ACTIONS_ID_TOKEN_REQUEST_URL"), printed(server, "ACTIONS_ID_TOKEN_REQUEST_TOKEN")
    issuer = server.url + "/github-actions"
    jwks_url = issuer + "/.well-known/jwks"
    thumbprints = github_key_certificates(requests.get(jwks_url, timeout=10).json())
    header = jwt.get_unverified_header(github_id_token(url, token, "a").json()["value"])
    assert list(header) == ["alg", "kid", "typ", "x5t"], header  # the order of GitHub's tokens
    assert header["x5t"] == thumbprints[header["kid"]]
    # GitLab's keys are bare, members in the order of gitlab.com's JWKS.
    gitlab = requests.get(server.url + "/gitlab-ci/oauth/discovery/keys", timeout=10).json()
    assert all(list(k) == ["kty", "kid", "e", "n", "use", "alg"] for k in gitlab["keys"]), gitlab
    # A rotation publishes the new key with its certificate; the old key keeps its certificate.
    rotated = requests.post(server.url + "/kubemint/v1/ci/github-actions/keys/rotate", json={}, timeout=30).json()
    after = github_key_certificates(requests.get(jwks_url, timeout=10).json())
    assert set(after) == set(rotated["keys"]) and all(after[k] == v for k, v in thumbprints.items())
    header = jwt.get_unverified_header(github_id_token(url, token, "a").json()["value"])
    assert header["kid"] == rotated["rotatedTo"] and header["x5t"] == after[header["kid"]]
    # Offline tokens and a static export of the same keys carry the same certificates.
    p = subprocess.run([kubemint_bin, "create", "token", "--profile", "github-actions", "--repository", "acme/api",
                        "--audience", "a", "--issuer", issuer, "--keys", str(server.dir / "keys")],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 0, p.stderr
    assert jwt.get_unverified_header(p.stdout.strip())["x5t"] == after[rotated["rotatedTo"]]
    out = tmp_path / "public"
    p = subprocess.run([kubemint_bin, "export-oidc", "--profile", "github-actions", "--issuer", issuer, "--out",
                        str(out), "--keys", str(server.dir / "keys")], capture_output=True, text=True, timeout=30)
    assert p.returncode == 0, p.stderr
    assert github_key_certificates(json.loads((out / ".well-known" / "jwks").read_text())) == after


def test_bad_profiles_and_jobs_are_clear_errors(kubemint_bin, tmp_path):
    keys = tmp_path / "keys"
    keys.mkdir()
    p = subprocess.run([kubemint_bin, "serve", "--listen", "127.0.0.1:0", "--keys", str(keys), "--kubeconfig",
                        str(tmp_path / "kc"), "--issuer-profile", "circleci"], capture_output=True, text=True,
                       timeout=30)
    assert p.returncode != 0 and "--issuer-profile circleci: use github-actions or gitlab-ci" in p.stderr, p.stderr
    p = subprocess.run([kubemint_bin, "create", "token", "--profile", "github-actions", "--keys", str(keys)],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode != 0 and "needs the repository (repository=ORG/REPO)" in p.stderr, p.stderr
    p = subprocess.run([kubemint_bin, "ci-env", "gitlab", "--id-token", "1X", "--aud", "a", "--project-path", "g/p",
                        "--keys", str(keys)], capture_output=True, text=True, timeout=30)
    assert p.returncode != 0 and "a variable name" in p.stderr, p.stderr


def test_profile_keys_rotate_under_a_relying_party(server):
    url, token = printed(server, "ACTIONS_ID_TOKEN_REQUEST_URL"), printed(server, "ACTIONS_ID_TOKEN_REQUEST_TOKEN")
    issuer = server.url + "/github-actions"
    before = github_id_token(url, token, "a").json()["value"]
    r = requests.post(server.url + "/kubemint/v1/ci/github-actions/keys/rotate", json={}, timeout=30)
    assert r.status_code == 200, r.text
    rotated = r.json()
    after = github_id_token(url, token, "a").json()["value"]
    assert jwt.get_unverified_header(after)["kid"] == rotated["rotatedTo"] == rotated["signingKey"]
    assert jwt.get_unverified_header(before)["kid"] in rotated["keys"]
    for t in (before, after):  # both verify: the old key stays published
        verify_by_discovery(t, issuer, "a")
    missing = requests.post(server.url + "/kubemint/v1/ci/circleci/keys/rotate", json={}, timeout=10)
    assert missing.status_code == 404, missing.text


def test_keys_commands_take_a_profile(server, kubemint_bin):
    """`kubemint keys … --profile P`: the profile's directory offline, the profile's keys on a running server."""
    def kubemint(*argv):
        p = subprocess.run([kubemint_bin, "keys", *argv], capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, (argv, p.stderr)
        return p.stdout.strip()

    keys, on_server = str(server.dir / "keys"), ["--server", server.url]
    jwks_url = server.url + "/github-actions/.well-known/jwks"
    assert json.loads(kubemint("jwks", "--profile", "github-actions", "--keys", keys)) == requests.get(
        jwks_url, timeout=10).json()
    first = json.loads(kubemint("list", "--profile", "github-actions", "--keys", keys, "-o", "json"))
    assert len(first) == 1 and first[0]["signing"], first
    rotated = kubemint("rotate", "--profile", "github-actions", *on_server)
    published = [k["kid"] for k in requests.get(jwks_url, timeout=10).json()["keys"]]
    assert published == [rotated, first[0]["kid"]], published
    # The Kubernetes issuer's keys did not move.
    assert rotated not in kubemint("list", "--keys", keys)
    kubemint("retire", "--profile", "github-actions", *on_server, "--", first[0]["kid"])
    assert [k["kid"] for k in requests.get(jwks_url, timeout=10).json()["keys"]] == [rotated]
    # A key added on disk is served after a reload.
    added = kubemint("generate", "--profile", "gitlab-ci", "--keys", keys)
    gitlab_url = server.url + "/gitlab-ci/oauth/discovery/keys"
    assert added not in requests.get(gitlab_url, timeout=10).text
    kubemint("reload", "--profile", "gitlab-ci", *on_server)
    assert added in requests.get(gitlab_url, timeout=10).text
    p = subprocess.run([kubemint_bin, "keys", "list", "--profile", "circleci", "--keys", keys], capture_output=True,
                       text=True, timeout=30)
    assert p.returncode != 0 and "--profile circleci: use github-actions or gitlab-ci" in p.stderr, p.stderr


def test_ci_readme_recipes(kubemint_bin, tmp_path):
    """The README's "GitHub Actions and GitLab CI ID tokens" blocks, as written, with `vault` on PATH
    being the emulator the Vault recipes use and the two GitHub variables exported as serve printed them."""
    import stat
    import sys
    from pathlib import Path

    from readme_recipes import recipe
    from recipe_runner import bash, serve, user_env

    project = tmp_path / "project"
    project.mkdir()
    server = serve(recipe("ci-serve").text, project, user_env(kubemint_bin))
    try:
        output = server.output()
        variables = dict(line.split("=", 1) for line in output.splitlines() if line.startswith("ACTIONS_ID_TOKEN"))
        assert set(variables) == {"ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"}, output
        assert f"github-actions issuer: {server.issuer}/github-actions" in output, output
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        shim = bin_dir / "vault"
        emulator = Path(__file__).resolve().parent / "vault_emulator.py"
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{emulator}" "$@"\n')
        shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
        env = user_env(kubemint_bin, KUBEMINT_ISSUER=server.issuer, KUBEMINT_CA=server.ca,
                       VAULT_EMULATOR_DIR=str(tmp_path / "vault-state"), **variables)
        env["PATH"] = f"{bin_dir}:{env['PATH']}"
        login = bash(recipe("ci-vault-github").text, project, env).stdout
        auth = json.loads(login[login.index("{\n"):])["auth"]
        assert auth["alias"] == "octocat" and auth["role"] == "deploy", login
        # The same login for another branch's job is refused by bound_claims.
        other = requests.post(server.url + "/kubemint/v1/ci/github-actions/jobs", verify=server.ca, timeout=10,
                              json={"repository": "octo-org/octo-repo", "ref": "refs/heads/feature"}).json()
        refused = bash(recipe("ci-vault-github").text, project, env | other, check=False)
        assert refused.returncode != 0 and 'claim "ref" does not match' in refused.stderr + refused.stdout
        inspected = bash(recipe("ci-gitlab-env").text, project, env).stdout
        assert "project_path:my-group/my-project:ref_type:branch:ref:main" in inspected, inspected
        # The Python relying party, on a token fetched by the documented protocol.
        (project / "verify_github_token.py").write_text(recipe("ci-pyjwt").text)
        fetched = requests.get(variables["ACTIONS_ID_TOKEN_REQUEST_URL"] + "&audience=sts.amazonaws.com",
                               headers={"Authorization": f"bearer {variables['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}"},
                               verify=server.ca, timeout=10).json()["value"]
        shown = bash(f"{sys.executable} verify_github_token.py", project, env, stdin=fetched).stdout
        assert shown.split() == ["octo-org/octo-repo", "refs/heads/main", "repo:octo-org/octo-repo:ref:refs/heads/main"]
        # The README's trust policy, with this server as the provider, decides on its tokens.
        provider = (server.issuer + "/github-actions").split("://", 1)[1]
        policy = json.loads(recipe("ci-aws-trust-policy").text.replace("PROVIDER", provider))
        claims = jwt.decode(fetched, options={"verify_signature": False})
        assert aws_condition_allows(policy, provider, claims)
        assert not aws_condition_allows(policy, provider, claims | {"sub": "repo:someone/else:ref:refs/heads/main"})
        assert not aws_condition_allows(policy, provider, claims | {"aud": "api://AzureADTokenExchange"})
        # The static export block, as written.
        bash(recipe("ci-static-export").text, project, env)
        assert json.loads((project / "public/.well-known/openid-configuration").read_text())["issuer"] == \
            "https://oidc.example.com/gha"
        assert jwt.decode((project / "gha.jwt").read_text(), options={"verify_signature": False})["iss"] == \
            "https://oidc.example.com/gha"
    finally:
        server.stop()


def test_a_profile_issuer_hosted_as_static_files(kubemint_bin, tmp_path):
    """export-oidc --profile writes the profile's discovery and JWKS at its paths; a plain static file
    server at the issuer URL is then a GitHub-style issuer for offline tokens."""
    import functools
    import http.server
    import threading

    public = tmp_path / "public"
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(public)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        issuer = f"http://127.0.0.1:{httpd.server_address[1]}"
        keys = tmp_path / "keys"
        for argv in (["export-oidc", "--profile", "github-actions", "--issuer", issuer, "--out", str(public)],
                     ["create", "token", "--profile", "github-actions", "--repository", "acme/api", "--issuer",
                      issuer, "--audience", "sts.amazonaws.com"]):
            p = subprocess.run([kubemint_bin, *argv, "--keys", str(keys)], capture_output=True, text=True, timeout=30)
            assert p.returncode == 0, p.stderr
        assert (public / ".well-known" / "jwks").is_file()
        claims = verify_by_discovery(p.stdout.strip(), issuer, "sts.amazonaws.com")
        assert claims["sub"] == "repo:acme/api:ref:refs/heads/main"
    finally:
        httpd.shutdown()


def aws_condition_allows(policy: dict, provider: str, claims: dict) -> bool:
    """The part of AWS IAM's AssumeRoleWithWebIdentity evaluation a trust policy for GitHub uses:
    StringEquals and StringLike on `<provider>:aud` and `<provider>:sub` (`*` and `?` wildcards)."""
    import fnmatch
    for statement in policy["Statement"]:
        ok = True
        for operator, conditions in statement["Condition"].items():
            for key, wanted in conditions.items():
                provider_name, _, claim = key.rpartition(":")
                assert provider_name == provider, key
                values = wanted if isinstance(wanted, list) else [wanted]
                got = claims.get(claim)
                if operator == "StringEquals":
                    ok &= got in values
                elif operator == "StringLike":
                    ok &= any(fnmatch.fnmatchcase(str(got), v) for v in values)
                else:
                    raise AssertionError(f"operator {operator} not modelled")
        if ok and statement["Effect"] == "Allow":
            return True
    return False


def test_an_aws_style_trust_policy_on_github_claims(server):
    """GitHub's AWS guide: a role trusting the provider, audience sts.amazonaws.com, sub limited to one
    repository; the provider name is the issuer without https://."""
    provider = (server.url + "/github-actions").split("://", 1)[1]
    policy = {"Statement": [{"Effect": "Allow", "Condition": {
        "StringEquals": {f"{provider}:aud": "sts.amazonaws.com"},
        "StringLike": {f"{provider}:sub": "repo:acme/api:*"}}}]}
    url, token = printed(server, "ACTIONS_ID_TOKEN_REQUEST_URL"), printed(server, "ACTIONS_ID_TOKEN_REQUEST_TOKEN")
    allowed = verify_by_discovery(github_id_token(url, token, "sts.amazonaws.com").json()["value"],
                                  server.url + "/github-actions", "sts.amazonaws.com")
    assert aws_condition_allows(policy, provider, allowed)
    other = requests.post(server.url + "/kubemint/v1/ci/github-actions/jobs", json={"repository": "acme/web"},
                          timeout=10).json()
    denied = jwt.decode(github_id_token(other["ACTIONS_ID_TOKEN_REQUEST_URL"], other["ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
                                        "sts.amazonaws.com").json()["value"], options={"verify_signature": False})
    assert not aws_condition_allows(policy, provider, denied)


def test_every_defect_spoils_a_profile_token_for_a_strict_relying_party(server, kubemint_bin):
    """The defects of `kubemint create token --defect` on CI tokens, from the control API and offline:
    PyJWT through the profile's discovery (requiring exp, iat and sub) rejects every one, and accepts
    the same job's token without a defect."""
    issuer = server.url + "/github-actions"
    defects = subprocess.run([kubemint_bin, "create", "token", "--defects"], capture_output=True, text=True,
                             timeout=30, check=True).stdout
    names = [line.split()[0] for line in defects.splitlines() if line and not line.startswith(" ")]
    assert len(names) >= 12, defects

    def strict(token: str):
        disc = requests.get(issuer + "/.well-known/openid-configuration", timeout=10).json()
        key = jwt.PyJWKClient(disc["jwks_uri"]).get_signing_key_from_jwt(token)
        return jwt.decode(token, key.key, algorithms=["RS256"], audience="a", issuer=issuer,
                          options={"require": ["exp", "iat", "sub"]})

    body = {"claims": {"repository": "acme/api"}, "audience": "a"}
    good = requests.post(server.url + "/kubemint/v1/ci/github-actions/token", json=body, timeout=10).json()["token"]
    assert strict(good)["repository"] == "acme/api"
    for name in names:
        r = requests.post(server.url + "/kubemint/v1/ci/github-actions/token", json=body | {"defect": name},
                          timeout=60)
        assert r.status_code == 200, (name, r.text)
        with pytest.raises((jwt.PyJWTError, jwt.PyJWKClientError)):
            strict(r.json()["token"])
    offline = subprocess.run([kubemint_bin, "create", "token", "--profile", "github-actions", "--repository",
                              "acme/api", "--audience", "a", "--issuer", issuer, "--keys", str(server.dir / "keys"),
                              "--defect", "expired"], capture_output=True, text=True, timeout=30)
    assert offline.returncode == 0, offline.stderr
    with pytest.raises(jwt.ExpiredSignatureError):
        strict(offline.stdout.strip())
    bad = requests.post(server.url + "/kubemint/v1/ci/github-actions/token", json=body | {"defect": "nope"},
                        timeout=10)
    assert bad.status_code == 400 and "unknown defect" in bad.json()["message"]

"""Issue 3: PyJWT verifies tokens minted by the running server the way a relying party does —
OIDC discovery -> jwks_uri -> key by kid — over plain HTTP and over TLS with the CA kubemint wrote.
Discovery and JWKS bodies and headers are the apiserver's (docs/kubernetes-behaviour.md §3.2, §3.3)."""

from __future__ import annotations

import json
import os
import re
import signal
import ssl
import uuid

import pytest

from kubemint_server import printed_urls, start_server


import jwt  # noqa: E402
import requests  # noqa: E402
from kubernetes import client as k8s  # noqa: E402
from kubernetes import config as k8s_config  # noqa: E402

from interop_helpers import split_jws  # noqa: E402

pytestmark = pytest.mark.server

DISCOVERY_KEYS = ["issuer", "jwks_uri", "response_types_supported", "subject_types_supported",
                  "id_token_signing_alg_values_supported"]


@pytest.fixture(scope="module", params=["http", "tls"])
def server(request, kubemint_bin, tmp_path_factory):
    s = start_server(kubemint_bin, tmp_path_factory.mktemp(f"disc-{request.param}"),
                     tls=request.param == "tls")
    s.tls = request.param == "tls"
    yield s
    s.stop()


def mint_via_api(server, audiences):
    api = k8s_config.new_client_from_config(config_file=str(server.kubeconfig))
    try:
        core = k8s.CoreV1Api(api)
        ns = f"disc-{uuid.uuid4().hex[:8]}"
        core.create_namespace(k8s.V1Namespace(metadata=k8s.V1ObjectMeta(name=ns)))
        core.create_namespaced_service_account(ns, k8s.V1ServiceAccount(metadata=k8s.V1ObjectMeta(name="rp")))
        tr = core.create_namespaced_service_account_token("rp", ns, k8s.AuthenticationV1TokenRequest(
            api_version="authentication.k8s.io/v1", kind="TokenRequest", spec=k8s.V1TokenRequestSpec(audiences=audiences, expiration_seconds=600)))
        return tr.status.token, ns
    finally:
        api.close()


def test_server_printed_its_urls(server):
    urls = printed_urls(server)
    assert any(u.rstrip("/").startswith(server.url.rstrip("/")) for u in urls), server.log()
    assert str(server.kubeconfig) in server.log(), server.log()
    if server.tls:
        assert server.url.startswith("https://127.0.0.1:"), server.url
        assert isinstance(server.ca, str), "a --tls kubeconfig must carry the CA"
        # The CA path is printed: some printed path is an existing PEM certificate file.
        paths = re.findall(r"(/[^\s\"']+\.(?:crt|pem))", server.log())
        certs = [p for p in paths if os.path.isfile(p)
                 and open(p).read().startswith("-----BEGIN CERTIFICATE-----")]
        assert certs, f"no CA certificate path among the printed lines:\n{server.log()}"


def test_discovery_document(server):
    r = server.get("/.well-known/openid-configuration")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "application/json"
    assert r.headers["Cache-Control"] == "public, max-age=3600"
    doc = json.loads(r.text, object_pairs_hook=lambda pairs: pairs)
    assert [k for k, _ in doc] == DISCOVERY_KEYS
    d = dict(doc)
    assert d["response_types_supported"] == ["id_token"]
    assert d["subject_types_supported"] == ["public"]
    assert d["id_token_signing_alg_values_supported"] == ["RS256"]
    assert d["jwks_uri"].endswith("/openid/v1/jwks")
    if server.tls:
        assert d["jwks_uri"] == server.url.rstrip("/") + "/openid/v1/jwks"


def test_jwks_endpoint_headers_and_members(server):
    r = server.get("/openid/v1/jwks")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "application/jwk-set+json"
    assert r.headers["Cache-Control"] == "public, max-age=3600"
    keys = r.json()["keys"]
    assert len(keys) >= 1
    for k in keys:
        assert not set(k) & {"d", "p", "q", "dp", "dq", "qi", "oth"}, k
        assert k["use"] == "sig" and len(k["kid"]) == 43


def test_pyjwt_verifies_via_discovery(server):
    token, ns = mint_via_api(server, ["vault"])
    disc = server.get("/.well-known/openid-configuration").json()
    if server.tls:
        jwks_resp = requests.get(disc["jwks_uri"], verify=server.ca, headers=server.headers, timeout=10)
    else:
        jwks_resp = server.get("/openid/v1/jwks")
    assert jwks_resp.status_code == 200
    kid = split_jws(token).header["kid"]
    key = jwt.PyJWKSet.from_dict(jwks_resp.json())[kid]
    claims = jwt.decode(token, key=key.key, algorithms=disc["id_token_signing_alg_values_supported"],
                        audience="vault", issuer=disc["issuer"])
    assert claims["sub"] == f"system:serviceaccount:{ns}:rp"
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(token, key=key.key, algorithms=["RS256"], audience="other", issuer=disc["issuer"])


@pytest.mark.parametrize("server", ["tls"], indirect=True)
def test_pyjwkclient_fetches_keys_over_tls_with_the_written_ca(server):
    token, _ = mint_via_api(server, ["vault"])
    disc = server.get("/.well-known/openid-configuration").json()
    ctx = ssl.create_default_context(cafile=server.ca)
    client = jwt.PyJWKClient(disc["jwks_uri"], ssl_context=ctx, headers=server.headers)
    key = client.get_signing_key_from_jwt(token)
    assert jwt.decode(token, key=key.key, algorithms=["RS256"], audience="vault",
                      issuer=disc["issuer"])["aud"] == ["vault"]


@pytest.mark.parametrize("server", ["tls"], indirect=True)
def test_tls_is_real_and_needs_the_written_ca(server):
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(server.url.rstrip("/") + "/readyz", timeout=10)  # system CAs only
    assert server.get("/readyz").status_code == 200


def test_sigterm_shuts_down_gracefully(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "sigterm")
    s.proc.send_signal(signal.SIGTERM)
    assert s.proc.wait(timeout=10) == 0, s.log()

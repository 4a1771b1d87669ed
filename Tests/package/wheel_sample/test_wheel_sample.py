"""What a Python project does with `pip install kubemint`: scripts/package-test runs this file inside a
fresh Debian rootfs, in a venv holding only the wheel, PyJWT and pytest. The `kubemint` and
`kubemint_factory` fixtures come from the wheel's pytest plugin (its pytest11 entry point): nothing here
imports or configures it.
"""
import json
import os
import ssl
import urllib.request

import jwt
import pytest


def relying_party_verify(token: str, issuer: str, ca_path: str, audience: str) -> dict:
    """A relying party that trusts the issuer by OIDC discovery: the discovery document names the JWKS."""
    tls = ssl.create_default_context(cafile=ca_path)
    with urllib.request.urlopen(issuer + "/.well-known/openid-configuration", context=tls) as response:
        discovery = json.load(response)
    assert discovery["issuer"] == issuer
    jwks = jwt.PyJWKClient(discovery["jwks_uri"], ssl_context=tls)
    key = jwks.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=discovery["id_token_signing_alg_values_supported"],
                      audience=audience, issuer=issuer)


def test_the_plugin_runs_the_wheels_own_binary(kubemint):
    import kubemint as package

    assert package.binary_path().startswith(os.path.dirname(package.__file__))
    assert "libswift" not in open(f"/proc/{kubemint.pid}/maps").read()  # static Swift runtime


def test_a_token_verifies_through_discovery(kubemint):
    kubemint.create_namespace("shop")
    kubemint.create_service_account("checkout", namespace="shop")
    token = kubemint.mint("checkout", namespace="shop", audiences=["my-service"], duration=3600)
    claims = relying_party_verify(token, kubemint.issuer, kubemint.ca_path, "my-service")
    assert claims["sub"] == "system:serviceaccount:shop:checkout"
    assert claims["kubernetes.io"]["serviceaccount"]["name"] == "checkout"


def test_a_pod_bound_token_dies_with_its_pod(kubemint):
    kubemint.create_pod("web-0")
    token = kubemint.mint("default", audiences=["my-service"], bound_pod="web-0")
    assert kubemint.review(token, audiences=["my-service"])["authenticated"] is True
    kubemint.delete_pod("web-0")
    status = kubemint.review(token, audiences=["my-service"])
    assert not status.get("authenticated")
    assert status["error"] == "[invalid bearer token, service account token has been invalidated]"


def test_a_token_expires_when_the_clock_moves(kubemint_factory):
    server = kubemint_factory(clock="2025-01-01T00:00:00Z")
    token = server.mint("default", audiences=["my-service"], duration=600)
    assert server.review(token, audiences=["my-service"])["authenticated"] is True
    server.clock.advance("12m")
    status = server.review(token, audiences=["my-service"])
    assert status["error"] == "[invalid bearer token, service account token has expired]"
    with pytest.raises(jwt.ExpiredSignatureError):
        # PyJWT on the real clock: the token's exp is in 2025, so it is expired for PyJWT too.
        relying_party_verify(token, server.issuer, server.ca_path, "my-service")


def test_a_defective_token_is_rejected(kubemint):
    token = kubemint.defective_token("bad-signature", audiences=["my-service"])
    assert not kubemint.review(token, audiences=["my-service"]).get("authenticated")
    with pytest.raises(jwt.InvalidSignatureError):
        relying_party_verify(token, kubemint.issuer, kubemint.ca_path, "my-service")

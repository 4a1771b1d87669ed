"""Signatures checked by tools nobody here wrote: `openssl dgst -sha256 -verify` over the JWS
signing input (the Kubernetes tutorials' way), and PyJWT against the JWKS kubemint prints."""

from __future__ import annotations

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from interop_helpers import (DEFAULT_ISSUER, b64url_decode, b64url_encode, jose_es256_to_der,
                             openssl_kid, openssl_public_pem, openssl_verify, split_jws)


def store_key(km, store, key_type):
    """Generate a key of the type and return (kid, private key path)."""
    kid = km("keys", "generate", "--type", key_type, "--keys", store).stdout.strip()
    path = store / f"{kid}.pem"
    assert path.is_file(), f"keys generate printed kid {kid} but {path.name} is not in the store"
    return kid, path


@pytest.mark.parametrize("key_type,alg", [("rsa", "RS256"), ("ec", "ES256")])
def test_openssl_dgst_verifies_the_signing_input(km, mint, store, tmp_path, key_type, alg):
    kid, key = store_key(km, store, key_type)
    jws = split_jws(mint("build-robot", "--keys", store, "--audience", "vault"))
    assert jws.header == {"alg": alg, "kid": kid}
    pub = openssl_public_pem(key, tmp_path / "pub.pem")
    p = openssl_verify(pub, jws, tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.decode().strip() == "Verified OK"
    # The same check fails on a changed payload: the test really checks something.
    forged = split_jws(f"{jws.header_b64}.{jws.payload_b64[:-2]}AA.{jws.sig_b64}")
    bad = openssl_verify(pub, forged, tmp_path)
    assert bad.returncode == 1
    assert b"Verification failure" in bad.stdout + bad.stderr


def test_es256_der_conversion_matches_cryptography(km, mint, store):
    store_key(km, store, "ec")
    sig = split_jws(mint("sa", "--keys", store)).signature
    r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
    assert jose_es256_to_der(sig) == encode_dss_signature(r, s)


def jwks_of(km, store) -> dict:
    return json.loads(km("keys", "jwks", "--keys", store).stdout)


@pytest.mark.parametrize("key_type,alg", [("rsa", "RS256"), ("ec", "ES256")])
def test_pyjwt_verifies_against_printed_jwks(km, mint, store, key_type, alg):
    kid, _ = store_key(km, store, key_type)
    iss = "https://kubernetes.default.svc.cluster.local"
    token = mint("build-robot", "-n", "ci", "--keys", store, "--audience", "vault",
                 "--audience", "aws", "--issuer", iss)
    jwks = jwt.PyJWKSet.from_dict(jwks_of(km, store))
    key = jwks[kid]
    assert key.algorithm_name == alg
    claims = jwt.decode(token, key=key.key, algorithms=[alg], audience="aws", issuer=iss,
                        options={"require": ["exp", "iat", "nbf", "iss", "aud", "sub", "jti"]})
    assert claims["sub"] == "system:serviceaccount:ci:build-robot"
    assert claims["aud"] == ["vault", "aws"]
    assert jwt.get_unverified_header(token) == {"alg": alg, "kid": kid}
    # PyJWT's own checks bite with the wrong audience or issuer.
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(token, key=key.key, algorithms=[alg], audience="other", issuer=iss)
    with pytest.raises(jwt.InvalidIssuerError):
        jwt.decode(token, key=key.key, algorithms=[alg], audience="aws", issuer="https://x.test")


def test_pyjwt_rejects_token_signed_by_another_store(km, mint, store, tmp_path):
    other = tmp_path / "other-keys"
    other.mkdir()
    kid, _ = store_key(km, store, "rsa")
    store_key(km, other, "rsa")
    token = mint("sa", "--keys", other)
    key = jwt.PyJWKSet.from_dict(jwks_of(km, store))[kid]
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, key=key.key, algorithms=["RS256"], audience=DEFAULT_ISSUER)


def test_jwks_shape_is_the_apiservers(km, store):
    """Members in go-jose order (use, kty, kid, crv, alg, x, y, n, e), no private members,
    fixed-size EC coordinates, RSA n without leading zero, e = AQAB (docs/kubernetes-behaviour.md §3.3)."""
    rsa_kid, rsa_path = store_key(km, store, "rsa")
    ec_kid, ec_path = store_key(km, store, "ec")
    raw = km("keys", "jwks", "--keys", store).stdout
    doc = json.loads(raw, object_pairs_hook=lambda pairs: pairs)
    assert [k for k, _ in doc] == ["keys"]
    keys = [dict(k) for k in doc[0][1]]
    orders = {dict(k)["kid"]: [name for name, _ in k] for k in doc[0][1]}
    assert set(orders) == {rsa_kid, ec_kid}
    assert orders[rsa_kid] == ["use", "kty", "kid", "alg", "n", "e"]
    assert orders[ec_kid] == ["use", "kty", "kid", "crv", "alg", "x", "y"]
    by_kid = {k["kid"]: k for k in keys}
    rsa, ec = by_kid[rsa_kid], by_kid[ec_kid]
    assert (rsa["use"], rsa["kty"], rsa["alg"], rsa["e"]) == ("sig", "RSA", "RS256", "AQAB")
    n = b64url_decode(rsa["n"])
    assert len(n) == 256 and n[0] != 0
    assert (ec["use"], ec["kty"], ec["crv"], ec["alg"]) == ("sig", "EC", "P-256", "ES256")
    assert len(b64url_decode(ec["x"])) == 32 and len(b64url_decode(ec["y"])) == 32
    # The kids are the ones openssl's DER SPKI gives.
    assert openssl_kid(rsa_path) == rsa_kid
    assert openssl_kid(ec_path) == ec_kid


def test_jwks_kid_algorithm_on_real_apiserver_keys(samples):
    """Our own kid computation (used by the other tests) agrees with real clusters' JWKS."""
    import hashlib
    from cryptography.hazmat.primitives import serialization
    for k in samples["jwks_keys_with_kid"]:
        pub = jwt.PyJWK.from_dict({x: k[x] for x in ("kty", "n", "e", "alg", "use")}).key
        der = pub.public_bytes(serialization.Encoding.DER,
                               serialization.PublicFormat.SubjectPublicKeyInfo)
        assert b64url_encode(hashlib.sha256(der).digest()) == k["kid"]


def test_token_time_claims_are_accepted_by_pyjwt_now(km, mint, store):
    kid, _ = store_key(km, store, "rsa")
    token = mint("sa", "--keys", store, "--duration", "10m")
    key = jwt.PyJWKSet.from_dict(jwks_of(km, store))[kid]
    claims = jwt.decode(token, key=key.key, algorithms=["RS256"], audience=DEFAULT_ISSUER)
    assert claims["exp"] - claims["iat"] == 600
    assert abs(claims["iat"] - int(time.time())) <= 5

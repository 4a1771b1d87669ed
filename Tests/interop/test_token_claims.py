"""The token `kubemint create token` prints, byte for byte: the JWS header is exactly
{"alg","kid"} (no typ), the payload is the apiserver's claim set with keys sorted at every level,
compact, aud an array, iat == nbf, exp - iat == duration, jti a lowercase UUID
(docs/kubernetes-behaviour.md §2.1, §2.2)."""

from __future__ import annotations

import json
import time

import pytest

from interop_helpers import (DEFAULT_ISSUER, UUID_RE, canonical_json, openssl_kid, split_jws)

SA_UID = "c7f08290-b395-4c84-8628-3313555a5f59"
POD_UID = "0f6b5d3a-7a47-4a43-9b1e-5b7c2f1d2e30"
SECRET_UID = "5b1c9a10-3c0e-4c5e-9d0a-2a1c6f9e8b71"
NODE_UID = "9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"


def mint_timed(mint, *args):
    before = int(time.time())
    token = mint(*args)
    after = int(time.time())
    return split_jws(token), before, after


def only_private_key(store):
    keys = sorted(store.glob("*.pem"))
    priv = [k for k in keys if "PRIVATE KEY" in k.read_text()]
    assert len(priv) == 1, f"expected one private key in the store, found {[k.name for k in keys]}"
    return priv[0]


def expected_payload(jws, *, ns, sa, sa_uid, aud, iss=DEFAULT_ISSUER, duration=3600, bound=None):
    """The exact claim set the apiserver would sign, with iat/jti taken from the token."""
    p = jws.payload
    iat = p["iat"]
    k8s = {"namespace": ns, "serviceaccount": {"name": sa, "uid": sa_uid}}
    k8s.update(bound or {})
    return {
        "aud": aud, "exp": iat + duration, "iat": iat, "iss": iss, "jti": p["jti"],
        "kubernetes.io": k8s, "nbf": iat, "sub": f"system:serviceaccount:{ns}:{sa}",
    }


def test_unbound_rs256_token_is_byte_exact(mint, store):
    jws, before, after = mint_timed(mint, "build-robot", "-n", "ci", "--keys", store,
                                    "--service-account-uid", SA_UID)
    kid = openssl_kid(only_private_key(store))
    # Header: exactly {"alg":"RS256","kid":"…"}, nothing else, no spaces, no typ.
    assert jws.header_bytes == canonical_json({"alg": "RS256", "kid": kid})
    assert len(kid) == 43
    p = jws.payload
    assert before <= p["iat"] <= after
    assert UUID_RE.match(p["jti"]), p["jti"]
    want = expected_payload(jws, ns="ci", sa="build-robot", sa_uid=SA_UID, aud=[DEFAULT_ISSUER])
    assert p == want
    # Sorted keys at every level, compact, integers: the raw bytes equal the canonical form.
    assert jws.payload_bytes == canonical_json(want)
    assert len(jws.signature) == 256  # RSA 2048 is the default key


def test_default_namespace_is_default_and_uids_are_generated(mint, store):
    jws, _, _ = mint_timed(mint, "robot", "--keys", store)
    p = jws.payload
    assert p["sub"] == "system:serviceaccount:default:robot"
    assert p["kubernetes.io"]["namespace"] == "default"
    assert UUID_RE.match(p["kubernetes.io"]["serviceaccount"]["uid"])
    assert set(p["kubernetes.io"]) == {"namespace", "serviceaccount"}


def test_audiences_keep_order_and_issuer_is_used(mint, store):
    iss = "https://issuer2.test.com"
    jws, _, _ = mint_timed(mint, "test-sa", "--keys", store, "--issuer", iss,
                           "--audience", "vault", "--audience", "https://kubernetes.default.svc",
                           "--audience", "aws", "--service-account-uid", SA_UID)
    want = expected_payload(jws, ns="default", sa="test-sa", sa_uid=SA_UID, iss=iss,
                            aud=["vault", "https://kubernetes.default.svc", "aws"])
    assert jws.payload_bytes == canonical_json(want)


def test_single_audience_is_still_an_array(mint, store):
    jws, _, _ = mint_timed(mint, "sa", "--keys", store, "--audience", "vault")
    assert b'"aud":["vault"]' in jws.payload_bytes


def test_default_audience_is_the_issuer(mint, store):
    iss = "https://oidc.example.test/cluster-1"
    jws, _, _ = mint_timed(mint, "sa", "--keys", store, "--issuer", iss)
    assert jws.payload["aud"] == [iss]
    assert jws.payload["iss"] == iss


@pytest.mark.parametrize("kind,extra_args,bound", [
    ("Pod", ["--bound-object-name", "web-0", "--bound-object-uid", POD_UID],
     {"pod": {"name": "web-0", "uid": POD_UID}}),
    ("Pod", ["--bound-object-name", "web-0", "--bound-object-uid", POD_UID,
             "--node-name", "node-1", "--node-uid", NODE_UID],
     {"pod": {"name": "web-0", "uid": POD_UID}, "node": {"name": "node-1", "uid": NODE_UID}}),
    ("Secret", ["--bound-object-name", "robot-secret", "--bound-object-uid", SECRET_UID],
     {"secret": {"name": "robot-secret", "uid": SECRET_UID}}),
    ("Node", ["--bound-object-name", "node-1", "--bound-object-uid", NODE_UID],
     {"node": {"name": "node-1", "uid": NODE_UID}}),
], ids=["pod", "pod-on-node", "secret", "node"])
def test_bound_token_claims_are_byte_exact(mint, store, kind, extra_args, bound):
    jws, _, _ = mint_timed(mint, "web", "-n", "shop", "--keys", store, "--audience", "vault",
                           "--duration", "2h", "--service-account-uid", SA_UID,
                           "--bound-object-kind", kind, *extra_args)
    want = expected_payload(jws, ns="shop", sa="web", sa_uid=SA_UID, aud=["vault"],
                            duration=7200, bound=bound)
    assert jws.payload == want
    assert jws.payload_bytes == canonical_json(want)


def test_bound_object_uid_is_generated_when_not_given(mint, store):
    jws, _, _ = mint_timed(mint, "web", "--keys", store,
                           "--bound-object-kind", "Pod", "--bound-object-name", "web-0")
    pod = jws.payload["kubernetes.io"]["pod"]
    assert pod["name"] == "web-0"
    assert UUID_RE.match(pod["uid"]), pod


def test_every_token_has_a_fresh_jti(mint, store):
    jtis = {split_jws(mint("sa", "--keys", store)).payload["jti"] for _ in range(3)}
    assert len(jtis) == 3


def test_es256_header_is_exact(km, mint, store):
    kid = km("keys", "generate", "--type", "ec", "--keys", store).stdout.strip()
    jws = split_jws(mint("sa", "--keys", store))
    assert jws.header_bytes == canonical_json({"alg": "ES256", "kid": kid})
    assert len(jws.signature) == 64  # JOSE r||s, not DER
    assert json.loads(jws.payload_bytes)["sub"] == "system:serviceaccount:default:sa"

"""`kubemint inspect` (any JWT, like `step crypto jwt inspect --insecure`) and `kubemint verify`
(offline: signature, iss, aud, exp, nbf — and it names the check that failed)."""

from __future__ import annotations

import datetime as dt
import json
import re
import time

import jwt
import pytest

from interop_helpers import (DEFAULT_ISSUER, b64url_decode, b64url_encode, split_jws,
                             stderr_one_line)


def inspect_json(km, *args, input=None) -> dict:
    doc = json.loads(km("inspect", *args, "-o", "json", input=input).stdout)
    assert isinstance(doc, dict) and "header" in doc, doc
    claims = doc.get("payload", doc.get("claims"))
    assert claims is not None, f"-o json needs a payload (or claims) member: {list(doc)}"
    return {"header": doc["header"], "payload": claims}


def utc(ts: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc)


# --- inspect ----------------------------------------------------------------------------------------

def test_inspect_json_matches_the_token(km, mint, store):
    token = mint("web", "-n", "shop", "--keys", store, "--audience", "vault",
                 "--bound-object-kind", "Pod", "--bound-object-name", "web-0")
    jws = split_jws(token)
    assert inspect_json(km, token) == {"header": jws.header, "payload": jws.payload}
    # from stdin too
    assert inspect_json(km, "-", input=token + "\n") == {"header": jws.header, "payload": jws.payload}


def test_inspect_text_shows_header_claims_and_dates(km, mint, store):
    token = mint("web", "-n", "shop", "--keys", store, "--audience", "vault")
    jws = split_jws(token)
    out = km("inspect", token).stdout
    for needle in (jws.header["kid"], "RS256", "system:serviceaccount:shop:web", "vault",
                   jws.payload["jti"], str(jws.payload["exp"])):
        assert needle in out, f"{needle!r} missing from inspect output:\n{out}"
    exp = utc(jws.payload["exp"])
    assert exp.strftime("%Y-%m-%d") in out and exp.strftime("%H:%M:%S") in out, out


@pytest.mark.parametrize("index", [0, 1], ids=["openshift-bound", "legacy-secret"])
def test_inspect_real_apiserver_tokens(km, samples, index):
    sample = samples["tokens"][index]
    assert inspect_json(km, sample["token"]) == {"header": sample["header"],
                                                 "payload": sample["payload"]}
    out = km("inspect", sample["token"]).stdout
    assert sample["header"]["kid"] in out and sample["payload"]["sub"] in out, out
    if "exp" in sample["payload"]:
        # 1679543830 = 2023-03-23T03:57:10Z
        assert utc(sample["payload"]["exp"]).strftime("%Y-%m-%d") == "2023-03-23"
        assert "2023-03-23" in out and "03:57:10" in out, out


@pytest.mark.parametrize("junk", ["not-a-token", "a.b", "e30", "%%%.e30.e30", "bm90anNvbg.e30.c2ln"])
def test_inspect_refuses_non_jwt(km, junk):
    p = km("inspect", junk, check=False)
    assert p.returncode != 0
    assert p.stdout == ""
    stderr_one_line(p)


# --- verify -----------------------------------------------------------------------------------------

def verify(km, token, *args):
    return km("verify", token, *args, check=False)


def failure_text(p) -> str:
    assert p.returncode != 0, f"verify accepted a bad token:\n{p.stdout}{p.stderr}"
    return p.stdout + p.stderr


@pytest.fixture
def rsa_store(km, store):
    kid = km("keys", "generate", "--keys", store).stdout.strip()
    return store, kid


def test_verify_accepts_a_good_token(km, mint, rsa_store, tmp_path):
    store, _ = rsa_store
    # No --issuer/--audience: the default issuer, which is also the default audience.
    plain = mint("sa", "--keys", store)
    p = verify(km, plain, "--keys", store)
    assert p.returncode == 0, p.stdout + p.stderr
    token = mint("sa", "--keys", store, "--audience", "vault", "--audience", "aws")
    for extra in (["--audience", "aws"], ["--issuer", DEFAULT_ISSUER, "--audience", "vault"]):
        p = verify(km, token, "--keys", store, *extra)
        assert p.returncode == 0, p.stdout + p.stderr
    jwks = tmp_path / "jwks.json"
    jwks.write_text(km("keys", "jwks", "--keys", store).stdout)
    p = verify(km, token, "--jwks", jwks, "--issuer", DEFAULT_ISSUER, "--audience", "vault")
    assert p.returncode == 0, p.stdout + p.stderr


def test_verify_names_wrong_audience(km, mint, rsa_store):
    store, _ = rsa_store
    token = mint("sa", "--keys", store, "--audience", "vault")
    text = failure_text(verify(km, token, "--keys", store, "--audience", "aws"))
    assert re.search(r"audience", text, re.I), text
    assert "vault" in text and "aws" in text, text


def test_verify_names_wrong_issuer(km, mint, rsa_store):
    store, _ = rsa_store
    token = mint("sa", "--keys", store, "--issuer", "https://issuer-a.test")
    text = failure_text(verify(km, token, "--keys", store, "--issuer", "https://issuer-b.test",
                               "--audience", "https://issuer-a.test"))
    assert re.search(r"issuer", text, re.I), text
    assert "https://issuer-a.test" in text, text


def tamper(token: str) -> str:
    jws = split_jws(token)
    sig = bytearray(jws.signature)
    sig[len(sig) // 2] ^= 0x01
    return f"{jws.header_b64}.{jws.payload_b64}.{b64url_encode(bytes(sig))}"


def test_verify_names_tampered_signature(km, mint, rsa_store):
    store, _ = rsa_store
    token = mint("sa", "--keys", store)
    text = failure_text(verify(km, tamper(token), "--keys", store))
    assert re.search(r"signature|cryptographic primitive", text, re.I), text


def test_verify_names_tampered_payload(km, mint, rsa_store):
    store, _ = rsa_store
    jws = split_jws(mint("sa", "--keys", store))
    claims = jws.payload
    claims["sub"] = "system:serviceaccount:kube-system:admin"
    forged = (f"{jws.header_b64}."
              f"{b64url_encode(json.dumps(claims, separators=(',', ':'), sort_keys=True).encode())}."
              f"{jws.sig_b64}")
    text = failure_text(verify(km, forged, "--keys", store))
    assert re.search(r"signature|cryptographic primitive", text, re.I), text


def test_verify_with_keys_of_another_store(km, mint, rsa_store, tmp_path):
    store, _ = rsa_store
    other = tmp_path / "other"
    other.mkdir()
    km("keys", "generate", "--keys", other)
    token = mint("sa", "--keys", other)
    text = failure_text(verify(km, token, "--keys", store))
    assert re.search(r"no keys found|kid|key id|signature", text, re.I), text


def sign_with_store_key(store, kid, claims) -> str:
    """A token signed in Python with kubemint's own private key: lets us set any time."""
    key = (store / f"{kid}.pem").read_text()
    token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})
    assert split_jws(token).header["kid"] == kid
    return token


def base_claims(now: int) -> dict:
    return {"aud": [DEFAULT_ISSUER], "exp": now + 3600, "iat": now, "iss": DEFAULT_ISSUER,
            "jti": "6f1c4a53-0d4e-4b35-a0a6-3f3b6f0c2b71",
            "kubernetes.io": {"namespace": "default",
                              "serviceaccount": {"name": "sa", "uid": "c7f08290-b395-4c84-8628-3313555a5f59"}},
            "nbf": now, "sub": "system:serviceaccount:default:sa"}


def test_verify_accepts_python_signed_token_with_store_key(km, rsa_store):
    """Control for the two time tests below: the same construction, valid times, passes."""
    store, kid = rsa_store
    token = sign_with_store_key(store, kid, base_claims(int(time.time())))
    p = verify(km, token, "--keys", store, "--issuer", DEFAULT_ISSUER)
    assert p.returncode == 0, p.stdout + p.stderr


def test_verify_names_expired(km, rsa_store):
    # kubemint has no clock flag on the CLI: the expired token is signed here with the store's key.
    store, kid = rsa_store
    now = int(time.time())
    claims = base_claims(now - 7200) | {"exp": now - 3600}
    text = failure_text(verify(km, sign_with_store_key(store, kid, claims), "--keys", store))
    assert re.search(r"expired", text, re.I), text


def test_verify_names_not_yet_valid(km, rsa_store):
    store, kid = rsa_store
    now = int(time.time())
    claims = base_claims(now) | {"nbf": now + 3600, "exp": now + 7200}
    text = failure_text(verify(km, sign_with_store_key(store, kid, claims), "--keys", store))
    assert re.search(r"not valid yet|not yet valid|nbf|not before", text, re.I), text


def test_verify_accepts_real_es256_from_python_against_jwks(km, tmp_path):
    """verify --jwks with an EC key kubemint never saw: it reads standard JWKS, not just its own."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives import serialization
    import hashlib
    priv = ec.generate_private_key(ec.SECP256R1())
    der = priv.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    kid = b64url_encode(hashlib.sha256(der).digest())
    nums = priv.public_key().public_numbers()
    jwks = {"keys": [{"use": "sig", "kty": "EC", "kid": kid, "crv": "P-256", "alg": "ES256",
                      "x": b64url_encode(nums.x.to_bytes(32, "big")),
                      "y": b64url_encode(nums.y.to_bytes(32, "big"))}]}
    f = tmp_path / "jwks.json"
    f.write_text(json.dumps(jwks))
    token = jwt.encode(base_claims(int(time.time())), priv, algorithm="ES256", headers={"kid": kid})
    assert len(b64url_decode(token.split(".")[2])) == 64
    p = verify(km, token, "--jwks", f, "--issuer", DEFAULT_ISSUER, "--audience", DEFAULT_ISSUER)
    assert p.returncode == 0, p.stdout + p.stderr
    text = failure_text(verify(km, tamper(token), "--jwks", f))
    assert re.search(r"signature|cryptographic primitive", text, re.I), text

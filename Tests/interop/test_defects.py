"""Defective tokens (issue 5): every `kubemint create token --defect NAME` is rejected by PyJWT
configured as a correct relying party, and by `kubemint verify`; the control token is accepted.

Self-contained: needs only $KUBEMINT (the binary under test), PyJWT[crypto] and pytest.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import subprocess
import time
from pathlib import Path

import jwt
import pytest

KUBEMINT = os.environ.get("KUBEMINT", "")
if not (KUBEMINT and os.path.isfile(KUBEMINT) and os.access(KUBEMINT, os.X_OK)):
    raise RuntimeError("set KUBEMINT to the kubemint binary (e.g. $(swift build --show-bin-path)/kubemint)")

ISSUER = "https://kubernetes.default.svc.cluster.local"
AUDIENCE = "vault"

# What a correct relying party raises for each defect. "no-key": the JWKS has no key with the kid.
EXPECTED = {
    "expired": jwt.ExpiredSignatureError,
    "not-yet-valid": jwt.ImmatureSignatureError,
    "wrong-issuer": jwt.InvalidIssuerError,
    "wrong-audience": jwt.InvalidAudienceError,
    "unknown-key": "no-key",
    "unknown-kid": "no-key",
    "bad-signature": jwt.InvalidSignatureError,
    "alg-none": jwt.InvalidAlgorithmError,
    "hs256-key-confusion": jwt.InvalidAlgorithmError,
    "missing-exp": jwt.MissingRequiredClaimError,
    "missing-sub": jwt.MissingRequiredClaimError,
    "kid-mismatch": jwt.InvalidSignatureError,
}

# The check `kubemint verify` names for each defect.
VERIFY_CHECK = {
    "expired": "expiry", "not-yet-valid": "not-before", "wrong-issuer": "issuer", "wrong-audience": "audience",
    "unknown-key": "key", "unknown-kid": "key", "bad-signature": "signature", "alg-none": "algorithm",
    "hs256-key-confusion": "algorithm", "missing-exp": "expiry", "missing-sub": "subject",
    "kid-mismatch": "signature",
}


def kubemint(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run([KUBEMINT, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"kubemint {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p


def b64url_decode(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def relying_party(token: str, jwks: dict) -> dict:
    """A correct relying party: the key by kid from the issuer's JWKS (all keys if no kid), an
    allow-list of asymmetric algorithms, exact issuer and audience, exp/iat/nbf/sub required."""
    header = jwt.get_unverified_header(token)
    keyset = jwt.PyJWKSet.from_dict(jwks)
    kid = header.get("kid")
    candidates = [k for k in keyset.keys if kid is None or k.key_id == kid]
    if not candidates:
        raise LookupError(f"no key in the JWKS has kid {kid!r}")
    error: Exception | None = None
    for key in candidates:
        try:
            return jwt.decode(
                token, key=key, algorithms=["RS256", "ES256"], audience=AUDIENCE, issuer=ISSUER, leeway=60,
                options={"require": ["exp", "iat", "nbf", "iss", "aud", "sub"]})
        except jwt.InvalidSignatureError as e:
            error = e
    assert error is not None
    raise error


@pytest.fixture(params=["rsa", "ec"])
def store(request, tmp_path: Path) -> Path:
    """A key store whose signing key is RSA or EC P-256."""
    d = tmp_path / "keys"
    kubemint("keys", "generate", "--type", request.param, "--keys", str(d), cwd=tmp_path)
    return d


@pytest.fixture
def jwks(store: Path) -> dict:
    return json.loads(kubemint("keys", "jwks", "--keys", str(store), cwd=store.parent).stdout)


def mint(store: Path, *extra: str) -> str:
    p = kubemint("create", "token", "web", "--audience", AUDIENCE, "--keys", str(store), *extra, cwd=store.parent)
    return p.stdout.strip()


def test_defects_are_listed_with_advice():
    out = kubemint("create", "token", "--defects", cwd=Path.cwd()).stdout
    lines = [line for line in out.splitlines() if line.strip()]
    assert [line.split()[0] for line in lines] == list(EXPECTED)
    for line in lines:
        assert len(line.split(None, 1)[1]) > 20, f"no advice on: {line!r}"


def test_unknown_defect_is_refused(tmp_path: Path):
    p = kubemint("create", "token", "web", "--defect", "nope", "--keys", str(tmp_path / "k"), cwd=tmp_path,
                 check=False)
    assert p.returncode == 1
    assert 'unknown defect "nope"' in p.stderr and "kid-mismatch" in p.stderr


def test_control_token_is_accepted(store: Path, jwks: dict):
    token = mint(store)
    claims = relying_party(token, jwks)
    assert claims["sub"] == "system:serviceaccount:default:web"
    assert claims["aud"] == [AUDIENCE]
    p = kubemint("verify", "--keys", str(store), "--issuer", ISSUER, "--audience", AUDIENCE, token, cwd=store.parent)
    assert p.stdout.startswith("valid: sub=system:serviceaccount:default:web")


@pytest.mark.parametrize("defect", list(EXPECTED))
def test_defect_is_rejected(defect: str, store: Path, jwks: dict):
    token = mint(store, "--defect", defect)
    expected = EXPECTED[defect]
    if expected == "no-key":
        with pytest.raises(LookupError):
            relying_party(token, jwks)
    else:
        with pytest.raises(expected):
            relying_party(token, jwks)
    p = kubemint("verify", "--keys", str(store), "--issuer", ISSUER, "--audience", AUDIENCE, token,
                 cwd=store.parent, check=False)
    assert p.returncode == 1, p.stdout
    assert f"token is not valid: {VERIFY_CHECK[defect]} check failed" in p.stderr


def test_key_confusion_token_is_the_real_attack(store: Path):
    """The HS256 token's MAC really is HMAC-SHA256 keyed with the published public key's PEM."""
    token = mint(store, "--defect", "hs256-key-confusion")
    head, body, sig = token.split(".")
    pem = [k for k in jwt.PyJWKSet.from_dict(json.loads(
        kubemint("keys", "jwks", "--keys", str(store), cwd=store.parent).stdout)).keys]
    from cryptography.hazmat.primitives import serialization
    public_pem = pem[0].key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert json.loads(b64url_decode(head)) == {"alg": "HS256", "kid": pem[0].key_id}
    expected = hmac.new(public_pem, f"{head}.{body}".encode(), hashlib.sha256).digest()
    assert b64url_decode(sig) == expected
    # PyJWT refuses a PEM public key as an HMAC secret even when HS256 is allowed.
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(token, key=public_pem, algorithms=["HS256"], audience=AUDIENCE)


def test_alg_none_token_is_unsigned(store: Path):
    token = mint(store, "--defect", "alg-none")
    head, body, sig = token.split(".")
    assert json.loads(b64url_decode(head)) == {"alg": "none"}
    assert sig == ""
    assert json.loads(b64url_decode(body))["sub"] == "system:serviceaccount:default:web"


def test_defect_with_json_output_carries_the_defective_token(store: Path):
    p = kubemint("create", "token", "web", "--audience", AUDIENCE, "--keys", str(store), "--defect", "expired",
                 "-o", "json", cwd=store.parent)
    token = json.loads(p.stdout)["status"]["token"]
    claims = json.loads(b64url_decode(token.split(".")[1]))
    assert claims["exp"] < time.time() - 60 and claims["iat"] < claims["exp"]
    with pytest.raises(jwt.ExpiredSignatureError):
        relying_party(token, json.loads(kubemint("keys", "jwks", "--keys", str(store), cwd=store.parent).stdout))

"""`--keys FILE`: keys written by openssl (as kubeadm and cluster admins make them) sign tokens
that verify, and every key kubemint must refuse is refused with a one-line message on stderr that
names the file and the reason."""

from __future__ import annotations

import json
import re

import jwt
import pytest

from interop_helpers import (DEFAULT_ISSUER, openssl, openssl_kid, openssl_public_pem,
                             openssl_verify, split_jws, stderr_one_line)

# --- keys that must work ----------------------------------------------------------------------------

GOOD_KEYS = {
    # kubeadm's sa.key: PKCS#1 "RSA PRIVATE KEY"
    "pkcs1-rsa": (["genrsa", "-traditional", "-out", "{out}", "2048"], "-----BEGIN RSA PRIVATE KEY-----", "RS256"),
    # SEC1 "EC PRIVATE KEY"
    "sec1-ec": (["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "{out}"], "-----BEGIN EC PRIVATE KEY-----", "ES256"),
    # SEC1 with the "EC PARAMETERS" block openssl writes without -noout
    "sec1-ec-with-params": (["ecparam", "-name", "prime256v1", "-genkey", "-out", "{out}"], "-----BEGIN EC PARAMETERS-----", "ES256"),
    # PKCS#8 "PRIVATE KEY"
    "pkcs8-rsa": (["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072", "-out", "{out}"], "-----BEGIN PRIVATE KEY-----", "RS256"),
    "pkcs8-ec": (["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "{out}"], "-----BEGIN PRIVATE KEY-----", "ES256"),
}


@pytest.mark.parametrize("name", list(GOOD_KEYS))
def test_openssl_written_key_signs_tokens_that_verify(km, mint, tmp_path, name):
    cmd, first_line, alg = GOOD_KEYS[name]
    key = tmp_path / "sa.key"
    openssl(*[a.format(out=key) for a in cmd])
    assert key.read_text().startswith(first_line)
    before = key.read_bytes()
    kid = openssl_kid(key)

    jws = split_jws(mint("build-robot", "-n", "ci", "--keys", key, "--audience", "vault"))
    assert jws.header_bytes == json.dumps({"alg": alg, "kid": kid}, separators=(",", ":")).encode()

    # openssl verifies the signature with the public key openssl derives from the file.
    pub = openssl_public_pem(key, tmp_path / "sa.pub")
    v = openssl_verify(pub, jws, tmp_path)
    assert (v.returncode, v.stdout.strip()) == (0, b"Verified OK"), v.stderr

    # PyJWT verifies with that same openssl public key, and with kubemint's JWKS for the file.
    claims = jwt.decode(jws.token, key=pub.read_text(), algorithms=[alg], audience="vault",
                        issuer=DEFAULT_ISSUER)
    assert claims["sub"] == "system:serviceaccount:ci:build-robot"
    jwks = json.loads(km("keys", "jwks", "--keys", key).stdout)
    assert [k["kid"] for k in jwks["keys"]] == [kid]
    jwk = jwt.PyJWKSet.from_dict(jwks)[kid]
    assert jwt.decode(jws.token, key=jwk.key, algorithms=[alg], audience="vault")["jti"] == claims["jti"]

    # kubemint never rewrites a user's key file.
    assert key.read_bytes() == before


@pytest.mark.parametrize("pub_form", [["-pubout"], ["-RSAPublicKey_out"]], ids=["spki", "pkcs1-public"])
def test_verify_reads_openssl_public_key_files(km, mint, tmp_path, pub_form):
    key = tmp_path / "sa.key"
    openssl("genrsa", "-traditional", "-out", key, "2048")
    pub = tmp_path / "sa.pub"
    openssl("rsa", "-in", key, *pub_form, "-out", pub)
    assert pub.read_text().startswith("-----BEGIN RSA PUBLIC KEY-----" if "RSA" in pub_form[0]
                                      else "-----BEGIN PUBLIC KEY-----")
    token = mint("sa", "--keys", key, "--audience", "vault")
    p = km("verify", token, "--keys", pub, "--audience", "vault", "--issuer", DEFAULT_ISSUER,
           check=False)
    assert p.returncode == 0, p.stdout + p.stderr


# --- keys that must be refused ----------------------------------------------------------------------

def make_bad_key(kind, path):
    if kind == "encrypted-pkcs8":
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                "-aes256", "-pass", "pass:x", "-out", path)
        assert "ENCRYPTED PRIVATE KEY" in path.read_text()
    elif kind == "encrypted-pkcs1":
        openssl("genrsa", "-traditional", "-aes256", "-passout", "pass:x", "-out", path, "2048")
        assert "Proc-Type: 4,ENCRYPTED" in path.read_text()
    elif kind == "rsa-1024":
        openssl("genrsa", "-traditional", "-out", path, "1024")
    elif kind == "ec-p384":
        openssl("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", path)
    elif kind == "garbage":
        path.write_text("this is not a key\nat all\n")
    elif kind == "garbage-pem":
        path.write_text("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
    elif kind == "empty":
        path.write_text("")
    elif kind == "public-key":
        priv = path.with_suffix(".priv")
        openssl("genrsa", "-out", priv, "2048")
        openssl("pkey", "-in", priv, "-pubout", "-out", path)
        priv.unlink()
    else:
        raise AssertionError(kind)


# reason the message must give (case-insensitive regex)
REFUSALS = {
    "encrypted-pkcs8": r"encrypted",
    "encrypted-pkcs1": r"encrypted",
    "rsa-1024": r"1024.*2048|2048.*1024",
    "ec-p384": r"P-384|secp384r1",
    "garbage": r"PEM|not a (private )?key|no (private )?key",
    "garbage-pem": r"PEM|DER|ASN\.?1|parse|decode|invalid|malformed|not a (private )?key",
    "empty": r"empty|PEM|no (private )?key",
    "public-key": r"public key",
}


@pytest.mark.parametrize("kind", list(REFUSALS))
def test_bad_signing_key_is_refused_naming_file_and_reason(mint, km, tmp_path, kind):
    key = tmp_path / f"bad-{kind}.key"
    make_bad_key(kind, key)
    p = km("create", "token", "sa", "--keys", key, check=False)
    assert p.returncode != 0
    assert p.stdout == "", f"nothing on stdout when refusing: {p.stdout!r}"
    line = stderr_one_line(p)
    assert key.name in line, f"message must name the file: {line}"
    assert re.search(REFUSALS[kind], line, re.I), f"message must say why ({REFUSALS[kind]}): {line}"
    if kind == "ec-p384":
        assert "P-256" in line, f"message should say what is supported: {line}"


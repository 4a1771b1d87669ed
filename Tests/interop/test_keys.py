"""The key store as openssl sees it: private keys `<kid>.pem`, PKCS#8, mode 0600, readable by
`openssl pkey`; the kid recomputed from openssl's DER SPKI equals the JWKS kid and the token kid."""

from __future__ import annotations

import json
import re
import stat
import subprocess

import jwt
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from interop_helpers import openssl, openssl_kid, split_jws


def key_text(path) -> str:
    return openssl("pkey", "-in", path, "-noout", "-text").stdout.decode()


@pytest.mark.parametrize("args,kind,bits", [
    ([], "rsa", 2048),
    (["--type", "rsa", "--bits", "3072"], "rsa", 3072),
    (["--type", "rsa", "--bits", "4096"], "rsa", 4096),
    (["--type", "ec"], "ec", 256),
], ids=["default", "rsa3072", "rsa4096", "ec"])
def test_generated_private_key_is_pkcs8_0600_and_openssl_reads_it(km, mint, store, args, kind, bits):
    out = km("keys", "generate", *args, "--keys", store).stdout
    kid = out.strip()
    assert out in (kid, kid + "\n"), f"keys generate must print the kid only: {out!r}"
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", kid), kid
    path = store / f"{kid}.pem"
    pem = path.read_text()
    assert pem.startswith("-----BEGIN PRIVATE KEY-----\n"), pem.splitlines()[0]
    assert pem.rstrip().endswith("-----END PRIVATE KEY-----")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # openssl reads it without a passphrase (stdin is empty, so a prompt would fail).
    assert openssl("pkey", "-in", path, "-noout").returncode == 0
    text = key_text(path)
    if kind == "rsa":
        assert re.search(rf"Private-Key: \({bits} bit", text), text.splitlines()[0]
    else:
        assert "NIST CURVE: P-256" in text or "ASN1 OID: prime256v1" in text, text
    # kid == base64url(sha256(DER SPKI)) as openssl prints it, in the JWKS and in the token header.
    assert openssl_kid(path) == kid
    jwks = json.loads(km("keys", "jwks", "--keys", store).stdout)
    assert [k["kid"] for k in jwks["keys"]] == [kid]
    assert split_jws(mint("sa", "--keys", store)).header["kid"] == kid


def test_the_published_jwks_keys_are_the_public_halves_openssl_derives(km, store):
    """The store keeps private keys only; the public keys it publishes (`keys jwks`, what the server
    serves) are, byte for byte as DER SPKI, the public halves `openssl pkey -pubout` derives from them."""
    km("keys", "generate", "--keys", store)
    km("keys", "generate", "--type", "ec", "--keys", store)
    privates = sorted(store.glob("*.pem"))
    assert len(privates) == 2, [p.name for p in store.iterdir()]
    derived = {openssl_kid(p): openssl("pkey", "-in", p, "-pubout", "-outform", "DER").stdout for p in privates}
    jwks = json.loads(km("keys", "jwks", "--keys", store).stdout)
    assert sorted(k["kid"] for k in jwks["keys"]) == sorted(derived)
    for jwk in jwks["keys"]:
        published = jwt.PyJWK(jwk).key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        assert published == derived[jwk["kid"]], jwk["kid"]


def test_empty_store_gets_one_key_on_first_use(mint, store):
    token = mint("sa", "--keys", store)
    keys = [p for p in store.glob("*.pem") if "PRIVATE KEY" in p.read_text()]
    assert len(keys) == 1, [p.name for p in store.iterdir()]
    assert keys[0].name == f"{openssl_kid(keys[0])}.pem"
    assert split_jws(token).header == {"alg": "RS256", "kid": openssl_kid(keys[0])}
    # A second run reuses it.
    assert split_jws(mint("sa", "--keys", store)).header["kid"] == openssl_kid(keys[0])
    assert len([p for p in store.glob("*.pem") if "PRIVATE KEY" in p.read_text()]) == 1


def test_concurrent_first_use_makes_one_signing_key(kubemint_bin, store, workdir):
    """Two (here four) processes starting at once on an empty store end up with one key."""
    procs = [subprocess.Popen([kubemint_bin, "create", "token", "sa", "--keys", str(store)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=workdir, stdin=subprocess.DEVNULL) for _ in range(4)]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    for out, err, rc in results:
        assert rc == 0, err
    kids = {split_jws(out.strip()).header["kid"] for out, _, _ in results}
    assert len(kids) == 1, kids
    privs = [p for p in store.glob("*.pem") if "PRIVATE KEY" in p.read_text()]
    assert [openssl_kid(p) for p in privs] == list(kids)


def test_keys_list_names_every_key_and_the_signing_one(km, mint, store):
    rsa = km("keys", "generate", "--keys", store).stdout.strip()
    ec = km("keys", "generate", "--type", "ec", "--keys", store).stdout.strip()
    signing_kid = split_jws(mint("sa", "--keys", store)).header["kid"]
    assert signing_kid in (rsa, ec)

    text = km("keys", "list", "--keys", store).stdout
    assert rsa in text and ec in text, text
    assert "2048" in text and re.search(r"P-256|256", text), text

    listed = json.loads(km("keys", "list", "--keys", store, "-o", "json").stdout)
    if isinstance(listed, dict):
        listed = listed.get("keys", listed.get("items"))
    by_kid = {k["kid"]: k for k in listed}
    assert set(by_kid) == {rsa, ec}
    assert str(by_kid[rsa]["type"]).lower() == "rsa"
    assert str(by_kid[ec]["type"]).lower() == "ec"
    assert by_kid[rsa]["size"] == 2048 and by_kid[ec]["size"] == 256
    assert [k for k, v in by_kid.items() if v["signing"] is True] == [signing_kid]


def test_jwks_lists_every_key_and_never_a_private_member(km, store):
    kids = {km("keys", "generate", "--keys", store).stdout.strip(),
            km("keys", "generate", "--type", "ec", "--keys", store).stdout.strip(),
            km("keys", "generate", "--bits", "3072", "--keys", store).stdout.strip()}
    jwks = json.loads(km("keys", "jwks", "--keys", store).stdout)
    assert {k["kid"] for k in jwks["keys"]} == kids
    for k in jwks["keys"]:
        assert not set(k) & {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}, k


def test_generate_refuses_small_rsa(km, store):
    p = km("keys", "generate", "--type", "rsa", "--bits", "1024", "--keys", store, check=False)
    assert p.returncode != 0
    assert "1024" in p.stderr, p.stderr
    assert list(store.glob("*.pem")) == []

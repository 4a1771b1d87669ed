"""Static OIDC export (issue 5): `kubemint export-oidc` writes a directory that a plain static
file server (python -m http.server) turns into a discoverable issuer; PyJWT and `kubemint verify
--discover` verify a minted token through discovery -> jwks_uri.

Self-contained: needs only $KUBEMINT (the binary under test), PyJWT[crypto] and pytest.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jwt
import pytest

KUBEMINT = os.environ.get("KUBEMINT", "")
if not (KUBEMINT and os.path.isfile(KUBEMINT) and os.access(KUBEMINT, os.X_OK)):
    raise RuntimeError("set KUBEMINT to the kubemint binary (e.g. $(swift build --show-bin-path)/kubemint)")

AUDIENCE = "sts.example.com"


def kubemint(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run([KUBEMINT, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"kubemint {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as r:
        assert r.status == 200
        return r.read()


@pytest.fixture
def static_site(tmp_path: Path):
    """(issuer URL, directory): python's http.server serving the directory at the issuer URL."""
    port = free_port()
    site = tmp_path / "site"
    site.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(f"http.server did not start on port {port}")
            time.sleep(0.1)
    yield issuer, site
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    d = tmp_path / "keys"
    kubemint("keys", "generate", "--type", "rsa", "--keys", str(d), cwd=tmp_path)
    return d


def test_export_writes_apiserver_documents(store: Path, tmp_path: Path):
    out = tmp_path / "out"
    issuer = "https://oidc.example.com/cluster-1/"
    p = kubemint("export-oidc", "--issuer", issuer, "--out", str(out), "--keys", str(store), cwd=tmp_path)
    discovery_file = out / ".well-known" / "openid-configuration"
    jwks_file = out / "openid" / "v1" / "jwks"
    assert str(discovery_file) in p.stdout and str(jwks_file) in p.stdout
    pairs = json.loads(discovery_file.read_text(), object_pairs_hook=lambda kv: kv)
    assert [k for k, _ in pairs] == [
        "issuer", "jwks_uri", "response_types_supported", "subject_types_supported",
        "id_token_signing_alg_values_supported"]
    doc = dict(pairs)
    assert doc["issuer"] == issuer
    assert doc["jwks_uri"] == "https://oidc.example.com/cluster-1/openid/v1/jwks"
    assert doc["response_types_supported"] == ["id_token"]
    assert doc["subject_types_supported"] == ["public"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    served = kubemint("keys", "jwks", "--keys", str(store), cwd=tmp_path).stdout.strip()
    assert jwks_file.read_text().strip() == served


def test_algorithms_follow_the_keys(store: Path, tmp_path: Path):
    kubemint("keys", "rotate", "--type", "ec", "--keys", str(store), cwd=tmp_path)
    out = tmp_path / "out"
    kubemint("export-oidc", "--issuer", "https://i.example", "--out", str(out), "--keys", str(store), cwd=tmp_path)
    doc = json.loads((out / ".well-known" / "openid-configuration").read_text())
    assert doc["id_token_signing_alg_values_supported"] == ["ES256", "RS256"]
    assert [k["alg"] for k in json.loads((out / "openid" / "v1" / "jwks").read_text())["keys"]] == ["ES256", "RS256"]


def test_bad_issuer_is_refused(store: Path, tmp_path: Path):
    p = kubemint("export-oidc", "--issuer", "https://i.example/?x=1", "--out", str(tmp_path / "o"),
                 "--keys", str(store), cwd=tmp_path, check=False)
    assert p.returncode == 1 and "query or fragment" in p.stderr
    p = kubemint("export-oidc", "--issuer", "not a url", "--out", str(tmp_path / "o"),
                 "--keys", str(store), cwd=tmp_path, check=False)
    assert p.returncode == 1


def test_token_verifies_through_static_hosting(static_site, store: Path, tmp_path: Path):
    issuer, site = static_site
    kubemint("export-oidc", "--issuer", issuer, "--out", str(site), "--keys", str(store), cwd=tmp_path)
    token = kubemint("create", "token", "web", "-n", "apps", "--issuer", issuer, "--audience", AUDIENCE,
                     "--keys", str(store), cwd=tmp_path).stdout.strip()

    # PyJWT as a relying party that knows only the issuer URL.
    discovery = json.loads(get(f"{issuer}/.well-known/openid-configuration"))
    assert discovery["issuer"] == issuer
    assert discovery["jwks_uri"] == f"{issuer}/openid/v1/jwks"
    client = jwt.PyJWKClient(discovery["jwks_uri"], cache_keys=False)
    key = client.get_signing_key_from_jwt(token)
    claims = jwt.decode(
        token, key=key, algorithms=discovery["id_token_signing_alg_values_supported"], audience=AUDIENCE,
        issuer=issuer, options={"require": ["exp", "iat", "nbf", "iss", "aud", "sub"]})
    assert claims["sub"] == "system:serviceaccount:apps:web"

    # kubemint's own relying party, discovering the same way.
    p = kubemint("verify", "--discover", issuer, "--issuer", issuer, "--audience", AUDIENCE, token, cwd=tmp_path)
    assert p.stdout.startswith("valid: sub=system:serviceaccount:apps:web")

    # A token signed by a key that is not in the hosted JWKS fails both.
    forged = kubemint("create", "token", "web", "--issuer", issuer, "--audience", AUDIENCE, "--keys", str(store),
                      "--defect", "unknown-key", cwd=tmp_path).stdout.strip()
    with pytest.raises(jwt.PyJWKClientError):
        client.get_signing_key_from_jwt(forged)
    p = kubemint("verify", "--discover", issuer, "--issuer", issuer, "--audience", AUDIENCE, forged, cwd=tmp_path,
                 check=False)
    assert p.returncode == 1 and "key check failed" in p.stderr

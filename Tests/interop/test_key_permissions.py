"""Private key files readable by group or others are refused, as OpenSSH refuses them: the message
names the file, its mode and the fix (`chmod 600 FILE`), and --allow-insecure-key-permissions
accepts them with a warning. A running server asked to reload such a key answers a Status error
and keeps serving its old keys. Public keys are never refused."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
import requests

from interop_helpers import openssl, openssl_kid, openssl_public_pem, run, split_jws, stderr_one_line
from kubemint_server import start_server

FLAG = "--allow-insecure-key-permissions"


def refusal(path) -> str:
    return (f"error: {path}: permissions 0644 are too open: a private key file must not be accessible by group "
            f"or others; run `chmod 600 {path}`, or pass {FLAG} to use it anyway")


def open_key(path, mode=0o644):
    """An RSA key as `openssl genrsa` writes it, then given `mode` (as a careless cp or umask would)."""
    openssl("genrsa", "-out", path, "2048")
    os.chmod(path, mode)
    return path


def test_create_token_offline_refuses_a_world_readable_key(km, tmp_path):
    key = open_key(tmp_path / "sa.key")
    p = km("create", "token", "sa", "--keys", key, check=False)
    assert p.returncode != 0 and p.stdout == ""
    assert stderr_one_line(p) == refusal(key)

    # The flag accepts it, and says so on stderr.
    p = km("create", "token", "sa", "--keys", key, FLAG)
    assert split_jws(p.stdout.strip()).header["kid"] == openssl_kid(key)
    assert "warning: --allow-insecure-key-permissions" in p.stderr

    # Fixed as the message says, it works without the flag.
    os.chmod(key, 0o600)
    p = km("create", "token", "sa", "--keys", key)
    # No warning: stderr only names the issuer an offline token is minted for.
    assert p.stderr.splitlines() == [
        "kubemint: minted offline for issuer https://kubernetes.default.svc.cluster.local"
        " (name a server with --kubeconfig or --server to mint for its issuer)"]


@pytest.mark.parametrize("mode", [0o600, 0o400])
def test_owner_only_keys_are_accepted(mint, tmp_path, mode):
    key = open_key(tmp_path / "sa.key", mode)
    assert split_jws(mint("sa", "--keys", key)).header["kid"] == openssl_kid(key)


def test_a_symlink_to_a_world_readable_key_is_refused(km, tmp_path):
    key = open_key(tmp_path / "real.key")
    link = tmp_path / "sa.key"
    link.symlink_to(key)
    p = km("create", "token", "sa", "--keys", link, check=False)
    assert p.returncode != 0
    assert stderr_one_line(p) == refusal(link)


def test_key_store_commands_refuse_and_public_keys_pass(km, store, tmp_path):
    kid = km("keys", "generate", "--keys", store).stdout.strip()
    # A public key and a certificate may be world-readable.
    pub = openssl_public_pem(open_key(tmp_path / "other.key", 0o600), store / "other.pub")
    os.chmod(pub, 0o644)
    assert len(json.loads(km("keys", "jwks", "--keys", store).stdout)["keys"]) == 2
    # A private key copied in with 0644 is refused by every command that reads the store.
    added = open_key(store / "added.pem")
    for args in (["keys", "list"], ["keys", "jwks"], ["create", "token", "sa"],
                 ["export-oidc", "--issuer", "https://issuer.test", "--out", str(tmp_path / "site")]):
        p = km(*args, "--keys", store, check=False)
        assert p.returncode != 0, args
        assert stderr_one_line(p) == refusal(added), args
    listed = km("keys", "list", "--keys", store, FLAG).stdout
    assert kid in listed and openssl_kid(added) in listed


def test_serve_refuses_a_world_readable_keys_file(kubemint_bin, tmp_path):
    key = open_key(tmp_path / "sa.key")
    p = run([kubemint_bin, "serve", "--listen", "127.0.0.1:0", "--keys", key,
             "--kubeconfig", tmp_path / "kubeconfig"], check=False, timeout=60, cwd=tmp_path)
    assert p.returncode != 0
    assert p.stderr.strip().splitlines()[-1] == refusal(key)
    assert "kubemint serving on" not in p.stdout
    assert not (tmp_path / "kubeconfig").exists()


def test_serve_refuses_a_world_readable_tls_key(kubemint_bin, tmp_path):
    d = tmp_path / "pki"
    d.mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", "tls.key", "-out", "tls.crt", "-subj", "/CN=127.0.0.1", "-days", "1"],
                   check=True, capture_output=True, cwd=d)
    os.chmod(d / "tls.key", 0o644)
    p = run([kubemint_bin, "serve", "--listen", "127.0.0.1:0", "--keys", tmp_path / "keys",
             "--kubeconfig", tmp_path / "kubeconfig", "--tls-cert", d / "tls.crt", "--tls-key", d / "tls.key"],
            check=False, timeout=60, cwd=tmp_path)
    assert p.returncode != 0
    assert p.stderr.strip().splitlines()[-1] == refusal(d / "tls.key")


def test_serve_with_the_flag_starts_and_warns(kubemint_bin, tmp_path):
    work = tmp_path / "srv"
    (work / "keys").mkdir(parents=True)
    key = open_key(work / "keys" / "sa.pem")
    s = start_server(kubemint_bin, work, FLAG)
    try:
        assert "warning: --allow-insecure-key-permissions" in s.log()
        assert [k["kid"] for k in s.get("/openid/v1/jwks").json()["keys"]] == [openssl_kid(key)]
    finally:
        s.stop()


def test_serve_warns_about_a_key_store_writable_by_others(kubemint_bin, tmp_path):
    work = tmp_path / "srv"
    (work / "keys").mkdir(parents=True)
    os.chmod(work / "keys", 0o777)
    s = start_server(kubemint_bin, work)
    try:
        assert f"warning: key store {work / 'keys'} is writable by others (mode 0777)" in s.log()
    finally:
        s.stop()


def test_reload_meeting_a_world_readable_key_answers_status_and_keeps_the_old_keys(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "srv")
    try:
        keys = s.dir / "keys"
        jwks_before = s.get("/openid/v1/jwks").json()
        old_kid = jwks_before["keys"][0]["kid"]
        # A new signing key dropped into the store by hand, world-readable.
        added = open_key(keys / "added.pem")
        (keys / "signing-key").write_text(openssl_kid(added) + "\n")

        p = run([kubemint_bin, "keys", "reload", "--kubeconfig", s.kubeconfig], check=False)
        assert p.returncode != 0
        assert stderr_one_line(p) == refusal(added).replace(
            "error: ", "error: keys not reloaded (the previous keys stay in use): ", 1)

        # The Status object itself, as any client sees it.
        r = requests.post(s.url + "/kubemint/v1/keys/reload", verify=s.ca, headers=s.headers, timeout=10)
        assert r.status_code == 400
        status = r.json()
        assert (status["kind"], status["status"], status["reason"]) == ("Status", "Failure", "BadRequest")
        assert f"chmod 600 {added}" in status["message"]

        # Still serving the old keys: same JWKS, new tokens signed by the old key and accepted.
        assert s.get("/openid/v1/jwks").json() == jwks_before
        r = requests.post(s.url + "/api/v1/namespaces/default/serviceaccounts/default/token",
                          json={"spec": {}}, verify=s.ca, headers=s.headers, timeout=10)
        assert r.status_code == 201, r.text
        token = r.json()["status"]["token"]
        assert split_jws(token).header["kid"] == old_kid
        review = requests.post(s.url + "/apis/authentication.k8s.io/v1/tokenreviews",
                               json={"spec": {"token": token}}, verify=s.ca, headers=s.headers, timeout=10)
        assert review.json()["status"]["authenticated"] is True

        # chmod as told, and the reload takes the new key.
        os.chmod(added, 0o600)
        run([kubemint_bin, "keys", "reload", "--kubeconfig", s.kubeconfig])
        kids = {k["kid"] for k in s.get("/openid/v1/jwks").json()["keys"]}
        assert kids == {old_kid, openssl_kid(added)}
    finally:
        s.stop()

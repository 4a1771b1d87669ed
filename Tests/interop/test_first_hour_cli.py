"""Issue 17, a new user's first hour with the CLI: a failed start leaves a live server's kubeconfig
alone, `verify --discover` checks the discovered issuer, errors say what happened and what to do,
kubectl's conventions (KUBECONFIG, --context, -o yaml, unknown commands), new key stores and the
offline issuer are announced on stderr."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest
import requests
import yaml

from interop_helpers import run, split_jws
from kubemint_server import start_server

DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local"


def km(kubemint_bin, *args, cwd, env=None, timeout=60):
    return subprocess.run([kubemint_bin, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=timeout, stdin=subprocess.DEVNULL)


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "KUBECONFIG"}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def tls_server(kubemint_bin, tmp_path_factory):
    s = start_server(kubemint_bin, tmp_path_factory.mktemp("first-hour"), tls=True)
    yield s
    s.stop()


def test_failed_start_leaves_the_live_servers_kubeconfig(kubemint_bin, tls_server, tmp_path):
    before = tls_server.kubeconfig.read_bytes()
    port = tls_server.url.rsplit(":", 1)[1]
    p = km(kubemint_bin, "serve", "--listen", f"127.0.0.1:{port}", "--keys", tmp_path / "keys",
           "--kubeconfig", tls_server.kubeconfig, cwd=tmp_path, env=clean_env())
    assert p.returncode != 0
    assert tls_server.kubeconfig.read_bytes() == before, "a failed start rewrote the live server's kubeconfig"
    # Port in use: the address and what to do, not the socket library's errno dump.
    assert f"127.0.0.1:{port}" in p.stderr and "already in use" in p.stderr, p.stderr
    assert "--listen 127.0.0.1:0" in p.stderr, p.stderr
    assert "bind(descriptor" not in p.stderr and "errno" not in p.stderr, p.stderr
    assert "this server's kubeconfig is" not in p.stderr, p.stderr  # nothing was written anywhere


def test_second_server_does_not_take_over_a_live_kubeconfig(kubemint_bin, tls_server, tmp_path):
    before = tls_server.kubeconfig.read_bytes()
    proc = subprocess.Popen([kubemint_bin, "serve", "--listen", "127.0.0.1:0", "--keys", str(tmp_path / "keys"),
                             "--kubeconfig", str(tls_server.kubeconfig)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=clean_env())
    try:
        banner = ""
        while "auth:" not in banner:
            line = proc.stdout.readline()
            assert line, f"second server exited: {proc.stderr.read()}"
            banner += line
        # The console's token hint names the file this server wrote, not the one it was asked for.
        url = next(l.removeprefix("kubemint serving on ").strip() for l in banner.splitlines()
                   if l.startswith("kubemint serving on "))
        page = requests.get(url + "/kubemint/", timeout=10).text
        written_now = next(l.split(None, 1)[1] for l in banner.splitlines() if l.startswith("kubeconfig:"))
        assert f'<meta name="kubemint-kubeconfig" content="{written_now}">' in page
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert tls_server.kubeconfig.read_bytes() == before
    written = next(l.split(None, 1)[1] for l in banner.splitlines() if l.startswith("kubeconfig:"))
    assert written != str(tls_server.kubeconfig) and Path(written).is_file(), banner
    assert str(tls_server.kubeconfig) in err and written in err and "--kubeconfig PATH" in err, err
    # Its own kubeconfig points at itself.
    assert yaml.safe_load(Path(written).read_text())["clusters"][0]["cluster"]["server"].startswith("http://")


def test_verify_discover_checks_the_discovered_issuer(kubemint_bin, tls_server, tmp_path):
    kc = ["--kubeconfig", tls_server.kubeconfig]
    run([kubemint_bin, "create", "token", "default", *kc]).stdout  # the server's own account exists
    ca = tls_server.ca
    wrong = run([kubemint_bin, "create", "token", "default", "--defect", "wrong-issuer", *kc]).stdout.strip()
    p = km(kubemint_bin, "verify", wrong, "--discover", tls_server.url, "--certificate-authority", ca, cwd=tmp_path)
    assert p.returncode != 0, p.stdout
    assert "iss is" in p.stderr and tls_server.url in p.stderr, p.stderr
    good = run([kubemint_bin, "create", "token", "default", *kc]).stdout.strip()
    p = km(kubemint_bin, "verify", good, "--discover", tls_server.url, "--certificate-authority", ca, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    # --issuer still overrides the discovered issuer.
    p = km(kubemint_bin, "verify", wrong, "--discover", tls_server.url, "--certificate-authority", ca,
           "--issuer", split_jws(wrong).payload["iss"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr


def test_tls_errors_say_what_to_do(kubemint_bin, tls_server, tmp_path):
    p = km(kubemint_bin, "clock", "get", "--server", tls_server.url, cwd=tmp_path)
    assert p.returncode != 0
    assert "certificate is not trusted" in p.stderr and "--certificate-authority" in p.stderr, p.stderr
    assert "handshake" not in p.stderr and "NIOSSL" not in p.stderr, p.stderr
    p = km(kubemint_bin, "clock", "get", "--server", tls_server.url.replace("https://", "http://"), cwd=tmp_path)
    assert p.returncode != 0
    assert "https://" in p.stderr and "remoteConnectionClosed" not in p.stderr, p.stderr


def test_https_to_an_http_port(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "plain")
    try:
        p = km(kubemint_bin, "clock", "get", "--server", s.url.replace("http://", "https://"), cwd=tmp_path)
        assert p.returncode != 0
        assert "does not speak TLS" in p.stderr and "http://" in p.stderr, p.stderr
    finally:
        s.stop()


def test_auth_token_without_tls_warns(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "auth", "--auth", "token")
    try:
        assert "--auth token without --tls" in s.log() and "--tls" in s.log(), s.log()
    finally:
        s.stop()


def test_kubeconfig_env_and_context(kubemint_bin, tls_server, tmp_path):
    env = clean_env(KUBECONFIG=f"{tls_server.kubeconfig}:/nonexistent")
    p = km(kubemint_bin, "create", "token", "default", cwd=tmp_path, env=env)
    assert p.returncode == 0, p.stderr
    assert split_jws(p.stdout.strip()).payload["iss"] == tls_server.url
    p = km(kubemint_bin, "create", "token", "default", "--context", "kubemint", "-o", "yaml", cwd=tmp_path, env=env)
    assert p.returncode == 0, p.stderr
    assert yaml.safe_load(p.stdout)["kind"] == "TokenRequest"
    p = km(kubemint_bin, "create", "token", "default", "--context", "nope", cwd=tmp_path, env=env)
    assert p.returncode != 0 and 'context "nope" does not exist' in p.stderr, p.stderr


def test_offline_names_issuer_and_new_store(kubemint_bin, tmp_path):
    p = km(kubemint_bin, "create", "token", "default", "--keys", tmp_path / "kyes", cwd=tmp_path, env=clean_env())
    assert p.returncode == 0, p.stderr
    assert split_jws(p.stdout.strip()).payload["iss"] == DEFAULT_ISSUER
    assert DEFAULT_ISSUER in p.stderr, p.stderr
    kid = split_jws(p.stdout.strip()).header["kid"]
    assert f"created key store {tmp_path / 'kyes'}" in p.stderr and kid in p.stderr, p.stderr
    p = km(kubemint_bin, "create", "token", "default", "--keys", tmp_path / "kyes", cwd=tmp_path, env=clean_env())
    assert "created key store" not in p.stderr, p.stderr


def test_yaml_output(kubemint_bin, tmp_path):
    token = run([kubemint_bin, "create", "token", "web", "--keys", tmp_path / "k"], cwd=tmp_path).stdout.strip()
    doc = yaml.safe_load(run([kubemint_bin, "inspect", token, "-o", "yaml"]).stdout)
    assert doc["payload"]["sub"] == "system:serviceaccount:default:web"
    keys = yaml.safe_load(run([kubemint_bin, "keys", "list", "--keys", tmp_path / "k", "-o", "yaml"]).stdout)
    assert keys[0]["signing"] is True
    off = yaml.safe_load(run([kubemint_bin, "create", "token", "web", "--keys", tmp_path / "k", "-o", "yaml"],
                             cwd=tmp_path).stdout)
    assert off["status"]["token"].count(".") == 2


def test_unknown_command_suggests(kubemint_bin, tmp_path):
    p = km(kubemint_bin, "crate", "token", "x", cwd=tmp_path)
    assert p.returncode != 0
    assert 'unknown command "crate" for "kubemint"' in p.stderr, p.stderr
    assert "Did you mean this?\n\tcreate" in p.stderr, p.stderr
    for kind in ("sa", "serviceaccount"):
        p = km(kubemint_bin, "create", kind, "robot", cwd=tmp_path)
        assert p.returncode != 0 and "kubectl" in p.stderr and f"create {kind}" in p.stderr, p.stderr


def test_help_fits_80_columns(kubemint_bin, tmp_path):
    env = clean_env(COLUMNS="80")
    top = km(kubemint_bin, "--help", cwd=tmp_path, env=env).stdout
    overview = top.split("USAGE")[0]
    assert all(len(line) <= 80 for line in overview.splitlines()), overview
    # No line holding a lone word of a wrapped sentence.
    assert all(len(line.split()) != 1 for line in overview.splitlines()[2:] if line.strip()), overview
    assert "reload" in km(kubemint_bin, "keys", "--help", cwd=tmp_path).stdout
    assert "Create objects" not in km(kubemint_bin, "create", "--help", cwd=tmp_path).stdout
    assert "running server" in km(kubemint_bin, "create", "token", "--help", cwd=tmp_path).stdout

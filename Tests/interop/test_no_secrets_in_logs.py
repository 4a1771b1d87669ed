"""Tokens and keys never appear in kubemint's logs (issue 6): a full lifecycle at the most verbose
log level, then the whole output is searched for every token and key it handled."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import requests

from kubemint_server import start_server



def test_a_full_lifecycle_logs_no_token_and_no_key(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "srv", "--log-level", "trace", tls=True)
    secrets: list[str] = []
    try:
        post = lambda path, body, headers=None: requests.post(
            s.url + path, json=body, verify=s.ca, headers=s.headers | (headers or {}), timeout=10)
        assert post("/api/v1/namespaces/default/serviceaccounts", {"metadata": {"name": "web"}}).status_code == 201
        assert post("/api/v1/namespaces/default/pods",
                    {"metadata": {"name": "web-0"}, "spec": {"serviceAccountName": "web"}}).status_code == 201
        r = post("/api/v1/namespaces/default/secrets",
                 {"metadata": {"name": "web-token", "annotations": {"kubernetes.io/service-account.name": "web"}},
                  "type": "kubernetes.io/service-account-token"})
        secrets.append(base64.b64decode(r.json()["data"]["token"]).decode())
        for ref in [None, {"kind": "Pod", "apiVersion": "v1", "name": "web-0"}]:
            r = post("/api/v1/namespaces/default/serviceaccounts/web/token", {"spec": {"boundObjectRef": ref}})
            secrets.append(r.json()["status"]["token"])
        for token in secrets + ["eyJhbGciOiJub25lIn0.e30.", "garbage-token-value-1234567890"]:
            post("/apis/authentication.k8s.io/v1/tokenreviews", {"spec": {"token": token}})
            post("/apis/authentication.k8s.io/v1/selfsubjectreviews", {}, {"Authorization": f"Bearer {token}"})
        requests.delete(s.url + "/api/v1/namespaces/default/pods/web-0", verify=s.ca, headers=s.headers, timeout=10)
        post("/apis/authentication.k8s.io/v1/tokenreviews", {"spec": {"token": secrets[-1]}})
    finally:
        s.stop()
    log = s.log()
    assert "kubemint serving on" in log
    admin = s.headers["Authorization"].split(" ", 1)[1]
    for secret in secrets + [admin, "garbage-token-value-1234567890"]:
        # Not the token, nor its signature, nor its payload part.
        for piece in [secret] + secret.split(".")[1:]:
            if len(piece) >= 16:
                assert piece not in log, f"a token or its part appears in the log: {piece[:12]}…"
    for key_file in Path(tmp_path / "srv" / "keys").rglob("*"):
        if key_file.is_file() and key_file.suffix in {".pem", ".key"}:
            body = "".join(l for l in key_file.read_text().splitlines() if not l.startswith("-----"))
            assert body[:40] not in log, f"key material of {key_file.name} appears in the log"
    assert "PRIVATE KEY" not in log

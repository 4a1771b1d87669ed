"""Kubelet emulation (issue 7) seen from outside: `kubemint serve --kubelet-dir` writes the OpenShift
tutorial pod's projected token file; PyJWT verifies it against the served JWKS; moving the clock
rotates it; deleting the pod removes it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import jwt
import pytest
import requests

from kubemint_server import start_server


MANIFESTS = Path(__file__).resolve().parents[2] / "testdata" / "manifests"
MANIFEST = MANIFESTS / "pod-projected-svc-token.yaml"


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_projected_token_file_is_written_verified_rotated_and_removed(kubemint_bin, tmp_path):
    kubelet = tmp_path / "kubelet"
    # The tutorial's pod alone is refused (ServiceAccount admission): its account must come first.
    with pytest.raises(AssertionError, match='serviceaccount "build-robot" not found'):
        start_server(kubemint_bin, tmp_path / "refused", "--manifests", MANIFEST, tls=True)
    s = start_server(kubemint_bin, tmp_path / "srv", "--kubelet-dir", kubelet, "--manifests",
                     MANIFESTS / "build-robot.yaml", "--manifests", MANIFEST, "--clock", "fixed:2025-01-01T00:00:00Z",
                     tls=True)
    try:
        post = lambda path, body: requests.post(s.url + path, json=body, verify=s.ca, headers=s.headers, timeout=10)
        volume = kubelet / "default" / "nginx" / "vault-token"
        token_file = volume / "vault-token"
        first = wait_for(lambda: token_file.exists() and token_file.read_text())

        # The kubelet's layout: the visible name is a link into ..data, itself a link to a dated dir.
        assert os.readlink(token_file) == "..data/vault-token"
        assert os.readlink(volume / "..data").startswith("..2025_01_01_00_00_00.")

        keys = {k["kid"]: k for k in requests.get(s.url + "/openid/v1/jwks", verify=s.ca, timeout=10).json()["keys"]}
        header = jwt.get_unverified_header(first)
        issuer = requests.get(s.url + "/.well-known/openid-configuration", verify=s.ca, timeout=10).json()["issuer"]
        claims = jwt.decode(first, jwt.PyJWK(keys[header["kid"]]).key, algorithms=[header["alg"]], audience="vault",
                            issuer=issuer, options={"verify_exp": False, "verify_iat": False, "verify_nbf": False})
        assert claims["sub"] == "system:serviceaccount:default:build-robot"
        assert claims["exp"] - claims["iat"] == 7200
        pod = requests.get(s.url + "/api/v1/namespaces/default/pods/nginx", verify=s.ca, headers=s.headers,
                           timeout=10).json()
        assert claims["kubernetes.io"]["pod"] == {"name": "nginx", "uid": pod["metadata"]["uid"]}

        # 79 % of 7200 s: no refresh. Past 80 %: a new token, same layout, the old dated dir gone.
        old_dir = os.readlink(volume / "..data")
        assert post("/kubemint/v1/clock", {"advance": "94m"}).status_code == 200
        assert token_file.read_text() == first
        assert post("/kubemint/v1/clock", {"advance": "3m"}).status_code == 200
        second = wait_for(lambda: token_file.read_text() != first and token_file.read_text())
        assert jwt.decode(second, options={"verify_signature": False})["jti"] != claims["jti"]
        assert os.readlink(volume / "..data") != old_dir and not (volume / old_dir).exists()

        # Deleting the pod removes its files.
        r = requests.delete(s.url + "/api/v1/namespaces/default/pods/nginx?gracePeriodSeconds=0", verify=s.ca, headers=s.headers, timeout=10)
        assert r.status_code == 200
        wait_for(lambda: not (kubelet / "default" / "nginx").exists())
    finally:
        s.stop()


def test_cloud_env_sourced_by_sh_sets_exactly_its_variables_and_runs_nothing(kubemint_bin, tmp_path):
    """Issue 16: annotation values went raw into `KEY=value` lines that users `set -a; . cloud.env`:
    `$(…)` ran and a newline added variables. Now odd values are single-quoted, and values with
    control characters are left out (and reported)."""
    import subprocess

    kubelet = tmp_path / "kubelet"
    s = start_server(kubemint_bin, tmp_path / "srv", "--kubelet-dir", kubelet, tls=True)
    pwned = tmp_path / "pwned"
    role = f"arn:aws:iam::1:role/x' $(touch {pwned}) `touch {pwned}2` \"; touch {pwned}3; '"
    try:
        post = lambda path, body: requests.post(s.url + path, json=body, verify=s.ca, headers=s.headers, timeout=10)
        assert post("/api/v1/namespaces/default/serviceaccounts", {"metadata": {"name": "web", "annotations": {
            "eks.amazonaws.com/role-arn": role,
            "azure.workload.identity/client-id": "client\nEVIL=1",
            "azure.workload.identity/tenant-id": "tenant id with spaces",
        }}}).status_code == 201
        volumes = [
            {"name": "aws-iam-token", "projected": {"sources": [
                {"serviceAccountToken": {"audience": "sts.amazonaws.com", "expirationSeconds": 86400, "path": "token"}}]}},
            {"name": "azure-identity-token", "projected": {"sources": [
                {"serviceAccountToken": {"audience": "api://AzureADTokenExchange", "path": "azure-identity-token"}}]}},
        ]
        pod = {"metadata": {"name": "web-0"}, "spec": {"serviceAccountName": "web", "volumes": volumes,
                                                       "containers": [{"name": "app", "image": "my-app"}]}}
        assert post("/api/v1/namespaces/default/pods", pod).status_code == 201
        env_file = kubelet / "default" / "web-0" / "cloud.env"
        wait_for(lambda: env_file.exists())
        result = subprocess.run(["sh", "-c", "set -a; . ./cloud.env; set +a; env -0"], cwd=env_file.parent,
                                env={"PATH": os.environ["PATH"]}, capture_output=True, check=True)
        variables = dict(entry.split("=", 1) for entry in result.stdout.decode().split("\0") if entry)
        for name in ["PATH", "PWD", "SHLVL", "_", "OLDPWD"]:
            variables.pop(name, None)
        directory = kubelet / "default" / "web-0"
        assert variables == {
            "AWS_WEB_IDENTITY_TOKEN_FILE": str(directory / "aws-iam-token" / "token"),
            "AWS_ROLE_ARN": role,
            "AZURE_FEDERATED_TOKEN_FILE": str(directory / "azure-identity-token" / "azure-identity-token"),
            "AZURE_AUTHORITY_HOST": "https://login.microsoftonline.com/",
            "AZURE_TENANT_ID": "tenant id with spaces",
        }
        assert not list(tmp_path.glob("pwned*"))
        assert wait_for(lambda: "azure.workload.identity/client-id on the service account holds a control character"
                        in s.log())
    finally:
        assert s.stop() == 0, s.log()

"""Issue 22 part 3, seen from outside: pod certificates (KEP-4317, docs/kubernetes-behaviour.md §24).
A pod with a `podCertificate` projected source gets a key and a certificate from kubemint's built-in
signer, checked with `openssl verify` against the CA the signer publishes as a ClusterTrustBundle
(projected too) and read with Python `cryptography`; a clock advance past `beginRefreshAt` brings a
new key and certificate; the signer's denials, the apiserver's 422 for a wrong key type or a bad
proof of possession, and 400 for garbage; PodCertificateRequests and the CA survive a restart;
`kubectl get` lists both kinds."""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from kubemint_server import start_server
from readme_recipes import recipe
from recipe_runner import bash, serve, user_env
from test_default_token_volume import wait_for
from test_kubectl import Kubectl, _kubectl, kubectl_binary  # noqa: F401 (fixture)

pytestmark = pytest.mark.server

SIGNER = "kubemint.io/workload-identity"
BUNDLE = "kubemint.io:workload-identity:ca"
START = "2026-03-01T12:00:00Z"
PCRS = "/apis/certificates.k8s.io/v1beta1/namespaces/shop/podcertificaterequests"


def call(server, method: str, path: str, body=None, content_type: str = "application/json") -> requests.Response:
    data = body if isinstance(body, bytes) or body is None else json.dumps(body)
    return requests.request(method, server.url + path, data=data, verify=server.ca, timeout=10,
                            headers=server.headers | {"Content-Type": content_type, "Accept": "application/json"})


def start(kubemint_bin, workdir: Path):
    return start_server(kubemint_bin, workdir, "--kubelet-dir", str(workdir / "kubelet"), "--data-dir",
                        str(workdir / "data"), "--clock", f"fixed:{START}", tls=True)


@pytest.fixture
def server(kubemint_bin, tmp_path):
    s = start(kubemint_bin, tmp_path / "srv")
    for path, body in [("/api/v1/namespaces", {"metadata": {"name": "shop"}}),
                       ("/api/v1/namespaces/shop/serviceaccounts", {"metadata": {"name": "builder"}})]:
        assert call(s, "POST", path, body).status_code == 201
    yield s
    s.stop()


def pod_with_certificate(name: str, key_type: str = "ECDSAP256") -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
            "spec": {"serviceAccountName": "builder", "containers": [{"name": "app", "image": "busybox"}],
                     "volumes": [{"name": "identity", "projected": {"sources": [
                         {"podCertificate": {"signerName": SIGNER, "keyType": key_type, "maxExpirationSeconds": 3600,
                                             "credentialBundlePath": "credentials.pem"}},
                         {"clusterTrustBundle": {"signerName": SIGNER, "labelSelector": {}, "path": "ca.pem"}}]}}]}}


def volume_file(server, pod: str, name: str) -> Path:
    return server.dir / "kubelet" / "shop" / pod / "identity" / name


def leaf_of(bundle: bytes) -> x509.Certificate:
    return x509.load_pem_x509_certificates(bundle)[0]


def test_the_kubelet_writes_a_certificate_openssl_verifies_and_refreshes_it(server, tmp_path):
    assert call(server, "POST", "/api/v1/namespaces/shop/pods", pod_with_certificate("web")).status_code == 201
    bundle_file, ca_file = volume_file(server, "web", "credentials.pem"), volume_file(server, "web", "ca.pem")
    assert wait_for(bundle_file.is_file), server.log()
    bundle = bundle_file.read_bytes()
    key = serialization.load_pem_private_key(bundle, password=None)  # the first block: the PKCS#8 key
    leaf = leaf_of(bundle)
    assert leaf.public_key().public_numbers() == key.public_key().public_numbers()
    sans = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert sans.get_values_for_type(x509.UniformResourceIdentifier) == ["spiffe://cluster.local/ns/shop/sa/builder"]
    assert leaf.not_valid_before_utc.isoformat() == "2026-03-01T12:00:00+00:00"
    assert (leaf.not_valid_after_utc - leaf.not_valid_before_utc).total_seconds() == 3600

    published = call(server, "GET", f"/apis/certificates.k8s.io/v1beta1/clustertrustbundles/{BUNDLE}").json()
    assert ca_file.read_text() == published["spec"]["trustBundle"]
    leaf_file = tmp_path / "leaf.pem"
    leaf_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    at = str(int(leaf.not_valid_before_utc.timestamp()) + 60)  # the fixed clock is not the machine's
    verified = subprocess.run(["openssl", "verify", "-attime", at, "-CAfile", str(ca_file), str(leaf_file)],
                              capture_output=True, text=True)
    assert verified.stdout == f"{leaf_file}: OK\n", verified.stderr

    requests_made = call(server, "GET", PCRS).json()["items"]
    assert [r["status"]["conditions"][0]["type"] for r in requests_made] == ["Issued"]
    assert requests_made[0]["status"]["beginRefreshAt"] == "2026-03-01T12:30:00Z"

    # Past beginRefreshAt on kubemint's clock: a new key and certificate, without sleeping.
    r = call(server, "POST", "/kubemint/v1/clock", {"advance": "31m"})
    assert r.status_code == 200, r.text
    assert wait_for(lambda: bundle_file.read_bytes() != bundle), server.log()
    renewed = leaf_of(bundle_file.read_bytes())
    assert renewed.not_valid_before_utc.isoformat() == "2026-03-01T12:31:00+00:00"
    assert renewed.public_key().public_numbers() != leaf.public_key().public_numbers()
    assert len(call(server, "GET", PCRS).json()["items"]) == 2


def request_for(key, pod_uid: str = "uid-1", proof_uid: str | None = None) -> dict:
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    message = (proof_uid or pod_uid).encode()
    if isinstance(key, rsa.RSAPrivateKey):
        proof = key.sign(message, padding.PSS(padding.MGF1(hashes.SHA256()), padding.PSS.MAX_LENGTH), hashes.SHA256())
    else:
        proof = key.sign(message, ec.ECDSA(hashes.SHA256()))
    return {"apiVersion": "certificates.k8s.io/v1beta1", "kind": "PodCertificateRequest",
            "metadata": {"generateName": "req-"},
            "spec": {"signerName": SIGNER, "podName": "web", "podUID": pod_uid, "serviceAccountName": "builder",
                     "serviceAccountUID": "sa-uid", "nodeName": "kubemint-node-0", "nodeUID": "node-uid",
                     "pkixPublicKey": base64.b64encode(der).decode(),
                     "proofOfPossession": base64.b64encode(proof).decode()}}


def test_denials_and_bad_input(server):
    # The signer's denial: a key type the apiserver accepts (1.35) and kubemint's signer does not issue.
    created = call(server, "POST", PCRS, request_for(ec.generate_private_key(ec.SECP521R1())))
    assert created.status_code == 201, created.text
    name = created.json()["metadata"]["name"]

    def condition():
        conditions = call(server, "GET", f"{PCRS}/{name}").json()["status"].get("conditions", [])
        return conditions[0] if conditions else None
    denied = wait_for(condition)
    assert (denied["type"], denied["reason"]) == ("Denied", "UnsupportedKeyType"), denied

    # The apiserver's 422s.
    r = call(server, "POST", PCRS, request_for(rsa.generate_private_key(65537, 2048)))
    assert r.status_code == 422, r.text
    assert r.json()["message"].endswith(
        'spec.pkixPublicKey: Invalid value: "2048-bit modulus": RSA keys must have modulus size 3072 or 4096')
    r = call(server, "POST", PCRS, request_for(ec.generate_private_key(ec.SECP256R1()), proof_uid="other"))
    assert r.status_code == 422, r.text
    assert r.json()["message"].endswith(
        "spec.proofOfPossession: Invalid value: could not verify proof-of-possession signature")
    assert r.json()["details"]["causes"][0]["field"] == "spec.proofOfPossession"

    # Garbage: 400, nothing stored.
    before = len(call(server, "GET", PCRS).json()["items"])
    assert call(server, "POST", PCRS, b"{not json").status_code == 400
    assert call(server, "POST", PCRS, b"k8s\x00\xff\xfe garbage",
                content_type="application/vnd.kubernetes.protobuf").status_code == 400
    bad_base64 = request_for(ec.generate_private_key(ec.SECP256R1()))
    bad_base64["spec"]["proofOfPossession"] = "!!!!"
    r = call(server, "POST", PCRS, bad_base64)
    assert r.status_code == 400 and "illegal base64 data at input byte 0" in r.json()["message"], r.text
    assert len(call(server, "GET", PCRS).json()["items"]) == before

    # A signer's status write is checked too: the terminal status cannot change.
    stored = call(server, "GET", f"{PCRS}/{name}").json()
    stored["status"]["conditions"][0]["type"] = "Failed"
    r = call(server, "PUT", f"{PCRS}/{name}/status", stored)
    assert r.status_code == 422, r.text
    assert r.json()["message"].endswith(
        "status: Invalid value: immutable after PodCertificateRequest is issued, denied, or failed")


def test_requests_and_the_ca_survive_a_restart_and_kubectl_lists_them(kubemint_bin, kubectl_binary, tmp_path):
    workdir = tmp_path / "srv"
    s = start(kubemint_bin, workdir)
    try:
        assert call(s, "POST", "/api/v1/namespaces", {"metadata": {"name": "shop"}}).status_code == 201
        created = call(s, "POST", PCRS, request_for(ec.generate_private_key(ec.SECP384R1())))
        assert created.status_code == 201, created.text
        name = created.json()["metadata"]["name"]
        issued = wait_for(lambda: call(s, "GET", f"{PCRS}/{name}").json()["status"].get("certificateChain"))
        ca = call(s, "GET", f"/apis/certificates.k8s.io/v1beta1/clustertrustbundles/{BUNDLE}").json()
    finally:
        s.stop()
    (workdir / "kubeconfig").unlink()  # so that the fixture reads the new server's
    s = start(kubemint_bin, workdir)
    try:
        again = call(s, "GET", f"{PCRS}/{name}").json()
        assert again["status"]["certificateChain"] == issued
        bundle = call(s, "GET", f"/apis/certificates.k8s.io/v1beta1/clustertrustbundles/{BUNDLE}").json()
        assert bundle["spec"]["trustBundle"] == ca["spec"]["trustBundle"]
        kubectl: Kubectl = _kubectl(kubectl_binary, s, tmp_path)
        listed = kubectl("get", "podcertificaterequests", "-n", "shop").stdout
        assert name in listed, listed
        bundles = kubectl("get", "clustertrustbundles").stdout.splitlines()
        assert bundles[0].split() == ["NAME", "SIGNERNAME"], bundles
        assert bundles[1].split() == [BUNDLE, SIGNER], bundles
    finally:
        s.stop()


def test_pod_certificates_recipe(kubemint_bin, tmp_path):
    """The README's "Test pod certificates" blocks, as written, against `kubemint serve --listen
    127.0.0.1:0`."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "pod.yaml").write_text(recipe("pod-certificates-pod").text)
    env = user_env(kubemint_bin)
    server = serve(recipe("pod-certificates-serve").text.split("#")[0], project, env)
    try:
        p = bash(recipe("pod-certificates-check").text, project, env)
        files = "kubelet/default/web/identity"
        assert f"{files}/credentials.pem: OK\n" in p.stdout, p.stdout
        assert "URI:spiffe://cluster.local/ns/default/sa/shop" in p.stdout, p.stdout
        end_dates = [line for line in p.stdout.splitlines() if line.startswith("notAfter=")]
        assert len(end_dates) == 2 and end_dates[0] != end_dates[1], p.stdout  # renewed after the advance
        assert "kubemint.io:workload-identity:ca" in p.stdout and "req-web-" in p.stdout, p.stdout
    finally:
        server.stop()

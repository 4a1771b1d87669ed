"""Issue 20, seen from outside: ServiceAccount admission gives every pod the `kube-api-access-XXXXX`
volume and refuses pods naming a missing account with the apiserver's 403; every namespace has the
root-ca-cert-publisher's `kube-root-ca.crt`, put back when deleted or edited; the kubelet emulation
writes the default volume, and a Go program reading the fixed in-cluster paths as client-go's
`rest.InClusterConfig` does authenticates with it (docs/kubernetes-behaviour.md §20)."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests

from interop_helpers import require
from kubemint_server import start_server
from test_kubectl import Kubectl, _kubectl, kubectl_binary  # noqa: F401 (fixture)

pytestmark = pytest.mark.server

MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
VOLUME = re.compile(r"kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}")
DESCRIPTION = ("Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints "
               "such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across "
               "distributions of Kubernetes clusters.")


def wait_for(condition, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    return condition()


@pytest.fixture
def cluster(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "srv", "--kubelet-dir", str(tmp_path / "kubelet"), tls=True)
    yield s
    s.stop()


def test_kubectl_sees_the_injected_volume_the_403_and_the_root_ca(kubectl_binary, cluster, tmp_path):
    kubectl: Kubectl = _kubectl(kubectl_binary, cluster, tmp_path)
    kubectl("create", "namespace", "team")
    kubectl("-n", "team", "create", "serviceaccount", "app")
    pod = tmp_path / "pod.json"
    pod.write_text(json.dumps({
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
        "spec": {"serviceAccountName": "app", "initContainers": [{"name": "init", "image": "busybox"}],
                 "containers": [{"name": "app", "image": "nginx"}]}}))
    kubectl("-n", "team", "create", "-f", pod)
    spec = kubectl.json("-n", "team", "get", "pod", "web")["spec"]
    volume = spec["volumes"][-1]
    assert VOLUME.fullmatch(volume["name"]), volume
    assert volume["projected"] == {
        "sources": [{"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                    {"downwardAPI": {"items": [{"path": "namespace",
                                                "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}],
        "defaultMode": 420}, volume
    mount = {"name": volume["name"], "readOnly": True, "mountPath": MOUNT_PATH}
    assert spec["containers"][0]["volumeMounts"] == [mount]
    assert spec["initContainers"][0]["volumeMounts"] == [mount]

    ghost = tmp_path / "ghost.json"
    ghost.write_text(json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "ghost"},
                                 "spec": {"serviceAccountName": "nobody",
                                          "containers": [{"name": "app", "image": "nginx"}]}}))
    p = kubectl("-n", "team", "create", "-f", ghost, check=False)
    assert p.returncode != 0
    assert p.stderr.rstrip().endswith(
        'pods "ghost" is forbidden: error looking up service account team/nobody: serviceaccount "nobody" not found'
    ), p.stderr
    assert kubectl("-n", "team", "get", "pod", "ghost", check=False).returncode != 0

    ca = Path(cluster.ca).read_text()
    configmap = kubectl.json("-n", "team", "get", "configmap", "kube-root-ca.crt")
    assert configmap["data"] == {"ca.crt": ca}
    assert configmap["metadata"]["annotations"] == {"kubernetes.io/description": DESCRIPTION}
    first_uid = configmap["metadata"]["uid"]
    kubectl("-n", "team", "delete", "configmap", "kube-root-ca.crt")
    again = wait_for(lambda: (lambda p: p.returncode == 0 and json.loads(p.stdout))(
        kubectl("-n", "team", "get", "configmap", "kube-root-ca.crt", "-o", "json", check=False)))
    assert again and again["metadata"]["uid"] != first_uid and again["data"] == {"ca.crt": ca}, again
    kubectl("-n", "team", "patch", "configmap", "kube-root-ca.crt", "--type", "merge", "-p", '{"data":{"ca.crt":"x"}}')
    assert wait_for(lambda: kubectl.json("-n", "team", "get", "configmap", "kube-root-ca.crt")["data"] == {"ca.crt": ca})


GO_READER = r'''
// What client-go's rest.InClusterConfig does, with the standard library only: the fixed paths,
// KUBERNETES_SERVICE_HOST/PORT, the CA from ca.crt, the bearer token; then a SelfSubjectReview.
package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
)

const dir = "/var/run/secrets/kubernetes.io/serviceaccount/"

func main() {
	token, err := os.ReadFile(dir + "token")
	check(err)
	ca, err := os.ReadFile(dir + "ca.crt")
	check(err)
	namespace, err := os.ReadFile(dir + "namespace")
	check(err)
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca) {
		check(fmt.Errorf("no certificate in ca.crt"))
	}
	host := "https://" + net.JoinHostPort(os.Getenv("KUBERNETES_SERVICE_HOST"), os.Getenv("KUBERNETES_SERVICE_PORT"))
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	body := []byte(`{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}`)
	req, err := http.NewRequest("POST", host+"/apis/authentication.k8s.io/v1/selfsubjectreviews", bytes.NewReader(body))
	check(err)
	req.Header.Set("Authorization", "Bearer "+string(token))
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	check(err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	check(err)
	var review struct {
		Status struct {
			UserInfo struct {
				Username string `json:"username"`
			} `json:"userInfo"`
		} `json:"status"`
	}
	check(json.Unmarshal(raw, &review))
	fmt.Println(review.Status.UserInfo.Username, string(namespace))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
'''


def test_a_go_in_cluster_reader_uses_the_written_volume(cluster, tmp_path):
    go = shutil.which("go")
    require(go is not None, "Go", "apt-get install golang-go (.ci/run installs it)")
    require(shutil.which("unshare") is not None, "unshare (util-linux)", "apt-get install util-linux")
    base = cluster.url.rstrip("/")

    def post(path: str, body: dict) -> requests.Response:
        return requests.post(base + path, json=body, verify=cluster.ca, headers=cluster.headers, timeout=10)

    r = post("/api/v1/namespaces/default/serviceaccounts", {"metadata": {"name": "reader"}})
    assert r.status_code == 201, r.text
    r = post("/api/v1/namespaces/default/pods", {
        "metadata": {"name": "reader"},
        "spec": {"serviceAccountName": "reader", "containers": [{"name": "app", "image": "reader"}]}})
    assert r.status_code == 201, r.text
    volume = next(v["name"] for v in r.json()["spec"]["volumes"] if VOLUME.fullmatch(v["name"]))
    folder = tmp_path / "kubelet" / "default" / "reader" / volume
    assert wait_for(lambda: (folder / "token").is_file() and (folder / "ca.crt").is_file()), os.listdir(folder.parent)
    assert (folder / "ca.crt").read_text() == Path(cluster.ca).read_text()
    assert (folder / "namespace").read_text() == "default"
    claims = json.loads(base64.urlsafe_b64decode((folder / "token").read_text().split(".")[1] + "=="))
    assert claims["exp"] - claims["iat"] == 365 * 24 * 3600 and claims["kubernetes.io"]["warnafter"] == claims["iat"] + 3607

    source = tmp_path / "reader.go"
    source.write_text(GO_READER)
    env = {**os.environ, "GO111MODULE": "off", "GOFLAGS": "", "GOPATH": str(tmp_path / "gopath")}
    if not any(os.environ.get(v) for v in ("GOCACHE", "XDG_CACHE_HOME", "HOME")):
        env["GOCACHE"] = str(tmp_path / "gocache")
    subprocess.run([go, "build", "-o", str(tmp_path / "reader"), str(source)], check=True, env=env, timeout=600,
                   cwd=tmp_path)
    host, port = "127.0.0.1", cluster.url.rsplit(":", 1)[1].rstrip("/")
    script = (f'mount -t tmpfs tmpfs /var/run && mkdir -p {MOUNT_PATH} && mount --bind "$1" {MOUNT_PATH} '
              '&& shift && exec "$@"')
    p = subprocess.run(["unshare", "--map-root-user", "--mount", "sh", "-c", script, "sh", str(folder),
                        str(tmp_path / "reader")], capture_output=True, text=True, timeout=60,
                       env={**env, "KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": port})
    assert p.returncode == 0, p.stderr
    assert p.stdout == "system:serviceaccount:default:reader default\n", p.stdout

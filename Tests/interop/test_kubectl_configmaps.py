"""Issue 19, "ConfigMaps": real kubectl (every version test_kubectl.py drives) creates, lists, prints
and deletes ConfigMaps against `kubemint serve` — `create configmap --from-literal` (a protobuf body
from 1.32/1.33, JSON from 1.30), `get cm` (the apiserver's NAME/DATA/AGE table), `get cm -o yaml`,
`create -f` of a manifest and `delete cm` — and the kubelet emulation writes a ConfigMap volume
(docs/kubernetes-behaviour.md §15)."""

from __future__ import annotations

import json
import time

import pytest
import yaml

from test_kubectl import Kubectl, assert_age, http_server, kubectl_binary, kubectl_http, table  # noqa: F401

pytestmark = pytest.mark.server

MANIFEST = {
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {"name": "from-file", "labels": {"app": "web"}},
    "data": {"app.conf": "debug=true\n"},
    "binaryData": {"blob": "AP8="},
}


def test_configmap_create_get_yaml_delete(kubectl_http: Kubectl, tmp_path):
    kubectl = kubectl_http
    p = kubectl("create", "configmap", "x", "--from-literal=a=b", "--from-literal=c=d")
    assert p.stdout == "configmap/x created\n", p.stdout

    p = kubectl("get", "cm")
    header, rows = table(p.stdout)
    assert header == ["NAME", "DATA", "AGE"], p.stdout
    # kube-root-ca.crt is the root-ca-cert-publisher's, in every namespace (issue 20).
    assert list(rows) == ["kube-root-ca.crt", "x"] and rows["x"][1] == "2", p.stdout
    assert rows["kube-root-ca.crt"][1] == "1", p.stdout
    assert_age(rows["x"][2])

    cm = yaml.safe_load(kubectl("get", "cm", "x", "-o", "yaml").stdout)
    assert cm["kind"] == "ConfigMap" and cm["apiVersion"] == "v1", cm
    assert cm["data"] == {"a": "b", "c": "d"}, cm
    assert cm["metadata"]["name"] == "x" and cm["metadata"]["namespace"] == "default", cm

    manifest = tmp_path / "cm.yaml"
    manifest.write_text(yaml.safe_dump(MANIFEST))
    p = kubectl("create", "-f", manifest)
    assert p.stdout == "configmap/from-file created\n", p.stdout
    got = kubectl.json("get", "configmap", "from-file")
    assert got["data"] == MANIFEST["data"] and got["binaryData"] == MANIFEST["binaryData"], got
    _, rows = table(kubectl("get", "configmaps").stdout)
    assert sorted(rows) == ["from-file", "kube-root-ca.crt", "x"] and rows["from-file"][1] == "2", rows

    p = kubectl("create", "-f", manifest, check=False)
    assert p.returncode != 0
    assert 'configmaps "from-file" already exists' in p.stderr, p.stderr

    p = kubectl("delete", "cm", "x")
    assert p.stdout == 'configmap "x" deleted\n', p.stdout
    p = kubectl("get", "cm", "x", check=False)
    assert p.returncode != 0 and 'configmaps "x" not found' in p.stderr, p.stderr


def test_configmap_validation_message(kubectl_http: Kubectl, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "bad"},
                               "data": {"k": "v"}, "binaryData": {"k": "AA=="}}))
    p = kubectl_http("create", "-f", bad, check=False)
    assert p.returncode != 0
    assert ('The ConfigMap "bad" is invalid: data[k]: Invalid value: "k": duplicate of key present in binaryData'
            in p.stderr), p.stderr

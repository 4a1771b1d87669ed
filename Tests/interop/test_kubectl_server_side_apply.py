"""Issue 19, server-side apply: real kubectl (every version test_kubectl.py drives) runs `apply
--server-side` twice, after a client-side apply, with a second field manager (409 with the apiserver's
conflict message) and with --force-conflicts; a ConfigMap and a Pod's containers merge by key; the
Python client applies with a field manager. managedFields record who owns what
(docs/kubernetes-behaviour.md §18)."""

from __future__ import annotations

import pytest

from test_kubectl import Kubectl, http_server, kubectl_binary, kubectl_http  # noqa: F401 (fixtures)

pytestmark = pytest.mark.server

CONFIGMAP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
    app: web
data:
  mode: {mode}
  level: "1"
"""


def managers(obj: dict) -> dict[str, dict]:
    return {(m["manager"], m["operation"]): m for m in obj["metadata"].get("managedFields", [])}


def test_server_side_apply_twice_then_a_change(kubectl_http: Kubectl, tmp_path):
    manifest = tmp_path / "cm.yaml"
    manifest.write_text(CONFIGMAP.format(mode="fast"))
    p = kubectl_http("apply", "--server-side", "-f", manifest)
    assert p.stdout == "configmap/settings serverside-applied\n", p.stdout
    first = kubectl_http.json("get", "cm", "settings", "--show-managed-fields")
    entry = managers(first)[("kubectl", "Apply")]
    assert entry["apiVersion"] == "v1" and entry["fieldsType"] == "FieldsV1", entry
    assert entry["fieldsV1"] == {"f:data": {"f:level": {}, "f:mode": {}},
                                 "f:metadata": {"f:labels": {"f:app": {}}}}, entry
    p = kubectl_http("apply", "--server-side", "-f", manifest)
    assert p.stdout == "configmap/settings serverside-applied\n", p.stdout
    again = kubectl_http.json("get", "cm", "settings", "--show-managed-fields")
    assert again["metadata"]["resourceVersion"] == first["metadata"]["resourceVersion"], "a no-op is not written"

    manifest.write_text(CONFIGMAP.format(mode="slow").replace('  level: "1"\n', ""))
    kubectl_http("apply", "--server-side", "-f", manifest)
    cm = kubectl_http.json("get", "cm", "settings")
    assert cm["data"] == {"mode": "slow"}, cm  # level is no longer applied: removed
    assert cm["metadata"]["uid"] == first["metadata"]["uid"]


def test_a_second_manager_conflicts_until_forced(kubectl_http: Kubectl, tmp_path):
    manifest = tmp_path / "cm.yaml"
    manifest.write_text(CONFIGMAP.format(mode="fast"))
    kubectl_http("apply", "--server-side", "-f", manifest)
    before = kubectl_http.json("get", "cm", "settings")
    manifest.write_text(CONFIGMAP.format(mode="slow"))
    p = kubectl_http("apply", "--server-side", "--field-manager", "deployer", "-f", manifest, check=False)
    assert p.returncode != 0
    assert 'Apply failed with 1 conflict: conflict with "kubectl": .data.mode' in p.stderr, p.stderr
    assert "--force-conflicts" in p.stderr, p.stderr
    assert kubectl_http.json("get", "cm", "settings") == before

    p = kubectl_http("apply", "--server-side", "--field-manager", "deployer", "--force-conflicts", "-f", manifest)
    assert p.stdout == "configmap/settings serverside-applied\n", p.stdout
    cm = kubectl_http.json("get", "cm", "settings", "--show-managed-fields")
    assert cm["data"]["mode"] == "slow"
    owned = managers(cm)
    assert "f:mode" in owned[("deployer", "Apply")]["fieldsV1"]["f:data"], owned
    assert "f:mode" not in owned[("kubectl", "Apply")]["fieldsV1"]["f:data"], owned


def test_server_side_after_client_side_apply(kubectl_http: Kubectl, tmp_path):
    manifest = tmp_path / "cm.yaml"
    manifest.write_text(CONFIGMAP.format(mode="fast"))
    assert kubectl_http("apply", "-f", manifest).stdout == "configmap/settings created\n"
    cm = kubectl_http.json("get", "cm", "settings", "--show-managed-fields")
    csa = managers(cm)[("kubectl-client-side-apply", "Update")]["fieldsV1"]
    assert csa["f:data"] == {".": {}, "f:level": {}, "f:mode": {}}, csa
    # A changed value: the conflict with the client-side applier is allowed (its last-applied
    # configuration still holds the live value), and kubectl migrates that manager's fields to itself.
    manifest.write_text(CONFIGMAP.format(mode="slow").replace('  level: "1"\n', ""))
    p = kubectl_http("apply", "--server-side", "-f", manifest)
    assert p.stdout == "configmap/settings serverside-applied\n", p.stdout
    cm = kubectl_http.json("get", "cm", "settings", "--show-managed-fields")
    assert cm["data"] == {"mode": "slow"}, cm  # level was the client-side applier's: migrated, then pruned
    assert set(managers(cm)) == {("kubectl", "Apply"), ("kubectl-last-applied", "Apply")}, managers(cm)
    assert managers(cm)[("kubectl", "Apply")]["fieldsV1"] == {
        "f:data": {"f:mode": {}}, "f:metadata": {"f:labels": {"f:app": {}}}}, managers(cm)


def test_pod_containers_merge_by_name(kubectl_http: Kubectl, tmp_path):
    pod = tmp_path / "pod.yaml"
    pod.write_text("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
                   "  - name: app\n    image: nginx:1\n    ports:\n    - containerPort: 80\n")
    kubectl_http("apply", "--server-side", "-f", pod)
    image = tmp_path / "image.yaml"
    image.write_text("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
                     "  - name: app\n    image: nginx:2\n")
    p = kubectl_http("apply", "--server-side", "--field-manager", "rollout", "-f", image, check=False)
    assert p.returncode != 0
    assert ('Apply failed with 1 conflict: conflict with "kubectl": .spec.containers[name="app"].image'
            in p.stderr), p.stderr
    kubectl_http("apply", "--server-side", "--field-manager", "rollout", "--force-conflicts", "-f", image)
    got = kubectl_http.json("get", "pod", "web", "--show-managed-fields")
    container = got["spec"]["containers"][0]
    assert container["image"] == "nginx:2" and container["ports"][0]["containerPort"] == 80, container
    kubectl_fields = managers(got)[("kubectl", "Apply")]["fieldsV1"]["f:spec"]["f:containers"]
    assert kubectl_fields['k:{"name":"app"}']["f:ports"] == {'k:{"containerPort":80,"protocol":"TCP"}': {
        ".": {}, "f:containerPort": {}}}, kubectl_fields
    assert "f:image" not in kubectl_fields['k:{"name":"app"}'], kubectl_fields
    rollout = managers(got)[("rollout", "Apply")]["fieldsV1"]["f:spec"]["f:containers"]
    assert rollout == {'k:{"name":"app"}': {".": {}, "f:image": {}, "f:name": {}}}, rollout


def test_label_then_apply_conflicts_with_the_labeller(kubectl_http: Kubectl, tmp_path):
    manifest = tmp_path / "cm.yaml"
    manifest.write_text(CONFIGMAP.format(mode="fast"))
    kubectl_http("apply", "--server-side", "-f", manifest)
    kubectl_http("label", "cm", "settings", "app=api", "--overwrite")
    cm = kubectl_http.json("get", "cm", "settings", "--show-managed-fields")
    assert managers(cm)[("kubectl-label", "Update")]["fieldsV1"] == {"f:metadata": {"f:labels": {"f:app": {}}}}
    assert "f:labels" not in managers(cm)[("kubectl", "Apply")]["fieldsV1"]["f:metadata"] if "f:metadata" in \
        managers(cm)[("kubectl", "Apply")]["fieldsV1"] else True
    p = kubectl_http("apply", "--server-side", "-f", manifest, check=False)
    assert p.returncode != 0
    assert 'Apply failed with 1 conflict: conflict with "kubectl-label" using v1: .metadata.labels.app' in p.stderr, \
        p.stderr


def test_python_client_apply(http_server):
    kubernetes = pytest.importorskip("kubernetes")
    from kubernetes import client, config

    api_client = config.new_client_from_config(str(http_server.kubeconfig))
    v1 = client.CoreV1Api(api_client)
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "py"}, "data": {"k": "v"}}
    created = v1.patch_namespaced_config_map(
        "py", "default", body, field_manager="python-app", _content_type="application/apply-patch+yaml")
    assert created.data == {"k": "v"}
    assert [(m.manager, m.operation) for m in created.metadata.managed_fields] == [("python-app", "Apply")]
    body["data"] = {"k": "w"}
    with pytest.raises(kubernetes.client.exceptions.ApiException) as raised:
        v1.patch_namespaced_config_map(
            "py", "default", body, field_manager="other", _content_type="application/apply-patch+yaml")
    assert raised.value.status == 409
    assert 'Apply failed with 1 conflict: conflict with \\"python-app\\": .data.k' in raised.value.body
    forced = v1.patch_namespaced_config_map(
        "py", "default", body, field_manager="other", force=True, _content_type="application/apply-patch+yaml")
    assert forced.data == {"k": "w"}

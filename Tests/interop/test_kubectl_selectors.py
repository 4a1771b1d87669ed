"""Issue 19, "Selectors": real kubectl (every version test_kubectl.py drives) and the Python
`kubernetes` client list with label and field selectors against `kubemint serve`; the objects they
print are the selected ones, and a bad selector fails with the apiserver's 400 message, which
kubectl prints after its own prefix (docs/kubernetes-behaviour.md §13)."""

from __future__ import annotations

import json
import time

import pytest

from interop_helpers import require
from test_kubectl import Kubectl, http_server, kubectl_binary, kubectl_http, table  # noqa: F401 (fixtures)

pytestmark = pytest.mark.server

OBJECTS = {
    "apiVersion": "v1",
    "kind": "List",
    "items": [
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "one", "labels": {"tier": "one"}}},
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "two", "labels": {"tier": "two"}}},
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "x"}},
        {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-a"}},
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "on-a"},
         "spec": {"nodeName": "node-a", "containers": [{"name": "app", "image": "nginx"}]}},
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nowhere"},
         "spec": {"containers": [{"name": "app", "image": "nginx"}]}},
    ],
}

# The apiserver's messages (labels/selector.go, fields/selector.go, runtime's default field label
# conversion and core/v1's pod conversion), as kubemint's own tests check them word for word.
LABEL_ERROR = "unable to parse requirement: found 'one', expected: in, notin, =, ==, !=, gt, lt"
FIELD_SYNTAX_ERROR = "invalid selector: 'nonsense'; can't understand 'nonsense'"
SA_FIELD_ERROR = '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"'
POD_FIELD_ERROR = "field label not supported: spec.foo"


@pytest.fixture
def objects(kubectl_http: Kubectl, tmp_path) -> Kubectl:
    manifest = tmp_path / "objects.json"
    manifest.write_text(json.dumps(OBJECTS))
    kubectl_http("create", "--validate=false", "-f", manifest)  # kubectl 1.30 validates with OpenAPI v2
    # `nowhere` is bound to the server's fake node and started shortly after (§19); `on-a` names a
    # node without a kubelet (no Ready condition) and stays Pending.
    deadline = time.monotonic() + 10
    while kubectl_http.json("get", "pod", "nowhere")["status"]["phase"] != "Running":
        assert time.monotonic() < deadline, "pod nowhere never Running"
        time.sleep(0.05)
    return kubectl_http


def names(kubectl: Kubectl, *args: str) -> list[str]:
    """The NAME column of `kubectl get ARGS` (kubectl's default table, i.e. a Table answer); with -A
    the rows are keyed by namespace, so at most one name per namespace is expected."""
    p = kubectl("get", *args)
    if p.stdout == "" and "No resources found" in p.stderr:
        return []
    header, rows = table(p.stdout)
    return sorted(cells[header.index("NAME")] for cells in rows.values())


def test_label_selectors(objects: Kubectl):
    assert names(objects, "sa", "-l", "tier=one") == ["one"]
    assert names(objects, "sa", "-l", "tier==one") == ["one"]
    assert names(objects, "sa", "-l", "tier!=one") == ["default", "two", "x"]
    assert names(objects, "sa", "-l", "tier in (one,two)") == ["one", "two"]
    assert names(objects, "sa", "-l", "tier notin (one)") == ["default", "two", "x"]
    assert names(objects, "sa", "-l", "tier") == ["one", "two"]
    assert names(objects, "sa", "-l", "!tier") == ["default", "x"]
    assert names(objects, "sa", "-A", "-l", "tier=one") == ["one"]
    lst = objects.json("get", "sa", "-l", "tier in (one,two)")
    assert sorted(i["metadata"]["name"] for i in lst["items"]) == ["one", "two"], lst


def test_field_selectors(objects: Kubectl):
    assert names(objects, "sa", "--field-selector", "metadata.name=x") == ["x"]
    assert names(objects, "sa", "-A", "--field-selector", "metadata.namespace=kube-system") == ["default"]
    assert names(objects, "pods", "--field-selector", "spec.nodeName=node-a") == ["on-a"]
    assert names(objects, "pods", "--field-selector", "spec.nodeName=kubemint-node-0") == ["nowhere"]
    assert names(objects, "pods", "--field-selector", "spec.nodeName=") == []
    assert names(objects, "pods", "--field-selector", "status.phase=Pending") == ["on-a"]
    assert names(objects, "pods", "--field-selector", "status.phase=Running") == ["nowhere"]
    assert names(objects, "pods", "--field-selector", "status.phase!=Running") == ["on-a"]
    assert names(objects, "nodes", "--field-selector", "metadata.name=node-a") == ["node-a"]
    assert names(objects, "sa", "-l", "tier", "--field-selector", "metadata.name!=one") == ["two"]


@pytest.mark.parametrize("args, message", [
    (["sa", "-l", "tier one"], LABEL_ERROR),
    (["sa", "--field-selector", "nonsense"], FIELD_SYNTAX_ERROR),
    (["sa", "--field-selector", "spec.foo=x"], SA_FIELD_ERROR),
    (["pods", "--field-selector", "spec.foo=x"], POD_FIELD_ERROR),
])
def test_bad_selectors_carry_the_apiserver_message(objects: Kubectl, args, message):
    p = objects("get", *args, check=False)
    assert p.returncode == 1, p
    assert p.stdout == "", p
    assert p.stderr.startswith("Error from server (BadRequest): "), p.stderr
    assert p.stderr.endswith(f": {message}\n"), p.stderr


def test_python_client_selectors(http_server):  # noqa: F811 (fixture)
    try:
        from kubernetes import client
        from kubernetes.client.rest import ApiException
    except ImportError:
        require(False, "the Python kubernetes client", "pip install kubernetes (scripts/test's venv has it)")
    configuration = client.Configuration()
    configuration.host = http_server.url
    api = client.CoreV1Api(client.ApiClient(configuration))
    for name, labels in [("one", {"tier": "one"}), ("two", {"tier": "two"})]:
        api.create_namespaced_service_account(
            "default", client.V1ServiceAccount(metadata=client.V1ObjectMeta(name=name, labels=labels)))
    listed = api.list_namespaced_service_account("default", label_selector="tier=one")
    assert [sa.metadata.name for sa in listed.items] == ["one"]
    listed = api.list_service_account_for_all_namespaces(label_selector="tier in (one,two)",
                                                         field_selector="metadata.name!=two")
    assert [sa.metadata.name for sa in listed.items] == ["one"]
    with pytest.raises(ApiException) as caught:
        api.list_namespaced_service_account("default", label_selector="tier one")
    assert caught.value.status == 400
    status = json.loads(caught.value.body)
    assert status["reason"] == "BadRequest" and status["message"] == LABEL_ERROR, status

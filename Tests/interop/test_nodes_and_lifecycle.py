"""Issue 20, nodes and lifecycles: `kubemint serve` starts Ready fake nodes (`--nodes`, default 1), binds
and starts pods on them as kwok fakes it, deletes pods after their grace period on kubemint's clock and
terminates namespaces the way a cluster does — seen through real kubectl (1.30/1.32/1.33) and the
official Python client (docs/kubernetes-behaviour.md §19)."""

from __future__ import annotations

import time

import pytest
import requests

from kubemint_server import start_server
from test_kubectl import Kubectl, http_server, kubectl_binary, kubectl_http, table  # noqa: F401 (fixtures)

from kubernetes import client as k8s  # noqa: E402
from kubernetes import config as k8s_config  # noqa: E402
from kubernetes.client.rest import ApiException  # noqa: E402

pytestmark = pytest.mark.server

TERMINATING = ("unable to create new content in namespace {ns} because it is being terminated")


def wait_for(check, what: str, timeout: float = 10.0):
    """Poll `check` until it returns something truthy; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what}: not within {timeout}s"
        time.sleep(0.05)


def call(server, method: str, path: str, body=None) -> requests.Response:
    return requests.request(method, server.url.rstrip("/") + path, json=body, verify=server.ca,
                            headers=server.headers, timeout=10)


def pod_body(name: str, **spec) -> dict:
    return {"metadata": {"name": name}, "spec": {"containers": [{"name": "app", "image": "nginx"}], **spec}}


def test_get_nodes_and_running_pods_wide(kubectl_http: Kubectl):
    header, rows = table(kubectl_http("get", "nodes").stdout)
    assert header == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
    assert list(rows) == ["kubemint-node-0"]
    assert rows["kubemint-node-0"][1:3] == ["Ready", "<none>"] and rows["kubemint-node-0"][4] == "v1.36.0"

    assert kubectl_http("run", "web", "--image", "nginx").stdout == "pod/web created\n"
    wait_for(lambda: kubectl_http.json("get", "pod", "web")["status"]["phase"] == "Running", "pod web Running")
    out = kubectl_http("get", "pods", "-o", "wide").stdout
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE",
                                "READINESS", "GATES"], out
    cells = lines[1].split()
    assert cells[:4] == ["web", "1/1", "Running", "0"], out
    assert cells[5:] == ["10.244.0.2", "kubemint-node-0", "<none>", "<none>"], out

    pod = kubectl_http.json("get", "pod", "web")
    assert pod["spec"]["nodeName"] == "kubemint-node-0"
    assert pod["status"]["hostIP"] == "10.0.0.2" and pod["status"]["podIPs"] == [{"ip": "10.244.0.2"}]
    assert [c["type"] for c in pod["status"]["conditions"]] == [
        "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]
    status = pod["status"]["containerStatuses"][0]
    assert status["ready"] is True and status["started"] is True and status["restartCount"] == 0
    assert "startedAt" in status["state"]["running"]

    # A short grace period on the real clock: kubectl waits until the pod is gone. (How long it
    # waits is not asserted: deletionTimestamp has whole seconds, so a 1-second grace ends within
    # 0-1 s, and kubectl 1.32+ sees the end on its watch at once.)
    p = kubectl_http("delete", "pod", "web", "--grace-period=1", timeout=45)
    assert p.stdout == 'pod "web" deleted\n', p.stdout
    assert kubectl_http("get", "pod", "web", check=False).returncode != 0


def test_delete_without_wait_then_clock_advance(kubectl_http: Kubectl):
    server = kubectl_http.server
    kubectl_http("run", "slow", "--image", "nginx")
    wait_for(lambda: kubectl_http.json("get", "pod", "slow")["status"].get("phase") == "Running", "pod Running")
    p = kubectl_http("delete", "pod", "slow", "--wait=false")
    assert p.stdout == 'pod "slow" deleted\n', p.stdout
    pod = kubectl_http.json("get", "pod", "slow")
    assert pod["metadata"]["deletionGracePeriodSeconds"] == 30 and pod["metadata"]["generation"] == 2
    header, rows = table(kubectl_http("get", "pods").stdout)
    assert rows["slow"][2] == "Terminating"
    assert call(server, "POST", "/kubemint/v1/clock", {"advance": "31s"}).status_code == 200
    wait_for(lambda: call(server, "GET", "/api/v1/namespaces/default/pods/slow").status_code == 404, "pod gone")


def test_namespace_terminates_after_its_pods(kubectl_http: Kubectl):
    server = kubectl_http.server
    assert kubectl_http("create", "namespace", "team").stdout == "namespace/team created\n"
    kubectl_http("run", "p", "--image", "nginx", "-n", "team")
    wait_for(lambda: kubectl_http.json("get", "pod", "p", "-n", "team")["status"].get("phase") == "Running",
             "pod Running")
    p = kubectl_http("delete", "namespace", "team", "--wait=false")
    assert p.stdout == 'namespace "team" deleted\n', p.stdout
    ns = kubectl_http.json("get", "namespace", "team")
    assert ns["status"]["phase"] == "Terminating" and "deletionTimestamp" in ns["metadata"], ns
    header, rows = table(kubectl_http("get", "namespaces").stdout)
    assert rows["team"][1] == "Terminating"

    p = kubectl_http("create", "serviceaccount", "late", "-n", "team", check=False)
    assert p.returncode != 0
    assert p.stderr == ('error: failed to create serviceaccount: serviceaccounts "late" is forbidden: '
                        + TERMINATING.format(ns="team") + "\n"), p.stderr
    r = call(server, "POST", "/api/v1/namespaces/team/configmaps", {"metadata": {"name": "c"}})
    assert r.status_code == 403, r.text
    assert r.json()["details"] == {"name": "c", "kind": "configmaps", "causes": [
        {"reason": "NamespaceTerminating", "message": "namespace team is being terminated",
         "field": "metadata.namespace"}]}, r.text
    r = call(server, "POST", "/api/v1/namespaces/nowhere/configmaps", {"metadata": {"name": "c"}})
    assert r.status_code == 404 and r.json()["message"] == 'namespaces "nowhere" not found', r.text

    assert call(server, "POST", "/kubemint/v1/clock", {"advance": "31s"}).status_code == 200
    wait_for(lambda: call(server, "GET", "/api/v1/namespaces/team").status_code == 404, "namespace gone")


@pytest.mark.parametrize("grace", ["-1", "x"])
def test_bad_grace_periods(kubectl_http: Kubectl, grace: str):
    server = kubectl_http.server
    assert call(server, "POST", "/api/v1/namespaces/default/pods", pod_body("g", nodeName="kubemint-node-0")
                ).status_code == 201
    r = call(server, "DELETE", f"/api/v1/namespaces/default/pods/g?gracePeriodSeconds={grace}")
    if grace == "x":
        assert r.status_code == 400, r.text
        assert call(server, "DELETE", "/api/v1/namespaces/default/pods/g?gracePeriodSeconds=0").status_code == 200
    else:
        # A negative grace period counts as 1 s (rest.BeforeDelete).
        assert r.status_code == 200, r.text
        assert r.json()["metadata"]["deletionGracePeriodSeconds"] == 1
        wait_for(lambda: call(server, "GET", "/api/v1/namespaces/default/pods/g").status_code == 404, "pod gone")


def test_pod_naming_a_missing_node_stays_pending(kubectl_http: Kubectl):
    server = kubectl_http.server
    assert call(server, "POST", "/api/v1/namespaces/default/pods", pod_body("lost", nodeName="elsewhere")
                ).status_code == 201
    kubectl_http("run", "found", "--image", "nginx")
    wait_for(lambda: kubectl_http.json("get", "pod", "found")["status"].get("phase") == "Running", "pod Running")
    lost = kubectl_http.json("get", "pod", "lost")
    assert lost["status"]["phase"] == "Pending" and "conditions" not in lost["status"], lost
    p = kubectl_http("delete", "pod", "lost", "--wait=false")
    assert p.stdout == 'pod "lost" deleted\n'


def test_python_client_sees_nodes_scheduling_and_node_bound_tokens(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "serve", "--nodes", "2")
    api = k8s_config.new_client_from_config(config_file=str(s.kubeconfig))
    try:
        core = k8s.CoreV1Api(api)
        nodes = {n.metadata.name: n for n in core.list_node().items}
        assert sorted(nodes) == ["kubemint-node-0", "kubemint-node-1"]
        for name in ("a", "b"):
            core.create_namespaced_pod("default", k8s.V1Pod(
                metadata=k8s.V1ObjectMeta(name=name),
                spec=k8s.V1PodSpec(containers=[k8s.V1Container(name="app", image="nginx")])))
        placed = wait_for(lambda: [p.spec.node_name for p in core.list_namespaced_pod("default").items
                                   if p.status.phase == "Running"] or None, "pods Running")
        wait_for(lambda: len([p for p in core.list_namespaced_pod("default").items
                              if p.status.phase == "Running"]) == 2, "both pods Running")
        a = core.read_namespaced_pod("a", "default")
        b = core.read_namespaced_pod("b", "default")
        assert (a.spec.node_name, b.spec.node_name) == ("kubemint-node-0", "kubemint-node-1"), placed
        token = core.create_namespaced_service_account_token("default", "default", k8s.AuthenticationV1TokenRequest(
            spec=k8s.V1TokenRequestSpec(audiences=[], bound_object_ref=k8s.V1BoundObjectReference(
                kind="Pod", api_version="v1", name="b")))).status.token
        review = k8s.AuthenticationV1Api(api).create_token_review(k8s.V1TokenReview(
            spec=k8s.V1TokenReviewSpec(token=token))).status
        assert review.authenticated is True
        assert review.user.extra["authentication.kubernetes.io/node-uid"] == [nodes["kubemint-node-1"].metadata.uid]

        deleted = core.delete_namespaced_pod("b", "default", grace_period_seconds=5)
        assert deleted.metadata.deletion_grace_period_seconds == 5
        with pytest.raises(ApiException) as e:
            core.create_namespaced_pod("nowhere", k8s.V1Pod(metadata=k8s.V1ObjectMeta(name="x"),
                                                            spec=k8s.V1PodSpec(containers=[])))
        assert e.value.status == 404
        core.delete_node("kubemint-node-0")
        wait_for(lambda: [p.metadata.name for p in core.list_namespaced_pod("default").items] == ["b"],
                 "the deleted node's pod collected")
    finally:
        api.close()
        s.stop()


def test_kubectl_grace_period_minus_one_means_the_pods_own(kubectl_http: Kubectl):
    """`kubectl delete --grace-period=-1` (kubectl's "use the pod's own") sends no grace period: the
    pod's terminationGracePeriodSeconds applies; an explicit 7 is honoured."""
    server = kubectl_http.server
    for name in ("own", "seven"):
        assert call(server, "POST", "/api/v1/namespaces/default/pods",
                    pod_body(name, nodeName="kubemint-node-0", terminationGracePeriodSeconds=45)).status_code == 201
    assert kubectl_http("delete", "pod", "own", "--grace-period=-1", "--wait=false").stdout == 'pod "own" deleted\n'
    assert kubectl_http("delete", "pod", "seven", "--grace-period=7", "--wait=false").stdout == 'pod "seven" deleted\n'
    assert kubectl_http.json("get", "pod", "own")["metadata"]["deletionGracePeriodSeconds"] == 45
    assert kubectl_http.json("get", "pod", "seven")["metadata"]["deletionGracePeriodSeconds"] == 7

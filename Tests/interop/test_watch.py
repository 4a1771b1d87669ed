"""Issue 19, "watch": real clients watch objects in `kubemint serve` (docs/kubernetes-behaviour.md §16).
`kubectl get sa -w` (every version test_kubectl.py drives) prints a create and a delete;
`kubectl wait --for=delete` returns when the pod goes; the Python `kubernetes` client's
`watch.Watch().stream` sees ADDED/MODIFIED/DELETED, resumes from a resourceVersion and gets the 410
ERROR event for one older than the history; the raw stream is framed as the apiserver frames it."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time

import pytest
import requests

from test_kubectl import Kubectl, http_server, kubectl_binary, kubectl_http  # noqa: F401 (fixtures)

pytestmark = pytest.mark.server


def _lines_of(proc: subprocess.Popen) -> queue.Queue:
    """Lines of `proc`'s stdout, read on a thread, so a test can wait for one with a deadline."""
    lines: queue.Queue = queue.Queue()

    def pump():
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _wait_for(lines: queue.Queue, predicate, what: str, timeout: float = 20.0) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.05, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
        if predicate(line):
            return seen
    raise AssertionError(f"never saw {what}; saw: {seen!r}")


def test_kubectl_get_w_sees_a_create_and_a_delete(kubectl_http: Kubectl):
    k = kubectl_http
    k("create", "serviceaccount", "watched")
    argv = [str(k.binary), "--kubeconfig", str(k.server.kubeconfig), "get", "sa", "-w"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=k.env,
                            cwd=k.home, stdin=subprocess.DEVNULL)
    try:
        lines = _lines_of(proc)
        seen = _wait_for(lines, lambda l: l.startswith("watched "), "the listed service account")
        assert seen[0].split()[:3] == ["NAME", "SECRETS", "AGE"], seen
        k("create", "serviceaccount", "newcomer")
        _wait_for(lines, lambda l: l.startswith("newcomer "), "the created service account")
        k("delete", "serviceaccount", "newcomer")
        # kubectl prints the deleted object's row again.
        _wait_for(lines, lambda l: l.startswith("newcomer "), "the deleted service account")
        assert proc.poll() is None, proc.stderr.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_kubectl_get_one_object_w_uses_a_field_selector(kubectl_http: Kubectl):
    k = kubectl_http
    k("create", "serviceaccount", "solo")
    k("create", "serviceaccount", "other")
    argv = [str(k.binary), "--kubeconfig", str(k.server.kubeconfig), "get", "sa", "solo", "-w",
            "-o", "jsonpath={.metadata.name} {.metadata.labels.step}{\"\\n\"}"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=k.env,
                            cwd=k.home, stdin=subprocess.DEVNULL)
    try:
        lines = _wait_lines = _lines_of(proc)
        _wait_for(lines, lambda l: l.startswith("solo"), "the object itself")
        k("label", "sa", "other", "step=two")
        k("label", "sa", "solo", "step=one")
        seen = _wait_for(_wait_lines, lambda l: l.strip() == "solo one", "the labelled object")
        assert not any(l.startswith("other") for l in seen), seen
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_kubectl_wait_for_delete(kubectl_http: Kubectl):
    k = kubectl_http
    k("run", "doomed", "--image=nginx", "--restart=Never")
    waiting = subprocess.Popen(
        [str(k.binary), "--kubeconfig", str(k.server.kubeconfig), "wait", "--for=delete", "pod/doomed",
         "--timeout=30s"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=k.env, cwd=k.home,
        stdin=subprocess.DEVNULL)
    time.sleep(1.0)
    assert waiting.poll() is None, waiting.communicate()
    # A scheduled pod is deleted gracefully (issue 20): a 1-second grace period on the real clock.
    k("delete", "pod", "doomed", "--wait=false", "--grace-period=1")
    out, err = waiting.communicate(timeout=30)
    assert waiting.returncode == 0, err
    assert out == "pod/doomed condition met\n", out


# --- the Python client and the raw stream ------------------------------------------------------------


@pytest.fixture
def core(http_server):
    from kubernetes import client
    from kubernetes import config as k8s_config

    api = k8s_config.new_client_from_config(config_file=str(http_server.kubeconfig))
    yield client.CoreV1Api(api)
    api.close()


def test_python_client_stream_sees_added_modified_deleted(core):
    from kubernetes import client, watch

    listed = core.list_namespaced_service_account("default")
    version = listed.metadata.resource_version
    core.create_namespaced_service_account("default", client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="py")))
    core.patch_namespaced_service_account("py", "default", {"metadata": {"labels": {"a": "b"}}})
    core.delete_namespaced_service_account("py", "default")
    w = watch.Watch()
    seen = []
    for event in w.stream(core.list_namespaced_service_account, "default", resource_version=version, timeout_seconds=5):
        seen.append((event["type"], event["object"].metadata.name))
        if event["type"] == "DELETED":
            w.stop()
    assert seen == [("ADDED", "py"), ("MODIFIED", "py"), ("DELETED", "py")], seen


def test_python_client_watch_from_the_current_state_then_resume(core):
    from kubernetes import client, watch

    names = [(e["type"], e["object"].metadata.name)
             for e in watch.Watch().stream(core.list_namespaced_service_account, "default", timeout_seconds=2)]
    assert names == [("ADDED", "default")], names
    first = core.create_namespaced_service_account(
        "default", client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="first")))
    core.create_namespaced_service_account("default", client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="later")))
    resumed = [(e["type"], e["object"].metadata.name)
               for e in watch.Watch().stream(core.list_namespaced_service_account, "default",
                                             resource_version=first.metadata.resource_version, timeout_seconds=2)]
    assert resumed == [("ADDED", "later")], resumed


def test_python_client_gets_410_for_a_too_old_resource_version(core):
    from kubernetes import watch
    from kubernetes.client.rest import ApiException

    with pytest.raises(ApiException) as raised:
        for _ in watch.Watch().stream(core.list_namespaced_service_account, "default", resource_version="1",
                                      timeout_seconds=2):
            pass
    assert raised.value.status == 410, raised.value
    assert "too old resource version: 1 (" in str(raised.value.reason), raised.value.reason


def test_raw_stream_framing_and_timeout(http_server):
    url = http_server.url.rstrip("/") + "/api/v1/namespaces/default/serviceaccounts"
    started = time.monotonic()
    r = requests.get(url, params={"watch": "1", "timeoutSeconds": "1"}, verify=http_server.ca,
                     headers=http_server.headers, timeout=10, stream=True)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json"
    assert r.headers["Transfer-Encoding"] == "chunked"
    body = r.raw.read().decode()
    assert time.monotonic() - started < 5
    lines = body.splitlines(keepends=True)
    assert len(lines) == 1 and lines[0].endswith("}\n"), body
    event = json.loads(lines[0])
    assert list(event) == ["type", "object"], event
    assert event["type"] == "ADDED" and event["object"]["kind"] == "ServiceAccount", event


def test_raw_stream_old_version_is_an_error_event(http_server):
    url = http_server.url.rstrip("/") + "/api/v1/namespaces/default/serviceaccounts"
    r = requests.get(url, params={"watch": "true", "resourceVersion": "1"}, verify=http_server.ca,
                     headers=http_server.headers, timeout=10)
    assert r.status_code == 200
    event = json.loads(r.text)
    version = event["object"]["message"].split("(")[1].rstrip(")")
    assert event == {"type": "ERROR", "object": {
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": f"too old resource version: 1 ({version})", "reason": "Expired", "code": 410}}, event


def test_send_initial_events_ends_with_the_annotated_bookmark(http_server):
    url = http_server.url.rstrip("/") + "/api/v1/namespaces/default/serviceaccounts"
    r = requests.get(url, params={"watch": "1", "sendInitialEvents": "true", "resourceVersionMatch": "NotOlderThan",
                                  "allowWatchBookmarks": "true", "timeoutSeconds": "1"},
                     verify=http_server.ca, headers=http_server.headers, timeout=10)
    events = [json.loads(line) for line in r.text.splitlines()]
    assert [e["type"] for e in events] == ["ADDED", "BOOKMARK"], events
    assert events[1]["object"]["metadata"]["annotations"] == {"k8s.io/initial-events-end": "true"}
    assert events[1]["object"]["kind"] == "ServiceAccount"


def test_open_watches_end_when_the_server_stops(kubemint_bin, tmp_path):
    from kubemint_server import start_server

    s = start_server(kubemint_bin, tmp_path / "srv")
    url = s.url.rstrip("/") + "/api/v1/namespaces/default/serviceaccounts"
    r = requests.get(url, params={"watch": "1"}, verify=s.ca, headers=s.headers, timeout=10, stream=True)
    first = next(r.iter_lines())
    assert json.loads(first)["type"] == "ADDED"
    started = time.monotonic()
    assert s.stop() == 0, s.log()
    assert time.monotonic() - started < 5, "an open watch held up the shutdown"
    assert list(r.iter_lines()) == []


def test_lightkube_watch_with_a_label_selector(http_server):
    from lightkube import Client, KubeConfig
    from lightkube.models.meta_v1 import ObjectMeta
    from lightkube.resources.core_v1 import ConfigMap

    client = Client(KubeConfig.from_file(str(http_server.kubeconfig)))
    listed = client.list(ConfigMap, namespace="default")
    # Only the root CA ConfigMap the publisher keeps in every namespace.
    assert [c.metadata.name for c in listed] == ["kube-root-ca.crt"]
    version = listed.resourceVersion
    client.create(ConfigMap(metadata=ObjectMeta(name="web", labels={"app": "web"}), data={"a": "1"}), namespace="default")
    client.create(ConfigMap(metadata=ObjectMeta(name="db", labels={"app": "db"})), namespace="default")
    client.patch(ConfigMap, "web", {"data": {"a": "2"}}, namespace="default")
    client.patch(ConfigMap, "web", {"metadata": {"labels": {"app": "gone"}}}, namespace="default")
    seen = []
    for op, obj in client.watch(ConfigMap, namespace="default", labels={"app": "web"}, resource_version=version,
                                server_timeout=5):
        seen.append((op, obj.metadata.name, (obj.data or {}).get("a"), obj.metadata.labels["app"]))
        if len(seen) == 3:
            break
    # Stopping to match is a DELETED carrying the object as it last matched.
    assert seen == [("ADDED", "web", "1", "web"), ("MODIFIED", "web", "2", "web"), ("DELETED", "web", "2", "web")], seen

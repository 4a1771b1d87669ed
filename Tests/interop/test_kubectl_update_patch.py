"""Issue 19, "PUT / update" and "PATCH": real kubectl (every version test_kubectl.py drives) changes
objects in `kubemint serve` with annotate, label, patch --type merge|json and replace; a stale
resourceVersion and a failed JSON Patch test are refused with the apiserver's Status, which kubectl
prints after its own prefix (docs/kubernetes-behaviour.md §14)."""

from __future__ import annotations

import json

import pytest

from test_kubectl import Kubectl, http_server, kubectl_binary, kubectl_http  # noqa: F401 (fixtures)

pytestmark = pytest.mark.server

CONFLICT = ('Operation cannot be fulfilled on serviceaccounts "robot": the object has been modified; '
            "please apply your changes to the latest version and try again")


@pytest.fixture
def robot(kubectl_http: Kubectl) -> Kubectl:
    kubectl_http("create", "serviceaccount", "robot")
    return kubectl_http


def test_annotate_and_label_keep_the_uid(robot: Kubectl):
    uid = robot.json("get", "sa", "robot")["metadata"]["uid"]
    p = robot("annotate", "sa", "robot", "owner=team-a")
    assert p.stdout == "serviceaccount/robot annotated\n", p.stdout
    p = robot("label", "sa", "robot", "tier=one")
    assert p.stdout == "serviceaccount/robot labeled\n", p.stdout
    sa = robot.json("get", "sa", "robot")
    assert sa["metadata"]["annotations"] == {"owner": "team-a"}, sa
    assert sa["metadata"]["labels"] == {"tier": "one"}, sa
    assert sa["metadata"]["uid"] == uid, sa
    p = robot("label", "sa", "robot", "tier-")
    assert p.stdout == "serviceaccount/robot unlabeled\n", p.stdout
    assert "labels" not in robot.json("get", "sa", "robot")["metadata"]


def test_patch_merge_and_json(robot: Kubectl):
    p = robot("patch", "sa", "robot", "--type", "merge", "-p", '{"automountServiceAccountToken":false}')
    assert p.stdout == "serviceaccount/robot patched\n", p.stdout
    assert robot.json("get", "sa", "robot")["automountServiceAccountToken"] is False
    patch = [{"op": "test", "path": "/automountServiceAccountToken", "value": False},
             {"op": "add", "path": "/metadata/labels", "value": {"tier": "two"}}]
    p = robot("patch", "sa", "robot", "--type", "json", "-p", json.dumps(patch))
    assert p.stdout == "serviceaccount/robot patched\n", p.stdout
    assert robot.json("get", "sa", "robot")["metadata"]["labels"] == {"tier": "two"}

    before = robot.json("get", "sa", "robot")
    failing = [{"op": "test", "path": "/metadata/labels/tier", "value": "one"}]
    p = robot("patch", "sa", "robot", "--type", "json", "-p", json.dumps(failing), check=False)
    assert p.returncode != 0
    assert "the server rejected our request due to an error in our request" in p.stderr, p.stderr
    assert robot.json("get", "sa", "robot") == before


def test_replace_and_a_stale_resource_version(robot: Kubectl, tmp_path):
    sa = robot.json("get", "sa", "robot")
    sa["metadata"]["labels"] = {"replaced": "yes"}
    manifest = tmp_path / "sa.json"
    manifest.write_text(json.dumps(sa))
    p = robot("replace", "-f", manifest)
    assert p.stdout == "serviceaccount/robot replaced\n", p.stdout
    assert robot.json("get", "sa", "robot")["metadata"]["labels"] == {"replaced": "yes"}

    # The same file again: its resourceVersion is now stale.
    p = robot("replace", "-f", manifest, check=False)
    assert p.returncode != 0
    assert f"Error from server (Conflict): error when replacing \"{manifest}\": {CONFLICT}" in p.stderr, p.stderr


def test_apply_twice(kubectl_http: Kubectl, tmp_path):
    manifest = tmp_path / "sa.yaml"
    manifest.write_text("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: applied\n  labels:\n    a: b\n"
                        "secrets:\n- name: s1\n")
    assert kubectl_http("apply", "-f", manifest).stdout == "serviceaccount/applied created\n"
    uid = kubectl_http.json("get", "sa", "applied")["metadata"]["uid"]
    assert kubectl_http("apply", "-f", manifest).stdout == "serviceaccount/applied unchanged\n"
    manifest.write_text("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: applied\n  labels:\n    c: d\n"
                        "secrets:\n- name: s2\n")
    assert kubectl_http("apply", "-f", manifest).stdout == "serviceaccount/applied configured\n"
    sa = kubectl_http.json("get", "sa", "applied")
    assert sa["metadata"]["labels"] == {"c": "d"}, sa
    assert sa["secrets"] == [{"name": "s2"}], sa
    assert sa["metadata"]["uid"] == uid, sa

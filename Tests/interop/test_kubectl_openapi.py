"""Issue 19, OpenAPI and field validation: real kubectl (every version test_kubectl.py drives) reads
kubemint's /openapi/v3 documents for `kubectl explain`, and `create -f` with --validate=strict|warn
gets the apiserver's strict decoding error or warnings for unknown and duplicate fields
(docs/kubernetes-behaviour.md §17)."""

from __future__ import annotations

import pytest

from test_kubectl import Kubectl, http_server, kubectl_binary, kubectl_http  # noqa: F401 (fixtures)

pytestmark = pytest.mark.server

POD = """apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  bogusField: 1
  containers:
  - name: c
    image: nginx
    foo: bar
"""


def test_explain_serviceaccount_metadata(kubectl_http: Kubectl):
    p = kubectl_http("explain", "serviceaccount.metadata")
    lines = p.stdout.splitlines()
    assert lines[:2] == ["KIND:       ServiceAccount", "VERSION:    v1"], p.stdout
    assert "FIELD: metadata <ObjectMeta>" in lines, p.stdout
    fields = [line.split("\t")[0].strip() for line in lines if line.startswith("  ") and "\t<" in line]
    for name in ["annotations", "labels", "name", "namespace", "ownerReferences", "uid"]:
        assert name in fields, (name, p.stdout)


def test_explain_pod_spec_containers(kubectl_http: Kubectl):
    p = kubectl_http("explain", "pod.spec.containers")
    assert "FIELD: containers <[]Container>" in p.stdout, p.stdout
    fields = {line.split("\t")[0].strip(): line.split("\t")[1] for line in p.stdout.splitlines()
              if line.startswith("  ") and "\t<" in line}
    assert fields["name"].startswith("<string>") and "-required-" in fields["name"], fields
    assert fields["env"] == "<[]EnvVar>" and fields["volumeMounts"] == "<[]VolumeMount>", fields
    assert fields["ports"] == "<[]ContainerPort>" and fields["image"] == "<string>", fields


def test_explain_an_authentication_kind(kubectl_http: Kubectl):
    p = kubectl_http("explain", "tokenreview.spec")
    assert "GROUP:      authentication.k8s.io" in p.stdout and "FIELD: spec <TokenReviewSpec>" in p.stdout, p.stdout
    assert "  token\t<string>" in p.stdout and "  audiences\t<[]string>" in p.stdout, p.stdout


def test_create_f_of_a_tokenreview_with_default_validation(kubectl_http: Kubectl, tmp_path):
    """TokenReview has no PATCH operation, so kubectl validates it on the client against /openapi/v2
    (protobuf), after listing CRDs: both are served, the review goes through, and an unknown field
    is kubectl's own ValidationError."""
    manifest = tmp_path / "review.yaml"
    manifest.write_text("apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: abc\n")
    p = kubectl_http("create", "-f", manifest, "-o", "jsonpath={.status}")
    assert p.stdout == '{"error":"invalid bearer token","user":{}}', (p.stdout, p.stderr)
    manifest.write_text("apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: abc\n  bogus: 1\n")
    p = kubectl_http("create", "-f", manifest, check=False)
    assert p.returncode == 1, (p.stdout, p.stderr)
    assert p.stderr == (
        f'error: error validating "{manifest}": error validating data: ValidationError(TokenReview.spec): '
        'unknown field "bogus" in io.k8s.api.authentication.v1.TokenReviewSpec; if you choose to ignore '
        "these errors, turn validation off with --validate=false\n"), p.stderr


def test_create_strict_refuses_unknown_fields(kubectl_http: Kubectl, tmp_path):
    manifest = tmp_path / "pod.yaml"
    manifest.write_text(POD)
    p = kubectl_http("create", "--validate=strict", "-f", manifest, check=False)
    assert p.returncode == 1 and p.stdout == "", (p.stdout, p.stderr)
    assert p.stderr == (
        f'Error from server (BadRequest): error when creating "{manifest}": Pod in version "v1" cannot be '
        'handled as a Pod: strict decoding error: unknown field "spec.bogusField", unknown field '
        '"spec.containers[0].foo"\n'), p.stderr
    assert kubectl_http("get", "pods", "-o", "name").stdout == ""


def test_create_warn_prints_warnings_and_drops_the_fields(kubectl_http: Kubectl, tmp_path):
    manifest = tmp_path / "pod.yaml"
    manifest.write_text(POD)
    p = kubectl_http("create", "--validate=warn", "-f", manifest)
    assert p.stdout == "pod/web created\n", p.stdout
    assert p.stderr == ('Warning: unknown field "spec.bogusField"\n'
                        'Warning: unknown field "spec.containers[0].foo"\n'), p.stderr
    pod = kubectl_http.json("get", "pod", "web")
    assert "bogusField" not in pod["spec"] and "foo" not in pod["spec"]["containers"][0], pod["spec"]


def test_a_yaml_duplicate_never_reaches_the_server(kubectl_http: Kubectl, tmp_path):
    """kubectl turns YAML into JSON before sending it, and its YAML reader keeps the last of two equal
    keys: the server sees no duplicate, so there is none to refuse (the server's duplicate check is
    proved over HTTP in FieldValidationServerTests). Pinned so a change in kubectl is noticed."""
    manifest = tmp_path / "sa.yaml"
    manifest.write_text("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  name: b\n")
    p = kubectl_http("create", "--validate=strict", "-f", manifest)
    assert (p.stdout, p.stderr) == ("serviceaccount/b created\n", ""), (p.stdout, p.stderr)

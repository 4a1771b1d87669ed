"""Protobuf answers and the protobuf watch framing (docs/kubernetes-behaviour.md §25), read by a decoder
nobody here wrote: Google's `protobuf` runtime over a .proto of the messages checked, with the field
numbers of k8s.io/api and k8s.io/apimachinery v0.33.9 generated.proto, compiled by grpc_tools.protoc.
Re-serializing what it parsed (deterministic: map keys sorted) must give kubemint's bytes back, which
is how Go's gogo marshallers write them: every non-pointer field, in field-number order."""

from __future__ import annotations

import importlib
import struct
import sys

import pytest
import requests

from interop_helpers import require
from test_kubectl import http_server  # noqa: F401 (fixture)

try:
    from grpc_tools import protoc
except ImportError:  # pragma: no cover - reported by require() below
    protoc = None

pytestmark = pytest.mark.server

PROTOBUF = "application/vnd.kubernetes.protobuf"

PROTO = """
syntax = "proto2";
package kubemint.interop;

message TypeMeta { optional string apiVersion = 1; optional string kind = 2; }
message Unknown {
  optional TypeMeta typeMeta = 1; optional bytes raw = 2;
  optional string contentEncoding = 3; optional string contentType = 4;
}
message Time { optional int64 seconds = 1; optional int32 nanos = 2; }
message FieldsV1 { optional bytes Raw = 1; }
message ManagedFieldsEntry {
  optional string manager = 1; optional string operation = 2; optional string apiVersion = 3;
  optional Time time = 4; optional string fieldsType = 6; optional FieldsV1 fieldsV1 = 7;
  optional string subresource = 8;
}
message ObjectMeta {
  optional string name = 1; optional string generateName = 2; optional string namespace = 3;
  optional string selfLink = 4; optional string uid = 5; optional string resourceVersion = 6;
  optional int64 generation = 7; optional Time creationTimestamp = 8; optional Time deletionTimestamp = 9;
  optional int64 deletionGracePeriodSeconds = 10; map<string, string> labels = 11;
  map<string, string> annotations = 12; repeated string finalizers = 14;
  repeated ManagedFieldsEntry managedFields = 17;
}
message ListMeta {
  optional string selfLink = 1; optional string resourceVersion = 2; optional string continue = 3;
  optional int64 remainingItemCount = 4;
}
message ObjectReference {
  optional string kind = 1; optional string namespace = 2; optional string name = 3; optional string uid = 4;
  optional string apiVersion = 5; optional string resourceVersion = 6; optional string fieldPath = 7;
}
message LocalObjectReference { optional string name = 1; }
message ServiceAccount {
  optional ObjectMeta metadata = 1; repeated ObjectReference secrets = 2;
  repeated LocalObjectReference imagePullSecrets = 3; optional bool automountServiceAccountToken = 4;
}
message ServiceAccountList { optional ListMeta metadata = 1; repeated ServiceAccount items = 2; }
message ConfigMap {
  optional ObjectMeta metadata = 1; map<string, string> data = 2; map<string, bytes> binaryData = 3;
  optional bool immutable = 4;
}
message StatusCause { optional string reason = 1; optional string message = 2; optional string field = 3; }
message StatusDetails {
  optional string name = 1; optional string group = 2; optional string kind = 3; repeated StatusCause causes = 4;
  optional int32 retryAfterSeconds = 5; optional string uid = 6;
}
message Status {
  optional ListMeta metadata = 1; optional string status = 2; optional string message = 3;
  optional string reason = 4; optional StatusDetails details = 5; optional int32 code = 6;
}
message RawExtension { optional bytes raw = 1; }
message WatchEvent { optional string type = 1; optional RawExtension object = 2; }
"""


@pytest.fixture(scope="module")
def pb(tmp_path_factory):
    require(protoc, "grpcio-tools", "pip install -r Tests/interop/requirements.txt")
    out = tmp_path_factory.mktemp("kube-proto")
    (out / "kube_interop.proto").write_text(PROTO)
    assert protoc.main(["grpc_tools.protoc", f"-I{out}", f"--python_out={out}", "kube_interop.proto"]) == 0
    sys.path.insert(0, str(out))
    try:
        return importlib.import_module("kube_interop_pb2")
    finally:
        sys.path.remove(str(out))


def unwrap(pb, body: bytes, message):
    """The object of a `k8s\\0` + runtime.Unknown body, checked to re-serialize to the same bytes."""
    assert body[:4] == b"k8s\x00", body[:16]
    unknown = pb.Unknown()
    unknown.ParseFromString(body[4:])
    assert unknown.SerializeToString(deterministic=True) == body[4:]
    assert unknown.HasField("contentEncoding") and unknown.contentEncoding == ""
    assert unknown.HasField("contentType") and unknown.contentType == ""
    obj = message()
    obj.ParseFromString(unknown.raw)
    assert obj.SerializeToString(deterministic=True) == unknown.raw, "not in Go's canonical field order"
    return unknown.typeMeta, obj


def test_get_list_and_errors_in_protobuf(pb, http_server):
    base = http_server.url.rstrip("/") + "/api/v1/namespaces/default"
    accept = {"Accept": f"{PROTOBUF}, application/json"}
    created = requests.post(f"{base}/configmaps", json={
        "metadata": {"name": "settings", "labels": {"b": "2", "a": "1"}},
        "data": {"z": "last", "a": "first"}, "binaryData": {"blob": "AAEC"}}, timeout=10)
    assert created.status_code == 201, created.text
    as_json = requests.get(f"{base}/configmaps/settings", timeout=10).json()

    r = requests.get(f"{base}/configmaps/settings", headers=accept, timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"] == PROTOBUF
    type_meta, cm = unwrap(pb, r.content, pb.ConfigMap)
    assert (type_meta.apiVersion, type_meta.kind) == ("v1", "ConfigMap")
    assert cm.metadata.uid == as_json["metadata"]["uid"]
    assert cm.metadata.resourceVersion == as_json["metadata"]["resourceVersion"]
    assert dict(cm.metadata.labels) == {"a": "1", "b": "2"}
    assert dict(cm.data) == {"a": "first", "z": "last"} and dict(cm.binaryData) == {"blob": b"\x00\x01\x02"}
    assert cm.metadata.HasField("generation") and cm.metadata.HasField("creationTimestamp")
    assert not cm.metadata.HasField("deletionTimestamp")  # a nil pointer is left out
    assert [e.manager for e in cm.metadata.managedFields] == [e["manager"] for e in as_json["metadata"]["managedFields"]]

    r = requests.get(f"{base}/serviceaccounts", headers=accept, timeout=10)
    type_meta, sa_list = unwrap(pb, r.content, pb.ServiceAccountList)
    assert type_meta.kind == "ServiceAccountList"
    assert [sa.metadata.name for sa in sa_list.items] == ["default"]

    r = requests.get(f"{base}/serviceaccounts/nobody", headers=accept, timeout=10)
    assert r.status_code == 404 and r.headers["Content-Type"] == PROTOBUF
    type_meta, status = unwrap(pb, r.content, pb.Status)
    assert (type_meta.kind, status.reason, status.code) == ("Status", "NotFound", 404)
    assert status.message == 'serviceaccounts "nobody" not found'

    r = requests.get(f"{base}/serviceaccounts", headers={"Accept": "text/html"}, timeout=10)
    assert r.status_code == 406 and r.headers["Content-Type"] == "application/json"
    assert r.json()["message"] == ("only the following media types are accepted: application/json, "
                                   "application/yaml, application/vnd.kubernetes.protobuf")


def frames(response):
    """The length-prefixed frames of a protobuf watch stream."""
    buffer = b""
    for chunk in response.iter_content(chunk_size=None):
        buffer += chunk
        while len(buffer) >= 4 and len(buffer) >= 4 + struct.unpack(">I", buffer[:4])[0]:
            length = struct.unpack(">I", buffer[:4])[0]
            yield buffer[4:4 + length]
            buffer = buffer[4 + length:]


def test_watch_in_protobuf_frames(pb, http_server):
    base = http_server.url.rstrip("/") + "/api/v1/namespaces/default/serviceaccounts"
    with requests.get(f"{base}?watch=1&timeoutSeconds=5", stream=True, timeout=20,
                      headers={"Accept": f"{PROTOBUF};stream=watch"}) as r:
        assert r.status_code == 200 and r.headers["Content-Type"] == f"{PROTOBUF};stream=watch"
        seen = []
        for frame in frames(r):
            event = pb.WatchEvent()
            event.ParseFromString(frame)
            assert event.SerializeToString(deterministic=True) == frame  # no envelope: the raw serializer
            type_meta, sa = unwrap(pb, event.object.raw, pb.ServiceAccount)
            assert type_meta.kind == "ServiceAccount"
            seen.append((event.type, sa.metadata.name))
            if len(seen) == 1:
                assert requests.post(base, json={"metadata": {"name": "robot"}}, timeout=10).status_code == 201
                assert requests.delete(f"{base}/robot", timeout=10).status_code == 200
            if len(seen) == 3:
                break
    assert seen == [("ADDED", "default"), ("ADDED", "robot"), ("DELETED", "robot")]

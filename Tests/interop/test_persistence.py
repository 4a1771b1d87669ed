"""Issue 6, persistence: `kubemint serve --data-dir DIR` keeps namespaces, service accounts, pods,
secrets, nodes and the clock across restarts, and never loses an acknowledged write — not to a
graceful stop (SIGTERM), not to kill -9 in the middle of a burst of concurrent mutations.

The kill test runs KUBEMINT_KILL_CYCLES cycles (default 30): start on the same data dir, hammer
it with creates, updates (PUT), patches (merge and strategic) and deletes from a few threads,
SIGKILL it after a random 50-500 ms, restart, and check that every create answered 2xx is there
with the same UID and the content of its last acknowledged update or patch, and every delete
answered 2xx is gone. A write in flight at the kill may go either way (it was never
acknowledged)."""

from __future__ import annotations

import os
import random
import signal
import threading
import time
import uuid
from base64 import b64encode
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests

from interop_helpers import require
from kubemint_server import Server, start_server


pytestmark = pytest.mark.server

INVALIDATED = "[invalid bearer token, service account token has been invalidated]"


ISSUER = "https://kubemint.persistence.test"


def start(kubemint: str, workdir: Path, data: Path, *extra: str) -> Server:
    """A server on `data`; the kubeconfig of a previous run (old port) is removed first. The issuer
    is fixed: the default (the server's own URL) would change with the port at every restart."""
    (workdir / "kubeconfig").unlink(missing_ok=True)
    return start_server(kubemint, workdir, "--data-dir", str(data), "--issuer", ISSUER, *extra)


def kill9(server: Server) -> None:
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait(timeout=10)


def call(server: Server, method: str, path: str, body=None, session=None) -> requests.Response:
    return (session or requests).request(method, server.url.rstrip("/") + path, json=body, verify=server.ca,
                                         headers=server.headers, timeout=10)


def uid(server: Server, path: str) -> str:
    r = call(server, "GET", path)
    assert r.status_code == 200, (path, r.status_code, r.text)
    return r.json()["metadata"]["uid"]


def review(server: Server, token: str) -> dict:
    r = call(server, "POST", "/apis/authentication.k8s.io/v1/tokenreviews",
             {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": token}})
    assert r.status_code == 201, r.text
    return r.json()["status"]


def test_objects_clock_and_tokens_survive_sigterm_and_sigkill(kubemint_bin, tmp_path):
    workdir, data = tmp_path / "cwd", tmp_path / "data"
    s = start(kubemint_bin, workdir, data, "--clock", "offset:1h")
    try:
        assert "data dir /" in s.log() and "new, started a fresh cluster" in s.log(), s.log()
        assert call(s, "POST", "/api/v1/namespaces", {"metadata": {"name": "team"}}).status_code == 201
        assert call(s, "POST", "/api/v1/namespaces/team/serviceaccounts", {"metadata": {"name": "app"}}).status_code == 201
        assert call(s, "POST", "/api/v1/namespaces/team/pods", {
            "metadata": {"name": "web"},
            "spec": {"serviceAccountName": "app", "containers": [{"name": "c", "image": "busybox"}]}}).status_code == 201
        assert call(s, "POST", "/api/v1/nodes", {"metadata": {"name": "node-1"}}).status_code == 201
        assert call(s, "POST", "/api/v1/namespaces/team/secrets", {
            "metadata": {"name": "app-token", "annotations": {"kubernetes.io/service-account.name": "app"}},
            "type": "kubernetes.io/service-account-token"}).status_code == 201
        paths = ["/api/v1/namespaces/team", "/api/v1/namespaces/team/serviceaccounts/app",
                 "/api/v1/namespaces/team/pods/web", "/api/v1/nodes/node-1", "/api/v1/namespaces/team/secrets/app-token"]
        uids = {p: uid(s, p) for p in paths}
        secret = call(s, "GET", "/api/v1/namespaces/team/secrets/app-token").json()
        r = call(s, "POST", "/api/v1/namespaces/team/serviceaccounts/app/token", {
            "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
            "spec": {"boundObjectRef": {"kind": "Pod", "apiVersion": "v1", "name": "web"}}})
        assert r.status_code == 201, r.text
        token = r.json()["status"]["token"]
        assert review(s, token)["authenticated"] is True
        # The fake scheduler binds and starts the pod shortly after the create (§19): wait for it,
        # so the list below is the settled state the restarts must bring back.
        deadline = time.monotonic() + 10
        while call(s, "GET", "/api/v1/namespaces/team/pods/web").json()["status"]["phase"] != "Running":
            assert time.monotonic() < deadline, "pod web never Running"
            time.sleep(0.05)
        pods_list = call(s, "GET", "/api/v1/pods").json()
    finally:
        s.stop()

    # Graceful restart, no --clock: the saved offset wins.
    s = start(kubemint_bin, workdir, data)
    try:
        assert "clock:      offset +3600.0s (from data dir)" in s.log(), s.log()
        clock = call(s, "GET", "/kubemint/v1/clock").json()
        assert clock["mode"] == "offset" and clock["offsetSeconds"] == 3600
        assert {p: uid(s, p) for p in paths} == uids
        # The filled legacy token secret is restored as it was, not filled again.
        assert call(s, "GET", "/api/v1/namespaces/team/secrets/app-token").json() == secret
        assert call(s, "GET", "/api/v1/pods").json() == pods_list
        status = review(s, token)
        assert status["authenticated"] is True, status
        assert status["user"]["extra"]["authentication.kubernetes.io/pod-uid"] == [uids["/api/v1/namespaces/team/pods/web"]]
        fixed = (datetime.now(timezone.utc) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert call(s, "POST", "/kubemint/v1/clock", {"set": fixed}).status_code == 200
    finally:
        kill9(s)

    # After kill -9: the fixed clock stands where it was set, the objects and the token are intact.
    s = start(kubemint_bin, workdir, data)
    try:
        assert f"clock:      fixed at {fixed} (from data dir)" in s.log(), s.log()
        assert call(s, "GET", "/kubemint/v1/clock").json()["now"] == fixed
        assert {p: uid(s, p) for p in paths} == uids
        assert review(s, token)["authenticated"] is True
        # Grace period 0: gone at once, as `kubectl delete --grace-period=0 --force` (§19.3).
        assert call(s, "DELETE", "/api/v1/namespaces/team/pods/web?gracePeriodSeconds=0").status_code == 200
        status = review(s, token)
        assert not status.get("authenticated") and status["error"] == INVALIDATED, status
    finally:
        kill9(s)

    # The delete was acknowledged, so it is durable; an explicit --clock wins over the saved one.
    s = start(kubemint_bin, workdir, data, "--clock", "offset:1h")
    try:
        assert "clock:      offset +3600.0s (from --clock)" in s.log(), s.log()
        assert call(s, "GET", "/api/v1/namespaces/team/pods/web").status_code == 404
        status = review(s, token)
        assert not status.get("authenticated") and status["error"] == INVALIDATED, status
        assert uid(s, "/api/v1/namespaces/team/serviceaccounts/app") == uids["/api/v1/namespaces/team/serviceaccounts/app"]
    finally:
        s.stop()


def test_a_second_server_on_the_same_data_dir_is_refused(kubemint_bin, tmp_path):
    data = tmp_path / "data"
    s = start(kubemint_bin, tmp_path / "a", data)
    try:
        with pytest.raises(AssertionError, match=r"is in use by another kubemint \(pid \d+\)"):
            start(kubemint_bin, tmp_path / "b", data)
    finally:
        s.stop()


def test_manifests_on_an_existing_data_dir_create_only_missing_objects(kubemint_bin, tmp_path):
    manifest = tmp_path / "m.yaml"
    manifest.write_text("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: fixed\n---\n"
                        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: fixed\n")
    workdir, data = tmp_path / "cwd", tmp_path / "data"
    s = start(kubemint_bin, workdir, data, "--manifests", str(manifest))
    try:
        first = uid(s, "/api/v1/namespaces/fixed/serviceaccounts/app")
    finally:
        s.stop()
    manifest.write_text(manifest.read_text() + "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n"
                        "  name: added\n  namespace: fixed\n")
    s = start(kubemint_bin, workdir, data, "--manifests", str(manifest))
    try:
        assert "manifests: 1 objects created; objects already in the data dir kept as stored" in s.log(), s.log()
        assert uid(s, "/api/v1/namespaces/fixed/serviceaccounts/app") == first
        uid(s, "/api/v1/namespaces/fixed/serviceaccounts/added")
    finally:
        s.stop()


class Model:
    """What the clients were told: key -> uid (acknowledged create) or None (acknowledged delete),
    and key -> the contents (see `content`) its last acknowledged write may have left — one value,
    or two while an update was in flight at the kill. Keys whose create or delete was in flight at
    the kill are forgotten (names are never reused)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.expected: dict[tuple, str | None] = {}
        self.contents: dict[tuple, set] = {}
        self.acknowledged = 0
        self.updates = 0

    def created(self, key, uid_, content_):
        with self.lock:
            self.expected[key] = uid_
            self.contents[key] = {content_}
            self.acknowledged += 1

    def updated(self, key, content_, acknowledged: bool):
        with self.lock:
            if acknowledged:
                self.contents[key] = {content_}
                self.acknowledged += 1
                self.updates += 1
            elif key in self.contents:
                self.contents[key].add(content_)

    def deleted(self, key, cascade: bool = False):
        with self.lock:
            self.expected[key] = None
            self.acknowledged += 1
            if cascade:
                for other in self.expected:
                    if other[0] != "namespaces" and other[1] == key[2]:
                        self.expected[other] = None

    def uncertain(self, key, cascade: bool = False):
        with self.lock:
            self.expected.pop(key, None)
            self.contents.pop(key, None)
            if cascade:
                for other in [k for k in self.expected if k[0] != "namespaces" and k[1] == key[2]]:
                    self.expected.pop(other)


def content(resource: str, obj: dict):
    """What the kill test's updates change: a secret's data, the `v` label of anything else."""
    if resource == "secrets":
        return (obj.get("data") or {}).get("k")
    return ((obj.get("metadata") or {}).get("labels") or {}).get("v")


PATCH_TYPES = {"merge": "application/merge-patch+json", "strategic": "application/strategic-merge-patch+json"}


def mutate(server: Server, model: Model, rng: random.Random, stop: threading.Event, tag: str):
    """Creates namespaces with a service account, secret and pod in each, updates and patches
    them, and deletes some of them again, until the server dies or `stop` is set."""
    session = requests.Session()

    def write(method, path, key, body=None, cascade=False) -> bool:
        try:
            r = call(server, method, path, body, session)
        except requests.RequestException:
            model.uncertain(key, cascade)  # in flight at the kill: either way is right
            raise
        if r.status_code in (200, 201):
            if method == "POST":
                model.created(key, r.json()["metadata"]["uid"], content(key[0], r.json()))
            else:
                model.deleted(key, cascade)
            return True
        return False

    def update(path, key, value, patch_type=None):
        """A PUT (patch_type None: the whole secret, no resourceVersion) or a PATCH setting `v`."""
        if patch_type is None:
            body = {"metadata": {"name": key[2]}, "data": {"k": b64encode(value.encode()).decode()}}
            expected = body["data"]["k"]
            headers = server.headers
        else:
            body, expected = {"metadata": {"labels": {"v": value}}}, value
            headers = {**server.headers, "Content-Type": PATCH_TYPES[patch_type]}
        try:
            r = session.request("PUT" if patch_type is None else "PATCH", server.url.rstrip("/") + path,
                                json=body, headers=headers, verify=server.ca, timeout=10)
        except requests.RequestException:
            model.updated(key, expected, acknowledged=False)
            raise
        assert r.status_code == 200, (path, r.status_code, r.text)
        assert content(key[0], r.json()) == expected, r.text
        model.updated(key, expected, acknowledged=True)

    try:
        n = 0
        while not stop.is_set():
            n += 1
            ns = f"k-{tag}-{n}"
            if not write("POST", "/api/v1/namespaces", ("namespaces", "", ns), {"metadata": {"name": ns}}):
                continue
            base = f"/api/v1/namespaces/{ns}"
            write("POST", f"{base}/serviceaccounts", ("serviceaccounts", ns, "sa"), {"metadata": {"name": "sa"}})
            write("POST", f"{base}/secrets", ("secrets", ns, "s"), {"metadata": {"name": "s"}, "data": {"k": "dg=="}})
            write("POST", f"{base}/pods", ("pods", ns, "p"),
                  {"metadata": {"name": "p"}, "spec": {"serviceAccountName": "sa",
                                                       "containers": [{"name": "c", "image": "busybox"}]}})
            for step in range(rng.randrange(4)):
                update(f"{base}/serviceaccounts/sa", ("serviceaccounts", ns, "sa"), f"m{step}", "merge")
                update(f"{base}/pods/p", ("pods", ns, "p"), f"s{step}", "strategic")
                update(f"{base}/secrets/s", ("secrets", ns, "s"), f"u{step}")
            roll = rng.random()
            if roll < 0.3:
                write("DELETE", f"{base}/pods/p", ("pods", ns, "p"))
            elif roll < 0.5:
                write("DELETE", f"{base}/secrets/s", ("secrets", ns, "s"))
            elif roll < 0.6:
                write("DELETE", f"{base}/serviceaccounts/sa", ("serviceaccounts", ns, "sa"))
            elif roll < 0.8:
                write("DELETE", f"/api/v1/namespaces/{ns}", ("namespaces", "", ns), cascade=True)
    except requests.RequestException:
        pass


def actual_state(server: Server) -> dict[tuple, tuple[str, str | None, bool]]:
    """key -> (uid, content, terminating) of every stored object; terminating: it has a
    deletionTimestamp (a pod in its grace period, a namespace waiting for its pods)."""
    state = {}
    for resource in ("namespaces", "serviceaccounts", "secrets", "pods"):
        r = call(server, "GET", f"/api/v1/{resource}")
        assert r.status_code == 200, r.text
        for item in r.json()["items"]:
            meta = item["metadata"]
            state[(resource, meta.get("namespace", ""), meta["name"])] = (
                meta["uid"], content(resource, item), "deletionTimestamp" in meta)
    return state


def losses(model: Model, state: dict, when: str) -> list[str]:
    """Acknowledged creates missing or with another UID, acknowledged updates not (or no longer)
    visible, acknowledged deletes undone. An acknowledged delete of a pod or namespace means it is
    terminating or gone (docs/kubernetes-behaviour.md §19: a scheduled pod waits for its grace
    period, a namespace for its pods); anything else must be gone."""
    lost = []
    for key, expected in model.expected.items():
        found = state.get(key)
        if expected is None:
            if found is not None and not (key[0] in ("pods", "namespaces") and found[2]):
                lost.append(f"{when}: acknowledged delete {key} is back")
        elif found is None or found[0] != expected:
            lost.append(f"{when}: acknowledged create {key} uid {expected} -> {found}")
        elif key in model.contents and found[1] not in model.contents[key]:
            lost.append(f"{when}: {key} holds {found[1]!r}, acknowledged {sorted(map(str, model.contents[key]))}")
    return lost


def test_no_acknowledged_write_is_lost_to_kill_9(kubemint_bin, tmp_path, capsys):
    cycles = int(os.environ.get("KUBEMINT_KILL_CYCLES", "30"))
    seed = int(os.environ.get("KUBEMINT_KILL_SEED", str(random.randrange(1 << 30))))
    rng = random.Random(seed)
    workdir, data = tmp_path / "cwd", tmp_path / "data"
    model = Model()
    lost: list[str] = []
    for cycle in range(cycles):
        s = start(kubemint_bin, workdir, data)
        try:
            state = actual_state(s)
            with model.lock:
                lost += losses(model, state, f"cycle {cycle}")
            assert not lost, f"seed {seed}: " + "; ".join(lost[:10]) + "\n" + s.log()
            stop = threading.Event()
            threads = [threading.Thread(target=mutate, args=(s, model, random.Random(rng.random()), stop,
                                                             f"{cycle}-{t}-{uuid.uuid4().hex[:4]}"))
                       for t in range(4)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.05, 0.5))
            kill9(s)
            stop.set()
            for t in threads:
                t.join(timeout=30)
        finally:
            if s.proc.poll() is None:
                kill9(s)
    # One more start: the state after the last kill.
    s = start(kubemint_bin, workdir, data)
    try:
        lost += losses(model, actual_state(s), "final")
    finally:
        s.stop()
    with capsys.disabled():
        print(f"\nkill cycles: {cycles}, acknowledged writes: {model.acknowledged} "
              f"({model.updates} updates and patches), lost: {len(lost)} (seed {seed})")
    assert not lost, f"seed {seed}: " + "; ".join(lost[:10])
    assert model.acknowledged > cycles, "the mutation loop hardly ran: the test proves nothing"
    assert model.updates > cycles, "hardly any update or patch ran: the test proves nothing about them"


# Issue 16: nothing a client sends may brick the data directory or lose an acknowledged write.

def nested(levels: int):
    value = "x"
    for _ in range(levels):
        value = {"a": value}
    return value


def test_the_deepest_and_biggest_accepted_objects_survive_restarts_and_a_snapshot(kubemint_bin, tmp_path):
    """A 256-deep object (the API's limit: the object itself is level 1) is stored and loads back,
    through the log and, after 9 MiB of secrets crossed the 8 MiB compaction threshold, through
    the snapshot; 257 levels are refused at the door."""
    workdir, data = tmp_path / "cwd", tmp_path / "data"
    s = start(kubemint_bin, workdir, data)
    try:
        deep = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "deep"}, "x": nested(255)}
        r = call(s, "POST", "/api/v1/namespaces/default/secrets", deep)
        assert r.status_code == 201, r.text
        too_deep = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "too-deep"}, "x": nested(256)}
        r = call(s, "POST", "/api/v1/namespaces/default/secrets", too_deep)
        assert r.status_code == 400 and "nesting deeper than 256 levels" in r.text, r.text
        before = call(s, "GET", "/api/v1/namespaces/default/secrets/deep").content
    finally:
        s.stop()
    s = start(kubemint_bin, workdir, data)
    try:
        assert call(s, "GET", "/api/v1/namespaces/default/secrets/deep").content == before
        for index in range(7):  # 7 x 1.3 MiB of base64 data: past the 8 MiB compaction threshold
            body = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": f"big-{index}"},
                    "stringData": {"blob": "é✓🚀" * 1000 + "x" * (1 << 20)}}
            r = call(s, "POST", "/api/v1/namespaces/default/secrets", body)
            assert r.status_code == 201, r.text
        listed = call(s, "GET", "/api/v1/namespaces/default/secrets").json()
    finally:
        s.stop()
    assert (data / "snapshot").is_file()
    s = start(kubemint_bin, workdir, data)
    try:
        assert call(s, "GET", "/api/v1/namespaces/default/secrets/deep").content == before
        assert call(s, "GET", "/api/v1/namespaces/default/secrets").json() == listed
    finally:
        s.stop()


def test_a_manifest_at_the_apis_nesting_limit_loads_and_survives_a_restart(kubemint_bin, tmp_path):
    def node(levels: int) -> str:
        """A Node (level 1) whose spec nests mappings down to level `levels`."""
        lines = ["apiVersion: v1", "kind: Node", "metadata:", "  name: deep", "spec:"]
        lines += ["  " * level + "a:" for level in range(1, levels)]
        return "\n".join(lines) + " x\n"

    manifest = tmp_path / "deep.yaml"
    manifest.write_text(node(256))
    workdir, data = tmp_path / "cwd", tmp_path / "data"
    s = start(kubemint_bin, workdir, data, "--manifests", str(manifest))
    try:
        before = call(s, "GET", "/api/v1/nodes/deep").content
    finally:
        s.stop()
    s = start(kubemint_bin, workdir, data, "--manifests", str(manifest))
    try:
        assert call(s, "GET", "/api/v1/nodes/deep").content == before
    finally:
        s.stop()
    too_deep = tmp_path / "too-deep.yaml"
    too_deep.write_text(node(257))
    with pytest.raises(AssertionError, match="nesting deeper than 256 levels"):
        start(kubemint_bin, tmp_path / "other", tmp_path / "data2", "--manifests", str(too_deep))


def last_record_offset(wal: bytes) -> int:
    """The offset of the last record of a kubemint-wal file (header line, then length | crc | crc | payload)."""
    offset, last = wal.index(b"\n") + 1, None
    while offset < len(wal):
        last = offset
        offset += 12 + int.from_bytes(wal[offset:offset + 4], "little")
    assert last is not None and offset == len(wal)
    return last


def test_a_damaged_last_record_refuses_to_start_until_repaired_and_says_what_is_lost(kubemint_bin, tmp_path):
    workdir, data = tmp_path / "cwd", tmp_path / "data"
    s = start(kubemint_bin, workdir, data)
    try:
        assert call(s, "POST", "/api/v1/namespaces/default/serviceaccounts",
                    {"metadata": {"name": "kept"}}).status_code == 201
        assert call(s, "POST", "/api/v1/namespaces/default/serviceaccounts",
                    {"metadata": {"name": "acknowledged"}}).status_code == 201
    finally:
        s.stop()
    wal = bytearray((data / "wal").read_bytes())
    offset = last_record_offset(bytes(wal))
    name = wal.rindex(b'"acknowledged"')
    wal[name + 1] = ord("A")  # complete record, checksum no longer matches
    (data / "wal").write_bytes(bytes(wal))

    with pytest.raises(AssertionError, match=rf"damaged at byte offset {offset} \(the last record") as refused:
        start(kubemint_bin, workdir, data)
    assert "--repair-wal" in str(refused.value)
    assert (data / "wal").read_bytes() == bytes(wal)  # nothing dropped without being asked

    s = start(kubemint_bin, workdir, data, "--repair-wal")
    try:
        assert "ADDED serviceaccounts default/Acknowledged" in s.log(), s.log()
        assert "is now lost" in s.log()
        assert call(s, "GET", "/api/v1/namespaces/default/serviceaccounts/kept").status_code == 200
        assert call(s, "GET", "/api/v1/namespaces/default/serviceaccounts/acknowledged").status_code == 404
    finally:
        s.stop()
    s = start(kubemint_bin, workdir, data)
    try:
        assert "warning" not in s.log(), s.log()
    finally:
        s.stop()


FULL_DISK_WRAPPER = """#!/bin/sh
# Stands in for kubemint: re-runs itself in a private mount namespace (unshare -rm), mounts a 1 MiB
# tmpfs on the data dir, runs kubemint with the arguments given (passing SIGTERM on), then copies
# the data dir out for the restart check.
if [ -z "$IN_NAMESPACE" ]; then IN_NAMESPACE=1 exec unshare -rm "$0" "$@"; fi
mount -t tmpfs -o size=1m tmpfs {data} || exit 97
{kubemint} "$@" &
child=$!
trap 'kill -TERM $child' TERM
wait $child
wait $child
cp -a {data}/. {copy}/
"""


def unprivileged_tmpfs_works() -> bool:
    import subprocess
    try:
        probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                               capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def test_a_full_disk_fails_only_the_writes_it_cannot_make_and_they_leave_no_trace(kubemint_bin, tmp_path):
    """On a real full filesystem (a 1 MiB tmpfs): the create that does not fit answers 500 and is
    never visible; once there is room again, writes work without a restart; after a restart every
    201 is there and nothing of the 500s."""
    require(unprivileged_tmpfs_works(), "a tmpfs mount in a user namespace (unshare -rm)",
            "run as root or where unprivileged user namespaces are allowed (util-linux's unshare)")
    data, copy = tmp_path / "data", tmp_path / "copy"
    data.mkdir()
    copy.mkdir()
    wrapper = tmp_path / "full-disk.sh"
    wrapper.write_text(FULL_DISK_WRAPPER.format(data=data, copy=copy, kubemint=kubemint_bin))
    wrapper.chmod(0o755)
    s = start_server(str(wrapper), tmp_path / "cwd", "--data-dir", str(data), "--issuer", ISSUER)
    inside = Path(f"/proc/{s.proc.pid}/root") / str(data).lstrip("/")
    created, refused = {}, []
    try:
        (inside / "filler").write_bytes(b"\0" * (256 << 10))  # room to give back later
        for index in range(12):
            body = {"metadata": {"name": f"s{index}"}, "stringData": {"blob": "x" * (150 << 10)}}
            r = call(s, "POST", "/api/v1/namespaces/default/secrets", body)
            if r.status_code == 201:
                created[f"s{index}"] = r.json()["metadata"]["uid"]
                continue
            assert r.status_code == 500, r.text
            assert "No space left on device" in r.text and "left no trace" in r.text, r.text
            refused.append(f"s{index}")
        assert created and refused, (created, refused)
        for name in refused:
            assert call(s, "GET", f"/api/v1/namespaces/default/secrets/{name}").status_code == 404
        names = {item["metadata"]["name"] for item in call(s, "GET", "/api/v1/namespaces/default/secrets").json()["items"]}
        assert names == set(created)
        (inside / "filler").unlink()
        r = call(s, "POST", "/api/v1/namespaces/default/serviceaccounts", {"metadata": {"name": "after"}})
        assert r.status_code == 201, r.text
        created_sa = r.json()["metadata"]["uid"]
    finally:
        s.stop()
    s = start(kubemint_bin, tmp_path / "cwd2", copy)
    try:
        assert "warning" not in s.log(), s.log()
        for name, expected in created.items():
            assert uid(s, f"/api/v1/namespaces/default/secrets/{name}") == expected
        for name in refused:
            assert call(s, "GET", f"/api/v1/namespaces/default/secrets/{name}").status_code == 404
        assert uid(s, "/api/v1/namespaces/default/serviceaccounts/after") == created_sa
    finally:
        s.stop()

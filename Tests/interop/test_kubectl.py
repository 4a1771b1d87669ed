"""Issue 4, "Done when": real kubectl binaries against a running `kubemint serve`, each step's
OUTPUT checked (not just the exit code), every string the one kubectl prints against a cluster.

kubectl 1.32 and 1.33 send protobuf request bodies for create token / create serviceaccount /
auth whoami (docs/kubernetes-behaviour.md §9.1); kubectl 1.30 sends JSON. /usr/bin/kubectl is a
dispatcher that picks a binary by the server's /version, so the versioned binaries are run
directly. Each kubectl run gets `--kubeconfig` explicitly and a private HOME and KUBECACHEDIR, so
no discovery cache or user kubeconfig leaks in. client-go sends bearer tokens only over https:
`--token` tests use `--tls`.
Tokens kubectl prints are decoded and verified with PyJWT against the server's own JWKS, and
checked with a TokenReview posted with `requests`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from kubemint_server import start_server


import jwt  # noqa: E402
import requests  # noqa: E402

from interop_helpers import UUID_RE, require  # noqa: E402

pytestmark = pytest.mark.server

REPO = Path(__file__).resolve().parents[2]
POD_MANIFEST = REPO / "testdata" / "manifests" / "pod-projected-svc-token.yaml"  # OpenShift's nginx pod
KUBECTL_DIR = Path("/usr/lib/google-cloud-sdk/bin")
# 1.32 and 1.33: protobuf bodies (client-go >= 1.32); 1.30: JSON.
KUBECTL_VERSIONS = ["1.30", "1.32", "1.33"]
KUBECTL_TIMEOUT = 60.0
INVALIDATED = "[invalid bearer token, service account token has been invalidated]"
SA_GROUPS = ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"]


# --- kubectl ------------------------------------------------------------------------------------------

class Kubectl:
    def __init__(self, binary: Path, version: str, home: Path, server):
        self.binary, self.version, self.home, self.server = binary, version, home, server
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "KUBECTL"))}
        env.update(HOME=str(home), KUBECACHEDIR=str(home / "kube-cache"), KUBECONFIG="/nonexistent")
        self.env = env

    def __call__(self, *args, check: bool = True, kubeconfig: bool = True,
                 timeout: float = KUBECTL_TIMEOUT) -> subprocess.CompletedProcess:
        argv = [str(self.binary), *(["--kubeconfig", str(self.server.kubeconfig)] if kubeconfig else []),
                *map(str, args)]
        try:
            p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=self.env,
                               stdin=subprocess.DEVNULL, cwd=self.home)
        except subprocess.TimeoutExpired as e:
            raise AssertionError(
                f"kubectl {self.version} did not return within {timeout}s (hang?): {' '.join(argv)}\n"
                f"--- stdout ---\n{e.stdout}\n--- stderr ---\n{e.stderr}\n"
                f"--- kubemint log ---\n{self.server.log()}") from None
        if check and p.returncode != 0:
            raise AssertionError(
                f"kubectl {self.version} failed (exit {p.returncode}): {' '.join(argv)}\n"
                f"--- stdout ---\n{p.stdout}\n--- stderr ---\n{p.stderr}\n"
                f"--- kubemint log ---\n{self.server.log()}")
        return p

    def json(self, *args) -> dict:
        p = self(*args, "-o", "json")
        try:
            return json.loads(p.stdout)
        except json.JSONDecodeError as e:
            raise AssertionError(f"kubectl {' '.join(args)} -o json printed no JSON ({e}):\n{p.stdout}") from None


@pytest.fixture(params=KUBECTL_VERSIONS, ids=lambda v: f"kubectl{v}")
def kubectl_binary(request) -> tuple[str, Path]:
    binary = KUBECTL_DIR / f"kubectl.{request.param}"
    require(binary.is_file() and os.access(binary, os.X_OK), f"kubectl {request.param} ({binary})",
            "install the Google Cloud SDK's kubectl packages (apt-get install kubectl; .ci/run does)")
    return request.param, binary


def _server(kubemint_bin, tmp_path, tls: bool, *extra: str):
    return start_server(kubemint_bin, tmp_path / ("serve-tls" if tls else "serve-http"), *extra, tls=tls)


@pytest.fixture
def http_server(kubemint_bin, tmp_path):
    s = _server(kubemint_bin, tmp_path, tls=False)
    yield s
    s.stop()


@pytest.fixture
def tls_server(kubemint_bin, tmp_path):
    s = _server(kubemint_bin, tmp_path, tls=True)
    assert s.url.startswith("https://") and s.headers, "serve --tls must write an https kubeconfig with a token"
    yield s
    s.stop()


@pytest.fixture(params=["http", "tls", "tls-auth-token"])
def server(request, kubemint_bin, tmp_path):
    """Plain HTTP (no credentials), HTTPS, and HTTPS with `--auth token`, where every request must
    carry the kubeconfig's admin token (only sent over https by client-go)."""
    extra = ("--auth", "token") if request.param == "tls-auth-token" else ()
    s = _server(kubemint_bin, tmp_path, request.param != "http", *extra)
    yield s
    s.stop()


def _kubectl(kubectl_binary, server, tmp_path) -> Kubectl:
    version, binary = kubectl_binary
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return Kubectl(binary, version, home, server)


@pytest.fixture
def kubectl(kubectl_binary, server, tmp_path) -> Kubectl:
    return _kubectl(kubectl_binary, server, tmp_path)


@pytest.fixture
def kubectl_tls(kubectl_binary, tls_server, tmp_path) -> Kubectl:
    return _kubectl(kubectl_binary, tls_server, tmp_path)


@pytest.fixture
def kubectl_http(kubectl_binary, http_server, tmp_path) -> Kubectl:
    return _kubectl(kubectl_binary, http_server, tmp_path)


# --- helpers --------------------------------------------------------------------------------------------

def table(out: str) -> tuple[list[str], dict[str, list[str]]]:
    """kubectl's human-readable table: the header and the rows by their first column."""
    lines = [l for l in out.splitlines() if l.strip()]
    assert lines, f"kubectl printed no table:\n{out!r}"
    header = lines[0].split()
    rows = {}
    for line in lines[1:]:
        cells = line.split()
        # An empty last cell (a node created without status.nodeInfo has no VERSION) leaves only
        # kubectl's padding; the apiserver's printer gives the same empty cell.
        if len(cells) == len(header) - 1 and line.endswith(" "):
            cells.append("")
        assert len(cells) == len(header), f"row {line!r} does not fit header {header}:\n{out}"
        rows[cells[0]] = cells
    return header, rows


def assert_age(cell: str):
    assert re.fullmatch(r"(\d+[smhdy])+", cell), f"AGE cell {cell!r} is not a kubectl duration"


def token_from(p: subprocess.CompletedProcess) -> str:
    """kubectl create token prints the bare token (a newline only on a terminal; here: none)."""
    out = p.stdout
    assert out == out.strip() and out, f"create token printed more than a token: {out!r}"
    assert p.stderr == "", f"create token wrote to stderr: {p.stderr!r}"
    assert re.fullmatch(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", out), out
    return out


def verified_claims(server, token: str, audience: str | None) -> dict:
    """PyJWT: verify the signature with the server's JWKS and the issuer of its discovery document."""
    issuer = server.get("/.well-known/openid-configuration").json()["issuer"]
    jwks = server.get("/openid/v1/jwks").json()
    header = jwt.get_unverified_header(token)
    key = next((k for k in jwks["keys"] if k["kid"] == header["kid"]), None)
    assert key is not None, f"kid {header['kid']} not in the server's JWKS {jwks}"
    return jwt.decode(token, jwt.PyJWK(key).key, algorithms=[header["alg"]], issuer=issuer,
                      audience=audience, options={"verify_aud": audience is not None})


def token_review(server, token: str, audiences: list[str] | None = None) -> dict:
    body = {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": token}}
    if audiences is not None:
        body["spec"]["audiences"] = audiences
    r = requests.post(server.url.rstrip("/") + "/apis/authentication.k8s.io/v1/tokenreviews",
                      json=body, verify=server.ca, headers=server.headers, timeout=10)
    assert r.status_code == 201, f"TokenReview answered {r.status_code}: {r.text}"
    return r.json()["status"]


def assert_authenticated(status: dict, sa: str, sa_uid: str, audiences: list[str] | None = None):
    assert status.get("authenticated") is True, status
    assert not status.get("error"), status
    assert status["user"]["username"] == f"system:serviceaccount:default:{sa}"
    assert status["user"]["uid"] == sa_uid
    assert status["user"]["groups"] == SA_GROUPS
    if audiences is not None:
        assert status["audiences"] == audiences


def whoami_rows(out: str) -> dict[str, str]:
    """`kubectl auth whoami` table: ATTRIBUTE VALUE, one attribute a row."""
    lines = [l for l in out.splitlines() if l.strip()]
    assert lines and lines[0].split() == ["ATTRIBUTE", "VALUE"], f"not a whoami table:\n{out}"
    rows = {}
    for line in lines[1:]:
        m = re.fullmatch(r"(Username|UID|Groups|Extra: \S+)\s+(.*\S)", line)
        assert m, f"unexpected whoami row {line!r}:\n{out}"
        rows[m.group(1)] = m.group(2)
    return rows


# --- tests -----------------------------------------------------------------------------------------------

def test_serviceaccount_create_get_delete(kubectl):
    p = kubectl("create", "serviceaccount", "build-robot")
    assert p.stdout == "serviceaccount/build-robot created\n"

    p = kubectl("get", "sa")
    header, rows = table(p.stdout)
    assert header == ["NAME", "SECRETS", "AGE"], p.stdout
    assert sorted(rows) == ["build-robot", "default"], p.stdout
    for name in rows:
        assert rows[name][1] == "0", p.stdout
        assert_age(rows[name][2])

    p = kubectl("get", "sa", "build-robot")
    header, rows = table(p.stdout)
    assert header == ["NAME", "SECRETS", "AGE"] and list(rows) == ["build-robot"], p.stdout

    sa = kubectl.json("get", "sa", "build-robot")
    assert sa["kind"] == "ServiceAccount" and sa["apiVersion"] == "v1", sa
    assert sa["metadata"]["name"] == "build-robot" and sa["metadata"]["namespace"] == "default", sa
    assert UUID_RE.match(sa["metadata"]["uid"]), sa

    lst = kubectl.json("get", "sa")
    assert lst["kind"] == "List" and lst["apiVersion"] == "v1", lst
    by_name = {i["metadata"]["name"]: i for i in lst["items"]}
    assert sorted(by_name) == ["build-robot", "default"], lst
    assert all(i["kind"] == "ServiceAccount" for i in lst["items"]), lst
    assert by_name["build-robot"]["metadata"]["uid"] == sa["metadata"]["uid"]

    p = kubectl("delete", "sa", "build-robot")
    assert p.stdout == 'serviceaccount "build-robot" deleted\n'
    p = kubectl("get", "sa")
    assert sorted(table(p.stdout)[1]) == ["default"], p.stdout


def test_create_token_audience_duration(kubectl):
    assert kubectl("create", "sa", "build-robot").stdout == "serviceaccount/build-robot created\n"
    uid = kubectl.json("get", "sa", "build-robot")["metadata"]["uid"]

    token = token_from(kubectl("create", "token", "build-robot", "--audience", "vault", "--duration", "2h"))
    claims = verified_claims(kubectl.server, token, "vault")
    assert claims["aud"] == ["vault"]
    assert claims["exp"] - claims["iat"] == 7200
    assert claims["sub"] == "system:serviceaccount:default:build-robot"
    assert claims["kubernetes.io"]["serviceaccount"] == {"name": "build-robot", "uid": uid}
    assert "pod" not in claims["kubernetes.io"]

    assert_authenticated(token_review(kubectl.server, token, ["vault"]), "build-robot", uid, ["vault"])
    # The token is for vault only: a review for the API audiences rejects it.
    st = token_review(kubectl.server, token)
    assert st.get("authenticated") is not True and st.get("error"), st


def test_pod_manifest_bound_token_lifecycle(kubectl):
    assert kubectl("create", "serviceaccount", "build-robot").stdout == "serviceaccount/build-robot created\n"
    sa_uid = kubectl.json("get", "sa", "build-robot")["metadata"]["uid"]

    # Default validation (strict): kubectl reads /openapi/v3 first (docs/kubernetes-behaviour.md §9.4).
    p = kubectl("create", "-f", POD_MANIFEST)
    assert p.stdout == "pod/nginx created\n", p.stdout
    assert p.stderr == "", p.stderr

    # The server's fake scheduler and kubelet start the pod shortly after the create (§19).
    deadline = time.monotonic() + 10
    while kubectl.json("get", "pod", "nginx")["status"]["phase"] != "Running":
        assert time.monotonic() < deadline, "pod nginx never Running"
        time.sleep(0.05)
    p = kubectl("get", "pods")
    header, rows = table(p.stdout)
    assert header == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], p.stdout
    assert list(rows) == ["nginx"], p.stdout
    assert rows["nginx"][1:4] == ["1/1", "Running", "0"], p.stdout
    pod = kubectl.json("get", "pod", "nginx")
    assert pod["kind"] == "Pod" and pod["spec"]["serviceAccountName"] == "build-robot", pod
    pod_uid = pod["metadata"]["uid"]
    assert UUID_RE.match(pod_uid), pod

    token = token_from(kubectl("create", "token", "build-robot",
                               "--bound-object-kind", "Pod", "--bound-object-name", "nginx"))
    claims = verified_claims(kubectl.server, token, None)
    assert claims["kubernetes.io"]["pod"] == {"name": "nginx", "uid": pod_uid}, claims
    assert claims["kubernetes.io"]["serviceaccount"] == {"name": "build-robot", "uid": sa_uid}, claims
    assert claims["sub"] == "system:serviceaccount:default:build-robot"
    st = token_review(kubectl.server, token)
    assert_authenticated(st, "build-robot", sa_uid)
    assert st["user"]["extra"]["authentication.kubernetes.io/pod-name"] == ["nginx"]
    assert st["user"]["extra"]["authentication.kubernetes.io/pod-uid"] == [pod_uid]

    # kubectl waits for the deletion after DELETE: it must return once the 1 s grace period has
    # ended and the pod is gone (a 404 GET ends the wait).
    p = kubectl("delete", "pod", "nginx", "--grace-period=1", timeout=45)
    assert p.stdout == 'pod "nginx" deleted\n', p.stdout
    st = token_review(kubectl.server, token)
    assert st.get("authenticated") is not True, st
    assert st["error"] == INVALIDATED, st

    p = kubectl("get", "pods")
    assert p.stdout == "", p.stdout
    assert p.stderr == "No resources found in default namespace.\n", p.stderr

    p = kubectl("delete", "sa", "build-robot", timeout=45)
    assert p.stdout == 'serviceaccount "build-robot" deleted\n'


def test_auth_whoami_with_minted_token(kubectl_tls):
    kubectl = kubectl_tls
    kubectl("create", "serviceaccount", "build-robot")
    uid = kubectl.json("get", "sa", "build-robot")["metadata"]["uid"]
    token = token_from(kubectl("create", "token", "build-robot"))
    claims = verified_claims(kubectl.server, token, None)

    rows = whoami_rows(kubectl("auth", "whoami", "--token", token).stdout)
    assert rows["Username"] == "system:serviceaccount:default:build-robot", rows
    assert rows["UID"] == uid, rows
    assert rows["Groups"] == "[" + " ".join(SA_GROUPS) + "]", rows
    assert rows["Extra: authentication.kubernetes.io/credential-id"] == f"[JTI={claims['jti']}]", rows

    # -o json: the SelfSubjectReview itself.
    ssr = json.loads(kubectl("auth", "whoami", "--token", token, "-o", "json").stdout)
    assert ssr["kind"] == "SelfSubjectReview", ssr
    assert ssr["status"]["userInfo"]["username"] == "system:serviceaccount:default:build-robot", ssr

    # The kubeconfig's own (admin) token.
    rows = whoami_rows(kubectl("auth", "whoami").stdout)
    assert rows["Username"] == "kubemint-admin", rows
    assert "system:authenticated" in rows["Groups"], rows


def test_auth_whoami_rejected_token(kubectl_tls):
    kubectl = kubectl_tls
    kubectl("create", "serviceaccount", "build-robot")
    token = token_from(kubectl("create", "token", "build-robot", "--audience", "vault"))
    # A token for another audience is not an API credential: 401, which kubectl prints as usual.
    p = kubectl("auth", "whoami", "--token", token, check=False)
    assert p.returncode == 1, p
    assert p.stdout == ""
    assert p.stderr.splitlines()[-1] == "error: You must be logged in to the server (Unauthorized)", p.stderr


def test_errors_for_missing_serviceaccount(kubectl):
    p = kubectl("create", "token", "nope", check=False)
    assert p.returncode == 1, p
    assert p.stdout == ""
    assert p.stderr == 'error: failed to create token: serviceaccounts "nope" not found\n'

    p = kubectl("get", "sa", "nope", check=False)
    assert p.returncode == 1, p
    assert p.stdout == ""
    assert p.stderr == 'Error from server (NotFound): serviceaccounts "nope" not found\n'


@pytest.mark.parametrize("command", [
    ("create", "serviceaccount", "build-robot"),
    ("create", "token", "default"),
    ("auth", "whoami"),
    ("auth", "can-i", "get", "pods"),
], ids=["create-sa", "create-token", "whoami", "can-i"])
def test_request_body_encoding(kubectl_tls, command):
    """The tests above exercise kubemint's protobuf decoder and encoder with 1.32/1.33 and JSON with
    1.30 (docs/kubernetes-behaviour.md §9.1, §25.3): kubectl's own -v=8 request log says which body
    it sent and what came back — 1.32/1.33 accept protobuf first and get it."""
    kubectl = kubectl_tls
    p = kubectl(*command, "-v=8")
    expected = "application/json" if kubectl.version == "1.30" else "application/vnd.kubernetes.protobuf"
    log = p.stderr.splitlines()
    # 1.32 logs `] POST https://…` then `    Content-Type: …` lines; 1.33 a structured
    # `"Request" verb="POST"` block. Either way: the request's Content-Type, then the response's.
    post = next((i for i, l in enumerate(log) if "] POST https://" in l or 'verb="POST"' in l), None)
    assert post is not None, f"kubectl sent no POST:\n{p.stderr}"
    sent = [l[l.index("Content-Type:"):].strip() for l in log[post:] if "Content-Type:" in l]
    assert sent[:2] == [f"Content-Type: {expected}", f"Content-Type: {expected}"], p.stderr
    if command[1] == "serviceaccount":
        assert p.stdout == "serviceaccount/build-robot created\n"
    elif command[1] == "token":
        assert re.fullmatch(r"[\w-]+\.[\w-]+\.[\w-]+", p.stdout), p.stdout
    elif command[1] == "can-i":
        assert p.stdout == "yes\n", p.stdout
    else:
        assert whoami_rows(p.stdout)["Username"] == "kubemint-admin", p.stdout


def test_version(kubectl):
    v = json.loads(kubectl("version", "-o", "json").stdout)
    assert v["serverVersion"]["gitVersion"] == "v1.36.0", v  # the newest release kubemint emulates
    assert (v["serverVersion"]["major"], v["serverVersion"]["minor"]) == ("1", "36"), v
    assert v["clientVersion"]["gitVersion"].startswith(f"v{kubectl.version}."), v


def test_create_f_default_validation_reads_openapi_v3(kubectl_http, tmp_path):
    """`create -f` with the default --validate=strict asks /openapi/v3 whether the server does field
    validation (docs/kubernetes-behaviour.md §9.4); kubemint says yes, so kubectl never falls back to
    /openapi/v2 (protobuf) and sends fieldValidation=Strict."""
    kubectl = kubectl_http
    kubectl("create", "serviceaccount", "build-robot")
    p = kubectl("create", "-f", POD_MANIFEST, "-v=6")
    assert p.stdout == "pod/nginx created\n", p.stdout
    calls = requests_logged(p.stderr)
    openapi = [(m, path, code) for m, path, code in calls if path.startswith("/openapi")]
    assert [(m, re.sub(r"hash=[0-9A-F]{128}&", "hash=H&", path), code) for m, path, code in openapi] == [
        ("GET", "/openapi/v3?timeout=32s", "200"), ("GET", "/openapi/v3/api/v1?hash=H&timeout=32s", "200")], p.stderr
    assert calls[-1] == ("POST", "/api/v1/namespaces/default/pods?fieldManager=kubectl-create"
                         "&fieldValidation=Strict", "201"), p.stderr


def requests_logged(stderr: str) -> list[tuple[str, str, str]]:
    """(method, path, status code) of each request in kubectl's -v=6 log: 1.30/1.32 print
    `GET http://h/p 200 OK in 1 milliseconds`, 1.33 `"Response" verb="GET" url="http://h/p" status="200 OK"`."""
    calls = []
    for line in stderr.splitlines():
        m = (re.search(r"\] (GET|POST|DELETE) https?://[^/\s]+(\S*) (\d{3}) ", line)
             or re.search(r'"Response" verb="(\w+)" url="https?://[^/"]+([^"]*)" status="(\d{3})', line))
        if m:
            calls.append(m.groups())
    return calls


def test_create_f_strict_validation_rejects_unknown_field(kubectl_http, tmp_path):
    """kubemint's /openapi/v3 tells kubectl the server validates fields, so kubectl skips its own
    schema check and sends fieldValidation=Strict: the apiserver then answers 400 for an unknown
    field (docs/kubernetes-behaviour.md §17). If kubemint accepted it, nobody would have validated
    the manifest at all."""
    kubectl = kubectl_http
    kubectl("create", "serviceaccount", "build-robot")
    bad = tmp_path / "pod-unknown-field.yaml"
    bad.write_text(POD_MANIFEST.read_text().replace(
        "  serviceAccountName: build-robot\n", "  serviceAccountName: build-robot\n  bogusField: 1\n"))
    p = kubectl("create", "-f", bad, check=False)
    assert p.returncode == 1 and p.stdout == "", (p.stdout, p.stderr)
    assert p.stderr == (
        f'Error from server (BadRequest): error when creating "{bad}": Pod in version "v1" cannot be '
        'handled as a Pod: strict decoding error: unknown field "spec.bogusField"\n'), p.stderr

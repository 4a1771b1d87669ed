#!/usr/bin/env python3
"""Capture the request bodies real kubectl binaries send, for kubemint's protobuf decoder tests.

Starts a tiny HTTP server on 127.0.0.1 (a free port), writes a kubeconfig pointing at it, runs a
fixed list of kubectl commands against it and records every request (method, path, headers, body)
under the output directory:

    OUT/<kubectl>/<NN>-<command-label>.json   method, path, headers, body length, sha256
    OUT/<kubectl>/<NN>-<command-label>.bin    the raw request body

The server answers the three create calls with minimal plausible JSON (201) and everything else
with a 404 Status. Nothing leaves the machine.

Usage: scripts/capture-kubectl-protobuf.py [--out DIR] [--kubectl PATH]...
Default kubectl binaries: /usr/lib/google-cloud-sdk/bin/kubectl.1.31 (sends JSON: the reference),
kubectl.1.32 and kubectl.1.33 (send protobuf).
"""

import argparse
import hashlib
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading

DEFAULT_KUBECTLS = [
    "/usr/lib/google-cloud-sdk/bin/kubectl.1.31",  # JSON bodies: the reference the protobuf decoding must match
    "/usr/lib/google-cloud-sdk/bin/kubectl.1.32",
    "/usr/lib/google-cloud-sdk/bin/kubectl.1.33",
]

BOUND_UID = "0d3bd3a6-5c7c-4f57-9a1b-3f0e8a8b7c11"

# (label, kubectl arguments)
COMMANDS = [
    ("create-token-default", ["create", "token", "default", "-n", "default"]),
    (
        "create-token-bound",
        [
            "create", "token", "default", "-n", "default",
            "--audience", "a", "--audience", "b", "--duration", "1h",
            "--bound-object-kind", "Pod", "--bound-object-name", "web-0",
            "--bound-object-uid", BOUND_UID,
        ],
    ),
    ("create-serviceaccount", ["create", "serviceaccount", "build-robot"]),
    ("auth-whoami", ["auth", "whoami"]),
]

FAKE_JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImNhcHR1cmUifQ.eyJzdWIiOiJjYXB0dXJlIn0.c2ln"


def reply_for(method, path):
    """The (code, JSON object) the capture server answers with."""
    if method == "POST" and re.fullmatch(r"/api/v1/namespaces/[^/]+/serviceaccounts/[^/]+/token", path):
        return 201, {
            "kind": "TokenRequest",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"name": path.split("/")[-2], "namespace": path.split("/")[4],
                         "creationTimestamp": None},
            "spec": {"audiences": ["https://kubernetes.default.svc"], "expirationSeconds": 3600,
                     "boundObjectRef": None},
            "status": {"token": FAKE_JWT, "expirationTimestamp": "2030-01-01T00:00:00Z"},
        }
    if method == "POST" and re.fullmatch(r"/api/v1/namespaces/[^/]+/serviceaccounts", path):
        return 201, {
            "kind": "ServiceAccount",
            "apiVersion": "v1",
            "metadata": {"name": "build-robot", "namespace": path.split("/")[4],
                         "uid": "11111111-2222-3333-4444-555555555555", "resourceVersion": "1",
                         "creationTimestamp": "2030-01-01T00:00:00Z"},
        }
    if method == "POST" and path == "/apis/authentication.k8s.io/v1/selfsubjectreviews":
        return 201, {
            "kind": "SelfSubjectReview",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"creationTimestamp": "2030-01-01T00:00:00Z"},
            "status": {"userInfo": {"username": "capture", "groups": ["system:authenticated"]}},
        }
    return 404, {
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": "the server could not find the requested resource", "reason": "NotFound",
        "details": {}, "code": 404,
    }


class Recorder:
    """Collects requests; the handler appends, the driver reads after each command."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []

    def add(self, record):
        with self.lock:
            self.requests.append(record)

    def take(self):
        with self.lock:
            taken, self.requests = self.requests, []
            return taken


def make_handler(recorder):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = self.path.split("?", 1)[0]
            recorder.add({
                "method": self.command,
                "target": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body,
            })
            code, obj = reply_for(self.command, path)
            data = (json.dumps(obj, separators=(",", ":")) + "\n").encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        def log_message(self, fmt, *args):
            pass

    return Handler


KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- name: capture
  cluster:
    server: http://127.0.0.1:{port}
contexts:
- name: capture
  context:
    cluster: capture
    user: capture
    namespace: default
current-context: capture
users:
- name: capture
  user:
    token: capture-token
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="testdata/protobuf/captured")
    parser.add_argument("--kubectl", action="append", help="kubectl binary (repeatable)")
    args = parser.parse_args()
    kubectls = args.kubectl or DEFAULT_KUBECTLS

    recorder = Recorder()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(recorder))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()

    with tempfile.TemporaryDirectory() as home:
        kubeconfig = os.path.join(home, "config")
        with open(kubeconfig, "w") as f:
            f.write(KUBECONFIG.format(port=port))
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "KUBECONFIG": kubeconfig}
        for kubectl in kubectls:
            name = os.path.basename(kubectl)
            version = subprocess.run([kubectl, "version", "--client"], env=env,
                                     capture_output=True, text=True).stdout.strip()
            outdir = os.path.join(args.out, name)
            os.makedirs(outdir, exist_ok=True)
            print(f"== {name}: {version}")
            for label, argv in COMMANDS:
                proc = subprocess.run([kubectl, *argv], env=env, capture_output=True, text=True,
                                      timeout=60)
                print(f"  {label}: exit {proc.returncode}; stdout {proc.stdout.strip()[:60]!r}; "
                      f"stderr {proc.stderr.strip()[:120]!r}")
                for index, req in enumerate(recorder.take()):
                    stem = os.path.join(outdir, f"{label}-{index:02d}")
                    body = req.pop("body")
                    req["kubectl"] = name
                    req["kubectlVersion"] = version
                    req["command"] = ["kubectl", *argv]
                    req["bodyLength"] = len(body)
                    req["bodySha256"] = hashlib.sha256(body).hexdigest()
                    with open(stem + ".json", "w") as f:
                        json.dump(req, f, indent=2)
                        f.write("\n")
                    if body:
                        with open(stem + ".bin", "wb") as f:
                            f.write(body)
                    ctype = dict((k.lower(), v) for k, v in req["headers"]).get("content-type", "")
                    print(f"    {req['method']} {req['target']} ({len(body)} bytes, {ctype or '-'})")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

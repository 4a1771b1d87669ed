#!/usr/bin/env python3
"""The smoke scenario scripts/package-test runs inside a fresh Debian rootfs against an installed kubemint.

    scenario.py KUBEMINT_BINARY [--expect-version V]

Standard library only (it runs with Debian's python3, nothing else installed). Starts
`kubemint serve --tls --listen 127.0.0.1:0` in a temp dir, waits for /readyz, creates a service
account, mints a token for it with `kubemint create token` through the server, reviews it (TokenReview:
authenticated as the service account), deletes the service account and reviews again: the review must
fail with the apiserver's message. Exits non-zero, saying why, on any difference. Prints one line of
timings as JSON last: {"startToReadySeconds": ...}.
"""
import json
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


def fail(message: str) -> None:
    print(f"scenario: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


class Server:
    """A `kubemint serve --tls` on a free port, started and stopped by this script."""

    def __init__(self, binary: str, home: str) -> None:
        self.log_path = os.path.join(home, "serve.log")
        self.started = time.monotonic()
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [binary, "serve", "--tls", "--listen", "127.0.0.1:0", "--keys", os.path.join(home, "keys"),
                 "--kubeconfig", os.path.join(home, "kubeconfig")],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=home)
        printed = self._wait_for_banner()
        self.url, self.ca, self.kubeconfig = printed["issuer"], printed["ca"], printed["kubeconfig"]
        self.tls = ssl.create_default_context(cafile=self.ca)
        self._wait_ready()
        self.ready_seconds = time.monotonic() - self.started

    def log(self) -> str:
        with open(self.log_path) as f:
            return f.read()

    def _wait_for_banner(self) -> dict:
        deadline = time.monotonic() + 30
        while True:
            printed = {}
            for line in self.log().splitlines():
                key, colon, value = line.partition(":")
                if colon and " " not in key:
                    printed[key] = value.strip()
            if "auth" in printed:
                return printed
            if self.proc.poll() is not None or time.monotonic() > deadline:
                fail("kubemint serve did not start:\n" + self.log())
            time.sleep(0.005)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(self.url + "/readyz", context=self.tls, timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                fail("/readyz never answered 200:\n" + self.log())
            time.sleep(0.005)

    def call(self, method: str, path: str, body: "dict | None" = None) -> "tuple[int, dict]":
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, context=self.tls, timeout=10) as r:
                return r.status, json.load(r)
        except urllib.error.HTTPError as e:
            return e.code, json.load(e)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail("kubemint serve did not stop within 10 s of SIGTERM")
        if code != 0:
            fail(f"kubemint serve exited {code} after SIGTERM:\n{self.log()}")


def review(server: Server, token: str) -> dict:
    """TokenReview for the audience the token was minted for."""
    code, answer = server.call("POST", "/apis/authentication.k8s.io/v1/tokenreviews", {
        "apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview",
        "spec": {"token": token, "audiences": ["smoke"]}})
    if code != 201:
        fail(f"TokenReview answered {code}: {answer}")
    return answer["status"]


def main() -> None:
    binary = sys.argv[1]
    expect_version = sys.argv[sys.argv.index("--expect-version") + 1] if "--expect-version" in sys.argv else None
    version = subprocess.run([binary, "version", "-o", "json"], check=True, capture_output=True, text=True)
    info = json.loads(version.stdout)
    if expect_version and info["kubemint"] != expect_version:
        fail(f"kubemint version says {info['kubemint']}, expected {expect_version}")
    print(f"scenario: {binary}: kubemint {info['kubemint']}, {info['openssl']}")

    with tempfile.TemporaryDirectory() as home:
        server = Server(binary, home)
        try:
            code, created = server.call("POST", "/api/v1/namespaces/default/serviceaccounts",
                                        {"apiVersion": "v1", "kind": "ServiceAccount",
                                         "metadata": {"name": "robot"}})
            if code != 201:
                fail(f"creating serviceaccount robot answered {code}: {created}")
            minted = subprocess.run([binary, "create", "token", "robot", "-n", "default", "--audience", "smoke",
                                     "--kubeconfig", server.kubeconfig], capture_output=True, text=True)
            if minted.returncode != 0:
                fail(f"kubemint create token failed: {minted.stderr}")
            token = minted.stdout.strip()
            first = review(server, token)
            if not first.get("authenticated") or first["user"]["username"] != "system:serviceaccount:default:robot":
                fail(f"the fresh token did not authenticate as robot: {first}")
            code, deleted = server.call("DELETE", "/api/v1/namespaces/default/serviceaccounts/robot")
            if code != 200:
                fail(f"deleting serviceaccount robot answered {code}: {deleted}")
            second = review(server, token)
            want = '[invalid bearer token, serviceaccounts "robot" not found]'
            if second.get("authenticated") or second.get("error") != want:
                fail(f"after deleting robot the review said {second}, expected error {want!r}")
            print("scenario: minted, reviewed, deleted the service account, review refused: " + want)
        finally:
            server.stop()
        print(json.dumps({"startToReadySeconds": round(server.ready_seconds, 4)}))


if __name__ == "__main__":
    main()

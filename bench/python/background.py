"""Background work for bench/run's event-loop rows: runs beside a wrk measurement and prints one
JSON line of what it did. Standard library only.

  background.py pods --port P --namespace NS --service-account SA --rate N --seconds S
      creates N pods per second, each with a projected service-account token volume, so that a
      server with --kubelet-dir mints and writes (and fsyncs) a volume per pod while wrk runs
  background.py rotate --port P --interval S --seconds S
      POSTs /kubemint/v1/keys/rotate (a new RSA 2048 signing key) every S seconds
  background.py watches --port P --count N --seconds S
      opens N watches of every namespace's pods (bookmarks allowed) and holds them open, unread
      after their first events, for S seconds: the idle informers a cluster's controllers keep
"""

import argparse
import http.client
import json
import socket
import sys
import time
import uuid


def pod(name, service_account):
    volume = {"name": "token", "projected": {"sources": [
        {"serviceAccountToken": {"path": "token", "expirationSeconds": 3607, "audience": "bench"}}]}}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
            "spec": {"serviceAccountName": service_account, "volumes": [volume],
                     "containers": [{"name": "c", "image": "nginx",
                                     "volumeMounts": [{"name": "token", "mountPath": "/var/run/secrets/tokens"}]}]}}


def paced(conn, seconds, interval, call):
    """Run call(i) every interval seconds for seconds; returns (done, failures, latencies)."""
    done = failures = 0
    latencies = []
    start = time.monotonic()
    while True:
        due = start + done * interval
        now = time.monotonic()
        if due - start >= seconds:
            break
        if due > now:
            time.sleep(due - now)
        t0 = time.monotonic()
        status = call(done)
        latencies.append(time.monotonic() - t0)
        if status >= 300:
            failures += 1
        done += 1
    return done, failures, latencies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["pods", "rotate", "watches"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--namespace", default="default")
    parser.add_argument("--service-account", default="default")
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    if args.mode == "watches":
        return hold_watches(args.port, args.count, args.seconds)
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
    run = uuid.uuid4().hex[:8]

    def post(path, body):
        conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        return response.status

    if args.mode == "pods":
        path = f"/api/v1/namespaces/{args.namespace}/pods"
        done, failures, latencies = paced(
            conn, args.seconds, 1 / args.rate, lambda i: post(path, pod(f"bench-{run}-{i}", args.service_account)))
    else:
        done, failures, latencies = paced(
            conn, args.seconds, args.interval, lambda i: post("/kubemint/v1/keys/rotate", {"type": "rsa"}))
    latencies.sort()
    print(json.dumps({"mode": args.mode, "calls": done, "failures": failures,
                      "max_call_seconds": latencies[-1] if latencies else None}))
    return 1 if failures else 0


def hold_watches(port, count, seconds):
    """Open `count` watches, check each answered 200, hold them for `seconds`, then close them."""
    start = time.monotonic()
    sockets, failures, slowest = [], 0, 0.0
    request = (f"GET /api/v1/pods?watch=true&allowWatchBookmarks=true HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               "Accept: application/json\r\n\r\n").encode()
    for _ in range(count):
        t0 = time.monotonic()
        s = socket.create_connection(("127.0.0.1", port), timeout=60)
        s.sendall(request)
        head = s.recv(4096)
        slowest = max(slowest, time.monotonic() - t0)
        if not head.startswith(b"HTTP/1.1 200"):
            failures += 1
        sockets.append(s)
    time.sleep(max(0.0, seconds - (time.monotonic() - start)))
    for s in sockets:
        s.close()
    print(json.dumps({"mode": "watches", "calls": count, "failures": failures, "max_call_seconds": slowest}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

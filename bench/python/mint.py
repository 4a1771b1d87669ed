"""PyJWT + cryptography minting the same RS256 pod-bound claims as kubemint's mint benchmark.

What a Python fixture would do: the key parsed once, then jwt.encode per token with a fresh
jti and times. Prints one JSON object like `kubemint-bench mint`.
usage: mint.py --key PEM --procs 1,2 --seconds S --runs R
"""

import argparse
import json
import multiprocessing as mp
import time
import uuid

import jwt
from cryptography.hazmat.primitives import serialization


def claims(now: int, jti: str) -> dict:
    return {
        "aud": ["https://kubernetes.default.svc.cluster.local"],
        "exp": now + 31_536_000,
        "iat": now,
        "iss": "https://kubernetes.default.svc.cluster.local",
        "jti": jti,
        "kubernetes.io": {
            "namespace": "payments",
            "node": {"name": "worker-3", "uid": "0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b0"},
            "pod": {"name": "checkout-api-7c9d8b6f4d-x2k8q", "uid": "b7c6a9f0-3e2d-4c1b-8a7f-6e5d4c3b2a10"},
            "serviceaccount": {"name": "checkout-api", "uid": "5d1e0c4e-8a51-4f0e-9c7c-2a6f9b1d3e11"},
            "warnafter": now + 3607,
        },
        "nbf": now,
        "sub": "system:serviceaccount:payments:checkout-api",
    }


_KEY = None


def _load(path: str) -> None:
    global _KEY
    with open(path, "rb") as f:
        _KEY = serialization.load_pem_private_key(f.read(), password=None)


def _mint_for(args) -> int:
    seconds, start_at = args
    while time.time() < start_at:
        time.sleep(0.001)
    deadline = time.perf_counter() + seconds
    cpu0 = time.process_time()
    n = 0
    while True:
        now = int(time.time())
        jwt.encode(claims(now, str(uuid.uuid4())), _KEY, algorithm="RS256", headers={"kid": "bench"})
        n += 1
        if time.perf_counter() >= deadline:
            return n, time.process_time() - cpu0


def rate(pool, procs: int, seconds: float) -> dict:
    """Tokens per wall-clock second (all processes), per CPU-second, and the CPU share got."""
    start_at = time.time() + 0.05
    t0 = time.perf_counter()
    results = pool.map(_mint_for, [(seconds, start_at)] * procs, chunksize=1)
    elapsed = time.perf_counter() - t0 - 0.05
    n = sum(r[0] for r in results)
    cpu = sum(r[1] for r in results)
    return {"wall": n / elapsed, "cpu": n / cpu, "utilization": cpu / (elapsed * procs)}


def sample(values):
    s = sorted(values)
    n = len(s)
    median = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
    return {"median": median, "min": s[0], "max": s[-1], "runs": values}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--procs", default="1")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=float, default=0.5)
    a = parser.parse_args()
    procs = [int(p) for p in a.procs.split(",")]
    results = {p: [] for p in procs}
    # One pool per process count, workers started (and the key loaded) before timing.
    pools = {p: mp.get_context("fork").Pool(p, initializer=_load, initargs=(a.key,)) for p in procs}
    for p in procs:
        rate(pools[p], p, a.warmup)
    for _ in range(a.runs):
        for p in procs:
            results[p].append(rate(pools[p], p, a.seconds))
    for pool in pools.values():
        pool.close()
        pool.join()
    out = {"library": f"PyJWT {jwt.__version__}", "algorithm": "RS256"}
    for p in procs:
        out[f"threads_{p}"] = {m: sample([r[m] for r in results[p]]) for m in ("wall", "cpu", "utilization")}
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()

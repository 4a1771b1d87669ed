"""Helpers the interop tests share: running the kubemint CLI and openssl, JOSE plumbing.

Everything here is written from the RFCs (7515 JWS, 7517 JWK, 7518 ES256 r||s) and the Kubernetes
key-id rule (base64url(sha256(DER SubjectPublicKeyInfo))), not from kubemint's code: the point is
to check kubemint with tools and code nobody on the project wrote.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
B64URL_RE = re.compile(r"^[A-Za-z0-9_-]*$")
DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local"


# --- base64url -----------------------------------------------------------------------------------

def in_ci() -> bool:
    """True when the suite runs as CI (CI=true, as .ci/run and GitHub Actions set it)."""
    return os.environ.get("CI", "").lower() == "true"


def require(available: object, what: str, install: str) -> None:
    """A test's outside dependency (a client, a browser, a kernel feature): when it is missing the test
    skips on a workstation and FAILS under CI, naming what is missing and how to install it, because
    .ci/run must provide every client the suite drives."""
    if available:
        return
    import pytest
    message = f"{what} is missing: {install}"
    if in_ci():
        pytest.fail(f"{message} (CI=true: .ci/run must install it)", pytrace=False)
    pytest.skip(message)


def terminate(proc: subprocess.Popen, timeout: float = 10) -> int:
    """SIGTERM a server process and wait for it (SIGKILL after `timeout` seconds); its exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)
    return proc.returncode


def b64url_decode(s: str) -> bytes:
    assert B64URL_RE.match(s), f"not unpadded base64url: {s[:40]!r}"
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b64url_encode(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode("ascii")


# --- compact JWS ---------------------------------------------------------------------------------

@dataclass
class JWS:
    token: str
    header_b64: str
    payload_b64: str
    sig_b64: str

    @property
    def signing_input(self) -> bytes:
        return f"{self.header_b64}.{self.payload_b64}".encode("ascii")

    @property
    def header_bytes(self) -> bytes:
        return b64url_decode(self.header_b64)

    @property
    def payload_bytes(self) -> bytes:
        return b64url_decode(self.payload_b64)

    @property
    def header(self) -> dict:
        return json.loads(self.header_bytes)

    @property
    def payload(self) -> dict:
        return json.loads(self.payload_bytes)

    @property
    def signature(self) -> bytes:
        return b64url_decode(self.sig_b64)


def split_jws(token: str) -> JWS:
    parts = token.split(".")
    assert len(parts) == 3, f"a compact JWS has 3 parts, got {len(parts)}: {token[:60]!r}"
    for p in parts:
        assert B64URL_RE.match(p), f"part is not unpadded base64url: {p[:40]!r}"
    return JWS(token, *parts)


def canonical_json(obj) -> bytes:
    """What go-jose/encoding/json writes for a map: keys sorted at every level, no spaces."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# --- ES256: JOSE r||s <-> ASN.1 DER (RFC 7518 §3.4 vs. X9.62) --------------------------------------

def _der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def _der_int(v: bytes) -> bytes:
    v = v.lstrip(b"\x00") or b"\x00"
    if v[0] & 0x80:
        v = b"\x00" + v
    return b"\x02" + _der_len(len(v)) + v


def jose_es256_to_der(sig: bytes) -> bytes:
    """64-byte r||s (JOSE) -> DER SEQUENCE { INTEGER r, INTEGER s } (what openssl dgst wants)."""
    assert len(sig) == 64, f"ES256 JOSE signature must be 64 bytes (r||s), got {len(sig)}"
    body = _der_int(sig[:32]) + _der_int(sig[32:])
    return b"\x30" + _der_len(len(body)) + body


# --- subprocesses ----------------------------------------------------------------------------------

def run(argv, *, input: bytes | str | None = None, check: bool = True, timeout: float = 120,
        cwd: str | os.PathLike | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a command, capturing text stdout/stderr; on check, fail with both streams shown."""
    if isinstance(input, bytes):
        input = input.decode()
    p = subprocess.run([str(a) for a in argv], input=input if input is not None else "",
                       capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)
    if check and p.returncode != 0:
        raise AssertionError(
            f"command failed (exit {p.returncode}): {' '.join(map(str, argv))}\n"
            f"--- stdout ---\n{p.stdout}\n--- stderr ---\n{p.stderr}")
    return p


def openssl(*args, input: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """openssl with binary stdin/stdout."""
    p = subprocess.run(["openssl", *map(str, args)], input=input or b"", capture_output=True,
                       timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"openssl {' '.join(map(str, args))} failed (exit {p.returncode}):\n"
                             f"{p.stdout.decode(errors='replace')}{p.stderr.decode(errors='replace')}")
    return p


def openssl_kid(key_path: Path, *, public: bool = False) -> str:
    """The Kubernetes key id computed from openssl's DER SubjectPublicKeyInfo output."""
    args = ["pkey", "-in", key_path, "-pubout", "-outform", "DER"]
    if public:
        args.insert(1, "-pubin")
    der = openssl(*args).stdout
    assert der[0] == 0x30, "openssl did not print DER"
    return b64url_encode(hashlib.sha256(der).digest())


def openssl_public_pem(key_path: Path, out: Path) -> Path:
    openssl("pkey", "-in", key_path, "-pubout", "-out", out)
    return out


def openssl_verify(pub_pem: Path, jws: JWS, workdir: Path) -> subprocess.CompletedProcess:
    """`openssl dgst -sha256 -verify pub.pem -signature sig.bin` over header.payload.

    ES256 signatures are converted from JOSE r||s to DER first, as openssl expects DER."""
    alg = jws.header["alg"]
    sig = jws.signature
    if alg == "ES256":
        sig = jose_es256_to_der(sig)
    elif alg != "RS256":
        raise AssertionError(f"unexpected alg {alg}")
    data = workdir / "signing-input.txt"
    sigf = workdir / "sig.bin"
    data.write_bytes(jws.signing_input)
    sigf.write_bytes(sig)
    return openssl("dgst", "-sha256", "-verify", pub_pem, "-signature", sigf, data, check=False)


def stderr_one_line(p: subprocess.CompletedProcess) -> str:
    """Errors are one line on stderr (issue 2): return it, failing if there are more or none. The one
    notice a first use prints before it (a new key store, issue 17) is not an error line."""
    lines = [l for l in p.stderr.splitlines() if l.strip() and not l.startswith("kubemint: created key store ")]
    assert len(lines) == 1, f"expected exactly one error line on stderr, got {len(lines)}:\n{p.stderr}"
    return lines[0]

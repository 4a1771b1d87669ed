"""KEP-740's ExternalJWTSigner (docs/kubernetes-behaviour.md §22), driven by Python grpcio — a gRPC
client nobody here wrote — with stubs compiled in the test from the project's proto/externaljwt
files by grpc_tools.protoc. Tokens are assembled from claims shaped as kube-apiserver sends them and
verified with PyJWT against FetchKeys' keys and against kubemint's own JWKS and discovery."""

from __future__ import annotations

import importlib
import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import jwt
import pytest
import requests

from conftest import REPO
from interop_helpers import b64url_decode, b64url_encode, require, run, terminate
from kubemint_server import start_server

try:
    import grpc
    from grpc_tools import protoc
except ImportError:  # pragma: no cover - reported by require() below
    grpc = protoc = None

from cryptography.hazmat.primitives.serialization import load_der_public_key

PACKAGES = ("v1", "v1alpha1")
RPC_TIMEOUT = 10


@pytest.fixture(scope="module")
def stubs(tmp_path_factory):
    """{package: (api_pb2, api_pb2_grpc)} compiled from proto/externaljwt/<package>/api.proto."""
    require(grpc and protoc, "grpcio/grpcio-tools", "pip install -r Tests/interop/requirements.txt")
    out = tmp_path_factory.mktemp("externaljwt-stubs")
    well_known = Path(protoc.__file__).parent / "_proto"
    for package in PACKAGES:
        rc = protoc.main(["grpc_tools.protoc", f"-I{REPO / 'proto' / 'externaljwt'}", f"-I{well_known}",
                          f"--python_out={out}", f"--grpc_python_out={out}", f"{package}/api.proto"])
        assert rc == 0, f"protoc failed for {package}/api.proto"
    sys.path.insert(0, str(out))
    try:
        return {p: (importlib.import_module(f"{p}.api_pb2"), importlib.import_module(f"{p}.api_pb2_grpc"))
                for p in PACKAGES}
    finally:
        sys.path.remove(str(out))


def apiserver_claims(issuer: str, audience: str, lifetime: int = 3600) -> dict:
    """A bound token's payload as kube-apiserver's serviceaccount.Claims() builds it."""
    now = int(time.time())
    return {
        "aud": [audience], "exp": now + lifetime, "iat": now, "iss": issuer, "jti": str(uuid.uuid4()),
        "kubernetes.io": {
            "namespace": "default",
            "node": {"name": "kind-control-plane", "uid": str(uuid.uuid4())},
            "pod": {"name": "web-0", "uid": str(uuid.uuid4())},
            "serviceaccount": {"name": "default", "uid": str(uuid.uuid4())},
        },
        "nbf": now, "sub": "system:serviceaccount:default:default",
    }


def encode_claims(claims: dict) -> str:
    return b64url_encode(json.dumps(claims, separators=(",", ":")).encode())


class Signer:
    """A `kubemint signer` process."""

    def __init__(self, kubemint_bin: str, sock: str, keys: Path, *extra: str):
        self.sock = sock
        self.proc = subprocess.Popen([kubemint_bin, "signer", "--socket", sock, "--keys", str(keys), *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     stdin=subprocess.DEVNULL)
        self.output: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()
        deadline = time.monotonic() + 30
        while not any(line.startswith("signer:") for line in self.output):
            assert self.proc.poll() is None, f"kubemint signer exited {self.proc.returncode}:\n{self.log()}"
            assert time.monotonic() < deadline, f"kubemint signer did not start:\n{self.log()}"
            time.sleep(0.05)

    def _pump(self):
        for line in iter(self.proc.stdout.readline, ""):
            self.output.append(line)

    def log(self) -> str:
        return "".join(self.output)

    def stop(self) -> int:
        return terminate(self.proc)


def target(sock: str) -> str:
    return f"unix-abstract:{sock[1:]}" if sock.startswith("@") else f"unix://{sock}"


def fetch_keys(stubs, channel, package="v1"):
    pb2, grpc_pb2 = stubs[package]
    return grpc_pb2.ExternalJWTSignerStub(channel).FetchKeys(pb2.FetchKeysRequest(), timeout=RPC_TIMEOUT)


def sign(stubs, channel, claims: str, package="v1") -> str:
    pb2, grpc_pb2 = stubs[package]
    response = grpc_pb2.ExternalJWTSignerStub(channel).Sign(pb2.SignJWTRequest(claims=claims), timeout=RPC_TIMEOUT)
    return f"{response.header}.{claims}.{response.signature}"


def verify_with_fetch_keys(token: str, keys_response, audience: str) -> dict:
    """What the apiserver does with FetchKeys' answer: the key by kid, PKIX DER, then the signature."""
    kid = jwt.get_unverified_header(token)["kid"]
    matching = [k for k in keys_response.keys if k.key_id == kid]
    assert len(matching) == 1, f"kid {kid} not in FetchKeys: {[k.key_id for k in keys_response.keys]}"
    public_key = load_der_public_key(matching[0].key)
    return jwt.decode(token, public_key, algorithms=["RS256", "ES256"], audience=audience)


def test_standalone_signer_signs_lists_keys_and_follows_rotation(kubemint_bin, stubs, store, tmp_path):
    sock = str(tmp_path / "signer.sock")
    signer = Signer(kubemint_bin, sock, store, "--signer-refresh-hint", "45s", "--signer-max-token-expiration", "2h")
    try:
        assert stat.S_IMODE(os.stat(sock).st_mode) == 0o600
        with grpc.insecure_channel(target(sock)) as channel:
            for package in PACKAGES:
                pb2, grpc_pb2 = stubs[package]
                stub = grpc_pb2.ExternalJWTSignerStub(channel)
                assert stub.Metadata(pb2.MetadataRequest(), timeout=RPC_TIMEOUT).max_token_expiration_seconds == 7200

                keys = fetch_keys(stubs, channel, package)
                assert keys.refresh_hint_seconds == 45
                assert abs(keys.data_timestamp.seconds - time.time()) < 300
                assert [k.exclude_from_oidc_discovery for k in keys.keys] == [False]
                kid = keys.keys[0].key_id

                claims = apiserver_claims("https://kubernetes.default.svc.cluster.local", "https://kubernetes.default.svc")
                token = sign(stubs, channel, encode_claims(claims), package)
                assert json.loads(b64url_decode(token.split(".")[0])) == {"alg": "RS256", "kid": kid, "typ": "JWT"}
                assert verify_with_fetch_keys(token, keys, "https://kubernetes.default.svc") == claims

                # kubemint's own JWKS for the store verifies it too.
                jwks = json.loads(run([kubemint_bin, "keys", "jwks", "--keys", store]).stdout)
                jwk, = [k for k in jwks["keys"] if k["kid"] == kid]
                jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["RS256"], audience="https://kubernetes.default.svc")

            # A rotation through the key store shows at the next call: new kid signs (ES256), both listed.
            before = fetch_keys(stubs, channel)
            old_kid = before.keys[0].key_id
            new_kid = run([kubemint_bin, "keys", "rotate", "--type", "ec", "--keys", store]).stdout.strip()
            claims = apiserver_claims("https://issuer.example", "vault")
            token = sign(stubs, channel, encode_claims(claims), "v1alpha1")
            assert jwt.get_unverified_header(token) == {"alg": "ES256", "kid": new_kid, "typ": "JWT"}
            after = fetch_keys(stubs, channel)
            assert [k.key_id for k in after.keys] == [new_kid, old_kid]
            assert (after.data_timestamp.seconds, after.data_timestamp.nanos) >= \
                (before.data_timestamp.seconds, before.data_timestamp.nanos)
            assert verify_with_fetch_keys(token, after, "vault") == claims

            # Retirement: the old key is gone at the next call.
            run([kubemint_bin, "keys", "retire", "--keys", store, "--", old_kid])
            assert [k.key_id for k in fetch_keys(stubs, channel).keys] == [new_kid]
    finally:
        code = signer.stop()
    assert code == 0, signer.log()
    assert not os.path.exists(sock), "the socket file outlived the signer"


def test_bad_requests_get_grpc_statuses_and_the_signer_keeps_answering(kubemint_bin, stubs, store, tmp_path):
    sock = str(tmp_path / "signer.sock")
    # A socket file left by a crashed run is replaced.
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(sock)
    leftover.close()
    signer = Signer(kubemint_bin, sock, store)
    try:
        with grpc.insecure_channel(target(sock)) as channel:
            pb2, grpc_pb2 = stubs["v1"]
            stub = grpc_pb2.ExternalJWTSignerStub(channel)
            for claims, says in [("", "claims is empty"), ("eyJh+joxfQ", "base64url alphabet"),
                                 ("eyJhIjoxfQ==", "padding"), (b64url_encode(b"not json"), "JSON"),
                                 ("A" * 100_000, "more than the 65536")]:
                with pytest.raises(grpc.RpcError) as caught:
                    stub.Sign(pb2.SignJWTRequest(claims=claims), timeout=RPC_TIMEOUT)
                assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, claims[:20]
                assert says in caught.value.details()

            raw = lambda path: channel.unary_unary(path, request_serializer=lambda b: b,
                                                   response_deserializer=lambda b: b)
            with pytest.raises(grpc.RpcError) as caught:
                raw("/v1.ExternalJWTSigner/Sign")(b"\x0a\x05ab", timeout=RPC_TIMEOUT)  # truncated string
            assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            with pytest.raises(grpc.RpcError) as caught:
                raw("/v1.ExternalJWTSigner/Sign")(b"\x0a" + b"\x80" * 8, timeout=RPC_TIMEOUT)
            assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            with pytest.raises(grpc.RpcError) as caught:
                raw("/v1.ExternalJWTSigner/Sign")(b"\x0a" + b"x" * (5 * 1024 * 1024), timeout=RPC_TIMEOUT)
            assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            for path, says in [("/v1.ExternalJWTSigner/Verify", "unknown method Verify"),
                               ("/v2.ExternalJWTSigner/Sign", "unknown service v2.ExternalJWTSigner")]:
                with pytest.raises(grpc.RpcError) as caught:
                    raw(path)(b"", timeout=RPC_TIMEOUT)
                assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED
                assert says in caught.value.details()

        # Not HTTP/2 at all: that connection is closed; the server goes on.
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as garbage:
            garbage.settimeout(10)
            garbage.connect(sock)
            garbage.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" + os.urandom(4096))
            try:
                while garbage.recv(4096):  # a GOAWAY may come first; then end of stream, or a reset
                    pass
            except ConnectionResetError:
                pass

        with grpc.insecure_channel(target(sock)) as channel:
            pb2, grpc_pb2 = stubs["v1alpha1"]
            stub = grpc_pb2.ExternalJWTSignerStub(channel)
            answer = stub.Metadata(pb2.MetadataRequest(), timeout=RPC_TIMEOUT)
            assert answer.max_token_expiration_seconds == 86400
            # Many calls at once on one connection, as a busy apiserver makes them: all answered, all valid.
            keys = fetch_keys(stubs, channel, "v1alpha1")
            claims = [encode_claims(apiserver_claims("https://i", f"aud-{n}")) for n in range(24)]
            calls = [stub.Sign.future(pb2.SignJWTRequest(claims=c), timeout=RPC_TIMEOUT) for c in claims]
            for n, (c, call) in enumerate(zip(claims, calls)):
                response = call.result()
                verify_with_fetch_keys(f"{response.header}.{c}.{response.signature}", keys, f"aud-{n}")
    finally:
        assert signer.stop() == 0, signer.log()


def test_a_max_token_expiration_under_ten_minutes_is_refused_at_start(kubemint_bin, store, tmp_path):
    sock = tmp_path / "signer.sock"
    p = run([kubemint_bin, "signer", "--socket", sock, "--keys", store, "--signer-max-token-expiration", "599s"],
            check=False, timeout=30)
    assert p.returncode == 1
    assert "--signer-max-token-expiration 599s" in p.stderr and "at least 600s" in p.stderr
    assert not sock.exists()


def test_serve_signer_socket_shares_the_servers_keys(kubemint_bin, stubs, tmp_path):
    sock = f"@kubemint-test-{uuid.uuid4().hex[:12]}"
    server = start_server(kubemint_bin, tmp_path / "serve", "--signer-socket", sock)
    try:
        assert f"signer:     unix:{sock}" in server.log()
        discovery = server.get("/.well-known/openid-configuration").json()
        issuer = discovery["issuer"]
        with grpc.insecure_channel(target(sock)) as channel:
            claims = apiserver_claims(issuer, "sts.amazonaws.com")
            token = sign(stubs, channel, encode_claims(claims))
            # A relying party: discovery -> jwks_uri -> key by kid -> signature and claims.
            jwks = requests.get(discovery["jwks_uri"], verify=server.ca, timeout=10).json()
            kid = jwt.get_unverified_header(token)["kid"]
            jwk, = [k for k in jwks["keys"] if k["kid"] == kid]
            assert jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=[jwk["alg"]], audience="sts.amazonaws.com",
                              issuer=issuer) == claims

            # A rotation through the control API shows at the signer's next call.
            kc = ["--kubeconfig", server.kubeconfig]
            new_kid = run([kubemint_bin, "keys", "rotate", "--type", "ec", *kc]).stdout.strip()
            assert [k.key_id for k in fetch_keys(stubs, channel, "v1alpha1").keys] == [new_kid, kid]
            rotated = sign(stubs, channel, encode_claims(claims), "v1alpha1")
            assert jwt.get_unverified_header(rotated)["kid"] == new_kid
            jwks = requests.get(discovery["jwks_uri"], verify=server.ca, timeout=10).json()
            jwk, = [k for k in jwks["keys"] if k["kid"] == new_kid]
            jwt.decode(rotated, jwt.PyJWK(jwk).key, algorithms=["ES256"], audience="sts.amazonaws.com")
    finally:
        assert server.stop() == 0, server.log()

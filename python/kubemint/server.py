"""A running `kubemint serve`, started from Python, and the calls a test makes to it: objects,
TokenRequest, TokenReview, the clock, the keys and deliberately defective tokens. Every call goes
through the server's real HTTP API (see the kubemint README, "The server's endpoints")."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Union

from . import _process
from ._binary import binary_path
from ._http import Client
from .errors import KubemintAPIError, KubemintStartError

START_TIMEOUT = 30.0
Duration = Union[int, float, dt.timedelta]
PathLike = Union[str, "os.PathLike[str]"]
_BANNER_KEYS = ("issuer", "discovery", "jwks", "console", "kubeconfig", "ca", "kubelet", "auth")


def _go_duration(value: Union[str, Duration]) -> str:
    """'11m' as is; seconds (int/float) or a timedelta as a Go duration in seconds."""
    if isinstance(value, str):
        return value
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
    return f"{seconds:g}s" if seconds != int(seconds) else f"{int(seconds)}s"


def _seconds(value: Duration) -> int:
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else value
    if seconds != int(seconds) or seconds <= 0:
        raise ValueError(f"duration must be a positive whole number of seconds, got {value!r}")
    return int(seconds)


def _rfc3339(value: Union[str, dt.datetime]) -> str:
    if isinstance(value, str):
        return value
    if value.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone; use an aware datetime, e.g. tzinfo=timezone.utc")
    utc = value.astimezone(dt.timezone.utc)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S")
    if utc.microsecond:
        text += f".{utc.microsecond:06d}"
    return text + "Z"


def _clock_flag(clock: Union[str, dt.datetime]) -> str:
    """--clock's value: `real`, `fixed:…`, `offset:…` as given; a bare time (text or datetime) fixed."""
    if isinstance(clock, dt.datetime):
        return "fixed:" + _rfc3339(clock)
    if clock == "real" or clock.startswith(("fixed:", "offset:")):
        return clock
    return "fixed:" + clock


def parse_rfc3339(text: str) -> dt.datetime:
    """An RFC 3339 time such as 2025-01-01T00:00:00Z as an aware datetime (works on Python 3.9)."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)", text)
    if not m:
        raise ValueError(f"not an RFC 3339 time: {text!r}")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    micro = int((m.group(7) or "0")[:6].ljust(6, "0"))
    zone = m.group(8)
    tz = dt.timezone.utc
    if zone not in ("Z", "z"):
        sign = 1 if zone[0] == "+" else -1
        tz = dt.timezone(sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)


class Clock:
    """kubemint's clock (`/kubemint/v1/clock`): one clock drives minting, review and expiry."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def status(self) -> Dict[str, Any]:
        """The server's clock document: now, unix, mode (real, fixed, offset), offsetSeconds."""
        return self._client.request("GET", "/kubemint/v1/clock")

    def now(self) -> dt.datetime:
        """kubemint's current time (aware, UTC)."""
        return parse_rfc3339(str(self.status()["now"]))

    def set(self, when: Union[str, dt.datetime]) -> Dict[str, Any]:
        """Freeze the clock at `when` (RFC 3339 text or an aware datetime); returns the clock status."""
        return self._client.request("POST", "/kubemint/v1/clock", {"set": _rfc3339(when)})

    def advance(self, by: Union[str, Duration]) -> Dict[str, Any]:
        """Move the clock forward by `by`: seconds, a timedelta, or a Go duration such as '11m'."""
        return self._client.request("POST", "/kubemint/v1/clock", {"advance": _go_duration(by)})

    def real(self) -> Dict[str, Any]:
        """Back to the real time."""
        return self._client.request("POST", "/kubemint/v1/clock", {"mode": "real"})


class KubemintServer:
    """A `kubemint serve` this process started; stop it with `stop()` (or use it as a context
    manager). Build one with `KubemintServer.start(...)`."""

    def __init__(self, proc: subprocess.Popen[bytes], home: Path, log_path: Path, printed: Dict[str, str]) -> None:
        self.proc = proc
        self.home = home
        self.log_path = log_path
        self.printed = printed
        self.url: str = printed["url"]
        self.issuer: str = printed["issuer"]
        ca = printed.get("ca", "")
        self.ca_path: Optional[str] = ca if ca.startswith("/") else None
        kubeconfig = printed.get("kubeconfig", "")
        self.kubeconfig_path: Optional[str] = kubeconfig if kubeconfig.startswith("/") else None
        self.admin_token: Optional[str] = self._read_admin_token()
        self.client = Client(self.url, self.ca_path, self.admin_token)
        self.clock = Clock(self.client)

    # --- lifecycle ------------------------------------------------------------------------------

    @classmethod
    def start(cls, home: Optional[PathLike] = None, *, binary: Optional[str] = None, tls: bool = True,
              clock: Union[None, str, dt.datetime] = None, auth: Optional[str] = None,
              manifests: Sequence[PathLike] = (), kubelet_dir: Optional[PathLike] = None,
              issuer: Union[None, str, Sequence[str]] = None, listen: str = "127.0.0.1:0",
              extra_args: Sequence[str] = (), start_timeout: float = START_TIMEOUT,
              die_with_parent: bool = True) -> "KubemintServer":
        """Start `kubemint serve` in `home` (a new temporary directory if None) with its own key
        store (`home/keys`) and kubeconfig (`home/kubeconfig`); return once it printed its banner
        and /readyz answers 200. On failure, KubemintStartError with the server's output.

        `clock`: `fixed:<RFC 3339>`, `offset:<duration>`, `real`, or a bare RFC 3339 time (fixed);
        `auth`: `none` or `token`; `issuer`: one URL or several (the first signs);
        `extra_args`: more `kubemint serve` flags, passed as they are.
        """
        home_dir = Path(home) if home is not None else Path(tempfile.mkdtemp(prefix="kubemint."))
        home_dir.mkdir(parents=True, exist_ok=True)
        argv = [binary or binary_path(), "serve", "--listen", listen, "--keys", str(home_dir / "keys"),
                "--kubeconfig", str(home_dir / "kubeconfig")]
        if tls:
            argv.append("--tls")
        if clock is not None:
            argv += ["--clock", _clock_flag(clock)]
        if auth is not None:
            argv += ["--auth", auth]
        for manifest in manifests:
            argv += ["--manifests", os.fspath(manifest)]
        if kubelet_dir is not None:
            argv += ["--kubelet-dir", os.fspath(kubelet_dir)]
        for url in [issuer] if isinstance(issuer, str) else list(issuer or []):
            argv += ["--issuer", url]
        argv += list(extra_args)
        log_path = home_dir / "serve.log"
        with open(log_path, "wb") as log:
            proc = _process.spawn(argv, cwd=str(home_dir), output=log, die_with_parent=die_with_parent)
        try:
            printed = _wait_for_banner(proc, log_path, argv, start_timeout)
            server = cls(proc, home_dir, log_path, printed)
            server._wait_ready(start_timeout)
        except BaseException:
            _process.stop(proc)
            raise
        return server

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer yet"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise KubemintStartError(f"kubemint serve exited with {self.proc.returncode} before "
                                         "/readyz answered", self.log())
            try:
                code = self.client.status_code("/readyz")
                if code == 200:
                    return
                last = f"/readyz answered {code}"
            except OSError as error:
                last = f"/readyz: {error}"
            time.sleep(0.05)
        raise KubemintStartError(f"kubemint serve not ready after {timeout:g}s ({last})", self.log())

    def _read_admin_token(self) -> Optional[str]:
        if not self.kubeconfig_path:
            return None
        m = re.search(r"^\s+token:\s*(\S+)\s*$", Path(self.kubeconfig_path).read_text(), re.M)
        return m.group(1) if m else None

    def stop(self) -> Optional[int]:
        """SIGTERM, then SIGKILL after a timeout; returns the exit code. Safe to call twice."""
        return _process.stop(self.proc)

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self.proc.pid

    def log(self) -> str:
        """Everything the server printed so far (stdout and stderr)."""
        return self.log_path.read_text(errors="replace")

    def __enter__(self) -> "KubemintServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def discovery_url(self) -> str:
        """The OIDC discovery document's URL."""
        return self.url + "/.well-known/openid-configuration"

    @property
    def jwks_url(self) -> str:
        """The JWKS URL."""
        return self.url + "/openid/v1/jwks"

    def request(self, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """Any call to the server's API (admin credentials); KubemintAPIError on non-2xx."""
        return self.client.request(method, path, body)

    # --- core/v1 objects ------------------------------------------------------------------------

    def create_namespace(self, name: str) -> Dict[str, Any]:
        """Create a Namespace; returns the object the server stored."""
        return self.request("POST", "/api/v1/namespaces",
                            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})

    def delete_namespace(self, name: str) -> Dict[str, Any]:
        """Delete a Namespace."""
        return self.request("DELETE", f"/api/v1/namespaces/{name}")

    def create_service_account(self, name: str, namespace: str = "default") -> Dict[str, Any]:
        """Create a ServiceAccount; returns the stored object (with its uid)."""
        return self.request("POST", f"/api/v1/namespaces/{namespace}/serviceaccounts",
                            {"apiVersion": "v1", "kind": "ServiceAccount",
                             "metadata": {"name": name, "namespace": namespace}})

    def delete_service_account(self, name: str, namespace: str = "default") -> Dict[str, Any]:
        """Delete a ServiceAccount: its tokens fail review at once."""
        return self.request("DELETE", f"/api/v1/namespaces/{namespace}/serviceaccounts/{name}")

    def create_pod(self, name: str, namespace: str = "default", service_account: str = "default",
                   node_name: Optional[str] = None) -> Dict[str, Any]:
        """Create a Pod running as `service_account` (one container); returns the stored object."""
        spec: Dict[str, Any] = {"serviceAccountName": service_account,
                                "containers": [{"name": "app", "image": "registry.k8s.io/pause:3.10"}]}
        if node_name is not None:
            spec["nodeName"] = node_name
        return self.request("POST", f"/api/v1/namespaces/{namespace}/pods",
                            {"apiVersion": "v1", "kind": "Pod",
                             "metadata": {"name": name, "namespace": namespace}, "spec": spec})

    def delete_pod(self, name: str, namespace: str = "default",
                   grace_period_seconds: Optional[int] = 0) -> Dict[str, Any]:
        """Delete a Pod. With the default grace period 0 (`kubectl delete --grace-period=0 --force`) it
        is gone at once and tokens bound to it fail review at once; None uses the pod's own grace
        period (30 s unless its spec says otherwise): a scheduled pod then stays, terminating, until
        the period ends on kubemint's clock."""
        query = "" if grace_period_seconds is None else f"?gracePeriodSeconds={int(grace_period_seconds)}"
        return self.request("DELETE", f"/api/v1/namespaces/{namespace}/pods/{name}{query}")

    # --- tokens ---------------------------------------------------------------------------------

    def mint(self, service_account: str, namespace: str = "default",
             audiences: Union[None, str, Sequence[str]] = None, duration: Optional[Duration] = None,
             bound_pod: Optional[str] = None, bound_secret: Optional[str] = None,
             bound_node: Optional[str] = None, bound_uid: Optional[str] = None) -> str:
        """A token from the TokenRequest API, like `kubectl create token`. `duration`: seconds or a
        timedelta (expirationSeconds); `bound_pod`/`bound_secret`/`bound_node`: the object (by name,
        optionally `bound_uid`) the token is bound to."""
        return str(self.token_request(service_account, namespace, audiences, duration, bound_pod,
                                  bound_secret, bound_node, bound_uid)["status"]["token"])

    def token_request(self, service_account: str, namespace: str = "default",
                      audiences: Union[None, str, Sequence[str]] = None, duration: Optional[Duration] = None,
                      bound_pod: Optional[str] = None, bound_secret: Optional[str] = None,
                      bound_node: Optional[str] = None, bound_uid: Optional[str] = None) -> Dict[str, Any]:
        """The whole TokenRequest answer (status.token, status.expirationTimestamp) for `mint`'s arguments."""
        body = _token_request(audiences, duration, bound_pod, bound_secret, bound_node, bound_uid)
        return self.request("POST", f"/api/v1/namespaces/{namespace}/serviceaccounts/{service_account}/token", body)

    def defective_token(self, kind: str, service_account: str = "default", namespace: str = "default",
                        audiences: Union[None, str, Sequence[str]] = None, duration: Optional[Duration] = None,
                        bound_pod: Optional[str] = None, bound_secret: Optional[str] = None,
                        bound_node: Optional[str] = None, bound_uid: Optional[str] = None) -> str:
        """A token with one deliberate defect `kind` (expired, not-yet-valid, wrong-issuer,
        wrong-audience, unknown-key, unknown-kid, bad-signature, alg-none, hs256-key-confusion,
        missing-exp, missing-sub, kid-mismatch); otherwise as `mint`."""
        body = _token_request(audiences, duration, bound_pod, bound_secret, bound_node, bound_uid)
        body["defect"] = kind
        path = f"/kubemint/v1/namespaces/{namespace}/serviceaccounts/{service_account}/defective-token"
        return str(self.request("POST", path, body)["status"]["token"])

    def review(self, token: str, audiences: Union[None, str, Sequence[str]] = None) -> Dict[str, Any]:
        """TokenReview of `token`; the review's `status` (authenticated, user, audiences, error)."""
        spec: Dict[str, Any] = {"token": token}
        if audiences is not None:
            spec["audiences"] = [audiences] if isinstance(audiences, str) else list(audiences)
        body = {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": spec}
        return dict(self.request("POST", "/apis/authentication.k8s.io/v1/tokenreviews", body)["status"])

    # --- keys -----------------------------------------------------------------------------------

    def keys(self) -> List[Dict[str, Any]]:
        """The key store's keys: kid, alg, type, bits, and which one signs."""
        return list(self.request("GET", "/kubemint/v1/keys")["keys"])

    def rotate_keys(self, type: str = "rsa", bits: Optional[int] = None) -> Dict[str, Any]:
        """A new signing key (`rsa` or `ec`), served at once; returns its kid and alg. Old keys stay
        in the JWKS until retired."""
        body: Dict[str, Any] = {"type": type}
        if bits is not None:
            body["bits"] = bits
        return self.request("POST", "/kubemint/v1/keys/rotate", body)

    def retire_key(self, kid: str) -> List[Dict[str, Any]]:
        """Take key `kid` out of the JWKS (its tokens fail review); returns the remaining keys."""
        return list(self.request("POST", "/kubemint/v1/keys/retire", {"kid": kid})["keys"])


def _token_request(audiences: Union[None, str, Sequence[str]], duration: Optional[Duration],
                   bound_pod: Optional[str], bound_secret: Optional[str], bound_node: Optional[str],
                   bound_uid: Optional[str]) -> Dict[str, Any]:
    spec: Dict[str, Any] = {}
    if audiences is not None:
        spec["audiences"] = [audiences] if isinstance(audiences, str) else list(audiences)
    if duration is not None:
        spec["expirationSeconds"] = _seconds(duration)
    bound = [(kind, name) for kind, name in (("Pod", bound_pod), ("Secret", bound_secret), ("Node", bound_node))
             if name is not None]
    if len(bound) > 1:
        raise ValueError("bind a token to one object at most (bound_pod, bound_secret or bound_node)")
    if bound:
        ref: Dict[str, Any] = {"kind": bound[0][0], "apiVersion": "v1", "name": bound[0][1]}
        if bound_uid is not None:
            ref["uid"] = bound_uid
        spec["boundObjectRef"] = ref
    elif bound_uid is not None:
        raise ValueError("bound_uid needs bound_pod, bound_secret or bound_node")
    return {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": spec}


def _parse_banner(text: str) -> Dict[str, str]:
    printed: Dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("kubemint serving on "):
            printed["url"] = line.split()[-1]
            continue
        key, colon, value = line.partition(":")
        if colon and key in _BANNER_KEYS:
            printed[key] = value.strip()
    return printed


def _wait_for_banner(proc: subprocess.Popen[bytes], log_path: Path, argv: Sequence[str], timeout: float) -> Dict[str, str]:
    """The banner's values once its last line (`auth:`) is out; KubemintStartError if the server
    exits or takes longer than `timeout`."""
    deadline = time.monotonic() + timeout
    command = " ".join(argv)
    while True:
        code = proc.poll()
        printed = _parse_banner(log_path.read_text(errors="replace"))
        if "auth" in printed and "url" in printed and "issuer" in printed:
            return printed
        if code is not None:
            raise KubemintStartError(f"kubemint serve exited with {code} before it was serving ({command})",
                                     log_path.read_text(errors="replace"))
        if time.monotonic() > deadline:
            raise KubemintStartError(f"kubemint serve printed no banner within {timeout:g}s ({command})",
                                     log_path.read_text(errors="replace"))
        time.sleep(0.02)


__all__ = ["Clock", "KubemintAPIError", "KubemintServer", "KubemintStartError", "parse_rfc3339"]

"""JSON over HTTP(S) to a kubemint server with urllib: the server's CA, the admin bearer token, and
Kubernetes Status errors turned into KubemintAPIError."""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from typing import Any, Dict, Optional

from .errors import KubemintAPIError

TIMEOUT = 30.0


class Client:
    """Calls to one server: `url` (http or https), `ca_path` (PEM, for https), `token` (bearer)."""

    def __init__(self, url: str, ca_path: Optional[str], token: Optional[str]) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.tls: Optional[ssl.SSLContext] = None
        if self.url.startswith("https://"):
            self.tls = ssl.create_default_context(cafile=ca_path) if ca_path else ssl.create_default_context()

    def request(self, method: str, path: str, body: Optional[Dict[str, Any]] = None,
                timeout: float = TIMEOUT) -> Dict[str, Any]:
        """`method path` with `body` as JSON; the answer's JSON object. Non-2xx: KubemintAPIError
        with the Status message."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(req, context=self.tls, timeout=timeout) as answer:
                raw = answer.read()
        except urllib.error.HTTPError as error:
            raise _api_error(method, path, error.code, error.read()) from None
        if not raw:
            return {}
        parsed = json.loads(raw)
        if not isinstance(parsed, dict):
            raise KubemintAPIError(method, path, 200, "BadResponse", f"expected a JSON object, got {raw[:200]!r}")
        return parsed

    def status_code(self, path: str, timeout: float = 5.0) -> int:
        """The HTTP status of `GET path` (no body parsing); raises OSError when unreachable."""
        req = urllib.request.Request(self.url + path, method="GET")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(req, context=self.tls, timeout=timeout) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return int(error.code)


def _api_error(method: str, path: str, code: int, raw: bytes) -> KubemintAPIError:
    text = raw.decode("utf-8", errors="replace")
    try:
        status = json.loads(text)
    except ValueError:
        status = None
    if isinstance(status, dict) and status.get("kind") == "Status":
        return KubemintAPIError(method, path, code, str(status.get("reason", "")),
                                str(status.get("message", "")), status)
    return KubemintAPIError(method, path, code, "", text.strip())

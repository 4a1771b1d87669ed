"""The exceptions kubemint's Python side raises."""

from __future__ import annotations

from typing import Any, Dict, Optional


class KubemintAPIError(Exception):
    """A kubemint HTTP call answered non-2xx. `message` is the Kubernetes Status message (or the
    body when it is not a Status); `code` the HTTP status; `reason` the Status reason."""

    def __init__(self, method: str, path: str, code: int, reason: str, message: str,
                 status: Optional[Dict[str, Any]] = None) -> None:
        self.method = method
        self.path = path
        self.code = code
        self.reason = reason
        self.message = message
        self.status = status
        super().__init__(f"{method} {path}: {code} {reason}: {message}")


class KubemintStartError(RuntimeError):
    """`kubemint serve` did not start or did not become ready; the message ends with its log."""

    def __init__(self, summary: str, log: str) -> None:
        self.summary = summary
        self.log = log
        super().__init__(f"{summary}\n--- kubemint serve output ---\n{log.rstrip()}")

"""kubemint for Python: the kubemint binary (a mock Kubernetes service-account token issuer), a
`kubemint` command that runs it, and a pytest plugin with `kubemint` and `kubemint_factory`
fixtures. Start a server from plain Python with `KubemintServer.start(...)`."""

from ._binary import BinaryNotFoundError, binary_path
from ._version import __version__
from .errors import KubemintAPIError, KubemintStartError
from .server import Clock, KubemintServer

__all__ = [
    "BinaryNotFoundError",
    "Clock",
    "KubemintAPIError",
    "KubemintServer",
    "KubemintStartError",
    "__version__",
    "binary_path",
]

"""The kubemint pytest plugin (entry point `pytest11: kubemint`).

Fixtures:
- `kubemint` (session): one `kubemint serve --tls` on a free 127.0.0.1 port with its own key store
  and kubeconfig in a temporary directory; a `kubemint.KubemintServer`.
- `kubemint_factory` (test): `kubemint_factory(tls=True, clock=None, auth=None, manifests=(),
  kubelet_dir=None, issuer=None, listen="127.0.0.1:0", extra_args=())` starts one more server for this
  test; every one is stopped when the test ends.
- `kubemint_binary` (session): the binary they run: `--kubemint-binary PATH`, else $KUBEMINT_BIN,
  else the one in the wheel.

Every server is stopped at teardown (SIGTERM, then SIGKILL), also after a failed test, on Ctrl-C
(pytest tears fixtures down), on SIGTERM of pytest (a handler stops them first), at interpreter exit
(atexit) and, on Linux, when pytest is killed outright (parent-death signal).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator, List

import pytest

from . import _process
from ._binary import BinaryNotFoundError, binary_path, checked
from .errors import KubemintStartError
from .server import KubemintServer


def pytest_addoption(parser: pytest.Parser) -> None:
    """--kubemint-binary PATH."""
    group = parser.getgroup("kubemint", "kubemint (mock Kubernetes token issuer)")
    group.addoption("--kubemint-binary", metavar="PATH", default=None,
                    help="kubemint binary for the kubemint fixtures (default: $KUBEMINT_BIN, else the "
                         "binary in the kubemint wheel)")


def pytest_configure(config: pytest.Config) -> None:
    """Stop every kubemint on SIGTERM of pytest (when SIGTERM has no other handler)."""
    _process.install_sigterm_handler()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Nothing started by the fixtures outlives the session."""
    _process.stop_all()
    _process.uninstall_sigterm_handler()


@pytest.fixture(scope="session")
def kubemint_binary(pytestconfig: pytest.Config) -> str:
    """The kubemint binary the fixtures run."""
    try:
        option = pytestconfig.getoption("kubemint_binary")
        return checked(option, "--kubemint-binary") if option else binary_path()
    except BinaryNotFoundError as error:
        pytest.fail(f"kubemint: {error}", pytrace=False)
        raise  # not reached


def _start(binary: str, home: Path, **options: Any) -> KubemintServer:
    try:
        return KubemintServer.start(home, binary=binary, **options)
    except KubemintStartError as error:
        pytest.fail(str(error), pytrace=False)
        raise  # not reached


@pytest.fixture(scope="session")
def kubemint(kubemint_binary: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KubemintServer]:
    """One kubemint for the test session: `kubemint serve --tls --listen 127.0.0.1:0` with its own
    keys and kubeconfig. Attributes: issuer, url, ca_path, kubeconfig_path; helpers: mint, review,
    create_*/delete_*, clock, rotate_keys, defective_token."""
    server = _start(kubemint_binary, tmp_path_factory.mktemp("kubemint"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def kubemint_factory(kubemint_binary: str, tmp_path_factory: pytest.TempPathFactory
                     ) -> Iterator[Callable[..., KubemintServer]]:
    """A function that starts a kubemint for this test with options (tls, clock, auth, manifests,
    kubelet_dir, issuer, listen, extra_args); all of them are stopped when the test ends."""
    started: List[KubemintServer] = []

    def factory(**options: Any) -> KubemintServer:
        server = _start(kubemint_binary, tmp_path_factory.mktemp("kubemint"), **options)
        started.append(server)
        return server

    try:
        yield factory
    finally:
        for server in started:
            server.stop()

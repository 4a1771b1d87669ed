"""Start and stop kubemint processes so that none outlives the Python process that started it.

Every process is started in a session (and process group) of its own, so a Ctrl-C meant for the
test runner does not reach it half-way; the runner stops it. On Linux it also gets a parent-death
signal (prctl PR_SET_PDEATHSIG, SIGKILL): when the thread that started it dies, even by SIGKILL, the
kernel kills it. Note that the kernel ties this to the *thread*: start servers from a thread that
lives as long as you need them (pytest's main thread does). Every live process is kept in a registry
that an atexit hook and a SIGTERM handler (`install_sigterm_handler`) stop.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import threading
from typing import Callable, IO, List, Optional, Sequence, Set

PR_SET_PDEATHSIG = 1
STOP_TIMEOUT = 10.0

_live: Set[subprocess.Popen[bytes]] = set()
_lock = threading.RLock()  # re-entrant: the SIGTERM handler may run while the main thread holds it


def _death_signal_setter() -> Optional[Callable[[], None]]:
    """A preexec_fn that sets SIGKILL as the parent-death signal (Linux), or None elsewhere.

    libc's prctl is looked up here, in the parent, so the child only makes the system call between
    fork and exec (no imports, no allocation beyond ctypes' call). If the parent is already gone by
    then (getppid changed), the child exits at once instead of running orphaned.
    """
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    prctl = libc.prctl
    parent = os.getpid()

    def set_death_signal() -> None:
        if prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            os._exit(126)
        if os.getppid() != parent:
            os._exit(126)

    return set_death_signal


def spawn(argv: Sequence[str], cwd: str, output: IO[bytes], die_with_parent: bool = True) -> subprocess.Popen[bytes]:
    """Start `argv` in its own session with stdout and stderr to `output`, registered for cleanup.
    `die_with_parent`: set the parent-death signal (Linux)."""
    preexec = _death_signal_setter() if die_with_parent else None
    proc = subprocess.Popen(list(argv), cwd=cwd, stdin=subprocess.DEVNULL, stdout=output,
                            stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=preexec)
    with _lock:
        _live.add(proc)
    return proc


def stop(proc: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT) -> Optional[int]:
    """SIGTERM `proc`'s process group, wait up to `timeout` seconds, then SIGKILL it; returns its
    exit code (negative: killed by that signal). Safe to call twice."""
    try:
        if proc.poll() is None:
            _signal_group(proc, signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _signal_group(proc, signal.SIGKILL)
                proc.wait(timeout=timeout)
        return proc.returncode
    finally:
        with _lock:
            _live.discard(proc)


def _signal_group(proc: subprocess.Popen[bytes], sig: int) -> None:
    # Not reaped yet (poll() was None), so proc.pid is still ours and leads its own group.
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


def stop_all(timeout: float = STOP_TIMEOUT) -> None:
    """Stop every process this module started that is still registered."""
    with _lock:
        procs: List[subprocess.Popen[bytes]] = list(_live)
    for proc in procs:
        stop(proc, timeout)


atexit.register(stop_all)

_previous_sigterm: object = None


def _on_sigterm(signum: int, frame: object) -> None:
    stop_all(timeout=3.0)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def install_sigterm_handler() -> bool:
    """On SIGTERM: stop every kubemint, then die of SIGTERM as before. Installed only from the main
    thread and only over the default action (never replacing someone else's handler); returns
    whether it was installed."""
    global _previous_sigterm
    if threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return False
    _previous_sigterm = signal.signal(signal.SIGTERM, _on_sigterm)
    return True


def uninstall_sigterm_handler() -> None:
    """Undo install_sigterm_handler (if it installed the handler and it is still in place)."""
    global _previous_sigterm
    if _previous_sigterm is not None and signal.getsignal(signal.SIGTERM) is _on_sigterm:
        signal.signal(signal.SIGTERM, _previous_sigterm)  # type: ignore[arg-type]
    _previous_sigterm = None

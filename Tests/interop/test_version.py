"""`kubemint version`, `kubemint version -o json` and `kubemint --version`: one version, the Kubernetes
version the server presents at /version, and the OpenSSL actually loaded (libcrypto's own word)."""

import ctypes
import json
import re
import subprocess

from kubemint_server import start_server

SEMVER = re.compile(r"\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?")


def run(kubemint_bin: str, *args: str) -> str:
    p = subprocess.run([kubemint_bin, *args], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr
    return p.stdout


def loaded_openssl_version() -> str:
    """What libcrypto.so.3 says of itself, asked directly (OpenSSL_version(OPENSSL_VERSION))."""
    libcrypto = ctypes.CDLL("libcrypto.so.3")
    libcrypto.OpenSSL_version.restype = ctypes.c_char_p
    libcrypto.OpenSSL_version.argtypes = [ctypes.c_int]
    return libcrypto.OpenSSL_version(0).decode()


def test_version_json_names_everything_once(kubemint_bin, workdir):
    info = json.loads(run(kubemint_bin, "version", "-o", "json"))
    assert set(info) == {"kubemint", "commit", "kubernetes", "swift", "openssl", "opensslBuild", "platform"}
    assert SEMVER.fullmatch(info["kubemint"]), info["kubemint"]
    assert info["openssl"] == loaded_openssl_version()
    assert info["opensslBuild"].startswith("OpenSSL 3.")
    assert re.fullmatch(r"6\.\d+(\.\d+)?( or later)?", info["swift"]), info["swift"]
    assert info["platform"] in ("linux/x86_64", "linux/aarch64")
    server = start_server(kubemint_bin, workdir)
    try:
        assert server.get("/version").json()["gitVersion"] == info["kubernetes"]
    finally:
        server.stop()


def test_text_and_flag_agree_with_json(kubemint_bin):
    info = json.loads(run(kubemint_bin, "version", "-o", "json"))
    assert run(kubemint_bin, "--version").strip() == info["kubemint"]
    text = run(kubemint_bin, "version")
    assert text.splitlines()[0].startswith(f"kubemint {info['kubemint']}")
    assert f"kubernetes: {info['kubernetes']}" in text
    assert f"openssl:    {info['openssl']}" in text


def test_unknown_output_format_is_refused(kubemint_bin):
    p = subprocess.run([kubemint_bin, "version", "-o", "xml"], capture_output=True, text=True, timeout=30)
    assert p.returncode != 0
    assert 'unknown output format "xml"; use text, json or yaml' in p.stderr

"""A short run of scripts/load (the sustained-load check, README "Sustained load"): several clients
mint, review, create and delete through one server at once, and every answer must be right —
reviews of tokens whose pod, secret or service account was deleted must say authenticated=false.
Memory is judged by the full 10-minute run; here the allowance is wide (a debug build warming up)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("extra", [[], ["--tls", "--auth", "token"]], ids=["http", "tls-auth-token"])
def test_mixed_load_has_no_errors(kubemint_bin, tmp_path, extra):
    out = tmp_path / "load.json"
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "load"), "--kubemint", kubemint_bin,
                        "--duration", "12", "--warmup", "3", "--clients", "3", "--max-growth-mib", "64",
                        "--json", str(out), *extra],
                       capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert p.returncode == 0, f"scripts/load failed:\n{p.stdout}\n{p.stderr}"
    result = json.loads(out.read_text())
    assert result["errors"] == 0 and result["ok"] is True
    # Every kind of request ran, and the stateful flows went round more than once per client.
    assert all(n > 0 for n in result["requests"].values()), result["requests"]
    assert result["cycles"] >= 3
    assert result["requests"]["review_invalidated"] == result["requests"]["review_valid"]
    assert result["rss_mib"]["max"] > 0
    assert "PASS" in p.stdout

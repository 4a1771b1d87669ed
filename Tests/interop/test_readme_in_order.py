"""Issue 17: the README pasted in order, the way a newcomer does it. The `kubemint serve --tls` of "Build
from source" and the marked shell blocks of "Tools" (mint offline, mint through the server,
inspect/verify, keys, kubectl under --auth token, clock, rotate, --data-dir, defects, static hosting)
run one after the other as ONE bash script (`-e -o pipefail`), so a block that needs something no
earlier block made (a service account, a $TOKEN, a stopped server) fails here.

As a user would: the kubemint under test first on PATH, kubectl from /usr/bin, a fresh temp directory
as cwd, KUBEMINT_ISSUER and KUBEMINT_CA as "Recipes" exports them. The one change to the text: a
`kubemint serve ...` line stops the previous server and starts this one in the background with
`--listen 127.0.0.1:0` (parallel runs never fight over 8443), then exports the two values from its
banner, as a user reads them off the other terminal."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from readme_recipes import README, recipes
from recipe_runner import bash, user_env


# The blocks this test runs, in README order (the test checks the order too).
IN_ORDER = ["serve-tls", "mint-offline", "mint-server", "inspect-verify", "keys", "auth-token-kubectl",
            "clock", "rotate", "data-dir", "defects", "static-oidc"]
KUBECTL = "/usr/bin/kubectl"

# Defines `kubemint_serve`, which every README `kubemint serve` line is turned into.
PRELUDE = r"""
KUBEMINT_SERVE_PID=
KUBEMINT_SERVE_COUNT=0
stop_kubemint() {
  if [ -n "$KUBEMINT_SERVE_PID" ]; then
    kill "$KUBEMINT_SERVE_PID" 2>/dev/null || true
    wait "$KUBEMINT_SERVE_PID" 2>/dev/null || true
    KUBEMINT_SERVE_PID=
  fi
}
trap stop_kubemint EXIT
kubemint_serve() {   # a README `kubemint serve ARGS` line: stop the last server, start this one
  stop_kubemint
  KUBEMINT_SERVE_COUNT=$((KUBEMINT_SERVE_COUNT + 1))
  local log="serve-$KUBEMINT_SERVE_COUNT.log"
  kubemint serve "$@" --listen 127.0.0.1:0 >"$log" 2>&1 &
  KUBEMINT_SERVE_PID=$!
  local i
  for i in $(seq 600); do
    grep -q '^auth:' "$log" && break
    if ! kill -0 "$KUBEMINT_SERVE_PID" 2>/dev/null; then
      echo "kubemint serve $* exited:" >&2; cat "$log" >&2; return 1
    fi
    sleep 0.05
  done
  grep -q '^auth:' "$log" || { echo "kubemint serve $* printed no banner:" >&2; cat "$log" >&2; return 1; }
  echo "--- kubemint serve $* (banner)" >&2; cat "$log" >&2
  export KUBEMINT_ISSUER=$(sed -n 's/^issuer: *//p' "$log")
  export KUBEMINT_CA=$(sed -n 's/^ca: *//p' "$log")
}
"""

_SERVE_LINE = re.compile(r"^kubemint serve(?=\s|$)", re.M)


def script() -> str:
    """The prelude, then each block's text with a marker line, serve lines turned into kubemint_serve."""
    found = recipes()
    parts = [PRELUDE]
    for name in IN_ORDER:
        r = found[name]
        assert r.language == "sh", f"{r.where()}: not a shell block"
        parts.append(f"echo '=== {r.where()}' >&2\n")
        parts.append(_SERVE_LINE.sub("kubemint_serve", r.text))
    parts.append("echo '=== all blocks ran' >&2\n")
    return "".join(parts)


def banner_labels(text: str) -> list[str]:
    """The labels of a `kubemint serve` banner, from its first line to `auth:` (warnings on stderr skipped)."""
    labels = []
    for line in text.splitlines():
        if line.startswith("kubemint serving on "):
            labels = ["kubemint serving on"]
        elif labels and re.match(r"^[a-z][a-z ]*[a-z]: +\S", line):
            labels.append(line.split(":")[0])
            if labels[-1] == "auth":
                break
    return labels


def readme_banner() -> str:
    """The README's sample of what `kubemint serve` prints (the fence after "`kubemint serve` prints")."""
    text = README.read_text()
    m = re.search(r"`kubemint serve` prints where everything is:\n\n```\n(.*?)```", text, re.S)
    assert m, "README.md has no banner sample after '`kubemint serve` prints where everything is:'"
    return m.group(1)


def test_blocks_are_run_in_the_order_the_readme_gives_them():
    found = recipes()
    lines = [found[name].line for name in IN_ORDER]
    assert lines == sorted(lines), f"IN_ORDER is not README order: {dict(zip(IN_ORDER, lines))}"
    assert any(_SERVE_LINE.match(line) for line in found["serve-tls"].text.splitlines()), \
        "the first block must start the server"


def test_the_tools_recipes_pasted_in_order_work_on_one_fresh_server(kubemint_bin, tmp_path):
    assert Path(KUBECTL).is_file(), f"{KUBECTL} is needed (kubectl v1.32)"
    cwd = tmp_path / "newcomer"
    cwd.mkdir()
    home = tmp_path / "home"   # kubectl's cache, not the user's
    home.mkdir()
    env = user_env(kubemint_bin, HOME=str(home))
    env["PATH"] = env["PATH"] + ":/usr/bin"
    assert shutil.which("kubectl", path=env["PATH"]) == KUBECTL
    text = script()
    p = bash(text, cwd, env, check=False, timeout=300)
    blocks = re.findall(r"^=== (.*)$", p.stderr, re.M)
    assert p.returncode == 0, (
        f"the README pasted in order failed (exit {p.returncode}) in {blocks[-1] if blocks else 'the prelude'}"
        f"\n--- stdout ---\n{p.stdout}\n--- stderr ---\n{p.stderr}")
    assert blocks[-1] == "all blocks ran", p.stderr

    # What the newcomer sees is what the README says it is.
    assert "kubemint-admin" in p.stdout, p.stdout                 # kubectl auth whoami under --auth token
    assert (cwd / "public" / ".well-known" / "openid-configuration").is_file()
    assert (cwd / "state").is_dir()
    banner = (cwd / "serve-1.log").read_text()
    assert "kubemint serving on https://127.0.0.1:" in banner, banner
    # The README's banner sample has the lines `kubemint serve --tls` prints, in its order.
    assert banner_labels(readme_banner()) == banner_labels(banner), banner

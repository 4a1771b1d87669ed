"""`--duration` as `kubectl create token` takes it: Go durations, whole seconds, 0 = unset
(default 3600 s), and the apiserver's limits and messages (docs/kubernetes-behaviour.md §4.3, §9.2)."""

from __future__ import annotations

import pytest

from interop_helpers import split_jws, stderr_one_line


@pytest.mark.parametrize("flag,seconds", [
    (None, 3600),
    ("1h30m", 5400),
    ("600s", 600),
    ("10m", 600),
    ("2h", 7200),
    ("1h0m0s", 3600),
    ("1.5h", 5400),
    ("90m", 5400),
    ("48h", 172800),
    ("0s", 3600),   # kubectl: 0 leaves expirationSeconds unset -> the default hour
    ("0", 3600),
])
def test_duration_sets_exp_minus_iat(mint, store, flag, seconds):
    args = ["sa", "--keys", store] + ([] if flag is None else ["--duration", flag])
    p = split_jws(mint(*args)).payload
    assert p["exp"] - p["iat"] == seconds
    assert p["nbf"] == p["iat"]


@pytest.mark.parametrize("flag,message", [
    ("9m", "may not specify a duration less than 10 minutes"),
    ("599s", "may not specify a duration less than 10 minutes"),
    ("1s", "may not specify a duration less than 10 minutes"),
    ("1193047h", "may not specify a duration larger than 2^32 seconds"),  # 4294969200 s > 2^32
])
def test_duration_out_of_range_gives_apiserver_message(km, store, flag, message):
    p = km("create", "token", "sa", "--keys", store, "--duration", flag, check=False)
    assert p.returncode != 0
    assert p.stdout == ""
    assert message in stderr_one_line(p)


@pytest.mark.parametrize("flag,message", [
    ("-1h", "--duration must be greater than or equal to 0"),
    ("1.5s", "--duration cannot be expressed in units less than seconds"),
])
def test_duration_kubectl_refuses_gives_kubectls_message(km, store, flag, message):
    # kubectl's own checks (create_token.go Validate) name the flag but not the value.
    p = km("create", "token", "sa", "--keys", store, f"--duration={flag}", check=False)
    assert p.returncode != 0
    assert p.stdout == ""
    assert p.stderr == f"error: {message}\n"


@pytest.mark.parametrize("flag", ["abc", "10", "1x", "10 m"])
def test_bad_duration_is_refused_naming_it(km, store, flag):
    # "10" has no unit: Go's time.ParseDuration rejects it, so does kubectl. The value is passed
    # as --duration=VALUE so that "-1h" cannot be taken for an option. A parse error may come with
    # the argument parser's usage lines, so only "some line names flag and value" is required.
    p = km("create", "token", "sa", "--keys", store, f"--duration={flag}", check=False)
    assert p.returncode != 0
    assert p.stdout == ""
    named = [l for l in p.stderr.splitlines() if "duration" in l.lower() and flag in l]
    assert named, f"no stderr line names --duration and the bad value {flag!r}:\n{p.stderr}"

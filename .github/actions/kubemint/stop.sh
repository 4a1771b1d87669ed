#!/usr/bin/env bash
# stop.sh: the post step of the kubemint GitHub Action (post.js only runs this script). Stops the
# `kubemint serve` that start.sh started, found by the pid start.sh saved in $GITHUB_STATE (the runner
# hands it back as $STATE_pid), and shows the server's log. Runs even when the job failed
# (post-if: always()), so it must cope with a main step that never started the server.
set -euo pipefail

note() { echo "kubemint action: $*"; }

pid=${STATE_pid:-}
dir=${STATE_dir:-}
if [[ -z $pid ]]; then
  note "nothing to stop: the main step did not start kubemint"
  exit 0
fi
[[ $pid =~ ^[0-9]+$ ]] || { echo "kubemint action: error: saved pid '$pid' is not a number" >&2; exit 1; }

# Alive means: the pid exists, is not a zombie, and is still a `kubemint serve` (never signal a pid
# that has been reused by something else since).
is_our_server() {
  local state cmdline
  state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ -n $state && $state != Z && $state != X ]] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *kubemint*serve* ]]
}

if ! is_our_server; then
  note "kubemint (pid $pid) had already exited"
else
  kill -TERM "$pid"
  for _ in $(seq 100); do # 10 s to shut down cleanly, then SIGKILL
    is_our_server || break
    sleep 0.1
  done
  if is_our_server; then
    note "kubemint (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  note "stopped kubemint (pid $pid)"
fi

if [[ -n $dir && -f $dir/serve.log ]]; then
  echo "::group::kubemint serve log ($dir/serve.log)"
  cat "$dir/serve.log"
  echo "::endgroup::"
fi

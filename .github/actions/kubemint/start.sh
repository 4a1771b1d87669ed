#!/usr/bin/env bash
# start.sh: the main step of the kubemint GitHub Action (action.yml at the repository root; main.js
# only runs this script). Downloads a kubemint release tarball for the runner's architecture, checks
# its sha256 against the release's .sha256 file, unpacks it, puts kubemint on $GITHUB_PATH, starts
# `kubemint serve` in the background and waits until it is ready; then exports KUBEMINT_ISSUER,
# KUBEMINT_CA, KUBEMINT_KUBECONFIG and KUBEMINT_URL as step outputs and to $GITHUB_ENV, and saves the
# server's pid in $GITHUB_STATE for stop.sh (the post step).
#
# Inputs arrive as the runner passes them to a JavaScript action: INPUT_<NAME> (defaults from
# action.yml already applied). Everything else is the runner's own environment: RUNNER_TEMP,
# RUNNER_ARCH, GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STATE, GITHUB_ACTION_REPOSITORY,
# GITHUB_ACTION_REF, GITHUB_WORKSPACE. KUBEMINT_DOWNLOAD_URL_BASE (optional) replaces
# https://github.com/OWNER/REPO/releases/download/vVERSION: a mirror, or a file:// URL in tests, so
# the real download path (curl) runs there too.
set -euo pipefail

die() {
  # One line GitHub shows as an annotation, and the same on stderr for logs and tests.
  echo "::error title=kubemint action::$*"
  echo "kubemint action: error: $*" >&2
  exit 1
}
note() { echo "kubemint action: $*"; }

for var in RUNNER_TEMP GITHUB_ENV GITHUB_OUTPUT GITHUB_PATH GITHUB_STATE; do
  [[ -n ${!var:-} ]] || die "\$$var is not set: this script runs as a GitHub Actions step (action.yml), not by hand"
done
command -v curl >/dev/null || die "curl is not installed; the action downloads kubemint with it (apt-get install curl)"
command -v sha256sum >/dev/null || die "sha256sum is not installed (coreutils); the action verifies the download with it"

# --- inputs -----------------------------------------------------------------------------------------

# version: explicit input, else the action's own ref when it is a release tag (uses: ...@v0.1.0, or a
# pre-release such as @v0.2.0-rc.1: scripts/package's X.Y.Z[-prerelease]).
version=${INPUT_VERSION:-}
if [[ -z $version ]]; then
  ref=${GITHUB_ACTION_REF:-}
  [[ $ref =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]] \
    || die "input 'version' is required when the action is not used at a release tag (its ref is '${ref:-none}'): pin it (uses: OWNER/kubemint@v0.1.0) or set 'with: version: 0.1.0'"
  version=${ref#v}
fi
version=${version#v} # "v0.1.0" and "0.1.0" both name release v0.1.0
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]] \
  || die "input 'version' is '$version': expected a release version like 0.1.0"

case ${RUNNER_ARCH:-} in
  X64) arch=x86_64 ;;
  ARM64) arch=aarch64 ;;
  *) die "RUNNER_ARCH is '${RUNNER_ARCH:-unset}': kubemint releases exist for linux X64 (x86_64) and ARM64 (aarch64) only" ;;
esac
[[ $(uname -s) == Linux ]] || die "this runner is $(uname -s); kubemint releases are for Linux only"

tls=${INPUT_TLS:-true}
[[ $tls == true || $tls == false ]] || die "input 'tls' is '$tls': expected true or false"
auth=${INPUT_AUTH:-none}
[[ $auth == none || $auth == token ]] || die "input 'auth' is '$auth': expected none or token"

# A directory of its own, so the action can be used twice in one job.
dir=$(mktemp -d "$RUNNER_TEMP/kubemint.XXXXXX")

# --- serve arguments: checked before anything is downloaded --------------------------------------

args=(serve --listen 127.0.0.1:0 --keys "$dir/keys" --kubeconfig "$dir/kubeconfig" --auth "$auth")
[[ $tls == true ]] && args+=(--tls)
[[ -n ${INPUT_ISSUER:-} ]] && args+=(--issuer "$INPUT_ISSUER")
if [[ -n ${INPUT_CLOCK:-} ]]; then
  # A bare RFC 3339 time fixes the clock there; real, fixed:T and offset:D pass through as they are.
  case $INPUT_CLOCK in
    real | fixed:* | offset:*) args+=(--clock "$INPUT_CLOCK") ;;
    *) args+=(--clock "fixed:$INPUT_CLOCK") ;;
  esac
fi
# manifests and args are split on whitespace (spaces or newlines), with no quoting and no globbing:
# an input is data, never shell code.
set -f
for manifest in ${INPUT_MANIFESTS:-}; do
  [[ $manifest == /* ]] || manifest=${GITHUB_WORKSPACE:-$PWD}/$manifest
  [[ -e $manifest ]] || die "input 'manifests': $manifest does not exist"
  args+=(--manifests "$manifest")
done
# shellcheck disable=SC2206 # word splitting is the point
extra=(${INPUT_ARGS:-})
set +f
args+=("${extra[@]}")

# --- download and verify ----------------------------------------------------------------------------

name=kubemint-$version-linux-$arch
tarball=$name.tar.gz
if [[ -n ${KUBEMINT_DOWNLOAD_URL_BASE:-} ]]; then
  base=${KUBEMINT_DOWNLOAD_URL_BASE%/}
else
  [[ -n ${GITHUB_ACTION_REPOSITORY:-} ]] \
    || die "\$GITHUB_ACTION_REPOSITORY is empty, so there is no release to download from; set KUBEMINT_DOWNLOAD_URL_BASE"
  base=https://github.com/$GITHUB_ACTION_REPOSITORY/releases/download/v$version
fi
mkdir "$dir/download"
for file in "$tarball" "$tarball.sha256"; do
  note "downloading $base/$file"
  curl --fail --silent --show-error --location --retry 3 --connect-timeout 20 \
    --output "$dir/download/$file" "$base/$file" \
    || die "could not download $base/$file (is there a release v$version with a linux-$arch tarball?)"
done

# The .sha256 file is sha256sum's format, one line: HASH, two spaces (or " *"), FILENAME.
read -r expected listed <"$dir/download/$tarball.sha256" || true
listed=${listed#\*}
[[ $expected =~ ^[0-9a-f]{64}$ && $listed == "$tarball" ]] \
  || die "$tarball.sha256 is not a sha256sum line for $tarball (got: '$(head -c 200 "$dir/download/$tarball.sha256")')"
actual=$(sha256sum "$dir/download/$tarball" | cut -d' ' -f1)
[[ $actual == "$expected" ]] \
  || die "sha256 mismatch for $tarball: $tarball.sha256 says $expected, the download is $actual; refusing to install it"
note "sha256 verified: $actual  $tarball"

tar -xzf "$dir/download/$tarball" -C "$dir" || die "could not unpack $tarball"
bin_dir=$dir/$name
[[ -x $bin_dir/kubemint ]] || die "$tarball has no executable $name/kubemint"
printed=$("$bin_dir/kubemint" --version 2>&1) || die "$name/kubemint --version failed: $printed"
[[ $printed == *"$version"* ]] || die "$name/kubemint --version says '$printed', not version $version"
echo "$bin_dir" >>"$GITHUB_PATH"
note "installed $bin_dir/kubemint ($version) and added it to PATH"

# --- serve ------------------------------------------------------------------------------------------

log=$dir/serve.log
note "starting: kubemint ${args[*]}"
"$bin_dir/kubemint" "${args[@]}" >"$log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$dir/pid"
# Saved at once, so the post step stops the server even if waiting for it fails below.
printf 'pid=%s\ndir=%s\n' "$pid" "$dir" >>"$GITHUB_STATE"

# kubemint prints its banner ("issuer:", "ca:", ...; "auth:" last of the fixed lines) once it listens.
deadline=$((SECONDS + 30))
until grep -q '^auth:' "$log"; do
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "kubemint serve exited before it was ready (its output is above)"; }
  ((SECONDS < deadline)) || { cat "$log" >&2; die "kubemint serve printed no 'auth:' line within 30 s (its output is above)"; }
  sleep 0.1
done
banner() { awk -v key="$1" '$1 == key {print $2; exit}' "$log"; }
url=$(awk '/^kubemint serving on / {print $4; exit}' "$log")
issuer=$(banner issuer:)
kubeconfig=$(banner kubeconfig:)
ca=$(banner ca:)
[[ $ca == /* ]] || ca="" # "(none: plain HTTP)" without --tls
[[ -n $url && -n $issuer && -n $kubeconfig ]] || { cat "$log" >&2; die "could not read the URL, issuer and kubeconfig from kubemint's banner"; }

ready=(curl --fail --silent --show-error --retry 10 --retry-connrefused --retry-delay 1 --max-time 10)
[[ -n $ca ]] && ready+=(--cacert "$ca")
"${ready[@]}" "$url/readyz" >/dev/null || { cat "$log" >&2; die "$url/readyz did not answer 200"; }
note "kubemint $version is ready at $url (pid $pid)"
cat "$log"

# --- export -----------------------------------------------------------------------------------------

for value in "$issuer" "$ca" "$kubeconfig" "$url"; do
  [[ $value != *$'\n'* ]] || die "a value to export contains a newline: $value"
done
printf 'issuer=%s\nca=%s\nkubeconfig=%s\nurl=%s\n' "$issuer" "$ca" "$kubeconfig" "$url" >>"$GITHUB_OUTPUT"
printf 'KUBEMINT_ISSUER=%s\nKUBEMINT_CA=%s\nKUBEMINT_KUBECONFIG=%s\nKUBEMINT_URL=%s\n' \
  "$issuer" "$ca" "$kubeconfig" "$url" | tee -a "$GITHUB_ENV"

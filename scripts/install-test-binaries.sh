#!/usr/bin/env bash
# Installs the real programs the end-to-end tests run, pinned, and links them into .tools/bin/:
#   prometheus  Debian's package (2.42, runs in agent mode)
#   thanos      built from its Go module (go.mod has replace directives, so `go install` cannot build it)
#   minio       built with `go install`
# Builds are cached outside the repository in a versioned directory ($PROMFLEET_TOOLS, default
# ~/.cache/promfleet/tools/<name>-<version>/), so a fresh clone on the same machine finds them; only
# what is missing is built. A failed build is reported by name and reason in .tools/status/<name>,
# which the e2e tests read to skip with that reason instead of passing.
set -uo pipefail

THANOS_VERSION=v0.42.4
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c

root=$(cd "$(dirname "$0")/.." && pwd -P)
cache=${PROMFLEET_TOOLS:-$HOME/.cache/promfleet/tools}
bin="$root/.tools/bin"
status="$root/.tools/status"
mkdir -p "$bin" "$status" "$cache"
failures=0

report() { # name, "ok" or reason
  printf '%s\n' "$2" > "$status/$1"
  if [ "$2" = ok ]; then echo "install-test-binaries: $1 ready"; else echo "install-test-binaries: $1 FAILED: $2" >&2; failures=$((failures + 1)); fi
}

timed() { # label, command...
  local start=$SECONDS
  "${@:2}"
  local rc=$?
  echo "install-test-binaries: $1 took $((SECONDS - start)) s"
  return $rc
}

install_prometheus() {
  if ! command -v prometheus >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      report prometheus "not installed and not root: run apt-get install prometheus"
      return
    fi
    timed "apt-get install prometheus" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null' \
      || { report prometheus "apt-get install prometheus failed"; return; }
    # The package starts a system service where an init system runs; the tests start their own.
    (command -v systemctl >/dev/null 2>&1 && systemctl disable --now prometheus >/dev/null 2>&1) || true
  fi
  ln -sf "$(command -v prometheus)" "$bin/prometheus"
  if "$bin/prometheus" --version >/dev/null 2>&1; then report prometheus ok; else report prometheus "prometheus --version failed"; fi
}

install_thanos() {
  local dir="$cache/thanos-$THANOS_VERSION"
  if [ ! -x "$dir/thanos" ]; then
    local info src work
    info=$(go mod download -json "github.com/thanos-io/thanos@$THANOS_VERSION") \
      || { report thanos "go mod download github.com/thanos-io/thanos@$THANOS_VERSION failed"; return; }
    src=$(printf '%s' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$src" ] || { report thanos "module directory not found after download"; return; }
    work=$(mktemp -d)
    cp -r "$src/." "$work/" && chmod -R u+w "$work"
    mkdir -p "$dir"
    (cd "$work" && timed "go build thanos $THANOS_VERSION" env CGO_ENABLED=0 go build -tags netgo,slicelabels \
        -o "$dir/thanos.tmp" ./cmd/thanos) \
      || { rm -rf "$work"; report thanos "go build ./cmd/thanos failed (see output above)"; return; }
    mv "$dir/thanos.tmp" "$dir/thanos"
    rm -rf "$work"
  fi
  ln -sf "$dir/thanos" "$bin/thanos"
  if "$bin/thanos" --version >/dev/null 2>&1; then report thanos ok; else report thanos "thanos --version failed"; fi
}

install_minio() {
  local dir="$cache/minio-$MINIO_VERSION"
  if [ ! -x "$dir/minio" ]; then
    mkdir -p "$dir"
    timed "go install minio $MINIO_VERSION" env CGO_ENABLED=0 GOBIN="$dir" go install "github.com/minio/minio@$MINIO_VERSION" \
      || { report minio "go install github.com/minio/minio@$MINIO_VERSION failed (see output above)"; return; }
  fi
  ln -sf "$dir/minio" "$bin/minio"
  if "$bin/minio" --version >/dev/null 2>&1; then report minio ok; else report minio "minio --version failed"; fi
}

if ! command -v go >/dev/null 2>&1; then
  for t in thanos minio; do report "$t" "Go is not installed"; done
else
  install_thanos
  install_minio
fi
install_prometheus

# Exit 0 even when a build failed: the e2e tests skip, saying why, from .tools/status.
echo "install-test-binaries: done, $failures failure(s)"
exit 0

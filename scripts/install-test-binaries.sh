#!/usr/bin/env bash
# Installs the real programs the end-to-end tests run, pinned, and links them into .tools/bin/:
#   prometheus  Debian's package (2.42, runs in agent mode)
#   thanos      built from its Go module (go.mod has replace directives, so `go install` cannot build it)
#   minio       built with `go install`
#   k3s         built from its Go module (a control plane for the e2e tests' simulated clusters)
#   crds        the Prometheus Operator's CRD manifests, copied from its Go module into .tools/crds/
# Builds are cached outside the repository in a versioned directory ($PROMFLEET_TOOLS, default
# ~/.cache/promfleet/tools/<name>-<version>/), so a fresh clone on the same machine finds them; only
# what is missing is built. A failed build is reported by name and reason in .tools/status/<name>,
# which the e2e tests read to skip with that reason instead of passing.
set -uo pipefail

THANOS_VERSION=v0.42.4
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
# k3s tags (v1.25.4+k3s1 ...) carry build metadata that Go module versions cannot, so k3s is only
# reachable as a pseudo-version; this one (commit 0dc63334c0db, Kubernetes v1.25.4-k3s1) is the one
# the module proxy here serves.
K3S_VERSION=v1.25.5-0.20221115215439-0dc63334c0db
# kube-prometheus-stack 45.7.1 (the seed fleet's chart) ships operator v0.63.0, which has no
# PrometheusAgent CRD yet; v0.65.1 is the nearest release with it.
PROMETHEUS_OPERATOR_VERSION=v0.65.1

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

module_dir() { # module@version: prints the module cache directory after go mod download
  go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}

install_k3s() {
  local dir="$cache/k3s-$K3S_VERSION"
  if [ ! -x "$dir/k3s" ]; then
    local src work
    src=$(module_dir "github.com/k3s-io/k3s@$K3S_VERSION")
    [ -d "$src" ] || { report k3s "go mod download github.com/k3s-io/k3s@$K3S_VERSION failed"; return; }
    work=$(mktemp -d)
    cp -r "$src/." "$work/" && chmod -R u+w "$work"
    # inet.af/tcpproxy's vanity host no longer serves it; the same commit lives at github.com/inetaf.
    # Tags as in the module's scripts/build, less seccomp (needs libseccomp-dev, and only the agent's
    # containerd/runc use it: we run the server with --disable-agent); sqlite is mattn/go-sqlite3's
    # bundled amalgamation (cgo), without loadable extensions.
    mkdir -p "$dir"
    (cd "$work" && go mod edit -replace inet.af/tcpproxy=github.com/inetaf/tcpproxy@v0.0.0-20200125044825-b6bb9b5b8252 \
      && timed "go build k3s $K3S_VERSION" nice -n 10 env CGO_ENABLED=1 go build -mod=mod \
        -tags "apparmor netcgo osusergo providerless urfave_cli_no_docs sqlite_omit_load_extension" \
        -ldflags "-w -s -X github.com/k3s-io/k3s/pkg/version.Version=$K3S_VERSION -X github.com/k3s-io/k3s/pkg/version.GitCommit=${K3S_VERSION##*-}
          -X k8s.io/component-base/version.gitVersion=v1.25.4+k3s1 -X k8s.io/client-go/pkg/version.gitVersion=v1.25.4+k3s1" \
        -o "$dir/k3s.tmp" ./cmd/server/main.go) \
      || { rm -rf "$work"; report k3s "go build ./cmd/server (k3s $K3S_VERSION) failed (see output above)"; return; }
    mv "$dir/k3s.tmp" "$dir/k3s"
    rm -rf "$work"
  fi
  ln -sf "$dir/k3s" "$bin/k3s"
  if "$bin/k3s" --version >/dev/null 2>&1; then report k3s ok; else report k3s "k3s --version failed"; fi
}

install_crds() {
  local src
  src=$(module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")/example/prometheus-operator-crd
  [ -d "$src" ] || { report crds "go mod download github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION failed"; return; }
  rm -rf "$root/.tools/crds" && mkdir -p "$root/.tools/crds"
  cp "$src"/*.yaml "$root/.tools/crds/" && chmod -R u+w "$root/.tools/crds" \
    && echo "$PROMETHEUS_OPERATOR_VERSION" > "$root/.tools/crds/VERSION" \
    || { report crds "copying $src failed"; return; }
  report crds ok
}

if ! command -v go >/dev/null 2>&1; then
  for t in thanos minio k3s crds; do report "$t" "Go is not installed"; done
else
  install_thanos
  install_minio
  install_k3s
  install_crds
fi
install_prometheus

# Exit 0 even when a build failed: the e2e tests skip, saying why, from .tools/status.
echo "install-test-binaries: done, $failures failure(s)"
exit 0

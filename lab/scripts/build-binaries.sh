#!/usr/bin/env bash
# Build the lab's upstream control-plane binaries from Go modules, once per
# version, into ${MESHDECK_CACHE_DIR:-$HOME/.cache/meshdeck}/bin/<name>-<version>/<name>.
#
#   bash lab/scripts/build-binaries.sh                # build what is missing
#   bash lab/scripts/build-binaries.sh --print-paths  # JSON {name: path}, no build
#   bash lab/scripts/build-binaries.sh --check        # exit 1 if any binary is missing
#
# Versions come from lab/versions.json. The wrapper modules under lab/go/
# (etcd, kube, kwok) pin the upstream modules and their go.sum; Argo Rollouts
# carries replace directives, so it is built inside a copy of its own module.
# GOPATH / GOMODCACHE / GOCACHE are left at their defaults so CI can cache them.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
GO_DIR=$LAB_DIR/go
VERSIONS_JSON=$LAB_DIR/versions.json
CACHE_DIR=${MESHDECK_CACHE_DIR:-$HOME/.cache/meshdeck}
BIN_ROOT=$CACHE_DIR/bin
SRC_ROOT=$CACHE_DIR/src

# Upstream release builds do not embed a git commit we can recover from the
# module proxy, so use a fixed placeholder (module Time is used as buildDate).
GIT_COMMIT=0000000000000000000000000000000000000000

NAMES=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok rollouts-controller)

die() {
  echo "build-binaries: error: $*" >&2
  exit 1
}

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

mode=build
case "${1:-}" in
  "") ;;
  --print-paths) mode=paths ;;
  --check) mode=check ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; die "unknown argument: $1" ;;
esac
[[ $# -le 1 ]] || die "expected at most one argument"

# --- versions ----------------------------------------------------------------

read_versions() {
  local script='const v=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));for(const k of ["kubernetes","etcd","kwok","argoRollouts"]){if(typeof v[k]!=="string"||!v[k])throw new Error("versions.json: missing "+k);console.log(v[k])}'
  if command -v node >/dev/null 2>&1; then
    node -e "$script" "$VERSIONS_JSON"
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$VERSIONS_JSON" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
for k in ("kubernetes", "etcd", "kwok", "argoRollouts"):
    if not isinstance(v.get(k), str) or not v[k]:
        sys.exit("versions.json: missing " + k)
    print(v[k])
PY
  else
    die "need node or python3 to read $VERSIONS_JSON"
  fi
}

[[ -f $VERSIONS_JSON ]] || die "missing $VERSIONS_JSON"
mapfile -t _versions < <(read_versions)
[[ ${#_versions[@]} -eq 4 ]] || die "could not read versions from $VERSIONS_JSON"
K8S_VERSION=${_versions[0]}
ETCD_VERSION=${_versions[1]}
KWOK_VERSION=${_versions[2]}
ARGO_VERSION=${_versions[3]}

version_of() {
  case "$1" in
    etcd) echo "$ETCD_VERSION" ;;
    kube-apiserver | kube-controller-manager | kube-scheduler) echo "$K8S_VERSION" ;;
    kwok) echo "$KWOK_VERSION" ;;
    rollouts-controller) echo "$ARGO_VERSION" ;;
    *) die "unknown binary $1" ;;
  esac
}

bin_path() {
  echo "$BIN_ROOT/$1-$(version_of "$1")/$1"
}

json_str() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

# --- --print-paths / --check -------------------------------------------------

if [[ $mode == paths ]]; then
  sep=
  printf '{'
  for name in "${NAMES[@]}"; do
    printf '%s%s:%s' "$sep" "$(json_str "$name")" "$(json_str "$(bin_path "$name")")"
    sep=,
  done
  printf '}\n'
  exit 0
fi

if [[ $mode == check ]]; then
  missing=0
  for name in "${NAMES[@]}"; do
    p=$(bin_path "$name")
    if [[ -f $p && -x $p ]]; then
      echo "ok       $name $p" >&2
    else
      echo "missing  $name $p" >&2
      missing=1
    fi
  done
  exit "$missing"
fi

# --- build -------------------------------------------------------------------

# Fast path: everything already built (needs no Go toolchain).
all_present=1
for name in "${NAMES[@]}"; do
  p=$(bin_path "$name")
  [[ -f $p && -x $p ]] || all_present=0
done
if [[ $all_present == 1 ]]; then
  for name in "${NAMES[@]}"; do
    printf 'cached   %-24s        %s\n' "$name" "$(bin_path "$name")" >&2
  done
  exit 0
fi

command -v go >/dev/null 2>&1 || die "go not found in PATH"
export GOTOOLCHAIN=local
# Static, reproducible-ish binaries like the upstream release builds; no
# dependence on a C toolchain being present.
export CGO_ENABLED=0
# No VCS stamping (module sources carry no .git); -mod is passed per build.
export GOFLAGS=-buildvcs=false

GO_VERSION=$(go env GOVERSION)
echo "build-binaries: $GO_VERSION, cache $BIN_ROOT" >&2

# Module time from the proxy (.info), formatted for buildDate ldflags.
# Usage: module_time <dir-with-go.mod> <module>
module_time() {
  (cd "$1" && go list -m -f '{{if .Time}}{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}{{end}}' "$2")
}

tmp_out=
cleanup() {
  if [[ -n $tmp_out ]]; then rm -f "$tmp_out"; fi
}
trap cleanup EXIT

built=0
cached=0

# build_one <name> <workdir> <go build args...>
# Runs `go build -trimpath -o <tmp> <args...>` in <workdir>, then moves the
# result into place atomically.
build_one() {
  local name=$1 workdir=$2
  shift 2
  local out dir start secs
  out=$(bin_path "$name")
  dir=$(dirname "$out")
  mkdir -p "$dir"
  tmp_out="$dir/.$name.tmp.$$"
  echo "building $name $(version_of "$name") ..." >&2
  start=$(date +%s)
  if ! (cd "$workdir" && go build -trimpath -o "$tmp_out" "$@"); then
    die "go build of $name failed (see the go error above; ran in $workdir: go build -trimpath -o $tmp_out $*)"
  fi
  chmod 0755 "$tmp_out"
  mv -f "$tmp_out" "$out"
  tmp_out=
  secs=$(($(date +%s) - start))
  printf 'built    %-24s %4ds  %s\n' "$name" "$secs" "$out" >&2
  built=$((built + 1))
}

is_cached() {
  local p
  p=$(bin_path "$1")
  if [[ -f $p && -x $p ]]; then
    printf 'cached   %-24s        %s\n' "$1" "$p" >&2
    cached=$((cached + 1))
    return 0
  fi
  return 1
}

# Check that a wrapper module pins the version from versions.json.
require_pin() {
  local dir=$1 mod=$2 want=$3 have
  have=$(cd "$dir" && go list -m -f '{{.Version}}' "$mod") ||
    die "cannot resolve $mod in $dir"
  [[ $have == "$want" ]] ||
    die "$dir/go.mod pins $mod $have but versions.json wants $want; run: (cd $dir && go get $mod@$want && go mod tidy)"
}

# --- etcd ---------------------------------------------------------------------

if ! is_cached etcd; then
  require_pin "$GO_DIR/etcd" go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
  build_one etcd "$GO_DIR/etcd" -mod=readonly \
    -ldflags "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=${GIT_COMMIT:0:7}" \
    go.etcd.io/etcd/server/v3
fi

# --- kubernetes -----------------------------------------------------------------

kube_ldflags=
for name in kube-apiserver kube-controller-manager kube-scheduler; do
  is_cached "$name" && continue
  if [[ -z $kube_ldflags ]]; then
    require_pin "$GO_DIR/kube" k8s.io/kubernetes "$K8S_VERSION"
    kv=${K8S_VERSION#v}
    kmajor=${kv%%.*}
    kminor=${kv#*.}
    kminor=${kminor%%.*}
    kdate=$(module_time "$GO_DIR/kube" k8s.io/kubernetes)
    kdate=${kdate:-1970-01-01T00:00:00Z}
    kube_ldflags="-s -w"
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      kube_ldflags+=" -X $pkg.gitVersion=$K8S_VERSION"
      kube_ldflags+=" -X $pkg.gitMajor=$kmajor"
      kube_ldflags+=" -X $pkg.gitMinor=$kminor"
      kube_ldflags+=" -X $pkg.gitCommit=$GIT_COMMIT"
      kube_ldflags+=" -X $pkg.gitTreeState=clean"
      kube_ldflags+=" -X $pkg.buildDate=$kdate"
    done
  fi
  build_one "$name" "$GO_DIR/kube" -mod=readonly -ldflags "$kube_ldflags" \
    "k8s.io/kubernetes/cmd/$name"
done

# --- kwok -----------------------------------------------------------------------

if ! is_cached kwok; then
  require_pin "$GO_DIR/kwok" sigs.k8s.io/kwok "$KWOK_VERSION"
  build_one kwok "$GO_DIR/kwok" -mod=readonly \
    -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION" \
    sigs.k8s.io/kwok/cmd/kwok
fi

# --- argo rollouts ----------------------------------------------------------------
# Its go.mod has replace directives (k8s.io/* => v0.34.x), which only apply when
# it is the main module, so build inside a private, writable copy of the module
# source (the module cache is read-only). The copy is extracted from the
# checksum-verified module zip.

prepare_module_src() {
  local mod=$1 ver=$2 dest=$3 json zip parsed err
  if [[ -f $dest/.meshdeck-src-complete ]]; then
    return 0
  fi
  # `go mod download` exits non-zero when the module's go directive is newer
  # than the local toolchain, but it still fetches and verifies the zip.
  mkdir -p "$SRC_ROOT"
  json=$(cd "$SRC_ROOT" && go mod download -json "$mod@$ver" 2>&1) || true
  parsed=$(printf '%s' "$json" | python3 -c 'import json,sys
d=json.load(sys.stdin); print(d.get("Zip","")); print(d.get("Error",""))' 2>/dev/null) ||
    die "go mod download $mod@$ver failed: $json"
  zip=$(sed -n 1p <<<"$parsed")
  err=$(sed -n 2p <<<"$parsed")
  if [[ -z $zip || ! -f $zip ]]; then
    die "go mod download $mod@$ver failed: ${err:-$json}"
  fi
  local staging=$dest.tmp.$$
  rm -rf "$staging"
  mkdir -p "$staging"
  python3 - "$zip" "$staging" "$mod@$ver/" <<'PY'
import os, sys, zipfile
zpath, dest, prefix = sys.argv[1:4]
with zipfile.ZipFile(zpath) as z:
    for info in z.infolist():
        if not info.filename.startswith(prefix):
            sys.exit("unexpected entry in module zip: " + info.filename)
        rel = info.filename[len(prefix):]
        if not rel or rel.endswith("/"):
            continue
        target = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target, "wb") as dst:
            dst.write(src.read())
PY
  touch "$staging/.meshdeck-src-complete"
  rm -rf "$dest"
  mv "$staging" "$dest"
}

# Lower the module's go directive to the local toolchain when it is newer
# (e.g. argo-rollouts v1.9.3 says `go 1.26.10`). Patch releases do not change
# the language, so this only skips the toolchain-upgrade gate.
fit_go_directive() {
  local dir=$1 want local_v
  want=$(cd "$dir" && go mod edit -json | python3 -c 'import json,sys; print(json.load(sys.stdin).get("Go",""))')
  local_v=${GO_VERSION#go}
  local_v=${local_v%%[-+ ]*}
  if [[ -n $want && $(printf '%s\n%s\n' "$want" "$local_v" | sort -V | tail -n1) != "$local_v" ]]; then
    echo "note: $(basename "$dir") wants go $want, local is go $local_v; building with go directive $local_v" >&2
    (cd "$dir" && go mod edit -go="$local_v" -toolchain=none)
  fi
}

if ! is_cached rollouts-controller; then
  command -v python3 >/dev/null 2>&1 || die "python3 is needed to unpack the argo-rollouts module"
  argo_src=$SRC_ROOT/argo-rollouts-$ARGO_VERSION
  prepare_module_src github.com/argoproj/argo-rollouts "$ARGO_VERSION" "$argo_src"
  fit_go_directive "$argo_src"
  adate=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("Time",""))' \
    "$(go env GOMODCACHE)/cache/download/github.com/argoproj/argo-rollouts/@v/$ARGO_VERSION.info" 2>/dev/null || true)
  adate=${adate:-1970-01-01T00:00:00Z}
  apkg=github.com/argoproj/argo-rollouts/utils/version
  build_one rollouts-controller "$argo_src" -mod=mod \
    -ldflags "-s -w -X $apkg.version=${ARGO_VERSION#v} -X $apkg.gitTag=$ARGO_VERSION -X $apkg.gitCommit=$GIT_COMMIT -X $apkg.gitTreeState=clean -X $apkg.buildDate=$adate" \
    ./cmd/rollouts-controller
fi

echo "build-binaries: $built built, $cached cached" >&2

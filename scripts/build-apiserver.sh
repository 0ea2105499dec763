#!/usr/bin/env bash
# Builds the standalone Kubernetes CRD API server (k8s.io/apiextensions-apiserver) from Debian's Go
# source packages, for the tests that need a real API server for the drover.io API.
#
#   scripts/build-apiserver.sh OUTPUT_FILE
#
# Nothing is installed system-wide: a private apt configuration reads Debian unstable's package
# lists into a temporary directory, downloads the Go toolchain and the golang-* source packages
# (about 320 packages, 324 MB), unpacks them there and builds a static binary in GOPATH mode,
# offline (about 4 minutes on 2 cores). Debian unstable serves only current versions, so the exact
# Kubernetes version follows Debian; the tests print the version they run.
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 OUTPUT_FILE" >&2
  exit 64
fi
output=$1
for tool in apt-get apt-cache dpkg-deb; do
  if ! command -v "$tool" >/dev/null; then
    echo "$0: needs $tool (a Debian or Ubuntu machine)" >&2
    exit 69
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/drover-apiserver-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/debs" "$work/root"

cat >"$work/apt/sources.list" <<SOURCES
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main
SOURCES
cat >"$work/apt/apt.conf" <<CONF
Dir::Etc::SourceList "$work/apt/sources.list";
Dir::Etc::SourceParts "$work/apt/none";
Dir::State::Lists "$work/apt/lists";
Dir::State::Status "$work/apt/status";
Dir::Cache "$work/apt/cache";
APT::Architecture "amd64";
Debug::NoLocking "true";
CONF
touch "$work/apt/status"
if [[ $(id -u) -eq 0 ]]; then
  # apt drops to the _apt user to download, which cannot write into a private temp directory.
  echo 'APT::Sandbox::User "root";' >>"$work/apt/apt.conf"
fi
export APT_CONFIG="$work/apt/apt.conf"

echo "Reading Debian unstable's package lists (private apt configuration in $work)..."
apt-get update -qq

echo "Resolving the Go toolchain and the apiextensions-apiserver sources..."
mapfile -t packages < <(
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances golang-k8s-apiextensions-apiserver-dev golang-go |
    grep -E '^golang-[a-z0-9.+-]+$' | sort -u
)
echo "Downloading ${#packages[@]} packages..."
(cd "$work/debs" && apt-get download -qq "${packages[@]}")

echo "Unpacking..."
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$work/root"
done

goroot=$(find "$work/root/usr/lib" -maxdepth 1 -type d -name 'go-*' | sort -V | tail -1)
if [[ -z $goroot ]]; then
  echo "$0: no Go toolchain among the unpacked packages" >&2
  exit 1
fi
echo "Building with $("$goroot/bin/go" version) (about 4 minutes on 2 cores)..."
mkdir -p "$(dirname "$output")"
(
  cd "$work/root/usr/share/gocode/src/k8s.io/apiextensions-apiserver"
  GOROOT="$goroot" GOPATH="$work/root/usr/share/gocode" GO111MODULE=off GOPROXY=off \
    GOTOOLCHAIN=local CGO_ENABLED=0 GOCACHE="$work/gocache" \
    "$goroot/bin/go" build -p 2 -trimpath -ldflags='-s -w' -o "$output.partial" .
)
mv "$output.partial" "$output"
echo "Built $output"

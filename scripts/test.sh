#!/usr/bin/env bash
# Runs every Drover test on a fresh machine that has only a JDK.
#
# Maven and every library come from Maven Central through the Maven Wrapper, and the build starts
# its own Kafka broker. What the tests need beyond that comes from Debian's packages, installed
# here when missing:
#   postgresql  the engine's resource guard is tested against a real database server
#   prometheus  the alert rules are checked with promtool, and the dashboards' and rules' queries
#               are evaluated by a real Prometheus server scraping a real runtime
#   etcd-server the real Kubernetes API server the tests run (apiextensions-apiserver) stores in it
#   kubernetes-client  the README's kubectl commands are run by a real kubectl (when none is here)
#   and Debian's shellcheck, which checks every shell script, the kind suite's among them
#
# The API server binary itself comes from $DROVER_APISERVER_BIN, or the per-user cache
# (~/.cache/drover), or is built into that cache from Debian's Go packages the first time a test
# needs it (scripts/build-apiserver.sh: about 5 minutes and 324 MB of downloads, once per machine).
set -euo pipefail

cd "$(dirname "$0")/.."

missing=()
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  missing+=(postgresql)
fi
if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
  missing+=(prometheus)
fi
if ! command -v etcd >/dev/null; then
  missing+=(etcd-server)
fi
if ! command -v shellcheck >/dev/null; then
  missing+=(shellcheck)
fi
if ! command -v kubectl >/dev/null; then
  missing+=(kubernetes-client)
fi

if ((${#missing[@]} > 0)); then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

exec ./mvnw -B verify "$@"

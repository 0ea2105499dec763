#!/usr/bin/env bash
# Runs the Drover sandbox: a real Kafka broker, a stand-in Kubernetes API, the real operator and
# real consumer pods on this machine, with one example ConsumerGroup and sample traffic that
# includes poison messages. Needs only a JDK 17+. Ctrl-C stops it gracefully.
#
#   ./scripts/sandbox.sh                   # until Ctrl-C
#   ./scripts/sandbox.sh --duration 2m     # or for a while
set -euo pipefail

cd "$(dirname "$0")/.."

if (($# > 0)) && [[ $1 != --duration ]]; then
  echo "Usage: $0 [--duration 90s|2m|1m30s|2h]" >&2
  exit 2
fi

echo "Building Drover (first run: a few minutes to download Maven and the dependencies)…"
./mvnw -B -q install -DskipTests -Dcheckstyle.skip -Dspotless.check.skip -Denforcer.skip
exec ./mvnw -B -q -pl e2e-tests exec:exec@sandbox -Dsandbox.args="$*"

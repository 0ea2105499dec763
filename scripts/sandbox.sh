#!/usr/bin/env bash
# Runs the Drover sandbox: a real Kafka broker, a stand-in Kubernetes API, the real operator and
# real consumer pods on this machine, with one example ConsumerGroup and sample traffic that
# includes poison messages, and a real Prometheus with the chart's alert rules when this machine
# has one. Needs only a JDK 17+. Ctrl-C stops it gracefully.
#
#   ./scripts/sandbox.sh                          # until Ctrl-C
#   ./scripts/sandbox.sh --duration 2m            # or for a while: 90s, 2m, 1m30s, 2h
#   ./scripts/sandbox.sh --duration 2m --keep     # and keep its files (pod logs) afterwards
set -euo pipefail

cd "$(dirname "$0")/.."

usage="Usage: $0 [--duration 90s|2m|1m30s|2h] [--keep]"
args=("$@")
while (($# > 0)); do
  case $1 in
    --keep) shift ;;
    --duration)
      if (($# < 2)); then
        echo "$usage" >&2
        exit 2
      fi
      shift 2
      ;;
    *)
      echo "$usage" >&2
      exit 2
      ;;
  esac
done

# Build only when nothing was built yet or a source changed since the last build.
stamp=target/sandbox-build.stamp
if [[ ! -f $stamp ]]; then
  echo "First run: building Drover (a few minutes to download Maven and the dependencies)…"
elif [[ -n $(find pom.xml ./*/pom.xml ./*/src -newer "$stamp" -type f -print -quit) ]]; then
  echo "Sources changed since the last build: rebuilding (about a minute)…"
else
  stamp=
fi
if [[ -n $stamp ]]; then
  ./mvnw -B -q install -DskipTests -Dcheckstyle.skip -Dspotless.check.skip -Denforcer.skip
  mkdir -p target
  touch "$stamp"
fi
exec ./mvnw -B -q -pl e2e-tests exec:exec@sandbox -Dsandbox.args="${args[*]}"

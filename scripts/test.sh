#!/usr/bin/env bash
# Runs every Drover test on a fresh machine that has only a JDK.
#
# Everything the tests need comes from Maven Central through the Maven Wrapper: the build
# resolves and starts its own Kafka broker. When a test needs a Debian package, this script is
# where it gets installed, before Maven runs.
set -euo pipefail

cd "$(dirname "$0")/.."
exec ./mvnw -B verify "$@"

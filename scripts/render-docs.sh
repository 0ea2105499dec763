#!/usr/bin/env bash
# Renders the documentation's pictures from their sources, offline, with Graphviz (Debian's
# graphviz package): docs/images/*.dot -> docs/images/*.svg. Run it after editing a .dot file and
# commit both.
set -euo pipefail

cd "$(dirname "$0")/.."

if ! command -v dot >/dev/null; then
  echo "Graphviz is missing: sudo apt-get install graphviz" >&2
  exit 1
fi
for source in docs/images/*.dot; do
  dot -Tsvg "$source" -o "${source%.dot}.svg"
  echo "rendered ${source%.dot}.svg"
done

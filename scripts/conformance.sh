#!/usr/bin/env bash
# Runs the shared differential conformance suite (the real `aws` v1 against
# this clone, both talking to moto_server) when it and its tools are present.
# Prints "conformance: skipped (<reason>)" and exits 0 when they are not.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
harness="$here/../shared/conformance"
for need in aws moto_server python3; do
  if ! command -v "$need" >/dev/null 2>&1; then echo "conformance: skipped ($need is not installed)"; exit 0; fi
done
if [ ! -x "$harness/run" ]; then echo "conformance: skipped (no ../shared/conformance beside the project)"; exit 0; fi
exec "$harness/run" "$@" "$here/bin/copy-snapshot" "$harness/public-cases.sh"

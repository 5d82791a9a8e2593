#!/bin/sh
# Re-runs every differential case (or those matching $1) with the installed
# AWS CLI v1 and stores its outcomes in fixtures/aws.json.
#   test/differential/capture.sh            # all cases
#   test/differential/capture.sh '^config-' # some
cd "$(dirname "$0")/../.." || exit 1
DIFF_CAPTURE=1 DIFF_ONLY="${1:-.}" exec npx vitest run test/differential/differential.test.ts

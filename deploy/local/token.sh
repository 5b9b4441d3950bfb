#!/usr/bin/env bash
# Mints a JWT of the local platform's development issuer and prints only the token (see README.md):
#   TOKEN=$(./deploy/local/token.sh demo tenant-admin)      # or tenant-viewer
#   TOKEN=$(./deploy/local/token.sh - platform-operator)    # no tenant
# Valid 12 hours. Needs the platform built once (./deploy/local/run.sh); it need not be running.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d deploy/local/target/lib ]; then
  echo "Build the platform first: ./deploy/local/run.sh" >&2
  exit 1
fi
exec java -cp "deploy/local/target/classes:deploy/local/target/lib/*" io.wxplatform.local.MintToken "$@"

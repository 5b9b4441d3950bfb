#!/usr/bin/env bash
# Builds what is out of date and runs the whole platform on this machine (see README.md).
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
stamp=deploy/local/target/.built
if [ ! -f "$stamp" ] || [ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.yml' -o -name '*.properties' \) -newer "$stamp" -not -path '*/target/*' -print -quit)" ]; then
  echo "Building the platform (first time, or sources changed)..."
  ./mvnw -B -q -Dmaven.test.skip=true -pl deploy/local -am package
  touch "$stamp"
fi
exec java -XX:+UseSerialGC -Xmx256m -cp "deploy/local/target/classes:deploy/local/target/lib/*" \
  io.wxplatform.local.LocalPlatform "$@"

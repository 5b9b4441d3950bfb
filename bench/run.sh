#!/usr/bin/env bash
# bench/run.sh callback [--quick] | tokens [--accounts=N[,N...] --lifetime=300s [--kill-one]] | fault-callback-kill |
# fault-kafka-stop |
# sync [--quick] [--followers=N] | sends [--quick]:
# runs one benchmark or fault run (docs/benchmarks.md); its last line is the result. --quick: 5 s phases, a smoke
# run proving the callback benchmark works (its figures mean nothing).
# BENCH_OPTS passes -Dbench.* knobs; BENCH_NO_BUILD=1 uses the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=bench/target/.built
needs_build() {
  [ ! -f "$stamp" ] && return 0
  for m in token-service callback-service gateway sandbox user-service messaging-service; do
    ls "$m"/target/*-exec.jar >/dev/null 2>&1 || return 0
  done
  [ -n "$(find bench libs token-service callback-service gateway sandbox user-service messaging-service pom.xml \( -name '*.java' -o -name 'pom.xml' \
    -o -name '*.yml' -o -name '*.properties' -o -name '*.xml' \) -newer "$stamp" -not -path '*/target/*' -print -quit)" ]
}
if [ "${BENCH_NO_BUILD:-0}" != 1 ] && needs_build; then
  echo "Building the benchmark and the services it runs..."
  ./mvnw -B -q -o -Dmaven.test.skip=true -pl bench -am package
  touch "$stamp"
fi
# The load generator of the callback benchmark and of the token lookups is wrk (Debian package); install it where
# it is missing.
if { [ "${1:-}" = callback ] || [ "${1:-}" = tokens ] || [ "${1:-}" = sends ]; } && ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (the callback benchmark's load generator)..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null
fi
mkdir -p bench/target/bench-logs
# Progress and the result go to stdout; the benchmark JVM's own logging (embedded broker, clients) to a file.
exec java -Xms3g -Xmx3g -Xlog:gc:file=bench/target/bench-logs/bench-gc.log ${BENCH_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" io.wxplatform.bench.BenchMain "$@" \
  2>>bench/target/bench-logs/bench-jvm.log

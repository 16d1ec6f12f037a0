#!/usr/bin/env bash
# zoo diff on two 50,000-image runs in an H2 database: the comparison (tables, intervals, McNemar, flips) as a ratio of
# reading the two runs' predictions, measured in the same run. Target: the whole diff under a second.
#
# usage: bench/diff-bench.sh [ROWS=50000] [ROUNDS=7]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROWS=${1:-50000}; ROUNDS=${2:-7}
WORK=$(mktemp -d /tmp/zoo-diff-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/zoo" --version >/dev/null
# the benchmark tools are their own module, never in the shipped app
[ -f "$ROOT/benchmarks/target/zoo-benchmarks.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
CP="$ROOT/app/target/quarkus-app/lib/main/*:$ROOT/app/target/quarkus-app/lib/boot/*:$ROOT/benchmarks/target/zoo-benchmarks.jar"
java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.DiffBenchmark "jdbc:h2:file:$WORK/db/zoo;AUTO_SERVER=TRUE;WRITE_DELAY=0" \
  sa "" "$ROWS" "$ROUNDS"

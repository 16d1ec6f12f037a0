#!/usr/bin/env bash
# Inserting 50,000 predictions the way an evaluation does (a transaction per batch, with its progress) on H2 and, when
# ZOO_BENCH_PG_URL is set (e.g. the test script's server), on PostgreSQL; each against the same rows written in one
# transaction of batched inserts, measured in the same run.
#
# usage: bench/predictions-bench.sh [ROWS=50000] [BATCH=64]
#   ZOO_BENCH_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres ZOO_BENCH_PG_USER=zoo bench/predictions-bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROWS=${1:-50000}; BATCH=${2:-64}
WORK=$(mktemp -d /tmp/zoo-predictions-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/zoo" --version >/dev/null
# the benchmark tools are their own module, never in the shipped app
[ -f "$ROOT/benchmarks/target/zoo-benchmarks.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
CP="$ROOT/app/target/quarkus-app/lib/main/*:$ROOT/app/target/quarkus-app/lib/boot/*:$ROOT/benchmarks/target/zoo-benchmarks.jar"
java -cp "$CP" dev.zoo.bench.PredictionInsertBenchmark \
  "jdbc:h2:file:$WORK/db/zoo;AUTO_SERVER=TRUE;WRITE_DELAY=0" sa "" "$ROWS" "$BATCH"
if [ -n "${ZOO_BENCH_PG_URL:-}" ]; then
  java -cp "$CP" dev.zoo.bench.PredictionInsertBenchmark "$ZOO_BENCH_PG_URL" "${ZOO_BENCH_PG_USER:-zoo}" \
    "${ZOO_BENCH_PG_PASSWORD:-}" "$ROWS" "$BATCH"
fi

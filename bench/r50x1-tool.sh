#!/usr/bin/env bash
# Runs one of the evaluator's benchmark tools on random R50x1-layout weights from the reference's generator; what
# feeding-bench.sh and precision-bench.sh share. The tool's own defaults stand for the arguments left out.
#
# usage: bench/r50x1-tool.sh CLASS TOOLS_DIR IMAGE_DIR [N] [SIZE] [BATCH]
#   CLASS      FeedingBenchmark or PrecisionBenchmark (dev.zoo.bench, the benchmarks module)
#   TOOLS_DIR  folder of the reference (bitref.py), e.g. the shared tools folder beside the project
#   IMAGE_DIR  JPEGs (e.g. the 1,000 shared ImageNet samples; never shipped with Zoo)
# Needs Debian's python3-torch (run with /usr/bin/python3) to make the weights.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
CLASS=$1; TOOLS=$(readlink -f "$2"); IMAGES=$(readlink -f "$3"); shift 3
WORK=$(mktemp -d /tmp/zoo-r50x1-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export OMP_WAIT_POLICY=PASSIVE
"$ROOT/zoo" --version >/dev/null
# the benchmark tools are their own module, never in the shipped app
[ -f "$ROOT/benchmarks/target/zoo-benchmarks.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
/usr/bin/python3 "$ROOT/bench/make_weights.py" "$TOOLS" "$WORK/r50x1.npz"
java -XX:+UseSerialGC -cp "$ROOT/app/target/quarkus-app/lib/main/*:$ROOT/benchmarks/target/zoo-benchmarks.jar" "dev.zoo.bench.$CLASS" \
  "$IMAGES" "$WORK/r50x1.npz" "$@"

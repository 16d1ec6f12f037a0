#!/usr/bin/env bash
# Peak memory of decoding giant images: Zoo's decode threads with the evaluator's pixel budget, and without it,
# against PIL + torchvision on the same generated images (three of 144 MP, one of 48 MP, one decompression bomb),
# measured in one run. Zoo's figure includes the JVM itself (about 100 MB before any image). A decode that does not
# fit the heap is refused by name ("too large to decode in this Java heap") and counted as refused.
#
# usage: bench/decode-memory-bench.sh [THREADS=4] [N_144MP=3]
# Needs Debian's python3-torch, python3-torchvision, python3-pil and python3-numpy (run with /usr/bin/python3).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
THREADS=${1:-4}; BIG=${2:-3}
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/zoo-memory-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

"$ROOT/zoo" --version >/dev/null
[ -f "$ROOT/benchmarks/target/zoo-benchmarks.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
CP="$ROOT/app/target/quarkus-app/lib/main/*:$ROOT/benchmarks/target/zoo-benchmarks.jar"

$PY "$ROOT/bench/make_large_images.py" "$WORK/images" "$BIG"
(cd "$WORK/images" && du -h -- *)
$PY "$ROOT/bench/ref_decode_memory.py" "$WORK/images" 2>/dev/null
# the JVM flags ./zoo runs with; each mode in its own process, so each peak is its own. With the default heap the
# collector lets garbage pile up (the peak is the JVM's choice); with a small heap, what the decoder needs shows:
# without a budget THREADS giant images are decoded at once and some do not fit.
for heap in default 1g; do
  for mode in budget unbounded; do
    flags=(-XX:+UseSerialGC); [ "$heap" = default ] || flags+=("-Xmx$heap")
    printf 'heap %-8s ' "$heap"
    java "${flags[@]}" -cp "$CP" dev.zoo.bench.DecodeMemoryBenchmark "$WORK/images" "$THREADS" "$mode" 2>/dev/null
  done
done

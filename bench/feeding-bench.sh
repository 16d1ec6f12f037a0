#!/usr/bin/env bash
# The host side of feeding batches to the engine, before (float32 tensors built on the host, a new array per batch)
# and after (8-bit planes in a reused buffer, normalised by the engine): host time per image, heap and direct memory
# allocated per batch, bytes handed to the engine; and Zoo's per-batch overhead over DJL's bare forward pass.
# One thread, the same decoded images for both paths; random R50x1-layout weights from the reference's generator.
#
# usage: bench/feeding-bench.sh TOOLS_DIR IMAGE_DIR [N=64] [SIZE=480] [BATCH=16]
#   TOOLS_DIR  folder of the reference (bitref.py), e.g. the shared tools folder beside the project
#   IMAGE_DIR  JPEGs (e.g. the 1,000 shared ImageNet samples; never shipped with Zoo)
# Needs Debian's python3-torch (run with /usr/bin/python3) to make the weights.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
TOOLS=$(readlink -f "$1"); IMAGES=$(readlink -f "$2")
N=${3:-64}; SIZE=${4:-480}; BATCH=${5:-16}
WORK=$(mktemp -d /tmp/zoo-feeding-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export OMP_WAIT_POLICY=PASSIVE
"$ROOT/zoo" --version >/dev/null
/usr/bin/python3 "$ROOT/bench/make_weights.py" "$TOOLS" "$WORK/r50x1.npz"
java -XX:+UseSerialGC -cp "$ROOT/app/target/quarkus-app/lib/main/*" dev.zoo.evaluator.tools.FeedingBenchmark \
  "$IMAGES" "$WORK/r50x1.npz" "$N" "$SIZE" "$BATCH"

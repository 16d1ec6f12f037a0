#!/usr/bin/env bash
# How far Zoo's fp16 forward pass is from float32 on R50x1-layout weights (random, from the reference's generator)
# and real images, on this machine's CPU: largest logit difference, top-1/top-5 agreement, time ratio. (bf16 cannot be
# measured through DJL 0.36: its PyTorch binding aborts on bfloat16 tensors.)
#
# usage: bench/precision-bench.sh TOOLS_DIR IMAGE_DIR [N=32] [SIZE=480] [BATCH=8]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
TOOLS=$(readlink -f "$1"); IMAGES=$(readlink -f "$2")
N=${3:-32}; SIZE=${4:-480}; BATCH=${5:-8}
WORK=$(mktemp -d /tmp/zoo-precision-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export OMP_WAIT_POLICY=PASSIVE
"$ROOT/zoo" --version >/dev/null
/usr/bin/python3 "$ROOT/bench/make_weights.py" "$TOOLS" "$WORK/r50x1.npz"
java -XX:+UseSerialGC -cp "$ROOT/app/target/quarkus-app/lib/main/*" dev.zoo.evaluator.tools.PrecisionBenchmark \
  "$IMAGES" "$WORK/r50x1.npz" "$N" "$SIZE" "$BATCH"

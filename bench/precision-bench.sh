#!/usr/bin/env bash
# How far Zoo's fp16 forward pass is from float32 on R50x1-layout weights (random, from the reference's generator)
# and real images, on this machine's CPU: largest logit difference, top-1/top-5 agreement, time ratio. (bf16 cannot be
# measured through DJL 0.36: its PyTorch binding aborts on bfloat16 tensors.)
#
# usage: bench/precision-bench.sh TOOLS_DIR IMAGE_DIR [N=32] [SIZE=480] [BATCH=8]   (see bench/r50x1-tool.sh)
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/r50x1-tool.sh" PrecisionBenchmark "$@"

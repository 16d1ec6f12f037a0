#!/usr/bin/env bash
# The host side of feeding batches to the engine, before (float32 tensors built on the host, a new array per batch)
# and after (8-bit planes in a reused buffer, normalised by the engine): host time per image, heap and direct memory
# allocated per batch, bytes handed to the engine; and Zoo's per-batch overhead over DJL's bare forward pass.
# One thread, the same decoded images for both paths; random R50x1-layout weights from the reference's generator.
#
# usage: bench/feeding-bench.sh TOOLS_DIR IMAGE_DIR [N=64] [SIZE=480] [BATCH=16]   (see bench/r50x1-tool.sh)
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/r50x1-tool.sh" FeedingBenchmark "$@"

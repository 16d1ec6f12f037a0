"""Random BiT R50x1-layout weights (float32 .npz) for bench/eval-bench.sh, from the reference's generator.
usage: make_weights.py TOOLS_DIR OUT.npz"""
import sys
import numpy as np
sys.path.insert(0, sys.argv[1])
import bitref
np.savez(sys.argv[2], **bitref.random_weights([3, 4, 6, 3], 64, True, 1000, seed=3))

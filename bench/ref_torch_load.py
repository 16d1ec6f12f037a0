"""Reference for bench/timm-resnet-bench.sh: torch.load of a checkpoint into CPU tensors, REPEATS times in one process.
usage: ref_torch_load.py CHECKPOINT [REPEATS=5]; prints the first and the median time."""
import statistics, sys, time
import torch

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
torch.set_num_threads(1)
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    state = torch.load(path, map_location='cpu')
    elements = sum(t.numel() for t in state.values() if torch.is_tensor(t) and t.is_floating_point())
    times.append(time.perf_counter() - t0)
    del state
print(f"torch.load: {elements} elements, first {times[0]*1000:.0f} ms, median {statistics.median(times)*1000:.0f} ms")

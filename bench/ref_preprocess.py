"""Reference preprocessing throughput for bench/eval-bench.sh: PIL decode + torchvision's transforms, one process on
one thread (torch.set_num_threads(1): the per-core figure), as ref_pipeline_bench.py measures it.
RECIPE: a size for BiT's recipe (Resize(size, bilinear), CenterCrop(size)), or "timm" for timm's usual one
(Resize(256, bicubic), CenterCrop(224)); both then ToTensor, Normalize(0.5, 0.5).
With "gpu" as fourth argument, what timm's loader feeds a GPU instead: the cropped image as a uint8 CHW tensor
(timm's ToNumpy then torch.from_numpy; its prefetcher normalises on the device).
With "stages", the CPU time per image of decoding, resizing + cropping and ToTensor + Normalize apart, best of three
passes (time the machine gives to others does not count), as PreprocessBenchmark's "stages" measures Zoo.
usage: ref_preprocess.py IMAGE_DIR N [RECIPE=480] [cpu|gpu|stages]"""
import os, sys, time
import torch
from PIL import Image
import torchvision.transforms as T

torch.set_num_threads(1)
d, n = sys.argv[1], int(sys.argv[2])
recipe = sys.argv[3] if len(sys.argv) > 3 else "480"
files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(('.JPEG', '.jpg')))[:n]
if recipe == "timm":
    size, resize = 224, T.Resize(256, interpolation=T.InterpolationMode.BICUBIC)
else:
    size = int(recipe)
    resize = T.Resize(size, interpolation=T.InterpolationMode.BILINEAR)
mode = sys.argv[4] if len(sys.argv) > 4 else "cpu"
gpu = mode == "gpu"
if mode == "stages":
    crop, tensor = T.CenterCrop(size), T.Compose([T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
    best = [float("inf")] * 3
    for _ in range(3):
        spent = [0.0] * 3
        for f in files:
            t0 = time.process_time()
            im = Image.open(f).convert('RGB')
            t1 = time.process_time()
            im = crop(resize(im))
            t2 = time.process_time()
            tensor(im)
            t3 = time.process_time()
            spent = [spent[0] + t1 - t0, spent[1] + t2 - t1, spent[2] + t3 - t2]
        best = [min(b, s * 1000 / len(files)) for b, s in zip(best, spent)]
    print(f"stages per image (CPU time, best of 3): decode {best[0]:.2f} ms, resize + crop {best[1]:.2f} ms, "
          f"to tensor + normalise {best[2]:.2f} ms")
    sys.exit(0)
if gpu:
    import numpy as np
    to_uint8 = lambda im: torch.from_numpy(np.moveaxis(np.asarray(im, dtype=np.uint8), 2, 0).copy())
    tf = T.Compose([resize, T.CenterCrop(size), to_uint8])
else:
    tf = T.Compose([resize, T.CenterCrop(size), T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
for f in files:
    tf(Image.open(f).convert('RGB'))   # warm-up (file cache, allocator), as the Java side gets
t = time.time()
for f in files:
    tf(Image.open(f).convert('RGB'))
dt = time.time() - t
print(f"preprocess: {len(files)} images in {dt:.2f}s = {len(files)/dt:.1f} img/s (1 process, 1 thread, {recipe}"
      f"{', uint8 for a GPU' if gpu else ''})")

"""Reference preprocessing throughput for bench/eval-bench.sh: PIL decode + torchvision's transforms, one process on
one thread (torch.set_num_threads(1): the per-core figure), as ref_pipeline_bench.py measures it.
RECIPE: a size for BiT's recipe (Resize(size, bilinear), CenterCrop(size)), or "timm" for timm's usual one
(Resize(256, bicubic), CenterCrop(224)); both then ToTensor, Normalize(0.5, 0.5).
With "gpu" as fourth argument, what timm's loader feeds a GPU instead: the cropped image as a uint8 CHW tensor
(timm's ToNumpy then torch.from_numpy; its prefetcher normalises on the device).
usage: ref_preprocess.py IMAGE_DIR N [RECIPE=480] [gpu]"""
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
gpu = len(sys.argv) > 4 and sys.argv[4] == "gpu"
if gpu:
    import numpy as np
    to_uint8 = lambda im: torch.from_numpy(np.moveaxis(np.asarray(im, dtype=np.uint8), 2, 0).copy())
    tf = T.Compose([resize, T.CenterCrop(size), to_uint8])
else:
    tf = T.Compose([resize, T.CenterCrop(size), T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
for f in files[:300]:
    tf(Image.open(f).convert('RGB'))   # warm-up (file cache, allocator), as the Java side gets
t = time.time()
for f in files:
    tf(Image.open(f).convert('RGB'))
dt = time.time() - t
print(f"preprocess: {len(files)} images in {dt:.2f}s = {len(files)/dt:.1f} img/s (1 process, 1 thread, {recipe}"
      f"{', uint8 for a GPU' if gpu else ''})")

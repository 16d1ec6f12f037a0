"""Reference preprocessing throughput for bench/eval-bench.sh: PIL decode + torchvision Resize(480, bilinear),
CenterCrop(480), ToTensor, Normalize(0.5, 0.5), one process, as ref_pipeline_bench.py measures it.
usage: ref_preprocess.py IMAGE_DIR N"""
import os, sys, time
from PIL import Image
import torchvision.transforms as T

d, n = sys.argv[1], int(sys.argv[2])
files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(('.JPEG', '.jpg')))[:n]
tf = T.Compose([T.Resize(480, interpolation=T.InterpolationMode.BILINEAR), T.CenterCrop(480), T.ToTensor(),
                T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
for f in files[:300]:
    tf(Image.open(f).convert('RGB'))   # warm-up (file cache, allocator), as the Java side gets
t = time.time()
for f in files:
    tf(Image.open(f).convert('RGB'))
dt = time.time() - t
print(f"preprocess: {len(files)} images in {dt:.2f}s = {len(files)/dt:.1f} img/s (1 process, size 480)")

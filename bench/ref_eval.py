"""Reference evaluation for bench/eval-bench.sh: PIL + torchvision preprocessing and the BiT network of the reference
(bitref.py, given by its folder), run the plain PyTorch way: decode and preprocess a batch, then forward it.
usage: ref_eval.py TOOLS_DIR WEIGHTS.npz DATA_DIR N BATCH THREADS PREDICTIONS.csv
DATA_DIR holds one folder per wnid; labels are the sorted folder index (= the standard ImageNet index)."""
import os, sys, time
import numpy as np, torch
from PIL import Image
import torchvision.transforms as T

tools, weights, data, n, batch, threads, out = sys.argv[1:8]
sys.path.insert(0, tools)
import bitref

n, batch, threads = int(n), int(batch), int(threads)
torch.set_num_threads(threads)
classes = sorted(os.listdir(data))
files = [(os.path.join(c, f), i) for i, c in enumerate(classes) for f in sorted(os.listdir(os.path.join(data, c)))]
files = sorted(files)[:n]
w = dict(np.load(weights))
tf = T.Compose([T.Resize(480, interpolation=T.InterpolationMode.BILINEAR), T.CenterCrop(480), T.ToTensor(),
                T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
top1 = top5 = 0
rows = []
t0 = time.time()
with torch.no_grad():
    for i in range(0, len(files), batch):
        chunk = files[i:i + batch]
        x = torch.stack([tf(Image.open(os.path.join(data, f)).convert('RGB')) for f, _ in chunk])
        logits = bitref.forward(w, x)
        top = logits.topk(5, dim=1).indices
        for (f, label), t in zip(chunk, top.tolist()):
            top1 += t[0] == label
            top5 += label in t
            rows.append(f"{f},{label},{t[0]}")
dt = time.time() - t0
with open(out, 'w') as fh:
    fh.write("\n".join(rows) + "\n")
print(f"reference eval: {len(files)} images in {dt:.1f}s = {len(files)/dt:.3f} img/s "
      f"(batch {batch}, {threads} threads), top-1 {100*top1/len(files):.2f} top-5 {100*top5/len(files):.2f}")

"""Reference for bench/timm-resnet-bench.sh: timm's own evaluation path, as its validate.py runs it without loader
workers: create_model, load_checkpoint, resolve_data_config and create_transform (PIL + torchvision), then decode,
preprocess and forward batch by batch on torch, with the given thread count.
usage: ref_timm_eval.py TIMM_DIR MODEL CHECKPOINT DATA_DIR N BATCH THREADS PREDICTIONS.csv
DATA_DIR holds one folder per wnid; labels are the sorted folder index (= the standard ImageNet index)."""
import os, sys, time
import torch
from PIL import Image

timm_dir, model_name, checkpoint, data, n, batch, threads, out = sys.argv[1:9]
sys.path.insert(0, timm_dir)
import timm
from timm.data import resolve_data_config, create_transform
from timm.models import load_checkpoint

n, batch, threads = int(n), int(batch), int(threads)
torch.set_num_threads(threads)
model = timm.create_model(model_name, pretrained=False)
load_checkpoint(model, checkpoint)
model.eval()
config = resolve_data_config({}, model=model)
transform = create_transform(**config)
classes = sorted(os.listdir(data))
files = sorted((os.path.join(c, f), i) for i, c in enumerate(classes) for f in sorted(os.listdir(os.path.join(data, c))))
files = files[:n]
top1 = top5 = 0
rows = []
t0 = time.time()
with torch.no_grad():
    for i in range(0, len(files), batch):
        chunk = files[i:i + batch]
        x = torch.stack([transform(Image.open(os.path.join(data, f)).convert('RGB')) for f, _ in chunk])
        logits = model(x)
        top = logits.topk(5, dim=1).indices
        for (f, label), t in zip(chunk, top.tolist()):
            top1 += t[0] == label
            top5 += label in t
            rows.append(f"{f},{label},{t[0]}")
dt = time.time() - t0
with open(out, 'w') as fh:
    fh.write("\n".join(rows) + "\n")
print(f"timm eval: {len(files)} images in {dt:.1f}s = {len(files)/dt:.3f} img/s "
      f"(batch {batch}, {threads} threads, {config['input_size'][1]} px), "
      f"top-1 {100*top1/len(files):.2f} top-5 {100*top5/len(files):.2f}")

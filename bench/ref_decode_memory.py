"""Peak memory of the reference pipeline (PIL open + convert('RGB'), torchvision Resize 256 bicubic, CenterCrop 224,
ToTensor, Normalize) over the images of a folder, one at a time, as a DataLoader worker reads them.

usage: ref_decode_memory.py DIR
"""
import resource
import sys
import time
from pathlib import Path

from PIL import Image
from torchvision import transforms

t = transforms.Compose([transforms.Resize(256, interpolation=transforms.InterpolationMode.BICUBIC),
                        transforms.CenterCrop(224), transforms.ToTensor(),
                        transforms.Normalize([0.5] * 3, [0.5] * 3)])
decoded = refused = 0
start = time.time()
for f in sorted(Path(sys.argv[1]).iterdir()):
    try:
        with Image.open(f) as im:
            t(im.convert("RGB"))
        decoded += 1
    except (Image.DecompressionBombError, OSError) as e:
        refused += 1
        print(f"refused: {f}: {e}", file=sys.stderr)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"PIL + torchvision (one process): peak RSS {peak} MB, {decoded} decoded, {refused} refused, "
      f"{time.time() - start:.1f} s")

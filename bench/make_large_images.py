"""Writes the large images of bench/decode-memory-bench.sh into a folder: photos of 48 and 144 megapixels (JPEG,
4:2:0, smooth gradients with a little texture) and a decompression bomb (a small JPEG whose header declares
30,000 x 30,000 pixels), all generated here.

usage: make_large_images.py DIR [N_144MP=3]
"""
import struct
import sys
from pathlib import Path

import numpy as np
from PIL import Image

out = Path(sys.argv[1])
big = int(sys.argv[2]) if len(sys.argv) > 2 else 3
out.mkdir(parents=True, exist_ok=True)
Image.MAX_IMAGE_PIXELS = None   # writing them, not reading


def photo(w, h, seed):
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 255, w, dtype=np.float32)
    y = np.linspace(0, 255, h, dtype=np.float32)[:, None]
    rgb = np.empty((h, w, 3), np.uint8)
    rgb[..., 0] = (x + 0 * y) % 256
    rgb[..., 1] = (y + 0 * x) % 256
    rgb[..., 2] = (x + y) % 256
    rgb[:: 7, :: 5] = rng.integers(0, 256, rgb[:: 7, :: 5].shape, dtype=np.uint8)   # texture for the decoder
    return Image.fromarray(rgb, "RGB")


for i in range(big):
    photo(12000, 12000, i).save(out / f"huge-144mp-{i}.jpg", quality=90)
photo(8000, 6000, 99).save(out / "large-48mp.jpg", quality=90)

small = out / "bomb-source.jpg"
photo(64, 48, 7).save(small, quality=90)
data = bytearray(small.read_bytes())
small.unlink()
at = data.index(b"\xff\xc0")          # baseline frame header: height, then width, after length and precision
data[at + 5:at + 9] = struct.pack(">HH", 30000, 30000)
(out / "bomb-900mp.jpg").write_bytes(bytes(data))

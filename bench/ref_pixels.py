"""For bench/pixel-parity.sh: per image, sha256 of PIL's decoded RGB pixels and of torchvision's resized and centre-
cropped pixels under BiT's recipe (Resize(480, bilinear), CenterCrop(480)) and timm's (Resize(256, bicubic),
CenterCrop(224)): "name decoded bit timm" per line.
usage: ref_pixels.py IMAGE_DIR [N]"""
import hashlib, os, sys
import numpy as np
from PIL import Image
import torchvision.transforms as T

d = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else None
files = sorted(f for f in os.listdir(d) if f.endswith(('.JPEG', '.jpg')))[:n]
bit = T.Compose([T.Resize(480, interpolation=T.InterpolationMode.BILINEAR), T.CenterCrop(480)])
timm = T.Compose([T.Resize(256, interpolation=T.InterpolationMode.BICUBIC), T.CenterCrop(224)])
h = lambda im: hashlib.sha256(np.asarray(im, dtype=np.uint8).tobytes()).hexdigest()
for f in files:
    try:
        im = Image.open(os.path.join(d, f)).convert('RGB')
        print(f, h(im), h(bit(im)), h(timm(im)))
    except OSError:
        print(f, "refused refused refused")

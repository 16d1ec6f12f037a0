#!/usr/bin/env python3
"""Records what PIL does with damaged copies of the preprocessing fixtures, for Zoo's decoder test.

Each case is a fixture image damaged in a way a real dataset copy gets damaged: cut at several points, cut just
before its end marker, bytes flipped in its scan data, emptied. For each, PIL either decodes it
(Image.open(f).convert('RGB')) or refuses it; evaluator's DamagedImagesTest checks that Zoo refuses exactly the same
ones. Run with Debian's python3-pil:

    /usr/bin/python3 tools/pil_damage_verdicts.py evaluator/src/test/resources/fixtures/preprocess \
        > evaluator/src/test/resources/fixtures/damaged/pil-verdicts.json
"""
import io
import json
import os
import random
import sys

import PIL
from PIL import Image

BASES = ["landscape.jpg", "portrait.jpg", "odd-large.jpg", "gray.jpg", "cmyk.jpg", "exif-rotated.jpg", "small.jpg",
         "alpha.png", "palette.png"]


def verdict(data):
    try:
        Image.open(io.BytesIO(data)).convert("RGB")
        return "ok"
    except Exception as e:  # PIL's refusals: OSError (truncated, broken stream), UnidentifiedImageError, ...
        return "refused: " + type(e).__name__ + ": " + str(e)[:80]


def main(folder):
    rng = random.Random(20261126)
    cases = []
    for base in BASES:
        data = open(os.path.join(folder, base), "rb").read()
        n = len(data)
        for frac in (0.05, 0.3, 0.6, 0.95):
            cut = int(n * frac)
            cases.append({"base": base, "damage": "truncate", "length": cut, "pil": verdict(data[:cut])})
        for k in (1, 2, 10, 100):
            cases.append({"base": base, "damage": "truncate", "length": n - k, "pil": verdict(data[:n - k])})
        for _ in range(3):
            offsets = sorted(rng.randrange(n // 3, n - 4) for _ in range(6))
            b = bytearray(data)
            for o in offsets:
                b[o] ^= 0x55
            cases.append({"base": base, "damage": "xor55", "offsets": offsets, "pil": verdict(bytes(b))})
    cases.append({"base": "landscape.jpg", "damage": "truncate", "length": 0, "pil": verdict(b"")})
    json.dump({"pillow": PIL.__version__, "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])

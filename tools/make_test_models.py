"""Small classifiers in the formats Zoo reads besides BiT's .npz, with reference logits, for the evaluator's tests.

torchvision's MobileNetV3-Small (random weights from a fixed seed, BatchNorm statistics calibrated on random images
and the head widened so that logits are a few units and differ between images; width 0.25, 10 classes: under 1 MB
per file)
exported three ways: TorchScript scripted and traced (torch.jit) and ONNX (torch.onnx.export, opset 17, a dynamic
batch axis). The reference logits come from the scripted model in PyTorch on the fixture images, preprocessed by PIL +
torchvision exactly as timm's evaluation transform does (resize the shorter side to floor(96 / 0.875) = 109 with
bilinear, centre crop 96, ToTensor, Normalize with ImageNet's mean and std).

Run once with Debian's python3-torch, python3-torchvision and python3-pil (never at test time):
    /usr/bin/python3 tools/make_test_models.py evaluator/src/test/resources/fixtures
It writes FIXTURES/models/: mnv3s-scripted.pt, mnv3s-traced.pt, mnv3s.onnx, reference-logits.npy (images x 10,
float32, in the order of manifest.json) and manifest.json (images, recipe, versions).
"""
import json
import os
import sys

import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision import transforms

SIZE, CROP_PCT, CLASSES = 96, 0.875, 10
SEED = int(os.environ.get("SEED", "6"))   # a seed whose top-5 logits are at least 0.02 apart
MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
IMAGES = ["landscape.jpg", "portrait.jpg", "gray.jpg", "cmyk.jpg", "palette.png", "alpha.png", "small.jpg",
          "odd-large.jpg"]


def main(fixtures):
    out = os.path.join(fixtures, "models")
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(SEED)
    model = torchvision.models.mobilenet_v3_small(width_mult=0.25, num_classes=CLASSES).eval()
    # torchvision's initialisation leaves every image with nearly the same logits (BatchNorm statistics of a network
    # that never saw data): calibrate the statistics on random images, then widen the head so logits are a few units
    # apart and differ from image to image, and a tolerance of 1e-4 means something
    torch.manual_seed(SEED)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.momentum = None   # a plain average over the calibration batches
        model.train()
        for _ in range(8):
            model(torch.rand(16, 3, SIZE, SIZE) * 4 - 2)
        model.eval()
        for module in model.modules():
            if isinstance(module, torch.nn.Linear):
                module.weight.mul_(30)
    example = torch.randn(2, 3, SIZE, SIZE)
    with torch.no_grad():
        scripted = torch.jit.script(model)
        traced = torch.jit.trace(model, example)
    scripted.save(os.path.join(out, "mnv3s-scripted.pt"))
    traced.save(os.path.join(out, "mnv3s-traced.pt"))
    torch.onnx.export(model, example, os.path.join(out, "mnv3s.onnx"), input_names=["input"],
                      output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                      opset_version=17)

    transform = transforms.Compose([
        transforms.Resize(int(SIZE / CROP_PCT), interpolation=transforms.InterpolationMode.BILINEAR),
        transforms.CenterCrop(SIZE), transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    batch = torch.stack([transform(Image.open(os.path.join(fixtures, "preprocess", name)).convert("RGB"))
                         for name in IMAGES])
    with torch.no_grad():
        logits = scripted(batch).float().numpy()
        assert np.allclose(logits, model(batch).numpy(), atol=1e-6)
    np.save(os.path.join(out, "reference-logits.npy"), logits.astype(np.float32))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"images": IMAGES, "model": "torchvision mobilenet_v3_small(width_mult=0.25, num_classes=10), "
                   "seed %d" % SEED, "recipe": {"image_size": SIZE, "crop_pct": CROP_PCT, "interpolation": "bilinear",
                                               "mean": MEAN, "std": STD},
                   "torch": torch.__version__, "torchvision": torchvision.__version__,
                   "files": sorted(set(os.listdir(out)) | {"manifest.json"})}, f, indent=2)


if __name__ == "__main__":
    main(sys.argv[1])

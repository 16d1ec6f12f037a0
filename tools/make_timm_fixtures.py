#!/usr/bin/python3
"""Writes the fixtures that hold Zoo's networks and checkpoint readers to timm and PyTorch, from the timm version the
model cards name (../shared/reference/timm-cards):

1. Expected logits of timm's forward for one model of each kind Zoo builds (evaluator/src/test/resources/fixtures/timm):
   the full-size network with weights made by a rule (below) that the Java test applies too, so the repository holds
   only the logits; the images are two of the preprocessing fixtures, preprocessed as timm's evaluation transform does
   (PIL + torchvision) at each model's own recipe, and once at another size.
2. Small files written by torch.save in each format Zoo reads, and a safetensors file written to the format's
   specification (networks/src/test/resources/fixtures/checkpoints), with the values they hold.

  /usr/bin/python3 tools/make_timm_fixtures.py ../shared/reference

The weight rule (WeightRule.java applies the same): the k-th element of a tensor named N is
  h = (k * 0x9E3779B1 + crc32(N)) mod 2^32, then murmur3's finaliser (h ^= h >> 16; h *= 0x85EBCA6B; h ^= h >> 13;
  h *= 0xC2B2AE35; h ^= h >> 16), u = (h >> 8) / 2^24 in [0, 1), v = 2u - 1 in [-1, 1);
  weights of two or more dimensions: v * sqrt(3 / fan_in) (fan_in: the product of all but the first dimension);
  a 1-D '.weight' (batch norm's scale): 1 + 0.2 v; '.running_var': 0.5 + 0.5 u; '.running_mean' and '.bias': 0.1 v;
  each computed in float64 and rounded once to float32.
Needs Debian's python3-torch, python3-torchvision, python3-pil.
"""
import json
import os
import struct
import sys
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
IMAGES = os.path.join(ROOT, 'evaluator/src/test/resources/fixtures/preprocess')
LOGITS = os.path.join(ROOT, 'evaluator/src/test/resources/fixtures/timm')
CHECKPOINTS = os.path.join(ROOT, 'networks/src/test/resources/fixtures/checkpoints')

# one model of each kind of the ResNet family (timm's ResNet in resnet.py and gluon_resnet.py; senet.py's SENet)
MODELS = [
    'resnet18',                 # basic blocks, 7x7 stem
    'tv_resnet34',              # torchvision's weights layout
    'resnet26d',                # deep stem, average-pool downsampling
    'resnet50',                 # bottleneck
    'wide_resnet50_2',          # base width 128
    'resnext50_32x4d',          # 32 groups
    'seresnext26t_32x4d',       # tiered stem, SE
    'ecaresnet26t',             # ECA, 256 px, crop 0.95
    'ecaresnet50d_pruned',      # widths from timm's pruned table
    'gluon_resnet50_v1c',       # deep stem without average pooling
    'gluon_resnet50_v1s',       # deep stem of 64
    'gluon_seresnext50_32x4d',  # SE given as a class
    'gluon_senet154',           # halved first width, 3x3 downsampling convolutions
    'legacy_seresnet18',        # SENet's basic block
    'legacy_seresnet50',        # stride on the first 1x1 (Caffe's)
    'legacy_seresnext26_32x4d',
    'legacy_senet154',          # 3x3 stem, doubled widths
    'resnetblur18',             # anti-aliased: blur pools in the stem and the basic blocks
    'resnetblur50',             # and in the bottlenecks
]
FIXTURE_IMAGES = ['landscape.jpg', 'portrait.jpg']
# convolutional networks at another size than they were trained at (timm's validate.py --img-size)
OTHER_SIZES = [('resnet50', 288), ('resnet18', 288)]


def rule(name, shape):
    n = int(np.prod(shape)) if len(shape) else 1
    k = np.arange(n, dtype=np.uint64)
    h = (k * np.uint64(0x9E3779B1) + np.uint64(zlib.crc32(name.encode('utf-8')))) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(16)
    u = (h >> np.uint64(8)).astype(np.float64) / float(1 << 24)
    v = 2.0 * u - 1.0
    if len(shape) >= 2:
        values = v * np.sqrt(3.0 / float(np.prod(shape[1:])))
    elif name.endswith('.running_var'):
        values = 0.5 + 0.5 * u
    elif name.endswith('.weight'):
        values = 1.0 + 0.2 * v
    else:
        values = 0.1 * v
    return values.astype(np.float32).reshape(shape)


def ruled_state_dict(model):
    import torch
    sd = {}
    for k, t in model.state_dict().items():
        if k.endswith('num_batches_tracked'):
            sd[k] = t
        else:
            sd[k] = torch.from_numpy(rule(k, list(t.shape)))
    return sd


def logits_fixtures():
    import torch
    from PIL import Image
    import timm
    from timm.data import resolve_data_config, create_transform
    os.makedirs(LOGITS, exist_ok=True)
    torch.set_num_threads(2)
    manifest = {'images': FIXTURE_IMAGES, 'rule': 'tools/make_timm_fixtures.py (WeightRule)', 'models': {}}
    runs = [(m, None) for m in MODELS] + OTHER_SIZES
    for name, size in runs:
        model = timm.create_model(name, pretrained=False)
        model.load_state_dict(ruled_state_dict(model))
        model.eval()
        config = resolve_data_config({} if size is None else {'input_size': (3, size, size)}, model=model)
        transform = create_transform(**config)
        x = torch.stack([transform(Image.open(os.path.join(IMAGES, f)).convert('RGB')) for f in FIXTURE_IMAGES])
        with torch.no_grad():
            out = model(x).numpy().astype(np.float32)
        if not np.isfinite(out).all():
            sys.exit(name + ': non-finite logits from the rule weights')
        # top-5 must be decided by margins far above float32 rounding, or equality would be luck
        gaps = []
        for row in out:
            top = np.sort(row)[::-1][:6]
            gaps.append(float(np.min(np.diff(-top)) / np.max(np.abs(row))))
        key = name if size is None else '%s@%d' % (name, size)
        file = key.replace('@', '-') + '.npy'
        np.save(os.path.join(LOGITS, file), out)
        manifest['models'][key] = {
            'logits': file, 'input_size': list(config['input_size']), 'crop_pct': config['crop_pct'],
            'interpolation': config['interpolation'], 'mean': list(config['mean']), 'std': list(config['std']),
            'url': model.default_cfg.get('url', ''), 'smallest_top6_gap': min(gaps),
            'parameters': sum(p.numel() for p in model.parameters())}
        print('%-28s %s  smallest top-6 gap %.2e of the largest logit' % (key, out.shape, min(gaps)), flush=True)
        del model
    with open(os.path.join(LOGITS, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1, sort_keys=True)


def checkpoint_fixtures():
    """Small state dicts in each format torch.save writes, the shapes a reader meets, and their values."""
    import torch
    from collections import OrderedDict
    os.makedirs(CHECKPOINTS, exist_ok=True)
    base = OrderedDict()
    base['conv.weight'] = torch.from_numpy(rule('conv.weight', [4, 3, 3, 3]))
    base['bn.weight'] = torch.from_numpy(rule('bn.weight', [4]))
    base['bn.bias'] = torch.from_numpy(rule('bn.bias', [4]))
    base['bn.running_mean'] = torch.from_numpy(rule('bn.running_mean', [4]))
    base['bn.running_var'] = torch.from_numpy(rule('bn.running_var', [4]))
    base['bn.num_batches_tracked'] = torch.tensor(7)
    base['fc.weight'] = torch.from_numpy(rule('fc.weight', [5, 4]))
    base['fc.bias'] = torch.from_numpy(rule('fc.bias', [5]))
    files = {}

    def save(name, obj, legacy=False, note=''):
        path = os.path.join(CHECKPOINTS, name)
        torch.save(obj, path, _use_new_zipfile_serialization=not legacy)
        files[name] = note

    save('plain-zip.pth', base, note='a bare state dict, zip format')
    save('plain-legacy.pth', base, legacy=True, note='a bare state dict, legacy format')
    wrapped = {'epoch': 90, 'arch': 'tiny', 'state_dict': OrderedDict(('module.' + k, v) for k, v in base.items()),
               'optimizer': {'lr': 0.1, 'momentum': 0.9}, 'best_acc1': 76.1}
    save('wrapped-zip.pth', wrapped, note="training state: the tensors under 'state_dict', with 'module.' prefixes")
    save('wrapped-legacy.pth', wrapped, legacy=True, note='the same, legacy format')
    save('ema-only.pth', {'state_dict_ema': base, 'epoch': 3}, note='only EMA weights')
    half = OrderedDict((k, v.half() if v.is_floating_point() else v) for k, v in base.items())
    save('fp16-zip.pth', half, note='float16 tensors')
    save('fp16-legacy.pth', half, legacy=True, note='float16 tensors, legacy format')
    save('bf16-zip.pth', OrderedDict((k, v.bfloat16() if v.is_floating_point() else v) for k, v in base.items()),
         note='bfloat16 tensors')
    save('fp64-zip.pth', OrderedDict((k, v.double() if v.is_floating_point() else v) for k, v in base.items()),
         note='float64 tensors')
    # views into one storage: slices, a transpose, an offset (each tensor keeps the shared storage when saved)
    flat = torch.from_numpy(rule('shared', [64]))
    views = OrderedDict()
    views['a'] = flat[3:11].view(2, 4)
    views['b'] = flat[16:40].view(4, 6).t()
    views['c'] = flat[::2][5:9]
    views['param'] = torch.nn.Parameter(flat[40:44].clone(), requires_grad=True)
    save('views-zip.pth', views, note='views into one storage: offset, transpose, stride 2, a Parameter')
    save('views-legacy.pth', views, legacy=True, note='the same, legacy format (storage views)')
    expected = OrderedDict()
    for k, v in list(base.items()) + list(views.items()):
        if v.is_floating_point():
            expected[k] = {'shape': list(v.shape), 'values': [float(x) for x in v.detach().contiguous().view(-1)]}
    # safetensors, written to the format's specification: header length, JSON header, data
    header = {'__metadata__': {'format': 'pt'}}
    data = b''
    for k, v in base.items():
        if not v.is_floating_point():
            continue
        raw = v.contiguous().numpy().astype('<f2' if k.startswith('fc') else '<f4').tobytes()
        header[k] = {'dtype': 'F16' if k.startswith('fc') else 'F32', 'shape': list(v.shape),
                     'data_offsets': [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(os.path.join(CHECKPOINTS, 'tiny.safetensors'), 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + data)
    files['tiny.safetensors'] = "safetensors: fc.* in F16, the rest F32 (the spec's layout)"

    # a pickle that would run code if executed: Zoo must refuse it, and the file must never appear
    class Exploit:
        def __reduce__(self):
            return (os.system, ('touch /tmp/zoo-pickle-was-executed',))

    torch.save({'conv.weight': base['conv.weight'], 'x': Exploit()}, os.path.join(CHECKPOINTS, 'exploit.pth'))
    files['exploit.pth'] = 'a pickle whose unpickling would run os.system (touch /tmp/zoo-pickle-was-executed)'
    with open(os.path.join(CHECKPOINTS, 'manifest.json'), 'w') as f:
        json.dump({'files': files, 'expected': expected}, f, indent=1)


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: make_timm_fixtures.py REFERENCE_DIR  (the folder holding timm-cards/)')
    sys.path.insert(0, os.path.join(os.path.abspath(sys.argv[1]), 'timm-cards'))
    checkpoint_fixtures()
    logits_fixtures()


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""Writes Zoo's architecture table from timm's source: every timm model's network class, code file and configuration
(the keyword arguments its entry point hands the class), and the facts of each of its pretrained weights (URL or hub
ID, mean, std, input size, crop, interpolation, classes) that a card may leave out.

Two references, as ../shared/reference holds them:
  timm-cards  the timm version the model cards' Code links name (0.4.3): the truth for the cards' weights;
  timm        today's timm: names the cards do not have, with their pretrained tags.
A name both have keeps both versions (the network of the cards' weights may differ from today's network of the same
name): the weights file a card names decides which. Each reference is read in a process of its own (both are the package `timm`).

Nothing is downloaded and no weights are loaded: the entry points are called with the network class replaced by a
recorder (models of the families Zoo builds are also instantiated, to count their parameters and, for a pruned model,
to read the widths timm's pruned table gives them).

  /usr/bin/python3 tools/make_architectures.py ../shared/reference > metadata/src/main/resources/zoo/architectures.jsonl

Output: JSON lines; the first is the header (sources), then one line per model and version, sorted by name, the
cards' version of a name first (today's follows it only for the classes Zoo builds, with its pretrained tags).
Needs Debian's python3-torch (and torchvision for today's timm).
"""
import json
import os
import subprocess
import sys

# the network classes Zoo builds: their models are instantiated to count parameters exactly
BUILT = {'ResNet', 'SENet', 'ResNetV2'}


def plain(value):
    """A keyword argument as JSON: classes and functions by name, tuples as lists."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, 'func') and hasattr(value, 'keywords'):   # functools.partial
        return {'partial': plain(value.func), 'args': plain(list(value.args)), 'kwargs': plain(value.keywords)}
    if hasattr(value, '__name__'):
        return value.__name__
    return repr(value)


def facts(cfg):
    """What a weights file's config says that a card may not."""
    if cfg is None:
        return None
    get = cfg.get if isinstance(cfg, dict) else (lambda k, d=None: getattr(cfg, k, d))
    out = {}
    for key in ('url', 'hf_hub_id', 'file', 'num_classes', 'input_size', 'test_input_size', 'crop_pct',
                'test_crop_pct', 'interpolation', 'mean', 'std', 'crop_mode', 'license'):
        v = get(key, None)
        if v not in (None, '', ()):
            out[key] = plain(v)
    return out


def dump(reference):
    """In a process whose timm is `reference`: one JSON object per model, on stdout."""
    import torch
    import torch.nn as nn
    import timm
    import timm.models

    # instantiation only counts parameters: skip the random initialisation (slow for the large ones)
    for name in ('kaiming_normal_', 'kaiming_uniform_', 'normal_', 'uniform_', 'trunc_normal_', 'constant_',
                 'zeros_', 'ones_', 'xavier_uniform_', 'xavier_normal_', 'orthogonal_'):
        if hasattr(nn.init, name):
            setattr(nn.init, name, lambda t, *a, **k: t)

    modern = hasattr(timm.models, '_registry')
    registry = timm.models._registry if modern else timm.models.registry
    captured = {}

    class Captured(Exception):
        pass

    def recorder(original):
        def record(model_cls, variant, pretrained=False, *args, **kwargs):
            if kwargs.get('features_only'):
                # a backbone built inside another network's entry point (a hybrid ViT's ResNet): not the model
                return original(model_cls, variant, pretrained, *args, **kwargs)
            cfg = kwargs.pop('pretrained_cfg', None) or kwargs.pop('default_cfg', None)
            if args and cfg is None and isinstance(args[0], dict):
                cfg = args[0]
            kwargs.pop('feature_cfg', None)
            kwargs.pop('pretrained_filter_fn', None)
            kwargs.pop('pretrained_custom_load', None)
            kwargs.pop('pretrained_strict', None)
            kwargs.pop('kwargs_filter', None)
            pruned = kwargs.get('pruned', False)
            entry = {'class': model_cls.__name__}
            if model_cls.__name__ in BUILT:
                # a family Zoo builds: its configuration, as the entry point hands it to the class
                entry['config'] = plain({k: v for k, v in kwargs.items() if k not in ('pretrained', 'pruned')})
                model = original(model_cls, variant, False, *args, **dict(kwargs, **(
                    {'pretrained_cfg': cfg} if modern else {'default_cfg': cfg or {}})))
                entry['parameters'] = sum(p.numel() for p in model.parameters())
                if pruned:
                    # timm's pruned table: each convolution's shape (the rest follows from them)
                    entry['pruned'] = {k[:-len('.weight')]: list(v.shape) for k, v in model.state_dict().items()
                                       if k.endswith('.weight') and v.dim() >= 3}
                del model
            captured['entry'] = entry
            captured['cfg'] = cfg
            raise Captured()
        return record

    helpers = sys.modules['timm.models._builder'] if modern else sys.modules['timm.models.helpers']
    original = helpers.build_model_with_cfg
    for mod in list(sys.modules.values()):
        if mod is not None and getattr(mod, '__name__', '').startswith('timm.models') \
                and getattr(mod, 'build_model_with_cfg', None) is original:
            mod.build_model_with_cfg = recorder(original)

    root = os.path.dirname(os.path.dirname(timm.__file__))
    for name in sorted(registry._model_entrypoints):
        module = registry._model_to_module[name]
        code = 'timm/models/' + module + '.py'
        if not os.path.exists(os.path.join(root, code)):
            code = 'timm/models/' + module.lstrip('_') + '.py'
        line = {'name': name, 'code': code}
        captured.clear()
        try:
            with torch.no_grad():
                built = registry._model_entrypoints[name](pretrained=False)
            # an entry point that constructs its class itself: the class is the result's
            line['class'] = type(built).__name__
            del built
        except Captured:
            pass
        except Exception as e:
            line['note'] = 'entry point not recorded: ' + type(e).__name__
        if 'entry' in captured:
            line.update(captured['entry'])
        if modern:
            weights = {}
            for full, cfg in registry._model_pretrained_cfgs.items():
                arch, _, tag = full.partition('.')
                if arch == name:
                    weights[tag] = facts(cfg)
            line['weights'] = weights
        else:
            cfg = captured.get('cfg')
            mod = sys.modules.get('timm.models.' + module)
            if cfg is None and mod is not None and name in getattr(mod, 'default_cfgs', {}):
                cfg = mod.default_cfgs[name]
            line['weights'] = {'': facts(cfg)} if cfg else {}
        print(json.dumps(line, sort_keys=True, separators=(',', ':')), flush=True)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--dump':
        sys.path.insert(0, sys.argv[2])
        dump(sys.argv[2])
        return
    if len(sys.argv) != 2:
        sys.exit('usage: make_architectures.py REFERENCE_DIR  (the folder holding timm-cards/ and timm/)')
    reference = os.path.abspath(sys.argv[1])
    models = {}   # (name, source) -> line: a name both versions have keeps both (the weights decide which)
    for source in ('timm-cards', 'timm'):
        env = dict(os.environ, PYTHONPATH=os.path.join(reference, source), PYTHONWARNINGS='ignore')
        out = subprocess.run([sys.executable, os.path.abspath(__file__), '--dump', os.path.join(reference, source)],
                             env=env, check=True, capture_output=True, text=True).stdout
        for text in out.splitlines():
            line = json.loads(text)
            line['source'] = source
            if source == 'timm' and line.get('class') not in BUILT:
                if (line['name'], 'timm-cards') in models:
                    continue   # the cards' version says all Zoo needs of a family it does not build
                line.pop('weights', None)   # its name, class and code are enough
            models[(line['name'], source)] = line
    versions = {}
    for source in ('timm-cards', 'timm'):
        version = subprocess.run([sys.executable, '-c', 'import timm; print(timm.__version__)'],
                                 env=dict(os.environ, PYTHONPATH=os.path.join(reference, source)),
                                 check=True, capture_output=True, text=True).stdout.strip()
        versions[source] = 'timm ' + version
    print(json.dumps({'generated_by': 'tools/make_architectures.py', 'sources': versions}, sort_keys=True))
    order = {'timm-cards': 0, 'timm': 1}
    for key in sorted(models, key=lambda k: (k[0], order[k[1]])):
        print(json.dumps(models[key], sort_keys=True, separators=(',', ':')))


if __name__ == '__main__':
    main()

"""Writes a checkpoint for bench/timm-resnet-bench.sh: timm's MODEL (from the given timm source) with its own random
initialisation and eval-mode batch norm statistics made non-trivial, saved by torch.save in the zip format.
usage: make_timm_checkpoint.py TIMM_DIR MODEL OUT.pth"""
import sys
import torch

timm_dir, model_name, out = sys.argv[1:4]
sys.path.insert(0, timm_dir)
import timm

torch.manual_seed(0)
model = timm.create_model(model_name, pretrained=False)
with torch.no_grad():
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.1, 0.1)
torch.save(model.state_dict(), out)

#!/usr/bin/env bash
# The field's catalogues at their scale, generated with their shapes (not their text): timm's model cards (65 Markdown
# files, 272 models, the index in an HTML comment after prose and code), timm's later cards (63 .mdx files holding the
# same models), and OpenMMLab's mmpretrain (a model-index.yml importing 84 metafiles, 548 models, with the null
# Results, Weights and Code URLs of pre-training-only models, and collection names that clash with timm's).
# Measures, in one run: `zoo list` with all of them (~820 models) against `zoo list` with the built-in catalogue only
# (target: within 1.5x); `zoo serve`'s results page warm (target: <= 100 ms, not a 650 KB page); every model card
# and API entry answering 200.
# usage: bench/catalog-bench.sh [RUNS=10] [REQUESTS=50]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RUNS=${1:-10}; REQUESTS=${2:-50}
WORK=$(mktemp -d /tmp/zoo-catalog-bench.XXXXXX)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$ROOT/zoo" list >/dev/null   # build and make the class-data archive outside the timings
export ZOO_HOME="$WORK/home"

python3 - "$WORK" <<'PY'
import os, sys
work = sys.argv[1]
timm = os.path.join(work, "timm"); mm = os.path.join(work, "mmpretrain")
os.makedirs(os.path.join(timm, "docs/models")); os.makedirs(os.path.join(timm, "hfdocs/source/models"))
BODY = """# {family}

**{family}** is a family of image classifiers.

```python
import timm
model = timm.create_model('{first}', pretrained=True)   # Models: prose, never YAML
```

## Citation

```BibTeX
@misc{{{key},
  title={{{family}}},
  year={{2020}}
}}
```
"""
def card(family, models, key):
    out = ["<!--", "Type: model-index", "Collections:", f"- Name: {family}", "  Paper:",
           f"    Title: 'The {family} paper'", "    URL: https://paperswithcode.com/paper/x", "Models:"]
    for i, name in enumerate(models):
        out += [f"- Name: {name}", f"  In Collection: {family}", "  Metadata:", f"    FLOPs: {1_000_000_000 + i}",
                f"    Parameters: {5_000_000 + i * 1000}", f"    File Size: {20_000_000 + i}", "    Architecture:",
                "    - Convolution", "    - ReLU", "    Training Data:", "    - ImageNet", f"    ID: {name}",
                "    Crop Pct: '0.875'", "    Image Size: '224'", "    Interpolation: bicubic",
                "  Code: https://github.com/rwightman/pytorch-image-models/blob/main/timm/models/x.py#L1",
                f"  Weights: https://github.com/rwightman/pytorch-image-models/releases/download/v0.1/{name}.pth",
                "  Results:", "  - Task: Image Classification", "    Dataset: ImageNet", "    Metrics:",
                f"      Top 1 Accuracy: {70 + (i % 150) / 10:.2f}%", f"      Top 5 Accuracy: {90 + (i % 50) / 10:.2f}%"]
    return "\n".join(out) + "\n-->\n"
families = ["ResNet", "EfficientNet", "Vision Transformer"] + [f"Family {k}" for k in range(62)]
n = 0
for f, family in enumerate(families):
    count = 272 // 65 + (1 if f < 272 % 65 else 0)
    models = [f"{family.lower().replace(' ', '_')}_{j}" for j in range(count)]
    n += count
    text = BODY.format(family=family, first=models[0], key=f"key{f}") + "\n" + card(family, models, f"key{f}")
    slug = family.lower().replace(" ", "-")
    open(os.path.join(timm, f"docs/models/{slug}.md"), "w").write(text)
    if f < 63:
        mdx = text.replace("```python\nimport timm", "```py\n>>> import timm")
        open(os.path.join(timm, f"hfdocs/source/models/{slug}.mdx"), "w").write(mdx)
open(os.path.join(timm, "model-index.yml"), "w").write("Import:\n- docs/models/*.md\n- hfdocs/source/models/*.mdx\n")
imports = []
for c in range(84):
    family = ["ResNet", "EfficientNet", "Vision Transformer"][c] if c < 3 else f"MM Family {c}"
    folder = f"configs/cfg{c}"
    os.makedirs(os.path.join(mm, folder))
    imports.append(f"  - {folder}/metafile.yml")
    lines = ["Collections:", f"  - Name: {family}", "    Metadata:", "      Training Data: ImageNet-1k",
             "      Training Techniques:", "        - SGD with Momentum", "    Paper:",
             "      URL: https://arxiv.org/abs/1512.03385", f"      Title: \"{family}\"",
             f"    README: {folder}/README.md", "    Code:", "      URL: null", "      Version: v1.0.0", "", "Models:"]
    count = 548 // 84 + (1 if c < 548 % 84 else 0)
    for j in range(count):
        name = f"{family.lower().replace(' ', '-')}_{j}_8xb32_in1k"
        pretrain = j % 5 == 0
        lines += [f"  - Name: {name}", "    Metadata:", f"      FLOPs: {4_000_000_000 + j}" if j % 3 else "      FLOPs: null",
                  f"      Parameters: {25_000_000 + j}", f"    In Collection: {family}"]
        if pretrain:
            lines += ["    Results: null", "    Weights: null" if j % 2 else "    Weights: ''"]
        else:
            lines += ["    Results:", "      - Task: Image Classification", "        Dataset: ImageNet-1k",
                      "        Metrics:", f"          Top 1 Accuracy: {75 + (j % 80) / 10:.2f}",
                      f"          Top 5 Accuracy: {92 + (j % 30) / 10:.2f}",
                      f"    Weights: https://download.openmmlab.com/mmclassification/v0/{name}.pth"]
        lines += [f"    Config: {folder}/{name}.py"]
    open(os.path.join(mm, folder, "metafile.yml"), "w").write("\n".join(lines) + "\n")
open(os.path.join(mm, "model-index.yml"), "w").write("Import:\n" + "\n".join(imports) + "\n")
PY
ALL=(--catalog "$WORK/timm" --catalog "$WORK/mmpretrain")
loaded=$("$ROOT/zoo" list --json "${ALL[@]}" 2>"$WORK/list.err" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "loaded: $loaded models (6 built-in + 272 timm, the .mdx cards the same models, + 548 mmpretrain); stderr:"
sed 's/^/  /' "$WORK/list.err"

med() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
builtin=(); all=()
for _ in $(seq "$RUNS"); do           # paired, alternating, so the machine's drift hits both alike
  builtin+=("$(t "$ROOT/zoo" list)"); all+=("$(t "$ROOT/zoo" list "${ALL[@]}")")
done
b=$(printf '%s\n' "${builtin[@]}" | med); a=$(printf '%s\n' "${all[@]}" | med)
echo "zoo list: built-in only ${b} ms, with ~820 models ${a} ms (medians of $RUNS): $(echo "scale=2; $a / $b" | bc)x"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$ROOT/zoo" serve --port "$PORT" "${ALL[@]}" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/models" && break; sleep 0.2; done
python3 - "$PORT" "$REQUESTS" <<'PY'
import json, sys, time, urllib.parse, urllib.request, statistics
port, n = int(sys.argv[1]), int(sys.argv[2])
base = f"http://127.0.0.1:{port}"
def get(path):
    t = time.perf_counter()
    with urllib.request.urlopen(base + path) as r:
        body = r.read()
    return r.status, len(body), (time.perf_counter() - t) * 1000
for _ in range(20):
    get("/")                                  # warm-up (JIT)
for path in ["/", "/?dataset=ImageNet&sort=params&dir=desc&page=3", "/api/results"]:
    times = [get(path)[2] for _ in range(n)]
    status, size, _ = get(path)
    print(f"GET {path}: {status}, {size / 1024:.0f} KB, median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms over {n} requests")
models = json.load(urllib.request.urlopen(base + "/api/models"))
bad = []
t = time.perf_counter()
for m in models:
    q = urllib.parse.quote(m["id"], safe="")
    for path in (f"/models/{q}", f"/api/models/{q}"):
        try:
            if get(path)[0] != 200:
                bad.append(path)
        except Exception as e:
            bad.append(f"{path}: {e}")
print(f"{len(models)} models: every card and API entry 200: {'yes' if not bad else 'no ' + str(bad[:5])} "
      f"({(time.perf_counter() - t) / (2 * len(models)) * 1000:.1f} ms a request)")
PY

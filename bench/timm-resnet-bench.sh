#!/usr/bin/env bash
# timm's ResNet-50 in Zoo against timm's own evaluation path (timm's create_model, load_checkpoint, create_transform:
# PIL + torchvision, then its network on torch), in one run on the same images, checkpoint, batch and thread count:
# end-to-end throughput and peak memory of both, agreement of their top-1 predictions; then reading the ~100 MB
# checkpoint in Zoo against torch.load.
#
# usage: bench/timm-resnet-bench.sh TIMM_DIR IMAGE_DIR [N_EVAL=200] [THREADS=2] [BATCH=8] [MODEL=resnet50]
#   TIMM_DIR   timm's source (the version the model cards name), e.g. the shared reference folder's timm-cards
#   IMAGE_DIR  JPEGs named WNID_name.JPEG (e.g. the 1,000 shared ImageNet samples; never shipped with Zoo)
# Needs Debian's python3-torch, python3-torchvision and python3-pil (run with /usr/bin/python3).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
TIMM=$(readlink -f "$1"); IMAGES=$(readlink -f "$2")
N_EVAL=${3:-200}; THREADS=${4:-2}; BATCH=${5:-8}; MODEL=${6:-resnet50}
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/zoo-timm-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export OMP_WAIT_POLICY=PASSIVE

"$ROOT/zoo" --version >/dev/null
# the benchmark tools are their own module, never in the shipped app
[ -f "$ROOT/benchmarks/target/zoo-benchmarks.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
CP="$ROOT/app/target/quarkus-app/lib/main/*:$ROOT/benchmarks/target/zoo-benchmarks.jar"

$PY "$ROOT/bench/make_timm_checkpoint.py" "$TIMM" "$MODEL" "$WORK/$MODEL.pth"
for f in "$IMAGES"/*.JPEG; do
  name=$(basename "$f"); wnid=${name%%_*}
  mkdir -p "$WORK/data/$wnid"; ln -s "$f" "$WORK/data/$wnid/$name"
done
# the model as timm's card gives it: its ID, the checkpoint, the rest from Zoo's architecture table
cat >"$WORK/bench.yml" <<YAML
Models:
- Name: $MODEL
  Metadata:
    ID: $MODEL
  Weights: file://$WORK/$MODEL.pth
YAML

echo "== end to end: $MODEL (random weights), card recipe, $N_EVAL images, batch $BATCH, $THREADS threads"
/usr/bin/time -v -o "$WORK/ref.time" $PY "$ROOT/bench/ref_timm_eval.py" "$TIMM" "$MODEL" "$WORK/$MODEL.pth" \
  "$WORK/data" "$N_EVAL" "$BATCH" "$THREADS" "$WORK/ref.csv" | tee "$WORK/ref.out"
ZOO_HOME="$WORK/home" /usr/bin/time -v -o "$WORK/zoo.time" "$ROOT/zoo" eval --catalog "$WORK/bench.yml" \
  "$MODEL" --data "$WORK/data" --limit "$N_EVAL" --batch "$BATCH" --threads "$THREADS" \
  --predictions "$WORK/zoo.csv" -q | tee "$WORK/zoo.out"
ref_rate=$(sed -E 's/.*= ([0-9.]+) img\/s.*/\1/' "$WORK/ref.out")
zoo_rate=$(grep -E 'images/s' "$WORK/zoo.out" | sed -E 's/.*: ([0-9.]+) images\/s.*/\1/')
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$1"; }
printf 'throughput: timm %.3f img/s, Zoo %.3f img/s: ratio %.2fx\n' "$ref_rate" "$zoo_rate" \
  "$(echo "$zoo_rate / $ref_rate" | bc -l)"
echo "wall time (process, including start and weight loading): timm $(wall "$WORK/ref.time"), Zoo $(wall "$WORK/zoo.time")"
echo "peak RSS: timm $(rss "$WORK/ref.time") MiB, Zoo $(rss "$WORK/zoo.time") MiB"
$PY - "$WORK/ref.csv" "$WORK/zoo.csv" <<'PY'
import csv, sys
ref = {r[0]: int(r[2]) for r in csv.reader(open(sys.argv[1]))}
zoo = {r['file']: int(r['top1']) for r in csv.DictReader(open(sys.argv[2]))}
same = sum(ref[k] == zoo.get(k) for k in ref)
print(f"top-1 agreement with timm: {same}/{len(ref)} images")
PY

echo "== loading the checkpoint ($(du -m "$WORK/$MODEL.pth" | cut -f1) MB)"
ref_load=$($PY "$ROOT/bench/ref_torch_load.py" "$WORK/$MODEL.pth" 5); echo "$ref_load"
zoo_load=$(java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.CheckpointLoadBenchmark "$WORK/$MODEL.pth" 5 "$MODEL")
echo "$zoo_load"
median() { grep -oE 'median [0-9.]+' | head -1 | cut -d' ' -f2; }   # the first median of a line
printf 'checkpoint read, median: Zoo/torch.load time %.2fx (below 1 is faster)\n' \
  "$(echo "$(echo "$zoo_load" | median) / $(echo "$ref_load" | median)" | bc -l)"

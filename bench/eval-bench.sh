#!/usr/bin/env bash
# Preprocessing and end-to-end evaluation throughput of Zoo against the reference pipeline (PIL + torchvision +
# bitref.py's BiT network in PyTorch), measured in one run on the same images, weights (random R50x1-layout weights
# made by the reference's generator), batch and thread count; peak memory of both; agreement of their top-1 predictions.
#
# usage: bench/eval-bench.sh TOOLS_DIR IMAGE_DIR [N_EVAL=100] [THREADS=2] [BATCH=8] [N_PRE=1000]
#   TOOLS_DIR  folder of the reference (bitref.py), e.g. the shared tools folder beside the project
#   IMAGE_DIR  JPEGs named WNID_name.JPEG (e.g. the 1,000 shared ImageNet samples; never shipped with Zoo)
# Needs Debian's python3-torch, python3-torchvision and python3-pil (run with /usr/bin/python3).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
TOOLS=$(readlink -f "$1"); IMAGES=$(readlink -f "$2")
N_EVAL=${3:-100}; THREADS=${4:-2}; BATCH=${5:-8}; N_PRE=${6:-1000}
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/zoo-eval-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export OMP_WAIT_POLICY=PASSIVE

"$ROOT/zoo" --version >/dev/null
# the benchmark tools are their own module, never in the shipped app
[ -f "$ROOT/benchmarks/target/zoo-benchmarks.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
CP="$ROOT/app/target/quarkus-app/lib/main/*:$ROOT/benchmarks/target/zoo-benchmarks.jar"

echo "== preprocessing: decode, resize 480 (bilinear), centre crop, normalise; $N_PRE images"
ref_pre=$($PY "$ROOT/bench/ref_preprocess.py" "$IMAGES" "$N_PRE"); echo "PIL + torchvision: $ref_pre"
# the JVM flags ./zoo runs with (Serial GC: the preprocessing allocates large short-lived arrays)
zoo_pre1=$(java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.PreprocessBenchmark "$IMAGES" "$N_PRE" 480 1)
echo "Zoo: $zoo_pre1"
zoo_preN=$(java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.PreprocessBenchmark "$IMAGES" "$N_PRE" 480 "$THREADS")
echo "Zoo: $zoo_preN"
rate() { sed -E 's/.*= ([0-9.]+) img\/s.*/\1/'; }
r=$(echo "$ref_pre" | rate)
printf 'preprocessing ratio Zoo/reference: %.2fx (1 thread), %.2fx (%s threads; the reference is one process)\n' \
  "$(echo "$(echo "$zoo_pre1" | rate) / $r" | bc -l)" "$(echo "$(echo "$zoo_preN" | rate) / $r" | bc -l)" "$THREADS"

echo "== end to end: R50x1 (random weights), 480 px, $N_EVAL images, batch $BATCH, $THREADS threads"
$PY "$ROOT/bench/make_weights.py" "$TOOLS" "$WORK/r50x1.npz"
for f in "$IMAGES"/*.JPEG; do
  name=$(basename "$f"); wnid=${name%%_*}
  mkdir -p "$WORK/data/$wnid"; ln -s "$f" "$WORK/data/$wnid/$name"
done
cat >"$WORK/bench.yml" <<YAML
Models:
- Name: bench_r50x1
  Metadata:
    ID: bench_r50x1
    Image Size: 480
    Crop Pct: 1.0
    Interpolation: bilinear
  Weights: file://$WORK/r50x1.npz
  Preprocessing:
    Mean: [0.5, 0.5, 0.5]
    Std: [0.5, 0.5, 0.5]
  Network:
    Block Units: [3, 4, 6, 3]
YAML
/usr/bin/time -v -o "$WORK/ref.time" $PY "$ROOT/bench/ref_eval.py" "$TOOLS" "$WORK/r50x1.npz" "$WORK/data" \
  "$N_EVAL" "$BATCH" "$THREADS" "$WORK/ref.csv" | tee "$WORK/ref.out"
ZOO_HOME="$WORK/home" /usr/bin/time -v -o "$WORK/zoo.time" "$ROOT/zoo" eval --catalog "$WORK/bench.yml" \
  bench_r50x1 --data "$WORK/data" --limit "$N_EVAL" --batch "$BATCH" --threads "$THREADS" \
  --predictions "$WORK/zoo.csv" -q | tee "$WORK/zoo.out"
ref_rate=$(sed -E 's/.*= ([0-9.]+) img\/s.*/\1/' "$WORK/ref.out")
zoo_rate=$(grep -E 'images/s' "$WORK/zoo.out" | sed -E 's/.*: ([0-9.]+) images\/s.*/\1/')
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$1"; }
printf 'throughput: reference %.3f img/s, Zoo %.3f img/s: ratio %.2fx\n' "$ref_rate" "$zoo_rate" \
  "$(echo "$zoo_rate / $ref_rate" | bc -l)"
echo "wall time (process, including start and weight loading): reference $(wall "$WORK/ref.time"), Zoo $(wall "$WORK/zoo.time")"
echo "peak RSS: reference $(rss "$WORK/ref.time") MiB, Zoo $(rss "$WORK/zoo.time") MiB"
$PY - "$WORK/ref.csv" "$WORK/zoo.csv" <<'PY'
import csv, sys
ref = {r[0]: int(r[2]) for r in csv.reader(open(sys.argv[1]))}
zoo = {r['file']: int(r['top1']) for r in csv.DictReader(open(sys.argv[2]))}
same = sum(ref[k] == zoo.get(k) for k in ref)
print(f"top-1 agreement with the reference: {same}/{len(ref)} images")
PY

#!/usr/bin/env bash
# Decode and preprocess throughput, Zoo against PIL + torchvision on the same photos, for both common recipes: BiT's
# (480 px, bilinear, crop 1.0) and timm's usual (224 px, bicubic, crop 0.875), each fed two ways: normalised float32
# for a CPU ("cpu": torchvision's ToTensor and Normalize) and 8-bit CHW planes for a GPU, normalised there ("gpu":
# timm's uint8 loader for its prefetcher). The reference runs in one process on one thread, Zoo on one decode thread,
# each ROUNDS times, the sides in turn (the machines are shared and noisy); medians and their ratio are printed. Zoo's
# scaling from one to two threads is measured in one process, one and two threads in turn ROUNDS times (medians).
# Then, per recipe, the CPU time an image takes on one thread, each side's best of three passes and stage by stage
# (time the shared machine gives to others does not count): the per-core comparison least disturbed by neighbours.
# Pixel parity is bench/pixel-parity.sh.
#
# usage: bench/preprocess-bench.sh IMAGE_DIR [N=1000] [ROUNDS=5]
# Needs Debian's python3-torch, python3-torchvision and python3-pil (run with /usr/bin/python3).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
IMAGES=$(readlink -f "$1"); N=${2:-1000}; ROUNDS=${3:-5}
"$ROOT/zoo" --version >/dev/null
[ -f "$ROOT/benchmarks/target/zoo-benchmarks.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
CP="$ROOT/app/target/quarkus-app/lib/main/*:$ROOT/benchmarks/target/zoo-benchmarks.jar"
rate() { sed -E 's/.*= ([0-9.]+) img\/s.*/\1/'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for recipe in 480 timm; do
  for feed in cpu gpu; do
    : >/tmp/zoo-pre-ref; : >/tmp/zoo-pre-1
    for _ in $(seq "$ROUNDS"); do
      /usr/bin/python3 "$ROOT/bench/ref_preprocess.py" "$IMAGES" "$N" "$recipe" "$feed" | rate >>/tmp/zoo-pre-ref
      java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.PreprocessBenchmark "$IMAGES" "$N" "$recipe" 1 "$feed" \
        | rate >>/tmp/zoo-pre-1
    done
    ref=$(median </tmp/zoo-pre-ref); one=$(median </tmp/zoo-pre-1)
    scaling=$(java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.PreprocessBenchmark "$IMAGES" "$N" "$recipe" scaling \
      "$feed" "$ROUNDS")
    printf '%-4s %s PIL + torchvision %6.1f img/s | Zoo 1 thread %6.1f img/s (%.2fx PIL) | %s\n' "$recipe" "$feed" \
      "$ref" "$one" "$(echo "$one / $ref" | bc -l)" "$(echo "$scaling" | sed -E 's/.*= ([0-9]+ % scaling).*/\1/')"
    echo "          $scaling"
  done
done
ms() { sed -E 's/[^0-9.]+/ /g' | awk '{s = 0; for (i = 1; i <= NF; i++) s += $i; print s}'; }
for recipe in 480 timm; do
  ref=$(/usr/bin/python3 "$ROOT/bench/ref_preprocess.py" "$IMAGES" "$N" "$recipe" stages)
  zoo=$(java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.PreprocessBenchmark "$IMAGES" "$N" "$recipe" 1 stages)
  # Zoo's line also gives the file read alone (included in its decode): the sum counts the stages after it
  r=$(echo "${ref#*:}" | ms); z=$(echo "${zoo#*read*ms, }" | ms)
  printf '%-4s CPU time an image, 1 thread: PIL + torchvision %.2f ms, Zoo %.2f ms (%.2fx PIL)\n' "$recipe" "$r" "$z" \
    "$(echo "$r / $z" | bc -l)"
  printf '       PIL + torchvision: %s\n       Zoo: %s\n' "${ref#*: }" "${zoo#*: }"
done
rm -f /tmp/zoo-pre-ref /tmp/zoo-pre-1

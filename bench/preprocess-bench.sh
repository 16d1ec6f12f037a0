#!/usr/bin/env bash
# Decode and preprocess throughput, Zoo against PIL + torchvision on the same photos, for both common recipes: BiT's
# (480 px, bilinear, crop 1.0) and timm's usual (224 px, bicubic, crop 0.875). The reference runs in one process on
# one thread; Zoo on one and on two decode threads. Each measurement is repeated ROUNDS times, the two sides in turn
# (the machines are shared and noisy); medians and their ratios are printed. Pixel parity is bench/pixel-parity.sh.
#
# usage: bench/preprocess-bench.sh IMAGE_DIR [N=1000] [ROUNDS=3]
# Needs Debian's python3-torch, python3-torchvision and python3-pil (run with /usr/bin/python3).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
IMAGES=$(readlink -f "$1"); N=${2:-1000}; ROUNDS=${3:-3}
"$ROOT/zoo" --version >/dev/null
[ -f "$ROOT/benchmarks/target/zoo-benchmarks.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
CP="$ROOT/app/target/quarkus-app/lib/main/*:$ROOT/benchmarks/target/zoo-benchmarks.jar"
rate() { sed -E 's/.*= ([0-9.]+) img\/s.*/\1/'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for recipe in 480 timm; do
  : >/tmp/zoo-pre-ref; : >/tmp/zoo-pre-1; : >/tmp/zoo-pre-2
  for _ in $(seq "$ROUNDS"); do
    /usr/bin/python3 "$ROOT/bench/ref_preprocess.py" "$IMAGES" "$N" "$recipe" | rate >>/tmp/zoo-pre-ref
    java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.PreprocessBenchmark "$IMAGES" "$N" "$recipe" 1 | rate >>/tmp/zoo-pre-1
    java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.PreprocessBenchmark "$IMAGES" "$N" "$recipe" 2 | rate >>/tmp/zoo-pre-2
  done
  ref=$(median </tmp/zoo-pre-ref); one=$(median </tmp/zoo-pre-1); two=$(median </tmp/zoo-pre-2)
  printf '%-5s PIL + torchvision %6.1f img/s | Zoo 1 thread %6.1f img/s (%.2fx PIL) | Zoo 2 threads %6.1f img/s (%.0f %% scaling)\n' \
    "$recipe" "$ref" "$one" "$(echo "$one / $ref" | bc -l)" "$two" "$(echo "50 * $two / $one" | bc -l)"
done
rm -f /tmp/zoo-pre-ref /tmp/zoo-pre-1 /tmp/zoo-pre-2

#!/usr/bin/env bash
# Pixel parity with the reference: for every JPEG of IMAGE_DIR, Zoo's decoded pixels and its resized and cropped
# pixels under BiT's and timm's recipes must equal PIL + torchvision's byte for byte (sha256 per image). Prints the
# count that agree and every image that does not; exit 1 on any difference. Not a benchmark: the check that every
# speed-up keeps the pixels.
#
# usage: bench/pixel-parity.sh IMAGE_DIR [N]
# Needs Debian's python3-torchvision, python3-pil and python3-numpy (run with /usr/bin/python3).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
IMAGES=$(readlink -f "$1"); N=${2:-100000}
WORK=$(mktemp -d /tmp/zoo-parity.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/zoo" --version >/dev/null
[ -f "$ROOT/benchmarks/target/zoo-benchmarks.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
CP="$ROOT/app/target/quarkus-app/lib/main/*:$ROOT/benchmarks/target/zoo-benchmarks.jar"
java -XX:+UseSerialGC -cp "$CP" dev.zoo.bench.PixelParity "$IMAGES" "$N" >"$WORK/zoo.txt"
/usr/bin/python3 "$ROOT/bench/ref_pixels.py" "$IMAGES" "$N" >"$WORK/ref.txt"
total=$(wc -l <"$WORK/ref.txt")
same=$(comm -12 <(sort "$WORK/zoo.txt") <(sort "$WORK/ref.txt") | wc -l)
echo "pixel parity: $same of $total images equal PIL + torchvision's (decoded, BiT 480 bilinear, timm 224 bicubic)"
if [ "$same" -ne "$total" ]; then
  diff <(sort "$WORK/ref.txt") <(sort "$WORK/zoo.txt") | head -20
  exit 1
fi

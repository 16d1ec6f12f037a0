#!/usr/bin/env bash
# `zoo list` wall time against a bare JVM printing hello world, measured in one run (hyperfine when installed).
# usage: bench/startup-bench.sh [RUNS=10]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RUNS=${1:-10}
WORK=$(mktemp -d /tmp/zoo-startup-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/zoo" list >/dev/null   # build and make the class-data archive outside the timings
cat >"$WORK/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello world"); } }
JAVA
javac -d "$WORK" "$WORK/Hello.java"
export ZOO_HOME="$WORK/home"
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 2 -r "$RUNS" "java -cp $WORK Hello" "$ROOT/zoo list" --export-json "$WORK/h.json" >/dev/null
  python3 - "$WORK/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['results']
h, z = r[0]['median'], r[1]['median']
print(f"java Hello: {h*1000:.0f} ms, zoo list: {z*1000:.0f} ms (medians): zoo list takes {z/h:.2f}x a bare JVM")
PY
else
  med() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  t() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
  h=$(for _ in $(seq "$RUNS"); do t java -cp "$WORK" Hello; done | med)
  z=$(for _ in $(seq "$RUNS"); do t "$ROOT/zoo" list; done | med)
  echo "java Hello: ${h} ms, zoo list: ${z} ms (medians of $RUNS): zoo list takes $(echo "scale=2; $z / $h" | bc)x a bare JVM"
fi

#!/usr/bin/env bash
# Pull + verify throughput: `zoo pull` (stream, hash, size and sha256 check, atomic rename) of a file served over
# loopback, against `curl -o` followed by `sha256sum` of the same file from the same server, in one run.
# usage: bench/pull-bench.sh [SIZE_MIB=1024] [ROUNDS=3]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SIZE_MIB=${1:-1024}
ROUNDS=${2:-3}
WORK=$(mktemp -d /tmp/zoo-pull-bench.XXXXXX)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"$ROOT/zoo" --version >/dev/null   # build first, outside the timings
mkdir -p "$WORK/www"
echo "creating a ${SIZE_MIB} MiB file..."
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$WORK/www/weights.npz"
SIZE=$(stat -c %s "$WORK/www/weights.npz")
SHA=$(sha256sum "$WORK/www/weights.npz" | cut -d' ' -f1)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$WORK/www" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
SERVER_PID=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/weights.npz"
cat >"$WORK/bench.yml" <<YAML
Models:
- Name: bench_weights
  Metadata:
    ID: bench_weights
    File Size: $SIZE
  Weights: $URL
  SHA256: $SHA
YAML

now() { date +%s.%N; }
ref_times=(); zoo_times=()
for round in $(seq "$ROUNDS"); do
  rm -f "$WORK/ref.bin"; sync
  t0=$(now); curl -sf -o "$WORK/ref.bin" "$URL"; got=$(sha256sum "$WORK/ref.bin" | cut -d' ' -f1); t1=$(now)
  [ "$got" = "$SHA" ] || { echo "reference download is corrupt" >&2; exit 1; }
  ref_times+=("$(echo "$t1 - $t0" | bc)")
  # a user's ZOO_HOME keeps its database between pulls: only the cached file goes
  ZOO_HOME="$WORK/home" "$ROOT/zoo" cache rm bench_weights >/dev/null; sync
  t0=$(now); ZOO_HOME="$WORK/home" "$ROOT/zoo" pull -q --catalog "$WORK/bench.yml" bench_weights >/dev/null; t1=$(now)
  zoo_times+=("$(echo "$t1 - $t0" | bc)")
  echo "round $round: curl+sha256sum ${ref_times[-1]} s, zoo pull ${zoo_times[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ref=$(median "${ref_times[@]}"); zoo=$(median "${zoo_times[@]}")
echo "file: $SIZE bytes; median of $ROUNDS rounds (zoo: the whole command, JVM start, database open and fsync included)"
printf 'curl -o + sha256sum: %.2f s (%.0f MB/s)\n' "$ref" "$(echo "$SIZE / $ref / 1000000" | bc -l)"
printf 'zoo pull (verified):  %.2f s (%.0f MB/s)\n' "$zoo" "$(echo "$SIZE / $zoo / 1000000" | bc -l)"
printf 'speed ratio zoo / reference: %.2fx\n' "$(echo "$ref / $zoo" | bc -l)"
t0=$(now); ZOO_HOME="$WORK/home" "$ROOT/zoo" verify -q --catalog "$WORK/bench.yml" bench_weights >/dev/null; t1=$(now)
t2=$(now); sha256sum "$WORK/home/weights/bench_weights/weights.npz" >/dev/null; t3=$(now)
printf 'zoo verify: %.2f s vs sha256sum %.2f s: %.2fx\n' "$(echo "$t1 - $t0" | bc)" "$(echo "$t3 - $t2" | bc)" \
  "$(echo "($t3 - $t2) / ($t1 - $t0)" | bc -l)"

#!/usr/bin/env bash
# Latency and throughput of the results page and /api/results with MODELS models x RUNS runs in the database, on
# loopback, measured with wrk (Debian's wrk package). Target: p99 < 50 ms.
# usage: bench/web-bench.sh [MODELS=1000] [RUNS=10] [SECONDS=15] [CONNECTIONS=4]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
MODELS=${1:-1000}; RUNS=${2:-10}; SECONDS_=${3:-15}; CONNS=${4:-4}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/zoo-web-bench.XXXXXX)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$ROOT/zoo" --version >/dev/null

python3 - "$MODELS" >"$WORK/catalog.yml" <<'PY'
import sys
n = int(sys.argv[1])
print("Collections:\n- Name: Bench A\n- Name: Bench B\nModels:")
for i in range(n):
    print(f"""- Name: bench_model_{i:04d}
  In Collection: Bench {'A' if i % 2 else 'B'}
  Metadata:
    ID: bench_model_{i:04d}
    Parameters: {1_000_000 + i * 50_000}
    Image Size: 224
    Crop Pct: 0.875
    Interpolation: bicubic
  Weights: https://example.org/bench_{i:04d}.npz
  Results:
  - Task: Image Classification
    Dataset: ImageNet
    Metrics:
      Top 1 Accuracy: {60 + (i % 300) / 10:.2f}
      Top 5 Accuracy: {85 + (i % 100) / 10:.2f}""")
PY
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ZOO_HOME="$WORK/home" ZOO_API_TOKEN=bench "$ROOT/zoo" serve --port "$PORT" --catalog "$WORK/catalog.yml" \
  >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 200); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/models" && break; sleep 0.2; done
echo "populating $MODELS models x $RUNS runs through POST /api/runs..."
python3 - "$PORT" "$MODELS" "$RUNS" <<'PY'
import json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
port, n, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def post(k):
    i, r = divmod(k, runs)
    body = {"model": f"bench_model_{i:04d}", "images": 50000, "device": "cpu", "imagesPerSecond": 10 + r,
            "results": [{"dataset": "ImageNet", "metric": "Top 1 Accuracy", "value": 60 + (i % 300) / 10 + r / 100},
                        {"dataset": "ImageNet", "metric": "Top 5 Accuracy", "value": 85 + (i % 100) / 10},
                        {"dataset": "ImageNet-ReaL", "metric": "Top 1 Accuracy", "value": 70 + (i % 200) / 10}]}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/runs", json.dumps(body).encode(),
                                 {"Content-Type": "application/json", "Authorization": "Bearer bench"})
    urllib.request.urlopen(req).read()
with ThreadPoolExecutor(4) as ex:
    list(ex.map(post, range(n * runs)))
PY
for path in / /api/results; do
  wrk -t1 -c"$CONNS" -d5s "http://127.0.0.1:$PORT$path" >/dev/null   # warm-up (JIT)
  out=$(wrk -t1 -c"$CONNS" -d"${SECONDS_}s" --latency "http://127.0.0.1:$PORT$path")
  p50=$(echo "$out" | awk '$1=="50%" {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  size=$(curl -s "http://127.0.0.1:$PORT$path" | wc -c)
  echo "$path ($MODELS models x $RUNS runs, $size bytes): p50 $p50, p99 $p99, $rps requests/s ($CONNS connections)"
done

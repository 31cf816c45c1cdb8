#!/usr/bin/env bash
# Interactive API (iAPI) latency benchmark: check-in PAXLSTs of one to three
# passengers sent to `piu serve` (release build, a fresh SQLite file) at a
# fixed offered rate, each answered with a CUSRES after screening against a
# large synthetic watchlist. Reports the index build, the server's memory,
# latency from each request's scheduled time (p50/p90/p99/max), errors and the
# passengers' boarding codes; then waits until the server's worker has
# processed every journaled request.
#
#   bench/iapi.sh                                  # 1,000,000 entries, 200 requests/s, 30 s
#   ENTRIES=100000 RATE=400 DURATION=60 bench/iapi.sh
#   PIU=/path/to/piu bench/iapi.sh                 # a binary already built
#
# The travellers are those of `piu simulate --watchlist ENTRIES` (seed SEED):
# planted variants of listed persons and clean travellers, each sent once, so
# every body is new bytes and is journaled and screened.
set -euo pipefail
cd "$(dirname "$0")/.."

ENTRIES=${ENTRIES:-1000000}
SEED=${SEED:-1}
RATE=${RATE:-200}
DURATION=${DURATION:-30}
CONCURRENCY=${CONCURRENCY:-32}
PORT=${PORT:-18081}
# About 1.5 passengers a request; a tenth more so the travellers outlast DURATION.
TRAVELLERS=$((RATE * DURATION * 165 / 100))
PLANTED=${PLANTED:-$((TRAVELLERS / 10))}
CLEAN=${CLEAN:-$((TRAVELLERS - PLANTED))}

# PIU names a piu binary to use as it is (no build).
if [ -z "${PIU:-}" ]; then
    cargo build --release -p piu
fi
piu=${PIU:-$PWD/target/release/piu}
work=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores; $(uptime | sed 's/.*load average/load average/'); rustc running: $(pgrep -c rustc || true)"
started=$(date +%s.%N)
"$piu" simulate --watchlist "$ENTRIES" --seed "$SEED" --planted 0 --clean 0 --out "$work/list"
echo "watchlist generated in $(echo "$(date +%s.%N) - $started" | bc) s"
token=$("$piu" tokens add bench J2 --tokens "$work/tokens.txt" 2>/dev/null)

started=$(date +%s.%N)
"$piu" serve --database "sqlite:$work/piu.db" --listen "127.0.0.1:$PORT" \
    --tokens "$work/tokens.txt" --watchlist "$work/list/watchlist.csv" \
    2>"$work/serve.log" &
server=$!
until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
done
echo "server ready in $(echo "$(date +%s.%N) - $started" | bc) s; $(grep -m1 '^index:' "$work/serve.log" || true)"
grep VmRSS "/proc/$server/status" | sed 's/^/before the load: /'

"$piu" load --url "http://127.0.0.1:$PORT" --token "$token" --iapi \
    --checkins "$ENTRIES" --seed "$SEED" --planted "$PLANTED" --clean "$CLEAN" \
    --rate "$RATE" --duration "$DURATION" --concurrency "$CONCURRENCY" \
    --database "sqlite:$work/piu.db"
grep -E 'VmHWM|VmRSS' "/proc/$server/status" | sed 's/^/after the load: /'
echo "machine after: $(uptime | sed 's/.*load average/load average/')"
kill "$server"
wait "$server" || true
server=
grep -v '^piu serve:\|^index:' "$work/serve.log" | head -5 || true

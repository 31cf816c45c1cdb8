#!/usr/bin/env bash
# End-to-end intake benchmark: simulated one-booking PNRGOV pushes sent to
# `piu serve` (release build) over HTTP, journaled, read, stored and screened;
# reports the load generator's figures and messages per second until nothing
# awaits processing. On SQLite, then on PostgreSQL (a fresh database, dropped
# after), unless BACKENDS says otherwise.
#
#   bench/ingest.sh                          # as fast as possible, 20 s
#   RATE=2000 DURATION=15 bench/ingest.sh    # a fixed offered rate
#   BACKENDS=sqlite DAYS=2 bench/ingest.sh
#   PIU=/path/to/piu bench/ingest.sh         # a binary already built
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-0}
DURATION=${DURATION:-20}
CONCURRENCY=${CONCURRENCY:-32}
DAYS=${DAYS:-4}
BACKENDS=${BACKENDS:-"sqlite postgres"}
POSTGRES=${POSTGRES:-postgres://postgres@127.0.0.1:5432}
WATCHLIST=${WATCHLIST:-samples/watchlists/national.list.json}
PORT=${PORT:-18080}

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

for i in $(seq 0 $((DAYS - 1))); do
    "$piu" simulate --booking-pushes --day "$(date -d "2026-03-14 + $i day" +%F)" \
        --out "$work/traffic" >/dev/null
done
echo "$(ls "$work/traffic" | wc -l) one-booking PNRGOV pushes, $(du -sh "$work/traffic" | cut -f1); watchlist $WATCHLIST"
token=$("$piu" tokens add bench FZ --tokens "$work/tokens.txt" 2>/dev/null)

for backend in $BACKENDS; do
    case $backend in
        sqlite) database="sqlite:$work/piu.db" ;;
        postgres)
            name="piu_bench_$$"
            psql -q "$POSTGRES/postgres" -c "CREATE DATABASE $name"
            database="$POSTGRES/$name"
            ;;
        *) echo "unknown backend $backend" >&2; exit 2 ;;
    esac
    echo "== $backend"
    "$piu" serve --database "$database" --listen "127.0.0.1:$PORT" --tokens "$work/tokens.txt" \
        --watchlist "$WATCHLIST" 2>"$work/serve-$backend.log" &
    server=$!
    until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.1; done
    "$piu" load --url "http://127.0.0.1:$PORT" --token "$token" --folder "$work/traffic" \
        --rate "$RATE" --duration "$DURATION" --concurrency "$CONCURRENCY" --database "$database" \
        | tee "$work/load-$backend.txt"
    # The server's processor time (user and system, in clock ticks): a figure
    # another load on the machine disturbs less than messages per second.
    read -r user system < <(awk '{print $14, $15}' "/proc/$server/stat")
    ticks=$(getconf CLK_TCK)
    messages=$(sed -n 's/^end to end: \([0-9]*\) new messages.*/\1/p' "$work/load-$backend.txt")
    echo "server processor time: $(awk -v u="$user" -v s="$system" -v t="$ticks" -v n="${messages:-0}" \
        'BEGIN { printf "%.2f s user, %.2f s system", u / t, s / t;
                 if (n > 0) printf "; %.0f µs a message", (u + s) / t / n * 1e6 }')"
    kill "$server"
    wait "$server" || true
    server=
    grep -v '^piu serve:' "$work/serve-$backend.log" | head -5 || true
    if [ "$backend" = postgres ]; then
        psql -q "$POSTGRES/postgres" -c "DROP DATABASE $name"
    fi
done

#!/bin/sh
# serve_bench.sh — load benchmark of `vigil serve` on loopback with wrk:
# requests per second and p50/p99 latency for GET /healthz (the HTTP layer
# alone), for single-name screens
# (GET /v1/screen), for batches of 100 queries (POST /v1/match), and for
# screens while the index is reloaded twice a second; failed requests
# (socket errors and non-2xx answers) must be 0.  Prints a table, then one
# "serve_bench SCENARIO key=value..." line per scenario for scripts.
#
# Environment (all optional):
#   VIGIL                the vigil binary (default: $BUILD/vigil, BUILD=build)
#   SERVE_BENCH_INDEX    an index to serve; default: built into a scratch
#                        directory from the official lists in $VIGIL_LISTS
#   SERVE_BENCH_DURATION seconds per scenario (default 5)
#   SERVE_BENCH_THREADS  server threads (default 2)
#   SERVE_BENCH_CONNECTIONS  concurrent connections for screens (default 32)
#   SERVE_BENCH_BATCH_CONNECTIONS  concurrent connections for batches (default 4)
#   SERVE_BENCH_WRK_THREADS  wrk threads (default 2)
#   SERVE_BENCH_NAMES    file of query names, one per line (default: the
#                        built-in mix below)
# wrk runs on the same machine as the server: on a 2-core machine the two
# compete for the cores, and anything else running skews the numbers.
# Exit status: 0, or 1 when any request failed, 2 when it could not run.
set -u
BUILD=${BUILD:-build}
VIGIL=${VIGIL:-$BUILD/vigil}
VIGIL_LISTS=${VIGIL_LISTS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data/lists}
DURATION=${SERVE_BENCH_DURATION:-5}
THREADS=${SERVE_BENCH_THREADS:-2}
CONNS=${SERVE_BENCH_CONNECTIONS:-32}
BATCH_CONNS=${SERVE_BENCH_BATCH_CONNECTIONS:-4}
WRK_THREADS=${SERVE_BENCH_WRK_THREADS:-2}

command -v wrk > /dev/null || { echo "serve_bench: wrk is not installed" >&2; exit 2; }
[ -x "$VIGIL" ] || { echo "serve_bench: no vigil binary at $VIGIL" >&2; exit 2; }

W=$(mktemp -d "${TMPDIR:-/tmp}/vigil-serve-bench.XXXXXX")
SERVER=""
RELOADER=""
cleanup() {
    [ -n "$RELOADER" ] && kill "$RELOADER" 2>/dev/null
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# ---------------------------------------------------------------- index
INDEX=${SERVE_BENCH_INDEX:-}
if [ -z "$INDEX" ]; then
    INDEX="$W/lists.vgi"
    set --
    for l in un/consolidated.xml ofac-sdn ofac-cons bis-dpl/dpl.txt; do
        [ -e "$VIGIL_LISTS/$l" ] && set -- "$@" "$VIGIL_LISTS/$l"
    done
    [ $# -gt 0 ] || { echo "serve_bench: no lists under $VIGIL_LISTS" >&2; exit 2; }
    "$VIGIL" index build -o "$INDEX" "$@" > "$W/build.log" 2>&1
    [ -s "$INDEX" ] || { echo "serve_bench: index build failed:" >&2; cat "$W/build.log" >&2; exit 2; }
fi
cp "$INDEX" "$W/serving.vgi"

# --------------------------------------------------------------- server
KEY=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
VIGIL_API_KEY=$KEY "$VIGIL" serve -i "$W/serving.vgi" --listen 127.0.0.1:0 \
    --threads "$THREADS" --max-connections 1024 --access-log /dev/null > "$W/server.out" 2> "$W/server.err" &
SERVER=$!
PORT=""
i=0
while [ $i -lt 200 ] && [ -z "$PORT" ]; do
    PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$W/server.out")
    kill -0 "$SERVER" 2>/dev/null || break
    [ -n "$PORT" ] || sleep 0.05
    i=$((i + 1))
done
[ -n "$PORT" ] || { echo "serve_bench: server did not start:" >&2; cat "$W/server.err" >&2; exit 2; }
BASE="http://127.0.0.1:$PORT"

# ------------------------------------------------------------ wrk scripts
# Made-up names in the shapes screening sees: a third share tokens with
# listed names (people from several regions, companies with legal forms,
# vessels: more candidates to score), the rest are ordinary customers.
if [ -n "${SERVE_BENCH_NAMES:-}" ]; then
    NAMES=$(sed 's/["\\]//g; /^[[:space:]]*$/d; s/.*/"&",/' "$SERVE_BENCH_NAMES")
else
    NAMES='"Mohammed Ali Hassan", "Kim Chol Su", "Ivan Petrov", "Global Trading LLC",
 "Ahmad Khan", "Li Wei", "Oceanic Shipping Co Ltd", "Abdul Rahman Al Hashimi",
 "Sergei Ivanovich Volkov", "Petro Industrial Group", "Hussein Abbas",
 "Choe Myong Nam", "Tehran Import Export", "Ri Song Chol", "Volga Petroleum",
 "Nasser Bin Ali",
 "Anna Schmidt", "Lukas Bauer", "Sophie Martin", "Hiroshi Tanaka", "Priya Sharma",
 "Oliver Bennett", "Nordic Timber AB", "Brightwater Logistics GmbH", "Emma Johansson",
 "Rafael Costa", "Agnieszka Nowak", "Sunrise Foods Pty Ltd", "Mateo Silva",
 "Ingrid Larsen", "Kwame Mensah", "Jean-Pierre Dubois", "Maria Gonzalez",
 "Carlos Rodriguez Perez", "Park Young Ho", "Fatima Zahra", "John Smith",
 "Eastern Bank", "Sea Breeze", "Zhang Min", "Aziz Rahimi", "Golden Star",
 "Yusuf Ibrahim", "Omar Farouk", "Alexander Borisov", "Al Noor", "Tomas Novak",
 "Helena Virtanen"'
fi
cat > "$W/screen.lua" <<EOF
local names = { $NAMES }
local paths = {}
for i, n in ipairs(names) do
  paths[i] = "/v1/screen?name=" .. n:gsub("[^%w]", function(c)
    return string.format("%%%02X", string.byte(c)) end)
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
EOF
cat > "$W/match.lua" <<EOF
local names = { $NAMES }
local parts = {}
for i = 1, 100 do
  local n = names[(i - 1) % #names + 1]
  parts[i] = string.format('"q%d": {"schema": "LegalEntity", "properties": {"name": ["%s"]}}', i, n)
end
wrk.method = "POST"
wrk.body = '{"queries": {' .. table.concat(parts, ", ") .. '}}'
wrk.headers["Content-Type"] = "application/json"
EOF

# -------------------------------------------------------------- scenarios
# run NAME URL SCRIPT CONNECTIONS: one wrk run; leaves rps, p50, p99,
# failed and total.
run() {
    wrk -t "$WRK_THREADS" -c "$4" -d "${DURATION}s" --timeout 10s --latency -s "$3" "$2" \
        > "$W/$1.wrk" 2>&1
    eval "$(awk '
        function ms(v) {
            if (v ~ /us$/) return v / 1000;
            if (v ~ /ms$/) return v + 0;
            if (v ~ /m$/) return v * 60000;
            if (v ~ /s$/) return v * 1000;
            return v + 0;
        }
        /^Requests\/sec:/ { rps = $2 }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /requests in/ { total = $1 }
        /Non-2xx or 3xx responses:/ { bad += $NF }
        /Socket errors:/ { gsub(/,/, ""); bad += $4 + $6 + $8 + $10 }
        END { printf "rps=%.0f p50=%.2f p99=%.2f failed=%d total=%d\n", rps, p50, p99, bad, total }
    ' "$W/$1.wrk")"
}

FAILED=0
ROWS=""
LINES=""
record() {
    ROWS="$ROWS$(printf '%-30s %10s %9s %9s %8s %8s' "$1" "$rps" "$p50" "$p99" "$failed" "$2")
"
    LINES="${LINES}serve_bench $3 rps=$rps p50_ms=$p50 p99_ms=$p99 failed=$failed requests=$total$4
"
    [ "$failed" = 0 ] || FAILED=1
}

curl -s -m 10 -o /dev/null "$BASE/v1/screen?name=warmup"

# The HTTP layer alone (no matching): the ceiling the screens run under.
printf 'request = function() return wrk.format("GET", "/healthz") end\n' > "$W/healthz.lua"
run healthz "$BASE" "$W/healthz.lua" "$CONNS"
record "healthz (HTTP only)" "-" healthz ""

run screen "$BASE" "$W/screen.lua" "$CONNS"
record "screen (1 name)" "-" screen ""

run match "$BASE/v1/match" "$W/match.lua" "$BATCH_CONNS"
qps=$(awk -v r="$rps" 'BEGIN { printf "%.0f", r * 100 }')
record "match (batch of 100)" "$qps" match " queries_per_s=$qps"

# Screens while the index is swapped twice a second.
(
    while :; do
        code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST \
            -H "Authorization: Bearer $KEY" "$BASE/admin/reload")
        echo "$code" >> "$W/reloads"
        sleep 0.5
    done
) &
RELOADER=$!
run reload "$BASE" "$W/screen.lua" "$CONNS"
kill "$RELOADER" 2>/dev/null
wait "$RELOADER" 2>/dev/null
RELOADER=""
reloads_ok=$(grep -c '^200$' "$W/reloads" 2>/dev/null || true)
reloads_all=$(wc -l < "$W/reloads" 2>/dev/null | tr -d ' ')
record "screen during reloads" "-" reload " reloads=$reloads_ok/$reloads_all"
[ "$reloads_ok" = "$reloads_all" ] && [ "$reloads_ok" -gt 0 ] || FAILED=1

entities=$(curl -s -m 5 "$BASE/readyz" | sed -n 's/.*"entities":\([0-9]*\).*/\1/p')
echo "vigil serve on 127.0.0.1: $THREADS server threads; wrk $WRK_THREADS threads, $CONNS connections ($BATCH_CONNS for batches), ${DURATION}s per run; index of ${entities:-?} entities; $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end"
printf '%-30s %10s %9s %9s %8s %8s\n' scenario "req/s" "p50 ms" "p99 ms" failed "names/s"
printf '%s' "$ROWS"
echo "reloads during the last run: $reloads_ok of $reloads_all answered 200"
printf '%s' "$LINES"
exit $FAILED

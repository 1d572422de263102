#!/bin/sh
# The server's life: options and startup errors, graceful shutdown with a
# request in flight, the connection limit (503), idle timeouts, and the
# access log (no names unless --log-queries).
. "$(dirname "$0")/lib.sh"

write_lists
INDEX="$T/lists.vgi"
check "test index builds" build_index "$INDEX" "$T/list-a.ftm.jsonl"

# --- startup errors
"$VIGIL" serve -i "$INDEX" --listen nowhere > /dev/null 2>&1
check "a malformed --listen is a usage error (2)" [ $? = 2 ]
"$VIGIL" serve -i "$INDEX" --listen 127.0.0.1:0 --threads 0 > /dev/null 2>&1
check "--threads 0 is a usage error (2)" [ $? = 2 ]
"$VIGIL" serve -i "$T/missing.vgi" --listen 127.0.0.1:0 > /dev/null 2> "$T/err"
check "a missing index is a failure (3) before listening" [ $? = 3 ]
check "the failure names the index" grep -q 'missing.vgi' "$T/err"
VIGIL_API_KEY=short "$VIGIL" serve -i "$INDEX" --listen 127.0.0.1:0 > /dev/null 2> "$T/err"
check "a short API key is refused (2)" [ $? = 2 ]
printf '%s\n' 0123456789abcdef0123456789abcdef > "$T/key"
chmod 600 "$T/key"

# --- graceful shutdown: a slow upload is in flight when SIGTERM arrives.
if ! start_server --threads 2 --api-key-file "$T/key"; then
    not_ok "server starts" "$(cat "$T/server.err")"
    exit 1
fi
ok "server starts with --api-key-file on 127.0.0.1:$PORT"
code=$(http POST /admin/reload -H "Authorization: Bearer 0123456789abcdef0123456789abcdef")
check "the key from --api-key-file is accepted" [ "$code" = 200 ]
pad=$(head -c 1500 /dev/zero | tr '\0' 'x')
printf '{"pad": "%s", "queries": {"q": {"schema": "Person", "properties": {"name": ["Ivan Sidorov"]}}}}' \
    "$pad" > "$T/slow.json"
curl -s -m 20 --limit-rate 1000 -o "$T/slow.body" -w '%{http_code}' \
    -H 'Content-Type: application/json' --data-binary @"$T/slow.json" \
    "$BASE/v1/match" > "$T/slow.code" &
SLOW=$!
BG_PIDS="$SLOW"
sleep 0.5
kill -TERM "$SERVER_PID"
sleep 0.3
code=$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$BASE/healthz")
check "after SIGTERM new connections are refused" [ "$code" = 000 ]
wait "$SLOW"
BG_PIDS=""
check "the request in flight at SIGTERM completes with 200" [ "$(cat "$T/slow.code")" = 200 ]
check "and its answer is whole" jqf '.responses.q.results[0].id == "p-1"' "$T/slow.body"
wait "$SERVER_PID"
check "the server exits 0 after draining" [ $? = 0 ]
check "the shutdown is logged" grep -q '"event":"shutdown"' "$T/server.err"

# --- connection limit and idle timeout
if ! start_server --threads 1 --max-connections 2 --timeout 1 --access-log "$T/access.log"; then
    not_ok "server starts with --max-connections 2" "$(cat "$T/server.err")"
    exit 1
fi
hold() { bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT; sleep $1" 2>/dev/null & BG_PIDS="$BG_PIDS $!"; }
hold 5
hold 5
sleep 0.3
code=$(http GET /healthz)
check "beyond --max-connections the server answers 503" [ "$code" = 503 ]
check "the 503 is a JSON error with Retry-After" \
    sh -c 'grep -qi "^Retry-After: 1" "$1" && jq -e ".error.status == 503" "$2" > /dev/null' _ "$T/headers" "$T/body"
sleep 1.8
code=$(http GET /healthz)
check "idle connections close after --timeout and service resumes" [ "$code" = 200 ]
for p in $BG_PIDS; do kill "$p" 2>/dev/null; done
BG_PIDS=""

# --- access log: JSON lines, no query content
curl -s -m 5 -o /dev/null "$BASE/v1/screen?name=Ivan+Sidorov&birth_date=1961-03-14"
curl -s -m 5 -o /dev/null -H 'Content-Type: application/json' \
    --data-binary '{"queries": {"q": {"schema": "Person", "properties": {"name": ["Maria Gonzalez"]}}}}' \
    "$BASE/v1/match"
sleep 0.2
check "every access log line is a JSON object" jqs 'length > 0 and all(type == "object")' "$T/access.log"
check "a screen is logged with method, path, status, duration and results" \
    jqs '[.[] | select(.path == "/v1/screen")][0] |
        .method == "GET" and .status == 200 and (.duration_ms | type) == "number" and .results >= 1 and (.time | test("Z$"))' \
    "$T/access.log"
check "no name, date or query string reaches the log" \
    sh -c '! grep -qiE "sidorov|gonzalez|1961|name=" "$1"' _ "$T/access.log"
stop_server

if ! start_server --threads 1 --log-queries --access-log "$T/queries.log"; then
    not_ok "server starts with --log-queries" "$(cat "$T/server.err")"
    exit 1
fi
curl -s -m 5 -o /dev/null "$BASE/v1/screen?name=Ivan+Sidorov"
stop_server
check "with --log-queries the query is logged" \
    jqs '[.[] | select(.path == "/v1/screen")][0].query.name == "Ivan Sidorov"' "$T/queries.log"

# --- default listen address is loopback
"$VIGIL" serve -i "$INDEX" --listen :0 > "$T/out" 2>/dev/null &
P=$!
SERVER_PIDS="$SERVER_PIDS $P"
i=0
while [ $i -lt 100 ] && ! grep -q listening "$T/out"; do sleep 0.05; i=$((i + 1)); done
check "--listen :PORT binds the loopback address" grep -q '^listening on 127\.0\.0\.1:[0-9]' "$T/out"
kill -TERM "$P"
wait "$P"
echo "1..$TAP_N"

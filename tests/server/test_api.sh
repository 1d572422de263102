#!/bin/sh
# Every endpoint and every error of `vigil serve`, from the request cases in
# tests/server/cases/ plus the ones generated here: batch size limits, body
# ceilings, HEAD, metrics.  One server on an ephemeral loopback port.
. "$(dirname "$0")/lib.sh"
CASES="$(dirname "$0")/cases"

write_lists
INDEX="$T/lists.vgi"
check "test index builds" build_index "$INDEX" "$T/list-a.ftm.jsonl"
if ! start_server --threads 2 --max-body 16k; then
    not_ok "server starts and prints its port" "$(cat "$T/server.err")"
    exit 1
fi
ok "server starts and prints its port ($PORT)"

for f in "$CASES"/*.case; do run_case "$f"; done

# A batch of exactly 100 queries is answered; 101 is too many.
batch() {
    i=0
    printf '{"queries": {'
    while [ $i -lt "$1" ]; do
        [ $i -gt 0 ] && printf ','
        printf '"k%d": {"schema": "Person", "properties": {"name": ["Ivan Sidorov"]}}' $i
        i=$((i + 1))
    done
    printf '}}'
}
batch 100 > "$T/b100.json"
batch 101 > "$T/b101.json"
code=$(http POST /v1/match -H 'Content-Type: application/json' --data-binary @"$T/b100.json")
if [ "$code" = 200 ] &&
    jqt '(.responses | length) == 100 and ([.responses[].results[0].id] | unique) == ["p-1"]'; then
    ok "a batch of 100 queries is answered, each key"
else
    not_ok "a batch of 100 queries is answered, each key" "status $code"
fi
code=$(http POST /v1/match -H 'Content-Type: application/json' --data-binary @"$T/b101.json")
check "a batch of 101 queries is a 413" [ "$code" = 413 ]
check "the 413 names the batch limit" jqt '.error.status == 413 and (.error.message | test("100"))'

# Bodies over --max-body (16 KiB here): declared length and chunked.
head -c 20000 /dev/zero | tr '\0' ' ' > "$T/big.json"
code=$(http POST /v1/match -H 'Content-Type: application/json' --data-binary @"$T/big.json")
check "a body over --max-body is a 413 before it is read" [ "$code" = 413 ]
check "the 413 is a JSON error" jqt '.error.status == 413'
code=$(http POST /v1/match -H 'Transfer-Encoding: chunked' -H 'Content-Type: application/json' \
    --data-binary @"$T/big.json")
check "a chunked body over --max-body is a 413" [ "$code" = 413 ]
code=$(http POST /v1/match -H 'Content-Type: application/json' --data-binary @"$T/b100.json")
check "the server answers normally after refusing bodies" [ "$code" = 200 ]

long=$(head -c 4097 /dev/zero | tr '\0' a)
code=$(http GET "/v1/screen?name=$long")
check "a name over 4096 bytes is a 400" [ "$code" = 400 ]
check "the 400 says the value is too long" jqt '.error.status == 400 and (.error.message | test("too long"))'

code=$(curl -s -m 5 -I -o /dev/null -w '%{http_code}' "$BASE/v1/screen?name=Ivan")
check "HEAD on a GET endpoint answers 200" [ "$code" = 200 ]

code=$(http GET /metrics)
check "metrics answer in the Prometheus text format" \
    grep -q '^# TYPE vigil_http_requests_total counter$' "$T/body"
check "metrics count requests by endpoint and status" \
    grep -qE '^vigil_http_requests_total\{endpoint="screen",status="200"\} [1-9][0-9]*$' "$T/body"
check "metrics count errors by status" \
    grep -qE '^vigil_http_requests_total\{endpoint="unmatched",status="404"\} [1-9]' "$T/body"
check "metrics have a latency histogram per endpoint" \
    grep -qE '^vigil_http_request_duration_seconds_bucket\{endpoint="screen",le="\+Inf"\} [1-9]' "$T/body"
check "metrics count screened queries and hits" \
    grep -qE '^vigil_queries_total [1-9][0-9]{2,}$' "$T/body"
check "metrics give the index age and entity count" \
    grep -qE '^vigil_index_entities 5$' "$T/body"
check "metrics count reloads" grep -qE '^vigil_reloads_total\{result="ok"\} 0$' "$T/body"

stop_server
status=$?
check "SIGTERM stops the server with exit 0" [ "$status" = 0 ]
echo "1..$TAP_N"

#!/bin/sh
# Hot reload: the API key guard, reloads by POST /admin/reload and SIGHUP
# while requests are in flight (no request may fail), a broken index
# refused with the old one still serving, and a new index taking over.
. "$(dirname "$0")/lib.sh"

write_lists
INDEX="$T/serving.vgi"
build_index "$T/a.vgi" "$T/list-a.ftm.jsonl" && build_index "$T/b.vgi" "$T/list-b.ftm.jsonl"
check "test indexes build" [ -s "$T/a.vgi" -a -s "$T/b.vgi" ]
cp "$T/a.vgi" "$INDEX"
KEY=0123456789abcdef0123456789abcdef
export VIGIL_API_KEY=$KEY
if ! start_server --threads 2 --access-log "$T/access.log"; then
    not_ok "server starts" "$(cat "$T/server.err")"
    exit 1
fi
ok "server starts with an API key from VIGIL_API_KEY"

version() { curl -s -m 5 "$BASE/readyz" | jq -r .version; }
reload() { http POST /admin/reload -H "Authorization: Bearer $KEY"; }
# replace FILE: puts FILE in place the way `vigil index build` does (rename).
replace() { cp "$1" "$INDEX.tmp" && mv "$INDEX.tmp" "$INDEX"; }

code=$(http POST /admin/reload)
check "reload without a key is a 401" [ "$code" = 401 ]
check "the 401 asks for a bearer token" grep -qi '^WWW-Authenticate: Bearer' "$T/headers"
code=$(http POST /admin/reload -H "Authorization: Bearer ${KEY}x")
check "reload with a wrong key is a 403" [ "$code" = 403 ]
code=$(http POST /admin/reload -H "X-API-Key: 0123456789abcdef")
check "reload with a prefix of the key is a 403" [ "$code" = 403 ]
check "the 403 is a JSON error" jqt '.error.status == 403'

# Load: 4 clients x 40 screens while the index is swapped back and forth,
# by POST /admin/reload and SIGHUP in turn, until the clients are done.
client() {
    i=0 bad=0
    while [ $i -lt 40 ]; do
        out=$(curl -s -m 10 -w ' %{http_code}' "$BASE/v1/screen?name=Ivan+Sidorov&schema=Person")
        case "$out" in *'"id":"p-1"'*' 200') ;; *) bad=$((bad + 1)) ;; esac
        printf '%s\n' "$out" | grep -o '"index_version":"[^"]*"' | head -n 1 >> "$T/versions.$1"
        i=$((i + 1))
    done
    echo "$bad" > "$T/client.$1"
}
for c in 1 2 3 4; do client $c & BG_PIDS="$BG_PIDS $!"; done
reloads=0 reload_failures=0 sighups=0
while [ $reloads -lt 60 ] && ! { [ -f "$T/client.1" ] && [ -f "$T/client.2" ] &&
        [ -f "$T/client.3" ] && [ -f "$T/client.4" ]; }; do
    if [ $((reloads % 2)) = 0 ]; then
        replace "$T/b.vgi"
        [ "$(reload)" = 200 ] || reload_failures=$((reload_failures + 1))
    else
        replace "$T/a.vgi"
        kill -HUP "$SERVER_PID"
        sighups=$((sighups + 1))
        sleep 0.05
    fi
    reloads=$((reloads + 1))
done
wait $BG_PIDS
BG_PIDS=""
sleep 0.2   # the last SIGHUP's reload
failed=0
for c in 1 2 3 4; do failed=$((failed + $(cat "$T/client.$c" 2>/dev/null || echo 40))); done
check "160 screens during $reloads reloads: none failed (failed: $failed)" [ "$failed" = 0 ]
check "at least 4 reloads happened while the clients ran" [ "$reloads" -ge 4 ]
check "the clients were answered from both indexes" \
    [ "$(cat "$T"/versions.* | sort -u | wc -l)" -ge 2 ]
check "every reload over HTTP answered 200" [ "$reload_failures" = 0 ]
check "the server logged $reloads successful reloads" \
    [ "$(jq -c 'select(.event == "reload" and .ok == true)' "$T/access.log" | wc -l)" = "$reloads" ]
check "SIGHUP reloads are logged as such" \
    [ "$(jq -c 'select(.event == "reload" and .trigger == "SIGHUP")' "$T/access.log" | wc -l)" = "$sighups" ]
# End on the first index, whatever the count.
replace "$T/a.vgi"
reload > /dev/null
reloads=$((reloads + 1))

# A broken index is refused and the old one keeps serving.
V2=$(version)
printf 'not an index at all\n' > "$INDEX.tmp" && mv "$INDEX.tmp" "$INDEX"
code=$(reload)
check "reloading a broken index is refused with 409" [ "$code" = 409 ]
check "the refusal says the old index still serves" \
    jqt '.error.status == 409 and (.error.message | test("still serving"))'
check "the old index version is still served" [ "$(version)" = "$V2" ]
code=$(http GET "/v1/screen?name=Ivan+Sidorov")
check "screening still works after the refusal" [ "$code" = 200 ] 
check "and still finds the listed person" jqt '.results[0].id == "p-1"'
kill -HUP "$SERVER_PID"
sleep 0.3
check "a SIGHUP with a broken index leaves the server up" kill -0 "$SERVER_PID"
check "the failed SIGHUP reload is logged with its error" \
    jqs '[.[] | select(.event == "reload" and .ok == false and .trigger == "SIGHUP" and (.error | length > 0))] | length == 1' "$T/access.log"
code=$(http GET /metrics)
check "metrics count the refused reloads" grep -q '^vigil_reloads_total{result="refused"} 2$' "$T/body"
check "metrics count the successful reloads" grep -q "^vigil_reloads_total{result=\"ok\"} $reloads\$" "$T/body"

# A new index takes over.
code=$(http GET "/v1/screen?name=Farhad+Karimi")
check "before the reload the new entity is unknown" jqt '[.results[].id] | index("p-9") == null'
replace "$T/b.vgi"
code=$(reload)
check "reloading a good index answers 200" [ "$code" = 200 ]
check "the reply names both versions" jqt '.reloaded == true and (.previous | length > 0) and (.version | length > 0)'
code=$(http GET "/v1/screen?name=Farhad+Karimi")
check "after the reload the new entity is found" jqt '.results[0].id == "p-9"'
check "readyz reports 6 entities" [ "$(curl -s -m 5 "$BASE/readyz" | jq .entities)" = 6 ]

# Log rotation: rename the log away, SIGHUP, and the server writes anew.
mv "$T/access.log" "$T/access.log.1"
kill -HUP "$SERVER_PID"
sleep 0.3
curl -s -m 5 -o /dev/null "$BASE/healthz"
sleep 0.1
check "SIGHUP reopens a rotated access log" jqs 'any(.path == "/healthz")' "$T/access.log"

stop_server
status=$?
check "the server exits 0 on SIGTERM" [ "$status" = 0 ]
echo "1..$TAP_N"

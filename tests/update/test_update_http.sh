#!/bin/sh
# `vigil update` downloads, against a server on 127.0.0.1 started here
# (http_server.py): success with validators then 304 on the next run, a
# 503 retried, 404, a body shorter than its Content-Length, a server slower
# than the timeout and a file over the size ceiling.  A failing source with
# a previous copy keeps it in the index; one without is reported, never
# silently dropped.
. "$(dirname "$0")/lib.sh"

L=$VIGIL_LISTS
D=$T/data
W=$T/www
LOG=$T/requests.log
mkdir -p "$W/bis-dpl" "$W/ofac-cons" "$W/ofac-sdn" "$W/flaky"
cp "$L/bis-dpl/dpl.txt" "$W/bis-dpl/"
cp "$L/bis-dpl/dpl.txt" "$W/flaky/"
cp "$L"/ofac-cons/*.csv "$W/ofac-cons/"
ln -s "$L/ofac-sdn/sdn.csv" "$W/ofac-sdn/sdn.csv"
echo 1 > "$W/flaky/dpl.txt.flaky"
: > "$LOG"

python3 "$(dirname "$0")/http_server.py" "$W" "$LOG" "$T/port" &
SERVER_PID=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
P=$(cat "$T/port" 2>/dev/null)
check "the test server listens on 127.0.0.1" [ -n "$P" ]
U=http://127.0.0.1:$P

cat > "$T/sources.conf" <<EOF
# Official sources off; test sources on loopback.
[un]
enabled = no
[ofac-sdn]
enabled = no
[ofac-cons]
url = $U/ofac-cons/cons_prim.csv
url = $U/ofac-cons/cons_add.csv
url = $U/ofac-cons/cons_alt.csv
url = $U/ofac-cons/cons_comments.csv
[bis-dpl]
url = $U/bis-dpl/dpl.txt
[flaky]
format = bis-dpl
url = $U/flaky/dpl.txt
[missing]
format = bis-dpl
url = $U/nowhere/dpl.txt
[big]
format = ofac-csv
max_size = 1
url = $U/ofac-sdn/sdn.csv
EOF
OPTS="--data-dir $D --config $T/sources.conf --retries 1 --retry-delay 0.1 --timeout 2"

# ------------------------------------------------------------- first run
update $OPTS
check "first download: bis-dpl fetched" [ "$(status_of bis-dpl)" = fetched ]
check "first download: the four OFAC consolidated files fetched" [ "$(status_of ofac-cons)" = fetched ]
check "first download: 442 consolidated entries" [ "$(count_of ofac-cons)" = 442 ]
check "a 503 is retried and the source fetched" [ "$(status_of flaky)" = fetched ]
check "the request log shows the 503 then the 200" \
    [ "$(grep -c '^/flaky/dpl.txt 503' "$LOG")-$(grep -c '^/flaky/dpl.txt 200' "$LOG")" = 1-1 ]
check "a 404 fails the source" [ "$(status_of missing)" = failed ]
check "the 404 is named" grep -q "^missing .*no previous copy.*HTTP 404" "$T/out"
check "a file over max_size fails the source" [ "$(status_of big)" = failed ]
check "the ceiling is named" grep -q "^big .*larger than the ceiling of 1 MiB" "$T/out"
check "failed sources make the exit status 1" [ "$RC" = 1 ]
check "the index was written with the sources that worked" grep -q "^index written" "$T/out"
info_json "$D/index.vgi" > "$T/info1"
check "the index has bis-dpl, flaky and ofac-cons, not the failed ones" \
    [ "$(cut -d' ' -f1 "$T/info1" | sort | tr '\n' ' ')" = "bis-dpl flaky ofac-cons " ]
dpl_sha=$(sha256sum "$W/bis-dpl/dpl.txt" | cut -d' ' -f1)
check "the index records the downloaded file's SHA-256" grep -q "^bis-dpl [0-9]* $dpl_sha " "$T/info1"
"$VIGIL" index info -i "$D/index.vgi" > "$T/info1.txt" 2>&1
check "the index records the URL" grep -q "$U/bis-dpl/dpl.txt" "$T/info1.txt"
check "no temporary download is left" [ -z "$(find "$D" -name '*.part')" ]
dpl_count=$(count_of bis-dpl)

# ---------------------------------------------------- conditional requests
: > "$LOG"
update $OPTS
check "second run: bis-dpl unchanged" [ "$(status_of bis-dpl)" = unchanged ]
check "second run: ofac-cons unchanged" [ "$(status_of ofac-cons)" = unchanged ]
check "second run sends the stored ETag and gets 304" \
    grep -q '^/bis-dpl/dpl.txt 304 inm="[0-9a-f]*"' "$LOG"
check "second run sends If-Modified-Since" grep -q '^/bis-dpl/dpl.txt 304 .*ims=[A-Z][a-z][a-z], ' "$LOG"
check "no list body is sent again (but for 'big', which has no copy yet)" \
    [ "$(grep ' 200 ' "$LOG" | grep -vc '^/ofac-sdn/sdn.csv')" = 0 ]
check "the index is not rebuilt" grep -q "^index unchanged" "$T/out"

# ------------------------------------------- failures keep previous copies
head -n 570 "$L/bis-dpl/dpl.txt" > "$W/bis-dpl/dpl.txt"   # new content...
touch "$W/bis-dpl/dpl.txt.truncate"                       # ...cut short
echo 404 > "$W/flaky/dpl.txt.status"
touch "$W/ofac-cons/cons_alt.csv.slow"
echo >> "$W/ofac-cons/cons_prim.csv"   # changed: fetched again
start=$(date +%s)
update --data-dir "$D" --config "$T/sources.conf" --retries 0 --timeout 1
elapsed=$(($(date +%s) - start))
check "a body shorter than its Content-Length fails" [ "$(status_of bis-dpl)" = failed ]
check "the truncation is named" grep -q "^bis-dpl .*previous copy kept.*body truncated" "$T/out"
check "a 404 on a known source fails" [ "$(status_of flaky)" = failed ]
check "and keeps its previous copy" grep -q "^flaky .*previous copy kept.*HTTP 404" "$T/out"
check "a server slower than --timeout fails the source" [ "$(status_of ofac-cons)" = failed ]
check "the timeout is named" grep -q "^ofac-cons .*timed out" "$T/out"
check "the slow server costs about the timeout ($elapsed s)" [ "$elapsed" -le 6 ]
check "failures give exit status 1" [ "$RC" = 1 ]
check "the previous copies stay in use: the index is unchanged" grep -q "^index unchanged" "$T/out"
info_json "$D/index.vgi" > "$T/info2"
check "the index still has the three sources with their old digests" cmp -s "$T/info1" "$T/info2"
check "the failed bis-dpl reports the count of the copy kept" [ "$(count_of bis-dpl)" = "$dpl_count" ]

# ------------------------------------------------------------- recovery
rm -f "$W/bis-dpl/dpl.txt.truncate" "$W/flaky/dpl.txt.status" "$W/ofac-cons/cons_alt.csv.slow"
: > "$LOG"
update $OPTS
check "recovered: the changed bis-dpl is fetched" [ "$(status_of bis-dpl)" = fetched ]
check "recovered: flaky is unchanged (304)" [ "$(status_of flaky)" = unchanged ]
check "recovered: ofac-cons fetched (cons_prim.csv changed)" [ "$(status_of ofac-cons)" = fetched ]
check "recovered: only the changed consolidated file is downloaded" \
    [ "$(grep -c '^/ofac-cons/.* 200 ' "$LOG")" = 1 ]
check "recovered: the index is rebuilt" grep -q "^index written" "$T/out"
check "recovered: still exit 1 while 'missing' fails" [ "$RC" = 1 ]

done_testing

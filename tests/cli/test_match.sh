#!/bin/sh
# vigil match: JSON lines and CSV batches in input order, malformed records
# rejected with their line numbers (exit 1), the same output for any number
# of threads.
. "$(dirname "$0")/lib.sh"

build_test_index
IDX="$tmp/lists.vgi"

# Line 3 is bad JSON, line 5 has no name, line 7 is too long (over 64 KiB),
# line 8 is blank (skipped, not counted).
{
    echo '{"id": "q1", "name": "Pak Chol Su", "schema": "Person"}'
    echo '{"id": "q2", "name": "Nobody Inparticular"}'
    echo '{"id": "q3", "name": '
    echo '{"id": "q4", "schema": "Company", "properties": {"name": ["Koryo Myongsong Overseas Construction Company"]}}'
    echo '{"id": "q5", "schema": "Person"}'
    echo '{"id": "q6", "name": "Songdo Star", "schema": "Vessel"}'
    printf '{"id": "q7", "name": "'
    head -c 70000 /dev/zero | tr '\0' 'a'
    echo '"}'
    echo ''
    echo '{"id": "q9", "name": "Ri Myong Ho", "birth_date": "1965-11-02"}'
} > "$tmp/q.jsonl"

"$VIGIL" match -i "$IDX" --threads 1 < "$tmp/q.jsonl" > "$tmp/r1.jsonl" 2> "$tmp/r1.err"
status=$?
ok $([ $status -eq 1 ]; echo $?) "rejected lines make the exit status 1 (got $status)"
ids=$(grep -o '^{"id":"[^"]*"' "$tmp/r1.jsonl" | sed 's/.*:"//; s/"$//' | tr '\n' ' ')
ok $([ "$ids" = "q1 q2 q4 q6 q9 " ]; echo $?) "one result line per good query, in input order ($ids)"
check "bad JSON reported with line 3" grep -q "stdin:3: bad JSON" "$tmp/r1.err"
check "missing name reported with line 5" grep -q "stdin:5: name: missing" "$tmp/r1.err"
check "too long line reported with line 7" grep -q "stdin:7: record longer than" "$tmp/r1.err"
check "summary: processed 8, rejected 3" grep -q "processed 8, matched [0-9]*, rejected 3" "$tmp/r1.err"
q1=$(grep '^{"id":"q1"' "$tmp/r1.jsonl")
case "$q1" in '{"id":"q1","results":[{"id":"t-per-1"'*) r=0 ;; *) r=1 ;; esac
ok $r "q1's first hit is t-per-1"
q4=$(grep '^{"id":"q4"' "$tmp/r1.jsonl")
case "$q4" in '{"id":"q4","results":[{"id":"t-org-1"'*) r=0 ;; *) r=1 ;; esac
ok $r "q4 (FtM-shaped query) finds t-org-1 first"
q2=$(grep '^{"id":"q2"' "$tmp/r1.jsonl")
ok $([ "$q2" = '{"id":"q2","results":[]}' ]; echo $?) "unrelated q2 has no results"
check "results carry the list provenance" grep -q '"list":{"source":"testlist"' "$tmp/r1.jsonl"

# Many threads: byte-identical output and messages.
i=0
: > "$tmp/many.jsonl"
while [ $i -lt 60 ]; do
    cat "$tmp/q.jsonl" >> "$tmp/many.jsonl"
    i=$((i + 1))
done
"$VIGIL" match -i "$IDX" --threads 1 --input "$tmp/many.jsonl" --output "$tmp/m1.jsonl" \
    2> "$tmp/m1.err"
"$VIGIL" match -i "$IDX" --threads 8 --input "$tmp/many.jsonl" --output "$tmp/m8.jsonl" \
    2> "$tmp/m8.err"
check "8 threads give the same results as 1" cmp -s "$tmp/m1.jsonl" "$tmp/m8.jsonl"
check "8 threads give the same messages as 1" cmp -s "$tmp/m1.err" "$tmp/m8.err"
check "300 result lines" test "$(wc -l < "$tmp/m8.jsonl")" -eq 300
check "file input named in messages" grep -q "many.jsonl:3: bad JSON" "$tmp/m8.err"
check "no progress line when stderr is not a terminal" sh -c "! grep -q 'queries, ' '$tmp/m8.err'"
if command -v script > /dev/null 2>&1; then
    script -qec "'$VIGIL' match -i '$IDX' --input '$tmp/many.jsonl' --output '$tmp/tty.jsonl'" \
        /dev/null > "$tmp/tty.out" 2>&1
    check "progress line drawn when stderr is a terminal" \
        grep -q "vigil match: [0-9]* queries, [0-9]* matched, [0-9]*/s, 100%" "$tmp/tty.out"
    check "results unchanged with a progress line" cmp -s "$tmp/m1.jsonl" "$tmp/tty.jsonl"
fi

# CSV in, CSV out; quoted fields and a row without a name.
cat > "$tmp/roster.csv" <<'CSV'
id,name,schema,birth_date,country
r1,Pak Chol-su,Person,1971-03-14,kp
r2,"Schneider, Klaus",Person,,de
r3,,Company,,
r4,"Myongsong Construction Co., Ltd.",Company,,
r5,Songdo Star,Planet,,
CSV
"$VIGIL" match -i "$IDX" --input "$tmp/roster.csv" --output "$tmp/hits.csv" 2> "$tmp/csv.err"
status=$?
ok $([ $status -eq 1 ]; echo $?) "CSV batch with a bad row exits 1 (got $status)"
check "CSV header" grep -qx "query_id,query_name,score,match,entity_id,caption,schema,matched_name,list,summary" "$tmp/hits.csv"
check "r1 hit row names t-per-1" grep -qE '^r1,Pak Chol-su,[0-9.]+,true,t-per-1,PAK CHOL SU,Person,' "$tmp/hits.csv"
check "r4 hit row names t-org-1" grep -qE '^r4,"Myongsong Construction Co., Ltd.",[0-9.]+,true,t-org-1,' "$tmp/hits.csv"
first=$(sed -n 2p "$tmp/hits.csv" | cut -d, -f1)
ok $([ "$first" = r1 ]; echo $?) "CSV rows in input order (first $first)"
check "empty name reported with line 4" grep -q "roster.csv:4: name: empty" "$tmp/csv.err"
check "unknown schema reported with line 6" grep -q "roster.csv:6: schema: unknown schema 'Planet'" "$tmp/csv.err"
check "no row for the unrelated r2" sh -c "! grep -q '^r2,' '$tmp/hits.csv'"

# Formats by option: CSV from stdin with --input-format, JSON lines out.
"$VIGIL" match -i "$IDX" --input-format csv --format jsonl < "$tmp/roster.csv" \
    > "$tmp/x.jsonl" 2>/dev/null
check "--input-format csv reads CSV from stdin" grep -q '^{"id":"r1","results":\[{"id":"t-per-1"' "$tmp/x.jsonl"
"$VIGIL" match -i "$IDX" --input "$tmp/roster.csv" --format text > "$tmp/x.txt" 2>/dev/null
check "--format text lists r1 with its hit" grep -q "PAK CHOL SU \[t-per-1, Person\]" "$tmp/x.txt"

printf 'id,fullname\nr1,Pak Chol Su\n' > "$tmp/noname.csv"
"$VIGIL" match -i "$IDX" --input "$tmp/noname.csv" > /dev/null 2> "$tmp/noname.err"
ok $([ $? -eq 3 ]; echo $?) "CSV without a name column exits 3"
check "missing name column reported at line 1" grep -q "noname.csv:1: header: needs a 'name' column" "$tmp/noname.err"
: > "$tmp/empty.csv"
"$VIGIL" match -i "$IDX" --input "$tmp/empty.csv" > /dev/null 2> "$tmp/empty.err"
ok $([ $? -eq 3 ]; echo $?) "empty CSV exits 3"
check "empty CSV reported" grep -q "empty.csv:1: no header row" "$tmp/empty.err"
"$VIGIL" match -i "$IDX" < /dev/null > "$tmp/none.jsonl" 2> "$tmp/none.err"
ok $? "empty JSON lines input exits 0"
check "empty input: processed 0" grep -q "processed 0, matched 0, rejected 0" "$tmp/none.err"
status_is 2 "--threads 0 is a usage error" "$VIGIL" match -i "$IDX" --threads 0
status_is 2 "unknown --format is a usage error" "$VIGIL" match -i "$IDX" --format xml
status_is 3 "unreadable --input exits 3" "$VIGIL" match -i "$IDX" --input "$tmp/nope.jsonl"
printf '{"id":"a","name":"Pak Chol Su"}\n' | "$VIGIL" match -i "$IDX" --fail-on-match > /dev/null 2>&1
ok $([ $? -eq 1 ]; echo $?) "--fail-on-match exits 1 when a query matches"
tap_done

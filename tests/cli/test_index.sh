#!/bin/sh
# vigil index build / info / verify on lists the test writes itself
# (FollowTheMoney JSON lines and CSV).
. "$(dirname "$0")/lib.sh"

build_test_index
status=$?
ok $([ $status -eq 1 ]; echo $?) "build with one broken record exits 1 (got $status)"
check "index file written" test -s "$tmp/lists.vgi"
check "FtM list counts: processed 7, accepted 6, rejected 1" \
    grep -q "list.ftm.jsonl: processed 7, accepted 6, rejected 1" "$tmp/build.out"
check "CSV list counts: processed 2, accepted 2, rejected 0" \
    grep -q "own.csv: processed 2, accepted 2, rejected 0" "$tmp/build.out"
check "rejected record reported with file and line 7" \
    grep -q "list.ftm.jsonl:7:" "$tmp/build.err"
check "summary line names 8 entities" grep -q "wrote .*lists.vgi: 8 entities" "$tmp/build.out"

# --max-errors 0 still counts the rejection but prints none.
"$VIGIL" index build -o "$tmp/quiet.vgi" --max-errors 0 "$tmp/list.ftm.jsonl" \
    > "$tmp/q.out" 2> "$tmp/q.err"
check "--max-errors 0: record not printed" sh -c "! grep -q 'list.ftm.jsonl:7:' '$tmp/q.err'"
check "--max-errors 0: count says 1 more not shown" grep -q "1 more rejected" "$tmp/q.err"

# An unreadable list: failure, nothing written, the file named.
"$VIGIL" index build -o "$tmp/none.vgi" "$tmp/own.csv" "$tmp/missing.jsonl" \
    > "$tmp/m.out" 2> "$tmp/m.err"
status=$?
ok $([ $status -eq 3 ]; echo $?) "missing list exits 3 (got $status)"
check "missing list named in the error" grep -q "missing.jsonl" "$tmp/m.err"
check "no index written when a list cannot be read" test ! -e "$tmp/none.vgi"

status_is 2 "build without -o is a usage error" "$VIGIL" index build "$tmp/own.csv"
status_is 2 "build without lists is a usage error" "$VIGIL" index build -o "$tmp/x.vgi"

# info: text and JSON.
"$VIGIL" index info "$tmp/lists.vgi" > "$tmp/info.txt" 2>&1
ok $? "index info exits 0"
check "info lists source testlist" grep -q "^  testlist" "$tmp/info.txt"
check "info lists source own" grep -q "^  own" "$tmp/info.txt"
check "info counts 8 entities" grep -q "^entities  8$" "$tmp/info.txt"
check "info shows a sha256 per source" grep -qE "sha256     [0-9a-f]{64}" "$tmp/info.txt"
"$VIGIL" index info --format json "$tmp/lists.vgi" > "$tmp/info.json" 2>&1
ok $? "index info --format json exits 0"
check "json info: entities 8" grep -q '"entities": 8,' "$tmp/info.json"
check "json info: two sources" test "$(grep -c '"sha256"' "$tmp/info.json")" -eq 2
check "json info: version" grep -q '"version": "' "$tmp/info.json"
VIGIL_INDEX="$tmp/lists.vgi" "$VIGIL" index info > "$tmp/info2.txt" 2>&1
ok $? "index info uses \$VIGIL_INDEX when no FILE is given"

# verify: a good index passes, a damaged one fails with its name.
"$VIGIL" index verify "$tmp/lists.vgi" > "$tmp/v.out" 2>&1
ok $? "verify passes on a fresh index"
check "verify says ok" grep -q "lists.vgi: ok" "$tmp/v.out"
size=$(wc -c < "$tmp/lists.vgi")
head -c $((size / 2)) "$tmp/lists.vgi" > "$tmp/cut.vgi"
"$VIGIL" index verify "$tmp/cut.vgi" > "$tmp/cut.out" 2>&1
status=$?
ok $([ $status -eq 3 ]; echo $?) "verify of a truncated index exits 3 (got $status)"
check "truncated index named in the error" grep -q "cut.vgi" "$tmp/cut.out"
cp "$tmp/lists.vgi" "$tmp/flip.vgi"
printf 'X' | dd of="$tmp/flip.vgi" bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
"$VIGIL" index verify "$tmp/flip.vgi" > "$tmp/flip.out" 2>&1
status=$?
ok $([ $status -eq 3 ]; echo $?) "verify of an index with a changed byte exits 3 (got $status)"
printf 'not an index\n' > "$tmp/foreign.vgi"
status_is 3 "info on a foreign file exits 3" "$VIGIL" index info "$tmp/foreign.vgi"
tap_done

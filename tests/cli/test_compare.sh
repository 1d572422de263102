#!/bin/sh
# vigil compare: one pair explained, a CSV of pairs scored.
. "$(dirname "$0")/lib.sh"

"$VIGIL" compare --schema Person "Pak Chol-su" "PAK CHOL SU" > "$tmp/p.txt" 2>&1
ok $? "compare exits 0"
check "same name in another spelling is a match" grep -q "score [0-9.]*, MATCH" "$tmp/p.txt"
check "explanation pairs the tokens" grep -qE "^ +Pak .*PAK +exact" "$tmp/p.txt"
"$VIGIL" compare --schema Person "Pak Chol-su" "Anna Schneider" > "$tmp/n.txt" 2>&1
check "unrelated names are no match" grep -q "no match" "$tmp/n.txt"
"$VIGIL" compare --format json "Pak Chol Su" "Pak Chol Su" > "$tmp/p.json" 2>&1
check "json: identical names score 1" grep -q '"score": 1.0,' "$tmp/p.json"
check "json: tokens explained" grep -q '"how": "exact"' "$tmp/p.json"

cat > "$tmp/pairs.csv" <<'CSV'
name1,name2,schema,label
Pak Chol Su,PAK CHOL SU,Person,same
Koryo Myongsong Construction Co Ltd,"KORYO MYONGSONG CONSTRUCTION COMPANY, LIMITED",Company,same
Anna Schneider,Baltic Timber Export AS,,different
,Empty Side,Person,broken
Ri Myong Ho,Ri Myong-ho,Starship,broken
CSV
"$VIGIL" compare --pairs "$tmp/pairs.csv" > "$tmp/scores.csv" 2> "$tmp/scores.err"
status=$?
ok $([ $status -eq 1 ]; echo $?) "pairs with broken rows exit 1 (got $status)"
check "header keeps the columns and adds score,match" grep -qx "name1,name2,schema,label,score,match" "$tmp/scores.csv"
check "three scored rows" test "$(wc -l < "$tmp/scores.csv")" -eq 4
check "first pair scores a match" grep -qE "^Pak Chol Su,PAK CHOL SU,Person,same,[0-9.]+,true$" "$tmp/scores.csv"
check "quoted field kept quoted" grep -q '"KORYO MYONGSONG CONSTRUCTION COMPANY, LIMITED",Company,same,' "$tmp/scores.csv"
check "unrelated pair is no match" grep -qE "^Anna Schneider,Baltic Timber Export AS,,different,[0-9.]+,false$" "$tmp/scores.csv"
check "empty name reported with line 5" grep -q "pairs.csv:5: name1: empty" "$tmp/scores.err"
check "unknown schema reported with line 6" grep -q "pairs.csv:6: schema: unknown schema 'Starship'" "$tmp/scores.err"
"$VIGIL" compare --pairs - < "$tmp/pairs.csv" > "$tmp/stdin.csv" 2>/dev/null
check "--pairs - reads stdin with the same result" cmp -s "$tmp/scores.csv" "$tmp/stdin.csv"

status_is 2 "one name only is a usage error" "$VIGIL" compare "Pak Chol Su"
status_is 2 "--pairs with names is a usage error" "$VIGIL" compare --pairs "$tmp/pairs.csv" a b
status_is 3 "missing pairs file exits 3" "$VIGIL" compare --pairs "$tmp/none.csv"
tap_done

#!/bin/sh
# Command-line surface: help, version, usage errors (exit 2 with usage),
# and the message when there is no index.
. "$(dirname "$0")/lib.sh"

"$VIGIL" --version > "$tmp/v.txt" 2>&1
ok $? "--version exits 0"
check "--version prints the version" grep -qE "^vigil [0-9]+\.[0-9]+\.[0-9]+$" "$tmp/v.txt"
"$VIGIL" help > "$tmp/h.txt" 2>&1
ok $? "help exits 0"
for c in index screen match compare update serve; do
    check "help lists $c" grep -qE "^  $c " "$tmp/h.txt"
done
for c in index screen match compare; do
    "$VIGIL" help "$c" > "$tmp/hc.txt" 2>&1
    ok $? "help $c exits 0"
    check "help $c prints its usage" grep -q "^usage: vigil $c" "$tmp/hc.txt"
    "$VIGIL" "$c" --help > "$tmp/hh.txt" 2>&1
    check "$c --help prints the same usage" cmp -s "$tmp/hc.txt" "$tmp/hh.txt"
done

"$VIGIL" > "$tmp/none.txt" 2>&1
ok $([ $? -eq 2 ]; echo $?) "no command exits 2"
check "no command prints usage" grep -q "^usage: vigil COMMAND" "$tmp/none.txt"
"$VIGIL" frobnicate > "$tmp/u.txt" 2>&1
ok $([ $? -eq 2 ]; echo $?) "unknown command exits 2"
check "unknown command named" grep -q "unknown command 'frobnicate'" "$tmp/u.txt"
"$VIGIL" screen --no-such-option "x" > "$tmp/o.txt" 2>&1
ok $([ $? -eq 2 ]; echo $?) "unknown option exits 2"
check "unknown option named, usage printed" sh -c "grep -q \"unknown or ambiguous option '--no-such-option'\" '$tmp/o.txt' && grep -q '^usage: vigil screen' '$tmp/o.txt'"
"$VIGIL" screen --limit > "$tmp/l.txt" 2>&1
ok $([ $? -eq 2 ]; echo $?) "option without its value exits 2"
check "missing value named" grep -q "option '--limit' needs a value" "$tmp/l.txt"
status_is 2 "--limit abc exits 2" "$VIGIL" screen --limit abc x
status_is 2 "index without subcommand exits 2" "$VIGIL" index
status_is 2 "index frob exits 2" "$VIGIL" index frob

# No index anywhere: a clear error that says how to get one.
env -u VIGIL_INDEX HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" VIGIL_DATA_DIR="$tmp/home/vigil" \
    "$VIGIL" screen "Pak Chol Su" > "$tmp/ni.txt" 2>&1
status=$?
ok $([ $status -eq 3 ]; echo $?) "no index exits 3 (got $status)"
check "no-index message says how to build one" grep -q "vigil index build" "$tmp/ni.txt"
VIGIL_INDEX="$tmp/absent.vgi" "$VIGIL" screen "Pak Chol Su" > "$tmp/ab.txt" 2>&1
ok $([ $? -eq 3 ]; echo $?) "absent \$VIGIL_INDEX file exits 3"
check "absent index file named" grep -q "absent.vgi" "$tmp/ab.txt"
"$VIGIL" match -i "$tmp/absent.vgi" < /dev/null > "$tmp/am.txt" 2>&1
ok $([ $? -eq 3 ]; echo $?) "match with an absent -i exits 3"
if [ -w /dev/full ]; then
    "$VIGIL" compare "Pak Chol Su" "Pak Chol Su" > /dev/full 2> "$tmp/full.txt"
    ok $([ $? -eq 3 ]; echo $?) "output to a full disk exits 3"
    check "full disk reported" grep -q "cannot write the output" "$tmp/full.txt"
fi
tap_done

#!/bin/sh
# The end-to-end example behind `make run`: builds an index from the sample
# lists in examples/lists/ (plus the real UN consolidated list when
# $VIGIL_LISTS or ../shared/data/lists has it), screens the fictional
# contractor roster examples/roster.csv with `vigil match`, and prints the
# hits for a person to read.  Everything goes to a temporary directory that
# is removed at the end.
set -u
cd "$(dirname "$0")/.." || exit 3
BUILD=${BUILD:-build}
VIGIL="$BUILD/vigil"
[ -x "$VIGIL" ] || { echo "run-example: $VIGIL not built (make BUILD=$BUILD)" >&2; exit 3; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigil-example.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT INT TERM

lists_dir=${VIGIL_LISTS:-../shared/data/lists}
set -- examples/lists/*.ftm.jsonl examples/lists/*.csv
un="$lists_dir/un/consolidated.xml"
if [ -r "$un" ]; then
    set -- "$@" --source-name un "$un"
else
    echo "(no UN consolidated list at $un: sample lists only)"
fi

echo "== vigil index build"
"$VIGIL" index build -o "$tmp/lists.vgi" "$@"
status=$?
# 1 = built, with some records rejected (listed above).
[ "$status" -le 1 ] || exit "$status"

echo
echo "== vigil index info"
"$VIGIL" index info "$tmp/lists.vgi" || exit $?

echo
echo "== vigil match --input examples/roster.csv (queries with hits)"
"$VIGIL" match -i "$tmp/lists.vgi" --input examples/roster.csv --format text --quiet
status=$?
[ "$status" -le 1 ] || exit "$status"

echo
echo "== the same as CSV, one row per hit (first rows)"
"$VIGIL" match -i "$tmp/lists.vgi" --input examples/roster.csv --output "$tmp/hits.csv" --quiet
status=$?
[ "$status" -le 1 ] || exit "$status"
head -n 6 "$tmp/hits.csv"
echo "($(($(wc -l < "$tmp/hits.csv") - 1)) hit rows in all)"

echo
echo "== vigil screen: the best hit explained"
"$VIGIL" screen -i "$tmp/lists.vgi" --schema Person --birth-date 1971-03-14 --limit 1 \
    "Пак Чхоль Су"
exit 0

#!/bin/sh
# eval.sh — `make eval`: recall and false positives of vigil on a labelled
# variant set made from the official lists, next to a brute-force
# Jaro-Winkler baseline.  See docs/eval.md.
#
#   1. builds an index of UN + OFAC SDN + OFAC consolidated + BIS DPL with
#      `vigil index build` (lists read in place from $VIGIL_LISTS);
#   2. writes the labelled set with bench/variants (seeded: the same seed
#      gives the same set);
#   3. screens every query with bench/evalrun and prints the tables.
# Everything it writes goes to $BUILD/eval/: the index, the set (set.tsv),
# the report (report.txt) and every miss and false positive (misses.tsv).
#
# Environment: BUILD (default build), VIGIL_LISTS, EVAL_SEED (42),
# EVAL_COUNT (2000 sampled entities), EVAL_CROSS (600 per cross-script
# culture), EVAL_NEGATIVES (1500), EVAL_CROSS_NEGATIVES (400 per culture),
# EVAL_THREADS (all cores), EVAL_BASELINE_MAX (100 rows per category).
set -eu
BUILD=${BUILD:-build}
VIGIL_LISTS=${VIGIL_LISTS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data/lists}
SEED=${EVAL_SEED:-42}
COUNT=${EVAL_COUNT:-2000}
CROSS=${EVAL_CROSS:-600}
NEGATIVES=${EVAL_NEGATIVES:-1500}
CROSS_NEGATIVES=${EVAL_CROSS_NEGATIVES:-400}
THREADS=${EVAL_THREADS:-$(nproc 2>/dev/null || echo 2)}
BASELINE_MAX=${EVAL_BASELINE_MAX:-100}
VIGIL=$BUILD/vigil
B=$BUILD/bench
W=$BUILD/eval
mkdir -p "$W"

for f in un/consolidated.xml ofac-sdn/sdn.csv ofac-cons/cons_prim.csv bis-dpl/dpl.txt; do
    [ -r "$VIGIL_LISTS/$f" ] || { echo "eval: missing $VIGIL_LISTS/$f (set VIGIL_LISTS)" >&2; exit 2; }
done

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain -- src include 2>/dev/null)" ] && COMMIT="$COMMIT (+ uncommitted changes in src/)"
echo "eval: commit $COMMIT, $(date -u +%Y-%m-%dT%H:%MZ)" | tee "$W/commit.txt"
echo "eval: building the index of the official lists"
status=0
"$VIGIL" index build -o "$W/lists.vgi" \
    --source-name un "$VIGIL_LISTS/un/consolidated.xml" \
    --source-name ofac-sdn "$VIGIL_LISTS/ofac-sdn" \
    --source-name ofac-cons "$VIGIL_LISTS/ofac-cons" \
    --source-name bis-dpl "$VIGIL_LISTS/bis-dpl/dpl.txt" > "$W/build.txt" 2> "$W/build-errors.txt" || status=$?
# 1 = written with some rejected records; anything else is a failure
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
    cat "$W/build.txt" "$W/build-errors.txt" >&2
    exit 3
fi
sed 's/^/  /' "$W/build.txt"

echo "eval: writing the labelled set (seed $SEED)"
"$B/variants" --index "$W/lists.vgi" --seed "$SEED" --count "$COUNT" --cross "$CROSS" \
    --negatives "$NEGATIVES" --cross-negatives "$CROSS_NEGATIVES" --out "$W/set.tsv"

echo "eval: screening ($THREADS threads)"
echo
"$B/evalrun" --index "$W/lists.vgi" --set "$W/set.tsv" --threads "$THREADS" \
    --baseline-max "$BASELINE_MAX" --misses "$W/misses.tsv" > "$W/report.txt"
cat "$W/commit.txt" "$W/report.txt" > "$W/report.tmp" && mv "$W/report.tmp" "$W/report.txt"
cat "$W/report.txt"
echo
echo "eval: report in $W/report.txt, every miss and false positive in $W/misses.tsv"

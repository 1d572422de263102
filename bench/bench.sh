#!/bin/sh
# bench.sh — `make bench`: speed and memory of vigil on the official lists
# and on a synthetic list of 1,000,000 entities, with a brute-force
# Jaro-Winkler baseline measured in the same run.  See docs/BENCHMARKS.md.
#
#   1. parse time of each official list (vigil_load, no index);
#   2. index build of the official lists (median of BENCH_REPS runs);
#   3. screening the official lists: a mixed query set from bench/variants
#      (typos, reorderings, romanizations, other scripts, unlisted names):
#      queries/s on 1 thread and on all cores, p50/p99 latency, peak RSS;
#      baseline queries/s and the speed ratio;
#   4. the synthetic list (bench/synth, seeded, written into $BUILD at run
#      time and reused while its size and seed stay the same): build time,
#      index size, peak RSS; screening as in 3;
#   5. `vigil update --from` on the official lists, and bench/serve_bench.sh
#      when it is present and the server runs;
#   6. a summary against the aims.
# Medians of several repetitions: the machine may be shared and noisy.
#
# Environment: BUILD (build), VIGIL_LISTS, BENCH_REPS (5), BENCH_SYNTH_COUNT
# (1000000), BENCH_SYNTH_SEED (1), BENCH_THREADS (all cores),
# BENCH_SKIP_SERVE=1 to skip the server benchmark.
set -u
BUILD=${BUILD:-build}
VIGIL_LISTS=${VIGIL_LISTS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data/lists}
REPS=${BENCH_REPS:-5}
SYNTH_COUNT=${BENCH_SYNTH_COUNT:-1000000}
SYNTH_SEED=${BENCH_SYNTH_SEED:-1}
THREADS=${BENCH_THREADS:-$(nproc 2>/dev/null || echo 2)}
VIGIL=$BUILD/vigil
B=$BUILD/bench
W=$BUILD/bench-work
mkdir -p "$W"
LOG=$W/bench-log.txt
: > "$LOG"
T_START=$(date +%s)

# value of KEY in the last line starting with LABEL of FILE
kv() { awk -v label="$2" -v key="$3" '$1 == label { for (i = 2; i < NF; i++) if ($i == key) v = $(i + 1) } END { print v }' "$1"; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
run() { "$@" >> "$LOG" 2>&1; }
latency_by_category() { # one table from the "category" lines of speed match
    printf '  %-16s %7s %9s %9s %9s %9s %11s\n' "query category" n "mean ms" "p50 ms" "p99 ms" "max ms" "cpu p99 ms"
    awk '$1 == "category" { printf "  %-16s %7s %9s %9s %9s %9s %11s\n", $2, $4, $6, $8, $10, $12, $14 }' "$1" | sort -k7 -g -r
}

# The screening report of one `speed match` output: throughput, latency,
# memory, the baseline ratio and the per-category table.
report_screening() { # FILE WHAT BASELINE_WHAT
    open_ms=$(kv "$1" match open_ms)
    echo "screening $2: $(kv "$1" match qps_1thread) q/s on 1 thread, $(kv "$1" match "qps_${THREADS}threads") q/s on $THREADS threads, p50 $(kv "$1" match p50_ms) ms, p99 $(kv "$1" match p99_ms) ms,${open_ms:+ index open $open_ms ms,} peak RSS $(kv "$1" match peak_rss_mib) MiB"
    echo "  in CPU time of the screening thread: $(kv "$1" cpu qps_1thread) q/s on 1 thread, p50 $(kv "$1" cpu p50_ms) ms, p99 $(kv "$1" cpu p99_ms) ms"
    echo "baseline (Jaro-Winkler over $3): $(kv "$1" baseline qps_1thread) q/s on 1 thread; vigil is $(kv "$1" baseline speedup)x faster"
    latency_by_category "$1"
}

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain -- src include 2>/dev/null)" ] && COMMIT="$COMMIT (+ uncommitted changes in src/)"
echo "vigil $("$VIGIL" --version 2>/dev/null | awk '{print $2}') bench, commit $COMMIT, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), $(${CC:-cc} --version | head -1)"
echo "repetitions: $REPS (medians); threads for the parallel runs: $THREADS; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# ------------------------------------------------------------ 1. parsing
echo "== parse time per source (vigil_load, median of 3)"
printf '%-12s %10s %10s %12s\n' source seconds records records/s
for src in un:un/consolidated.xml ofac-sdn:ofac-sdn ofac-cons:ofac-cons bis-dpl:bis-dpl/dpl.txt; do
    name=${src%%:*}
    path=$VIGIL_LISTS/${src#*:}
    "$B/speed" parse --reps 3 "$path" > "$W/parse-$name.txt" 2>> "$LOG" || { echo "$name: parse failed" ; continue; }
    printf '%-12s %10s %10s %12s\n' "$name" "$(kv "$W/parse-$name.txt" parse seconds)" \
        "$(kv "$W/parse-$name.txt" parse records)" "$(kv "$W/parse-$name.txt" parse records_per_s)"
done
echo

# ---------------------------------------------------- 2. real lists build
REAL=$W/real.vgi
LISTS="--source-name un $VIGIL_LISTS/un/consolidated.xml --source-name ofac-sdn $VIGIL_LISTS/ofac-sdn --source-name ofac-cons $VIGIL_LISTS/ofac-cons --source-name bis-dpl $VIGIL_LISTS/bis-dpl/dpl.txt"
builds=""
for i in $(seq "$REPS"); do
    # shellcheck disable=SC2086
    "$B/speed" build --out "$REAL" $LISTS > "$W/build-real.txt" 2>> "$LOG" || { echo "real lists: build failed (see $LOG)"; exit 3; }
    builds="$builds $(kv "$W/build-real.txt" build seconds)"
done
REAL_BUILD=$(echo "$builds" | median)
REAL_ENTITIES=$(kv "$W/build-real.txt" build entities)
REAL_NAMES=$(kv "$W/build-real.txt" build names)
REAL_BYTES=$(kv "$W/build-real.txt" build bytes)
REAL_BUILD_RSS=$(kv "$W/build-real.txt" build peak_rss_mib)
echo "== official lists: $REAL_ENTITIES entities, $REAL_NAMES names"
echo "build: median ${REAL_BUILD} s (runs:$builds), index $(awk -v b="$REAL_BYTES" 'BEGIN { printf "%.1f MiB", b / 1048576 }'), peak RSS ${REAL_BUILD_RSS} MiB"

run "$B/variants" --index "$REAL" --seed 1 --count 1000 --cross 200 --negatives 600 --cross-negatives 100 --out "$W/queries-real.tsv"
REAL_QUERIES=$(wc -l < "$W/queries-real.tsv")
"$B/speed" match --index "$REAL" --queries "$W/queries-real.tsv" --threads "$THREADS" --reps "$REPS" \
    --baseline 200 > "$W/match-real.txt" 2>> "$LOG" || { echo "real lists: match failed (see $LOG)"; exit 3; }
report_screening "$W/match-real.txt" "$REAL_QUERIES mixed queries" "every listed name, 200 queries"
R_Q1=$(kv "$W/match-real.txt" match qps_1thread)
R_CQ1=$(kv "$W/match-real.txt" cpu qps_1thread)
echo

# ------------------------------------------------------- 4. synthetic 1M
CORPUS=$W/synth-$SYNTH_COUNT-$SYNTH_SEED.jsonl
if [ ! -s "$CORPUS" ]; then
    t0=$(date +%s.%N)
    "$B/synth" --count "$SYNTH_COUNT" --seed "$SYNTH_SEED" --out "$CORPUS.tmp" && mv "$CORPUS.tmp" "$CORPUS"
    echo "synthetic list written in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
fi
SYN=$W/synth.vgi
"$B/speed" build --out "$SYN" --format ftm --source-name synth "$CORPUS" > "$W/build-synth.txt" 2>> "$LOG" ||
    { echo "synthetic: build failed (see $LOG)"; exit 3; }
S_BUILD=$(kv "$W/build-synth.txt" build seconds)
S_ENTITIES=$(kv "$W/build-synth.txt" build entities)
S_NAMES=$(kv "$W/build-synth.txt" build names)
S_BYTES=$(kv "$W/build-synth.txt" build bytes)
S_BUILD_RSS=$(kv "$W/build-synth.txt" build peak_rss_mib)
echo "== synthetic list: $S_ENTITIES entities, $S_NAMES names ($(awk -v b="$(wc -c < "$CORPUS")" 'BEGIN { printf "%.0f MiB", b / 1048576 }') of FtM JSON lines)"
echo "build: ${S_BUILD} s (one run), index $(awk -v b="$S_BYTES" 'BEGIN { printf "%.1f MiB", b / 1048576 }'), peak RSS ${S_BUILD_RSS} MiB"

run "$B/variants" --index "$SYN" --seed 1 --count 500 --no-cross --negatives 300 --out "$W/queries-synth.tsv"
SYN_QUERIES=$(wc -l < "$W/queries-synth.tsv")
SREPS=$(( REPS < 3 ? REPS : 3 ))
"$B/speed" match --index "$SYN" --queries "$W/queries-synth.tsv" --threads "$THREADS" --reps "$SREPS" \
    --baseline 10 > "$W/match-synth.txt" 2>> "$LOG" || { echo "synthetic: match failed (see $LOG)"; exit 3; }
report_screening "$W/match-synth.txt" "$SYN_QUERIES queries" "every name, 10 queries"
S_P99=$(kv "$W/match-synth.txt" match p99_ms)
S_CP99=$(kv "$W/match-synth.txt" cpu p99_ms)
S_RSS=$(kv "$W/match-synth.txt" match peak_rss_mib)
echo

# ------------------------------------------------ 5. update and server
echo "== vigil update --from (official lists, fresh data directory)"
UPD=$W/update-data
rm -rf "$UPD"
t0=$(date +%s.%N)
if "$VIGIL" update --data-dir "$UPD" --from "$VIGIL_LISTS" > "$W/update.txt" 2>&1; then
    echo "update: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') s"
    sed 's/^/  /' "$W/update.txt"
else
    echo "update: did not succeed (exit $?), see $W/update.txt"
fi
echo

if [ "${BENCH_SKIP_SERVE:-0}" != 1 ] && [ -f bench/serve_bench.sh ]; then
    echo "== server (bench/serve_bench.sh)"
    SERVE_BENCH_INDEX=$REAL BUILD=$BUILD VIGIL_LISTS=$VIGIL_LISTS sh bench/serve_bench.sh > "$W/serve.txt" 2>&1
    status=$?
    if [ $status -le 1 ]; then cat "$W/serve.txt"; else echo "server benchmark could not run (exit $status):"; tail -3 "$W/serve.txt"; fi
    echo
fi

# ------------------------------------------------------------ 6. summary
aim() { # label value op limit unit
    ok=$(awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN { if (v == "") print "n/a"; else if ((op == ">=" && v + 0 >= l) || (op == "<=" && v + 0 <= l)) print "met"; else print "NOT met" }')
    printf '| %-44s | %12s | %2s %-8s | %-7s |\n' "$1" "$2$5" "$3" "$4$5" "$ok"
}
echo "== aims"
printf '| %-44s | %12s | %-11s | %-7s |\n' aim measured target result
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "--------------:" "-------------" "---------"
aim "official lists: queries/s, one thread" "$R_Q1" ">=" 20000 ""
aim "  the same in CPU time" "$R_CQ1" ">=" 20000 ""
aim "1M entities: p99 latency" "$S_P99" "<=" 5 " ms"
aim "  the same in CPU time" "$S_CP99" "<=" 5 " ms"
aim "1M entities: index build" "$S_BUILD" "<=" 120 " s"
aim "1M entities: peak memory, build" "$S_BUILD_RSS" "<=" 2048 " MiB"
aim "1M entities: peak memory, matching" "$S_RSS" "<=" 2048 " MiB"
echo
echo "bench: total $(( $(date +%s) - T_START )) s; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); raw outputs in $W/ (log: $LOG)"

#!/bin/sh
# Runs every test program and script and ends with "N passed, N failed".
# cmocka programs report in TAP (CMOCKA_MESSAGE_OUTPUT=TAP); shell tests
# print TAP lines themselves.  A program that dies without reporting counts
# as one failure.
BUILD=${BUILD:-build}
VIGIL_LISTS=${VIGIL_LISTS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data/lists}
export BUILD VIGIL_LISTS
VIGIL="$(pwd)/$BUILD/vigil"
export VIGIL
passed=0
failed=0
log="$BUILD/test-log.txt"
: > "$log"

run_one() {
    name=$1
    shift
    out=$("$@" 2>>"$log")
    status=$?
    printf '%s\n' "$out" >> "$log"
    p=$(printf '%s\n' "$out" | grep -c '^ok ')
    f=$(printf '%s\n' "$out" | grep -c '^not ok ')
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        echo "FAIL $name ($p passed, $f failed, exit $status)"
        printf '%s\n' "$out" | grep '^not ok ' | sed 's/^/    /'
    else
        echo "ok   $name ($p)"
    fi
}

for t in $(find "$BUILD/tests" -type f -perm -u+x -name 'test_*' 2>/dev/null | sort); do
    CMOCKA_MESSAGE_OUTPUT=TAP run_one "$t" "$t"
done
for t in $(find tests -name 'test_*.sh' | sort); do
    run_one "$t" sh "$t"
done
for f in $(find "$BUILD/fuzz" -type f -perm -u+x 2>/dev/null | sort); do
    target=$(basename "$f")
    run_one "fuzz replay $target" "$f" "fuzz/corpus/$target"
done

echo "(details in $log)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

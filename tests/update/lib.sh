# Helpers for the `vigil update` shell tests (sourced, not run).
# TAP output: check DESCRIPTION COMMAND... prints "ok N" or "not ok N" and,
# on failure, the last update's output as comments.

: "${VIGIL:?VIGIL must point at the vigil binary}"
: "${VIGIL_LISTS:?VIGIL_LISTS must point at the official lists}"
T=$(mktemp -d "${TMPDIR:-/tmp}/vigil-update-test.XXXXXX")
trap 'cleanup' EXIT
N=0
FAILED=0
RC=0
: > "$T/out"

cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
    rm -rf "$T"
}

check() {
    desc=$1
    shift
    N=$((N + 1))
    if "$@"; then
        echo "ok $N - $desc"
    else
        echo "not ok $N - $desc"
        FAILED=$((FAILED + 1))
        sed 's/^/# /' "$T/out"
    fi
}

done_testing() {
    echo "1..$N"
    [ "$FAILED" -eq 0 ]
}

# Runs `vigil update ARGS`; output in $T/out, exit status in $RC.
update() {
    "$VIGIL" update "$@" > "$T/out" 2>&1
    RC=$?
}

one_of() {
    v=$1
    shift
    for w in "$@"; do [ "$v" = "$w" ] && return 0; done
    return 1
}

between() { [ -n "$1" ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

# Status and entity count of a source in the last update's output.
status_of() { awk -v s="$1" '$1 == s { print $2 }' "$T/out"; }
count_of() { awk -v s="$1" '$1 == s { print $3 }' "$T/out"; }

# "name entities sha256 published retrieved" per source of an index.
info_json() {
    "$VIGIL" index info --format json -i "$1" 2>/dev/null | python3 -c '
import json, sys
for s in json.load(sys.stdin)["sources"]:
    print(s["name"], s["entities"], s["sha256"], s["published"] or "-", s["retrieved"] or "-")'
}

verifies() { "$VIGIL" index verify -i "$1" > /dev/null 2>&1; }

entities_of() {
    "$VIGIL" index info --format json -i "$1" 2>/dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["entities"])'
}

version_of() {
    "$VIGIL" index info --format json -i "$1" 2>/dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])'
}

# A --from directory whose source folders link to the real lists; a test
# replaces the folder it wants to change.
mirror() {
    mkdir -p "$1"
    for s in un ofac-sdn ofac-cons bis-dpl; do ln -s "$VIGIL_LISTS/$s" "$1/$s"; done
}

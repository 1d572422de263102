# lib.sh — shared by the server's shell tests (sourced, not run): TAP
# output, a scratch directory, the test lists and indexes, a server started
# on an ephemeral loopback port and stopped on exit, and the request cases.
# All traffic goes to 127.0.0.1.

: "${VIGIL:?VIGIL must name the vigil binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/vigil-server-test.XXXXXX")
TAP_N=0
SERVER_PIDS=""
BG_PIDS=""

cleanup() {
    for p in $BG_PIDS; do kill "$p" 2>/dev/null; done
    for p in $SERVER_PIDS; do kill -KILL "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1"; }
not_ok() {
    TAP_N=$((TAP_N + 1))
    echo "not ok $TAP_N - $1"
    shift
    for d in "$@"; do printf '%s\n' "$d" | sed 's/^/# /'; done
}
# check "what" command...: one TAP line from the command's exit status.
check() { what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

# The test lists: made-up people, a company and a vessel in FtM JSON lines.
write_lists() {
    cat > "$T/list-a.ftm.jsonl" <<'JSON'
{"id":"p-1","schema":"Person","properties":{"name":["Ivan Petrovich Sidorov"],"birthDate":["1961-03-14"],"nationality":["ru"],"topics":["sanction"]},"datasets":["test-sanctions"]}
{"id":"p-2","schema":"Person","properties":{"name":["Maria Fernanda Gonzalez Lopez"],"birthDate":["1975-08-02"],"country":["es"]},"datasets":["test-sanctions"]}
{"id":"o-1","schema":"Company","properties":{"name":["Blue Harbor Trading LLC"],"country":["ae"]},"datasets":["test-sanctions"]}
{"id":"v-1","schema":"Vessel","properties":{"name":["Ocean Pearl"],"imoNumber":["9123456"]},"datasets":["test-sanctions"]}
{"id":"p-3","schema":"Person","properties":{"name":["Tariq Hassan Mahmoud"],"birthDate":["1980"]},"datasets":["test-sanctions"]}
JSON
    cp "$T/list-a.ftm.jsonl" "$T/list-b.ftm.jsonl"
    cat >> "$T/list-b.ftm.jsonl" <<'JSON'
{"id":"p-9","schema":"Person","properties":{"name":["Farhad Nasser Karimi"],"birthDate":["1970-01-05"]},"datasets":["test-sanctions"]}
JSON
}

# build_index OUT LIST: an index built by the command, as operators do.
build_index() {
    "$VIGIL" index build -o "$1" "$2" > "$T/build.out" 2>&1
}

# start_server ARGS...: starts `vigil serve -i $INDEX --listen 127.0.0.1:0
# ARGS` in the background, waits for its "listening on" line; sets
# SERVER_PID, PORT and BASE.  Its stderr (the access log) goes to
# $T/server.err.
start_server() {
    : > "$T/server.out"
    "$VIGIL" serve -i "$INDEX" --listen 127.0.0.1:0 "$@" > "$T/server.out" 2> "$T/server.err" &
    SERVER_PID=$!
    SERVER_PIDS="$SERVER_PIDS $SERVER_PID"
    PORT=""
    i=0
    while [ $i -lt 100 ]; do
        PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$T/server.out")
        [ -n "$PORT" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.05
        i=$((i + 1))
    done
    BASE="http://127.0.0.1:$PORT"
    [ -n "$PORT" ]
}

# stop_server: SIGTERM and wait; returns the exit status.
stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID"
}

# http METHOD PATH [curl args...]: body in $T/body, headers in $T/headers,
# status printed.
http() {
    m=$1; p=$2; shift 2
    curl -s -m 10 -X "$m" -D "$T/headers" -o "$T/body" -w '%{http_code}' "$@" "$BASE$p"
}

# jqt EXPR: true when EXPR holds for $T/body; jqf EXPR FILE for a file;
# jqs EXPR FILE for a file of JSON lines read as one array.
jqt() { jq -e "$1" "$T/body" > /dev/null 2>&1; }
jqf() { jq -e "$1" "$2" > /dev/null 2>&1; }
jqs() { jq -e -s "$1" "$2" > /dev/null 2>&1; }

trim() { printf '%s' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'; }

# run_case FILE: one request described by a case file (see cases/README),
# one TAP line.
run_case() {
    f=$1
    name=$(basename "$f" .case)
    method=GET; path=/; want=200; get=""
    set --
    while IFS= read -r line || [ -n "$line" ]; do
        v=$(trim "${line#*:}")
        case "$line" in
        method:*) method=$v ;;
        path:*) path=$v ;;
        query:*) set -- "$@" --data-urlencode "$v"; get=1 ;;
        form:*) set -- "$@" --data-urlencode "$v" ;;
        body:*) set -- "$@" -H 'Content-Type: application/json' --data-binary "$v" ;;
        status:*) want=$v ;;
        esac
    done < "$f"
    if [ -n "$get" ]; then set -- -G "$@"; fi
    code=$(http "$method" "$path" "$@")
    problems=""
    [ "$code" = "$want" ] || problems="$problems|status $code, expected $want"
    if [ "$want" -ge 400 ] && ! jqt ".error.status == $want and (.error.message | length > 0)"; then
        problems="$problems|not a JSON error with status $want"
    fi
    while IFS= read -r line || [ -n "$line" ]; do
        v=$(trim "${line#*:}")
        case "$line" in
        jq:*) jqt "$v" || problems="$problems|jq: $v" ;;
        header:*) grep -qiF "$v" "$T/headers" || problems="$problems|header: $v" ;;
        contains:*) grep -qF -- "$v" "$T/body" || problems="$problems|contains: $v" ;;
        absent:*) grep -qF -- "$v" "$T/body" && problems="$problems|absent: $v" ;;
        esac
    done < "$f"
    what=$(sed -n 's/^# *//p' "$f" | head -n 1)
    if [ -z "$problems" ]; then
        ok "$name: $what"
    else
        not_ok "$name: $what" "$(echo "$problems" | tr '|' '\n' | sed '/^$/d')" \
            "body: $(head -c 600 "$T/body")"
    fi
}

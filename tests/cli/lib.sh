# lib.sh — shared by the tests/cli/test_*.sh scripts (sourced, not run):
# TAP reporting, a temporary directory removed on exit, and small test lists
# written by the tests themselves (fictional names).
VIGIL=${VIGIL:-$(pwd)/build/vigil}
tap_n=0
tap_failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigil-cli-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# ok STATUS DESCRIPTION: a TAP line, "ok" when STATUS is 0.
ok() {
    tap_n=$((tap_n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $tap_n - $2"
    else
        echo "not ok $tap_n - $2"
        tap_failed=$((tap_failed + 1))
    fi
}

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
    desc=$1
    shift
    if "$@" >/dev/null 2>&1; then ok 0 "$desc"; else ok 1 "$desc"; fi
}

# status_is EXPECTED DESCRIPTION COMMAND...: ok when the command exits EXPECTED.
status_is() {
    expected=$1
    desc=$2
    shift 2
    "$@" >/dev/null 2>&1
    got=$?
    [ "$got" -eq "$expected" ] || echo "# $desc: exit $got, expected $expected"
    [ "$got" -eq "$expected" ]
    ok $? "$desc"
}

# A FollowTheMoney JSON-lines list (six entities, one broken line: line 7).
write_ftm_list() {
    cat > "$1" <<'LIST'
{"id": "t-per-1", "schema": "Person", "properties": {"name": ["PAK CHOL SU"], "alias": ["Pak Chol-su"], "birthDate": ["1971-03-14"], "nationality": ["kp"], "passportNumber": ["836110245"]}, "datasets": ["test-list"]}
{"id": "t-per-2", "schema": "Person", "properties": {"name": ["RI MYONG HO"], "birthDate": ["1965-11-02"], "nationality": ["kp"]}, "datasets": ["test-list"]}
{"id": "t-org-1", "schema": "Company", "properties": {"name": ["KORYO MYONGSONG OVERSEAS CONSTRUCTION COMPANY"], "alias": ["Myongsong Construction Co., Ltd."], "country": ["kp"]}, "datasets": ["test-list"]}
{"id": "t-ves-1", "schema": "Vessel", "properties": {"name": ["SONGDO STAR"], "imoNumber": ["IMO 8712348"]}, "datasets": ["test-list"]}
{"id": "t-per-3", "schema": "Person", "properties": {"name": ["Anna SCHNEIDER"], "birthDate": ["1990"], "nationality": ["de"]}, "datasets": ["test-list"]}
{"id": "t-org-2", "schema": "Company", "properties": {"name": ["BALTIC TIMBER EXPORT AS"], "country": ["ee"]}, "datasets": ["test-list"]}
{"id": "t-broken", "schema": "Person", "properties": {"name": ["UNCLOSED
LIST
}

# A CSV watchlist (two entities).
write_csv_list() {
    cat > "$1" <<'LIST'
id,schema,name,aliases,birth_date,country,identifiers
c-1,Company,Amber Gulf Manpower Supply FZCO,Amber Gulf Manpower,,ae,
c-2,Person,Serhiy Tkachuk,Сергій Ткачук,1979-07-22,ua,passport:FE123456
LIST
}

# Builds $tmp/lists.vgi from both test lists.
build_test_index() {
    write_ftm_list "$tmp/list.ftm.jsonl"
    write_csv_list "$tmp/own.csv"
    "$VIGIL" index build -o "$tmp/lists.vgi" --source-name testlist "$tmp/list.ftm.jsonl" \
        --source-name own "$tmp/own.csv" > "$tmp/build.out" 2> "$tmp/build.err"
}

tap_done() {
    echo "1..$tap_n"
    exit 0
}

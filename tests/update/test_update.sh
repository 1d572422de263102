#!/bin/sh
# `vigil update` end to end on the real lists ($VIGIL_LISTS, read in place):
# import with --from, provenance in the index, unchanged sources skipped,
# truncated and shrunken lists refused (and --force), rollback, and a kill
# at each step of installing the index leaving the old one serving.
# Download behaviour over loopback HTTP is in test_update_http.sh.
. "$(dirname "$0")/lib.sh"

L=$VIGIL_LISTS
D=$T/data

# ---------------------------------------------------------------- import
update --data-dir "$D" --from "$L"
check "first import exits 0" [ "$RC" = 0 ]
for s in un ofac-sdn ofac-cons bis-dpl; do
    check "first import: $s fetched" [ "$(status_of "$s")" = fetched ]
done
check "un holds its 1003 entries (730 individuals + 273 entities)" [ "$(count_of un)" = 1003 ]
check "ofac-sdn holds its 8976 primary records" [ "$(count_of ofac-sdn)" = 8976 ]
check "ofac-cons holds its 442 primary records" [ "$(count_of ofac-cons)" = 442 ]
check "the summary reports a new index" grep -q "^index written: $D/index.vgi" "$T/out"

info_json "$D/index.vgi" > "$T/info1"
"$VIGIL" index info -i "$D/index.vgi" > "$T/info1.txt" 2>&1
un_sha=$(sha256sum "$L/un/consolidated.xml" | cut -d' ' -f1)
dpl_sha=$(sha256sum "$L/bis-dpl/dpl.txt" | cut -d' ' -f1)
sdn_sha=$(cat "$L/ofac-sdn/sdn.csv" "$L/ofac-sdn/add.csv" "$L/ofac-sdn/alt.csv" \
    "$L/ofac-sdn/sdn_comments.csv" | sha256sum | cut -d' ' -f1)
check "index info lists the four sources" [ "$(wc -l < "$T/info1")" = 4 ]
check "index info: un with its count and the file's SHA-256" \
    grep -q "^un 1003 $un_sha " "$T/info1"
check "index info: bis-dpl with the file's SHA-256" grep -q "^bis-dpl [1-9][0-9]* $dpl_sha " "$T/info1"
check "index info: ofac-sdn with the SHA-256 of its four files in order" \
    grep -q "^ofac-sdn 8976 $sdn_sha " "$T/info1"
check "index info text shows the digests" grep -q "$un_sha" "$T/info1.txt"
check "un records the publication date it states (2026-02-27)" \
    grep -q "^un .* 2026-02-27" "$T/info1"
check "un records where it was read from" grep -q "un/consolidated.xml" "$T/info1.txt"
total=$(awk '{s += $2} END {print s}' "$T/info1")
check "the index holds the entities of every source" [ "$(entities_of "$D/index.vgi")" -ge 1 ]
check "the summary's entity count is the index's" \
    grep -q "($(entities_of "$D/index.vgi") entities)" "$T/out"
echo "# sources total $total, index $(entities_of "$D/index.vgi")"

# -------------------------------------------------------------- unchanged
before=$(stat -c '%i %Y' "$D/index.vgi")
update --data-dir "$D" --from "$L"
check "second import exits 0" [ "$RC" = 0 ]
for s in un ofac-sdn ofac-cons bis-dpl; do
    check "second import: $s unchanged" [ "$(status_of "$s")" = unchanged ]
done
check "second import leaves the index file alone" [ "$(stat -c '%i %Y' "$D/index.vgi")" = "$before" ]
check "second import says the index is unchanged" grep -q "^index unchanged" "$T/out"

# -------------------------------------------------------------- truncated
mirror "$T/trunc"
rm "$T/trunc/un"
mkdir "$T/trunc/un"
head -c 1500000 "$L/un/consolidated.xml" > "$T/trunc/un/consolidated.xml"
version=$(version_of "$D/index.vgi")
update --data-dir "$D" --from "$T/trunc"
st=$(status_of un)
check "a truncated UN file is not accepted (got: $st)" one_of "$st" refused failed
check "a truncated UN file makes the exit status 1" [ "$RC" = 1 ]
check "the refusal says the previous copy is kept" grep -q "^un .*previous copy kept" "$T/out"
check "the index in service is untouched" [ "$(version_of "$D/index.vgi")" = "$version" ]
check "the index in service still verifies" verifies "$D/index.vgi"
info_json "$D/index.vgi" > "$T/info2"
check "the index still records the complete UN list" grep -q "^un 1003 $un_sha " "$T/info2"

# ----------------------------------------------------------------- shrink
# The consolidated list with its last 272 entries withdrawn: the first 170
# primary records and only the names, addresses and remarks that belong to
# them (so that nothing but the shrinking is wrong with it).
mirror "$T/shrunk"
rm "$T/shrunk/ofac-cons"
mkdir "$T/shrunk/ofac-cons"
head -n 170 "$L/ofac-cons/cons_prim.csv" > "$T/shrunk/ofac-cons/cons_prim.csv"
cut -d, -f1 "$T/shrunk/ofac-cons/cons_prim.csv" > "$T/kept-ids"
for f in cons_add.csv cons_alt.csv cons_comments.csv; do
    awk -F, 'NR == FNR { keep[$1] = 1; next } keep[$1]' "$T/kept-ids" \
        "$L/ofac-cons/$f" > "$T/shrunk/ofac-cons/$f"
done
update --data-dir "$D" --from "$T/shrunk"
check "a list that lost 60% of its entities is refused" [ "$(status_of ofac-cons)" = refused ]
check "the refusal names the counts" grep -q "^ofac-cons .*down from 442" "$T/out"
check "a refusal makes the exit status 1" [ "$RC" = 1 ]
info_json "$D/index.vgi" > "$T/info3"
check "the index keeps the 442 consolidated entries" grep -q "^ofac-cons 442 " "$T/info3"

update --data-dir "$D" --from "$T/shrunk" --max-shrink 70
check "--max-shrink 70 lets the shrunken list in" [ "$(status_of ofac-cons)" = fetched ]
check "and the update then exits 0" [ "$RC" = 0 ]
small=$(count_of ofac-cons)
check "the shrunken list has fewer than 80% of 442 entries ($small)" between "$small" 1 353
update --data-dir "$D" --from "$L"
check "the full list comes back (it grows: no check refuses that)" [ "$(status_of ofac-cons)" = fetched ]
update --data-dir "$D" --from "$T/shrunk"
check "shrinking again is refused" [ "$(status_of ofac-cons)" = refused ]
update --data-dir "$D" --from "$T/shrunk" --force
check "--force accepts it" [ "$(status_of ofac-cons)" = fetched ]
check "--force: exit 0" [ "$RC" = 0 ]
info_json "$D/index.vgi" > "$T/info4"
check "--force: the index holds the shrunken list" grep -q "^ofac-cons $small " "$T/info4"
check "the replaced index is kept as index.vgi.prev" [ -f "$D/index.vgi.prev" ]

# --------------------------------------------------------------- rollback
"$VIGIL" update --data-dir "$D" --rollback > "$T/out" 2>&1
RC=$?
check "rollback exits 0" [ "$RC" = 0 ]
info_json "$D/index.vgi" > "$T/info5"
check "rollback restores the index with all 442 consolidated entries" grep -q "^ofac-cons 442 " "$T/info5"
info_json "$D/index.vgi.prev" > "$T/info6"
check "the rolled-back index is now index.vgi.prev" grep -q "^ofac-cons $small " "$T/info6"
rm -rf "$T/empty"
"$VIGIL" update --data-dir "$T/empty" --rollback > "$T/out" 2>&1
RC=$?
check "rollback without a previous index fails with exit 3" [ "$RC" = 3 ]
check "and says why" grep -q "no previous index" "$T/out"

# ------------------------------------------------------------------ kills
# The lists/ copy of ofac-cons is the shrunken one, the index has the full
# one: importing the full lists stages ofac-cons and rebuilds.
version=$(version_of "$D/index.vgi")
for step in staged written prev-kept; do
    VIGIL_UPDATE_CRASH_AT=$step "$VIGIL" update --data-dir "$D" --from "$L" > "$T/out" 2>&1
    RC=$?
    check "killed at '$step': the process died by SIGKILL" [ "$RC" = 137 ]
    check "killed at '$step': the old index still opens and verifies" \
        verifies "$D/index.vgi"
    check "killed at '$step': it is the same index as before" \
        [ "$(version_of "$D/index.vgi")" = "$version" ]
done
for delay in 0.3 0.8; do
    timeout -s KILL "$delay" "$VIGIL" update --data-dir "$D" --from "$T/shrunk" --force \
        > "$T/out" 2>&1
    check "killed after ${delay}s: an index that verifies is in service" \
        verifies "$D/index.vgi"
done
# A list seen nowhere before, so that the update has a full rebuild to do
# (about a second) when SIGTERM arrives.
mirror "$T/other"
rm "$T/other/bis-dpl"
mkdir "$T/other/bis-dpl"
head -n 560 "$L/bis-dpl/dpl.txt" > "$T/other/bis-dpl/dpl.txt"
: > "$T/out"
"$VIGIL" update --data-dir "$D" --from "$T/other" > "$T/out" 2>&1 &
pid=$!
i=0   # the first source line: the update is under way, bis-dpl still to come
while ! grep -q '^un ' "$T/out" && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM $pid
wait $pid
RC=$?
check "SIGTERM stops an update" [ "$RC" = 143 ]
check "an interrupted update says what state remains" \
    grep -q "interrupted; the index in service is complete" "$T/out"
check "after SIGTERM an index that verifies is in service" verifies "$D/index.vgi"
update --data-dir "$D" --from "$L"
check "the next update after the kills succeeds" [ "$RC" = 0 ]
check "it leaves no half-written index behind" [ -z "$(ls "$D" | grep -E 'index\.vgi\.(new|prev\.tmp)')" ]
check "it leaves no staging behind" [ -z "$(ls -A "$D/incoming" 2>/dev/null)" ]
info_json "$D/index.vgi" > "$T/info7"
check "the index is back to the full lists" grep -q "^ofac-cons 442 " "$T/info7"

# ------------------------------------------------------------------- lock
flock "$D/update.lock" "$VIGIL" update --data-dir "$D" --from "$L" > "$T/out" 2>&1
RC=$?
check "an update while another holds the lock exits 3" [ "$RC" = 3 ]
check "and says another update is running" grep -q "another vigil update is running" "$T/out"

# ------------------------------------------------------- dropped source
mkdir -p "$T/drop"
update --data-dir "$T/drop" --from "$L"
printf '[un]\nenabled = no\n' > "$T/drop/sources.conf"
update --data-dir "$T/drop" --from "$L"
check "a source the index held but no longer enabled is reported dropped" \
    [ "$(status_of un)" = dropped ]
check "with the number of entities that leave" grep -q "^un .*its 1003 entities leave the index" "$T/out"
check "and counted in the summary" grep -q "; 1 dropped$" "$T/out"
info_json "$T/drop/index.vgi" > "$T/info-drop"
check "the new index no longer holds it" sh -c "! grep -q '^un ' '$T/info-drop'"
check "and still holds the others" grep -q "^ofac-sdn 8976 " "$T/info-drop"

# ---------------------------------------------------------- configuration
mkdir -p "$T/cfg"
printf '[un]\nenabled = no\n[ofac-sdn]\nenabled = no\n[ofac-cons]\nenabled = off\n' \
    > "$T/cfg/sources.conf"
update --data-dir "$T/cfg" --from "$L"
check "DATA_DIR/sources.conf is read: a disabled source gets no line" [ -z "$(status_of un)" ]
check "and the sources it leaves alone are still there" [ "$(status_of bis-dpl)" = fetched ]
mkdir -p "$T/zero/bis-dpl"
head -n 1 "$L/bis-dpl/dpl.txt" > "$T/zero/bis-dpl/dpl.txt"   # the header alone
update --data-dir "$T/cfg" --from "$T/zero"
check "a list that parses to zero entities is refused" [ "$(status_of bis-dpl)" = refused ]
check "and says so" grep -q "^bis-dpl .*parsed to zero entities" "$T/out"
update --data-dir "$T/cfg" --from "$T/zero" --force
check "--force accepts the empty list" [ "$(status_of bis-dpl)" = fetched ]
check "but an index without any entity is never put in service" [ "$RC" = 3 ]
check "and the update says why" grep -q "holds no entities" "$T/out"
info_json "$T/cfg/index.vgi" > "$T/info8"
check "the index in service still has the full bis-dpl" grep -q "^bis-dpl [1-9][0-9]* $dpl_sha " "$T/info8"
printf '[un]\nenabeld = no\n' > "$T/cfg/sources.conf"
update --data-dir "$T/cfg" --from "$L"
check "a typo in sources.conf is an error with file and line" \
    grep -q "sources.conf:2: enabeld: unknown key" "$T/out"
check "a bad sources.conf exits 2" [ "$RC" = 2 ]
check "and leaves the index alone" grep -q "index in service (if any) is unchanged" "$T/out"

# --------------------------------------------------------- default index
VIGIL_DATA_DIR=$D VIGIL_INDEX= "$VIGIL" index info > "$T/out" 2>&1
check "without -i, commands use DATA_DIR/index.vgi" grep -q "$D/index.vgi" "$T/out"
VIGIL_DATA_DIR=$T/nothing VIGIL_INDEX= "$VIGIL" index info > "$T/out" 2>&1
check "with no index anywhere they say where they looked" grep -q "no $T/nothing/index.vgi" "$T/out"
check "and how to build one" grep -q "vigil update" "$T/out"

done_testing

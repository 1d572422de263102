#!/bin/sh
# Tests of the evaluation and benchmark generators (bench/synth and
# bench/variants): the same seed gives the same output and another seed
# another; every category of docs/eval.md gets rows; a positive differs from
# the listed name it was made from and names entities of the index; no
# negative has the words of a listed name.  The listed names are read from
# the corpus file with sed and awk here, not through the generator's own
# code, so the last check is independent of it.
BUILD=${BUILD:-build}
VIGIL=${VIGIL:-$BUILD/vigil}
B=$BUILD/bench
T=$(mktemp -d "${TMPDIR:-/tmp}/vigil-gen-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
check() { # description, shell condition
    n=$((n + 1))
    if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}

for prog in synth variants; do
    [ -x "$B/$prog" ] || { echo "not ok 1 - $B/$prog is not built (make tests builds it)"; exit 1; }
done

"$B/synth" --count 3000 --seed 5 --out "$T/a.jsonl"
"$B/synth" --count 3000 --seed 5 --out "$T/b.jsonl"
"$B/synth" --count 3000 --seed 6 --out "$T/c.jsonl"
check "synth: the same seed writes the same corpus" 'cmp -s "$T/a.jsonl" "$T/b.jsonl"'
check "synth: another seed writes another corpus" '! cmp -s "$T/a.jsonl" "$T/c.jsonl"'
check "synth: 3000 entities, one per line, ids unique" \
    '[ "$(grep -o "\"id\":\"[^\"]*\"" "$T/a.jsonl" | sort -u | wc -l)" -eq 3000 ]'

"$VIGIL" index build -o "$T/s.vgi" --format ftm --source-name synth "$T/a.jsonl" > "$T/build.txt" 2>&1
check "synth: the corpus indexes without rejected records" '[ -s "$T/s.vgi" ] && grep -q "accepted 3000" "$T/build.txt"'

gen() { "$B/variants" --index "$T/s.vgi" --seed "$1" --count 400 --cross 60 --negatives 200 \
    --cross-negatives 30 --out "$2" 2> /dev/null; }
gen 3 "$T/v1.tsv"
gen 3 "$T/v2.tsv"
gen 4 "$T/v3.tsv"
check "variants: the same seed writes the same set" '[ -s "$T/v1.tsv" ] && cmp -s "$T/v1.tsv" "$T/v2.tsv"'
check "variants: another seed writes another set" '! cmp -s "$T/v1.tsv" "$T/v3.tsv"'

missing=""
for cat in typo1 typo2 reorder middle legal spacing ko-hangul ko-cyrillic ko-rr ru-cyrillic ru-latin \
    ar-arabic ar-latin neg-latin neg-clean neg-ko-hangul neg-ko-cyrillic neg-ru-cyrillic neg-ar-arabic; do
    cut -f1 "$T/v1.tsv" | grep -qx -- "$cat" || missing="$missing $cat"
done
check "variants: every category has rows (missing:${missing:- none})" '[ -z "$missing" ]'

# A positive differs from its original once case and punctuation are
# folded (scripts other than Latin differ by construction).
same=$(awk -F'\t' '$2 == "pos" { q = toupper($4); o = toupper($5); gsub(/[^A-Z0-9]+/, " ", q);
    gsub(/[^A-Z0-9]+/, " ", o); if (q == o) n++ } END { print n + 0 }' "$T/v1.tsv")
check "variants: no positive equals its original ($same do)" '[ "$same" -eq 0 ]'

# Hangul, Cyrillic and Arabic rows are in their scripts.
check "variants: Hangul, Cyrillic and Arabic rows have no Latin letters" \
    '! awk -F"\t" "\$1 ~ /hangul|cyrillic|arabic/" "$T/v1.tsv" | cut -f4 | grep -q "[A-Za-z]"'

# Every id a positive names is an entity of the corpus.
grep -o '"id":"[^"]*"' "$T/a.jsonl" | sed 's/"id":"//; s/"$//' | sort -u > "$T/ids"
awk -F'\t' '$2 == "pos" { for (i = 6; i <= NF; i++) print $i }' "$T/v1.tsv" | sort -u > "$T/named"
check "variants: positives name only entities of the index" '[ -s "$T/named" ] && [ -z "$(comm -23 "$T/named" "$T/ids")" ]'

# Negatives: the words of a negative (sorted) are the words of no listed
# name.  Listed names: every value of "name" and "alias" in the corpus.
words='function key(s,   w, n, i, j, t) { s = toupper(s); gsub(/[^A-Z0-9]+/, " ", s); n = split(s, w, " ");
    for (i = 2; i <= n; i++) { t = w[i]; for (j = i - 1; j > 0 && w[j] > t; j--) w[j + 1] = w[j]; w[j + 1] = t }
    t = ""; for (i = 1; i <= n; i++) t = t (i > 1 ? " " : "") w[i]; return t }'
grep -o '"\(name\|alias\)":\[[^]]*\]' "$T/a.jsonl" | sed 's/^"[a-z]*":\["//; s/"\]$//' |
    awk -F'","' "$words"' { for (i = 1; i <= NF; i++) print key($i) }' | sort -u > "$T/listed"
awk -F'\t' "$words"' $2 == "neg" { print key($5) }' "$T/v1.tsv" | sort -u > "$T/negs"
check "variants: negatives are not listed names ($(wc -l < "$T/negs") distinct)" \
    '[ -s "$T/negs" ] && [ -z "$(comm -12 "$T/negs" "$T/listed")" ]'
echo "1..$n"

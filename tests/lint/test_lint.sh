#!/bin/sh
# The source checks of scripts/lint.sh pass on this tree, and they do catch
# a banned call, a raw allocation and an include against the module order.
lint=$(pwd)/scripts/lint.sh
out=$(sh "$lint" 2>&1)
if [ $? -eq 0 ]; then echo "ok 1 - source lint is clean"; else
    echo "not ok 1 - source lint is clean"; printf '%s\n' "$out" | sed 's/^/# /'; fi

probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
mkdir -p "$probe/src/util" "$probe/src/index" "$probe/src/cli"
printf 'void p(char *d) { strcpy(d, "x"); }\n' > "$probe/src/util/a.c"
printf 'void *q(void) { return malloc(4); }\n' > "$probe/src/index/b.c"
printf '#include "../match/match.h"\n' > "$probe/src/index/c.c"
printf '#include "../index/index.h"\n' > "$probe/src/cli/d.c"
out=$(sh "$lint" "$probe" 2>&1)
n=2
for want in "a.c.*banned call" "b.c.*raw allocation" "c.c: includes ../match" "d.c.*only vigil.h"; do
    if printf '%s\n' "$out" | grep -q "$want"; then echo "ok $n - lint reports $want"
    else echo "not ok $n - lint reports $want"; fi
    n=$((n + 1))
done

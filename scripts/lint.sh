#!/bin/sh
# Source checks that a program can make better than review: banned calls and
# the module dependency order of CONTRIBUTING.md.  Prints one line per
# problem and exits non-zero when there is any.  Argument: the tree to check
# (default: this repository).
cd "${1:-$(dirname "$0")/..}" || exit 2
status=0

# Unbounded or locale-dependent calls: use vg_strlcpy, snprintf, strtol.
for f in $(find src -name '*.c' -o -name '*.h'); do
    grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atof)\s*\(' "$f" |
        while IFS= read -r line; do echo "$f:$line: banned call"; done
done | grep . && status=1

# Library code allocates through vg_malloc and friends only.
for f in $(find src -name '*.c' ! -path 'src/cli/*' ! -path 'src/server/*' ! -path 'src/util/alloc.c'); do
    grep -nE '(^|[^_a-z])(malloc|calloc|realloc|free|strdup|strndup)\s*\(' "$f" |
        grep -vE 'xmlFree|json_|curl_|sqlite3_|u_|utrans_|^[0-9]+:\s*(\*|/\*|//)' |
        while IFS= read -r line; do echo "$f:$line: raw allocation in the library"; done
done | grep . && status=1

# Module order: a module includes only modules to its left.
order="util model translit normalize index match"
rank() { i=0; for m in $order; do [ "$m" = "$1" ] && { echo $i; return; }; i=$((i+1)); done; echo 99; }
for m in $order; do
    for f in $(find "src/$m" -name '*.c' -o -name '*.h' 2>/dev/null); do
        grep -oE '#include "\.\./[a-z]+/' "$f" | sed 's|#include "\.\./||; s|/||' |
            while read -r dep; do
                if [ "$(rank "$dep")" -gt "$(rank "$m")" ]; then
                    echo "$f: includes ../$dep (module order: $order)"
                fi
            done
    done
done | grep . && status=1

# The command and the server see the library only through vigil.h.
grep -nE '#include "\.\./(util|model|translit|normalize|index|match|sources|update|store)/' \
    src/cli/*.c src/cli/*.h src/server/*.c src/server/*.h 2>/dev/null |
    sed 's/$/: cli and server include only vigil.h from the library/' | grep . && status=1

exit $status

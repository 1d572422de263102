#!/bin/sh
# The command and the server reach the library only through include/vigil.h:
# every #include in src/cli and src/server is "vigil.h", one of their own
# headers, or a system, jansson or libmicrohttpd header.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)

own_headers=$(cd "$root/src" && ls cli/*.h server/*.h 2>/dev/null)
# Whether a quoted include names vigil.h or a header of src/cli or src/server.
allowed_quoted() {
    dir=$1
    inc=$2
    [ "$inc" = vigil.h ] && return 0
    case "$inc" in ../cli/*|../server/*) inc=${inc#../} ;; *) inc="$dir/$inc" ;; esac
    for h in $own_headers; do [ "$h" = "$inc" ] && return 0; done
    return 1
}

bad=0
count=0
for f in "$root"/src/cli/*.c "$root"/src/cli/*.h "$root"/src/server/*.c "$root"/src/server/*.h; do
    [ -e "$f" ] || continue
    dir=$(basename "$(dirname "$f")")
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        count=$((count + 1))
        inc=$(printf '%s\n' "$line" | sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"]\)\([^">]*\)[">].*/\1\2/p')
        case "$inc" in
            '<'util/*|'<'model/*|'<'translit/*|'<'normalize/*|'<'index/*|'<'match/*|'<'sources/*|'<'update/*|'<'store/*)
                echo "# $f: $line"
                bad=$((bad + 1)) ;;
            '<'*) ;;  # system, jansson, microhttpd
            '"'*)
                if ! allowed_quoted "$dir" "${inc#\"}"; then
                    echo "# $f: $line"
                    bad=$((bad + 1))
                fi ;;
            *) echo "# $f: unreadable include: $line"; bad=$((bad + 1)) ;;
        esac
    done <<EOF2
$(grep -E '^[[:space:]]*#[[:space:]]*include' "$f")
EOF2
done
ok $([ $count -gt 0 ]; echo $?) "found the include lines of src/cli and src/server ($count)"
ok $bad "no library-internal header included by src/cli or src/server"

# The check itself tells an internal header from an own one.
own_headers="cli/cli.h"
allowed_quoted cli "../util/vg.h"
ok $([ $? -ne 0 ]; echo $?) "an internal header (../util/vg.h) would be caught"
allowed_quoted cli "cli.h"
ok $? "an own header (cli.h) is allowed"
tap_done

/*
 * identifier.c — the comparable form of a document or registry number.
 * Lists and queries write the same number differently ("No. 83-1 234",
 * "831234", "IMO 9123456", "9123456"), so both sides are reduced to upper-
 * case letters and digits before they are compared.
 *
 * Rules, in order: a leading label word is dropped when it is followed by
 * a separator and then a digit ("No.", "Nr.", "No", "Number", "#",
 * "IMO"), because such a word is never part of the number itself; then
 * spaces, tabs, dashes, dots and slashes are removed and ASCII letters
 * upper-cased.  Letters that belong to the number stay ("NO831234" written
 * without a separator keeps its "NO": some passport series start with
 * letters).  Other bytes (non-ASCII, other punctuation) are kept as they
 * are, so different numbers never collapse into one.
 */
#include <ctype.h>
#include <string.h>

#include "model.h"

static bool is_separator(char c)
{
    return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '/' ||
           c == ':' || c == '\r' || c == '\n';
}

/* Skips a leading label such as "No. " or "IMO " when a digit follows. */
static const char *skip_label(const char *s)
{
    static const char *const labels[] = {"number", "imo", "no", "nr", "#"};
    while (*s == ' ' || *s == '\t') s++;
    for (size_t i = 0; i < VG_ARRAY_LEN(labels); i++) {
        size_t n = strlen(labels[i]);
        if (strncasecmp(s, labels[i], n) != 0) continue;
        const char *p = s + n;
        if (labels[i][0] != '#' && !is_separator(*p)) continue;
        while (is_separator(*p)) p++;
        if (isdigit((unsigned char)*p)) return p;
    }
    return s;
}

size_t vg_identifier_normalize(const char *text, char *out, size_t size)
{
    if (!size) return 0;
    size_t len = 0;
    if (text) {
        for (const char *s = skip_label(text); *s && len + 1 < size; s++) {
            if (is_separator(*s)) continue;
            out[len++] = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
        }
    }
    out[len] = '\0';
    return len;
}

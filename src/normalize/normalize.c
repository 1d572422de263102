/*
 * normalize.c — norm_name(): a name as written, in any script, becomes
 * tokens with a Latin form and a variant key (see normalize.h and
 * docs/normalization.md).
 *
 * Most names, listed and queried, are plain ASCII, so ASCII input takes a
 * path that never touches ICU: split on anything but letters and digits
 * (apostrophes inside a word are dropped: "Ch'oe" -> "choe"), lowercase,
 * then the shared tail (classes.c) tags and keys the tokens.  Other input
 * goes through script.c.  Invalid UTF-8 is replaced by U+FFFD, input past
 * NORM_MAX_INPUT bytes is cut at a code point boundary: bad input never
 * fails the call.
 */
#include <string.h>

#include "norm_internal.h"
#include "../translit/translit.h"

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static bool is_apostrophe(char c)
{
    return c == '\'' || c == '`';
}

static vigil_status ascii_word(struct norm_work *work, const char *text,
                               size_t start, size_t end, size_t len)
{
    char *latin = vg_arena_alloc(work->arena, end - start + 1);
    if (!latin) return VIGIL_ENOMEM;
    size_t n = 0;
    for (size_t i = start; i < end; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') latin[n++] = (char)(c - 'A' + 'a');
        else if (!is_apostrophe(c)) latin[n++] = c;
    }
    latin[n] = '\0';
    struct norm_part *p = &work->parts[work->count++];
    memset(p, 0, sizeof(*p));
    p->orig = text + start;
    p->orig_len = end - start;
    p->latin = latin;
    p->path = "";
    p->script = NORM_SCRIPT_LATIN;
    p->parens = start > 0 && text[start - 1] == '(' && end < len &&
                text[end] == ')';
    return VIGIL_OK;
}

static vigil_status split_ascii(struct norm_work *work, const char *text,
                                size_t len)
{
    size_t i = 0;
    while (i < len && work->count < NORM_MAX_TOKENS) {
        if (!is_alnum(text[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && (is_alnum(text[i]) ||
                           (is_apostrophe(text[i]) && i + 1 < len &&
                            is_alnum(text[i + 1]))))
            i++;
        VG_TRY(ascii_word(work, text, start, i, len));
    }
    return VIGIL_OK;
}

/* Length of the longest prefix of text within NORM_MAX_INPUT bytes that
 * ends on a code point boundary; *ascii tells whether it is all ASCII. */
static size_t bounded_length(const char *text, bool *ascii)
{
    size_t len = 0;
    *ascii = true;
    while (text[len] && len < NORM_MAX_INPUT) {
        if ((unsigned char)text[len] >= 0x80) *ascii = false;
        len++;
    }
    if (text[len] && !*ascii)
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80) len--;
    return len;
}

/* A NUL-terminated copy of text[0, len) with invalid UTF-8 replaced. */
static char *valid_copy(const char *text, size_t len, struct vg_arena *arena)
{
    char *copy = vg_arena_alloc(arena, len * 3 + 1);
    if (!copy) return NULL;
    size_t at = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = vg_utf8_decode(text + i, len - i, &cp);
        if (cp == 0xFFFD && n == 1) at += vg_utf8_encode(cp, copy + at);
        else {
            memcpy(copy + at, text + i, n);
            at += n;
        }
        i += n;
    }
    copy[at] = '\0';
    return copy;
}

vigil_status norm_name(const char *text, vigil_schema schema,
                       struct vg_arena *arena, struct norm_name *out)
{
    if (!text || !arena || !out) return VIGIL_EINVAL;
    struct norm_work work;
    work.count = 0;
    work.schema = schema;
    work.arena = arena;
    bool ascii;
    size_t len = bounded_length(text, &ascii);
    const char *name = text;
    if (ascii && text[len]) name = vg_arena_strndup(arena, text, len);
    else if (!ascii) name = valid_copy(text, len, arena);
    if (!name) return VIGIL_ENOMEM;
    len = strlen(name);
    VG_TRY(ascii ? split_ascii(&work, name, len)
                 : norm_split_unicode(&work, name, len));
    return norm_finish(&work, name, out);
}

void norm_thread_cleanup(void)
{
    tl_thread_cleanup();
}

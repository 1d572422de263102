/*
 * normalize.c — fuzz target for norm_name(): any bytes (invalid UTF-8,
 * NULs, every script) are normalized as a person and as an organization.
 * Findings: a crash, a failed call other than ENOMEM, a latin form that is
 * not lowercase ASCII letters, digits and single spaces, a key that is not
 * lowercase ASCII letters and digits, or an unstable result: the joined
 * latin output, normalized again, must come back unchanged from then on
 * (same latin forms, keys and classes on the second and third pass).
 * Seeds in fuzz/corpus/normalize/ are names in each script.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_TEXT 4096

static bool ascii_word(const char *s, bool spaces)
{
    for (; *s; s++) {
        bool ok = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
                  (spaces && *s == ' ' && s[1] != ' ' && s[1] != '\0');
        if (!ok) return false;
    }
    return true;
}

/* Normalizes text, checks every token, writes the joined latin forms and a
 * fingerprint (latin/key/class of every token) into the buffers. */
static void pass(const char *text, vigil_schema schema, struct vg_arena *arena,
                 char *latin, char *print)
{
    struct norm_name n;
    vigil_status st = norm_name(text, schema, arena, &n);
    if (st != VIGIL_OK) abort();
    size_t at = 0, pat = 0;
    latin[0] = print[0] = '\0';
    for (size_t i = 0; i < n.count; i++) {
        const struct norm_token *t = &n.tokens[i];
        if (!t->orig || !t->path || !t->latin[0] || !t->key[0] ||
            !ascii_word(t->latin, true) || !ascii_word(t->key, false))
            abort();
        size_t ll = strlen(t->latin), kl = strlen(t->key);
        if (at + ll + 2 >= MAX_TEXT || pat + ll + kl + 8 >= MAX_TEXT) break;
        if (at) latin[at++] = ' ';
        memcpy(latin + at, t->latin, ll + 1);
        at += ll;
        memcpy(print + pat, t->latin, ll);
        pat += ll;
        print[pat++] = '/';
        memcpy(print + pat, t->key, kl);
        pat += kl;
        print[pat++] = (char)('0' + t->cls);
        print[pat++] = ' ';
        print[pat] = '\0';
    }
}

static void check(const char *text, vigil_schema schema)
{
    static char l1[MAX_TEXT], l2[MAX_TEXT], l3[MAX_TEXT];
    static char p1[MAX_TEXT], p2[MAX_TEXT], p3[MAX_TEXT];
    struct vg_arena arena;
    vg_arena_init(&arena, 0);
    pass(text, schema, &arena, l1, p1);
    pass(l1, schema, &arena, l2, p2);
    pass(l2, schema, &arena, l3, p3);
    if (strcmp(l2, l3) || strcmp(p2, p3)) abort();
    vg_arena_free(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    check(text, VIGIL_SCHEMA_PERSON);
    check(text, VIGIL_SCHEMA_ORGANIZATION);
    free(text);
    norm_thread_cleanup();
    return 0;
}

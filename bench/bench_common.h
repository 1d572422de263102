/*
 * bench_common.h — small helpers shared by the evaluation and benchmark
 * programs in bench/: a seeded random generator, a growable string, ASCII
 * name folding, the brute-force baseline scorer (Jaro-Winkler) and timing.
 *
 * Header-only (static inline) because the Makefile links each bench/ .c file as
 * its own program against libvigil.a.  These are tools, not library code:
 * they allocate with malloc and exit on allocation failure.
 *
 * The baseline scorer is written here, independently of the matcher, on
 * purpose: the numbers it gives are a reference point for vigil, so it must
 * not share vigil's code.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "vigil.h"

/* ------------------------------------------------------------ failures */

__attribute__((noreturn, format(printf, 1, 2))) static inline void
bench_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(3);
}

static inline void *bench_alloc(size_t size)
{
    void *p = calloc(1, size ? size : 1);
    if (!p) bench_die("out of memory (%zu bytes)", size);
    return p;
}

static inline void *bench_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return p;
    size_t n = *cap ? *cap : 16;
    while (n < need) n *= 2;
    p = realloc(p, n * elem);
    if (!p) bench_die("out of memory (%zu elements)", n);
    *cap = n;
    return p;
}

static inline char *bench_strdup(const char *s)
{
    size_t n = strlen(s);
    char *d = bench_alloc(n + 1);
    memcpy(d, s, n);
    return d;
}

/* ------------------------------------------------------ seeded random */

/* splitmix64: tiny, fast, and identical on every platform for a seed. */
struct rng {
    uint64_t state;
};

static inline void rng_seed(struct rng *r, uint64_t seed) { r->state = seed; }

static inline uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static inline double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

static inline bool rng_chance(struct rng *r, double p) { return rng_unit(r) < p; }

/* Skewed towards the front of a table, like real name frequencies. */
static inline uint32_t rng_zipfish(struct rng *r, uint32_t n)
{
    double u = rng_unit(r);
    uint32_t i = (uint32_t)(u * u * n);
    return i < n ? i : n - 1;
}

#define RNG_PICK(r, table) ((table)[rng_below((r), (uint32_t)(sizeof(table) / sizeof((table)[0])))])

/* ------------------------------------------------------------ strings */

struct str {
    char *p;
    size_t len, cap;
};

/* Room for `extra` more bytes and the NUL; the string stays terminated. */
static inline void str_reserve(struct str *s, size_t extra)
{
    s->p = bench_grow(s->p, &s->cap, s->len + extra + 1, 1);
    s->p[s->len] = '\0';
}

static inline void str_putn(struct str *s, const char *t, size_t n)
{
    str_reserve(s, n);
    memcpy(s->p + s->len, t, n);
    s->len += n;
    s->p[s->len] = '\0';
}

static inline void str_puts(struct str *s, const char *t) { str_putn(s, t, strlen(t)); }

static inline void str_putc(struct str *s, char c) { str_putn(s, &c, 1); }

static inline void str_reset(struct str *s)
{
    s->len = 0;
    if (s->p) s->p[0] = '\0';
}

static inline void str_free(struct str *s)
{
    free(s->p);
    s->p = NULL;
    s->len = s->cap = 0;
}

static inline const char *str_cstr(const struct str *s) { return s->p ? s->p : ""; }

__attribute__((format(printf, 2, 3))) static inline void
str_printf(struct str *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    str_reserve(s, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(s->p + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}

/* Splits a line in place at tabs; returns the number of fields. */
static inline size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static inline void chomp(char *line)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
}

/* ------------------------------------------------------- name folding */

/* Upper-case ASCII letters and digits, one space between words; every other
 * byte (punctuation, non-ASCII letters) separates words.  This is what a
 * plain screening tool without Unicode support sees of a name. */
static inline void fold_ascii_upper(const char *in, struct str *out)
{
    str_reset(out);
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        if (*p < 128 && isalnum(*p)) {
            if (space && out->len) str_putc(out, ' ');
            space = false;
            str_putc(out, (char)toupper(*p));
        } else {
            space = true;
        }
    }
    if (!out->p) str_reserve(out, 0);
}

static inline int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The words of a folded name, sorted and joined by single spaces: the key
 * of its token multiset. */
static inline void sorted_tokens(const char *folded, struct str *out)
{
    char *copy = bench_strdup(folded);
    const char *words[64];
    size_t n = 0;
    for (char *tok = strtok(copy, " "); tok && n < 64; tok = strtok(NULL, " ")) words[n++] = tok;
    qsort(words, n, sizeof words[0], cmp_cstr);
    str_reset(out);
    for (size_t i = 0; i < n; i++) {
        if (i) str_putc(out, ' ');
        str_puts(out, words[i]);
    }
    if (!out->p) str_reserve(out, 0);
    free(copy);
}

/* ------------------------------------------------ baseline: Jaro-Winkler */

/* Plain Jaro-Winkler (prefix scale 0.1, prefix up to 4) on byte strings, as
 * most list-screening tools use it. Strings longer than 255 bytes are cut. */
static inline double jaro_winkler(const char *a, size_t al, const char *b, size_t bl)
{
    if (al > 255) al = 255;
    if (bl > 255) bl = 255;
    /* nothing to compare (a name in another script folds to nothing): no
     * agreement, not a perfect one */
    if (al == 0 || bl == 0) return 0.0;
    size_t range = (al > bl ? al : bl) / 2;
    range = range ? range - 1 : 0;
    unsigned char amatch[256], bmatch[256];
    memset(amatch, 0, al);
    memset(bmatch, 0, bl);
    size_t m = 0;
    for (size_t i = 0; i < al; i++) {
        size_t lo = i > range ? i - range : 0;
        size_t hi = i + range + 1 < bl ? i + range + 1 : bl;
        for (size_t j = lo; j < hi; j++) {
            if (!bmatch[j] && a[i] == b[j]) {
                amatch[i] = bmatch[j] = 1;
                m++;
                break;
            }
        }
    }
    if (m == 0) return 0.0;
    size_t t = 0, k = 0;
    for (size_t i = 0; i < al; i++) {
        if (!amatch[i]) continue;
        while (!bmatch[k]) k++;
        if (a[i] != b[k]) t++;
        k++;
    }
    double md = (double)m;
    double jaro = (md / al + md / bl + (md - t / 2.0) / md) / 3.0;
    size_t prefix = 0;
    while (prefix < 4 && prefix < al && prefix < bl && a[prefix] == b[prefix]) prefix++;
    return jaro + prefix * 0.1 * (1.0 - jaro);
}

/* One listed or query name in both baseline forms. */
struct base_name {
    char *plain;   /* fold_ascii_upper */
    char *sorted;  /* its words sorted */
    size_t plen, slen;
};

static inline void base_name_init(struct base_name *bn, const char *name)
{
    struct str f = {0}, s = {0};
    fold_ascii_upper(name, &f);
    sorted_tokens(str_cstr(&f), &s);
    bn->plain = bench_strdup(str_cstr(&f));
    bn->sorted = bench_strdup(str_cstr(&s));
    bn->plen = strlen(bn->plain);
    bn->slen = strlen(bn->sorted);
    str_free(&f);
    str_free(&s);
}

static inline void base_name_free(struct base_name *bn)
{
    free(bn->plain);
    free(bn->sorted);
}

/* The baseline score: the better of whole-name and token-sorted JW. */
static inline double base_score(const struct base_name *q, const struct base_name *n)
{
    double a = jaro_winkler(q->plain, q->plen, n->plain, n->plen);
    double b = jaro_winkler(q->sorted, q->slen, n->sorted, n->slen);
    return a > b ? a : b;
}

/* --------------------------------------------------------- index names */

static inline bool is_name_prop(const char *prop)
{
    return strcmp(prop, "name") == 0 || strcmp(prop, "alias") == 0 ||
           strcmp(prop, "previousName") == 0 || strcmp(prop, "weakAlias") == 0;
}

/* Every listed name of an index for the baseline: names[i] of entity[i]. */
struct base_corpus {
    struct base_name *names;
    uint32_t *entity;
    size_t count;
    uint32_t entity_count;
};

static inline void base_corpus_load(struct base_corpus *c, const vigil_index *ix, uint32_t max_entities)
{
    size_t cap = 0, ecap = 0;
    memset(c, 0, sizeof *c);
    uint32_t n = vigil_index_entity_count(ix);
    if (max_entities && max_entities < n) n = max_entities;
    c->entity_count = n;
    for (uint32_t e = 0; e < n; e++) {
        size_t props = vigil_index_entity_prop_count(ix, e);
        for (size_t i = 0; i < props; i++) {
            const char *prop, *value;
            vigil_index_entity_prop(ix, e, i, &prop, &value);
            if (!is_name_prop(prop)) continue;
            c->names = bench_grow(c->names, &cap, c->count + 1, sizeof *c->names);
            c->entity = bench_grow(c->entity, &ecap, c->count + 1, sizeof *c->entity);
            base_name_init(&c->names[c->count], value);
            c->entity[c->count] = e;
            c->count++;
        }
    }
}

static inline void base_corpus_free(struct base_corpus *c)
{
    for (size_t i = 0; i < c->count; i++) base_name_free(&c->names[i]);
    free(c->names);
    free(c->entity);
    memset(c, 0, sizeof *c);
}

struct base_hit {
    uint32_t entity;
    double score;
};

/* Scores a query against every name; keeps the best `k` entities (best name
 * per entity), best first.  `best` is scratch of entity_count doubles. */
static inline size_t base_search(const struct base_corpus *c, const struct base_name *q,
                                 double *best, struct base_hit *out, size_t k)
{
    for (uint32_t e = 0; e < c->entity_count; e++) best[e] = 0.0;
    for (size_t i = 0; i < c->count; i++) {
        double s = base_score(q, &c->names[i]);
        if (s > best[c->entity[i]]) best[c->entity[i]] = s;
    }
    size_t n = 0;
    for (uint32_t e = 0; e < c->entity_count; e++) {
        double s = best[e];
        if (s <= 0.0 || (n == k && s <= out[n - 1].score)) continue;
        size_t pos = n < k ? n++ : k - 1;
        while (pos > 0 && out[pos - 1].score < s) {
            out[pos] = out[pos - 1];
            pos--;
        }
        out[pos].entity = e;
        out[pos].score = s;
    }
    return n;
}

/* ---------------------------------------------------------- measuring */

static inline double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Peak resident set of this process, in KiB. */
static inline long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static inline int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* q-quantile (0..1) of n values; sorts them. */
static inline double quantile(double *v, size_t n, double q)
{
    if (n == 0) return 0.0;
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)(q * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

static inline vigil_schema schema_or_thing(const char *name)
{
    vigil_schema s = VIGIL_SCHEMA_THING;
    if (name && *name && vigil_schema_parse(name, &s) != VIGIL_OK) s = VIGIL_SCHEMA_THING;
    return s;
}

#endif /* BENCH_COMMON_H */

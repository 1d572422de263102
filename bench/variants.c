/*
 * variants.c — writes a labelled evaluation set of queries made from an
 * index's own names, for evalrun.c and the speed benchmark.
 *
 *   variants --index FILE [--seed S] [--count N] [--cross N] [--negatives N]
 *            [--cross-negatives N] [--no-cross] [--out FILE]
 *
 * Output: one tab-separated row per query:
 *   category  pos|neg  schema  query  original  [entity id ...]
 * A positive row lists every entity that has a name with the same words as
 * the original (the same person is often on two lists); a hit on any of
 * them counts as finding the right entity.
 *
 * Categories (docs/eval.md): typo1, typo2, reorder, middle, legal, spacing
 * on N sampled Latin names; ko-rr, ko-hangul, ko-cyrillic (DPRK persons),
 * ru-latin, ru-cyrillic (Russian/Ukrainian persons), ar-latin, ar-arabic
 * (Arabic persons) on up to --cross names of each culture; negatives
 * neg-latin (synthetic names of eight cultures), neg-clean (common real
 * companies and people), and neg-<set> for every cross-script set.
 *
 * Invariants: the output depends only on the index and the seed; a
 * positive differs from its original; a positive whose words equal some
 * other listed name is dropped (its right answer would be ambiguous); a
 * negative shares its word multiset with no listed name, and no listed
 * name's words contain or are contained in it.  The renderings come from
 * scripts.h, written from names.md independently of the library.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bench_common.h"
#include "nameparts.h"
#include "scripts.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------- string maps */

/* Open-addressing map from strings to dense ids 0..count-1. */
struct strmap {
    char **keys;
    uint32_t *slots; /* id + 1, 0 = empty */
    size_t cap, count, keys_cap;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void strmap_rehash(struct strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    uint32_t *slots = bench_alloc(cap * sizeof *slots);
    for (size_t id = 0; id < m->count; id++) {
        size_t i = hash_str(m->keys[id]) & (cap - 1);
        while (slots[i]) i = (i + 1) & (cap - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
}

/* Id of key; adds it when `add`, else returns UINT32_MAX when absent. */
static uint32_t strmap_get(struct strmap *m, const char *key, bool add)
{
    if (add && (m->count + 1) * 2 > m->cap) strmap_rehash(m);
    if (!m->cap) return UINT32_MAX;
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->slots[i]) {
        uint32_t id = m->slots[i] - 1;
        if (strcmp(m->keys[id], key) == 0) return id;
        i = (i + 1) & (m->cap - 1);
    }
    if (!add) return UINT32_MAX;
    m->keys = bench_grow(m->keys, &m->keys_cap, m->count + 1, sizeof *m->keys);
    m->keys[m->count] = bench_strdup(key);
    m->slots[i] = (uint32_t)m->count + 1;
    return (uint32_t)m->count++;
}

/* Singly linked lists of uint32 values in flat arrays, one list per id. */
struct lists {
    uint32_t *head; /* per id: first link + 1 */
    size_t head_cap;
    uint32_t *next, *value;
    size_t count, cap, vcap;
};

static void lists_add(struct lists *l, uint32_t id, uint32_t value)
{
    if (id >= l->head_cap) {
        size_t old = l->head_cap;
        l->head = bench_grow(l->head, &l->head_cap, (size_t)id + 1, sizeof *l->head);
        memset(l->head + old, 0, (l->head_cap - old) * sizeof *l->head);
    }
    l->next = bench_grow(l->next, &l->cap, l->count + 1, sizeof *l->next);
    l->value = bench_grow(l->value, &l->vcap, l->count + 1, sizeof *l->value);
    l->value[l->count] = value;
    l->next[l->count] = l->head[id];
    l->head[id] = (uint32_t)l->count + 1;
    l->count++;
}

#define LISTS_FOR(l, id, v)                                                                        \
    for (uint32_t link_ = (id) < (l)->head_cap ? (l)->head[id] : 0, v = 0;                        \
         link_ && ((v = (l)->value[link_ - 1]), 1); link_ = (l)->next[link_ - 1])

/* --------------------------------------------------------- the index */

struct corpus {
    const vigil_index *ix;
    struct strmap korean;      /* ko_loose_key of every listed Korean name */
    struct strmap multisets; /* sorted folded words of a listed name */
    struct lists ms_entities;  /* multiset id -> entities */
    struct strmap words;       /* folded word */
    struct lists word_sets;    /* word id -> multiset ids containing it */
};

static void ko_loose_key(const struct ko_name *k, struct str *out);
static bool korean_key_of(const char *name, struct str *out);

static void corpus_add_name(struct corpus *c, uint32_t entity, const char *name)
{
    struct str ko = {0};
    if (korean_key_of(name, &ko)) strmap_get(&c->korean, ko.p, true);
    str_free(&ko);

    struct str folded = {0}, key = {0};
    fold_ascii_upper(name, &folded);
    sorted_tokens(str_cstr(&folded), &key);
    if (key.len == 0) goto done;
    bool is_new = strmap_get(&c->multisets, key.p, false) == UINT32_MAX;
    uint32_t ms = strmap_get(&c->multisets, key.p, true);
    bool listed = false;
    LISTS_FOR(&c->ms_entities, ms, e) if (e == entity) listed = true;
    if (!listed) lists_add(&c->ms_entities, ms, entity);
    if (is_new) {
        char *copy = bench_strdup(key.p), *save = NULL;
        const char *prev = "";
        for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            if (strcmp(w, prev) != 0) lists_add(&c->word_sets, strmap_get(&c->words, w, true), ms);
            prev = w;
        }
        free(copy);
    }
done:
    str_free(&folded);
    str_free(&key);
}

static void corpus_load(struct corpus *c, const vigil_index *ix)
{
    memset(c, 0, sizeof *c);
    c->ix = ix;
    uint32_t n = vigil_index_entity_count(ix);
    for (uint32_t e = 0; e < n; e++) {
        size_t props = vigil_index_entity_prop_count(ix, e);
        for (size_t i = 0; i < props; i++) {
            const char *prop, *value;
            vigil_index_entity_prop(ix, e, i, &prop, &value);
            if (is_name_prop(prop)) corpus_add_name(c, e, value);
        }
    }
}

/* Whether a's words (sorted, space-separated) are a sub-multiset of b's. */
static bool words_within(const char *a, const char *b)
{
    char *ca = bench_strdup(a), *cb = bench_strdup(b);
    char *sa = NULL, *sb = NULL;
    char *wa = strtok_r(ca, " ", &sa), *wb = strtok_r(cb, " ", &sb);
    while (wa && wb) {
        int d = strcmp(wa, wb);
        if (d == 0) wa = strtok_r(NULL, " ", &sa);
        if (d >= 0) wb = strtok_r(NULL, " ", &sb);
        else break;
    }
    bool within = wa == NULL;
    free(ca);
    free(cb);
    return within;
}

/* A negative must not be a listed name, nor contain one, nor be contained
 * in one (then a hit would be right, not a false positive). */
static bool is_legal_token(const char *w);

/* The folded words of a name without its legal-form words ("Alphabet
 * Inc." -> "ALPHABET"): a negative whose distinctive words are all in a
 * listed name is no negative. */
static void distinctive_words(const char *folded, struct str *out)
{
    struct str kept = {0};
    char *copy = bench_strdup(folded), *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (is_legal_token(w)) continue;
        if (kept.len) str_putc(&kept, ' ');
        str_puts(&kept, w);
    }
    free(copy);
    sorted_tokens(kept.len ? kept.p : folded, out);
    str_free(&kept);
}

static bool corpus_clear_of(struct corpus *c, const char *name)
{
    struct str folded = {0}, key = {0};
    fold_ascii_upper(name, &folded);
    distinctive_words(str_cstr(&folded), &key);
    bool clear = key.len > 0 && strmap_get(&c->multisets, key.p, false) == UINT32_MAX;
    char *copy = bench_strdup(str_cstr(&key)), *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w && clear; w = strtok_r(NULL, " ", &save)) {
        uint32_t wid = strmap_get(&c->words, w, false);
        if (wid == UINT32_MAX) continue;
        LISTS_FOR(&c->word_sets, wid, ms) {
            const char *listed = c->multisets.keys[ms];
            if (words_within(key.p, listed) || words_within(listed, key.p)) {
                clear = false;
                break;
            }
        }
    }
    free(copy);
    str_free(&folded);
    str_free(&key);
    return clear;
}

/* Entities whose names have the same words as `name`; count returned. */
static size_t corpus_same_words(struct corpus *c, const char *name, uint32_t *out, size_t max)
{
    struct str folded = {0}, key = {0};
    fold_ascii_upper(name, &folded);
    sorted_tokens(str_cstr(&folded), &key);
    size_t n = 0;
    uint32_t ms = key.len ? strmap_get(&c->multisets, key.p, false) : UINT32_MAX;
    if (ms != UINT32_MAX) LISTS_FOR(&c->ms_entities, ms, e) if (n < max) out[n++] = e;
    str_free(&folded);
    str_free(&key);
    return n;
}

/* Lower-cased non-name property values and datasets, "|"-separated, for
 * spotting a culture ("korea, north", "|kp|", "russia", ...). */
static void entity_hint(const vigil_index *ix, uint32_t e, struct str *out)
{
    str_reset(out);
    str_putc(out, '|');
    size_t props = vigil_index_entity_prop_count(ix, e);
    for (size_t i = 0; i < props; i++) {
        const char *prop, *value;
        vigil_index_entity_prop(ix, e, i, &prop, &value);
        if (is_name_prop(prop)) continue;
        for (const char *p = value; *p; p++) str_putc(out, (char)tolower((unsigned char)*p));
        str_putc(out, '|');
    }
    size_t ds = vigil_index_entity_dataset_count(ix, e);
    for (size_t i = 0; i < ds; i++) {
        for (const char *p = vigil_index_entity_dataset(ix, e, i); *p; p++)
            str_putc(out, (char)tolower((unsigned char)*p));
        str_putc(out, '|');
    }
}

static bool hint_has(const struct str *hint, const char *const *needles, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(str_cstr(hint), needles[i])) return true;
    return false;
}

/* ------------------------------------------------------------ tokens */

#define MAX_TOKENS 24

struct toks {
    char *t[MAX_TOKENS];
    size_t n;
};

static void toks_free(struct toks *k)
{
    for (size_t i = 0; i < k->n; i++) free(k->t[i]);
    k->n = 0;
}

/* Words of a name split at spaces and commas ("KIM, Jong Un"). */
static bool toks_split(const char *name, struct toks *out)
{
    out->n = 0;
    const char *p = name;
    while (*p) {
        while (*p == ' ' || *p == ',') p++;
        if (!*p) break;
        size_t len = strcspn(p, " ,");
        if (out->n == MAX_TOKENS) {
            toks_free(out);
            return false;
        }
        char *w = bench_alloc(len + 1);
        memcpy(w, p, len);
        out->t[out->n++] = w;
        p += len;
    }
    return out->n > 0;
}

static void toks_join(const struct toks *k, struct str *out)
{
    str_reset(out);
    for (size_t i = 0; i < k->n; i++) {
        if (i) str_putc(out, ' ');
        str_puts(out, k->t[i]);
    }
    if (!out->p) str_reserve(out, 0);
}

static void toks_copy(const struct toks *from, struct toks *to)
{
    to->n = from->n;
    for (size_t i = 0; i < from->n; i++) to->t[i] = bench_strdup(from->t[i]);
}

static void toks_insert(struct toks *k, size_t at, const char *word)
{
    if (k->n == MAX_TOKENS) return;
    memmove(&k->t[at + 1], &k->t[at], (k->n - at) * sizeof k->t[0]);
    k->t[at] = bench_strdup(word);
    k->n++;
}

static void toks_remove(struct toks *k, size_t at)
{
    free(k->t[at]);
    memmove(&k->t[at], &k->t[at + 1], (k->n - at - 1) * sizeof k->t[0]);
    k->n--;
}

static void toks_set(struct toks *k, size_t at, const char *word)
{
    free(k->t[at]);
    k->t[at] = bench_strdup(word);
}

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 128 || *s == '\t' || *s == '\n') return false;
    return true;
}

static size_t letter_count(const char *w)
{
    size_t n = 0;
    for (; *w; w++) n += isalpha((unsigned char)*w) != 0;
    return n;
}

static bool all_upper(const char *w)
{
    bool any = false;
    for (; *w; w++) {
        if (islower((unsigned char)*w)) return false;
        any |= isupper((unsigned char)*w) != 0;
    }
    return any;
}

static bool name_all_upper(const struct toks *k)
{
    for (size_t i = 0; i < k->n; i++)
        if (letter_count(k->t[i]) && !all_upper(k->t[i])) return false;
    return true;
}

/* word in the case style of the name: upper-case names get upper case. */
static void styled(const char *word, bool upper, struct str *out)
{
    str_reset(out);
    for (const char *p = word; *p; p++) str_putc(out, upper ? (char)toupper((unsigned char)*p) : *p);
}

/* A Korean name with the distinctions that list spellings blur folded
 * away: aspirated, tense and plain initials (준/춘: "Jun", "Chun"), and the
 * vowels the systems write alike (어 오 우 으: "Song", "Sung"; 여 요 유).
 * Two names with one loose key may be one name in two romanizations, so a
 * negative must not share a listed name's key. */
static void ko_loose_key(const struct ko_name *k, struct str *out)
{
    static const char initial_class[19] = {'k', 'k', 'n', 't', 't', 'r', 'm', 'p', 'p', 's',
                                           's', '-', 'c', 'c', 'c', 'k', 't', 'p', 'h'};
    static const char vowel_class[21] = {'a', 'e', 'y', 'y', 'o', 'e', 'Y', 'e', 'o', 'w', 'w',
                                         'e', 'Y', 'o', 'w', 'w', 'i', 'Y', 'o', 'i', 'i'};
    str_reset(out);
    for (int i = 0; i < k->count; i++) {
        if (i) str_putc(out, i == 1 ? '|' : '.');
        str_putc(out, initial_class[k->syl[i].L]);
        str_putc(out, vowel_class[k->syl[i].V]);
        str_printf(out, "%d", k->syl[i].T);
    }
}

static bool korean_key_of(const char *name, struct str *out)
{
    struct toks k;
    struct ko_name ko;
    if (!is_ascii(name) || !toks_split(name, &k)) return false;
    bool ok = ko_parse_name((const char *const *)k.t, k.n, &ko);
    if (ok) ko_loose_key(&ko, out);
    toks_free(&k);
    return ok;
}

static bool korean_listed(struct corpus *c, const char *name)
{
    struct str key = {0};
    bool listed = korean_key_of(name, &key) && strmap_get(&c->korean, key.p, false) != UINT32_MAX;
    str_free(&key);
    return listed;
}

/* ------------------------------------------------------- legal forms */

enum legal_class { LEGAL_LLC, LEGAL_JSC, LEGAL_COLTD, LEGAL_CORP, LEGAL_CO, LEGAL_OTHER, LEGAL_CLASSES };

struct legal_form {
    enum legal_class cls;
    const char *words; /* upper case, dots and commas removed */
    bool prefix;       /* also written before the name (OOO "Vostok") */
};
static const struct legal_form legal_forms[] = {
    {LEGAL_LLC, "LIMITED LIABILITY COMPANY", true}, {LEGAL_LLC, "LLC", true}, {LEGAL_LLC, "OOO", true},
    {LEGAL_LLC, "GMBH", false}, {LEGAL_LLC, "SARL", false}, {LEGAL_LLC, "SRL", false},
    {LEGAL_LLC, "TOV", true}, {LEGAL_LLC, "TOO", true}, {LEGAL_LLC, "LTDA", false},
    {LEGAL_LLC, "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU", true},
    {LEGAL_LLC, "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU", true},
    {LEGAL_LLC, "TOVARYSTVO Z OBMEZHENOYU VIDPOVIDALNISTYU", true},
    {LEGAL_LLC, "SOCIEDAD DE RESPONSABILIDAD LIMITADA", false}, {LEGAL_JSC, "SA DE CV", false},
    {LEGAL_JSC, "AKTSIONERNOE OBSHCHESTVO", true}, {LEGAL_JSC, "OTKRYTOE AKTSIONERNOE OBSHCHESTVO", true},
    {LEGAL_JSC, "ZAKRYTOE AKTSIONERNOE OBSHCHESTVO", true},
    {LEGAL_JSC, "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO", true}, {LEGAL_JSC, "SOCIEDAD ANONIMA", false},
    {LEGAL_JSC, "OPEN JOINT STOCK COMPANY", true}, {LEGAL_JSC, "CLOSED JOINT STOCK COMPANY", true},
    {LEGAL_JSC, "PUBLIC JOINT STOCK COMPANY", true}, {LEGAL_JSC, "JOINT STOCK COMPANY", true},
    {LEGAL_JSC, "OJSC", true}, {LEGAL_JSC, "CJSC", true}, {LEGAL_JSC, "PJSC", true}, {LEGAL_JSC, "JSC", true},
    {LEGAL_JSC, "OAO", true}, {LEGAL_JSC, "ZAO", true}, {LEGAL_JSC, "PAO", true}, {LEGAL_JSC, "AO", true},
    {LEGAL_JSC, "AG", false}, {LEGAL_JSC, "SA", false}, {LEGAL_JSC, "SPA", false},
    {LEGAL_COLTD, "CO LTD", false}, {LEGAL_COLTD, "CO LIMITED", false}, {LEGAL_COLTD, "COMPANY LIMITED", false},
    {LEGAL_COLTD, "COMPANY LTD", false}, {LEGAL_COLTD, "PTE LTD", false}, {LEGAL_COLTD, "PVT LTD", false},
    {LEGAL_COLTD, "PRIVATE LIMITED", false}, {LEGAL_COLTD, "SDN BHD", false}, {LEGAL_COLTD, "LIMITED", false},
    {LEGAL_COLTD, "LTD", false}, {LEGAL_CORP, "CORPORATION", false}, {LEGAL_CORP, "CORP", false},
    {LEGAL_CORP, "INCORPORATED", false}, {LEGAL_CORP, "INC", false}, {LEGAL_CO, "COMPANY", false},
    {LEGAL_CO, "CO", false}, {LEGAL_OTHER, "PLC", false}, {LEGAL_OTHER, "FZE", false},
    {LEGAL_OTHER, "FZCO", false}, {LEGAL_OTHER, "LLP", false},
};
/* How the variants write each class. */
static const char *const legal_spellings[LEGAL_CLASSES][4] = {
    [LEGAL_LLC] = {"LLC", "L.L.C.", "Limited Liability Company", "OOO"},
    [LEGAL_JSC] = {"JSC", "Joint Stock Company", "OAO", "AO"},
    [LEGAL_COLTD] = {"Co., Ltd.", "Company Limited", "Ltd.", "Limited"},
    [LEGAL_CORP] = {"Corporation", "Corp.", "Inc.", "Incorporated"},
    [LEGAL_CO] = {"Co.", "Company", NULL, NULL},
    [LEGAL_OTHER] = {"PLC", NULL, NULL, NULL},
};

static void legal_norm(const char *w, char *out, size_t size)
{
    size_t n = 0;
    for (; *w && n + 1 < size; w++)
        if (*w != '.' && *w != ',') out[n++] = (char)toupper((unsigned char)*w);
    out[n] = '\0';
}

/* Whether tokens [at, at+count) spell the legal form's words. */
static bool legal_at(const struct toks *k, size_t at, const char *words, size_t *count)
{
    char copy[96];
    snprintf(copy, sizeof copy, "%s", words);
    size_t i = at;
    char *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save), i++) {
        char norm[64];
        if (i >= k->n) return false;
        legal_norm(k->t[i], norm, sizeof norm);
        if (strcmp(norm, w) != 0) return false;
    }
    *count = i - at;
    return *count > 0;
}

/* Finds the longest legal form ending the name, else one opening it. */
static bool legal_find(const struct toks *k, size_t *at, size_t *count, enum legal_class *cls)
{
    size_t best = 0;
    for (size_t f = 0; f < sizeof legal_forms / sizeof legal_forms[0]; f++) {
        size_t words = 1;
        for (const char *p = legal_forms[f].words; *p; p++) words += *p == ' ';
        if (words >= k->n) continue;
        size_t n;
        if (legal_at(k, k->n - words, legal_forms[f].words, &n) && n > best) {
            best = n, *at = k->n - words, *count = n, *cls = legal_forms[f].cls;
        }
    }
    if (best) return true;
    for (size_t f = 0; f < sizeof legal_forms / sizeof legal_forms[0]; f++) {
        size_t n;
        if (legal_forms[f].prefix && legal_at(k, 0, legal_forms[f].words, &n) && n < k->n && n > best) {
            best = n, *at = 0, *count = n, *cls = legal_forms[f].cls;
        }
    }
    return best > 0;
}

static bool is_legal_token(const char *w)
{
    char norm[64];
    legal_norm(w, norm, sizeof norm);
    for (size_t f = 0; f < sizeof legal_forms / sizeof legal_forms[0]; f++)
        if (strcmp(norm, legal_forms[f].words) == 0) return true;
    return false;
}

/* --------------------------------------------------------- generation */

struct gen {
    struct corpus corpus;
    struct rng rng;
    FILE *out;
    size_t rows;
};

enum culture { CULT_OTHER = 0, CULT_KOREAN, CULT_SLAVIC, CULT_ARABIC };

static const char *const korea_hints[] = {"korea, north", "north korea", "dprk", "democratic people's republic of korea",
                                          "|kp|", "pyongyang"};
static const char *const slavic_hints[] = {"russia", "ukrain", "belarus", "|ru|", "|ua|", "|by|", "crimea", "moscow"};
static const char *const slavic_suffixes[] = {"ov", "ova", "ev", "eva", "yev", "yeva", "in", "ina", "skiy", "skaya",
                                              "sky", "enko", "chuk", "vich", "vna", "yuk", "ich", "iy", "kov"};

static bool ends_with(const char *w, const char *suffix)
{
    size_t n = strlen(w), m = strlen(suffix);
    return n > m && strcmp(w + n - m, suffix) == 0;
}

static bool slavic_word(const char *lower)
{
    for (size_t i = 0; i < sizeof slavic_suffixes / sizeof slavic_suffixes[0]; i++)
        if (ends_with(lower, slavic_suffixes[i])) return true;
    return false;
}

/* BGN-romanized Russian or Ukrainian: letters of that alphabet only, a
 * Slavic surname or patronymic ending, and a country hint or two such
 * endings. */
static bool is_slavic_name(const struct toks *k, const struct str *hint)
{
    if (k->n < 2 || k->n > 4) return false;
    int endings = 0;
    for (size_t i = 0; i < k->n; i++) {
        char lower[48];
        if (!ascii_lower_letters(k->t[i], lower, sizeof lower)) return false;
        if (strpbrk(lower, "qwx")) return false;
        for (const char *p = lower; *p; p++)
            if (*p == 'c' && p[1] != 'h') return false;
        endings += slavic_word(lower);
    }
    return endings >= 2 || (endings == 1 && hint_has(hint, slavic_hints, COUNT_OF(slavic_hints)));
}

static bool is_ukrainian(const struct toks *k, const struct str *hint)
{
    if (!strstr(str_cstr(hint), "ukrain") && !strstr(str_cstr(hint), "|ua|")) return false;
    for (size_t i = 0; i < k->n; i++) {
        char lower[48];
        if (!ascii_lower_letters(k->t[i], lower, sizeof lower)) continue;
        for (const char *p = lower; *p; p++)
            if (*p == 'h' && (p == lower || !strchr("kzcs", p[-1]))) return true;
    }
    return false;
}

static bool is_arabic_name(const struct toks *k)
{
    if (k->n < 2 || k->n > 6) return false;
    int known = 0;
    for (size_t i = 0; i < k->n; i++) {
        char lower[48];
        const char *w = k->t[i];
        for (const char *p = w; *p; p++)
            if (!isalpha((unsigned char)*p) && *p != '-' && *p != '\'') return false;
        const char *dash = strrchr(w, '-');
        if (!ascii_lower_letters(dash ? dash + 1 : w, lower, sizeof lower)) continue;
        known += ar_lookup(lower) != NULL;
    }
    return known >= 1;
}

static bool is_korean_name(const struct toks *k, const struct str *hint, struct ko_name *ko)
{
    return hint_has(hint, korea_hints, COUNT_OF(korea_hints)) &&
           ko_parse_name((const char *const *)k->t, k->n, ko);
}

static void emit(struct gen *g, const char *category, bool positive, vigil_schema schema, const char *query,
                 const char *original, const uint32_t *entities, size_t n)
{
    fprintf(g->out, "%s\t%s\t%s\t%s\t%s", category, positive ? "pos" : "neg", vigil_schema_name(schema), query,
            original);
    for (size_t i = 0; i < n; i++) fprintf(g->out, "\t%s", vigil_index_entity_id(g->corpus.ix, entities[i]));
    fputc('\n', g->out);
    g->rows++;
}

/* A positive: kept when it differs from the original and its words are not
 * another listed name's. */
static void emit_positive(struct gen *g, const char *category, uint32_t entity, vigil_schema schema,
                          const char *query, const char *original)
{
    if (!*query || strchr(query, '\t') || strchr(query, '\n')) return;
    struct str a = {0}, b = {0};
    fold_ascii_upper(query, &a);
    fold_ascii_upper(original, &b);
    bool same = is_ascii(query) && strcmp(str_cstr(&a), str_cstr(&b)) == 0;
    str_free(&a);
    str_free(&b);
    if (same) return;
    uint32_t right[64], other[64];
    size_t nr = corpus_same_words(&g->corpus, original, right, 64);
    if (nr == 0) right[nr++] = entity;
    if (is_ascii(query)) {
        size_t no = corpus_same_words(&g->corpus, query, other, 64);
        for (size_t i = 0; i < no; i++) {
            bool ok = false;
            for (size_t j = 0; j < nr; j++) ok |= other[i] == right[j];
            if (!ok) return;
        }
    }
    emit(g, category, true, schema, query, original, right, nr);
}

/* -------------------------------------------------- Latin categories */

static size_t words_before_comma(const char *name);

static const char letters[] = "abcdefghijklmnopqrstuvwxyz";

static char in_case_of(char like, char c)
{
    return isupper((unsigned char)like) ? (char)toupper((unsigned char)c) : c;
}

/* One random edit (substitution, deletion, insertion, transposition) of a
 * word's letters; the first letter is kept for deletions only when the word
 * is short. */
static void typo_word(struct rng *r, const char *w, struct str *out)
{
    size_t n = strlen(w);
    for (int attempt = 0; attempt < 8; attempt++) {
        str_reset(out);
        size_t i = rng_below(r, (uint32_t)n);
        if (!isalpha((unsigned char)w[i])) continue;
        char c = letters[rng_below(r, 26)];
        switch (rng_below(r, 4)) {
        case 0: /* substitution */
            if (tolower((unsigned char)w[i]) == c) continue;
            str_putn(out, w, i);
            str_putc(out, in_case_of(w[i], c));
            str_puts(out, w + i + 1);
            break;
        case 1: /* deletion */
            str_putn(out, w, i);
            str_puts(out, w + i + 1);
            break;
        case 2: /* insertion */
            str_putn(out, w, i);
            str_putc(out, in_case_of(w[i], c));
            str_puts(out, w + i);
            break;
        default: /* transposition with the next letter */
            if (i + 1 >= n || !isalpha((unsigned char)w[i + 1]) || w[i] == w[i + 1]) continue;
            str_putn(out, w, i);
            str_putc(out, in_case_of(w[i], w[i + 1]));
            str_putc(out, in_case_of(w[i + 1], w[i]));
            str_puts(out, w + i + 2);
            break;
        }
        return;
    }
    str_reset(out);
    str_puts(out, w);
}

/* A word long enough to misspell, not a legal form; SIZE_MAX when none. */
static size_t pick_word(struct rng *r, const struct toks *k, size_t min_letters, size_t avoid)
{
    size_t cand[MAX_TOKENS], n = 0;
    for (size_t i = 0; i < k->n; i++)
        if (i != avoid && letter_count(k->t[i]) >= min_letters && !is_legal_token(k->t[i])) cand[n++] = i;
    return n ? cand[rng_below(r, (uint32_t)n)] : SIZE_MAX;
}

static bool make_typo(struct rng *r, const struct toks *orig, int edits, struct str *out)
{
    struct toks k;
    toks_copy(orig, &k);
    struct str w = {0};
    size_t last = SIZE_MAX;
    int done = 0;
    for (int e = 0; e < edits; e++) {
        size_t i = (e == 1 && rng_chance(r, 0.5)) ? last : pick_word(r, &k, 4, e == 1 ? last : SIZE_MAX);
        if (i == SIZE_MAX) i = pick_word(r, &k, 3, SIZE_MAX);
        if (i == SIZE_MAX) break;
        typo_word(r, k.t[i], &w);
        toks_set(&k, i, str_cstr(&w));
        last = i;
        done++;
    }
    toks_join(&k, out);
    toks_free(&k);
    str_free(&w);
    return done == edits;
}

/* "KIM Jong Un" -> "Jong Un KIM" (last word first, or first word last). */
static bool make_reorder(struct rng *r, const struct toks *orig, struct str *out)
{
    if (orig->n < 2) return false;
    struct toks k;
    toks_copy(orig, &k);
    if (rng_chance(r, 0.5)) {
        char *last = k.t[k.n - 1];
        memmove(&k.t[1], &k.t[0], (k.n - 1) * sizeof k.t[0]);
        k.t[0] = last;
    } else {
        char *first = k.t[0];
        memmove(&k.t[0], &k.t[1], (k.n - 1) * sizeof k.t[0]);
        k.t[k.n - 1] = first;
    }
    toks_join(&k, out);
    toks_free(&k);
    return true;
}

/* Drops a middle name of a 3+ word name, or adds one of the name's
 * culture.  "SURNAME, Given Middle" names (with a comma) keep the surname
 * and change the given names. */
static bool make_middle(struct rng *r, const struct toks *orig, const char *name, enum culture culture,
                        struct str *out)
{
    if (orig->n < 2 || culture == CULT_KOREAN) return false;
    struct toks k;
    toks_copy(orig, &k);
    bool comma = strchr(name, ',') != NULL;
    bool upper = name_all_upper(&k);
    /* "SURNAME, Given Middle": only a second given name is a middle name */
    size_t surname_words = comma ? words_before_comma(name) : 0;
    bool droppable = comma ? k.n >= surname_words + 2 : k.n >= 3;
    if (droppable && rng_chance(r, 0.6)) {
        size_t at = comma ? k.n - 1 : 1 + rng_below(r, (uint32_t)(k.n - 2));
        toks_remove(&k, at);
    } else {
        struct str word = {0}, styled_word = {0};
        if (culture == CULT_ARABIC) str_puts(&word, RNG_PICK(r, np_arabic_first));
        else if (culture == CULT_SLAVIC) {
            const char *father = RNG_PICK(r, np_slavic_first_m);
            size_t n = strlen(father);
            if (n > 1 && (father[n - 1] == 'o' || father[n - 1] == 'a')) n--;
            str_putn(&word, father, n);
            str_puts(&word, father[n - 1] == 'y' ? "evich" : "ovich");
        } else {
            str_puts(&word, rng_chance(r, 0.5) ? RNG_PICK(r, np_anglo_first) : RNG_PICK(r, np_hispanic_first));
        }
        styled(str_cstr(&word), upper, &styled_word);
        toks_insert(&k, comma ? k.n : 1, str_cstr(&styled_word));
        str_free(&word);
        str_free(&styled_word);
    }
    toks_join(&k, out);
    toks_free(&k);
    return true;
}

/* Swaps, drops or adds a legal form (LLC <-> Limited Liability Company <->
 * Co., Ltd. <-> OOO). */
static bool make_legal(struct rng *r, const struct toks *orig, bool organization, struct str *out)
{
    struct toks k;
    toks_copy(orig, &k);
    bool upper = name_all_upper(&k);
    size_t at = 0, count = 0;
    enum legal_class cls = LEGAL_OTHER;
    struct str spelled = {0};
    const char *spelling = NULL;
    if (legal_find(&k, &at, &count, &cls)) {
        double x = rng_unit(r);
        for (size_t i = 0; i < count; i++) toks_remove(&k, at);
        if (x < 0.3 && k.n >= 2) {
            spelling = NULL; /* dropped */
        } else {
            enum legal_class to = x < 0.7 ? cls : (enum legal_class)rng_below(r, LEGAL_OTHER);
            size_t n = 0;
            while (n < 4 && legal_spellings[to][n]) n++;
            spelling = legal_spellings[to][rng_below(r, (uint32_t)n)];
        }
    } else if (organization) {
        at = k.n;
        enum legal_class to = (enum legal_class)rng_below(r, LEGAL_OTHER);
        size_t n = 0;
        while (n < 4 && legal_spellings[to][n]) n++;
        spelling = legal_spellings[to][rng_below(r, (uint32_t)n)];
    } else {
        toks_free(&k);
        return false;
    }
    if (spelling) {
        styled(spelling, upper, &spelled);
        struct toks words;
        toks_split(str_cstr(&spelled), &words);
        /* "Co., Ltd." splits at the comma: put it back on the first word */
        if (strchr(str_cstr(&spelled), ',') && words.n == 2) {
            size_t len = strlen(words.t[0]);
            words.t[0] = realloc(words.t[0], len + 2);
            if (!words.t[0]) bench_die("out of memory");
            memcpy(words.t[0] + len, ",", 2);
        }
        for (size_t i = 0; i < words.n; i++) toks_insert(&k, at + i, words.t[i]);
        toks_free(&words);
    }
    toks_join(&k, out);
    toks_free(&k);
    str_free(&spelled);
    return true;
}

/* Hyphens and spacing: "Jong Un" -> "Jong-un" / "Jongun"; "Al-Ali" ->
 * "Al Ali" / "AlAli". */
static size_t words_before_comma(const char *name)
{
    const char *comma = strchr(name, ',');
    if (!comma) return SIZE_MAX;
    struct toks k;
    char *head = bench_alloc((size_t)(comma - name) + 1);
    memcpy(head, name, (size_t)(comma - name));
    size_t n = toks_split(head, &k) ? k.n : 0;
    toks_free(&k);
    free(head);
    return n;
}

static bool make_spacing(struct rng *r, const struct toks *orig, const char *name, struct str *out)
{
    struct toks k;
    toks_copy(orig, &k);
    size_t hyph[MAX_TOKENS], nh = 0, pairs[MAX_TOKENS], np = 0;
    /* "SURNAME, Given": words are joined within a side, never across it */
    size_t surname_words = words_before_comma(name);
    for (size_t i = 0; i < k.n; i++) {
        const char *d = strchr(k.t[i], '-');
        if (d && d != k.t[i] && d[1]) hyph[nh++] = i;
        if (i + 1 == surname_words) continue;
        if (i + 1 < k.n && letter_count(k.t[i]) >= 2 && letter_count(k.t[i + 1]) >= 2 &&
            !is_legal_token(k.t[i]) && !is_legal_token(k.t[i + 1]))
            pairs[np++] = i;
    }
    bool ok = true;
    if (nh && (np == 0 || rng_chance(r, 0.5))) {
        size_t i = hyph[rng_below(r, (uint32_t)nh)];
        char *w = k.t[i];
        char *d = strchr(w, '-');
        if (rng_chance(r, 0.5)) *d = ' ';
        else memmove(d, d + 1, strlen(d));
    } else if (np) {
        size_t i = pairs[rng_below(r, (uint32_t)np)];
        bool upper = all_upper(k.t[i]) && all_upper(k.t[i + 1]);
        struct str w = {0};
        str_puts(&w, k.t[i]);
        if (rng_chance(r, 0.5)) str_putc(&w, '-');
        const char *second = k.t[i + 1];
        str_putc(&w, upper ? second[0] : (char)tolower((unsigned char)second[0]));
        str_puts(&w, second + 1);
        toks_set(&k, i, str_cstr(&w));
        toks_remove(&k, i + 1);
        str_free(&w);
    } else {
        ok = false;
    }
    if (ok) toks_join(&k, out);
    toks_free(&k);
    return ok;
}

/* ------------------------------------------------ romanization variants */

/* Russian: another transliteration family for one or two spots. */
struct respell {
    const char *from, *to;
    bool word_end;   /* only at the end of a word */
    bool word_start; /* only at the start */
};
static const struct respell ru_respellings[] = {
    {"iy", "y", true, false},  {"iy", "i", true, false},   {"iy", "ij", true, false}, {"iy", "ii", true, false},
    {"kh", "h", false, false}, {"kh", "ch", false, false}, {"ov", "off", true, false}, {"ev", "eff", true, false},
    {"ov", "ow", true, false}, {"ya", "ia", false, false}, {"ya", "ja", false, false}, {"yu", "iu", false, false},
    {"yu", "ju", false, false}, {"ye", "e", false, false}, {"ye", "ie", false, false}, {"ks", "x", false, false},
    {"zh", "j", false, false}, {"ts", "tz", false, false}, {"ch", "tch", false, false}, {"sh", "sch", false, false},
    {"v", "w", false, true},   {"yo", "io", false, false}, {"yo", "e", false, false},  {"ey", "ei", true, false},
    {"ay", "ai", true, false}, {"y", "i", false, false},
};

static bool apply_respell(const char *w, const struct respell *rs, struct str *out)
{
    str_reset(out);
    size_t n = strlen(w), fl = strlen(rs->from);
    for (size_t i = 0; i + fl <= n; i++) {
        if (strncasecmp(w + i, rs->from, fl) != 0) continue;
        if (rs->word_end && i + fl != n) continue;
        if (rs->word_start && i != 0) continue;
        str_putn(out, w, i);
        bool up = isupper((unsigned char)w[i]);
        bool all = all_upper(w);
        for (const char *t = rs->to; *t; t++)
            str_putc(out, (all || (up && t == rs->to)) ? (char)toupper((unsigned char)*t) : *t);
        str_puts(out, w + i + fl);
        return true;
    }
    return false;
}

static bool make_ru_latin(struct rng *r, const struct toks *orig, struct str *out)
{
    struct toks k;
    toks_copy(orig, &k);
    int changes = 1 + (int)rng_below(r, 2), done = 0;
    struct str w = {0};
    for (int attempt = 0; attempt < 40 && done < changes; attempt++) {
        size_t i = rng_below(r, (uint32_t)k.n);
        const struct respell *rs = &ru_respellings[rng_below(r, COUNT_OF(ru_respellings))];
        if (apply_respell(k.t[i], rs, &w)) {
            toks_set(&k, i, str_cstr(&w));
            done++;
        }
    }
    toks_join(&k, out);
    toks_free(&k);
    str_free(&w);
    return done > 0;
}

/* Arabic: other members of the name's spelling families. */
static const char *const ar_families[][8] = {
    {"Muhammad", "Mohammed", "Mohammad", "Mohamed", "Muhammed", "Mohamad", NULL},
    {"Ahmad", "Ahmed", NULL},
    {"Husayn", "Hussein", "Hussain", "Husain", "Hossein", NULL},
    {"Hasan", "Hassan", NULL},
    {"Abdullah", "Abdallah", "Abd Allah", "Abdulla", NULL},
    {"Abu", "Abou", NULL},
    {"bin", "ibn", "ben", NULL},
    {"Yusuf", "Yousef", "Youssef", "Yousif", NULL},
    {"Umar", "Omar", NULL},
    {"Uthman", "Othman", "Osman", NULL},
    {"Ibrahim", "Ebrahim", NULL},
    {"Mahmud", "Mahmoud", NULL},
    {"Mustafa", "Mostafa", NULL},
    {"Said", "Saeed", "Saeid", NULL},
    {"Khalid", "Khaled", NULL},
    {"Salih", "Saleh", NULL},
    {"Sulayman", "Suleiman", "Sulaiman", NULL},
    {"Usama", "Osama", NULL},
    {"Hamid", "Hamed", NULL},
    {"Nasir", "Nasser", "Naser", NULL},
    {"Rashid", "Rasheed", NULL},
    {"Qasim", "Qassem", "Kassem", NULL},
    {"Jafar", "Jaafar", NULL},
    {"Mansur", "Mansour", NULL},
    {"Tariq", "Tarek", NULL},
    {"Yasin", "Yassin", NULL},
    {"Zayd", "Zaid", NULL},
    {"Faysal", "Faisal", NULL},
};

static bool ar_family_swap(struct rng *r, const char *w, struct str *out)
{
    for (size_t f = 0; f < COUNT_OF(ar_families); f++) {
        size_t n = 0, hit = SIZE_MAX;
        while (n < 8 && ar_families[f][n]) {
            if (strcasecmp(w, ar_families[f][n]) == 0) hit = n;
            n++;
        }
        if (hit == SIZE_MAX) continue;
        size_t to = (hit + 1 + rng_below(r, (uint32_t)(n - 1))) % n;
        styled(ar_families[f][to], all_upper(w), out);
        return true;
    }
    return false;
}

/* Also rewrites the article and abd: "Abd al-Rahman" <-> "Abdul Rahman" <->
 * "Abdel Rahman"; "al-X" <-> "Al X" <-> "el-X". */
static bool make_ar_latin(struct rng *r, const struct toks *orig, struct str *out)
{
    struct toks k;
    toks_copy(orig, &k);
    int done = 0, want = 1 + (int)rng_below(r, 2);
    struct str w = {0};
    for (int attempt = 0; attempt < 20 && done < want; attempt++) {
        size_t i = rng_below(r, (uint32_t)k.n);
        char lower[48];
        bool upper = all_upper(k.t[i]);
        if (ar_family_swap(r, k.t[i], &w)) {
            toks_set(&k, i, str_cstr(&w));
            done++;
        } else if (ascii_lower_letters(k.t[i], lower, sizeof lower) && strcmp(lower, "abd") == 0 && i + 1 < k.n &&
                   strncasecmp(k.t[i + 1], "al-", 3) == 0) {
            styled(rng_chance(r, 0.5) ? "Abdul" : "Abdel", upper, &w);
            toks_set(&k, i, str_cstr(&w));
            char *rest = bench_strdup(k.t[i + 1] + 3);
            toks_set(&k, i + 1, rest);
            free(rest);
            done++;
        } else if ((strncasecmp(lower, "abdul", 5) == 0 || strncasecmp(lower, "abdel", 5) == 0) &&
                   strlen(lower) == 5 && i + 1 < k.n) {
            styled("Abd", upper, &w);
            toks_set(&k, i, str_cstr(&w));
            str_reset(&w);
            str_puts(&w, upper ? "AL-" : "al-");
            str_puts(&w, k.t[i + 1]);
            toks_set(&k, i + 1, str_cstr(&w));
            done++;
        } else if (strncasecmp(k.t[i], "al-", 3) == 0 && k.t[i][3]) {
            str_reset(&w);
            if (rng_chance(r, 0.5)) {
                str_puts(&w, upper ? "EL-" : "el-");
                str_puts(&w, k.t[i] + 3);
                toks_set(&k, i, str_cstr(&w));
            } else {
                str_puts(&w, k.t[i] + 3);
                toks_set(&k, i, upper ? "AL" : "Al");
                toks_insert(&k, i + 1, str_cstr(&w));
            }
            done++;
        }
    }
    toks_join(&k, out);
    toks_free(&k);
    str_free(&w);
    return done > 0;
}

/* ----------------------------------------------------- sampled names */

/* The name to vary: the first ASCII primary name, else the first ASCII
 * alias; with its properties' hint. */
static const char *latin_name(const vigil_index *ix, uint32_t e)
{
    const char *alias = NULL;
    size_t props = vigil_index_entity_prop_count(ix, e);
    for (size_t i = 0; i < props; i++) {
        const char *prop, *value;
        vigil_index_entity_prop(ix, e, i, &prop, &value);
        if (!is_ascii(value) || letter_count(value) < 2) continue;
        if (strcmp(prop, "name") == 0) return value;
        if (!alias && strcmp(prop, "alias") == 0) alias = value;
    }
    return alias;
}

static bool is_person(vigil_schema s) { return s == VIGIL_SCHEMA_PERSON; }

static bool is_organization(vigil_schema s)
{
    return s == VIGIL_SCHEMA_ORGANIZATION || s == VIGIL_SCHEMA_COMPANY || s == VIGIL_SCHEMA_LEGAL_ENTITY;
}

static enum culture culture_of(const struct toks *k, const struct str *hint, vigil_schema schema)
{
    struct ko_name ko;
    if (!is_person(schema)) return CULT_OTHER;
    if (is_korean_name(k, hint, &ko)) return CULT_KOREAN;
    if (is_slavic_name(k, hint)) return CULT_SLAVIC;
    if (is_arabic_name(k)) return CULT_ARABIC;
    return CULT_OTHER;
}

static void latin_variants(struct gen *g, uint32_t e)
{
    const vigil_index *ix = g->corpus.ix;
    const char *name = latin_name(ix, e);
    if (!name) return;
    vigil_schema schema = vigil_index_entity_schema(ix, e);
    struct toks k;
    if (!toks_split(name, &k)) return;
    struct str hint = {0}, q = {0};
    entity_hint(ix, e, &hint);
    enum culture culture = culture_of(&k, &hint, schema);
    struct rng *r = &g->rng;
    if (make_typo(r, &k, 1, &q)) emit_positive(g, "typo1", e, schema, q.p, name);
    if (make_typo(r, &k, 2, &q)) emit_positive(g, "typo2", e, schema, q.p, name);
    if (is_person(schema) && make_reorder(r, &k, &q)) emit_positive(g, "reorder", e, schema, q.p, name);
    if (is_person(schema) && make_middle(r, &k, name, culture, &q)) emit_positive(g, "middle", e, schema, q.p, name);
    if (is_organization(schema) && make_legal(r, &k, true, &q)) emit_positive(g, "legal", e, schema, q.p, name);
    if (make_spacing(r, &k, name, &q)) emit_positive(g, "spacing", e, schema, q.p, name);
    toks_free(&k);
    str_free(&hint);
    str_free(&q);
}

/* ---------------------------------------------------- cross-script sets */

struct pools {
    uint32_t *ko, *ru, *ar;
    size_t nko, nru, nar;
};

static void pools_build(struct gen *g, struct pools *p)
{
    const vigil_index *ix = g->corpus.ix;
    uint32_t n = vigil_index_entity_count(ix);
    memset(p, 0, sizeof *p);
    p->ko = bench_alloc(n * sizeof *p->ko);
    p->ru = bench_alloc(n * sizeof *p->ru);
    p->ar = bench_alloc(n * sizeof *p->ar);
    struct str hint = {0};
    for (uint32_t e = 0; e < n; e++) {
        if (!is_person(vigil_index_entity_schema(ix, e))) continue;
        const char *name = latin_name(ix, e);
        struct toks k;
        if (!name || !toks_split(name, &k)) continue;
        entity_hint(ix, e, &hint);
        switch (culture_of(&k, &hint, VIGIL_SCHEMA_PERSON)) {
        case CULT_KOREAN: p->ko[p->nko++] = e; break;
        case CULT_SLAVIC: p->ru[p->nru++] = e; break;
        case CULT_ARABIC: p->ar[p->nar++] = e; break;
        default: break;
        }
        toks_free(&k);
    }
    str_free(&hint);
}

/* The first `take` entries of a seeded shuffle. */
static size_t sample(struct rng *r, uint32_t *v, size_t n, size_t take)
{
    if (take > n) take = n;
    for (size_t i = 0; i < take; i++) {
        size_t j = i + rng_below(r, (uint32_t)(n - i));
        uint32_t t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
    return take;
}

static void korean_renderings(struct gen *g, uint32_t e, const char *name, const struct toks *k,
                              const struct ko_name *ko, bool positive)
{
    struct rng *r = &g->rng;
    struct str q = {0};
    char surname[16];
    ascii_lower_letters(k->t[0], surname, sizeof surname);
    ko_to_hangul(ko, rng_chance(r, 0.2), &q);
    if (positive) emit_positive(g, "ko-hangul", e, VIGIL_SCHEMA_PERSON, q.p, name);
    else emit(g, "neg-ko-hangul", false, VIGIL_SCHEMA_PERSON, q.p, name, NULL, 0);
    ko_to_cyrillic(ko, rng_chance(r, 0.5) ? KO_CYR_PRESS : KO_CYR_STRICT, &q);
    if (positive) emit_positive(g, "ko-cyrillic", e, VIGIL_SCHEMA_PERSON, q.p, name);
    else emit(g, "neg-ko-cyrillic", false, VIGIL_SCHEMA_PERSON, q.p, name, NULL, 0);
    ko_to_rr(ko, surname, (int)rng_below(r, 3), (int)rng_below(r, 3), &q);
    if (positive) emit_positive(g, "ko-rr", e, VIGIL_SCHEMA_PERSON, q.p, name);
    else if (corpus_clear_of(&g->corpus, q.p)) emit(g, "neg-ko-rr", false, VIGIL_SCHEMA_PERSON, q.p, name, NULL, 0);
    str_free(&q);
}

static void slavic_renderings(struct gen *g, uint32_t e, const char *name, const struct toks *k, bool ukrainian,
                              bool positive)
{
    struct str q = {0};
    slavic_to_cyrillic((const char *const *)k->t, k->n, ukrainian, &q);
    if (positive) emit_positive(g, "ru-cyrillic", e, VIGIL_SCHEMA_PERSON, q.p, name);
    else emit(g, "neg-ru-cyrillic", false, VIGIL_SCHEMA_PERSON, q.p, name, NULL, 0);
    if (make_ru_latin(&g->rng, k, &q)) {
        if (positive) emit_positive(g, "ru-latin", e, VIGIL_SCHEMA_PERSON, q.p, name);
        else if (corpus_clear_of(&g->corpus, q.p))
            emit(g, "neg-ru-latin", false, VIGIL_SCHEMA_PERSON, q.p, name, NULL, 0);
    }
    str_free(&q);
}

static void arabic_renderings(struct gen *g, uint32_t e, const char *name, const struct toks *k, bool positive)
{
    struct str q = {0};
    ar_to_arabic((const char *const *)k->t, k->n, &q);
    if (positive) emit_positive(g, "ar-arabic", e, VIGIL_SCHEMA_PERSON, q.p, name);
    else emit(g, "neg-ar-arabic", false, VIGIL_SCHEMA_PERSON, q.p, name, NULL, 0);
    if (make_ar_latin(&g->rng, k, &q)) {
        if (positive) emit_positive(g, "ar-latin", e, VIGIL_SCHEMA_PERSON, q.p, name);
        else if (corpus_clear_of(&g->corpus, q.p))
            emit(g, "neg-ar-latin", false, VIGIL_SCHEMA_PERSON, q.p, name, NULL, 0);
    }
    str_free(&q);
}

static void cross_variants(struct gen *g, size_t per_set)
{
    struct pools p;
    pools_build(g, &p);
    fprintf(stderr, "variants: cross-script pools: %zu Korean, %zu Russian/Ukrainian, %zu Arabic persons\n", p.nko,
            p.nru, p.nar);
    const vigil_index *ix = g->corpus.ix;
    struct str hint = {0};
    size_t n = sample(&g->rng, p.ko, p.nko, per_set);
    for (size_t i = 0; i < n; i++) {
        const char *name = latin_name(ix, p.ko[i]);
        struct toks k;
        struct ko_name ko;
        toks_split(name, &k);
        ko_parse_name((const char *const *)k.t, k.n, &ko);
        korean_renderings(g, p.ko[i], name, &k, &ko, true);
        toks_free(&k);
    }
    n = sample(&g->rng, p.ru, p.nru, per_set);
    for (size_t i = 0; i < n; i++) {
        const char *name = latin_name(ix, p.ru[i]);
        struct toks k;
        toks_split(name, &k);
        entity_hint(ix, p.ru[i], &hint);
        slavic_renderings(g, p.ru[i], name, &k, is_ukrainian(&k, &hint), true);
        toks_free(&k);
    }
    n = sample(&g->rng, p.ar, p.nar, per_set);
    for (size_t i = 0; i < n; i++) {
        const char *name = latin_name(ix, p.ar[i]);
        struct toks k;
        toks_split(name, &k);
        arabic_renderings(g, p.ar[i], name, &k, true);
        toks_free(&k);
    }
    str_free(&hint);
    free(p.ko);
    free(p.ru);
    free(p.ar);
}

/* ----------------------------------------------------------- negatives */

#define ZPICK(r, table) ((table)[rng_zipfish((r), (uint32_t)NP_LEN(table))])

static void synth_person(struct rng *r, enum np_culture c, struct str *out)
{
    str_reset(out);
    switch (c) {
    case NP_ANGLO:
        str_printf(out, "%s %s %s", ZPICK(r, np_anglo_first), ZPICK(r, np_anglo_first), ZPICK(r, np_anglo_last));
        break;
    case NP_HISPANIC:
        str_printf(out, "%s %s %s", ZPICK(r, np_hispanic_first), ZPICK(r, np_hispanic_last),
                   ZPICK(r, np_hispanic_last));
        break;
    case NP_SLAVIC: {
        const char *father = ZPICK(r, np_slavic_first_m);
        size_t n = strlen(father);
        if (n > 1 && (father[n - 1] == 'o' || father[n - 1] == 'a')) n--;
        str_printf(out, "%s %.*s%s %s%s", ZPICK(r, np_slavic_first_m), (int)n, father,
                   father[n - 1] == 'y' ? "evich" : "ovich", ZPICK(r, np_slavic_root), "ov");
        break;
    }
    case NP_ARABIC:
        str_printf(out, "%s %s %s", ZPICK(r, np_arabic_first), ZPICK(r, np_arabic_first), ZPICK(r, np_arabic_family));
        break;
    case NP_KOREAN: {
        const char *g1 = ZPICK(r, np_korean_given), *g2 = ZPICK(r, np_korean_given);
        while (g2 == g1) g2 = RNG_PICK(r, np_korean_given); /* no "Chol Chol" */
        str_printf(out, "%s %s %s", ZPICK(r, np_korean_surname), g1, g2);
        break;
    }
    case NP_CHINESE: {
        const char *g2 = ZPICK(r, np_chinese_given);
        str_printf(out, "%s %s%c%s", ZPICK(r, np_chinese_surname), ZPICK(r, np_chinese_given),
                   (char)tolower((unsigned char)g2[0]), g2 + 1);
        break;
    }
    case NP_TURKIC:
        str_printf(out, "%s %s", ZPICK(r, np_turkic_first), ZPICK(r, np_turkic_last));
        break;
    default:
        str_printf(out, "%s %s", ZPICK(r, np_african_first), ZPICK(r, np_african_last));
        break;
    }
}

static void synth_company(struct rng *r, enum np_culture c, struct str *out)
{
    str_reset(out);
    str_printf(out, "%s %s %s", np_company_root[c][rng_zipfish(r, 24)], ZPICK(r, np_company_activity),
               np_company_legal[c][rng_below(r, 4)]);
}

/* Real companies and people with common names, none of them sanctioned;
 * any that share words with a listed name are skipped by the check. */
static const char *const clean_companies[] = {
    "Microsoft Corporation", "Alphabet Inc.", "Amazon.com, Inc.", "Unilever PLC", "BASF SE", "Bayer AG",
    "Volkswagen AG", "Honda Motor Co., Ltd.", "Sony Group Corporation", "Hitachi, Ltd.",
    "Tata Consultancy Services Limited", "Infosys Limited", "Banco Santander, S.A.", "BNP Paribas SA",
    "HSBC Holdings plc", "Barclays PLC", "Deutsche Bank AG", "Nokia Oyj", "Heineken N.V.", "Danone S.A.",
    "L'Oreal S.A.", "Carrefour SA", "Tesco PLC", "Walmart Inc.", "The Procter & Gamble Company", "Johnson & Johnson",
    "Pfizer Inc.", "Novartis AG", "Roche Holding AG", "AstraZeneca PLC", "ABB Ltd", "Koninklijke Philips N.V.",
    "Shell plc", "TotalEnergies SE", "Eni S.p.A.", "Enel S.p.A.", "Iberdrola, S.A.", "Telefonica, S.A.",
    "Vodafone Group Plc", "Orange S.A.", "Airbus SE", "The Boeing Company", "Caterpillar Inc.", "Deere & Company",
    "3M Company", "Intel Corporation", "Cisco Systems, Inc.", "Oracle Corporation", "SAP SE", "Adidas AG",
    "Nike, Inc.", "The Coca-Cola Company", "PepsiCo, Inc.", "McDonald's Corporation", "Starbucks Corporation",
    "Hyundai Motor Company", "LG Electronics Inc.", "SK Hynix Inc.", "Kia Corporation", "Lenovo Group Limited",
    "Alibaba Group Holding Limited", "Tencent Holdings Limited", "Turkcell Iletisim Hizmetleri A.S.",
    "Koc Holding A.S.", "Dangote Cement Plc", "MTN Group Limited", "Safaricom PLC", "Naspers Limited",
    "Grupo Bimbo, S.A.B. de C.V.", "Cemex, S.A.B. de C.V.", "Ecopetrol S.A.", "Embraer S.A.",
    "Maersk Line A/S", "Siemens Aktiengesellschaft", "Toyota Motor Corporation", "Nestle S.A.",
    "Samsung Electronics Co., Ltd.", "Panasonic Holdings Corporation", "Canon Inc.", "Fujitsu Limited",
    "Accenture plc", "Allianz SE", "AXA SA", "Zurich Insurance Group AG", "UBS Group AG", "ING Groep N.V.",
    "Rio Tinto plc", "BHP Group Limited", "Anglo American plc", "Glencore plc", "Volvo AB", "Ericsson AB",
    "Equinor ASA", "Repsol, S.A.", "Inditex S.A.", "Mercado Libre, Inc.", "Petroleo Brasileiro S.A.",
    "Reliance Industries Limited", "Wipro Limited", "Mahindra & Mahindra Limited", "Emirates NBD Bank PJSC",
    "Qatar National Bank Q.P.S.C.", "Etihad Airways PJSC", "Kuwait Finance House K.S.C.P.",
};
static const char *const clean_people[] = {
    "John Smith", "Mary Johnson", "James Williams", "Patricia Brown", "Robert Jones", "Jennifer Garcia",
    "Michael Miller", "Linda Davis", "David Rodriguez", "Elizabeth Martinez", "William Wilson", "Barbara Anderson",
    "Richard Taylor", "Susan Thomas", "Joseph Moore", "Jessica Martin", "Thomas Jackson", "Sarah Thompson",
    "Emma Schmidt", "Lukas Mueller", "Sophie Dubois", "Pierre Lefebvre", "Giulia Rossi", "Marco Bianchi",
    "Lucas Silva", "Ana Santos", "Sofia Hernandez", "Mateo Gonzalez", "Yuki Tanaka", "Hiroshi Suzuki",
    "Priya Sharma", "Rahul Gupta", "Anil Kumar", "Sunita Patel", "Wei Zhang", "Li Na Wang", "Min-jun Kim",
    "Seo-yeon Park", "Olga Sokolova", "Dmitry Volkov", "Anna Kowalska", "Piotr Nowak", "Jan de Vries",
    "Lars Andersen", "Ingrid Johansson", "Mehmet Yilmaz", "Ayse Demir", "Fatima Zahra Bennani",
    "Omar Farouk Haddad", "Chinedu Okafor", "Ngozi Adeyemi", "Kwame Mensah", "Thabo Nkosi", "Aisha Bello",
    "Nguyen Van Anh", "Tran Thi Mai", "Siti Nurhaliza", "Budi Santoso", "Maria Fernanda Lopez",
    "Jose Luis Ramirez", "Carlos Eduardo Souza", "Isabella Costa", "Liam O'Connor", "Siobhan Murphy",
    "Noah Cohen", "Tamar Levi", "Arjun Reddy", "Kavya Iyer", "Hannah Becker", "Felix Wagner",
};

static void negatives(struct gen *g, size_t latin_count, size_t cross_count)
{
    struct rng *r = &g->rng;
    struct str q = {0};
    size_t made = 0;
    for (size_t attempt = 0; made < latin_count && attempt < latin_count * 20; attempt++) {
        enum np_culture c = (enum np_culture)(attempt % NP_CULTURE_COUNT);
        bool company = rng_chance(r, 0.3);
        if (company) synth_company(r, c, &q);
        else synth_person(r, c, &q);
        if (!corpus_clear_of(&g->corpus, q.p)) continue;
        if (korean_listed(&g->corpus, q.p)) continue;
        emit(g, "neg-latin", false, company ? VIGIL_SCHEMA_COMPANY : VIGIL_SCHEMA_PERSON, q.p, q.p, NULL, 0);
        made++;
    }
    for (size_t i = 0; i < COUNT_OF(clean_companies); i++)
        if (corpus_clear_of(&g->corpus, clean_companies[i]))
            emit(g, "neg-clean", false, VIGIL_SCHEMA_COMPANY, clean_companies[i], clean_companies[i], NULL, 0);
    for (size_t i = 0; i < COUNT_OF(clean_people); i++)
        if (corpus_clear_of(&g->corpus, clean_people[i]))
            emit(g, "neg-clean", false, VIGIL_SCHEMA_PERSON, clean_people[i], clean_people[i], NULL, 0);
    if (cross_count == 0) goto done;
    /* Cross-script negatives: unlisted names of each culture, rendered the
     * way the positives are. */
    size_t ko = 0, ru = 0, ar = 0;
    for (size_t attempt = 0; attempt < cross_count * 60 && (ko < cross_count || ru < cross_count || ar < cross_count);
         attempt++) {
        enum np_culture c = attempt % 3 == 0 ? NP_KOREAN : attempt % 3 == 1 ? NP_SLAVIC : NP_ARABIC;
        size_t *count = c == NP_KOREAN ? &ko : c == NP_SLAVIC ? &ru : &ar;
        if (*count >= cross_count) continue;
        synth_person(r, c, &q);
        if (!corpus_clear_of(&g->corpus, q.p)) continue;
        if (korean_listed(&g->corpus, q.p)) continue;
        struct toks k;
        toks_split(q.p, &k);
        if (c == NP_KOREAN) {
            struct ko_name kn;
            if (ko_parse_name((const char *const *)k.t, k.n, &kn)) {
                korean_renderings(g, 0, q.p, &k, &kn, false);
                (*count)++;
            }
        } else if (c == NP_SLAVIC) {
            slavic_renderings(g, 0, q.p, &k, false, false);
            (*count)++;
        } else {
            arabic_renderings(g, 0, q.p, &k, false);
            (*count)++;
        }
        toks_free(&k);
    }
done:
    str_free(&q);
}

/* ----------------------------------------------------------------- main */

static void usage(void)
{
    fprintf(stderr, "usage: variants --index FILE [--seed S] [--count N] [--cross N] [--negatives N]\n"
                    "                [--cross-negatives N] [--no-cross] [--out FILE]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *index_path = NULL, *out_path = NULL;
    unsigned long long seed = 42;
    size_t count = 2000, cross = 600, negs = 1500, cross_negs = 400;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--no-cross") == 0) {
            cross = cross_negs = 0;
            continue;
        }
        if (!v) usage();
        if (strcmp(a, "--index") == 0) index_path = v;
        else if (strcmp(a, "--out") == 0) out_path = v;
        else if (strcmp(a, "--seed") == 0) seed = strtoull(v, NULL, 10);
        else if (strcmp(a, "--count") == 0) count = strtoull(v, NULL, 10);
        else if (strcmp(a, "--cross") == 0) cross = strtoull(v, NULL, 10);
        else if (strcmp(a, "--negatives") == 0) negs = strtoull(v, NULL, 10);
        else if (strcmp(a, "--cross-negatives") == 0) cross_negs = strtoull(v, NULL, 10);
        else usage();
        i++;
    }
    if (!index_path) usage();
    vigil_index *ix = NULL;
    vigil_error err;
    if (vigil_index_open(index_path, &ix, &err) != VIGIL_OK) {
        char buf[700];
        bench_die("variants: %s", vigil_error_format(&err, buf, sizeof buf));
    }
    struct gen g = {0};
    rng_seed(&g.rng, seed);
    g.out = out_path ? fopen(out_path, "w") : stdout;
    if (!g.out) bench_die("variants: %s: %s", out_path, strerror(errno));
    corpus_load(&g.corpus, ix);

    uint32_t n = vigil_index_entity_count(ix);
    uint32_t *latin = bench_alloc((size_t)n * sizeof *latin);
    size_t nlatin = 0;
    for (uint32_t e = 0; e < n; e++)
        if (latin_name(ix, e)) latin[nlatin++] = e;
    size_t take = sample(&g.rng, latin, nlatin, count);
    for (size_t i = 0; i < take; i++) latin_variants(&g, latin[i]);
    free(latin);
    if (cross) cross_variants(&g, cross);
    negatives(&g, negs, cross_negs);
    if (fflush(g.out) != 0 || (out_path && fclose(g.out) != 0)) bench_die("variants: write failed");
    fprintf(stderr, "variants: %zu rows from %u entities (seed %llu)\n", g.rows, n, seed);
    vigil_index_close(ix);
    return 0;
}
